//! `flashpoint schema`: prints the JSON Schema of the scenario format.
//!
//! Editors use it for completion and checks while a scenario is written
//! (see "Editor set-up" in docs/scenario-format.md). The text is the same
//! as `docs/scenario.schema.json`; a test keeps the two equal.

use std::io::Write;
use std::process::ExitCode;

use crate::scenario::schema::json_schema_text;

/// Prints the schema on stdout.
pub fn run() -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(json_schema_text().as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`flashpoint schema | head`) is not worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the schema: {e}");
            ExitCode::FAILURE
        }
    }
}
