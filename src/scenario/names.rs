//! Names players see: how wide they are on a terminal, and whether they
//! can be seen at all.
//!
//! A name is drawn in table cells, headers and borders. An empty or
//! zero-width name shows as a blank row; a 10,000-character one pushes
//! the title out of the header; a wide character or an emoji flag counted
//! as one column breaks a border. So names are checked when a scenario is
//! loaded, and widths are measured in terminal columns with the
//! `unicode-width` crate, never in bytes or characters.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `s` with its first letter upper-case ("the Council …" at the start of
/// a headline, a stat's name as a title): one place, so every caller
/// treats a non-ASCII first letter the same.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Widest actor name, in terminal columns.
pub const MAX_ACTOR_NAME: usize = 40;
/// Widest actor `short` name, in columns (e.g. "DPRK").
pub const MAX_SHORT_NAME: usize = 8;
/// Widest move, track, stage or deal name, in columns.
pub const MAX_NAME: usize = 40;
/// Widest escalation level name, in columns.
pub const MAX_LEVEL_NAME: usize = 24;
/// Widest scenario title, in columns.
pub const MAX_TITLE: usize = 60;

/// How many terminal columns `s` takes: wide (CJK) characters and emoji
/// count 2, combining marks and zero-width characters 0, a flag (a pair
/// of regional indicators) 2. The UI should use this, not `len()` or
/// `chars().count()`, to pad and cut text.
pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// What is wrong with a name, if anything: (message, help). `what` names
/// it in the message ("actor name"); `max` is the widest allowed.
pub(crate) fn name_problem(what: &str, s: &str, max: usize) -> Option<(String, String)> {
    if let Some(c) = s.chars().find(|c| c.is_control()) {
        return Some((
            format!(
                "the {what} holds a control character (U+{:04X})",
                u32::from(c)
            ),
            "a name is one line of visible text: remove tabs, line breaks and other control characters".into(),
        ));
    }
    if let Some(c) = s.chars().find(|c| is_direction_mark(*c)) {
        return Some((
            format!(
                "the {what} holds an invisible direction mark (U+{:04X})",
                u32::from(c)
            ),
            "remove it; it can make text read differently from how it looks".into(),
        ));
    }
    if s.trim().is_empty() {
        return Some((
            format!("the {what} is blank"),
            "give it a name players can read".into(),
        ));
    }
    if !s.chars().any(visible) {
        return Some((
            format!("the {what} has no visible characters"),
            "it is made only of invisible characters (such as zero-width spaces); give it a name players can read".into(),
        ));
    }
    let w = display_width(s);
    if w > max {
        return Some((
            format!("the {what} is {w} columns wide; at most {max} fit"),
            "shorten it (wide characters and emoji count two columns); longer text belongs in a description or briefing".into(),
        ));
    }
    None
}

/// Draws something: not a space, not zero-width, not a known blank.
fn visible(c: char) -> bool {
    !c.is_whitespace()
        && c.width().unwrap_or(0) > 0
        && !matches!(
            c,
            '\u{00AD}' | '\u{115F}' | '\u{1160}' | '\u{2800}' | '\u{3164}' | '\u{FFA0}'
        )
}

fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_terminal_columns() {
        assert_eq!(display_width("Borvia"), 6);
        assert_eq!(display_width("日本"), 4);
        assert_eq!(display_width("🇺🇸"), 2);
        assert_eq!(display_width("a\u{200b}b"), 2);
        assert_eq!(display_width("e\u{301}"), 1);
    }

    #[test]
    fn good_names_pass() {
        for n in [
            "Kingdom of Borvia",
            "日本国",
            "🇺🇸 United States",
            "Côte d’Ivoire",
        ] {
            assert_eq!(name_problem("actor name", n, 40), None, "{n}");
        }
    }

    #[test]
    fn bad_names_are_named() {
        let msg = |s: &str| name_problem("actor name", s, 10).map(|(m, _)| m);
        assert_eq!(msg("").as_deref(), Some("the actor name is blank"));
        assert_eq!(msg("   ").as_deref(), Some("the actor name is blank"));
        assert_eq!(
            msg("\u{200b}\u{200b}").as_deref(),
            Some("the actor name has no visible characters")
        );
        assert!(
            msg("a\u{7}b")
                .unwrap()
                .contains("control character (U+0007)")
        );
        assert!(msg("a\u{202e}b").unwrap().contains("direction mark"));
        assert_eq!(
            msg("日本日本日本").as_deref(),
            Some("the actor name is 12 columns wide; at most 10 fit")
        );
    }
}
