//! Save → load → continue gives exactly the game played without stopping.

mod save_common;

use flashpoint::save::{self, format};
use flashpoint::scenario::Scenario;
use save_common::*;

/// For each seed: plays the game through once, keeping the game after
/// every turn; at every stop point saves that game, loads it, continues it
/// for `horizon` turns (or to the end), and checks the result equals the
/// uninterrupted game at the same turn: state, serialized state byte for
/// byte, order log, and the whole save text.
fn check_stop_points(
    scn: &Scenario,
    seeds: &[u64],
    stops: &[u32],
    horizon: Option<u32>,
    humans_for: impl Fn(u64) -> Vec<bool>,
) {
    let dir = tempdir();
    for &seed in seeds {
        let mut g = new_game(scn.clone(), seed, humans_for(seed));
        let mut at = vec![g.clone()];
        while !state(&g).is_over() {
            play(&mut g, 1);
            at.push(g.clone());
        }
        let mut clamped: Vec<usize> = stops
            .iter()
            .map(|s| (*s as usize).min(at.len() - 1))
            .collect();
        clamped.dedup();
        for stop in clamped {
            let at_stop = &at[stop];
            let path = dir.path().join(format!("s{seed}-t{stop}.toml"));
            save::write_new(&path, at_stop).unwrap();
            let mut loaded =
                save::load(&path).unwrap_or_else(|e| panic!("seed {seed} stop {stop}: {e}"));
            assert_eq!(
                state(&loaded),
                state(at_stop),
                "seed {seed} stop {stop}: loaded state"
            );
            assert_eq!(log(&loaded), log(at_stop));
            assert_eq!(humans(&loaded), humans(at_stop));
            assert_eq!(loaded.seed(), seed);
            assert_eq!(loaded.scenario().source, scn.source);
            assert_eq!(loaded.scenario().origin, scn.origin);
            assert_eq!(last(&loaded).is_some(), !log(at_stop).is_empty());
            if let (Some(a), Some(b)) = (&last(&loaded), &last(at_stop)) {
                assert_eq!(
                    a.events, b.events,
                    "seed {seed} stop {stop}: last turn's events"
                );
                assert_eq!(a.changes, b.changes);
                assert_eq!(a.orders, b.orders);
            }
            let end = horizon.map_or(at.len() - 1, |h| (stop + h as usize).min(at.len() - 1));
            play(&mut loaded, (end - stop) as u32);
            let whole = &at[end];
            let ctx = format!("seed {seed}, stopped at {stop}, compared at {end}");
            assert_eq!(state(&loaded), state(whole), "{ctx}: state");
            assert_eq!(log(&loaded), log(whole), "{ctx}: order log");
            assert_eq!(
                toml::to_string(&state(&loaded)).unwrap(),
                toml::to_string(&state(whole)).unwrap(),
                "{ctx}: serialized state"
            );
            assert_eq!(
                format::game_text(&loaded, stamp()).unwrap(),
                format::game_text(whole, stamp()).unwrap(),
                "{ctx}: save text"
            );
        }
    }
}

#[test]
fn korea_all_ai_continues_identically() {
    let scn = korea();
    let n = scn.n();
    check_stop_points(
        &scn,
        &(1..=5).collect::<Vec<_>>(),
        &[0, 1, 5, 12, 23],
        Some(6),
        |_| vec![false; n],
    );
}

#[test]
fn korea_with_humans_continues_identically() {
    let scn = korea();
    let n = scn.n();
    // Seeds 11..=15, one or two actors played by "people" giving orders.
    check_stop_points(
        &scn,
        &(11..=15).collect::<Vec<_>>(),
        &[0, 1, 5, 12, 23],
        Some(6),
        |seed| {
            let mut h = vec![false; n];
            h[seed as usize % n] = true;
            if seed % 2 == 0 {
                h[(seed as usize + 2) % n] = true;
            }
            h
        },
    );
}

#[test]
fn mini_every_effect_kind_continues_identically() {
    let scn = mini();
    let n = scn.n();
    check_stop_points(
        &scn,
        &(1..=20).collect::<Vec<_>>(),
        &[0, 1, 5, 9],
        None,
        |seed| {
            let mut h = vec![false; n];
            if seed % 3 == 0 {
                h[0] = true;
            }
            h
        },
    );
}

#[test]
fn mini_state_exercises_the_tricky_shapes() {
    // Shipments, factories, optional fields and tagged enums must survive
    // TOML. Red is played by a "person" who builds plants and ships arms
    // whenever allowed, and negotiates otherwise.
    let scn = mini();
    let n = scn.n();
    let prefer = ["plant", "ship_arms", "negotiate"];
    let mut seen_shipment = false;
    let mut seen_factory = false;
    for seed in 1..=10 {
        let mut humans = vec![false; n];
        humans[0] = true;
        let mut g = new_game(scn.clone(), seed, humans);
        while !state(&g).is_over() {
            let opts = flashpoint::engine::orders::options(
                g.scenario(),
                state(&g),
                flashpoint::scenario::ActorId(0),
            );
            let mut orders = flashpoint::engine::Orders::default();
            let first = (state(&g).turn % 2) as usize; // alternate plant / ship_arms first
            if let Some(o) = prefer[first..]
                .iter()
                .chain(&prefer[..first])
                .find_map(|id| opts.iter().find(|o| g.scenario().mv(o.mv).id == *id))
            {
                orders.list.push(o.clone());
            }
            play_with(&mut g, &orders);
            seen_shipment |= !state(&g).shipments.is_empty();
            seen_factory |= !state(&g).factories.is_empty();
            let text = format::game_text(&g, stamp()).unwrap();
            let (file, _) = save::load::parse(std::path::Path::new("mem.toml"), text.as_bytes())
                .unwrap_or_else(|e| panic!("seed {seed} turn {}: {e}\n{text}", state(&g).turn));
            assert_eq!(&file.state, state(&g));
            assert_eq!(
                toml::to_string(&file.state).unwrap(),
                toml::to_string(&state(&g)).unwrap()
            );
        }
        let dir = tempdir();
        let p = dir.path().join("g.toml");
        save::write_new(&p, &g).unwrap();
        assert_eq!(state(&save::load(&p).unwrap()), state(&g));
    }
    assert!(
        seen_shipment,
        "no game had a shipment in transit: the test covers less than it claims"
    );
    assert!(
        seen_factory,
        "no game had a factory: the test covers less than it claims"
    );
}

#[test]
fn a_finished_game_and_a_fresh_game_round_trip() {
    let dir = tempdir();
    let scn = korea();
    let n = scn.n();
    let fresh = new_game(scn.clone(), 3, vec![true; n]);
    let p = dir.path().join("fresh.toml");
    save::write_new(&p, &fresh).unwrap();
    let g = save::load(&p).unwrap();
    assert_eq!(state(&g), state(&fresh));
    assert_eq!(humans(&g), vec![true; n]);
    assert!(log(&g).is_empty() && last(&g).is_none());

    let mut done = new_game(scn, 4, vec![false; n]);
    play_out(&mut done);
    let p = dir.path().join("done.toml");
    save::write_new(&p, &done).unwrap();
    let g = save::load(&p).unwrap();
    assert!(state(&g).is_over());
    assert_eq!(state(&g), state(&done));
}

#[test]
fn seeds_beyond_toml_integers_round_trip() {
    let dir = tempdir();
    let scn = mini();
    let n = scn.n();
    for seed in [u64::MAX, i64::MAX as u64 + 1, 0] {
        let mut g = new_game(scn.clone(), seed, vec![false; n]);
        play(&mut g, 3);
        let p = dir.path().join(format!("{seed}.toml"));
        save::write_new(&p, &g).unwrap();
        let back = save::load(&p).unwrap();
        assert_eq!(back.seed(), seed);
        assert_eq!(state(&back), state(&g));
    }
}

#[test]
fn the_embedded_scenario_text_is_kept_exactly() {
    // CRLF line ends, tabs, trailing spaces, `'''` and `"""`, backslashes,
    // non-ASCII, and no final newline: the text must come back byte for byte.
    let base = include_str!("fixtures/mini.toml");
    let tricky = format!(
        "# a comment with ''' and \"\"\" and a \\ backslash\t\r\n# ünïcödé ✓   \r\n{}",
        base.replace('\n', "\r\n").trim_end()
    );
    let scn =
        flashpoint::scenario::load_str("tricky.toml", &tricky).expect("tricky scenario loads");
    assert_eq!(scn.source, tricky);
    let n = scn.n();
    let mut g = new_game(scn, 9, vec![false; n]);
    play(&mut g, 2);
    let dir = tempdir();
    let p = dir.path().join("tricky.toml");
    save::write_new(&p, &g).unwrap();
    let back = save::load(&p).unwrap();
    assert_eq!(back.scenario().source, tricky);
    assert_eq!(state(&back), state(&g));
}

#[test]
fn the_save_is_readable_toml_with_ids() {
    let scn = korea();
    let n = scn.n();
    let mut g = new_game(scn, 5, vec![false; n]);
    play(&mut g, 2);
    let text = format::game_text(&g, stamp()).unwrap();
    assert!(text.starts_with("# Flashpoint saved game"));
    assert!(text.contains("format_version = 3\n"));
    assert!(text.contains("created = 2030-01-02T03:04:05Z\n"));
    assert!(
        text.contains("[[turns.orders]]\nactor = \""),
        "orders use ids"
    );
    assert!(text.contains(&format!(
        "sha256 = \"{}\"",
        format::scenario_hash(&g.scenario().source)
    )));
    assert!(text.trim_end().ends_with(format::END_MARKER));
    // And it is plain TOML.
    let _: toml::Table = toml::from_str(&text).unwrap();
}

#[test]
fn a_simulated_game_saves_and_replays() {
    // What `flashpoint simulate --save FILE` does, with a random player too.
    use flashpoint::ai::Policy;
    let scn = mini();
    let mut policies = vec![Policy::Utility; scn.n()];
    policies[1] = Policy::Random;
    let dir = tempdir();
    for seed in [1, 2, 3] {
        let scn = std::sync::Arc::new(scn.clone());
        let mut g = flashpoint::referee::Match::new(
            scn.clone(),
            seed,
            flashpoint::sim::seats(&policies),
            flashpoint::engine::turn::Keep::Everything,
        );
        while !g.is_over() {
            g.play_turn();
        }
        let rec = flashpoint::sim::record(&g);
        let p = dir.path().join(format!("sim-{seed}.toml"));
        save::write_new(&p, &g).unwrap();
        let back = save::load(&p).unwrap();
        assert_eq!(state(&back), &rec.state);
        assert_eq!(log(&back).len(), rec.turns.len());
        assert!(back.humans().is_empty());
        assert_eq!(back.seats(), g.seats(), "the random player is kept");
        assert_eq!(
            last(&back).as_ref().map(|t| &t.events),
            rec.turns.last().map(|t| &t.events)
        );
        assert_eq!(
            last(&back).map(|t| &t.reasons),
            rec.turns.last().map(|t| &t.reasons),
            "the computer players' reasons are kept"
        );
    }
}

#[test]
fn a_save_written_before_conduct_was_kept_still_loads() {
    // Saves made before the state kept each actor's recent conduct have no
    // `[state.conduct]`: they load, the replay fills it in, and the game
    // continues exactly as the one played without stopping.
    let scn = korea();
    let n = scn.n();
    let mut g = new_game(scn, 6, vec![false; n]);
    play(&mut g, 3);
    assert!(state(&g).conduct.cells().iter().any(|v| *v != 0.0));
    let text = format::game_text(&g, stamp()).unwrap();
    let start = text.find("[state.conduct]\n").expect("conduct is saved");
    let len = text[start + 1..]
        .find("\n[")
        .map_or(text.len() - start, |i| i + 2);
    let old = format!("{}{}", &text[..start], &text[start + len..]);
    assert!(!old.contains("conduct"));
    let dir = tempdir();
    let p = dir.path().join("old.toml");
    std::fs::write(&p, &old).unwrap();
    let mut back = save::load(&p).expect("an old save loads");
    assert_eq!(state(&back), state(&g));
    back.play_turn();
    g.play_turn();
    assert_eq!(state(&back), state(&g));
}
