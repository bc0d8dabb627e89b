//! The command line: argument parsing and the commands that do not need
//! the terminal UI. Everything here is shell: it reads files, prints, and
//! calls the pure core.

mod args;
pub mod batch;
mod color;
mod lint;
mod new;
pub mod orders;
pub mod saves;
pub mod scenarios;
mod schema;
pub mod simulate;
mod sweep;
mod test;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use color::stderr_color;

/// Flashpoint: a turn-based geopolitical crisis game for the terminal.
#[derive(Debug, Parser)]
#[command(name = "flashpoint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check scenario files and report every problem with its line and column.
    Validate(validate::ValidateArgs),
    /// Play whole games with every actor run by the AI, and report them.
    Simulate(simulate::SimulateArgs),
    /// Combine the statistics files of `simulate --runs N --shard I/K --out FILE`
    /// into the statistics of the whole batch.
    Merge(batch::MergeArgs),
    /// List the bundled scenarios and those in ./scenarios.
    Scenarios,
    /// Play in the terminal (the default when no command is given).
    Play(PlayArgs),
    /// List saved games.
    Saves(saves::SavesArgs),
    /// Re-play a saved game's orders through the engine; check or print it.
    Replay(saves::ReplayArgs),
    /// Write the debrief of a finished save (Markdown, HTML with charts,
    /// CSV); several saves of one scenario are compared side by side.
    Debrief(crate::debrief::DebriefArgs),
    /// Write a commented starting scenario to FILE (never overwrites a file).
    New(new::NewArgs),
    /// Print the JSON Schema of scenario files, for editors (taplo, Even Better TOML).
    Schema,
    /// Run the `[[tests]]` of scenario files: one line per test, and for
    /// each failure its line, condition and the values of its parts.
    Test(test::TestArgs),
    /// Play AI games and flag dead moves, events that never fire, endings
    /// never reached and objectives (almost) never or always met.
    Lint(lint::LintArgs),
    /// Play AI games for each value of one or two numbers of a scenario
    /// and tabulate outcomes, objectives and tension per value.
    Sweep(sweep::SweepArgs),
    /// Host a class over SSH: each team plays its seat from its own
    /// terminal (`ssh -p PORT SEAT@HOST`); the instructor console runs here.
    Host(crate::host::HostArgs),
}

/// Options of `flashpoint play`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PlayArgs {
    /// A scenario file or a bundled scenario id (default: the Korea scenario).
    pub scenario: Option<String>,
    /// Actors played by people, by id (comma-separated); the AI plays the rest.
    #[arg(long = "as", value_delimiter = ',')]
    pub humans: Vec<String>,
    /// Seed of the game (default: the scenario's seed).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Continue a saved game.
    #[arg(long, conflicts_with_all = ["scenario", "humans", "seed"])]
    pub load: Option<std::path::PathBuf>,
    /// Folder for saves (default: ./saves).
    #[arg(long)]
    pub saves_dir: Option<std::path::PathBuf>,
    /// Strength of the computer players: easy, normal or hard.
    #[arg(long = "ai", value_name = "STRENGTH", default_value = "normal", value_parser = simulate::parse_strength)]
    pub ai: crate::ai::Policy,
    /// Plain text for screen readers and scripts: no full screen, no
    /// colour; commands typed at a prompt (`help` lists them).
    #[arg(long)]
    pub plain: bool,
}

impl From<PlayArgs> for crate::tui::PlayOptions {
    fn from(a: PlayArgs) -> Self {
        crate::tui::PlayOptions {
            scenario: a.scenario,
            humans: a.humans,
            seed: a.seed,
            load: a.load,
            saves_dir: a.saves_dir,
            ai: a.ai,
            color_errors: stderr_color(),
        }
    }
}

/// Runs the program with already-parsed arguments.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Validate(args)) => validate::run(&args),
        Some(Command::Simulate(args)) => simulate::run(&args),
        Some(Command::Merge(args)) => batch::merge(&args),
        Some(Command::Scenarios) => scenarios::run(),
        Some(Command::Play(args)) if args.plain => crate::tui::plain::run(args.into()),
        Some(Command::Play(args)) => crate::tui::run(Some(args.into())),
        Some(Command::Saves(args)) => saves::saves(&args),
        Some(Command::Replay(args)) => saves::replay(&args),
        Some(Command::Debrief(args)) => crate::debrief::run(&args),
        Some(Command::New(args)) => new::run(&args),
        Some(Command::Schema) => schema::run(),
        Some(Command::Test(args)) => test::run(&args),
        Some(Command::Lint(args)) => lint::run(&args),
        Some(Command::Sweep(args)) => sweep::run(&args),
        Some(Command::Host(args)) => crate::host::run(&args),
        None => crate::tui::run(None),
    }
}
