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

/// Weighted power mean of order `p` (2, 4, 8 or 16), ᵖ√(Σw·xᵖ / Σw): it
/// rises with every input (a calmer pair never raises it) and leans toward
/// the hottest values, the more so the higher `p`, so one dangerous pair is
/// not averaged away by calm ones. Powers are repeated squares and roots
/// repeated `sqrt`s, correctly rounded under IEEE 754: the same bits
/// everywhere. Values are scaled to 0–1 first so x¹⁶ stays well in range.
fn lean_mean(items: impl Iterator<Item = (f64, f64)>, p: u32) -> f64 {
    let squarings = p.trailing_zeros();
    let (mut sw, mut sp) = (0.0, 0.0);
    for (w, x) in items {
        sw += w;
        let mut v = x / 100.0;
        for _ in 0..squarings {
            v *= v;
        }
        sp += w * v;
    }
    if sw <= 1e-12 {
        0.0
    } else {
        let mut m = sp / sw;
        for _ in 0..squarings {
            m = m.sqrt();
        }
        100.0 * m
    }
}

/// The crisis stage of a pair at tension `t` that was at stage `from`:
/// up to every stage whose threshold `t` has reached, down one stage at a
/// time only once `t` is `hysteresis` below the threshold.
pub fn crisis_stage(scn: &Scenario, t: f64, from: u8) -> u8 {
    let c = &scn.crisis;
    let mut s = usize::from(from).min(c.stages.len());
    while s < c.stages.len() && t >= c.stages[s].at {
        s += 1;
    }
    while s > 0 && t < c.stages[s - 1].at - c.hysteresis {
        s -= 1;
    }
    s as u8
}

/// Regional tension, 0–100, from the state's pair tensions and threats.
pub fn regional(scn: &Scenario, s: &State) -> f64 {
    let n = scn.n() as u16;
    let pairs = (0..n).flat_map(|a| (a + 1..n).map(move |b| (ActorId(a), ActorId(b))));
    let p = scn.tension.regional_power;
    let pair_part = lean_mean(
        pairs.map(|(a, b)| (weight(scn, a) * weight(scn, b), s.tension.get(a, b))),
        p,
    );
    let threat_part = lean_mean(
        scn.actor_ids().map(|a| (weight(scn, a), s.actor(a).threat)),
        p,
    );
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
        let m = lean_mean([(1.0, 80.0), (1.0, 10.0), (1.0, 10.0)].into_iter(), 4);
        let plain = (80.0 + 10.0 + 10.0) / 3.0;
        assert!(m > plain && m < 80.0, "{m}");
        assert_eq!(lean_mean([(1.0, 0.0)].into_iter(), 4), 0.0);
        // Calming a calm pair never raises it.
        let calmer = lean_mean([(1.0, 80.0), (1.0, 5.0), (1.0, 10.0)].into_iter(), 4);
        assert!(calmer <= m);
    }
}
