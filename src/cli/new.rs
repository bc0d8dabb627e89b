//! `flashpoint new FILE [--actors a,b,c]`

use std::process::ExitCode;

/// Options of `flashpoint new`.
#[derive(Debug, Clone, clap::Args)]
pub struct NewArgs {
    /// The scenario file to write (it must not exist yet).
    pub file: std::path::PathBuf,
    /// Actor ids, comma-separated (default: three invented actors).
    #[arg(long, value_delimiter = ',')]
    pub actors: Vec<String>,
}

/// Writes the starting scenario.
pub fn run(_args: &NewArgs) -> ExitCode {
    ExitCode::FAILURE
}
