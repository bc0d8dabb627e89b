//! Fog of war: the game as one actor believes it to be.
//!
//! An observer knows its own values, public values (relations, tensions,
//! sanctions, regional tension) and what it is party to. Other actors' stats
//! and secret tracks it does not know appear as estimates: the truth plus an
//! error whose spread shrinks with the observer's intelligence and with its
//! surveillance of the actor, and grows again as surveillance fades. Covert
//! shipments and factories it has not discovered are not in its view at all.
//! Estimates are drawn from the game seed, so a view is the same every time
//! it is asked for in the same turn.

use super::rng::{self, Stream};
use super::state::State;
use crate::scenario::{ActorId, Scenario, Scope, Stat};

/// One estimated value and how uncertain it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// What the observer believes.
    pub value: f64,
    /// ± half-width of its uncertainty (0: known exactly).
    pub spread: f64,
}

/// The game as one actor believes it to be.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorView {
    pub observer: ActorId,
    /// The believed state: hidden values replaced by estimates, undiscovered
    /// covert acts removed. The AI plans on this.
    pub state: State,
    /// Per actor, per stat (in `Stat::ALL` order): the estimate.
    pub stats: Vec<[Estimate; 5]>,
    /// Per track, per value: the estimate.
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

/// The state as `observer` believes it to be.
pub fn view(scn: &Scenario, s: &State, observer: ActorId, seed: u64) -> ActorView {
    let mut believed = s.clone();
    let mut stats = Vec::with_capacity(scn.n());
    for t in scn.actor_ids() {
        let sp = spread(scn, s, observer, t);
        let mut row = [Estimate {
            value: 0.0,
            spread: 0.0,
        }; 5];
        for stat in Stat::ALL {
            let truth = s.actor(t).stat(stat);
            // Prestige is public: it is what the world thinks.
            let sp = if stat == Stat::Prestige { 0.0 } else { sp };
            let slot = (u64::from(t.0) << 8) | stat.index() as u64;
            let value = (truth + sp * noise(seed, s.turn, observer, slot)).clamp(0.0, 100.0);
            row[stat.index()] = Estimate { value, spread: sp };
            believed.actors[t.index()].stats[stat.index()] = value;
        }
        stats.push(row);
    }
    let mut tracks = Vec::with_capacity(scn.tracks.len());
    for (ti, t) in scn.tracks.iter().enumerate() {
        let mut row = Vec::with_capacity(s.tracks[ti].len());
        for (k, truth) in s.tracks[ti].iter().enumerate() {
            let owner = (t.scope == Scope::PerActor).then_some(ActorId(k as u16));
            let est = if knows_track(scn, observer, ti, owner) {
                Estimate {
                    value: *truth,
                    spread: 0.0,
                }
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
            believed.tracks[ti][k] = est.value;
            row.push(est);
        }
        tracks.push(row);
    }
    believed.shipments.retain(|x| x.known.contains(observer));
    believed.factories.retain(|f| f.known.contains(observer));
    ActorView {
        observer,
        state: believed,
        stats,
        tracks,
    }
}

/// The mean error of `observer`'s estimates of hidden values, as a share
/// of each value's range (0 = perfectly informed), over other actors'
/// military, economy, stability and intel and the secret tracks it cannot see.
pub fn assessment_error(scn: &Scenario, s: &State, observer: ActorId, seed: u64) -> f64 {
    let v = view(scn, s, observer, seed);
    let (mut sum, mut count) = (0.0, 0.0);
    for t in scn.actor_ids().filter(|t| *t != observer) {
        for stat in [Stat::Military, Stat::Economy, Stat::Stability, Stat::Intel] {
            sum += (v.stats[t.index()][stat.index()].value - s.actor(t).stat(stat)).abs() / 100.0;
            count += 1.0;
        }
    }
    for (ti, t) in scn.tracks.iter().enumerate() {
        for (k, truth) in s.tracks[ti].iter().enumerate() {
            if v.tracks[ti][k].spread > 0.0 {
                sum += (v.tracks[ti][k].value - truth).abs() / (t.max - t.min);
                count += 1.0;
            }
        }
    }
    if count == 0.0 { 0.0 } else { sum / count }
}
