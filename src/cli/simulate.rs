//! `flashpoint simulate`: whole AI games without a screen, one in detail or
//! many as a distribution of outcomes.

use std::fmt::Write as _;
use std::process::ExitCode;

use serde_json::{Value, json};

use crate::ai::Policy;
use crate::engine::ledger::{self, Meter};
use crate::engine::{Event, rng};
use crate::narrate;
use crate::referee::{Keep, Match, TurnRecord};
use crate::scenario::{ActorId, Scenario, Stat};
use crate::sim::{self, GameRecord};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// What the user asked `simulate` for.
#[derive(Debug, Clone, clap::Args)]
pub struct SimulateArgs {
    /// A scenario file or a bundled scenario id (default: the Korea scenario).
    pub scenario: Option<String>,
    /// Seed of the game (default: the scenario's seed).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Stop after this many turns.
    #[arg(long)]
    pub turns: Option<u32>,
    /// Play this many games and print the distribution of outcomes.
    #[arg(long)]
    pub runs: Option<u32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Actors (ids) that play random legal moves instead of the AI — the
    /// baseline the AI is measured against.
    #[arg(long = "random", value_delimiter = ',')]
    pub random: Vec<String>,
    /// Also write the game as a save file (one game only; never overwrites).
    #[arg(long, conflicts_with = "runs")]
    pub save: Option<std::path::PathBuf>,
}

/// Runs the command.
pub fn run(args: &SimulateArgs) -> ExitCode {
    let scn = match crate::scenario::resolve(args.scenario.as_deref()) {
        Ok(s) => std::sync::Arc::new(s),
        Err(e) => {
            eprint!("{}", e.render(super::stderr_color()));
            return ExitCode::FAILURE;
        }
    };
    let mut policies = vec![Policy::Utility; scn.n()];
    for id in &args.random {
        match scn.actor_by_id(id) {
            Some(a) => policies[a.index()] = Policy::Random,
            None => {
                let ids: Vec<&str> = scn.actors.iter().map(|a| a.id.as_str()).collect();
                eprintln!(
                    "error: --random names `{id}`, which is not an actor of {}; actors are: {}",
                    scn.meta.id,
                    ids.join(", ")
                );
                return ExitCode::from(2);
            }
        }
    }
    let seed = args.seed.unwrap_or(scn.meta.seed);
    let out = match args.runs {
        None => {
            let mut m = Match::new(scn.clone(), seed, sim::seats(&policies), Keep::Everything);
            let limit = args.turns.unwrap_or(u32::MAX);
            while !m.is_over() && m.turn() < limit {
                m.play_turn();
            }
            let g = sim::record(&m);
            if let Some(path) = &args.save {
                if let Err(e) = crate::save::write_new(path, &m) {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
                eprintln!("saved to {}", path.display());
            }
            match args.format {
                Format::Text => game_text(&scn, &g),
                Format::Json => pretty(&game_json(&scn, &g)),
            }
        }
        Some(0) => {
            eprintln!("error: --runs must be at least 1");
            return ExitCode::from(2);
        }
        Some(n) => {
            let games = play_many(&scn, seed, n, &policies, args.turns);
            let stats = batch_summary(&scn, &games);
            match args.format {
                Format::Text => batch_text(&scn, seed, &stats),
                Format::Json => pretty(&batch_json(&scn, seed, &stats)),
            }
        }
    };
    print!("{out}");
    ExitCode::SUCCESS
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

/// Plays `n` games, game `i` seeded from (`seed`, `i`), on all cores; the
/// results come back in game order whatever the thread timing.
pub fn play_many(
    scn: &std::sync::Arc<Scenario>,
    seed: u64,
    n: u32,
    policies: &[Policy],
    turns: Option<u32>,
) -> Vec<GameRecord> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |p| p.get())
        .min(n as usize)
        .max(1);
    let mut results: Vec<Option<GameRecord>> = vec![None; n as usize];
    std::thread::scope(|s| {
        let chunks: Vec<_> = results
            .chunks_mut((n as usize).div_ceil(threads))
            .enumerate()
            .collect();
        let size = (n as usize).div_ceil(threads);
        for (ci, chunk) in chunks {
            s.spawn(move || {
                for (k, slot) in chunk.iter_mut().enumerate() {
                    let i = (ci * size + k) as u64;
                    let mut g = sim::play_game(scn, rng::derive_seed(seed, i), policies, turns);
                    g.turns.clear(); // keep memory flat; summaries need only the end
                    *slot = Some(g);
                }
            });
        }
    });
    results.into_iter().flatten().collect()
}

fn fmt_delta(d: f64) -> String {
    if d > 0.05 {
        format!("▲{d:.1}")
    } else if d < -0.05 {
        format!("▼{:.1}", -d)
    } else {
        "=".into()
    }
}

fn order_line<'t>(scn: &Scenario, t: &'t TurnRecord, index: usize) -> (String, Option<&'t Event>) {
    let o = &t.orders.list[index];
    let m = scn.mv(o.mv);
    let target = o
        .target
        .map(|x| format!(" → {}", scn.actor(x).short))
        .unwrap_or_default();
    let level = if m.level.max > m.level.min {
        format!(" ({} {})", m.level.label, o.level)
    } else {
        String::new()
    };
    let ev = t.events.iter().find(|e| match e {
        Event::OrderResolved { index: i, .. } | Event::OrderRejected { index: i, .. } => {
            *i as usize == index
        }
        _ => false,
    });
    (
        format!("{:<7} {}{target}{level}", scn.actor(o.actor).short, m.name),
        ev,
    )
}

/// The text report of one game.
pub fn game_text(scn: &Scenario, g: &GameRecord) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} — seed {}", scn.meta.title, g.seed);
    for t in &g.turns {
        let after = g
            .log
            .snapshot(t.turn)
            .map_or(g.state.regional, |h| h.regional);
        let level = scn.level_index(after);
        let _ = writeln!(
            s,
            "\n== Turn {} ({}) — regional tension {:.1} {} [{}]",
            t.turn,
            scn.date_of(t.turn),
            after,
            fmt_delta(after - t.regional_before),
            scn.levels[level].name
        );
        let _ = writeln!(s, "Orders:");
        if t.orders.list.is_empty() {
            let _ = writeln!(s, "  (none)");
        }
        for i in 0..t.orders.list.len() {
            let (line, ev) = order_line(scn, t, i);
            let outcome = match ev {
                Some(Event::OrderResolved {
                    success: true,
                    chance,
                    ..
                }) => format!("succeeded ({:.0}%)", chance * 100.0),
                Some(Event::OrderResolved {
                    success: false,
                    chance,
                    ..
                }) => format!("FAILED ({:.0}%)", chance * 100.0),
                Some(Event::OrderRejected { reason, .. }) => {
                    format!("rejected: {}", narrate::order_error(scn, reason))
                }
                _ => String::new(),
            };
            let _ = writeln!(s, "  {line} — {outcome}");
            if let Some(Some(r)) = t.reasons.get(i) {
                let _ = writeln!(s, "          why: {r}");
            }
        }
        let news: Vec<String> = t
            .events
            .iter()
            .filter_map(|e| narrate::public_headline(scn, t.turn, e))
            .collect();
        if !news.is_empty() {
            let _ = writeln!(s, "Headlines:");
            for h in news {
                let _ = writeln!(s, "  * {h}");
            }
        }
        let why = ledger::explain(&t.changes, Meter::Regional);
        if !why.is_empty() {
            let _ = writeln!(s, "Tension: {}", narrate::summary_line(scn, &why, 5));
        }
        let _ = writeln!(s, "Meters:");
        let snap = g.log.snapshot(t.turn);
        if let Some(snap) = snap {
            for a in scn.actor_ids() {
                let st = snap.stats[a.index()];
                let _ = writeln!(
                    s,
                    "  {:<7} mil {:>3.0} eco {:>3.0} stab {:>3.0} pres {:>3.0} intel {:>3.0} | threat {:>3.0} capital {:>2.0}",
                    scn.actor(a).short,
                    st[Stat::Military.index()],
                    st[Stat::Economy.index()],
                    st[Stat::Stability.index()],
                    st[Stat::Prestige.index()],
                    st[Stat::Intel.index()],
                    snap.threat[a.index()],
                    snap.capital[a.index()],
                );
            }
            let tracks: Vec<String> = scn
                .tracks
                .iter()
                .zip(&snap.tracks)
                .map(|(t, v)| {
                    if v.len() == 1 {
                        format!("{} {:.0}", t.id, v[0])
                    } else {
                        let per: Vec<String> = scn
                            .actor_ids()
                            .map(|a| format!("{}:{:.0}", scn.actor(a).id, v[a.index()]))
                            .collect();
                        format!("{} [{}]", t.id, per.join(" "))
                    }
                })
                .collect();
            if !tracks.is_empty() {
                let _ = writeln!(s, "  tracks: {}", tracks.join(", "));
            }
        }
    }
    let _ = writeln!(s, "\n== Result: {}", outcome_text(scn, g));
    for sc in &g.scores {
        let _ = writeln!(
            s,
            "  {:<7} score {:>5.1}",
            scn.actor(sc.actor).short,
            sc.score
        );
        for (o, met) in scn.actor(sc.actor).objectives.iter().zip(&sc.objectives) {
            let mark = if *met >= 1.0 {
                "met"
            } else if *met > 0.0 {
                "part"
            } else {
                "not met"
            };
            let _ = writeln!(s, "          [{mark:^7}] {} (weight {})", o.text, o.weight);
        }
    }
    s
}

fn outcome_text(scn: &Scenario, g: &GameRecord) -> String {
    match &g.state.outcome {
        None => format!("stopped after turn {} (game not finished)", g.state.turn),
        Some(o) => {
            let text = match o {
                crate::engine::Outcome::TurnLimit => "turn limit reached".to_string(),
                crate::engine::Outcome::Clash => "ARMED CLASH — everyone loses".to_string(),
                crate::engine::Outcome::Ending { index } => scn.endings[*index].text.clone(),
            };
            format!("{} after turn {}: {text}", o.key(scn), g.state.turn)
        }
    }
}

fn actor_json(scn: &Scenario, a: ActorId) -> Value {
    json!(scn.actor(a).id)
}

/// What each actor believed about the values hidden from it when it gave
/// its orders (its picture after the previous turn), beside the truth:
/// `{observer: [{value, estimate, spread, truth}]}`.
fn estimates_json(scn: &Scenario, log: &crate::engine::GameLog, before: u32) -> Value {
    let mut out = serde_json::Map::new();
    let Some(s) = log.snapshot(before) else {
        return Value::Object(out);
    };
    for o in scn.actor_ids() {
        let Some(v) = log.picture(before, o) else {
            continue;
        };
        let mut rows = Vec::new();
        for t in scn.actor_ids().filter(|t| *t != o) {
            for stat in [Stat::Military, Stat::Economy] {
                let e = v.stats[t.index()][stat.index()];
                rows.push(json!({
                    "value": format!("{}.{}", scn.actor(t).id, stat.name()),
                    "estimate": round2(e.value), "spread": round2(e.spread), "truth": round2(s.stats[t.index()][stat.index()]),
                }));
            }
        }
        for (ti, tr) in scn.tracks.iter().enumerate() {
            for (k, e) in v.tracks[ti]
                .iter()
                .enumerate()
                .filter(|(_, e)| e.spread > 0.0)
            {
                let name = if s.tracks[ti].len() > 1 {
                    format!("{}.{}", scn.actor(ActorId(k as u16)).id, tr.id)
                } else {
                    tr.id.clone()
                };
                rows.push(json!({"value": name, "estimate": round2(e.value), "spread": round2(e.spread), "truth": round2(s.tracks[ti][k])}));
            }
        }
        out.insert(scn.actor(o).id.clone(), Value::Array(rows));
    }
    Value::Object(out)
}

/// The JSON document of one game (see docs/simulate-json.md).
pub fn game_json(scn: &Scenario, g: &GameRecord) -> Value {
    let turns: Vec<Value> = g
        .turns
        .iter()
        .map(|t| {
            let orders: Vec<Value> = (0..t.orders.list.len())
                .map(|i| {
                    let o = &t.orders.list[i];
                    let (_, ev) = order_line(scn, t, i);
                    let mut v = json!({
                        "actor": actor_json(scn, o.actor),
                        "move": scn.mv(o.mv).id,
                        "target": o.target.map(|x| actor_json(scn, x)),
                        "level": o.level,
                        "reason": t.reasons.get(i).cloned().flatten(),
                    });
                    match ev {
                        Some(e @ Event::OrderResolved { success, chance, cost, covert, .. }) => {
                            v["status"] = json!(if *success { "success" } else { "failure" });
                            v["chance"] = json!(chance);
                            v["cost"] = json!(cost);
                            v["covert"] = json!(covert);
                            v["headline"] = json!(narrate::headline(scn, t.turn, e));
                        }
                        Some(Event::OrderRejected { reason, .. }) => {
                            v["status"] = json!("rejected");
                            v["rejected_because"] = json!(narrate::order_error(scn, reason));
                        }
                        _ => {}
                    }
                    v
                })
                .collect();
            let snap = g.log.snapshot(t.turn);
            let why: Vec<Value> = ledger::explain(&t.changes, Meter::Regional)
                .iter()
                .map(|c| json!({"cause": narrate::describe_cause(scn, c.cause, c.rule), "rule": c.rule, "delta": round2(c.delta)}))
                .collect();
            json!({
                "turn": t.turn,
                "date": scn.date_of(t.turn),
                "orders": orders,
                "headlines": t.events.iter().filter_map(|e| narrate::public_headline(scn, t.turn, e)).collect::<Vec<_>>(),
                "events": t.events.iter().map(|e| narrate::event_json(scn, t.turn, e)).collect::<Vec<_>>(),
                "regional": {
                    "before": round2(t.regional_before),
                    "after": snap.map(|s| round2(s.regional)),
                    "level": snap.map(|s| scn.levels[s.level].name.clone()),
                    "causes": why,
                },
                "meters": snap.map(|s| meters_json(scn, s)),
                "estimates": estimates_json(scn, &g.log, t.turn - 1),
            })
        })
        .collect();
    json!({
        "scenario": scn.meta.id,
        "seed": g.seed,
        "actors": scn.actors.iter().map(|a| json!({"id": a.id, "name": a.name})).collect::<Vec<_>>(),
        "turns": turns,
        "outcome": g.state.outcome.as_ref().map(|o| json!({"kind": o.key(scn), "turn": g.state.turn, "text": outcome_text(scn, g)})),
        "scores": g.scores.iter().map(|s| json!({"actor": actor_json(scn, s.actor), "score": round2(s.score), "objectives": s.objectives})).collect::<Vec<_>>(),
    })
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn meters_json(scn: &Scenario, s: &crate::engine::state::Snapshot) -> Value {
    let actors: serde_json::Map<String, Value> = scn
        .actor_ids()
        .map(|a| {
            let st = s.stats[a.index()];
            let mut m = serde_json::Map::new();
            for stat in Stat::ALL {
                m.insert(stat.name().into(), json!(round2(st[stat.index()])));
            }
            m.insert("threat".into(), json!(round2(s.threat[a.index()])));
            m.insert("capital".into(), json!(round2(s.capital[a.index()])));
            (scn.actor(a).id.clone(), Value::Object(m))
        })
        .collect();
    let tracks: serde_json::Map<String, Value> = scn
        .tracks
        .iter()
        .zip(&s.tracks)
        .map(|(t, v)| {
            (
                t.id.clone(),
                if v.len() == 1 {
                    json!(round2(v[0]))
                } else {
                    json!(v.iter().map(|x| round2(*x)).collect::<Vec<_>>())
                },
            )
        })
        .collect();
    json!({"regional": round2(s.regional), "actors": actors, "tracks": tracks})
}

/// The distribution of many games.
pub struct BatchStats {
    pub runs: usize,
    /// (outcome key, count), in first-seen order of a fixed key list.
    pub outcomes: Vec<(String, usize)>,
    pub regional: Vec<f64>,
    /// Per actor: mean score, per objective: share of games met (≥ 1).
    pub scores: Vec<(f64, Vec<f64>)>,
    /// Share of games whose regional tension peaked at each level.
    pub peak_levels: Vec<f64>,
    /// Sums of each game's facts.
    pub facts: Vec<(&'static str, f64)>,
    /// Per actor: mean assessment error (share of range) over all turns and games.
    pub assessment: Vec<f64>,
}

/// Summarises a batch of games.
pub fn batch_summary(scn: &Scenario, games: &[GameRecord]) -> BatchStats {
    let mut keys: Vec<String> = vec!["turn_limit".into(), "clash".into()];
    keys.extend(scn.endings.iter().map(|e| e.id.clone()));
    keys.push("unfinished".into());
    let mut outcomes: Vec<(String, usize)> = keys.into_iter().map(|k| (k, 0)).collect();
    let mut peak_levels = vec![0.0; scn.levels.len()];
    for g in games {
        let k = g
            .state
            .outcome
            .as_ref()
            .map_or_else(|| "unfinished".to_string(), |o| o.key(scn));
        if let Some(e) = outcomes.iter_mut().find(|(key, _)| *key == k) {
            e.1 += 1;
        }
        let peak = g.log.peak_level();
        peak_levels[peak] += 1.0 / games.len() as f64;
    }
    let mut regional: Vec<f64> = games.iter().map(|g| g.state.regional).collect();
    regional.sort_by(f64::total_cmp);
    let scores = scn
        .actor_ids()
        .map(|a| {
            let mean =
                games.iter().map(|g| g.scores[a.index()].score).sum::<f64>() / games.len() as f64;
            let per = (0..scn.actor(a).objectives.len())
                .map(|k| {
                    games
                        .iter()
                        .filter(|g| g.scores[a.index()].objectives[k] >= 1.0)
                        .count() as f64
                        / games.len() as f64
                })
                .collect();
            (mean, per)
        })
        .collect();
    let n = games.len() as f64;
    let share = |f: &dyn Fn(&crate::sim::Facts) -> bool| {
        games.iter().filter(|g| f(&g.facts)).count() as f64 / n
    };
    let mean = |f: &dyn Fn(&crate::sim::Facts) -> u32| {
        games.iter().map(|g| f64::from(f(&g.facts))).sum::<f64>() / n
    };
    let facts = vec![
        (
            "resolutions put to the vote per game",
            mean(&|f| f.resolutions),
        ),
        ("share of resolutions vetoed", {
            let total: u32 = games.iter().map(|g| g.facts.resolutions).sum();
            let v: u32 = games.iter().map(|g| g.facts.vetoed).sum();
            if total == 0 {
                0.0
            } else {
                f64::from(v) / f64::from(total)
            }
        }),
        ("games with a resolution passed", share(&|f| f.passed > 0)),
        ("games with a deal offered", share(&|f| f.offers > 0)),
        ("games with a deal struck", share(&|f| f.deals_struck > 0)),
        ("games with a deal broken", share(&|f| f.deals_broken > 0)),
        (
            "games with a covert factory built",
            share(&|f| f.covert_factories > 0),
        ),
        (
            "games where a covert factory was revealed before the end",
            share(&|f| f.factories_revealed > 0),
        ),
        ("revelations per game", mean(&|f| f.revelations)),
    ];
    let assessment = scn
        .actor_ids()
        .map(|a| {
            let vals: Vec<f64> = games
                .iter()
                .flat_map(|g| {
                    g.log
                        .assessment
                        .iter()
                        .filter_map(|t| t.get(a.index()).copied())
                })
                .collect();
            if vals.is_empty() {
                0.0
            } else {
                vals.iter().sum::<f64>() / vals.len() as f64
            }
        })
        .collect();
    BatchStats {
        runs: games.len(),
        outcomes,
        regional,
        scores,
        peak_levels,
        facts,
        assessment,
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn batch_text(scn: &Scenario, seed: u64, b: &BatchStats) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} — {} games from seed {seed}", scn.meta.title, b.runs);
    let _ = writeln!(s, "\nHow games ended:");
    for (k, c) in b.outcomes.iter().filter(|(_, c)| *c > 0) {
        let _ = writeln!(
            s,
            "  {k:<24} {c:>5}  ({:.1}%)",
            100.0 * *c as f64 / b.runs as f64
        );
    }
    let mean = b.regional.iter().sum::<f64>() / b.runs as f64;
    let _ = writeln!(
        s,
        "\nFinal regional tension: mean {mean:.1}, p10 {:.1}, median {:.1}, p90 {:.1}",
        percentile(&b.regional, 0.1),
        percentile(&b.regional, 0.5),
        percentile(&b.regional, 0.9)
    );
    let _ = writeln!(s, "Highest escalation level reached:");
    for (l, share) in scn.levels.iter().zip(&b.peak_levels) {
        let _ = writeln!(s, "  {:<16} {:>5.1}%", l.name, share * 100.0);
    }
    let _ = writeln!(s, "\nMechanics:");
    for (k, v) in &b.facts {
        if k.starts_with("games") || k.starts_with("share") {
            let _ = writeln!(s, "  {:>6.1}%  {k}", v * 100.0);
        } else {
            let _ = writeln!(s, "  {v:>7.2}  {k}");
        }
    }
    let _ = writeln!(
        s,
        "Mean assessment error (share of each hidden value's range):"
    );
    for (a, e) in scn.actor_ids().zip(&b.assessment) {
        let _ = writeln!(s, "  {:<7} {:.3}", scn.actor(a).short, e);
    }
    let _ = writeln!(s, "\nObjectives:");
    for (a, (mean, per)) in scn.actor_ids().zip(&b.scores) {
        let _ = writeln!(s, "  {:<7} mean score {mean:>5.1}", scn.actor(a).short);
        for (o, share) in scn.actor(a).objectives.iter().zip(per) {
            let _ = writeln!(s, "          {:>5.1}% met: {}", share * 100.0, o.text);
        }
    }
    s
}

fn batch_json(scn: &Scenario, seed: u64, b: &BatchStats) -> Value {
    let mean = b.regional.iter().sum::<f64>() / b.runs as f64;
    json!({
        "scenario": scn.meta.id,
        "base_seed": seed,
        "runs": b.runs,
        "outcomes": b.outcomes.iter().map(|(k, c)| json!({"kind": k, "count": c})).collect::<Vec<_>>(),
        "final_regional": {
            "mean": round2(mean),
            "p10": round2(percentile(&b.regional, 0.1)),
            "p50": round2(percentile(&b.regional, 0.5)),
            "p90": round2(percentile(&b.regional, 0.9)),
        },
        "mechanics": b.facts.iter().map(|(k, v)| json!({"what": k, "value": round2(*v)})).collect::<Vec<_>>(),
        "assessment_error": scn.actor_ids().zip(&b.assessment).map(|(a, e)| json!({"actor": scn.actor(a).id, "mean": (e * 1000.0).round() / 1000.0})).collect::<Vec<_>>(),
        "peak_level_share": scn.levels.iter().zip(&b.peak_levels).map(|(l, s)| json!({"level": l.name, "share": round2(*s)})).collect::<Vec<_>>(),
        "actors": scn.actor_ids().zip(&b.scores).map(|(a, (mean, per))| json!({
            "actor": scn.actor(a).id,
            "mean_score": round2(*mean),
            "objectives_met": scn.actor(a).objectives.iter().zip(per).map(|(o, s)| json!({"text": o.text, "share": round2(*s)})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}
