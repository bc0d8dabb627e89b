//! Reading a save: from bytes to a checked [`Opened`] save, and from there
//! (after replaying its orders through the referee) to a [`Match`] ready to
//! continue.
//!
//! Every failure is a [`SaveError`] naming the file; nothing here panics on
//! bad input.

use std::path::{Path, PathBuf};

use super::SaveError;
use super::format::{self, END_MARKER, SaveFile};
use super::migrate::{self, VersionError};
use super::replay;
use std::sync::Arc;

use crate::engine::{Inject, Order, State};
use crate::referee::{Match, Seat};
use crate::scenario::{self, Scenario};

/// One turn of a save: its orders (each with its reason) and injects.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedTurn {
    pub orders: Vec<(Order, Option<String>)>,
    pub injects: Vec<Inject>,
}

/// Largest file read as a save.
pub const MAX_SAVE_BYTES: u64 = 64 << 20;

/// Most turns of order history a save may hold.
pub const MAX_LOG_TURNS: usize = 10_000;

/// A save that parsed and passed every check except the replay.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The file it was read from.
    pub path: PathBuf,
    /// The file's contents (upgraded to the current format).
    pub file: SaveFile,
    /// The format version the file had before migration.
    pub from_version: i64,
    /// The embedded scenario (its `origin` is the one recorded in the save).
    pub scenario: Arc<Scenario>,
    pub seed: u64,
    /// Who plays each actor.
    pub seats: Vec<Seat>,
    /// Every turn's orders and injects, with ids resolved.
    pub log: Vec<SavedTurn>,
}

impl Opened {
    /// The state the file claims.
    pub fn saved_state(&self) -> &State {
        &self.file.state
    }
}

/// Loads a save into a game ready to continue: reads and checks it, replays
/// its orders and checks the result equals the saved state.
pub fn load(path: &Path) -> Result<Match, SaveError> {
    finish(open(path)?)
}

/// Replays an opened save and returns its game if the replay gives the
/// saved state, else [`SaveError::StateMismatch`] naming the first
/// differing turn.
pub fn finish(opened: Opened) -> Result<Match, SaveError> {
    let v = replay::verify(&opened);
    if let Some(bad) = v.first_difference() {
        return Err(SaveError::StateMismatch {
            path: opened.path.clone(),
            turn: bad.turn,
            detail: bad.detail.clone().unwrap_or_default(),
        });
    }
    Ok(v.game)
}

/// Reads a save file and runs every check that does not need a replay.
pub fn open(path: &Path) -> Result<Opened, SaveError> {
    let bytes = read_bytes(path)?;
    open_bytes(path, &bytes)
}

/// [`open`] on bytes already read; `path` names the file in messages.
pub fn open_bytes(path: &Path, bytes: &[u8]) -> Result<Opened, SaveError> {
    let (file, from_version) = parse(path, bytes)?;
    check(path, file, from_version)
}

/// The bytes of a file, refusing folders and oversized files.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, SaveError> {
    let p = path.to_path_buf();
    let meta = std::fs::metadata(path).map_err(|source| SaveError::Io {
        path: p.clone(),
        action: "cannot open the save",
        source,
    })?;
    if meta.is_dir() {
        return Err(SaveError::IsDir { path: p });
    }
    if meta.len() > MAX_SAVE_BYTES {
        return Err(SaveError::TooLarge {
            path: p,
            size: meta.len(),
            max: MAX_SAVE_BYTES,
        });
    }
    std::fs::read(path).map_err(|source| SaveError::Io {
        path: p,
        action: "cannot read the save",
        source,
    })
}

/// Bytes → the file's contents in the current format (no semantic checks).
/// Also returns the format version the file had.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<(SaveFile, i64), SaveError> {
    let p = || path.to_path_buf();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SaveError::Empty { path: p() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| SaveError::NotUtf8 {
        path: p(),
        offset: e.valid_up_to(),
        byte: bytes[e.valid_up_to()],
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let looks_like_save =
        text.contains("format_version") || text.starts_with("# Flashpoint saved game");
    if !looks_like_save {
        return Err(SaveError::NotASave {
            path: p(),
            why: "it has no `format_version` (is it a scenario or another TOML file?)".into(),
        });
    }
    if !text.trim_end().ends_with(END_MARKER) {
        return Err(SaveError::Truncated {
            path: p(),
            size: bytes.len(),
        });
    }
    let table: toml::Table = toml::from_str(text).map_err(|e| SaveError::Parse {
        path: p(),
        message: toml_message(&e),
    })?;
    let (table, from) = migrate::upgrade(table).map_err(|e| match e {
        VersionError::Missing => SaveError::NotASave {
            path: p(),
            why: "it has no `format_version`".into(),
        },
        VersionError::NotANumber(v) => SaveError::Parse {
            path: p(),
            message: format!("`format_version` is {v}, not a whole number"),
        },
        VersionError::Newer(found) => SaveError::NewerFormat {
            path: p(),
            found,
            max: format::FORMAT_VERSION,
        },
        VersionError::Failed { from, why } => SaveError::Migration {
            path: p(),
            from,
            why,
        },
    })?;
    // A current file is read from its text, so errors carry line and column.
    let file: Result<SaveFile, String> = if from == i64::from(format::FORMAT_VERSION) {
        toml::from_str(text).map_err(|e| toml_message(&e))
    } else {
        SaveFile::deserialize_table(table)
    };
    let file = file.map_err(|message| SaveError::Parse { path: p(), message })?;
    Ok((file, from))
}

impl SaveFile {
    fn deserialize_table(t: toml::Table) -> Result<SaveFile, String> {
        use serde::Deserialize;
        SaveFile::deserialize(toml::Value::Table(t)).map_err(|e| e.to_string().trim().to_string())
    }
}

/// A TOML error on one or a few lines: the location and the message.
fn toml_message(e: &toml::de::Error) -> String {
    let msg = e.message().trim().replace('\n', " ");
    match e.span() {
        Some(_) => {
            // The Display form starts with "TOML parse error at line L, column C".
            let full = e.to_string();
            let head = full.lines().next().unwrap_or("").trim();
            if head.is_empty() {
                msg
            } else {
                format!("{head}: {msg}")
            }
        }
        None => msg,
    }
}

/// The checks between a parsed file and a replay: the scenario and its
/// hash, ids, and the fields that must agree with each other.
fn check(path: &Path, file: SaveFile, from_version: i64) -> Result<Opened, SaveError> {
    let p = || path.to_path_buf();
    let inconsistent = |why: String| SaveError::Inconsistent { path: p(), why };
    if !file.injects.is_empty() {
        return Err(SaveError::Injects {
            path: p(),
            count: file.injects.len(),
        });
    }
    let actual = format::scenario_hash(&file.scenario.text);
    if !actual.eq_ignore_ascii_case(file.scenario.sha256.trim()) {
        return Err(SaveError::HashMismatch {
            path: p(),
            saved: file.scenario.sha256.clone(),
            actual,
        });
    }
    let origin = format!("{} [scenario.text]", path.display());
    let mut scn =
        scenario::load_str(&origin, &file.scenario.text).map_err(|e| SaveError::Scenario {
            path: p(),
            rendered: e.render(false),
        })?;
    scn.origin = file.scenario.origin.clone();
    if scn.meta.id != file.scenario.id {
        return Err(inconsistent(format!(
            "scenario.id is `{}` but the embedded scenario is `{}`",
            file.scenario.id, scn.meta.id
        )));
    }
    if file.turn != file.state.turn {
        return Err(inconsistent(format!(
            "`turn` is {} but the state is at turn {}",
            file.turn, file.state.turn
        )));
    }
    if file.turns.len() > MAX_LOG_TURNS {
        return Err(inconsistent(format!(
            "it has {} turns of orders; at most {MAX_LOG_TURNS} are read",
            file.turns.len()
        )));
    }
    let seats = format::seats(&scn, &file.humans, &file.policies).map_err(|(what, id)| {
        inconsistent(format!(
            "`{what}` names `{id}`, which is not an actor of `{}`",
            scn.meta.id
        ))
    })?;
    let mut log = Vec::with_capacity(file.turns.len());
    for (i, t) in file.turns.iter().enumerate() {
        let expected = i as u32 + 1;
        if t.turn != expected {
            return Err(inconsistent(format!(
                "the order history is out of order: entry {expected} is marked turn {}",
                t.turn
            )));
        }
        let orders =
            format::resolve_orders(&scn, &t.orders).map_err(|(what, id)| SaveError::UnknownId {
                path: p(),
                turn: t.turn,
                what,
                id,
                scenario: scn.meta.id.clone(),
            })?;
        log.push(SavedTurn {
            orders,
            injects: t.injects.clone(),
        });
    }
    Ok(Opened {
        path: p(),
        seed: file.seed.0,
        file,
        from_version,
        scenario: Arc::new(scn),
        seats,
        log,
    })
}
