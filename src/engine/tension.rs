//! The tension model: how pair tensions and threat perceptions add up to
//! regional tension, where they relax to, and the Richardson arms race.
//! `docs/model.md` explains the formulas; only + − × ÷ are used, so the
//! results are the same bits on every machine.

use super::state::State;
use crate::scenario::{ActorId, Scenario, Stat};

/// Weight of an actor in regional sums: its starting military strength
/// (fixed for the game, so regional tension is a function of tensions and
/// threats alone and every change can be attributed exactly).
fn weight(scn: &Scenario, a: ActorId) -> f64 {
    10.0 + scn.actor(a).stat(Stat::Military)
}

/// Weighted power mean of order 4, ⁴√(Σw·x⁴ / Σw): it rises with every input
/// (a calmer pair never raises it) and leans toward the hottest values, so
/// one dangerous pair is not averaged away by calm ones. `sqrt` is correctly
/// rounded under IEEE 754, so the result is the same bits everywhere.
fn lean_mean(items: impl Iterator<Item = (f64, f64)>) -> f64 {
    let (mut sw, mut s4) = (0.0, 0.0);
    for (w, x) in items {
        sw += w;
        s4 += w * (x * x) * (x * x);
    }
    if sw <= 1e-12 {
        0.0
    } else {
        (s4 / sw).sqrt().sqrt()
    }
}

/// Regional tension, 0–100, from the state's pair tensions and threats.
pub fn regional(scn: &Scenario, s: &State) -> f64 {
    let n = scn.n() as u16;
    let pairs = (0..n).flat_map(|a| (a + 1..n).map(move |b| (ActorId(a), ActorId(b))));
    let pair_part =
        lean_mean(pairs.map(|(a, b)| (weight(scn, a) * weight(scn, b), s.tension.get(a, b))));
    let threat_part = lean_mean(scn.actor_ids().map(|a| (weight(scn, a), s.actor(a).threat)));
    let share = if n < 2 { 0.0 } else { scn.tension.pair_share };
    (share * pair_part + (1.0 - share) * threat_part).clamp(0.0, 100.0)
}

/// The tension a pair relaxes to: the scenario baseline, raised by mutual hostility.
pub fn baseline(scn: &Scenario, s: &State, a: ActorId, b: ActorId) -> f64 {
    let mean = (s.relations.get(a, b) + s.relations.get(b, a)) / 2.0;
    (scn.tension.baseline + scn.tension.hostility * (-mean).max(0.0)).clamp(0.0, 100.0)
}

/// How hostile `a` is to `b`, 0–1 (0 unless `a` regards `b` below zero).
pub fn hostility(s: &State, a: ActorId, b: ActorId) -> f64 {
    if a == b {
        return 0.0;
    }
    (-s.relations.get(a, b) / 100.0).clamp(0.0, 1.0)
}

/// The weight of an act between two actors: stronger actors' acts weigh more (0.5–1).
pub fn act_weight(s: &State, a: ActorId, b: ActorId) -> f64 {
    0.5 + (s.actor(a).stat(Stat::Military) + s.actor(b).stat(Stat::Military)) / 400.0
}

/// The pair tension an act adds between its actor and `b` before ceilings:
/// −Goldstein × scale × intensity(level) × weight. Hostile acts (negative
/// Goldstein) raise it, cooperative ones lower it.
pub fn act_tension(
    scn: &Scenario,
    s: &State,
    m: &crate::scenario::Move,
    level: i32,
    a: ActorId,
    b: ActorId,
) -> f64 {
    -m.goldstein * scn.tension.goldstein_scale * m.level.intensity(level) * act_weight(s, a, b)
}

/// One Richardson step for actor `a`: the change in its military build-up
/// x = military − starting military, given rivals' build-ups:
/// Δx = a·Σ h·x⁺(rival) − m·x + g·(threat − starting threat)⁺,
/// where h is hostility, and economic strain raises restraint m.
pub fn arms_race_step(scn: &Scenario, s: &State, a: ActorId) -> f64 {
    let r = scn.tension.richardson;
    let build = |x: ActorId| s.actor(x).stat(Stat::Military) - scn.actor(x).stat(Stat::Military);
    let rivals: f64 = scn
        .actor_ids()
        .filter(|b| *b != a)
        .map(|b| hostility(s, a, b) * build(b).max(0.0))
        .sum();
    let strain = ((50.0 - s.actor(a).stat(Stat::Economy)) / 50.0).max(0.0);
    let restraint = r.restraint * (1.0 + strain);
    let grievance = r.grievance * (s.actor(a).threat - scn.actor(a).threat).max(0.0);
    r.reaction * rivals - restraint * build(a) + grievance
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lean_mean_leans_to_the_hot_values() {
        let m = lean_mean([(1.0, 80.0), (1.0, 10.0), (1.0, 10.0)].into_iter());
        let plain = (80.0 + 10.0 + 10.0) / 3.0;
        assert!(m > plain && m < 80.0, "{m}");
        assert_eq!(lean_mean([(1.0, 0.0)].into_iter()), 0.0);
        // Calming a calm pair never raises it.
        let calmer = lean_mean([(1.0, 80.0), (1.0, 5.0), (1.0, 10.0)].into_iter());
        assert!(calmer <= m);
    }
}
