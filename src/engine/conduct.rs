//! Reciprocity's memory: what each actor has recently done to each other,
//! in public. Every resolved turn the table fades by half, then each overt
//! order that took effect adds its move's Goldstein value (−10 hostile …
//! +10 cooperative) to the row of the actor who gave it, in the column of
//! the actor it was aimed at. A move without a target is felt, like its
//! automatic effect on tension, by every actor hostile to the mover, in
//! proportion to how hostile. Covert orders never count: only what the
//! whole world saw is remembered, so every view may copy the table as is.

use super::state::{Grid, State};
use super::tension;
use crate::scenario::{ActorId, Move, Scenario};

/// What is left of last turn's conduct at the start of a turn: "recent
/// turns" means a half-life of one to two turns, so an act still weighs a
/// quarter two turns on and is all but forgotten after four.
pub const FADE: f64 = 0.5;

/// The most a pair's conduct can add up to either way (three of the most
/// hostile acts in one turn): keeps one actor's burst from being
/// remembered for ever.
pub const BOUND: f64 = 30.0;

/// How `from` has recently treated `to` (0 when the table is empty, as in
/// a state from a save written before it existed).
pub fn toward(s: &State, from: ActorId, to: ActorId) -> f64 {
    s.conduct.try_get(from, to).unwrap_or(0.0)
}

/// The start of a turn: last turn's conduct fades. An empty or mis-sized
/// table (an older save) starts again from zeros.
pub fn fade(scn: &Scenario, conduct: &mut Grid<f64>) {
    let n = scn.n();
    if conduct.size() != n || conduct.cells().len() != n * n {
        *conduct = Grid::from_cells(n, vec![0.0; n * n]);
        return;
    }
    for a in scn.actor_ids() {
        for b in scn.actor_ids() {
            let v = conduct.get(a, b);
            if v != 0.0 {
                conduct.set(a, b, v * FADE);
            }
        }
    }
}

/// An order of `actor` that took effect: its Goldstein value joins the
/// memory of everyone it was aimed at (`start`: the state at the start of
/// the turn, which decides who feels an untargeted move). Covert moves and
/// moves of no Goldstein value leave no trace.
pub fn record(
    scn: &Scenario,
    start: &State,
    conduct: &mut Grid<f64>,
    m: &Move,
    actor: ActorId,
    target: Option<ActorId>,
) {
    if m.covert || m.goldstein == 0.0 || conduct.size() != scn.n() {
        return;
    }
    let felt_by: Vec<(ActorId, f64)> = match target {
        Some(t) if t != actor => vec![(t, 1.0)],
        Some(_) => Vec::new(),
        None => scn
            .actor_ids()
            .filter(|b| *b != actor)
            .map(|b| (b, tension::hostility(start, b, actor)))
            .filter(|(_, h)| *h > 0.0)
            .collect(),
    };
    for (b, h) in felt_by {
        let v = (conduct.get(actor, b) + m.goldstein * h).clamp(-BOUND, BOUND);
        conduct.set(actor, b, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::orders::{Order, Orders};
    use crate::engine::{initial_state, resolve_turn};

    /// Three actors: Red and Blue dislike each other; Green is neutral.
    const SCENARIO: &str = r#"
[scenario]
id = "conduct-test"
title = "Conduct"
start = "2030-01"
turns = 8

[[actors]]
id = "red"
name = "Red"
color = "red"
stats = { military = 50, economy = 50, stability = 50, prestige = 50, intel = 50 }
capital = { start = 10, income = 5, max = 20 }

[[actors]]
id = "blue"
name = "Blue"
color = "blue"
stats = { military = 50, economy = 50, stability = 50, prestige = 50, intel = 50 }
capital = { start = 10, income = 5, max = 20 }

[[actors]]
id = "green"
name = "Green"
color = "green"
stats = { military = 50, economy = 50, stability = 50, prestige = 50, intel = 50 }
capital = { start = 10, income = 5, max = 20 }

[[relations]]
from = "red"
to = "blue"
value = -40
mutual = true

[[moves]]
id = "threaten"
name = "Threaten"
category = "diplomacy"
goldstein = -7
target = "actor"
cost = 1
effects = [{ stat = "prestige", of = "target", add = -1 }]
headline = "{actor} threatens {target}"

[[moves]]
id = "spy"
name = "Spy"
category = "intelligence"
goldstein = -2
target = "actor"
covert = true
cost = 1
effects = [{ surveil = "target", add = "0.25" }]
headline = "{actor} spies on {target}"

[[moves]]
id = "drill"
name = "Drill"
category = "military"
goldstein = -5
target = "none"
cost = 1
effects = [{ stat = "military", of = "self", add = 1 }]
headline = "{actor} drills"
"#;

    fn scn() -> Scenario {
        crate::scenario::load_str("conduct-test", SCENARIO).expect("valid test scenario")
    }

    fn order(scn: &Scenario, actor: &str, mv: &str, target: Option<&str>) -> Order {
        Order {
            actor: scn.actor_by_id(actor).expect("actor"),
            mv: scn.move_by_id(mv).expect("move"),
            target: target.map(|t| scn.actor_by_id(t).expect("target")),
            level: scn.mv(scn.move_by_id(mv).expect("move")).level.min,
        }
    }

    fn turn(scn: &Scenario, s: &State, list: Vec<Order>) -> State {
        resolve_turn(scn, s, &Orders { list }, 7).state
    }

    /// A hostile overt order is remembered against its target only, and
    /// half of it is forgotten each turn.
    #[test]
    fn a_threat_is_remembered_then_fades() {
        let scn = scn();
        let (red, blue, green) = (ActorId(0), ActorId(1), ActorId(2));
        let s0 = initial_state(&scn);
        assert_eq!(toward(&s0, red, blue), 0.0);
        let s1 = turn(
            &scn,
            &s0,
            vec![order(&scn, "red", "threaten", Some("blue"))],
        );
        assert_eq!(toward(&s1, red, blue), -7.0);
        assert_eq!(toward(&s1, blue, red), 0.0);
        assert_eq!(toward(&s1, red, green), 0.0);
        let s2 = turn(&scn, &s1, Vec::new());
        assert_eq!(toward(&s2, red, blue), -3.5);
        let s3 = turn(
            &scn,
            &s2,
            vec![order(&scn, "red", "threaten", Some("blue"))],
        );
        assert_eq!(toward(&s3, red, blue), -3.5 * FADE - 7.0);
    }

    /// A covert order is not public knowledge, so it leaves no trace.
    #[test]
    fn a_covert_order_does_not_register() {
        let scn = scn();
        let s1 = turn(
            &scn,
            &initial_state(&scn),
            vec![order(&scn, "red", "spy", Some("blue"))],
        );
        assert!(s1.conduct.cells().iter().all(|v| *v == 0.0));
        assert!(s1.surveillance.get(ActorId(0), ActorId(1)) > 0.0);
    }

    /// An untargeted hostile act is felt by those hostile to its actor, in
    /// proportion (Blue regards Red at −40), and by nobody else.
    #[test]
    fn an_untargeted_act_is_felt_by_the_actors_enemies() {
        let scn = scn();
        let s1 = turn(
            &scn,
            &initial_state(&scn),
            vec![order(&scn, "red", "drill", None)],
        );
        assert_eq!(toward(&s1, ActorId(0), ActorId(1)), -5.0 * 0.4);
        assert_eq!(toward(&s1, ActorId(0), ActorId(2)), 0.0);
    }

    /// Memory is bounded, and a state without it (an older save) is read
    /// as zeros and sized on its next turn instead of panicking.
    #[test]
    fn memory_is_bounded_and_an_empty_table_is_sized() {
        let scn = scn();
        let mut s = initial_state(&scn);
        s.conduct.set(ActorId(0), ActorId(1), -2.0 * BOUND);
        let s1 = turn(&scn, &s, vec![order(&scn, "red", "threaten", Some("blue"))]);
        assert_eq!(toward(&s1, ActorId(0), ActorId(1)), -BOUND);
        let mut old = initial_state(&scn);
        old.conduct = Grid::default();
        assert_eq!(toward(&old, ActorId(0), ActorId(1)), 0.0);
        let s1 = turn(
            &scn,
            &old,
            vec![order(&scn, "red", "threaten", Some("blue"))],
        );
        assert_eq!(s1.conduct.size(), 3);
        assert_eq!(toward(&s1, ActorId(0), ActorId(1)), -7.0);
    }
}
