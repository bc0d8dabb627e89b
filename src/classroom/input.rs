//! Terminal input bytes → crossterm [`Event`]s.
//!
//! crossterm parses the bytes of its *own* terminal only: its parser is not
//! public. Over SSH the bytes arrive from the student's terminal in channel
//! data packets, so the server needs its own parser. This one follows
//! crossterm's conventions (an uppercase letter carries `SHIFT`, `Ctrl+A`
//! is `Char('a')` with `CONTROL`, every key is a `Press`) so the game's key
//! handlers work the same locally and over SSH.
//!
//! It is incremental (a sequence may be split across packets), bounded (an
//! unfinished sequence is at most [`MAX_SEQUENCE`] bytes; a bracketed paste
//! keeps at most `paste_limit` bytes and drops the rest) and never fails:
//! bytes it does not understand are skipped.
//!
//! A lone `Esc` cannot be told from the start of a sequence by looking at
//! the bytes: [`InputParser::has_pending`] says that bytes are waiting, and
//! the caller calls [`InputParser::flush_pending`] after a short quiet time
//! (the server uses [`super::Limits::esc_timeout`]).

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

/// The longest unfinished escape sequence kept between packets; anything
/// longer is not a key and is dropped, so a hostile client cannot grow it.
pub const MAX_SEQUENCE: usize = 64;

/// Bracketed paste start and end markers (enabled by the server with
/// `CSI ? 2004 h`).
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// An incremental, bounded parser from terminal input bytes to events.
#[derive(Debug)]
pub struct InputParser {
    /// Bytes of an unfinished sequence (at most [`MAX_SEQUENCE`], or the tail
    /// of a paste that may hold a split end marker).
    pending: Vec<u8>,
    /// Inside a bracketed paste: the text kept so far.
    paste: Option<Vec<u8>>,
    /// How many paste bytes are kept; the rest of a paste is dropped.
    paste_limit: usize,
    /// The previous byte was `\r`: a following `\n` is part of the same Enter.
    after_cr: bool,
}

/// What one attempt to read an event from the front of a buffer found.
enum Step {
    /// `len` bytes were consumed, giving this event (or nothing, for a
    /// sequence that is understood but not wanted, such as a mouse report).
    Done(Option<Event>, usize),
    /// The bytes may be the start of a sequence: wait for more.
    Incomplete,
    /// The start of a bracketed paste (`len` bytes).
    PasteStart(usize),
}

impl InputParser {
    /// A parser that keeps at most `paste_limit` bytes of one paste.
    pub fn new(paste_limit: usize) -> Self {
        Self {
            pending: Vec::new(),
            paste: None,
            paste_limit,
            after_cr: false,
        }
    }

    /// True when bytes are held back waiting for the rest of a sequence: the
    /// caller should call [`Self::flush_pending`] if nothing more arrives soon.
    /// (An unfinished paste is not "pending": it waits for its end marker.)
    pub fn has_pending(&self) -> bool {
        self.paste.is_none() && !self.pending.is_empty()
    }

    /// Bytes held in memory by the parser (for tests of the bounds).
    pub fn buffered(&self) -> usize {
        self.pending.len() + self.paste.as_ref().map_or(0, Vec::len)
    }

    /// Parses `bytes`, appending the completed events to `out`.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Event>) {
        let mut input = std::mem::take(&mut self.pending);
        input.extend_from_slice(bytes);
        let mut at = 0;
        while at < input.len() {
            if self.paste.is_some() {
                at += self.feed_paste(&input[at..], out);
                if self.paste.is_some() {
                    break;
                }
                continue;
            }
            let rest = &input[at..];
            match step(rest) {
                Step::Done(event, len) => {
                    let is_lf = rest.first() == Some(&b'\n');
                    let swallow = is_lf && self.after_cr;
                    self.after_cr = rest.first() == Some(&b'\r');
                    if let Some(event) = event.filter(|_| !swallow) {
                        out.push(event);
                    }
                    at += len;
                }
                Step::PasteStart(len) => {
                    self.paste = Some(Vec::new());
                    self.after_cr = false;
                    at += len;
                }
                Step::Incomplete => {
                    if rest.len() > MAX_SEQUENCE {
                        // Not a sequence we know: drop the escape byte and go on.
                        at += 1;
                    } else {
                        self.pending.extend_from_slice(rest);
                        break;
                    }
                }
            }
        }
        input.clear();
        if self.pending.capacity() > 4 * MAX_SEQUENCE {
            self.pending.shrink_to(MAX_SEQUENCE);
        }
    }

    /// Consumes paste bytes from `bytes`, returning how many were used. Ends
    /// the paste (pushing [`Event::Paste`]) when the end marker is found; keeps
    /// a possible partial end marker in `pending` otherwise.
    fn feed_paste(&mut self, bytes: &[u8], out: &mut Vec<Event>) -> usize {
        let limit = self.paste_limit;
        let Some(paste) = self.paste.as_mut() else {
            return bytes.len();
        };
        let keep = |paste: &mut Vec<u8>, chunk: &[u8]| {
            let room = limit.saturating_sub(paste.len());
            paste.extend_from_slice(&chunk[..chunk.len().min(room)]);
        };
        if let Some(end) = find(bytes, PASTE_END) {
            keep(paste, &bytes[..end]);
            let text = String::from_utf8_lossy(paste).into_owned();
            out.push(Event::Paste(text));
            self.paste = None;
            return end + PASTE_END.len();
        }
        // Keep the longest suffix that could start the end marker.
        let tail = (1..PASTE_END.len())
            .rev()
            .find(|&n| n <= bytes.len() && bytes.ends_with(&PASTE_END[..n]))
            .unwrap_or(0);
        keep(paste, &bytes[..bytes.len() - tail]);
        self.pending.extend_from_slice(&bytes[bytes.len() - tail..]);
        bytes.len()
    }

    /// Nothing more arrived for a while: what is held back is taken as typed.
    /// A lone `ESC` is the Esc key; `ESC [` and `ESC O` are Alt+`[` and
    /// Alt+`O`; an unfinished longer sequence or UTF-8 character is dropped.
    pub fn flush_pending(&mut self, out: &mut Vec<Event>) {
        if self.paste.is_some() {
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        match pending.as_slice() {
            [] => {}
            [0x1b] => out.push(key(KeyCode::Esc, KeyModifiers::NONE)),
            [0x1b, c @ (b'[' | b'O')] => {
                out.push(key(KeyCode::Char(*c as char), KeyModifiers::ALT))
            }
            _ => {}
        }
    }
}

/// A key press, as crossterm reports it.
fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Reads one event from the front of `buf` (never empty).
fn step(buf: &[u8]) -> Step {
    match buf[0] {
        0x1b => escape(buf),
        _ => match plain(buf) {
            Some((event, len)) => Step::Done(event, len),
            None => Step::Incomplete,
        },
    }
}

/// A key that is not an escape sequence: a control byte or a UTF-8
/// character. `None` when a multi-byte character is not complete yet.
fn plain(buf: &[u8]) -> Option<(Option<Event>, usize)> {
    let none = KeyModifiers::NONE;
    let b = buf[0];
    let event = match b {
        b'\r' | b'\n' => key(KeyCode::Enter, none),
        b'\t' => key(KeyCode::Tab, none),
        0x7f | 0x08 => key(KeyCode::Backspace, none),
        0x00 => key(KeyCode::Char(' '), KeyModifiers::CONTROL),
        0x01..=0x1a => key(
            KeyCode::Char((b - 0x01 + b'a') as char),
            KeyModifiers::CONTROL,
        ),
        0x1c..=0x1f => key(
            KeyCode::Char((b - 0x1c + b'4') as char),
            KeyModifiers::CONTROL,
        ),
        0x20..=0x7e => char_key(b as char),
        _ => return utf8(buf),
    };
    Some((Some(event), 1))
}

/// A printable character; uppercase letters carry SHIFT as in crossterm.
fn char_key(c: char) -> Event {
    let modifiers = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key(KeyCode::Char(c), modifiers)
}

/// A multi-byte UTF-8 character at the front of `buf`.
fn utf8(buf: &[u8]) -> Option<(Option<Event>, usize)> {
    let need = match buf[0] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        // A continuation byte or an invalid lead byte: skip it.
        _ => return Some((None, 1)),
    };
    if buf.len() < need {
        // Wait for the rest unless what we have is already invalid.
        return if buf[1..].iter().all(|b| b & 0xc0 == 0x80) {
            None
        } else {
            Some((None, 1))
        };
    }
    match std::str::from_utf8(&buf[..need]) {
        Ok(s) => {
            let c = s.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            Some((Some(char_key(c)), need))
        }
        Err(_) => Some((None, 1)),
    }
}

/// A sequence starting with ESC.
fn escape(buf: &[u8]) -> Step {
    let Some(&second) = buf.get(1) else {
        return Step::Incomplete;
    };
    match second {
        b'[' => csi(buf),
        b'O' => ss3(buf),
        // ESC ESC: the first one is an Esc key; the second starts afresh.
        0x1b => Step::Done(Some(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
        _ => match plain(&buf[1..]) {
            None => Step::Incomplete,
            Some((Some(Event::Key(mut k)), len)) => {
                k.modifiers |= KeyModifiers::ALT;
                Step::Done(Some(Event::Key(k)), len + 1)
            }
            Some((_, len)) => Step::Done(None, len + 1),
        },
    }
}

/// `ESC O x`: cursor keys in application mode, F1–F4, keypad Enter.
fn ss3(buf: &[u8]) -> Step {
    let Some(&c) = buf.get(2) else {
        return Step::Incomplete;
    };
    let code = match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        b'M' => KeyCode::Enter,
        _ => return Step::Done(None, 3),
    };
    Step::Done(Some(key(code, KeyModifiers::NONE)), 3)
}

/// `ESC [ params final`.
fn csi(buf: &[u8]) -> Step {
    // Linux console F1–F5: ESC [ [ A..E
    if buf.get(2) == Some(&b'[') {
        let Some(&c) = buf.get(3) else {
            return Step::Incomplete;
        };
        let event = match c {
            b'A'..=b'E' => Some(key(KeyCode::F(c - b'A' + 1), KeyModifiers::NONE)),
            _ => None,
        };
        return Step::Done(event, 4);
    }
    // Old X10 mouse report: ESC [ M and three bytes.
    if buf.get(2) == Some(&b'M') {
        return if buf.len() < 6 {
            Step::Incomplete
        } else {
            Step::Done(None, 6)
        };
    }
    // Find the final byte (0x40..=0x7e) after parameter/intermediate bytes.
    let mut end = None;
    for (i, &b) in buf.iter().enumerate().skip(2) {
        match b {
            0x20..=0x3f => continue,
            0x40..=0x7e => {
                end = Some(i);
                break;
            }
            // Not a CSI sequence after all: drop the introducer.
            _ => return Step::Done(None, 2),
        }
    }
    let Some(end) = end else {
        return Step::Incomplete;
    };
    let len = end + 1;
    if buf[..len] == *PASTE_START {
        return Step::PasteStart(len);
    }
    let params = &buf[2..end];
    let final_byte = buf[end];
    // Private or mouse sequences (`ESC [ < ...`, `ESC [ ? ...`) are not keys.
    if params
        .first()
        .is_some_and(|b| matches!(b, b'<' | b'=' | b'>' | b'?'))
    {
        return Step::Done(None, len);
    }
    let numbers: Vec<u32> = std::str::from_utf8(params)
        .unwrap_or("")
        .split(';')
        .map(|p| p.split(':').next().unwrap_or("").parse().unwrap_or(0))
        .collect();
    let first = numbers.first().copied().unwrap_or(0);
    let modifiers = numbers
        .get(1)
        .copied()
        .map_or(KeyModifiers::NONE, xterm_modifiers);
    let code = match final_byte {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        b'Z' => {
            return Step::Done(Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)), len);
        }
        b'I' if params.is_empty() => return Step::Done(Some(Event::FocusGained), len),
        b'O' if params.is_empty() => return Step::Done(Some(Event::FocusLost), len),
        b'~' => match tilde_key(first) {
            Some(code) => code,
            None => return Step::Done(None, len),
        },
        b'u' => match char::from_u32(first) {
            Some(c) => return Step::Done(Some(csi_u(c, modifiers)), len),
            None => return Step::Done(None, len),
        },
        _ => return Step::Done(None, len),
    };
    Step::Done(Some(key(code, modifiers)), len)
}

/// The key of `ESC [ n ~` (VT220 style).
fn tilde_key(n: u32) -> Option<KeyCode> {
    Some(match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F((n - 10) as u8),
        17..=21 => KeyCode::F((n - 11) as u8),
        23 | 24 => KeyCode::F((n - 12) as u8),
        _ => return None,
    })
}

/// A key reported as `ESC [ codepoint ; modifiers u` (the fixterms / kitty
/// form some terminals use for Ctrl and Alt combinations).
fn csi_u(c: char, modifiers: KeyModifiers) -> Event {
    let code = match c {
        '\r' => KeyCode::Enter,
        '\t' if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        '\t' => KeyCode::Tab,
        '\x1b' => KeyCode::Esc,
        '\x7f' => KeyCode::Backspace,
        c => KeyCode::Char(c),
    };
    key(code, modifiers)
}

/// xterm's modifier parameter: 1 + (Shift=1, Alt=2, Ctrl=4, Meta=8).
fn xterm_modifiers(param: u32) -> KeyModifiers {
    let bits = param.saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    if bits & 8 != 0 {
        m |= KeyModifiers::META;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(bytes: &[u8]) -> Vec<Event> {
        let mut p = InputParser::new(1024);
        let mut out = Vec::new();
        p.feed(bytes, &mut out);
        p.flush_pending(&mut out);
        out
    }

    fn k(code: KeyCode) -> Event {
        key(code, KeyModifiers::NONE)
    }

    fn km(code: KeyCode, m: KeyModifiers) -> Event {
        key(code, m)
    }

    #[test]
    fn printable_ascii_and_utf8() {
        assert_eq!(
            parse("aZ é€😀".as_bytes()),
            vec![
                k(KeyCode::Char('a')),
                km(KeyCode::Char('Z'), KeyModifiers::SHIFT),
                k(KeyCode::Char(' ')),
                k(KeyCode::Char('é')),
                k(KeyCode::Char('€')),
                k(KeyCode::Char('😀')),
            ]
        );
    }

    #[test]
    fn control_keys() {
        assert_eq!(
            parse(b"\r\t\x7f\x08\x01\x1a\x00"),
            vec![
                k(KeyCode::Enter),
                k(KeyCode::Tab),
                k(KeyCode::Backspace),
                k(KeyCode::Backspace),
                km(KeyCode::Char('a'), KeyModifiers::CONTROL),
                km(KeyCode::Char('z'), KeyModifiers::CONTROL),
                km(KeyCode::Char(' '), KeyModifiers::CONTROL),
            ]
        );
    }

    #[test]
    fn crlf_is_one_enter_but_two_crs_are_two() {
        assert_eq!(parse(b"\r\n"), vec![k(KeyCode::Enter)]);
        assert_eq!(parse(b"\n"), vec![k(KeyCode::Enter)]);
        assert_eq!(parse(b"\r\r"), vec![k(KeyCode::Enter), k(KeyCode::Enter)]);
    }

    #[test]
    fn arrows_and_editing_keys_in_both_modes() {
        assert_eq!(
            parse(b"\x1b[A\x1b[B\x1b[C\x1b[D\x1bOA\x1bOD\x1b[H\x1b[F\x1bOH\x1bOF"),
            vec![
                k(KeyCode::Up),
                k(KeyCode::Down),
                k(KeyCode::Right),
                k(KeyCode::Left),
                k(KeyCode::Up),
                k(KeyCode::Left),
                k(KeyCode::Home),
                k(KeyCode::End),
                k(KeyCode::Home),
                k(KeyCode::End),
            ]
        );
        assert_eq!(
            parse(b"\x1b[1~\x1b[2~\x1b[3~\x1b[4~\x1b[5~\x1b[6~\x1b[7~\x1b[8~"),
            vec![
                k(KeyCode::Home),
                k(KeyCode::Insert),
                k(KeyCode::Delete),
                k(KeyCode::End),
                k(KeyCode::PageUp),
                k(KeyCode::PageDown),
                k(KeyCode::Home),
                k(KeyCode::End),
            ]
        );
    }

    #[test]
    fn function_keys_f1_to_f12() {
        let bytes = b"\x1bOP\x1bOQ\x1bOR\x1bOS\x1b[15~\x1b[17~\x1b[18~\x1b[19~\x1b[20~\x1b[21~\x1b[23~\x1b[24~";
        let expected: Vec<Event> = (1..=12).map(|n| k(KeyCode::F(n))).collect();
        assert_eq!(parse(bytes), expected);
        // VT220 F1-F4 and the Linux console's F1-F5.
        assert_eq!(
            parse(b"\x1b[11~\x1b[14~\x1b[[A\x1b[[E"),
            vec![
                k(KeyCode::F(1)),
                k(KeyCode::F(4)),
                k(KeyCode::F(1)),
                k(KeyCode::F(5))
            ]
        );
    }

    #[test]
    fn modifiers_on_special_keys() {
        assert_eq!(
            parse(b"\x1b[1;5A\x1b[1;2C\x1b[3;3~\x1b[1;6P\x1b[Z"),
            vec![
                km(KeyCode::Up, KeyModifiers::CONTROL),
                km(KeyCode::Right, KeyModifiers::SHIFT),
                km(KeyCode::Delete, KeyModifiers::ALT),
                km(KeyCode::F(1), KeyModifiers::CONTROL | KeyModifiers::SHIFT),
                km(KeyCode::BackTab, KeyModifiers::SHIFT),
            ]
        );
    }

    #[test]
    fn alt_letters_and_alt_control() {
        assert_eq!(
            parse(b"\x1bx\x1bX\x1b\x01\x1b\x7f\x1b\xc3\xa9"),
            vec![
                km(KeyCode::Char('x'), KeyModifiers::ALT),
                km(KeyCode::Char('X'), KeyModifiers::ALT | KeyModifiers::SHIFT),
                km(
                    KeyCode::Char('a'),
                    KeyModifiers::ALT | KeyModifiers::CONTROL
                ),
                km(KeyCode::Backspace, KeyModifiers::ALT),
                km(KeyCode::Char('é'), KeyModifiers::ALT),
            ]
        );
    }

    #[test]
    fn lone_esc_waits_for_the_timeout() {
        let mut p = InputParser::new(1024);
        let mut out = Vec::new();
        p.feed(b"\x1b", &mut out);
        assert!(out.is_empty(), "an Esc might start a sequence");
        assert!(p.has_pending());
        p.flush_pending(&mut out);
        assert_eq!(out, vec![k(KeyCode::Esc)]);
        assert!(!p.has_pending());
    }

    #[test]
    fn double_esc_is_two_escs() {
        assert_eq!(parse(b"\x1b\x1b"), vec![k(KeyCode::Esc), k(KeyCode::Esc)]);
        // Esc then an arrow that arrived together.
        assert_eq!(parse(b"\x1b\x1b[A"), vec![k(KeyCode::Esc), k(KeyCode::Up)]);
    }

    #[test]
    fn esc_bracket_alone_is_alt_bracket() {
        assert_eq!(
            parse(b"\x1b["),
            vec![km(KeyCode::Char('['), KeyModifiers::ALT)]
        );
    }

    #[test]
    fn sequences_split_across_packets() {
        let whole = b"\x1b[1;5A\x1b[24~\xe2\x82\xac\x1bOP";
        for cut in 1..whole.len() {
            let mut p = InputParser::new(1024);
            let mut out = Vec::new();
            p.feed(&whole[..cut], &mut out);
            p.feed(&whole[cut..], &mut out);
            assert_eq!(
                out,
                vec![
                    km(KeyCode::Up, KeyModifiers::CONTROL),
                    k(KeyCode::F(12)),
                    k(KeyCode::Char('€')),
                    k(KeyCode::F(1)),
                ],
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn bracketed_paste_split_anywhere() {
        let whole = b"a\x1b[200~hello\r\nworld\x1b[201~b";
        for cut in 1..whole.len() {
            let mut p = InputParser::new(1024);
            let mut out = Vec::new();
            p.feed(&whole[..cut], &mut out);
            p.feed(&whole[cut..], &mut out);
            assert_eq!(
                out,
                vec![
                    k(KeyCode::Char('a')),
                    Event::Paste("hello\r\nworld".into()),
                    k(KeyCode::Char('b')),
                ],
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn paste_is_capped_and_memory_stays_bounded() {
        let mut p = InputParser::new(100);
        let mut out = Vec::new();
        p.feed(PASTE_START, &mut out);
        let chunk = vec![b'x'; 32 * 1024];
        for _ in 0..64 {
            p.feed(&chunk, &mut out);
            assert!(p.buffered() <= 100 + PASTE_END.len());
        }
        p.feed(PASTE_END, &mut out);
        assert_eq!(out, vec![Event::Paste("x".repeat(100))]);
        assert_eq!(p.buffered(), 0);
    }

    #[test]
    fn garbage_is_skipped_and_bounded() {
        // An endless CSI parameter string is dropped, not buffered.
        let mut p = InputParser::new(1024);
        let mut out = Vec::new();
        p.feed(b"\x1b[", &mut out);
        for _ in 0..1000 {
            p.feed(b"1;1;1;1;", &mut out);
            assert!(p.buffered() <= MAX_SEQUENCE);
        }
        p.feed(b"q", &mut out);
        p.flush_pending(&mut out);
        assert!(out.contains(&k(KeyCode::Char('q'))), "{out:?}");
        // Invalid UTF-8 and unknown sequences produce nothing, then parsing goes on.
        assert_eq!(
            parse(b"\xff\xc3\x28\x1b[99~\x1b[<0;1;1M\x1b[?1;2cz").last(),
            Some(&k(KeyCode::Char('z')))
        );
    }

    #[test]
    fn focus_and_csi_u() {
        assert_eq!(
            parse(b"\x1b[I\x1b[O\x1b[97;5u\x1b[13;2u"),
            vec![
                Event::FocusGained,
                Event::FocusLost,
                km(KeyCode::Char('a'), KeyModifiers::CONTROL),
                km(KeyCode::Enter, KeyModifiers::SHIFT),
            ]
        );
    }

    #[test]
    fn every_byte_string_is_safe() {
        // A small exhaustive-ish check: all 2-byte and a spread of 3-byte inputs
        // parse without panicking and leave a bounded buffer.
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let mut p = InputParser::new(64);
                let mut out = Vec::new();
                p.feed(&[a, b], &mut out);
                p.feed(&[0x1b, a, b], &mut out);
                p.flush_pending(&mut out);
                assert!(p.buffered() <= MAX_SEQUENCE);
            }
        }
    }
}
