//! Benchmarks of the core: one turn's resolution, one turn of AI decisions
//! for every actor, a whole AI game and a batch of games on the default
//! scenario; and AI turns on generated scenarios from 5 to 24 actors and at
//! the format's documented limits. Figures are quoted in docs/performance.md.
//!
//! `cargo bench --bench engine` runs them all; `cargo bench --bench engine
//! -- scale` only the generated scenarios.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use flashpoint::ai::Policy;
use flashpoint::engine::{initial_state, resolve_turn};
use flashpoint::scenario::{Scenario, load_bundled, load_str};
use flashpoint::sim::{self, synthetic};

fn default_scenario() -> Scenario {
    load_bundled("korea-arms-deal")
        .expect("bundled")
        .expect("valid")
}

fn core(c: &mut Criterion) {
    let scn = default_scenario();
    let policies = vec![Policy::Utility; scn.n()];
    // A mid-game state: six AI turns in.
    let mid = sim::play_game(&scn, 7, &policies, Some(6)).state;
    let (orders, _) = sim::decide_all(&scn, &mid, 7, &policies);

    c.bench_function("resolve_turn (5 actors, AI orders)", |b| {
        b.iter(|| resolve_turn(black_box(&scn), black_box(&mid), black_box(&orders), 7))
    });
    c.bench_function("ai_turn (decisions of all 5 actors)", |b| {
        b.iter(|| sim::decide_all(black_box(&scn), black_box(&mid), 7, &policies))
    });
    c.bench_function("initial_state", |b| {
        b.iter(|| initial_state(black_box(&scn)))
    });
    let mut g = c.benchmark_group("game");
    g.sample_size(10);
    g.bench_function("whole AI game (24 turns)", |b| {
        b.iter(|| sim::play_game(black_box(&scn), 7, &policies, None))
    });
    g.finish();
}

fn scale(c: &mut Criterion) {
    let mut g = c.benchmark_group("scale");
    g.sample_size(10);
    let sizes = [
        ("5 actors, 40 moves, 50 events", 5, 40, 50),
        ("10 actors, 40 moves, 50 events", 10, 40, 50),
        ("20 actors, 40 moves, 50 events", 20, 40, 50),
        ("24 actors, 40 moves, 50 events", 24, 40, 50),
        ("10 actors, 40 moves, 0 events", 10, 40, 0),
        ("10 actors, 40 moves, 250 events", 10, 40, 250),
        ("10 actors, 40 moves, 500 events", 10, 40, 500),
        ("24 actors at every limit", 24, 200, 500),
    ];
    for (label, actors, moves, events) in sizes {
        let size = synthetic::Size {
            actors,
            moves,
            events,
            tracks: if moves == 200 { 99 } else { 10 },
        };
        let scn = load_str("synthetic", &synthetic::text(size)).expect("generated scenario");
        let policies = vec![Policy::Utility; scn.n()];
        let mid = sim::play_game(&scn, 7, &policies, Some(3)).state;
        g.bench_with_input(BenchmarkId::new("ai_turn", label), &mid, |b, mid| {
            b.iter(|| sim::decide_all(black_box(&scn), black_box(mid), 7, &policies))
        });
    }
    g.finish();
}

criterion_group!(engine, core, scale);
criterion_main!(engine);
