//! The saves in a folder, newest first, each with what it holds or why it
//! does not load.
//!
//! Each file is [peeked](super::peek), not loaded: read with the save
//! reader's cap (never blocking on a FIFO or device), parsed once, and
//! checked without a replay, so a list costs a few milliseconds per save
//! and a hostile file no more than the caps allow.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::SaveError;
use super::peek::{self, ScenarioCache};

/// What a loadable save holds.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveSummary {
    pub scenario_id: String,
    pub scenario_title: String,
    /// Turns played.
    pub turn: u32,
    /// Calendar label of the last turn played (`scenario.date_of`), e.g. `2026-07`.
    pub date: String,
    /// The actors played by people (ids); empty for an AI-only game.
    pub humans: Vec<String>,
    /// The game has ended.
    pub over: bool,
    /// When it was written, as recorded in the file (RFC 3339, UTC).
    pub created: String,
    /// The game the save belongs to (its `game_id`, or the derived one).
    pub game_id: String,
}

/// One file in the saves folder.
#[derive(Debug, Clone)]
pub struct SaveInfo {
    pub path: PathBuf,
    /// The file name, e.g. `week-2.toml` (lossy if the name is not UTF-8;
    /// it may hold any character the file system allows, so escape it
    /// before printing).
    pub name: String,
    /// Last modification time of the file, if the system gives it.
    pub modified: Option<SystemTime>,
    /// An autosave (`autosave-*.toml`).
    pub autosave: bool,
    /// What it holds, or the message saying why it does not load.
    pub summary: Result<SaveSummary, String>,
}

impl SaveInfo {
    /// `YYYY-MM-DD HH:MM` (UTC) of the modification time, or `?`.
    pub fn modified_label(&self) -> String {
        self.modified
            .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or_else(
                || "?".into(),
                |d| super::format::label_from_unix(d.as_secs() as i64),
            )
    }
}

/// The saves (`*.toml`, hidden files and `.bak` excluded) in `dir`, newest
/// first; a file that does not load is listed with its error. A missing
/// folder gives an empty list; a folder that cannot be read (no
/// permission, or a file in its place) gives an empty list too — use
/// [`try_list`] to tell the person why.
pub fn list(dir: &Path) -> Vec<SaveInfo> {
    try_list(dir).unwrap_or_default()
}

/// The saves in `dir` as [`list`] gives them, or why the folder cannot be
/// read: [`SaveError::NotAFolder`] for a file, [`SaveError::Io`] for a
/// folder without read permission. A missing folder is an empty list (no
/// game was saved yet).
pub fn try_list(dir: &Path) -> Result<Vec<SaveInfo>, SaveError> {
    let mut cache = ScenarioCache::default();
    let mut out: Vec<SaveInfo> = save_files(dir)?
        .into_iter()
        .map(|(path, name, modified)| {
            let summary = peek::peek(&path, &mut cache).map_err(|e| e.to_string());
            SaveInfo {
                autosave: is_autosave(&name),
                path,
                name,
                modified,
                summary,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.modified
            .cmp(&a.modified)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(out)
}

/// The autosave the title screen's "Continue" offers: the newest autosave
/// of an unfinished game (every game has its own,
/// `autosave-<scenario>-<game id>.toml`). When no autosave loads, the
/// newest one that does not, so Continue can say why; `None` when there is
/// no autosave of an unfinished game at all.
pub fn latest_autosave(dir: &Path) -> Option<PathBuf> {
    let mut autosaves: Vec<_> = save_files(dir)
        .ok()?
        .into_iter()
        .filter(|(_, name, _)| is_autosave(name))
        .collect();
    autosaves.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    let mut cache = ScenarioCache::default();
    let mut broken = None;
    for (path, _, _) in autosaves {
        match peek::peek(&path, &mut cache) {
            Ok(s) if !s.over => return Some(path),
            Ok(_) => {}
            Err(_) => {
                broken.get_or_insert(path);
            }
        }
    }
    broken
}

/// An autosave's file name: `autosave-….toml`.
fn is_autosave(name: &str) -> bool {
    name.starts_with("autosave-")
}

/// The candidate files of `dir`: not hidden, ending in `.toml`, not folders.
fn save_files(dir: &Path) -> Result<Vec<(PathBuf, String, Option<SystemTime>)>, SaveError> {
    let folder_err = |source: std::io::Error| SaveError::Io {
        path: dir.to_path_buf(),
        action: "cannot read the saves folder",
        source,
    };
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(folder_err(e)),
        Ok(m) if !m.is_dir() => {
            return Err(SaveError::NotAFolder {
                path: dir.to_path_buf(),
            });
        }
        Ok(_) => {}
    }
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).map_err(folder_err)? {
        let e = e.map_err(folder_err)?;
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !name.ends_with(".toml") {
            continue;
        }
        // The entry itself, not what a symlink points to: no file is
        // opened while listing names.
        let meta = e.metadata().ok();
        if meta.as_ref().is_some_and(std::fs::Metadata::is_dir) {
            continue;
        }
        let modified = meta.and_then(|m| m.modified().ok());
        out.push((e.path(), name, modified));
    }
    Ok(out)
}

/// Reads a save cheaply and describes it (see [`super::peek`]): no replay,
/// so a save whose orders no longer give its state is described here and
/// refused when loaded.
pub fn summarize(path: &Path) -> Result<SaveSummary, SaveError> {
    peek::peek(path, &mut ScenarioCache::default())
}
