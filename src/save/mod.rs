//! Saved games in `saves/`: versioned TOML, written atomically, verified by replay.
//!
//! This is shell code: it reads and writes files and reads the clock (for a
//! save's `created` stamp). The engine stays pure; a save stores the
//! scenario text, the seed and every turn's orders, and loading re-runs
//! them through the engine and checks the result against the saved state.
//!
//! * [`format`] — the file's types ([`SaveFile`]), the scenario hash, and
//!   the conversion between a [`Match`] and a file.
//! * [`id`] — game ids ([`GameId`]): each game its own autosave.
//! * [`migrate`] — the format version check and the chain of migrations.
//! * [`write`] — atomic writes, save names, autosave with `.bak`.
//! * [`read`] — reading a file that may be hostile: regular files only,
//!   never blocking, through a capped reader.
//! * [`scan`] — counting a text's TOML tokens before parsing it.
//! * [`load`] — reading a file into a [`Match`], with clear errors.
//! * [`peek`] — what a list shows of a save, read without a replay.
//! * [`list`] — the saves in a folder, newest first.
//! * [`replay`] — turn-by-turn verification and the game's timeline.
//! * [`crate::cli`] — `flashpoint saves` and `flashpoint replay`.
//! * [`Table`] — a [`Match`] with its game id, behind a wall: what the
//!   terminal game holds, and loads, saves and autosaves through.
//!
//! See `docs/saves.md` for the format.

mod error;
pub mod format;
pub mod id;
pub mod list;
pub mod load;
pub mod migrate;
pub mod peek;
/// Reading hostile files (moved to [`crate::files`]; kept under this
/// name for the save code).
pub use crate::files as read;
pub mod replay;
pub mod scan;
mod table;
pub mod text;
pub mod write;

pub use error::SaveError;
pub use format::{FORMAT_VERSION, SaveFile, scenario_hash};
pub use id::GameId;
pub use list::{SaveInfo, SaveSummary, latest_autosave, list, try_list};
pub use load::{Opened, load, load_with_id, open};
pub use replay::{TurnCheck, Verification, verify};
pub use table::Table;
pub use write::{
    autosave, autosave_path, autosave_path_with_id, autosave_with_id, default_name, save_as,
    save_as_with_id, save_on_quit, save_on_quit_with_id, save_path, validate_name, write,
    write_new, write_with_id,
};

use std::path::{Path, PathBuf};

#[cfg(doc)]
use crate::referee::Match;

/// The saves folder used when none is given: `saves` in the current folder.
pub const DEFAULT_DIR: &str = "saves";

/// The saves folder: the one given (`--saves-dir`), else [`DEFAULT_DIR`].
pub fn saves_dir(given: Option<&Path>) -> PathBuf {
    given.map_or_else(|| PathBuf::from(DEFAULT_DIR), Path::to_path_buf)
}
