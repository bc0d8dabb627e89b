//! `flashpoint simulate`: whole AI games without a screen, one in detail or
//! many as a distribution of outcomes.

use std::process::ExitCode;

use crate::ai::Policy;
use crate::engine::turn::Keep;
use crate::referee::Match;
use crate::scenario::ActorId;
use crate::sim;
use crate::sim::render::{
    Format, game_json, game_text, perspective_json, pretty, timing_json, with_timing_line,
};
use crate::sim::timing::TurnTimes;

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
    /// Play this many games and print the distribution of outcomes
    /// (statistics only: memory stays the same for any number of games).
    #[arg(long)]
    pub runs: Option<u64>,
    /// Threads for `--runs` (default: one per core). The statistics are the
    /// same whatever the number.
    #[arg(long, requires = "runs")]
    pub threads: Option<usize>,
    /// Play only the I-th of K disjoint slices of the batch's games (needs
    /// `--out`); `flashpoint merge` combines the K files.
    #[arg(long, value_name = "I/K", requires = "runs")]
    pub shard: Option<String>,
    /// Write the batch's statistics to this file (for `flashpoint merge`)
    /// instead of printing them.
    #[arg(long, value_name = "FILE", requires = "runs")]
    pub out: Option<std::path::PathBuf>,
    /// Print the game as this actor saw it (its view and turn reports),
    /// never the truth it could not see (JSON only; one game only).
    #[arg(long, value_name = "ACTOR", conflicts_with = "runs")]
    pub perspective: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Actors (ids) that play random legal moves instead of the AI — the
    /// baseline the AI is measured against.
    #[arg(long = "random", value_delimiter = ',')]
    pub random: Vec<String>,
    /// Play an actor with a built-in strategy instead of the AI, as
    /// ACTOR=NAME: `ai` (the normal AI; also `easy`, `normal`, `hard`, and
    /// `greedy`, the same as normal today), `random`, `passive`
    /// (no orders), `hawk` (always the most hostile affordable moves) or
    /// `dove` (always the most conciliatory). Repeat for several actors.
    #[arg(long = "policy", value_name = "ACTOR=NAME")]
    pub policy: Vec<String>,
    /// Strength of every computer player not named by --policy or
    /// --random: easy (one turn ahead, with noise), normal (one turn ahead),
    /// or hard (plans two turns against the others' expected orders and
    /// plays each plan to the end of the game; about seven times the
    /// thinking time).
    #[arg(long = "ai", value_name = "STRENGTH", default_value = "normal", value_parser = parse_strength)]
    pub ai: Policy,
    /// Also write the game as a save file (one game only; never overwrites).
    #[arg(long, conflicts_with = "runs")]
    pub save: Option<std::path::PathBuf>,
    /// Play scripted orders from this file (docs/orders.md) for the actors
    /// it names; the AI (or `--policy`) plays the others. Refused orders
    /// are reported with their reason.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["runs", "perspective"])]
    pub orders: Option<std::path::PathBuf>,
    /// Put the AI's thinking time per turn (p50, p95, max) in the output:
    /// a `timing` object in JSON, the line on standard output in text.
    /// Without it the text output prints the line on standard error and
    /// JSON leaves it out, so standard output is the same in every run.
    #[arg(long, conflicts_with_all = ["perspective", "orders", "out"])]
    pub timing: bool,
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
    let mut policies = vec![args.ai; scn.n()];
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
    for spec in &args.policy {
        let names: Vec<&str> = Policy::ALL.iter().map(|(n, _)| *n).collect();
        let Some((id, name)) = spec.split_once('=') else {
            eprintln!(
                "error: --policy takes ACTOR=NAME (e.g. --policy dprk=hawk), not `{spec}`; names: {}",
                names.join(", ")
            );
            return ExitCode::from(2);
        };
        let Some(a) = scn.actor_by_id(id.trim()) else {
            let ids: Vec<&str> = scn.actors.iter().map(|a| a.id.as_str()).collect();
            eprintln!(
                "error: --policy names `{id}`, which is not an actor of {}; actors are: {}",
                scn.meta.id,
                ids.join(", ")
            );
            return ExitCode::from(2);
        };
        let Some(p) = Policy::named(name.trim()) else {
            eprintln!(
                "error: --policy {id}={name}: no such strategy; choose one of: {}",
                names.join(", ")
            );
            return ExitCode::from(2);
        };
        policies[a.index()] = p;
    }
    if let Some(path) = &args.orders {
        return super::orders::run(&super::orders::OrdersRun {
            scn,
            path,
            seed: args.seed,
            policies,
            turns: args.turns,
            format: args.format,
            save: args.save.as_deref(),
        });
    }
    let seed = args.seed.unwrap_or(scn.meta.seed);
    if let Some(id) = &args.perspective {
        let Some(observer) = scn.actor_by_id(id).map(|a| a.index()) else {
            let ids: Vec<&str> = scn.actors.iter().map(|a| a.id.as_str()).collect();
            eprintln!(
                "error: --perspective names `{id}`, which is not an actor of {}; actors are: {}",
                scn.meta.id,
                ids.join(", ")
            );
            return ExitCode::from(2);
        };
        if args.format != Format::Json {
            eprintln!("error: --perspective prints JSON only; add --format json");
            return ExitCode::from(2);
        }
        if args.save.is_some() {
            eprintln!(
                "error: --perspective and --save cannot be combined (a save holds the truth)"
            );
            return ExitCode::from(2);
        }
        let observer = ActorId(observer as u16);
        let mut m = Match::new(scn.clone(), seed, sim::seats(&policies), Keep::Everything);
        let out = perspective_json(&scn, &mut m, observer, args.turns.unwrap_or(u32::MAX));
        print!("{}", pretty(&out));
        return ExitCode::SUCCESS;
    }
    let out = match args.runs {
        None => {
            let mut m = Match::new(scn.clone(), seed, sim::seats(&policies), Keep::Everything);
            let limit = args.turns.unwrap_or(u32::MAX);
            let mut times = TurnTimes::default();
            while !m.is_over() && m.turn() < limit {
                sim::timing::play_turn_timed(&mut m, &mut times);
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
                Format::Text => with_timing_line(game_text(&scn, &g), &times, args.timing),
                Format::Json => {
                    let mut v = game_json(&scn, &g);
                    if args.timing {
                        v["timing"] = timing_json(&times);
                    }
                    pretty(&v)
                }
            }
        }
        Some(runs) => {
            return super::batch::run(super::batch::BatchRequest {
                scn,
                seed,
                runs,
                turns: args.turns,
                policies,
                threads: args.threads.unwrap_or(0),
                shard: args.shard.as_deref(),
                out: args.out.as_deref(),
                format: args.format,
                timing: args.timing,
            });
        }
    };
    print!("{out}");
    ExitCode::SUCCESS
}

/// `--ai easy|normal|hard`, for clap.
pub fn parse_strength(s: &str) -> Result<Policy, String> {
    Policy::strength(s).ok_or_else(|| {
        let names: Vec<&str> = Policy::STRENGTHS.iter().map(|(n, _)| *n).collect();
        format!("no AI strength `{s}`; choose one of: {}", names.join(", "))
    })
}
