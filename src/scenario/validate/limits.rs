//! The size limits of a scenario's lists, checked before anything else.
//!
//! A file over a limit is refused with that one message per list: going
//! on would only report follow-on mistakes (the 25th actor's id would be
//! "unknown" in every relation and expression that names it).

use super::{MAX_ACTORS, MAX_ENDINGS, MAX_EVENTS, MAX_LEVELS, MAX_MOVES, MAX_TRACKS, Validator};
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::raw::{RawScenario, Spanned};

impl Validator<'_> {
    /// Reports every list longer than its limit; true if there was one.
    pub(super) fn over_limits(&mut self, raw: &RawScenario) -> bool {
        let before = self.diags.len();
        self.limit(
            "escalation level",
            "[[escalation]]",
            &raw.escalation,
            MAX_LEVELS,
        );
        self.limit("actor", "[[actors]]", &raw.actors, MAX_ACTORS);
        self.limit("track", "[[tracks]]", &raw.tracks, MAX_TRACKS);
        self.limit("move", "[[moves]]", &raw.moves, MAX_MOVES);
        self.limit("event", "[[events]]", &raw.events, MAX_EVENTS);
        self.limit("ending", "[[endings]]", &raw.endings, MAX_ENDINGS);
        self.diags.len() > before
    }

    fn limit<T>(&mut self, what: &str, table: &str, list: &[Spanned<T>], max: usize) {
        if list.len() <= max {
            return;
        }
        let extra = list.len() - max;
        self.err(
            Diagnostic::new(
                format!(
                    "{} {what}s; a scenario may have at most {max}",
                    list.len()
                ),
                list[max].span(),
            )
            .label(format!("the {}th {table} entry", max + 1))
            .help(format!(
                "remove {extra} {what}{} (or merge similar ones); the rest of the file is checked once it is within the limit",
                if extra == 1 { "" } else { "s" }
            )),
        );
    }
}
