//! Text from save files and file names, made safe to print on a terminal.
//!
//! A save's file name can hold any byte but `/`, and its content anything a
//! text editor can type: an escape sequence there (`ESC [ 2 J`, a title
//! change, a hyperlink, a bracketed-paste end) would be obeyed by the
//! terminal that `flashpoint saves` or `flashpoint replay` prints to. Every
//! such character is shown as a visible escape instead.

use std::fmt::Write as _;

/// Whether a terminal could act on `c` or it could disguise the text
/// around it: C0 and C1 control characters (ESC, the one-byte CSI U+009B,
/// BEL, backspace, carriage return, …), DEL, and the bidirectional
/// formatting characters ("Trojan source").
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// `s` with every [unsafe](is_unsafe) character escaped (`\n`, `\t`, `\r`,
/// else `\u{1b}` style). With `keep_newlines`, line breaks and tabs stay
/// as they are (for multi-line messages); otherwise the result is one line.
pub fn escape(s: &str, keep_newlines: bool) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\t' if keep_newlines => out.push(c),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// JSON text with the unsafe characters that JSON writers leave raw (DEL,
/// C1 controls, bidirectional formatting) written as `\uXXXX` escapes. They
/// can only occur inside JSON strings, so the document means the same.
pub fn json_safe(json: &str) -> String {
    if !json.chars().any(is_unsafe_in_json) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if is_unsafe_in_json(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// Unsafe characters other than the JSON layout's own newlines and spaces
/// (a JSON writer already escapes every control character below U+0020
/// inside strings).
fn is_unsafe_in_json(c: char) -> bool {
    is_unsafe(c) && !matches!(c, '\n' | '\t' | '\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_reach_the_terminal_only_as_visible_text() {
        assert_eq!(escape("plain name.toml", false), "plain name.toml");
        assert_eq!(
            escape("a\u{1b}[2Jb\u{7}\u{9b}31m", false),
            "a\\u{1b}[2Jb\\u{7}\\u{9b}31m"
        );
        assert_eq!(escape("x\ny\tz\r", false), "x\\ny\\tz\\r");
        assert_eq!(escape("x\ny\tz\r", true), "x\ny\tz\\r");
        assert_eq!(escape("ab\u{202e}cd", false), "ab\\u{202e}cd");
        assert!(!escape("\u{1b}\u{9b}\u{7f}", true).chars().any(is_unsafe));
    }

    #[test]
    fn json_stays_json() {
        let v = serde_json::json!({"t": "a\u{1b}b\u{9b}c\u{7f}d\u{2066}"});
        let s = serde_json::to_string_pretty(&v).unwrap();
        let safe = json_safe(&s);
        assert!(!safe.chars().any(is_unsafe_in_json), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, v);
    }
}
