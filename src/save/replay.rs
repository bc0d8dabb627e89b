//! Replaying a save's orders through the engine: turn-by-turn verification
//! against the saved state, and the game's timeline for reports.

use serde_json::Value;

use super::load::Opened;
use crate::engine::State;
use crate::engine::state::Snapshot;
use crate::engine::turn::Keep;
use crate::referee::Match;
use crate::scenario::{Scenario, Stat};
use crate::sim::GameRecord;

/// The result of checking one turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnCheck {
    /// The turn (0 is the start, before any orders).
    pub turn: u32,
    pub ok: bool,
    /// What differs first, when not ok.
    pub detail: Option<String>,
}

/// The result of replaying a save.
#[derive(Debug, Clone)]
pub struct Verification {
    /// One check per turn of the saved history, in order.
    pub turns: Vec<TurnCheck>,
    /// The game the replay gives, ready to continue.
    pub game: Match,
}

impl Verification {
    /// The first turn that does not match, if any.
    pub fn first_difference(&self) -> Option<&TurnCheck> {
        self.turns.iter().find(|t| !t.ok)
    }

    /// True when every turn and the final state match.
    pub fn ok(&self) -> bool {
        self.first_difference().is_none()
    }

    /// The state replaying the whole log gives.
    pub fn replayed(&self) -> &State {
        self.game.truth().state
    }
}

/// Replays a save's turns through the referee.
pub fn replay(o: &Opened) -> Match {
    let mut m = Match::new(
        o.scenario.clone(),
        o.seed,
        o.seats.clone(),
        Keep::Everything,
    );
    for t in &o.log {
        if m.is_over() {
            break;
        }
        m.replay_turn(t.orders.clone(), t.injects.clone());
    }
    for note in &o.file.instructor {
        m.note_instructor(note.clone());
    }
    m
}

/// Replays the orders from the start and compares, turn by turn, the meters
/// in the saved state's history with the replayed ones, then the whole
/// final state (shipments, factories, tracks, outcome, …).
pub fn verify(o: &Opened) -> Verification {
    let game = replay(o);
    let saved = o.saved_state();
    let mut turns = Vec::new();
    let replayed = game.truth().state;
    let replayed_history = &game.truth().log.snapshots;
    let saved_history = &o.file.history;
    let n = saved_history.len().max(replayed_history.len());
    for i in 0..n {
        let turn = i as u32;
        let detail = match (saved_history.get(i), replayed_history.get(i)) {
            (Some(a), Some(b)) if a == b => None,
            (Some(a), Some(b)) => Some(snapshot_diff(&o.scenario, a, b)),
            (Some(_), None) => Some(
                "the save has this turn in its history, but replaying its orders ends before it"
                    .to_string(),
            ),
            (None, Some(_)) => Some(
                "replaying the orders reaches this turn, but the saved history ends before it"
                    .to_string(),
            ),
            (None, None) => None,
        };
        turns.push(TurnCheck {
            turn,
            ok: detail.is_none(),
            detail,
        });
    }
    // A save written before conduct was kept has none to compare: the
    // replay's (made of the same orders) stands in for it.
    let filled;
    let saved = if saved.conduct.size() == 0 && replayed.conduct.size() != 0 {
        let mut s = saved.clone();
        s.conduct = replayed.conduct.clone();
        filled = s;
        &filled
    } else {
        saved
    };
    if turns.iter().all(|t| t.ok) && saved != replayed {
        let detail =
            state_diff(saved, replayed).unwrap_or_else(|| "the final states differ".to_string());
        match turns.last_mut() {
            Some(last) => {
                last.ok = false;
                last.detail = Some(detail);
            }
            None => turns.push(TurnCheck {
                turn: saved.turn,
                ok: false,
                detail: Some(detail),
            }),
        }
    }
    Verification { turns, game }
}

/// The first difference between two snapshots, with names from the scenario.
pub fn snapshot_diff(scn: &Scenario, saved: &Snapshot, replayed: &Snapshot) -> String {
    let diff = |what: String, a: &dyn std::fmt::Display, b: &dyn std::fmt::Display| {
        format!("{what}: saved {a}, replayed {b}")
    };
    if saved.regional != replayed.regional {
        return diff(
            "regional tension".into(),
            &saved.regional,
            &replayed.regional,
        );
    }
    if saved.level != replayed.level {
        return diff("escalation level".into(), &saved.level, &replayed.level);
    }
    let name = |i: usize| {
        scn.actors
            .get(i)
            .map_or_else(|| format!("actor #{i}"), |a| a.id.clone())
    };
    if saved.stats.len() != replayed.stats.len() {
        return diff(
            "number of actors".into(),
            &saved.stats.len(),
            &replayed.stats.len(),
        );
    }
    for (i, (a, b)) in saved.stats.iter().zip(&replayed.stats).enumerate() {
        for s in Stat::ALL {
            if a[s.index()] != b[s.index()] {
                return diff(
                    format!("{} {}", name(i), s.name()),
                    &a[s.index()],
                    &b[s.index()],
                );
            }
        }
    }
    for (what, xs, ys) in [
        ("threat", &saved.threat, &replayed.threat),
        ("capital", &saved.capital, &replayed.capital),
    ] {
        if xs.len() != ys.len() {
            return diff(format!("number of {what} values"), &xs.len(), &ys.len());
        }
        for (i, (a, b)) in xs.iter().zip(ys).enumerate() {
            if a != b {
                return diff(format!("{} {what}", name(i)), a, b);
            }
        }
    }
    for (t, (a, b)) in saved.tracks.iter().zip(&replayed.tracks).enumerate() {
        let id = scn
            .tracks
            .get(t)
            .map_or_else(|| format!("track #{t}"), |x| x.id.clone());
        if a.len() != b.len() {
            return diff(format!("track {id} size"), &a.len(), &b.len());
        }
        for (k, (x, y)) in a.iter().zip(b).enumerate() {
            if x != y {
                let who = if a.len() > 1 {
                    format!(" of {}", name(k))
                } else {
                    String::new()
                };
                return diff(format!("track {id}{who}"), x, y);
            }
        }
    }
    if saved.tracks.len() != replayed.tracks.len() {
        return diff(
            "number of tracks".into(),
            &saved.tracks.len(),
            &replayed.tracks.len(),
        );
    }
    if saved.turn != replayed.turn {
        return diff("turn number".into(), &saved.turn, &replayed.turn);
    }
    "the meters differ".into()
}

/// The first differing field of two states, as a path like
/// `state.shipments[0].turns_left: saved 2, replayed 1`.
pub fn state_diff(saved: &State, replayed: &State) -> Option<String> {
    let a = serde_json::to_value(saved).ok()?;
    let b = serde_json::to_value(replayed).ok()?;
    first_diff("state".to_string(), &a, &b)
}

fn first_diff(path: String, a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                let p = format!("{path}.{k}");
                match y.get(k) {
                    Some(vb) => {
                        if let Some(d) = first_diff(p, va, vb) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{p}: saved {va}, replayed (none)")),
                }
            }
            y.iter()
                .find(|(k, _)| !x.contains_key(*k))
                .map(|(k, vb)| format!("{path}.{k}: saved (none), replayed {vb}"))
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                if let Some(d) = first_diff(format!("{path}[{i}]"), va, vb) {
                    return Some(d);
                }
            }
            (x.len() != y.len())
                .then(|| format!("{path}: saved {} entries, replayed {}", x.len(), y.len()))
        }
        _ => (a != b).then(|| format!("{path}: saved {a}, replayed {b}")),
    }
}

/// The game's timeline: every turn re-resolved through the referee, with
/// its events, the ledger of changes and the computer players' reasons, in
/// the shape `flashpoint simulate` reports.
pub fn timeline(o: &Opened) -> GameRecord {
    crate::sim::record(&replay(o))
}
