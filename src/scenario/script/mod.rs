//! Scripted orders: which orders an actor gives at which turn, written by
//! hand in TOML (an orders file for `simulate --orders`, or the
//! `[[tests]]` of a scenario), and the tests a scenario carries.
//!
//! This module only reads and checks scripts; `sim::script` plays them.
//! See docs/orders.md for the format.

mod check;
pub mod raw;

pub(crate) use check::{Lookup, actors, entries};

use crate::scenario::diagnostic::{Diagnostic, ScenarioError};
use crate::scenario::expr::Expr;
use crate::scenario::{ActorId, MoveId, Scenario};

/// A script: orders per turn per actor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Script {
    /// The entries in file order; a later entry wins over an earlier one
    /// that gives the same actor's orders for the same turn.
    pub entries: Vec<Entry>,
    /// Actors the AI plays on the turns the script gives them no orders.
    pub ai: Vec<ActorId>,
}

/// One actor's orders for a turn or a range of turns.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// First turn (1-based).
    pub from: u32,
    /// Last turn, inclusive (`u32::MAX`: to the end of the game).
    pub to: u32,
    pub actor: ActorId,
    /// Empty: explicitly no orders.
    pub orders: Vec<ScriptedOrder>,
    /// Line of the actor's key in its file.
    pub line: u32,
}

/// One order of a script, checked against the scenario's moves.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptedOrder {
    pub mv: MoveId,
    pub target: Option<ActorId>,
    pub level: i32,
    /// Line of the order in its file.
    pub line: u32,
}

impl Script {
    /// The entry that gives `actor`'s orders at `turn`: the last one in
    /// the file covering that turn. `None`: the script is silent, and the
    /// actor gives no orders (or the AI plays it, if it is in `ai`).
    pub fn orders_at(&self, turn: u32, actor: ActorId) -> Option<&Entry> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.actor == actor && e.from <= turn && turn <= e.to)
    }

    /// Does the script give orders to `actor` anywhere?
    pub fn names(&self, actor: ActorId) -> bool {
        self.entries.iter().any(|e| e.actor == actor)
    }

    /// Adds `later`'s entries and AI actors after this script's: where
    /// both give an actor's orders for a turn, `later` wins.
    pub fn then(mut self, later: &Script) -> Script {
        self.entries.extend(later.entries.iter().cloned());
        for a in &later.ai {
            if !self.ai.contains(a) {
                self.ai.push(*a);
            }
        }
        self
    }
}

/// An orders file (`simulate --orders`, `replay`), checked.
#[derive(Debug, Clone, PartialEq)]
pub struct OrdersFile {
    /// The `scenario` key, if given (a bundled id or a path relative to the file).
    pub scenario: Option<String>,
    pub seed: Option<u64>,
    pub script: Script,
}

/// When an expectation is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// After this turn is played.
    At(u32),
    /// After at least one of the turns 1 up to this one.
    By(u32),
    /// When the game is over (or the test stops).
    End,
}

/// One expectation of a test: a condition and when it must hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Expectation {
    pub when: When,
    pub that: Expr,
    /// The condition as written.
    pub text: String,
    /// Line and column of the condition in the scenario file.
    pub line: u32,
    pub column: u32,
}

/// One `[[tests]]` entry of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioTest {
    pub name: String,
    /// Line of the test's `name` in the scenario file.
    pub line: u32,
    pub seed: Option<u64>,
    /// Stop after this many turns.
    pub turns: Option<u32>,
    /// Orders file played under the inline script (relative to the scenario).
    pub orders_file: Option<String>,
    /// The inline script (its `ai` is the test's `ai`).
    pub script: Script,
    pub expect: Vec<Expectation>,
}

/// Parses and checks an orders file against `scn`. `origin` names the
/// file in messages; every problem is reported with its line and column.
pub fn load_orders_str(
    origin: &str,
    text: &str,
    scn: &Scenario,
) -> Result<OrdersFile, ScenarioError> {
    let raw = parse_orders(origin, text)?;
    let lookup = Lookup::of(text, scn);
    let mut diags = Vec::new();
    let script = Script {
        entries: entries(&lookup, &raw.turn, &mut diags),
        ai: actors(&lookup, &raw.ai, &mut diags),
    };
    if !diags.is_empty() {
        diags.sort_by_key(|d| d.span.start);
        return Err(ScenarioError {
            origin: origin.to_string(),
            text: text.to_string(),
            diagnostics: diags,
        });
    }
    Ok(OrdersFile {
        scenario: raw.scenario.map(|s| s.get_ref().clone()),
        seed: raw.seed.map(|s| *s.get_ref()),
        script,
    })
}

/// Parses an orders file without checking ids (to learn which scenario it
/// names before loading that scenario).
pub fn parse_orders(origin: &str, text: &str) -> Result<raw::RawOrdersFile, ScenarioError> {
    if text.len() > crate::scenario::MAX_FILE_BYTES {
        return Err(ScenarioError::single(
            origin,
            "",
            Diagnostic::new(
                format!(
                    "the file is {} bytes; an orders file may be at most {} bytes",
                    text.len(),
                    crate::scenario::MAX_FILE_BYTES
                ),
                0..0,
            ),
        ));
    }
    toml::from_str(text).map_err(|e| ScenarioError {
        origin: origin.to_string(),
        text: text.to_string(),
        diagnostics: crate::scenario::syntax::explain_in(text, &e, false),
    })
}

/// Reads a file as text for an orders file or a scenario, as an error a
/// person can act on.
pub fn read_text(path: &std::path::Path) -> Result<String, ScenarioError> {
    let origin = path.display().to_string();
    crate::files::read_text_capped(path, crate::scenario::MAX_FILE_BYTES as u64).map_err(|e| {
        ScenarioError::single(
            &origin,
            "",
            Diagnostic::new(e.to_string(), 0..0)
                .help("name a regular UTF-8 text file of at most 1 MiB"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(from: u32, to: u32, actor: u16, line: u32) -> Entry {
        Entry {
            from,
            to,
            actor: ActorId(actor),
            orders: Vec::new(),
            line,
        }
    }

    #[test]
    fn the_last_entry_covering_a_turn_wins() {
        let s = Script {
            entries: vec![
                entry(1, u32::MAX, 0, 1),
                entry(3, 3, 0, 2),
                entry(2, 4, 1, 3),
            ],
            ai: Vec::new(),
        };
        assert_eq!(s.orders_at(1, ActorId(0)).map(|e| e.line), Some(1));
        assert_eq!(s.orders_at(3, ActorId(0)).map(|e| e.line), Some(2));
        assert_eq!(s.orders_at(9, ActorId(0)).map(|e| e.line), Some(1));
        assert_eq!(s.orders_at(1, ActorId(1)), None);
        assert_eq!(s.orders_at(4, ActorId(1)).map(|e| e.line), Some(3));
        assert!(s.names(ActorId(1)) && !s.names(ActorId(2)));
    }
}
