//! What a move would do: the engine resolves a copy of the turn with only
//! this order (forced to succeed) and the preview lists the changes the
//! ledger attributes to it. No effect is computed here.

use crate::engine::ledger::{Cause, Meter, Rule};
use crate::engine::orders::{Order, Orders};
use crate::engine::state::State;
use crate::engine::{Dice, Ledger, resolve};
use crate::scenario::Scenario;

use super::text::clean;

/// The expected result of one order.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// Chance of success, 0–1.
    pub chance: f64,
    /// Changes if it succeeds, biggest first: (what, by how much).
    pub effects: Vec<(String, f64)>,
    /// Arms shipments and factories it would start.
    pub notes: Vec<String>,
}

/// Words for a meter, e.g. "Tension US–DPRK", "DPRK economy".
pub fn meter_name(scn: &Scenario, m: Meter) -> String {
    let short = |a: crate::scenario::ActorId| clean(&scn.actor(a).short);
    match m {
        Meter::Regional => "Regional tension".into(),
        Meter::Tension { a, b } => format!("Tension {}–{}", short(a), short(b)),
        Meter::Threat { actor } => format!("{} threat perception", short(actor)),
        Meter::Stat { actor, stat } => format!("{} {}", short(actor), stat.name()),
        Meter::Capital { actor } => format!("{} capital", short(actor)),
        Meter::Relation { from, to } => format!("{} regard for {}", short(from), short(to)),
        Meter::Sanction { from, to } => format!("{} sanctions on {}", short(from), short(to)),
        Meter::Surveillance { observer, target } => {
            format!("{} surveillance of {}", short(observer), short(target))
        }
        Meter::CouncilSanction { on } => format!("Council sanctions on {}", short(on)),
        Meter::Track { track, actor } => {
            let t = clean(&scn.tracks[track.index()].name);
            match actor {
                Some(a) => format!("{t} ({})", short(a)),
                None => t,
            }
        }
    }
}

/// What `order` would do now, if it succeeds.
///
/// `state` is usually what the player believes: its regional tension is
/// the public figure, but the threat perceptions it is made of are the
/// player's estimates, so the two disagree. The engine recomputes regional
/// tension at the first change of a tension or threat and books the whole
/// difference to that change's cause, which would be this order (a talks
/// offer showed "+1.8 regional tension" where the turn then gave −0.8). So
/// the what-if starts from regional tension as the estimates make it. The
/// chance of success is read first, on the public figure the referee will
/// use; an effect whose amount reads regional tension sees the recomputed
/// one (a small difference, and the estimates are all the player has).
pub fn preview(scn: &Scenario, state: &State, order: &Order) -> Preview {
    // The what-if only sums the order's own changes, so the dice of events
    // do not matter: any fixed seed will do (the game's is the referee's).
    let seed = 0;
    let chance = crate::engine::orders::chance(scn, state, order);
    let regional = crate::engine::tension::regional(scn, state);
    let consistent;
    let state = if (regional - state.regional).abs() > 1e-9 {
        consistent = State {
            regional,
            ..state.clone()
        };
        &consistent
    } else {
        state
    };
    let orders = Orders {
        list: vec![order.clone()],
    };
    let mut ledger = Ledger::default();
    let after = resolve(
        scn,
        state,
        &orders,
        &[],
        Dice::forced(seed, true),
        &mut ledger,
    );
    let mine = |c: &Cause| matches!(c, Cause::Order { index: 0, .. });
    // Accepting or refusing an offer works through the deal: its terms (or
    // what a refusal costs) are booked to the deal between the target, who
    // offered, and the actor, not to the order. They are what the player
    // is deciding on, so they count as the order's.
    let m = scn.mv(order.mv);
    let answers = m.accepts_from_target() || m.refuses_from_target();
    let its_deal = |c: &Cause| {
        answers
            && matches!(c, Cause::Deal { giver, taker, .. }
                if Some(*giver) == order.target && *taker == order.actor)
    };
    let mut sums: Vec<(Meter, f64)> = Vec::new();
    for c in ledger
        .changes
        .iter()
        .filter(|c| (mine(&c.cause) || its_deal(&c.cause)) && c.rule != Rule::Cost)
    {
        match sums.iter_mut().find(|(m, _)| *m == c.meter) {
            Some((_, d)) => *d += c.delta,
            None => sums.push((c.meter, c.delta)),
        }
    }
    sums.retain(|(_, d)| d.abs() >= 0.05);
    // Regional tension first, then the biggest changes.
    sums.sort_by(|a, b| {
        (b.0 == Meter::Regional)
            .cmp(&(a.0 == Meter::Regional))
            .then(b.1.abs().total_cmp(&a.1.abs()))
            .then(a.0.cmp(&b.0))
    });
    let effects = sums
        .into_iter()
        .map(|(m, d)| (meter_name(scn, m), d))
        .collect();
    let mut notes = Vec::new();
    for x in after.shipments.iter().filter(|x| mine(&x.cause)) {
        notes.push(format!(
            "ships {} to {} (arrives in {} turn{})",
            clean(scn.system(x.system)),
            clean(&scn.actor(x.to).short),
            x.turns_left,
            if x.turns_left == 1 { "" } else { "s" }
        ));
    }
    let new_factories = after.factories.len().saturating_sub(state.factories.len());
    for f in after.factories.iter().rev().take(new_factories) {
        notes.push(format!(
            "builds {} in {}",
            clean(scn.system(f.system)),
            clean(&scn.actor(f.at).short)
        ));
    }
    Preview {
        chance,
        effects,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::initial_state;

    #[test]
    fn sanctions_preview_shows_the_sanction_and_tension() {
        let scn = crate::scenario::load_bundled("korea-arms-deal")
            .expect("bundled")
            .expect("valid");
        let state = initial_state(&scn);
        let us = scn.actor_by_id("us").expect("us");
        let dprk = scn.actor_by_id("dprk").expect("dprk");
        let mv = scn.move_by_id("impose_sanctions").expect("move");
        let o = Order {
            actor: us,
            mv,
            target: Some(dprk),
            level: 5,
        };
        let p = preview(&scn, &state, &o);
        assert!(p.chance > 0.0);
        assert!(
            p.effects
                .iter()
                .any(|(n, _)| n.contains("sanctions on DPRK")),
            "{p:?}"
        );
        assert!(
            p.effects.iter().any(|(n, _)| n.starts_with("Tension")),
            "{p:?}"
        );
    }

    /// Accepting an offer previews the deal's terms (disclosure for
    /// relief), which the engine books to the deal, not to the order; an
    /// unrelated order to the same actor does not.
    #[test]
    fn accepting_an_offer_previews_the_deal() {
        let scn = crate::scenario::load_bundled("korea-arms-deal")
            .expect("bundled")
            .expect("valid");
        let us = scn.actor_by_id("us").expect("us");
        let dprk = scn.actor_by_id("dprk").expect("dprk");
        let offer = Order {
            actor: us,
            mv: scn.move_by_id("offer_relief").expect("move"),
            target: Some(dprk),
            level: 1,
        };
        let next = crate::engine::resolve_turn(
            &scn,
            &initial_state(&scn),
            &Orders { list: vec![offer] },
            3,
        )
        .state;
        assert!(!next.offers.is_empty(), "the offer stands");
        let with = |mv: &str| {
            preview(
                &scn,
                &next,
                &Order {
                    actor: dprk,
                    mv: scn.move_by_id(mv).expect("move"),
                    target: Some(us),
                    level: 1,
                },
            )
        };
        let accept = with("accept_offer");
        assert!(
            accept
                .effects
                .iter()
                .any(|(n, d)| n.starts_with("DPRK disclosure") && *d > 0.0),
            "{accept:?}"
        );
        assert!(
            accept
                .effects
                .iter()
                .any(|(n, d)| n == "US sanctions on DPRK" && *d < 0.0),
            "{accept:?}"
        );
        let talks = with("open_talks");
        assert!(
            !talks
                .effects
                .iter()
                .any(|(n, _)| n.starts_with("DPRK disclosure") || n == "US sanctions on DPRK"),
            "{talks:?}"
        );
    }

    /// Opening talks only cools a pair, and regional tension rises with
    /// every pair and threat, so its preview never shows regional tension
    /// rising, even on a believed state whose threat estimates disagree
    /// with the public regional figure.
    #[test]
    fn a_cooling_order_never_previews_rising_regional_tension() {
        let scn = crate::scenario::load_bundled("korea-arms-deal")
            .expect("bundled")
            .expect("valid");
        let mut believed = initial_state(&scn);
        // Estimates of the others' threat perceptions, each off by 25.
        let us = scn.actor_by_id("us").expect("us");
        let rus = scn.actor_by_id("russia").expect("russia");
        for a in scn.actor_ids().filter(|a| *a != us) {
            believed.actors[a.index()].threat += 25.0;
        }
        let o = Order {
            actor: us,
            mv: scn.move_by_id("open_talks").expect("move"),
            target: Some(rus),
            level: 1,
        };
        let p = preview(&scn, &believed, &o);
        let regional = p
            .effects
            .iter()
            .find(|(n, _)| n == "Regional tension")
            .map_or(0.0, |(_, d)| *d);
        assert!(regional <= 0.0, "{p:?}");
        assert!(
            p.effects
                .iter()
                .any(|(n, d)| n == "Tension US–RUS" && *d < 0.0),
            "{p:?}"
        );
    }
}
