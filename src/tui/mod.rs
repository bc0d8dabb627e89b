//! The terminal game (ratatui + crossterm): an imperative shell around the
//! engine that shows what an actor may see and turns keys into orders.

use std::process::ExitCode;

use crate::cli::PlayArgs;

/// Opens the terminal game: the title screen, or straight into a game
/// when `play` options are given.
pub fn run(args: Option<PlayArgs>) -> ExitCode {
    let _ = args;
    eprintln!("the terminal UI is not built yet; try `flashpoint simulate`");
    ExitCode::FAILURE
}
