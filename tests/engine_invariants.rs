//! Engine invariants over many random games: meters stay in range, nothing
//! becomes NaN, nothing panics, every change is in the ledger, and the same
//! inputs always give the same result.

use flashpoint::engine::ledger::Meter;
use flashpoint::engine::orders::{self, Order, Orders};
use flashpoint::engine::{State, initial_state, resolve_turn};
use flashpoint::scenario::{Scenario, Stat, load_bundled, load_file};
use proptest::prelude::*;

fn scenarios() -> Vec<Scenario> {
    vec![
        load_bundled("korea-arms-deal")
            .expect("bundled")
            .expect("valid"),
        load_file(std::path::Path::new("tests/fixtures/mini.toml")).expect("valid fixture"),
    ]
}

fn check_ranges(scn: &Scenario, s: &State) {
    let ok = |x: f64, lo: f64, hi: f64, what: &str| {
        assert!(x.is_finite(), "{what} is not finite: {x}");
        assert!(
            x >= lo - 1e-9 && x <= hi + 1e-9,
            "{what} = {x} outside {lo}..{hi}"
        );
    };
    ok(s.regional, 0.0, 100.0, "regional");
    for a in scn.actor_ids() {
        let st = s.actor(a);
        for stat in Stat::ALL {
            ok(st.stat(stat), 0.0, 100.0, stat.name());
        }
        ok(st.threat, 0.0, 100.0, "threat");
        ok(st.capital, 0.0, scn.actor(a).capital.max, "capital");
        for b in scn.actor_ids() {
            if a == b {
                continue;
            }
            ok(s.relations.get(a, b), -100.0, 100.0, "relation");
            ok(s.tension.get(a, b), 0.0, 100.0, "tension");
            assert_eq!(
                s.tension.get(a, b),
                s.tension.get(b, a),
                "tension is symmetric"
            );
            assert!(s.sanctions.get(a, b) <= 5);
        }
    }
    for (t, vals) in scn.tracks.iter().zip(&s.tracks) {
        for v in vals {
            ok(*v, t.min, t.max, &t.id);
        }
    }
}

/// Picks up to three random legal orders per actor from a list of choices.
fn random_orders(scn: &Scenario, s: &State, picks: &[u16]) -> Orders {
    let mut list = Vec::new();
    let mut k = 0;
    for a in scn.actor_ids() {
        let opts = orders::options(scn, s, a);
        let mut spent = 0.0;
        for _ in 0..3 {
            let p = picks[k % picks.len()] as usize;
            k += 1;
            if opts.is_empty() {
                break;
            }
            let o: &Order = &opts[p % opts.len()];
            if let Ok(c) = orders::check(scn, s, o, spent) {
                spent += c;
                list.push(o.clone());
            }
        }
    }
    Orders { list }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_games_keep_invariants(seed in any::<u64>(), which in 0usize..2, picks in prop::collection::vec(any::<u16>(), 1..40)) {
        let scn = &scenarios()[which];
        let mut s = initial_state(scn);
        check_ranges(scn, &s);
        while !s.is_over() {
            let orders = random_orders(scn, &s, &picks);
            let r = resolve_turn(scn, &s, &orders, seed);
            let again = resolve_turn(scn, &s, &orders, seed);
            prop_assert_eq!(&r, &again, "same inputs, same turn");
            check_ranges(scn, &r.state);
            // Every change to regional tension and to each stat is in the ledger.
            let sum = |m: Meter| r.changes.iter().filter(|c| c.meter == m).map(|c| c.delta).sum::<f64>();
            prop_assert!((sum(Meter::Regional) - (r.state.regional - s.regional)).abs() < 1e-6);
            for a in scn.actor_ids() {
                for stat in Stat::ALL {
                    let d = r.state.actor(a).stat(stat) - s.actor(a).stat(stat);
                    prop_assert!((sum(Meter::Stat { actor: a, stat }) - d).abs() < 1e-6, "{} of {} changed without a cause", stat.name(), scn.actor(a).id);
                }
            }
            prop_assert_eq!(r.state.turn, s.turn + 1);
            // Pictures never leak: an observer sees a secret value exactly
            // only if it may know it (the perspective tests check the rest).
            for o in scn.actor_ids() {
                let v = flashpoint::engine::picture(scn, &r.state, o, seed);
                for (ti, _) in scn.tracks.iter().enumerate() {
                    for (k, truth) in r.state.tracks[ti].iter().enumerate() {
                        let owner = (r.state.tracks[ti].len() > 1).then_some(flashpoint::scenario::ActorId(k as u16));
                        let est = v.tracks[ti][k];
                        if flashpoint::engine::intel::knows_track(scn, o, ti, owner) {
                            prop_assert_eq!(est.value, *truth);
                        } else {
                            prop_assert!(est.spread > 0.0, "a secret value is shown as certain");
                        }
                    }
                }
            }
            s = r.state;
        }
        prop_assert!(s.turn <= scn.meta.turns);
    }
}

#[test]
fn finished_games_do_not_change() {
    let scn = &scenarios()[1];
    let mut s = initial_state(scn);
    while !s.is_over() {
        s = resolve_turn(scn, &s, &Orders::default(), 1).state;
    }
    let r = resolve_turn(scn, &s, &Orders::default(), 1);
    assert_eq!(r.state, s);
    assert!(r.events.is_empty());
}

#[test]
fn another_seed_gives_another_game() {
    use flashpoint::ai::Policy;
    let scn = &std::sync::Arc::new(scenarios()[0].clone());
    let p = vec![Policy::Utility; scn.n()];
    let a = flashpoint::sim::play_game(scn, 1, &p, Some(6));
    let b = flashpoint::sim::play_game(scn, 1, &p, Some(6));
    let c = flashpoint::sim::play_game(scn, 2, &p, Some(6));
    assert_eq!(a, b);
    assert_ne!(a.state, c.state);
}
