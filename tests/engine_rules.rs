//! The rules, tested as tables: a state, some orders, the expected outcome.

mod engine_common;

use engine_common::{korea, mini, order};
use flashpoint::engine::ledger::{Cause, Meter, Rule};
use flashpoint::engine::orders::{OrderError, Orders, check};
use flashpoint::engine::{Event, initial_state, resolve_turn, tension};
use flashpoint::scenario::{ActorId, Stat};

#[test]
fn illegal_orders_are_rejected_and_cost_nothing() {
    let scn = mini();
    let s = initial_state(&scn);
    let cases = [
        (
            order(&scn, "blue", "ship_arms", Some("green"), 1),
            "cannot use",
        ),
        (
            order(&scn, "red", "ship_arms", Some("green"), 1),
            "not available",
        ),
        (
            order(&scn, "red", "sanction", Some("blue"), 9),
            "outside 1–5",
        ),
        (order(&scn, "red", "sanction", Some("red"), 1), "itself"),
        (order(&scn, "red", "sanction", None, 1), "needs a target"),
        (
            order(&scn, "red", "drill", Some("blue"), 1),
            "takes no target",
        ),
        (order(&scn, "red", "lift", Some("blue"), 1), "not available"),
    ];
    for (o, expect) in cases {
        let err = check(&scn, &s, &o, 0.0).expect_err("must be illegal");
        let err = flashpoint::narrate::order_error(&scn, &err);
        assert!(err.contains(expect), "{err} should mention {expect}");
        let r = resolve_turn(&scn, &s, &Orders { list: vec![o] }, 1);
        assert!(matches!(r.events[0], Event::OrderRejected { .. }));
        assert!(
            !r.changes.iter().any(|c| c.rule == Rule::Cost),
            "a rejected order is free"
        );
    }
    // Capital runs out: the second expensive order of the same actor is rejected.
    let big = order(&scn, "blue", "raid", Some("green"), 1);
    assert!(check(&scn, &s, &big, 0.0).is_ok());
    assert!(matches!(
        check(&scn, &s, &big, 1.0),
        Err(OrderError::TooExpensive { .. })
    ));
}

#[test]
fn sanctions_drain_every_turn_until_lifted() {
    let scn = mini();
    let (blue, green) = (ActorId(1), ActorId(2));
    let mut s = initial_state(&scn);
    let e0 = s.actor(green).stat(Stat::Economy);
    for _ in 0..3 {
        s = resolve_turn(&scn, &s, &Orders::default(), 1).state;
    }
    let drained = e0 - s.actor(green).stat(Stat::Economy);
    // blue's level-2 sanctions: 0.5 × 2 × economy/100 per turn, three turns.
    assert!(drained > 2.0 && drained < 3.0, "drained {drained}");
    let lift = Orders {
        list: vec![order(&scn, "blue", "lift", Some("green"), 1)],
    };
    let r = resolve_turn(&scn, &s, &lift, 1);
    assert_eq!(r.state.sanctions.get(blue, green), 0);
    let e1 = r.state.actor(green).stat(Stat::Economy);
    let r2 = resolve_turn(&scn, &r.state, &Orders::default(), 1);
    assert_eq!(
        r2.state.actor(green).stat(Stat::Economy),
        e1,
        "no drain once lifted"
    );
}

#[test]
fn shipments_arrive_after_their_delay_and_can_be_seized() {
    let scn = mini();
    let green = ActorId(2);
    let mut s = initial_state(&scn);
    s.tracks[0][0] = 60.0; // the deal is agreed
    let ship = Orders {
        list: vec![order(&scn, "red", "ship_arms", Some("green"), 2)],
    };
    let r1 = resolve_turn(&scn, &s, &ship, 1);
    assert_eq!(r1.state.shipments.len(), 1);
    let m1 = r1.state.actor(green).stat(Stat::Military);
    let r1b = resolve_turn(&scn, &r1.state, &Orders::default(), 1);
    assert_eq!(
        r1b.state.shipments.len(),
        1,
        "turns = 2: still in transit one turn after sending"
    );
    let r2 = resolve_turn(&scn, &r1b.state, &Orders::default(), 1);
    assert!(
        r2.state.shipments.is_empty(),
        "arrived two turns after sending"
    );
    let gained = r2.state.actor(green).stat(Stat::Military) - m1;
    assert!(
        gained > 4.0,
        "2 batches × 3 military arrive (less the arms race's restraint): {gained}"
    );
    let arrival = r2.changes.iter().find(|c| {
        c.meter
            == Meter::Stat {
                actor: green,
                stat: Stat::Military,
            }
            && c.rule == Rule::Effect
    });
    assert!(matches!(
        arrival.map(|c| c.cause),
        Some(Cause::Shipment { .. })
    ));
    // Blue is hostile to Green: the build-up raises Blue's threat perception, caused by the shipment.
    assert!(
        r2.changes
            .iter()
            .any(|c| c.rule == Rule::Buildup && matches!(c.cause, Cause::Shipment { .. }))
    );

    // Interdiction: try seeds until the 60% roll succeeds; the shipment never arrives.
    let seize = Orders {
        list: vec![order(&scn, "blue", "interdict", Some("green"), 1)],
    };
    let seized = (0..20)
        .map(|seed| resolve_turn(&scn, &r1.state, &seize, seed))
        .find(|r| {
            r.events
                .iter()
                .any(|e| matches!(e, Event::ShipmentSeized { .. }))
        });
    let seized = seized.expect("a 60% interdiction succeeds within 20 seeds");
    assert!(seized.state.shipments.is_empty());
    assert!(
        !seized
            .events
            .iter()
            .any(|e| matches!(e, Event::ShipmentArrived { .. }))
    );
}

#[test]
fn factories_produce_every_turn_until_dismantled() {
    let scn = mini();
    let green = ActorId(2);
    let mut s = initial_state(&scn);
    s.tracks[0][0] = 70.0;
    let build = Orders {
        list: vec![order(&scn, "red", "plant", Some("green"), 1)],
    };
    let mut r = resolve_turn(&scn, &s, &build, 1);
    assert_eq!(r.state.factories.len(), 1);
    let produced = |r: &flashpoint::engine::Resolution| {
        r.changes
            .iter()
            .filter(|c| {
                matches!(c.cause, Cause::Factory { .. })
                    && c.meter
                        == Meter::Stat {
                            actor: green,
                            stat: Stat::Military,
                        }
            })
            .count()
    };
    assert_eq!(produced(&r), 0, "not in the turn it is built");
    for _ in 0..3 {
        r = resolve_turn(&scn, &r.state, &Orders::default(), 1);
        assert_eq!(produced(&r), 1);
    }
    let raid = Orders {
        list: vec![order(&scn, "blue", "raid", Some("green"), 1)],
    };
    let done = (0..20)
        .map(|seed| resolve_turn(&scn, &r.state, &raid, seed))
        .find(|x| x.state.factories.is_empty());
    let done = done.expect("a 50% raid succeeds within 20 seeds");
    let after = resolve_turn(&scn, &done.state, &Orders::default(), 1);
    assert_eq!(produced(&after), 0);
}

#[test]
fn sanctions_alone_never_push_a_pair_past_the_ceiling() {
    let scn = mini();
    let mut s = initial_state(&scn);
    for turn in 0..scn.meta.turns {
        let list = vec![
            order(&scn, "blue", "sanction", Some("red"), 5),
            order(&scn, "red", "sanction", Some("blue"), 5),
        ];
        s = resolve_turn(&scn, &s, &Orders { list }, u64::from(turn)).state;
        let t = s.tension.get(ActorId(0), ActorId(1));
        assert!(
            t <= 55.0 + 1e-9,
            "turn {turn}: sanctions pushed tension to {t}"
        );
        assert!(s.regional < 60.0, "sanctions alone reached Crisis");
    }
}

#[test]
fn tension_effects_follow_the_goldstein_scale() {
    // For every move of the default scenario, the tension it adds at full
    // level between two equal actors must order like its Goldstein value.
    let scn = korea();
    let mut s = initial_state(&scn);
    let (a, b) = (ActorId(0), ActorId(1));
    // Equal weights, so only the Goldstein value and the level matter.
    for x in scn.actor_ids() {
        s.actors[x.index()].stats[Stat::Military.index()] = 50.0;
    }
    let mut pairs: Vec<(f64, f64)> = Vec::new();
    for m in scn.moves.iter().filter(|m| !m.covert) {
        let dt = tension::act_tension(&scn, &s, m, m.level.max, a, b);
        if m.goldstein != 0.0 {
            assert_eq!(
                dt > 0.0,
                m.goldstein < 0.0,
                "{}: goldstein {} moved tension by {dt}",
                m.id,
                m.goldstein
            );
        }
        pairs.push((m.goldstein, dt));
    }
    assert!(pairs.len() >= 10);
    let rho = spearman(&pairs);
    assert!(
        rho <= -0.8,
        "rank correlation of Goldstein and tension is {rho}"
    );
}

fn ranks(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|a, b| v[*a].total_cmp(&v[*b]));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
            j += 1;
        }
        for k in i..=j {
            r[idx[k]] = (i + j) as f64 / 2.0;
        }
        i = j + 1;
    }
    r
}

fn spearman(pairs: &[(f64, f64)]) -> f64 {
    let x = ranks(&pairs.iter().map(|p| p.0).collect::<Vec<_>>());
    let y = ranks(&pairs.iter().map(|p| p.1).collect::<Vec<_>>());
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let cov: f64 = x.iter().zip(&y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx: f64 = x.iter().map(|a| (a - mx) * (a - mx)).sum();
    let vy: f64 = y.iter().map(|b| (b - my) * (b - my)).sum();
    cov / (vx * vy).sqrt()
}

#[test]
fn richardson_pairs_converge_when_stable_and_run_away_when_not() {
    // Two hostile actors with a build-up each; iterate only the arms race.
    let text = std::fs::read_to_string("tests/fixtures/mini.toml").expect("fixture");
    let run = |reaction: f64, restraint: f64| -> f64 {
        let t = text.replacen(
            "[[actors]]",
            &format!("[tension.richardson]\nreaction = {reaction}\nrestraint = {restraint}\ngrievance = 0\n\n[[actors]]"),
            1,
        );
        let scn = flashpoint::scenario::load_str("rich.toml", &t).expect("valid");
        let mut s = initial_state(&scn);
        let (red, blue) = (ActorId(0), ActorId(1));
        for (x, y) in [(red, blue), (blue, red)] {
            s.relations.set(x, y, -100.0);
        }
        s.actors[0].stats[Stat::Military.index()] += 5.0;
        s.actors[1].stats[Stat::Military.index()] += 5.0;
        for _ in 0..60 {
            let steps: Vec<f64> = [red, blue]
                .iter()
                .map(|a| tension::arms_race_step(&scn, &s, *a))
                .collect();
            for (a, d) in [red, blue].iter().zip(steps) {
                let v = &mut s.actors[a.index()].stats[Stat::Military.index()];
                *v = (*v + d).clamp(0.0, 100.0);
            }
        }
        s.actor(blue).stat(Stat::Military) - scn.actor(blue).stat(Stat::Military)
    };
    let stable = run(0.05, 0.2); // m > a: converges to no build-up
    let runaway = run(0.3, 0.1); // a > m: grows until the cap
    assert!(
        stable.abs() < 0.5,
        "stable pair still has build-up {stable}"
    );
    assert!(runaway > 15.0, "unstable pair built up only {runaway}");
}
