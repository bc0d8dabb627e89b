//! A designer's balance report: plays many computer-only games of a
//! scenario and prints the figures issue 10's targets are stated in.
//!
//! ```text
//! cargo run --release --example balance -- [SCENARIO] [--runs N] [--key-track TRACK_ID] [--policy ACTOR=NAME]... [--policies]
//! ```
//! `--policies` also plays every actor with each fixed strategy (passive,
//! random, hawk, dove) against the normal AI and prints the score gaps.

use std::collections::BTreeMap;
use std::sync::Arc;

use flashpoint::ai::Policy;
use flashpoint::engine::env::Bound;
use flashpoint::engine::{Event, Outcome};
use flashpoint::scenario::expr::Expr;
use flashpoint::scenario::{self, Scenario};
use flashpoint::sim::{GameRecord, play_game};

fn games(scn: &Arc<Scenario>, runs: u64, policies: &[Policy]) -> Vec<GameRecord> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()) as u64;
    let mut all: Vec<GameRecord> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    (0..runs)
                        .filter(|i| i % threads == t)
                        .map(|i| play_game(scn, 1000 + i, policies, None))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        hs.into_iter()
            .flat_map(|h| h.join().expect("worker"))
            .collect()
    });
    all.sort_by_key(|g| g.seed);
    all
}

fn pct(n: usize, d: usize) -> String {
    format!("{:5.1}%", 100.0 * n as f64 / d.max(1) as f64)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut path = None;
    let mut runs = 300;
    let mut key: Option<String> = None;
    let mut vs = false;
    let mut fixed: Vec<(String, String)> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => runs = it.next().and_then(|s| s.parse().ok()).unwrap_or(runs),
            "--key-track" => key = it.next().cloned(),
            "--policies" => vs = true,
            "--policy" => {
                if let Some((a, p)) = it.next().and_then(|s| s.split_once('=')) {
                    fixed.push((a.to_string(), p.to_string()));
                }
            }
            p => path = Some(p.to_string()),
        }
    }
    let scn = match scenario::resolve(path.as_deref()) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let n = scn.n();
    let mut ai = vec![Policy::Utility; n];
    for (a, p) in &fixed {
        match (scn.actor_by_id(a), Policy::named(p)) {
            (Some(a), Some(p)) => ai[a.index()] = p,
            _ => {
                eprintln!("--policy {a}={p}: no such actor or strategy");
                std::process::exit(2);
            }
        }
    }
    let gs = games(&scn, runs, &ai);
    let total = gs.len();
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let mut stage_reached = vec![0usize; scn.crisis.stages.len() + 1];
    let mut band_reached = vec![0usize; scn.levels.len()];
    let mut moves: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut fired: BTreeMap<String, usize> = BTreeMap::new();
    let mut hot_pair: BTreeMap<String, usize> = BTreeMap::new();
    let key_track = key
        .as_deref()
        .and_then(|k| scn.tracks.iter().position(|t| t.id == k));
    let (mut demanded, mut demanded_hit, mut quiet, mut quiet_hit) = (0, 0, 0, 0);
    for g in &gs {
        let k = g
            .state
            .outcome
            .as_ref()
            .map_or("running".into(), |o| o.key(&scn));
        *outcomes.entry(k).or_default() += 1;
        let mut top = 0u8;
        for s in &g.log.snapshots {
            top = top.max(s.stage.iter().copied().max().unwrap_or(0));
        }
        for r in stage_reached.iter_mut().take(top as usize + 1) {
            *r += 1;
        }
        for r in band_reached.iter_mut().take(g.log.peak_level() + 1) {
            *r += 1;
        }
        let mut any_deal = false;
        for t in &g.turns {
            for o in &t.orders.list {
                *moves
                    .entry((scn.actor(o.actor).id.clone(), scn.mv(o.mv).id.clone()))
                    .or_default() += 1;
            }
            for e in &t.events {
                match e {
                    Event::Scripted { event } => {
                        *fired
                            .entry(scn.events[event.index()].id.clone())
                            .or_default() += 1;
                    }
                    Event::DealOffered { .. } => any_deal = true,
                    Event::CrisisStage { a, b, to, .. }
                        if *to as usize == scn.crisis.stages.len() =>
                    {
                        *hot_pair
                            .entry(format!("{}-{}", scn.actor(*a).id, scn.actor(*b).id))
                            .or_default() += 1;
                    }
                    _ => {}
                }
            }
        }
        if let Some(t) = key_track {
            let v = g.state.tracks[t].first().copied().unwrap_or(0.0);
            if any_deal {
                demanded += 1;
                demanded_hit += usize::from(v >= 40.0);
            } else {
                quiet += 1;
                quiet_hit += usize::from(v >= 20.0);
            }
        }
    }
    println!("{} games of {}", total, scn.meta.title);
    println!("\nOutcomes:");
    for (k, c) in &outcomes {
        println!("  {:<24} {}", k, pct(*c, total));
    }
    println!("\nHighest crisis stage of any pair:");
    for (i, c) in stage_reached.iter().enumerate().skip(1) {
        println!("  {:<24} {}", scn.crisis.stages[i - 1].name, pct(*c, total));
    }
    println!("  top-stage entries by pair: {hot_pair:?}");
    println!("\nPeak regional band:");
    for (i, c) in band_reached.iter().enumerate() {
        println!("  {:<24} {}", scn.levels[i].name, pct(*c, total));
    }
    if let Some(k) = &key {
        println!(
            "\n{k}: games with a deal offered or demanded {demanded}, of them ≥ 40: {}; games without {quiet}, of them ≥ 20: {}",
            pct(demanded_hit, demanded),
            pct(quiet_hit, quiet)
        );
    }
    println!("\nObjectives met and mean score:");
    let mean = |gs: &[GameRecord], a: usize| {
        gs.iter().map(|g| g.scores[a].score).sum::<f64>() / gs.len().max(1) as f64
    };
    for a in scn.actor_ids() {
        println!(
            "  {} — mean score {:.1}",
            scn.actor(a).name,
            mean(&gs, a.index())
        );
        for (k, o) in scn.actor(a).objectives.iter().enumerate() {
            let met = gs
                .iter()
                .filter(|g| g.scores[a.index()].objectives[k] >= 1.0)
                .count();
            let mut ends: Vec<Vec<f64>> = Vec::new();
            for g in &gs {
                let env = Bound::actor(&scn, &g.state, a);
                for (i, t) in o.condition.terms().into_iter().enumerate() {
                    if let Expr::Bin(op, l, _) = t
                        && op.is_comparison()
                    {
                        if ends.len() <= i {
                            ends.resize(i + 1, Vec::new());
                        }
                        ends[i].push(l.eval(&env));
                    }
                }
            }
            let spread: Vec<String> = ends
                .iter_mut()
                .map(|v| {
                    v.sort_by(f64::total_cmp);
                    let q = |p: f64| {
                        v.get(((v.len() - 1) as f64 * p) as usize)
                            .copied()
                            .unwrap_or(f64::NAN)
                    };
                    format!("[{:.0} {:.0} {:.0}]", q(0.1), q(0.5), q(0.9))
                })
                .collect();
            println!(
                "    {} {}   end p10/50/90 {}",
                pct(met, total),
                o.text,
                spread.join(" ")
            );
        }
    }
    println!("\nMoves per game:");
    for a in scn.actor_ids() {
        let id = &scn.actor(a).id;
        let mut v: Vec<_> = moves.iter().filter(|((x, _), _)| x == id).collect();
        v.sort_by(|x, y| y.1.cmp(x.1));
        let line: Vec<String> = v
            .iter()
            .map(|((_, m), c)| format!("{m} {:.1}", **c as f64 / total as f64))
            .collect();
        println!("  {id}: {}", line.join(", "));
    }
    println!("\nScripted events fired (share of games):");
    for (e, c) in &fired {
        println!("  {:<28} {:.2}", e, *c as f64 / total as f64);
    }
    if vs {
        let small = (runs / 2).max(20);
        println!(
            "\nNormal AI's mean score minus a fixed strategy's, same actor ({small} games each):"
        );
        for a in scn.actor_ids() {
            let base = mean(&gs, a.index());
            let mut line = Vec::new();
            for p in [Policy::Passive, Policy::Random, Policy::Hawk, Policy::Dove] {
                let mut pol = ai.clone();
                pol[a.index()] = p;
                let other = games(&scn, small, &pol);
                line.push(format!(
                    "{} {:+.1}",
                    p.name(),
                    base - mean(&other, a.index())
                ));
            }
            println!("  {:<14} {}", scn.actor(a).id, line.join("  "));
        }
    }
    let _ = Outcome::TurnLimit;
}
