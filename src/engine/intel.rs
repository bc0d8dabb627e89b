//! Fog of war, the rule: what one actor can know of the values hidden from
//! it, and how wrong its estimates are.
//!
//! An observer knows its own values exactly, and the public ones (relations,
//! tensions, sanctions, regional tension, prestige, non-secret tracks). Other
//! actors' stats and threat perception, and secret tracks it is not told,
//! it sees as estimates: the truth plus an error whose spread shrinks with
//! the observer's intelligence and with its surveillance of the actor, and
//! grows again as surveillance fades. Estimates are drawn from the game
//! seed, so the picture is the same every time it is asked for in a turn.
//! [`crate::perspective`] builds each player's view from this.

use serde::{Deserialize, Serialize};

use super::rng::{self, Stream};
use super::state::State;
use crate::scenario::{ActorId, Scenario, Scope, Stat};

/// One estimated value and how uncertain it is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// What the observer believes.
    pub value: f64,
    /// ± half-width of its uncertainty (0: known exactly).
    pub spread: f64,
}

impl Estimate {
    /// A value known exactly.
    pub fn exact(value: f64) -> Self {
        Estimate { value, spread: 0.0 }
    }

    /// Is the value known exactly?
    pub fn is_exact(&self) -> bool {
        self.spread == 0.0
    }
}

/// What one observer believes of every actor's stats and threat perception
/// and of every track, at one moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Picture {
    pub observer: ActorId,
    /// Per actor, per stat (in [`Stat::ALL`] order).
    pub stats: Vec<[Estimate; 5]>,
    /// Per actor: threat perception.
    pub threat: Vec<Estimate>,
    /// Per track, per value (one for a global track, one per actor else).
    pub tracks: Vec<Vec<Estimate>>,
}

/// How uncertain `observer` is about `target`'s hidden values, as ± points
/// on a 0–100 scale.
pub fn spread(scn: &Scenario, s: &State, observer: ActorId, target: ActorId) -> f64 {
    if observer == target {
        return 0.0;
    }
    let intel = s.actor(observer).stat(Stat::Intel) / 100.0;
    let watch = s.surveillance.get(observer, target);
    scn.intelligence.spread * (1.0 - 0.6 * intel) * (1.0 - 0.7 * watch)
}

/// A value in −1..1 fixed for (seed, turn, observer, slot).
fn noise(seed: u64, turn: u32, observer: ActorId, slot: u64) -> f64 {
    let u = rng::uniform(
        seed,
        turn,
        Stream::View,
        (u64::from(observer.0) << 32) | slot,
    );
    2.0 * u - 1.0
}

/// Whether `observer` may see a track's true value (for per-actor tracks,
/// `owner` is whose value it is).
pub fn knows_track(
    scn: &Scenario,
    observer: ActorId,
    track: usize,
    owner: Option<ActorId>,
) -> bool {
    let t = &scn.tracks[track];
    !t.secret || t.known_to[observer.index()] || owner == Some(observer)
}

/// What `observer` believes of the hidden values in `s`.
pub fn picture(scn: &Scenario, s: &State, observer: ActorId, seed: u64) -> Picture {
    let mut stats = Vec::with_capacity(scn.n());
    let mut threat = Vec::with_capacity(scn.n());
    for t in scn.actor_ids() {
        let sp = spread(scn, s, observer, t);
        let mut row = [Estimate::exact(0.0); 5];
        for stat in Stat::ALL {
            let truth = s.actor(t).stat(stat);
            // Prestige is public: it is what the world thinks.
            let sp = if stat == Stat::Prestige { 0.0 } else { sp };
            row[stat.index()] = if sp == 0.0 {
                Estimate::exact(truth)
            } else {
                let slot = (u64::from(t.0) << 8) | stat.index() as u64;
                let value = (truth + sp * noise(seed, s.turn, observer, slot)).clamp(0.0, 100.0);
                Estimate { value, spread: sp }
            };
        }
        stats.push(row);
        let truth = s.actor(t).threat;
        threat.push(if sp == 0.0 {
            Estimate::exact(truth)
        } else {
            let slot = (2u64 << 24) | u64::from(t.0);
            let value = (truth + sp * noise(seed, s.turn, observer, slot)).clamp(0.0, 100.0);
            Estimate { value, spread: sp }
        });
    }
    let mut tracks = Vec::with_capacity(scn.tracks.len());
    for (ti, t) in scn.tracks.iter().enumerate() {
        let mut row = Vec::with_capacity(s.tracks[ti].len());
        for (k, truth) in s.tracks[ti].iter().enumerate() {
            let owner = (t.scope == Scope::PerActor).then_some(ActorId(k as u16));
            let est = if knows_track(scn, observer, ti, owner) {
                Estimate::exact(*truth)
            } else {
                let base = owner.map_or(scn.intelligence.spread, |o| spread(scn, s, observer, o));
                let intel = s.actor(observer).stat(Stat::Intel) / 100.0;
                let sp = if owner.is_some() {
                    base
                } else {
                    base * (1.0 - 0.6 * intel)
                } * (t.max - t.min)
                    / 100.0;
                let slot = (1u64 << 24) | ((ti as u64) << 8) | k as u64;
                let value = (truth + sp * noise(seed, s.turn, observer, slot)).clamp(t.min, t.max);
                Estimate { value, spread: sp }
            };
            row.push(est);
        }
        tracks.push(row);
    }
    Picture {
        observer,
        stats,
        threat,
        tracks,
    }
}

/// The mean error of a picture's estimates of hidden values, as a share of
/// each value's range (0 = perfectly informed), over other actors'
/// military, economy, stability and intel and the secret tracks it cannot
/// see. The debrief's measure of how well each actor assessed the situation.
pub fn assessment_error(scn: &Scenario, s: &State, p: &Picture) -> f64 {
    let (mut sum, mut count) = (0.0, 0.0);
    for t in scn.actor_ids().filter(|t| *t != p.observer) {
        for stat in [Stat::Military, Stat::Economy, Stat::Stability, Stat::Intel] {
            sum += (p.stats[t.index()][stat.index()].value - s.actor(t).stat(stat)).abs() / 100.0;
            count += 1.0;
        }
    }
    for (ti, t) in scn.tracks.iter().enumerate() {
        for (k, truth) in s.tracks[ti].iter().enumerate() {
            if p.tracks[ti][k].spread > 0.0 {
                sum += (p.tracks[ti][k].value - truth).abs() / (t.max - t.min);
                count += 1.0;
            }
        }
    }
    if count == 0.0 { 0.0 } else { sum / count }
}
