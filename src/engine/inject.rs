//! Instructor injects: the second kind of turn input besides orders. A
//! teacher running a class can make a scenario event happen now, or write a
//! news item with effects of their choosing; the referee hands them to the
//! engine with the turn's orders, and every change they make is recorded
//! under their own cause, so reports and the debrief can say "the
//! instructor did this".

use serde::{Deserialize, Serialize};

use super::state::Delta;
use crate::scenario::EventId;

/// One inject, applied at the start of the next turn's resolution (after
/// orders are paid for, before any move resolves).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Inject {
    /// A scripted event of the scenario, applied now: its condition and
    /// chance are ignored, its effects and headline are the scenario's.
    Event { event: EventId },
    /// A news item written by the instructor, with changes chosen from a
    /// form (amounts already worked out).
    News {
        headline: String,
        effects: Vec<Delta>,
    },
}
