//! Bookkeeping as a parameter of resolution. A real turn keeps the full
//! ledger of changes and the events for the report; a what-if turn of the
//! AI keeps nothing, so it spends no time building them. Resolution is
//! generic over the recorder, so the choice costs nothing at run time.

use super::events::Event;
use super::ledger::Change;

/// What a resolution keeps of what happened.
pub trait Recorder {
    /// Keeps every change with its cause (and regional tension's share of it).
    const CHANGES: bool;
    /// Keeps the events.
    const EVENTS: bool;
    /// Records a change (called only when [`Recorder::CHANGES`]).
    fn change(&mut self, c: Change);
    /// Records an event (called only when [`Recorder::EVENTS`]).
    fn event(&mut self, e: Event);
}

/// Everything: the turn report, the debrief and saves need it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ledger {
    pub changes: Vec<Change>,
    pub events: Vec<Event>,
}

impl Recorder for Ledger {
    const CHANGES: bool = true;
    const EVENTS: bool = true;
    fn change(&mut self, c: Change) {
        self.changes.push(c);
    }
    fn event(&mut self, e: Event) {
        self.events.push(e);
    }
}

/// Events only: batch statistics count what happened but never ask why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventsOnly {
    pub events: Vec<Event>,
}

impl Recorder for EventsOnly {
    const CHANGES: bool = false;
    const EVENTS: bool = true;
    fn change(&mut self, _: Change) {}
    fn event(&mut self, e: Event) {
        self.events.push(e);
    }
}

/// Nothing: the AI's what-if turns, which only need the resulting state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Silent;

impl Recorder for Silent {
    const CHANGES: bool = false;
    const EVENTS: bool = false;
    fn change(&mut self, _: Change) {}
    fn event(&mut self, _: Event) {}
}
