//! The command line: argument parsing and the commands that do not need
//! the terminal UI. Everything here is shell: it reads files, prints, and
//! calls the pure core.

pub mod scenarios;
pub mod simulate;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    Validate {
        /// Scenario files (.toml) to check.
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
    /// Play whole games with every actor run by the AI, and report them.
    Simulate(simulate::SimulateArgs),
    /// List the bundled scenarios and those in ./scenarios.
    Scenarios,
}

/// Runs the program with already-parsed arguments.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Validate { files }) => validate::run(&files),
        Some(Command::Simulate(args)) => simulate::run(&args),
        Some(Command::Scenarios) => scenarios::run(),
        None => {
            use clap::CommandFactory;
            let _ = Cli::command().print_help();
            ExitCode::SUCCESS
        }
    }
}

/// Whether stderr is a terminal that wants colour (honours `NO_COLOR`).
pub fn stderr_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}
