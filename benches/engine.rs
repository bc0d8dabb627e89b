//! Benchmarks of the core: one turn's resolution, one turn of AI
//! decisions for every actor, and a whole AI game of the default scenario.
//! Figures are quoted in docs/performance.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use flashpoint::ai::Policy;
use flashpoint::engine::{initial_state, resolve_turn};
use flashpoint::scenario::load_bundled;
use flashpoint::sim;

fn benches(c: &mut Criterion) {
    let scn = load_bundled("korea-arms-deal")
        .expect("bundled")
        .expect("valid");
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

criterion_group!(engine, benches);
criterion_main!(engine);
