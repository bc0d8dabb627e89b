//! Reciprocity: the AI answers in kind. An actor with `reciprocity` in its
//! personality leans toward hostile orders against those who were recently
//! hostile to it (or to its allies) and cooperative ones toward those who
//! cooperated, and away from rewarding aggression (aid or relief to
//! someone who just threatened it). It reads only the public record of
//! conduct ([`crate::engine::conduct`]) in its believed state.

use crate::engine::conduct;
use crate::engine::state::State;
use crate::scenario::{ActorId, Scenario};

/// How strongly reciprocity tilts a candidate's value, per unit of
/// (conduct / 10) × (Goldstein / 10): larger than temper ([`super::TEMPER`])
/// so that it breaks ties and vetoes orders that reward a fresh threat,
/// yet small beside what objectives are worth, so it does not drive policy.
pub(super) const RECIPROCITY: f64 = 0.02;

/// Regard (in the personality) above which another actor is an ally whose
/// treatment the actor takes as its own.
const ALLY: f64 = 0.5;

/// The share of hostility toward an ally counted as hostility toward the
/// actor itself: deterrence on an ally's behalf, at half strength.
const ALLY_SHARE: f64 = 0.5;

/// How `x` has recently treated `me`, as `me` feels it: its own conduct
/// toward `me`, plus half of any hostility toward `me`'s allies.
pub(super) fn felt(scn: &Scenario, state: &State, me: ActorId, x: ActorId) -> f64 {
    let regard = &scn.actor(me).ai.regard;
    let on_allies: f64 = scn
        .actor_ids()
        .filter(|a| *a != me && *a != x)
        .filter(|a| regard.get(a.index()).is_some_and(|r| *r > ALLY))
        .map(|a| conduct::toward(state, x, a).min(0.0))
        .sum();
    (conduct::toward(state, x, me) + ALLY_SHARE * on_allies).clamp(-conduct::BOUND, conduct::BOUND)
}

/// What reciprocity adds to the value of `me` giving an order of Goldstein
/// value `goldstein` aimed at `target`: positive when it answers hostility
/// with hostility or cooperation with cooperation, negative when it
/// rewards hostility or punishes cooperation; 0 for untargeted orders and
/// for actors without reciprocity. See [`lean`] for how it is used.
pub(super) fn term(
    scn: &Scenario,
    state: &State,
    me: ActorId,
    target: Option<ActorId>,
    goldstein: f64,
) -> f64 {
    let r = scn.actor(me).ai.reciprocity;
    match target {
        Some(t) if t != me && r > 0.0 && goldstein != 0.0 => {
            let answer = (felt(scn, state, me, t) / 10.0).clamp(-1.0, 1.0);
            RECIPROCITY * r * answer * (goldstein / 10.0)
        }
        _ => 0.0,
    }
}

/// What reciprocity adds to a candidate worth `gain` to the actor's
/// objectives: the full [`term`] when it counts against the order (a veto
/// on rewarding aggression), but never more than the gain when it counts
/// for it: answering in kind breaks ties between orders worth giving and
/// at most doubles one's worth, and never makes a pointless order (one
/// that serves no objective) worth an order by itself, so it cannot start
/// spirals of gestures, friendly or hostile, that drive policy.
pub(super) fn lean(
    scn: &Scenario,
    state: &State,
    me: ActorId,
    target: Option<ActorId>,
    goldstein: f64,
    gain: f64,
) -> f64 {
    term(scn, state, me, target, goldstein).min(gain.max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ai::Strength;
    use crate::engine::orders::{Order, Orders};
    use crate::engine::{initial_state, resolve_turn};

    /// Red and Blue, at odds; Blue wants Red to think better of it (so aid
    /// to Red serves it a little) and regards Green as an ally.
    fn scenario(reciprocity: f64) -> Scenario {
        let text = format!(
            r#"
[scenario]
id = "reciprocity-test"
title = "Reciprocity"
start = "2030-01"
turns = 8

[[actors]]
id = "red"
name = "Red"
color = "red"
stats = {{ military = 50, economy = 50, stability = 50, prestige = 50, intel = 50 }}
capital = {{ start = 10, income = 5, max = 20 }}

[[actors]]
id = "blue"
name = "Blue"
color = "blue"
stats = {{ military = 50, economy = 50, stability = 50, prestige = 50, intel = 50 }}
capital = {{ start = 10, income = 5, max = 20 }}
[actors.ai]
reciprocity = {reciprocity}
regard = {{ green = 0.8 }}
[[actors.objectives]]
text = "Red warms to us"
condition = "relation(red, self) >= 0"
[[actors.objectives]]
text = "A sound economy"
weight = 3
condition = "self.economy >= 10"

[[actors]]
id = "green"
name = "Green"
color = "green"
stats = {{ military = 50, economy = 50, stability = 50, prestige = 50, intel = 50 }}
capital = {{ start = 10, income = 5, max = 20 }}

[[relations]]
from = "red"
to = "blue"
value = -20
mutual = true

[[moves]]
id = "threaten"
name = "Threaten"
category = "diplomacy"
goldstein = -7
target = "actor"
actors = ["red"]
cost = 1
effects = [{{ stat = "prestige", of = "target", add = -1 }}]
headline = "{{actor}} threatens {{target}}"

[[moves]]
id = "aid"
name = "Aid"
category = "economic"
goldstein = 7
target = "actor"
actors = ["blue"]
targets = ["red"]
cost = 1
effects = [{{ stat = "economy", of = "target", add = 2 }}]
headline = "{{actor}} gives {{target}} aid"
"#
        );
        crate::scenario::load_str("reciprocity-test", &text).expect("valid test scenario")
    }

    fn threatened(scn: &Scenario, target: &str) -> State {
        let red = scn.actor_by_id("red").expect("red");
        let threaten = scn.move_by_id("threaten").expect("threaten");
        let list = vec![Order {
            actor: red,
            mv: threaten,
            target: scn.actor_by_id(target),
            level: scn.mv(threaten).level.min,
        }];
        resolve_turn(scn, &initial_state(scn), &Orders { list }, 3).state
    }

    /// The sign of the term: answering hostility with aid is a minus,
    /// with hostility a plus; untargeted orders and actors without
    /// reciprocity get nothing.
    #[test]
    fn the_term_rewards_answering_in_kind() {
        let scn = scenario(1.0);
        let s = threatened(&scn, "blue");
        let (red, blue) = (ActorId(0), ActorId(1));
        assert!(felt(&scn, &s, blue, red) < 0.0);
        assert!(term(&scn, &s, blue, Some(red), 7.0) < 0.0);
        assert!(term(&scn, &s, blue, Some(red), -7.0) > 0.0);
        assert_eq!(term(&scn, &s, blue, None, 7.0), 0.0);
        let off = scenario(0.0);
        assert_eq!(
            term(&off, &threatened(&off, "blue"), blue, Some(red), 7.0),
            0.0
        );
    }

    /// A threat to an ally counts at half strength.
    #[test]
    fn a_threat_to_an_ally_counts_half() {
        let scn = scenario(1.0);
        let (red, blue) = (ActorId(0), ActorId(1));
        let on_me = felt(&scn, &threatened(&scn, "blue"), blue, red);
        let on_ally = felt(&scn, &threatened(&scn, "green"), blue, red);
        assert!(on_me < 0.0);
        assert_eq!(on_ally, on_me * ALLY_SHARE);
    }

    /// Just threatened by Red, Blue without reciprocity still aids Red (it
    /// wants Red's regard); with reciprocity it does not reward the threat.
    #[test]
    fn a_threatened_actor_does_not_reward_the_threat() {
        let aids = |r: f64| {
            let scn = scenario(r);
            let s = threatened(&scn, "blue");
            let blue = ActorId(1);
            let d = super::super::decide(&scn, &s, blue, 5, Strength::GREEDY);
            let aid = scn.move_by_id("aid").expect("aid");
            d.orders.iter().any(|o| o.mv == aid)
        };
        assert!(aids(0.0), "without reciprocity Blue aids Red");
        assert!(!aids(1.0), "with reciprocity Blue does not aid Red");
    }
}
