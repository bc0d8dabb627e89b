//! `flashpoint validate FILE... [--format text|json]`
//!
//! Text for people (each problem with its line shown and a caret under
//! it); JSON for editors and CI (one document on stdout, documented in
//! docs/scenario-format.md). Either way the exit code is 1 when any file
//! has a problem.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use crate::scenario;

/// How `validate` reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Messages for people, on stderr; `ok` lines on stdout.
    #[default]
    Text,
    /// One JSON document on stdout.
    Json,
}

/// Options of `flashpoint validate`.
#[derive(Debug, Clone, clap::Args)]
pub struct ValidateArgs {
    /// Scenario files (.toml) to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// `text` for people, `json` for editors and CI.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Validates each file and reports in the chosen format.
pub fn run(args: &ValidateArgs) -> ExitCode {
    let mut failed = false;
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for f in &args.files {
        match scenario::load_file(f) {
            Ok(s) => match args.format {
                Format::Text => println!(
                    "ok {} ({}: {} actors, {} moves, {} events, {} turns)",
                    f.display(),
                    s.meta.id,
                    s.actors.len(),
                    s.moves.len(),
                    s.events.len(),
                    s.meta.turns
                ),
                Format::Json => files.push(json!({
                    "file": f.display().to_string(),
                    "ok": true,
                    "scenario": s.meta.id,
                    "actors": s.actors.len(),
                    "moves": s.moves.len(),
                    "events": s.events.len(),
                    "turns": s.meta.turns,
                })),
            },
            Err(e) => {
                failed = true;
                match args.format {
                    Format::Text => eprint!("{}", e.render(super::stderr_color())),
                    Format::Json => {
                        files.push(json!({
                            "file": f.display().to_string(),
                            "ok": false,
                            "problems": e.diagnostics.len(),
                        }));
                        diagnostics.extend(e.json());
                    }
                }
            }
        }
    }
    if args.format == Format::Json {
        let doc = json!({ "ok": !failed, "files": files, "diagnostics": diagnostics });
        // A Value always serializes.
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
