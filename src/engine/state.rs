//! The game state: plain data, serialisable, compared byte for byte in tests.

use serde::{Deserialize, Serialize};

use super::ledger::Cause;
use crate::scenario::{ActorId, Op, Scenario, Stat, SystemId, TrackId};

/// A set of actors as a bit mask (scenarios have at most 24 actors), so
/// "who knows of this shipment" is one word, copied for free in lookahead.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActorSet(pub u32);

impl ActorSet {
    /// No actor.
    pub const EMPTY: ActorSet = ActorSet(0);

    /// The first `n` actors.
    pub fn all(n: usize) -> ActorSet {
        if n >= 32 {
            ActorSet(u32::MAX)
        } else {
            ActorSet((1u32 << n) - 1)
        }
    }

    /// Exactly these actors.
    pub fn of(actors: &[ActorId]) -> ActorSet {
        let mut s = ActorSet::EMPTY;
        for a in actors {
            s.insert(*a);
        }
        s
    }

    /// Is `a` in the set?
    pub fn contains(self, a: ActorId) -> bool {
        a.0 < 32 && self.0 & (1 << a.0) != 0
    }

    /// Adds `a`.
    pub fn insert(&mut self, a: ActorId) {
        if a.0 < 32 {
            self.0 |= 1 << a.0;
        }
    }

    /// How many actors are in the set.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// True when no actor is in the set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The actors in the set, in scenario order.
    pub fn iter(self) -> impl Iterator<Item = ActorId> {
        (0..32u16)
            .filter(move |i| self.0 & (1 << i) != 0)
            .map(ActorId)
    }
}

/// A square table indexed by (actor, actor), stored row by row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grid<T> {
    n: usize,
    cells: Vec<T>,
}

/// An empty table (no actors): what a field added after a save was written
/// reads as. [`Grid::try_get`] reads it safely; [`Grid::get`] would panic.
impl<T> Default for Grid<T> {
    fn default() -> Self {
        Grid {
            n: 0,
            cells: Vec::new(),
        }
    }
}

impl<T: Copy> Grid<T> {
    /// A table for `n` actors filled from a row-major vector of n×n cells.
    pub fn from_cells(n: usize, cells: Vec<T>) -> Self {
        debug_assert_eq!(cells.len(), n * n);
        Grid { n, cells }
    }

    /// The cell for (a, b).
    pub fn get(&self, a: ActorId, b: ActorId) -> T {
        self.cells[a.index() * self.n + b.index()]
    }

    /// The cell for (a, b), or `None` outside the table (an empty table
    /// read from an older save).
    pub fn try_get(&self, a: ActorId, b: ActorId) -> Option<T> {
        if a.index() >= self.n || b.index() >= self.n {
            return None;
        }
        self.cells.get(a.index() * self.n + b.index()).copied()
    }

    /// Sets the cell for (a, b).
    pub fn set(&mut self, a: ActorId, b: ActorId, v: T) {
        self.cells[a.index() * self.n + b.index()] = v;
    }

    /// Number of actors per side.
    pub fn size(&self) -> usize {
        self.n
    }

    /// Every cell, row by row.
    pub fn cells(&self) -> &[T] {
        &self.cells
    }
}

/// One actor's changing values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorState {
    /// The five stats, in [`Stat::ALL`] order, each 0–100.
    pub stats: [f64; 5],
    /// Political capital available to spend.
    pub capital: f64,
    /// Threat perception, 0–100.
    pub threat: f64,
}

impl ActorState {
    /// One stat.
    pub fn stat(&self, s: Stat) -> f64 {
        self.stats[s.index()]
    }
}

/// An effect with its amount already computed: what shipments carry and
/// factories produce, so that they apply later exactly as ordered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Delta {
    Stat {
        actor: ActorId,
        stat: Stat,
        op: Op,
        amount: f64,
    },
    Track {
        track: TrackId,
        actor: Option<ActorId>,
        op: Op,
        amount: f64,
    },
    Capital {
        actor: ActorId,
        amount: f64,
    },
    Threat {
        actor: ActorId,
        amount: f64,
    },
    ShowOfForce {
        actor: ActorId,
        amount: f64,
    },
    Relation {
        from: ActorId,
        to: ActorId,
        amount: f64,
    },
    Tension {
        a: ActorId,
        b: ActorId,
        amount: f64,
    },
    Sanction {
        from: ActorId,
        to: ActorId,
        op: Op,
        amount: f64,
    },
}

/// Arms on their way from one actor to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shipment {
    /// Unique within a game, in order of dispatch.
    pub id: u32,
    /// What it carries (a name in `scenario.systems`).
    pub system: SystemId,
    pub from: ActorId,
    pub to: ActorId,
    /// Turns until it arrives: it arrives at the end of the turn `turns_left`
    /// turns after the current one (0: at the end of this turn).
    pub turns_left: u32,
    /// The turn it was ordered.
    pub sent_turn: u32,
    /// Hidden from actors not party to it.
    pub covert: bool,
    /// Who knows of this shipment (parties always; others once revealed).
    pub known: ActorSet,
    /// What happens when it arrives.
    pub arrive: Vec<Delta>,
    /// The order that sent it.
    pub cause: Cause,
    /// How much it alarms the parties' rivals when it comes to light (a
    /// covert shipment; see `alarm` in the scenario format).
    #[serde(default)]
    pub alarm: f64,
}

/// A factory that produces every turn until dismantled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Factory {
    /// Unique within a game, in order of construction.
    pub id: u32,
    /// What kind of plant it is (a name in `scenario.systems`).
    pub system: SystemId,
    /// Where it stands.
    pub at: ActorId,
    /// Who built it.
    pub owner: ActorId,
    pub built_turn: u32,
    pub covert: bool,
    /// Who knows of this factory (parties always; others once revealed).
    pub known: ActorSet,
    /// What it produces each turn.
    pub each_turn: Vec<Delta>,
    /// The order (or event) that built it.
    pub cause: Cause,
    /// How much it alarms the parties' rivals when it comes to light.
    #[serde(default)]
    pub alarm: f64,
}

/// A council resolution waiting for its vote (next turn).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub proposer: ActorId,
    /// The actor the resolution sanctions.
    pub on: ActorId,
    /// Council sanction level proposed, 0–5 (0 lifts).
    pub level: u8,
    /// The turn it was proposed.
    pub turn: u32,
}

/// A deal offered and waiting for the receiver's answer (next turn).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    /// Index in `scenario.deals`.
    pub deal: usize,
    pub from: ActorId,
    pub to: ActorId,
    /// The level of the move that made the offer (amounts may use it).
    pub level: i32,
    pub turn: u32,
}

/// An accepted deal that still binds both sides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActiveDeal {
    pub deal: usize,
    pub giver: ActorId,
    pub taker: ActorId,
    /// The last turn it binds.
    pub until: u32,
}

/// How a game ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// The turn limit was reached.
    TurnLimit,
    /// Regional tension reached the clash threshold: everyone loses.
    Clash,
    /// A scenario ending's condition held; its index in `scenario.endings`.
    Ending { index: usize },
}

impl Outcome {
    /// A short stable key for reports: `turn_limit`, `clash` or the ending id.
    pub fn key(&self, scn: &Scenario) -> String {
        match self {
            Outcome::TurnLimit => "turn_limit".into(),
            Outcome::Clash => "clash".into(),
            Outcome::Ending { index } => scn
                .endings
                .get(*index)
                .map_or_else(|| format!("ending_{index}"), |e| e.id.clone()),
        }
    }
}

/// The meters at the end of one turn, for history charts and the debrief.
/// Kept by the game log ([`crate::engine::log::GameLog`]), never by the state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub turn: u32,
    pub regional: f64,
    pub level: usize,
    pub stats: Vec<[f64; 5]>,
    pub threat: Vec<f64>,
    pub capital: Vec<f64>,
    pub tracks: Vec<Vec<f64>>,
    /// Pair tension, row by row (n×n, symmetric).
    #[serde(default)]
    pub tension: Vec<f64>,
    /// Relations, row `from`, column `to` (n×n).
    #[serde(default)]
    pub relations: Vec<f64>,
    /// Unilateral sanction levels, row `from`, column `to` (n×n).
    #[serde(default)]
    pub sanctions: Vec<u8>,
    /// Crisis stage of each pair, row by row (n×n, symmetric).
    #[serde(default)]
    pub stage: Vec<u8>,
}

/// Everything that changes during a game: the current values only. What
/// happened before (history, the debrief's analytics) lives in the game log,
/// so cloning a state for the AI's lookahead is cheap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// Turns resolved so far; the next turn to play is `turn + 1`.
    pub turn: u32,
    pub actors: Vec<ActorState>,
    /// How each actor regards each other, −100–100.
    pub relations: Grid<f64>,
    /// Sanction level each actor imposes on each other, 0–5.
    pub sanctions: Grid<u8>,
    /// Pair tension, 0–100, kept symmetric.
    pub tension: Grid<f64>,
    /// The level each pair's tension relaxes to (it follows tension slowly
    /// when the scenario gives the pair a memory), kept symmetric.
    pub baseline: Grid<f64>,
    /// Each pair's crisis stage (0: none; 1…: the rungs of `[crisis]`),
    /// kept symmetric. Public: everyone sees how close a pair is to war.
    pub stage: Grid<u8>,
    /// Regional tension, 0–100.
    pub regional: f64,
    /// Index of the escalation level regional tension is in.
    pub level: usize,
    /// Track values: one per global track, one per actor for per-actor tracks.
    pub tracks: Vec<Vec<f64>>,
    pub shipments: Vec<Shipment>,
    pub factories: Vec<Factory>,
    /// Next id for a shipment or factory.
    pub next_id: u32,
    /// Per scripted event: has it fired?
    pub fired: Vec<bool>,
    /// Per actor, per objective: turns on which it held (for `over = "game"`).
    pub held: Vec<Vec<u32>>,
    pub outcome: Option<Outcome>,
    /// How closely each actor watches each other, 0–1 (row: observer).
    pub surveillance: Grid<f64>,
    /// Council sanction level on each actor, 0–5.
    pub council_sanctions: Vec<u8>,
    /// Resolutions waiting for their vote.
    pub proposals: Vec<Proposal>,
    /// Deals waiting for an answer.
    pub offers: Vec<Offer>,
    /// Accepted deals still in force.
    pub deals: Vec<ActiveDeal>,
    /// Recent conduct of each actor (row) toward each other (column): the
    /// Goldstein values of its overt orders that took effect, fading by
    /// half each turn (see [`crate::engine::conduct`]). Public, so every
    /// view copies it; the AI answers in kind from it. Empty in saves
    /// written before it existed, and sized on the next turn.
    #[serde(default)]
    pub conduct: Grid<f64>,
}

impl State {
    /// True once the game has ended.
    pub fn is_over(&self) -> bool {
        self.outcome.is_some()
    }

    /// One actor's state.
    pub fn actor(&self, a: ActorId) -> &ActorState {
        &self.actors[a.index()]
    }

    /// The value of a track (global: `who` is ignored).
    pub fn track(&self, t: TrackId, who: Option<ActorId>) -> f64 {
        let v = &self.tracks[t.index()];
        if v.len() == 1 {
            v[0]
        } else {
            who.map_or(0.0, |a| v[a.index()])
        }
    }

    /// The meters as they stand, for the history.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            turn: self.turn,
            regional: self.regional,
            level: self.level,
            stats: self.actors.iter().map(|a| a.stats).collect(),
            threat: self.actors.iter().map(|a| a.threat).collect(),
            capital: self.actors.iter().map(|a| a.capital).collect(),
            tracks: self.tracks.clone(),
            tension: self.tension.cells().to_vec(),
            relations: self.relations.cells().to_vec(),
            sanctions: self.sanctions.cells().to_vec(),
            stage: self.stage.cells().to_vec(),
        }
    }
}
