//! `flashpoint sweep FILE --set PATH=A..B[:STEP] [--set …] [--runs N]`:
//! the shell around [`crate::sim::sweep`] — a table (text, CSV or JSON)
//! of outcome shares, objective met rates and regional tension for every
//! value of one or two numbers of the scenario.

use std::fmt::Write as _;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use serde_json::json;

use super::args::GamesArgs;
use crate::scenario;
use crate::sim::batch::Labels;
use crate::sim::sweep::{self, Knob, Point, SweepError};

/// How `sweep` prints its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Tables for people.
    Text,
    /// One row per value, for a spreadsheet.
    Csv,
    /// One document, for scripts.
    Json,
}

/// Options of `flashpoint sweep`.
#[derive(Debug, Clone, clap::Args)]
pub struct SweepArgs {
    /// A number of the scenario by its TOML path and the values it takes:
    /// PATH=A..B[:STEP], PATH=A,B,C or PATH=A. Entries of lists of tables
    /// are named by id (`moves.embargo.cost`). Give one or two.
    #[arg(long = "set", value_name = "PATH=A..B[:STEP]", required = true)]
    pub set: Vec<String>,
    /// AI games per value (or pair of values).
    #[arg(long, default_value_t = 50)]
    pub runs: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The scenario, seed and threads.
    #[command(flatten)]
    pub games: GamesArgs,
}

/// Runs the command.
pub fn run(args: &SweepArgs) -> ExitCode {
    if args.runs == 0 || args.runs > 1_000_000 {
        eprintln!("error: --runs must be from 1 to 1000000");
        return ExitCode::from(2);
    }
    if args.set.len() > 2 {
        eprintln!("error: sweep takes one or two --set options (a line or a grid of values)");
        return ExitCode::from(2);
    }
    let mut knobs = Vec::new();
    for s in &args.set {
        match sweep::parse_set(s) {
            Ok(k) => knobs.push(k),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let base = match scenario::resolve(Some(&args.games.scenario)) {
        Ok(s) => s,
        Err(e) => {
            eprint!("{}", e.render(super::color::stderr_color()));
            eprintln!("error: sweep needs a scenario that validates as it is");
            return ExitCode::FAILURE;
        }
    };
    let seed = args.games.seed.unwrap_or(base.meta.seed);
    let stop = AtomicBool::new(false);
    let (scn, points) = match sweep::sweep(
        &base.origin,
        &base.source,
        &knobs,
        args.runs,
        seed,
        args.games.threads.unwrap_or(0),
        &stop,
    ) {
        Ok(x) => x,
        Err(SweepError::Bad(m)) => {
            eprintln!("error: {m}");
            return ExitCode::FAILURE;
        }
        Err(SweepError::Refused { setting, error }) => {
            eprint!("{}", error.render(super::color::stderr_color()));
            eprintln!("error: with {setting} the scenario does not validate (see above)");
            return ExitCode::FAILURE;
        }
    };
    let labels = Labels::of(&scn);
    let out = match args.format {
        Format::Text => text(&labels, &knobs, &points, args.runs, seed),
        Format::Csv => csv(&labels, &knobs, &points),
        Format::Json => {
            serde_json::to_string_pretty(&to_json(&labels, &knobs, &points, args.runs, seed))
                .unwrap_or_default()
                + "\n"
        }
    };
    print!("{out}");
    ExitCode::SUCCESS
}

fn share(c: u64, n: u64) -> f64 {
    c as f64 / n.max(1) as f64
}

fn num(x: f64) -> String {
    let s = format!("{x:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// Outcome keys any point reached, in label order (with their indices).
fn seen_outcomes<'a>(l: &'a Labels, points: &[Point]) -> Vec<(usize, &'a str)> {
    l.outcomes
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            points
                .iter()
                .any(|p| p.stats.outcomes.get(*i).copied().unwrap_or(0) > 0)
        })
        .map(|(i, k)| (i, k.as_str()))
        .collect()
}

/// "actor#n" for every objective, with (actor, objective) indices.
fn objectives(l: &Labels) -> Vec<(usize, usize, String, &str)> {
    l.actors
        .iter()
        .enumerate()
        .flat_map(|(a, al)| {
            al.objectives
                .iter()
                .enumerate()
                .map(move |(k, t)| (a, k, format!("{}#{}", al.id, k + 1), t.as_str()))
        })
        .collect()
}

fn met(p: &Point, a: usize, k: usize) -> u64 {
    p.stats
        .objectives_met
        .get(a)
        .and_then(|r| r.get(k))
        .copied()
        .unwrap_or(0)
}

fn point_name(p: &Point) -> String {
    p.values
        .iter()
        .map(|v| num(*v))
        .collect::<Vec<_>>()
        .join(" / ")
}

fn text(l: &Labels, knobs: &[Knob], points: &[Point], runs: u64, seed: u64) -> String {
    let mut s = String::new();
    let paths: Vec<&str> = knobs.iter().map(|k| k.path.as_str()).collect();
    let _ = writeln!(
        s,
        "{} — sweep of {}: {runs} AI games per value from seed {seed}\n",
        l.title,
        paths.join(" × ")
    );
    let head = paths.join(" / ");
    let w = head.chars().count().max(8);
    let outs = seen_outcomes(l, points);
    let _ = writeln!(s, "How games ended (% of games) and regional tension:");
    let mut line = format!("  {head:>w$}");
    for (_, k) in &outs {
        let cw = k.chars().count().max(7);
        let _ = write!(line, "  {k:>cw$}");
    }
    let _ = write!(line, "  {:>10}  {:>10}", "mean final", "mean peak");
    let _ = writeln!(s, "{line}");
    for p in points {
        let mut line = format!("  {:>w$}", point_name(p));
        for (i, k) in &outs {
            let cw = k.chars().count().max(7);
            let c = p.stats.outcomes.get(*i).copied().unwrap_or(0);
            let _ = write!(line, "  {:>cw$.1}", 100.0 * share(c, p.stats.games));
        }
        let _ = write!(
            line,
            "  {:>10.1}  {:>10.1}",
            p.stats.regional_mean(),
            p.stats.peak_regional_mean()
        );
        let _ = writeln!(s, "{line}");
    }
    let _ = writeln!(s, "\nObjectives met (% of games), one column per value:");
    let names: Vec<String> = points.iter().map(point_name).collect();
    let cw = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let mut line = format!("  {:<10}", "");
    for n in &names {
        let _ = write!(line, "  {n:>cw$}");
    }
    let _ = writeln!(s, "{line}  objective");
    for (a, k, id, t) in objectives(l) {
        let mut line = format!("  {id:<10}");
        for p in points {
            let _ = write!(
                line,
                "  {:>cw$.1}",
                100.0 * share(met(p, a, k), p.stats.games)
            );
        }
        let _ = writeln!(s, "{line}  {t}");
    }
    s
}

fn csv(l: &Labels, knobs: &[Knob], points: &[Point]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let objs = objectives(l);
    let mut head: Vec<String> = knobs.iter().map(|k| k.path.clone()).collect();
    head.push("games".into());
    head.extend(l.outcomes.iter().map(|k| format!("outcome:{k}")));
    head.push("mean_final_tension".into());
    head.push("mean_peak_tension".into());
    head.extend(objs.iter().map(|(_, _, id, _)| format!("objective:{id}")));
    let _ = w.write_record(&head);
    for p in points {
        let n = p.stats.games;
        let mut row: Vec<String> = p.values.iter().map(|v| num(*v)).collect();
        row.push(n.to_string());
        row.extend(
            p.stats
                .outcomes
                .iter()
                .map(|c| format!("{:.4}", share(*c, n))),
        );
        row.push(format!("{:.2}", p.stats.regional_mean()));
        row.push(format!("{:.2}", p.stats.peak_regional_mean()));
        row.extend(
            objs.iter()
                .map(|(a, k, _, _)| format!("{:.4}", share(met(p, *a, *k), n))),
        );
        let _ = w.write_record(&row);
    }
    w.into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

fn to_json(
    l: &Labels,
    knobs: &[Knob],
    points: &[Point],
    runs: u64,
    seed: u64,
) -> serde_json::Value {
    let objs = objectives(l);
    json!({
        "scenario": l.title,
        "base_seed": seed,
        "runs": runs,
        "knobs": knobs.iter().map(|k| json!({"path": k.path, "values": k.values})).collect::<Vec<_>>(),
        "points": points.iter().map(|p| {
            let n = p.stats.games;
            json!({
                "values": knobs.iter().zip(&p.values).map(|(k, v)| json!({"path": k.path, "value": v})).collect::<Vec<_>>(),
                "games": n,
                "outcomes": l.outcomes.iter().zip(&p.stats.outcomes).map(|(k, c)| json!({"kind": k, "count": c, "share": round(share(*c, n), 6)})).collect::<Vec<_>>(),
                "objectives": objs.iter().map(|(a, k, id, t)| json!({
                    "id": id,
                    "actor": l.actors[*a].id,
                    "text": t,
                    "met": met(p, *a, *k),
                    "share": round(share(met(p, *a, *k), n), 6),
                })).collect::<Vec<_>>(),
                "regional_tension": {
                    "mean_final": round(p.stats.regional_mean(), 2),
                    "mean_peak": round(p.stats.peak_regional_mean(), 2),
                    "p90_final": round(p.stats.regional_percentile(0.9), 2),
                },
            })
        }).collect::<Vec<_>>(),
    })
}
