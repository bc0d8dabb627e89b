//! `flashpoint lint FILE [--runs N] [--seed S] [--format text|json]`: the
//! shell around [`crate::sim::lint`] — validate, play a batch of AI games,
//! print what looks wrong, and time the AI on this machine.

use std::fmt::Write as _;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use serde_json::json;

use super::args::GamesArgs;
use crate::ai::Policy;
use crate::engine::turn::Keep;
use crate::referee::Match;
use crate::scenario::{self, Scenario, ScenarioError};
use crate::sim::batch::{BatchSettings, run_batch};
use crate::sim::lint::{Finding, Level, has_errors, lint};
use crate::sim::render::Format;
use crate::sim::seats;

/// Games timed, one after the other on one thread, for the AI's time per turn.
const TIMED_GAMES: u64 = 3;

/// Options of `flashpoint lint`.
#[derive(Debug, Clone, clap::Args)]
pub struct LintArgs {
    /// AI games to play (more games: rarer things are seen).
    #[arg(long, default_value_t = 100)]
    pub runs: u64,
    /// `text` for people, `json` for scripts and CI.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The scenario, seed and threads.
    #[command(flatten)]
    pub games: GamesArgs,
}

/// The AI's time per turn on this machine.
struct Timing {
    turns: u64,
    mean_ms: f64,
    max_ms: f64,
}

/// Plays a few games on this thread and times every turn (every actor
/// played by the AI).
fn time_turns(scn: &Arc<Scenario>, seed: u64, games: u64) -> Timing {
    let settings = BatchSettings::new(scn, seed, games, None, vec![Policy::Utility; scn.n()]);
    let (mut turns, mut total, mut max) = (0u64, 0.0f64, 0.0f64);
    for i in 0..games {
        let mut m = Match::new(
            scn.clone(),
            crate::engine::rng::derive_seed(settings.base_seed, i),
            seats(&settings.policies),
            Keep::Events,
        );
        while !m.is_over() {
            let t = Instant::now();
            m.play_turn();
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            turns += 1;
            total += ms;
            max = max.max(ms);
        }
    }
    Timing {
        turns,
        mean_ms: if turns == 0 {
            0.0
        } else {
            total / turns as f64
        },
        max_ms: max,
    }
}

/// Runs the command: exit 1 when the scenario has errors, 0 otherwise.
pub fn run(args: &LintArgs) -> ExitCode {
    if args.runs == 0 || args.runs > 1_000_000 {
        eprintln!("error: --runs must be from 1 to 1000000");
        return ExitCode::from(2);
    }
    let scn = match scenario::resolve(Some(&args.games.scenario)) {
        Ok(s) => Arc::new(s),
        Err(e) => return invalid(args, &e),
    };
    let seed = args.games.seed.unwrap_or(scn.meta.seed);
    let settings = BatchSettings::new(&scn, seed, args.runs, None, vec![Policy::Utility; scn.n()]);
    let stop = AtomicBool::new(false);
    let stats = match run_batch(
        &scn,
        &settings,
        0..args.runs,
        args.games.threads.unwrap_or(0),
        &stop,
        &|| {},
    ) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let findings = lint(&scn, &stats);
    let timing = time_turns(&scn, seed, TIMED_GAMES.min(args.runs));
    match args.format {
        Format::Text => print!("{}", text(&scn, args.runs, seed, &findings, &timing)),
        Format::Json => {
            let doc = json!({
                "scenario": scn.meta.id,
                "file": scn.origin,
                "runs": args.runs,
                "seed": seed,
                "ok": !has_errors(&findings),
                "counts": counts_json(&findings),
                "findings": findings,
                // Wall time on this machine: differs from run to run; compare nothing with it.
                "timing": {
                    "machine_dependent": true,
                    "turns_timed": timing.turns,
                    "ai_ms_per_turn_mean": (timing.mean_ms * 10.0).round() / 10.0,
                    "ai_ms_per_turn_max": (timing.max_ms * 10.0).round() / 10.0,
                },
            });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
    }
    if has_errors(&findings) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn counts_json(f: &[Finding]) -> serde_json::Value {
    let n = |l: Level| f.iter().filter(|x| x.severity == l).count();
    json!({ "error": n(Level::Error), "warning": n(Level::Warning), "info": n(Level::Info) })
}

/// A scenario that does not validate: the validator's messages as errors.
fn invalid(args: &LintArgs, e: &ScenarioError) -> ExitCode {
    match args.format {
        Format::Text => {
            eprint!("{}", e.render(super::color::stderr_color()));
            eprintln!("error: lint plays only scenarios that validate; fix the problems above");
        }
        Format::Json => {
            let findings: Vec<serde_json::Value> = e
                .json()
                .into_iter()
                .map(|d| {
                    json!({
                        "severity": "error",
                        "code": "invalid",
                        "kind": "scenario",
                        "id": "",
                        "line": d["line"],
                        "message": d["message"],
                        "help": d["help"],
                    })
                })
                .collect();
            let doc = json!({
                "file": e.origin,
                "ok": false,
                "counts": { "error": findings.len(), "warning": 0, "info": 0 },
                "findings": findings,
            });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
    }
    ExitCode::FAILURE
}

fn text(scn: &Scenario, runs: u64, seed: u64, findings: &[Finding], t: &Timing) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "lint {} ({}): {runs} AI games from seed {seed}\n",
        scn.meta.id, scn.origin
    );
    let mut helped: Vec<&str> = Vec::new();
    for f in findings {
        let at = f
            .line
            .map_or_else(|| scn.origin.clone(), |l| format!("{}:{l}", scn.origin));
        let _ = writeln!(s, "{}[{}] {at}: {}", f.severity.word(), f.code, f.message);
        // The advice of a check is the same for every item: say it once.
        if !helped.contains(&f.code) {
            helped.push(f.code);
            let _ = writeln!(s, "    help: {}", f.help);
        }
    }
    let _ = writeln!(
        s,
        "info[ai-time] the AI took {:.1} ms a turn on average ({:.1} ms at most) over {} turns, \
         every actor played by the AI — measured on this machine, so it varies from run to run",
        t.mean_ms, t.max_ms, t.turns
    );
    let n = |l: Level| findings.iter().filter(|x| x.severity == l).count();
    let _ = writeln!(
        s,
        "\n{} errors, {} warnings, {} notes",
        n(Level::Error),
        n(Level::Warning),
        n(Level::Info)
    );
    s
}
