//! Benchmarks of the core: one turn's resolution, one turn of AI decisions
//! for every actor, a whole AI game and a batch of games on the default
//! scenario; and AI turns on generated scenarios from 5 to 24 actors and at
//! the format's documented limits. Figures are quoted in docs/performance.md.
//!
//! `cargo bench --bench engine` runs them all; `cargo bench --bench engine
//! -- scale` only the generated scenarios; `-- ai_turn_strength` one turn
//! of every actor at each AI strength (easy, normal, hard).

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use flashpoint::ai::{Policy, decide};
use flashpoint::engine::turn::Keep;
use flashpoint::engine::{Orders, initial_state, resolve_turn};
use flashpoint::referee::{Match, Missing};
use flashpoint::scenario::{Scenario, load_bundled, load_str};
use flashpoint::sim::{self, synthetic};

fn default_scenario() -> Arc<Scenario> {
    Arc::new(
        load_bundled("korea-arms-deal")
            .expect("bundled")
            .expect("valid"),
    )
}

/// A game `turns` AI turns in.
fn mid_game(scn: &Arc<Scenario>, turns: u32) -> Match {
    let policies = vec![Policy::Utility; scn.n()];
    let mut m = Match::new(scn.clone(), 7, sim::seats(&policies), Keep::Everything);
    for _ in 0..turns {
        m.play_turn();
    }
    m
}

/// Every computer player's decision for the coming turn, each from its own
/// view (the views are built too: they are part of an AI turn).
fn decide_all(scn: &Scenario, m: &Match) -> Orders {
    let mut orders = Orders::default();
    for job in m.ai_jobs(Missing::Nothing) {
        orders.list.extend(job.run(scn).orders);
    }
    orders
}

fn core(c: &mut Criterion) {
    let scn = default_scenario();
    let policies = vec![Policy::Utility; scn.n()];
    // A mid-game state: six AI turns in.
    let game = mid_game(&scn, 6);
    let mid = game.truth().state.clone();
    let orders = decide_all(&scn, &game);

    c.bench_function("resolve_turn (5 actors, AI orders)", |b| {
        b.iter(|| resolve_turn(black_box(&scn), black_box(&mid), black_box(&orders), 7))
    });
    c.bench_function("ai_turn (decisions of all 5 actors)", |b| {
        b.iter(|| decide_all(black_box(&scn), black_box(&game)))
    });
    c.bench_function("initial_state", |b| {
        b.iter(|| initial_state(black_box(&scn)))
    });
    let mut g = c.benchmark_group("game");
    g.sample_size(10);
    g.bench_function("whole AI game (24 turns)", |b| {
        b.iter(|| sim::play_game(black_box(&scn), 7, &policies, None))
    });
    // A batch as `simulate --runs 8 --threads 1` plays it (statistics only).
    let settings = sim::batch::BatchSettings::new(&scn, 7, 8, None, policies.clone());
    let stop = std::sync::atomic::AtomicBool::new(false);
    g.bench_function("batch of 8 games (1 thread)", |b| {
        b.iter(|| sim::batch::run_batch(black_box(&scn), &settings, 0..8, 1, &stop, &|| {}))
    });
    g.finish();
}

/// One turn of decisions for every actor at each strength, from the
/// states of a fixed-seed AI game at turns 1, 8 and 16: one iteration
/// decides all five actors at each of the three turns (divide by three
/// for a turn). Each actor decides from its own view, built in the loop
/// as in a real turn.
fn strengths(c: &mut Criterion) {
    let scn = default_scenario();
    let games: Vec<Match> = [1, 8, 16].iter().map(|t| mid_game(&scn, t - 1)).collect();
    let mut g = c.benchmark_group("ai_turn_strength");
    for (name, policy) in Policy::STRENGTHS {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut orders = 0;
                for m in &games {
                    for a in scn.actor_ids() {
                        let d = decide(&scn, &m.view(a), m.seed(), policy);
                        orders += d.orders.len();
                    }
                }
                black_box(orders)
            })
        });
    }
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
        let scn =
            Arc::new(load_str("synthetic", &synthetic::text(size)).expect("generated scenario"));
        let mid = mid_game(&scn, 3);
        g.bench_with_input(BenchmarkId::new("ai_turn", label), &mid, |b, mid| {
            b.iter(|| decide_all(black_box(&scn), black_box(mid)))
        });
    }
    g.finish();
}

criterion_group!(engine, core, strengths, scale);
criterion_main!(engine);
