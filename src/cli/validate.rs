//! `flashpoint validate FILE...`

use std::path::PathBuf;
use std::process::ExitCode;

use crate::scenario;

/// Validates each file; prints `ok` lines on stdout and problems on stderr.
pub fn run(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for f in files {
        match scenario::load_file(f) {
            Ok(s) => println!(
                "ok {} ({}: {} actors, {} moves, {} events, {} turns)",
                f.display(),
                s.meta.id,
                s.actors.len(),
                s.moves.len(),
                s.events.len(),
                s.meta.turns
            ),
            Err(e) => {
                failed = true;
                eprint!("{}", e.render(super::stderr_color()));
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
