//! Text helpers: scenario text made safe for the terminal, and the small
//! formats (changes, percentages) every screen uses.

use crate::scenario::clean_text;

/// One line of scenario text with every control character removed
/// (a scenario must never be able to send escape sequences). Line breaks
/// become spaces.
pub fn clean(s: &str) -> String {
    clean_text(&s.replace(['\n', '\r'], " "), false)
}

/// Scenario text that may span lines, with every other control character removed.
pub fn clean_lines(s: &str) -> String {
    clean_text(&s.replace("\r\n", "\n"), true)
}

/// A change with an arrow: `▲2.3`, `▼0.8`, or `·` when it is nothing.
pub fn arrow(d: f64) -> String {
    if d >= 0.05 {
        format!("▲{d:.1}")
    } else if d <= -0.05 {
        format!("▼{:.1}", -d)
    } else {
        "·".to_string()
    }
}

/// A signed number with one decimal, using a real minus sign.
pub fn signed(d: f64) -> String {
    let s = format!("{d:+.1}");
    s.replacen('-', "−", 1)
}

/// Capital amounts: whole numbers without decimals, halves with one.
pub fn amount(v: f64) -> String {
    if v.abs() < 0.05 {
        "0".to_string()
    } else if (v - v.round()).abs() < 0.05 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A meter as a whole number rounded down, so a threshold is never shown
/// crossed before it is ("Confrontation 59", not 60, at 59.8).
pub fn whole(v: f64) -> String {
    format!("{:.0}", v.floor())
}

/// A meter with one decimal, rounded down for the same reason (59.96
/// reads 59.9, never 60.0).
pub fn tenths(v: f64) -> String {
    format!("{:.1}", (v * 10.0).floor() / 10.0)
}

/// An estimate on a scale `lo`–`hi`: `~35 ±8`, or the band as a range
/// when it runs past an end of the scale (`~86–100`, never `~100 ±14`).
pub fn estimate(value: f64, spread: f64, lo: f64, hi: f64) -> String {
    let (a, b) = (value - spread, value + spread);
    if a < lo || b > hi {
        format!("~{:.0}–{:.0}", a.max(lo), b.min(hi))
    } else {
        format!("~{value:.0} ±{spread:.0}")
    }
}

/// A save's RFC 3339 time (`2026-12-06T13:09:36Z`) as people read it:
/// `2026-12-06 13:09 UTC`; anything else is shown as it is, cleaned.
pub fn utc(s: &str) -> String {
    let b = s.as_bytes();
    let shaped = b.len() >= 16
        && b.get(10) == Some(&b'T')
        && b.get(13) == Some(&b':')
        && s.is_char_boundary(16);
    if shaped && s.ends_with('Z') {
        format!("{} {} UTC", &s[..10], &s[11..16])
    } else {
        clean(s)
    }
}

/// The furthest a wrapped text of `lines` may scroll in a box of
/// `width` × `height` cells (inside its border) so that its last line
/// stays at the bottom: lists never scroll past their end.
pub fn max_scroll(lines: &[ratatui::text::Line], width: u16, height: u16) -> u16 {
    let rows: usize = lines
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            let w = width.max(1) as usize;
            // Words wrap (`wrap`) and padding counts (the ceiling): the
            // larger of the two, so the last line is always reachable.
            wrap(&text, w)
                .len()
                .max(text.chars().count().div_ceil(w))
                .max(1)
        })
        .sum();
    u16::try_from(rows.saturating_sub(height as usize)).unwrap_or(u16::MAX)
}

/// Cuts a string to at most `max` characters, ending with `…` when cut.
pub fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// Splits text into lines of at most `width` characters at spaces (a
/// word longer than a line is cut).
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let need = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && need > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > width {
            let head: String = line.chars().take(width).collect();
            let tail: String = line.chars().skip(width).collect();
            out.push(head);
            line = tail;
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_strips_escape_sequences() {
        assert_eq!(clean("a\x1b[31mb\nc"), "a[31mb c");
        assert_eq!(clean_lines("x\r\ny\x07"), "x\ny");
    }

    #[test]
    fn formats() {
        assert_eq!(arrow(2.34), "▲2.3");
        assert_eq!(arrow(-0.8), "▼0.8");
        assert_eq!(arrow(0.01), "·");
        assert_eq!(signed(-1.25), "−1.2");
        assert_eq!(amount(2.5), "2.5");
        assert_eq!(amount(3.0), "3");
        assert_eq!(amount(-0.0), "0");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(utc("2026-12-06T13:09:36Z"), "2026-12-06 13:09 UTC");
        assert_eq!(utc("yesterday"), "yesterday");
        assert_eq!(whole(59.8), "59");
        assert_eq!(whole(39.5), "39");
        assert_eq!(tenths(59.96), "59.9");
        assert_eq!(estimate(100.0, 14.0, 0.0, 100.0), "~86–100");
        assert_eq!(estimate(3.0, 8.0, 0.0, 100.0), "~0–11");
        assert_eq!(estimate(35.0, 8.0, 0.0, 100.0), "~35 ±8");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }
}
