//! The saves in a folder, newest first, each with what it holds or why it
//! does not load.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::load;

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
}

/// One file in the saves folder.
#[derive(Debug, Clone)]
pub struct SaveInfo {
    pub path: PathBuf,
    /// The file name, e.g. `week-2.toml`.
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
/// first. Each is fully loaded, including the replay check; a file that
/// fails is listed with its error. A missing folder gives an empty list.
pub fn list(dir: &Path) -> Vec<SaveInfo> {
    let mut out: Vec<SaveInfo> = save_files(dir)
        .into_iter()
        .map(|(path, name, modified)| {
            let summary = summarize(&path).map_err(|e| e.to_string());
            SaveInfo {
                autosave: name.starts_with("autosave-"),
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
    out
}

/// The newest autosave in `dir`, for the title screen's "Continue".
pub fn latest_autosave(dir: &Path) -> Option<PathBuf> {
    save_files(dir)
        .into_iter()
        .filter(|(_, name, _)| name.starts_with("autosave-"))
        .max_by(|a, b| a.2.cmp(&b.2).then_with(|| b.1.cmp(&a.1)))
        .map(|(path, _, _)| path)
}

fn save_files(dir: &Path) -> Vec<(PathBuf, String, Option<SystemTime>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || !name.ends_with(".toml") {
                return None;
            }
            let meta = e.metadata().ok();
            if meta.as_ref().is_some_and(std::fs::Metadata::is_dir) {
                return None;
            }
            let modified = meta.and_then(|m| m.modified().ok());
            Some((e.path(), name, modified))
        })
        .collect()
}

/// Loads a save and describes it.
pub fn summarize(path: &Path) -> Result<SaveSummary, super::SaveError> {
    let opened = load::open(path)?;
    let created = opened.file.created.to_string();
    let game = load::finish(opened)?;
    let scn = game.scenario();
    Ok(SaveSummary {
        scenario_id: scn.meta.id.clone(),
        scenario_title: scn.meta.title.clone(),
        turn: game.turn(),
        date: scn.date_of(game.turn()),
        humans: game
            .humans()
            .into_iter()
            .map(|a| scn.actor(a).id.clone())
            .collect(),
        over: game.is_over(),
        created,
    })
}
