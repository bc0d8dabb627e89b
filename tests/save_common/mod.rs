//! Helpers shared by the `save_*` tests.
#![allow(dead_code)]

use std::sync::Arc;

use flashpoint::ai::Policy;
use flashpoint::engine::turn::{Keep, TurnRecord};
use flashpoint::engine::{Orders, State, orders};
use flashpoint::referee::{Match, Seat};
use flashpoint::scenario::{self, Scenario};

/// A refereed game (what saves store).
pub type Game = Match;

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

/// A new game; `humans[i]`: actor i is played by a person.
pub fn new_game(scn: Scenario, seed: u64, humans: Vec<bool>) -> Game {
    let seats = humans
        .iter()
        .map(|h| {
            if *h {
                Seat::Human
            } else {
                Seat::Ai(Policy::Utility)
            }
        })
        .collect();
    Match::new(Arc::new(scn), seed, seats, Keep::Everything)
}

/// The true state of a game.
pub fn state(g: &Game) -> &State {
    g.truth().state
}

/// Every resolved turn's orders.
pub fn log(g: &Game) -> Vec<Orders> {
    g.truth().turns.iter().map(|t| t.orders.clone()).collect()
}

/// The last resolved turn.
pub fn last(g: &Game) -> Option<&TurnRecord> {
    g.truth().turns.last()
}

/// Per actor: played by a person.
pub fn humans(g: &Game) -> Vec<bool> {
    g.seats().iter().map(|s| *s == Seat::Human).collect()
}

/// Deterministic "human" orders: for each human actor, one of its legal
/// options picked from the seed and turn (sometimes none).
pub fn human_orders(g: &Game) -> Orders {
    let mut out = Orders::default();
    for a in g.humans() {
        let believed = g.view(a).believed_state(g.scenario());
        let opts = orders::options(g.scenario(), &believed, a);
        let k = (g.seed() as usize)
            .wrapping_mul(31)
            .wrapping_add(g.turn() as usize * 7 + a.index());
        if !opts.is_empty() && !k.is_multiple_of(4) {
            out.list.push(opts[k % opts.len()].clone());
        }
    }
    out
}

/// Plays one turn: the people give `orders`, the computer the rest.
pub fn play_with(g: &mut Game, orders: &Orders) {
    for a in g.humans() {
        let mine: Vec<_> = orders.of(a).cloned().collect();
        g.submit(a, mine).expect("legal orders");
    }
    g.play_turn();
}

/// Plays up to `turns` more turns (stops when the game ends).
pub fn play(g: &mut Game, turns: u32) {
    for _ in 0..turns {
        if g.is_over() {
            break;
        }
        let o = human_orders(g);
        play_with(g, &o);
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
