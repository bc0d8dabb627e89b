//! Scenarios: the TOML files that hold everything game-specific.
//!
//! `raw` mirrors the file, `validate` checks it and resolves names,
//! `model` is the checked result the rest of the program reads.

pub mod diagnostic;
pub mod effect_kinds;
pub mod expr;
pub mod ids;
pub mod model;
pub mod names;
pub mod raw;
pub mod schema;
pub mod script;
pub(crate) mod suggest;
mod syntax;
pub mod template;
mod validate;

use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, ScenarioError, Severity};
pub use ids::{ActorId, EventId, MoveId, Stat, SystemId, TrackId};
pub use model::*;
pub use names::display_width;
pub use validate::{MAX_FILE_BYTES, clean_text, load_bytes, load_str};

/// Scenarios built into the binary: (id, file name, text).
pub const BUNDLED: &[(&str, &str, &str)] = &[(
    "korea-arms-deal",
    "korea-arms-deal.toml",
    include_str!("../../scenarios/korea-arms-deal.toml"),
)];

/// The scenario played when none is named.
pub const DEFAULT_ID: &str = "korea-arms-deal";

/// Loads a bundled scenario by id.
pub fn load_bundled(id: &str) -> Option<Result<Scenario, ScenarioError>> {
    BUNDLED
        .iter()
        .find(|(bid, _, _)| *bid == id)
        .map(|(bid, _, text)| load_str(&format!("bundled:{bid}"), text))
}

/// Loads a scenario file from disk. Files larger than [`MAX_FILE_BYTES`]
/// are refused before they are read.
pub fn load_file(path: &Path) -> Result<Scenario, ScenarioError> {
    let origin = path.display().to_string();
    let io_err = |e: std::io::Error| {
        ScenarioError::single(
            &origin,
            "",
            Diagnostic::new(format!("cannot read the file: {e}"), 0..0)
                .help("check the path; `flashpoint scenarios` lists the scenarios it can find"),
        )
    };
    use crate::files::{ReadError, read_capped};
    let bytes = read_capped(path, MAX_FILE_BYTES as u64).map_err(|e| match e {
        ReadError::Open(e) | ReadError::Read(e) => io_err(e),
        ReadError::Dir => ScenarioError::single(
            &origin,
            "",
            Diagnostic::new("this is a folder, not a scenario file", 0..0)
                .help("name a .toml file inside it"),
        ),
        ReadError::NotRegular { kind } => ScenarioError::single(
            &origin,
            "",
            Diagnostic::new(format!("this is {kind}, not a scenario file"), 0..0)
                .help("name a regular .toml file"),
        ),
        ReadError::TooLarge { size } => ScenarioError::single(
            &origin,
            "",
            Diagnostic::new(
                format!(
                    "the file is {size} bytes; a scenario may be at most {MAX_FILE_BYTES} bytes"
                ),
                0..0,
            ),
        ),
    })?;
    load_bytes(&origin, &bytes)
}

/// Loads what the user named: a path to a `.toml` file, or a bundled id.
/// `None` gives the default scenario.
pub fn resolve(name: Option<&str>) -> Result<Scenario, ScenarioError> {
    let name = name.unwrap_or(DEFAULT_ID);
    let path = Path::new(name);
    if path.exists() || name.ends_with(".toml") || name.contains('/') {
        return load_file(path);
    }
    if let Some(s) = load_bundled(name) {
        return s;
    }
    let local = PathBuf::from("scenarios").join(format!("{name}.toml"));
    if local.exists() {
        return load_file(&local);
    }
    let known: Vec<&str> = BUNDLED.iter().map(|(id, _, _)| *id).collect();
    Err(ScenarioError::single(
        name,
        "",
        Diagnostic::new(
            format!("no scenario file or bundled scenario named `{name}`"),
            0..0,
        )
        .help(format!(
            "give a path to a .toml file, or one of: {}; `flashpoint scenarios` lists them all",
            known.join(", ")
        )),
    ))
}
