//! Helpers shared by the `save_*` tests.
#![allow(dead_code)]

use flashpoint::engine::{Orders, orders};
use flashpoint::game::Game;
use flashpoint::scenario::{self, Scenario};

/// The bundled default scenario.
pub fn korea() -> Scenario {
    scenario::load_bundled("korea-arms-deal")
        .expect("bundled")
        .expect("valid")
}

/// The small fixture that uses every effect kind (shipments, factories, …).
pub fn mini() -> Scenario {
    scenario::load_str(
        "tests/fixtures/mini.toml",
        include_str!("../fixtures/mini.toml"),
    )
    .expect("valid fixture")
}

/// Deterministic "human" orders: for each human actor, one of its legal
/// options picked from the seed and turn (sometimes none).
pub fn human_orders(g: &Game) -> Orders {
    let mut out = Orders::default();
    for a in g.human_actors() {
        let opts = orders::options(&g.scenario, &g.state, a);
        let k = (g.seed as usize)
            .wrapping_mul(31)
            .wrapping_add(g.state.turn as usize * 7 + a.index());
        if !opts.is_empty() && !k.is_multiple_of(4) {
            out.list.push(opts[k % opts.len()].clone());
        }
    }
    out
}

/// Plays up to `turns` more turns (stops when the game ends).
pub fn play(g: &mut Game, turns: u32) {
    for _ in 0..turns {
        if g.state.is_over() {
            break;
        }
        let o = human_orders(g);
        g.play_turn(&o);
    }
}

/// Plays to the end.
pub fn play_out(g: &mut Game) {
    play(g, u32::MAX);
}

/// A fixed timestamp, so save texts can be compared byte for byte.
pub fn stamp() -> toml::value::Datetime {
    "2030-01-02T03:04:05Z".parse().unwrap()
}

/// A fresh empty folder.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}
