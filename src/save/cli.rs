//! `flashpoint saves` and `flashpoint replay`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `flashpoint saves`.
#[derive(Debug, Clone, clap::Args)]
pub struct SavesArgs {
    /// Folder for saves (default: ./saves).
    #[arg(long)]
    pub saves_dir: Option<PathBuf>,
}

/// Options of `flashpoint replay`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReplayArgs {
    /// The save file to replay.
    pub file: PathBuf,
    /// Check turn by turn that replaying the orders gives the saved state.
    #[arg(long)]
    pub verify: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = crate::cli::simulate::Format::Text)]
    pub format: crate::cli::simulate::Format,
}

/// Lists saves.
pub fn saves(_args: &SavesArgs) -> ExitCode {
    eprintln!("saves are not implemented yet");
    ExitCode::FAILURE
}

/// Replays a save.
pub fn replay(_args: &ReplayArgs) -> ExitCode {
    eprintln!("replay is not implemented yet");
    ExitCode::FAILURE
}
