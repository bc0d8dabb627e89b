//! Writing saves: atomically, never over an existing save unless asked,
//! never outside the saves folder.
//!
//! A write goes to a temporary file in the target's folder
//! (`.<name>.<pid>-<n>.tmp`), is flushed and synced to disk, then takes the
//! target's name in one step (a rename, or a hard link when the target must
//! not be overwritten), and the folder is synced so the new name is durable.
//! A crash or kill at any moment leaves either the old file or the new one.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use super::SaveError;
use super::format;
use super::id::GameId;
use super::load::MAX_SAVE_BYTES;
use super::read::{self, ReadError};
use crate::referee::Match;

/// Longest save name accepted (in characters, without `.toml`).
pub const MAX_NAME_CHARS: usize = 80;

/// Writes `game` as a save at `path` (any path: the CLI's `--save FILE`).
/// Refuses to replace an existing file unless `overwrite`. Creates the
/// parent folder if missing. The save records no game id (loading it gives
/// a derived one); [`write_with_id`] records one.
pub fn write(path: &Path, game: &Match, overwrite: bool) -> Result<(), SaveError> {
    let text = format::game_text(game, format::now())?;
    write_atomic(path, text.as_bytes(), overwrite)
}

/// [`write`], recording `id` as the save's game, so that a game continued
/// from it keeps its own autosave.
pub fn write_with_id(
    path: &Path,
    game: &Match,
    id: &GameId,
    overwrite: bool,
) -> Result<(), SaveError> {
    let text = format::game_text_with_id(game, Some(id), format::now())?;
    write_atomic(path, text.as_bytes(), overwrite)
}

/// [`write`] without overwriting: fails with [`SaveError::Exists`] if the
/// file is there (`flashpoint simulate --save FILE`).
pub fn write_new(path: &Path, game: &Match) -> Result<(), SaveError> {
    write(path, game, false)
}

/// Saves under a name the player typed, inside `dir` (created if missing).
/// `.toml` is added unless the name ends with it. Returns the file written.
/// With `overwrite` false an existing save gives [`SaveError::Exists`], so
/// the UI can ask and call again with `overwrite` true.
pub fn save_as(
    dir: &Path,
    name: &str,
    game: &Match,
    overwrite: bool,
) -> Result<PathBuf, SaveError> {
    let path = save_path(dir, name)?;
    write(&path, game, overwrite)?;
    Ok(path)
}

/// [`save_as`], recording `id` as the save's game.
pub fn save_as_with_id(
    dir: &Path,
    name: &str,
    game: &Match,
    id: &GameId,
    overwrite: bool,
) -> Result<PathBuf, SaveError> {
    let path = save_path(dir, name)?;
    write_with_id(&path, game, id, overwrite)?;
    Ok(path)
}

/// The path of a save named `name` in `dir`, after [`validate_name`].
pub fn save_path(dir: &Path, name: &str) -> Result<PathBuf, SaveError> {
    let file = validate_name(name)?;
    let path = dir.join(&file);
    // Belt and braces: the result must be a direct child of `dir`.
    if path.parent() != Some(dir) || path.file_name().and_then(|f| f.to_str()) != Some(&file) {
        return Err(SaveError::BadName {
            name: name.to_string(),
            why: "it would not stay inside the saves folder".into(),
        });
    }
    Ok(path)
}

/// Checks a save name typed by a person and returns its file name (with
/// `.toml`). Surrounding spaces are ignored. Refused: empty names, `/`, `\`,
/// `..`, a leading `.`, control characters, the characters `<>:"|?*` (not
/// allowed on Windows), names reserved on Windows (`CON`, `NUL`, `COM1`, …),
/// a trailing `.`, and names longer than [`MAX_NAME_CHARS`].
pub fn validate_name(name: &str) -> Result<String, SaveError> {
    let bad = |why: &str| {
        Err(SaveError::BadName {
            name: name.escape_debug().to_string(),
            why: why.to_string(),
        })
    };
    let n = name.trim();
    if n.is_empty() {
        return bad("the name is empty");
    }
    if n.contains('/') || n.contains('\\') {
        return bad(
            "a save name may not contain `/` or `\\` — it names a file inside the saves folder, not a path",
        );
    }
    if n.contains("..") {
        return bad("a save name may not contain `..`");
    }
    if n.starts_with('.') {
        return bad("a save name may not start with `.` (that would be a hidden file)");
    }
    if n.chars().any(char::is_control) {
        return bad("a save name may not contain control characters");
    }
    if let Some(c) = n.chars().find(|c| "<>:\"|?*".contains(*c)) {
        return bad(&format!(
            "a save name may not contain `{c}` (not allowed in file names on every system)"
        ));
    }
    let stem = if n.len() > 5 && n[n.len() - 5..].eq_ignore_ascii_case(".toml") {
        &n[..n.len() - 5]
    } else {
        n
    };
    if stem.is_empty() || stem.ends_with('.') || stem.ends_with(' ') {
        return bad("a save name may not end with `.` or a space");
    }
    if stem.chars().count() > MAX_NAME_CHARS {
        return bad(&format!(
            "the name is longer than {MAX_NAME_CHARS} characters"
        ));
    }
    let base = stem.split('.').next().unwrap_or(stem).to_ascii_uppercase();
    let reserved = matches!(base.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((base.starts_with("COM") || base.starts_with("LPT"))
            && base.len() == 4
            && base.as_bytes()[3].is_ascii_digit());
    if reserved {
        return bad("this name is reserved for devices on Windows");
    }
    Ok(format!("{stem}.toml"))
}

/// The name the save dialog suggests: the scenario id and the date of the
/// next turn, e.g. `korea-arms-deal-2026-05`.
pub fn default_name(game: &Match) -> String {
    let id = safe_id(&game.scenario().meta.id);
    format!("{id}-{}", game.scenario().date_of(game.turn() + 1))
}

/// A scenario id made safe for a file name (ids are already plain, but a
/// scenario file is not trusted).
fn safe_id(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    if s.is_empty() { "scenario".into() } else { s }
}

/// Where the autosave of a scenario lived before game ids:
/// `<dir>/autosave-<scenario id>.toml`. [`autosave`] still writes there;
/// [`autosave_path_with_id`] is where each game's own autosave lives.
pub fn autosave_path(dir: &Path, scenario_id: &str) -> PathBuf {
    dir.join(format!("autosave-{}.toml", safe_id(scenario_id)))
}

/// Where the autosave of one game lives:
/// `<dir>/autosave-<scenario id>-<game id>.toml`.
pub fn autosave_path_with_id(dir: &Path, scenario_id: &str, id: &GameId) -> PathBuf {
    dir.join(format!("autosave-{}-{id}.toml", safe_id(scenario_id)))
}

/// The `.bak` beside a save: `autosave-x.toml` → `autosave-x.toml.bak`.
pub fn bak_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".bak");
    PathBuf::from(s)
}

/// Autosaves `game` to `<dir>/autosave-<scenario id>.toml`, the one
/// autosave per scenario of the time before game ids (a new game of the
/// same scenario replaces it). Kept so callers that hold no [`GameId`]
/// still build; [`autosave_with_id`] gives each game its own file.
pub fn autosave(dir: &Path, game: &Match) -> Result<PathBuf, SaveError> {
    let path = autosave_path(dir, &game.scenario().meta.id);
    let text = format::game_text(game, format::now())?;
    replace_keeping_bak(&path, &text)?;
    Ok(path)
}

/// Autosaves `game`, whose id is `id`, to its own file
/// `<dir>/autosave-<scenario id>-<game id>.toml` (call after every resolved
/// turn, and on quit when the game is unfinished). The previous autosave of
/// this game is kept as `….toml.bak`. Both are written atomically, so at
/// every moment each of them is a complete save. Another game's autosave,
/// having another id, is never touched.
pub fn autosave_with_id(dir: &Path, game: &Match, id: &GameId) -> Result<PathBuf, SaveError> {
    let path = autosave_path_with_id(dir, &game.scenario().meta.id, id);
    let text = format::game_text_with_id(game, Some(id), format::now())?;
    replace_keeping_bak(&path, &text)?;
    Ok(path)
}

/// Writes `text` at `path`, first copying the file there (if it is a
/// readable save-sized regular file) to `path.bak`. The old file is read
/// with the save reader's cap and never blocks; something else at `path`
/// (a FIFO, a device, an oversized file) is not copied, only replaced.
fn replace_keeping_bak(path: &Path, text: &str) -> Result<(), SaveError> {
    match read::read_capped(path, MAX_SAVE_BYTES) {
        Ok(old) => write_atomic(&bak_path(path), &old, true)?,
        Err(ReadError::Open(e)) if e.kind() == io::ErrorKind::NotFound => {}
        Err(ReadError::Open(source) | ReadError::Read(source)) => {
            return Err(SaveError::Io {
                path: path.to_path_buf(),
                action: "cannot read the previous autosave to keep it as .bak",
                source,
            });
        }
        Err(ReadError::NotRegular { .. } | ReadError::TooLarge { .. }) => {}
        Err(ReadError::Dir) => {
            return Err(SaveError::IsDir {
                path: path.to_path_buf(),
            });
        }
    }
    write_atomic(path, text.as_bytes(), true)
}

/// The save when the player quits: an [`autosave`] if the game is
/// unfinished and at least one turn was played (a fresh game holds nothing
/// to lose, and saving it would push a real game's autosave to `.bak`).
/// Returns the file written, if any.
pub fn save_on_quit(dir: &Path, game: &Match) -> Result<Option<PathBuf>, SaveError> {
    if game.is_over() || game.turn() == 0 {
        return Ok(None);
    }
    autosave(dir, game).map(Some)
}

/// [`save_on_quit`] to the game's own autosave ([`autosave_with_id`]).
pub fn save_on_quit_with_id(
    dir: &Path,
    game: &Match,
    id: &GameId,
) -> Result<Option<PathBuf>, SaveError> {
    if game.is_over() || game.turn() == 0 {
        return Ok(None);
    }
    autosave_with_id(dir, game, id).map(Some)
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Removes the temporary file if the write did not complete.
struct TempGuard(Option<PathBuf>);

impl Drop for TempGuard {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = fs::remove_file(p);
        }
    }
}

/// Writes `bytes` to `path` atomically (see the module docs). Without
/// `overwrite`, an existing `path` is left alone and [`SaveError::Exists`]
/// returned — checked atomically where the file system has hard links.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), SaveError> {
    let io_err = |action: &'static str| {
        let path = path.to_path_buf();
        move |source: io::Error| SaveError::Io {
            path,
            action,
            source,
        }
    };
    let name = match path.file_name() {
        Some(n) if !path.as_os_str().is_empty() => n.to_string_lossy().into_owned(),
        _ => {
            return Err(SaveError::Io {
                path: path.to_path_buf(),
                action: "cannot write the save",
                source: io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"),
            });
        }
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.is_dir() {
        return Err(SaveError::IsDir {
            path: path.to_path_buf(),
        });
    }
    if !overwrite && path.symlink_metadata().is_ok() {
        return Err(SaveError::Exists {
            path: path.to_path_buf(),
        });
    }
    fs::create_dir_all(&dir).map_err(io_err("cannot create the saves folder"))?;
    clean_stale_temps(&dir, &name);
    let tmp = dir.join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let mut guard = TempGuard(Some(tmp.clone()));
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .map_err(io_err("cannot create a temporary file beside the save"))?;
    f.write_all(bytes)
        .and_then(|()| f.flush())
        .and_then(|()| f.sync_all())
        .map_err(io_err("cannot write the save"))?;
    drop(f);
    if overwrite {
        fs::rename(&tmp, path).map_err(io_err("cannot put the new save in place"))?;
        guard.0 = None;
    } else {
        match fs::hard_link(&tmp, path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                return Err(SaveError::Exists {
                    path: path.to_path_buf(),
                });
            }
            // No hard links here (some network or FAT file systems): check, then rename.
            Err(_) => {
                if path.symlink_metadata().is_ok() {
                    return Err(SaveError::Exists {
                        path: path.to_path_buf(),
                    });
                }
                fs::rename(&tmp, path).map_err(io_err("cannot put the new save in place"))?;
                guard.0 = None;
            }
        }
        // After a hard link the guard removes the temporary name.
    }
    drop(guard);
    sync_dir(&dir);
    Ok(())
}

/// Makes a rename in `dir` durable. Best effort: some systems cannot sync
/// a folder (Windows has no such call; there the rename is already durable).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Removes temporary files of `name` left by a writer that was killed, if
/// they are more than ten minutes old (a live writer takes milliseconds).
fn clean_stale_temps(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let fname = e.file_name();
        let Some(f) = fname.to_str() else { continue };
        if !(f.starts_with(&prefix) && f.ends_with(".tmp")) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > Duration::from_secs(600));
        if old {
            let _ = fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(validate_name("week 2").unwrap(), "week 2.toml");
        assert_eq!(validate_name(" a.toml ").unwrap(), "a.toml");
        assert_eq!(
            validate_name("Korea-2026-03").unwrap(),
            "Korea-2026-03.toml"
        );
        for bad in [
            "", "   ", "a/b", "a\\b", "..", "../x", "x..y", ".hidden", "a\u{7}b", "a\nb", "what?",
            "c:x", "CON", "nul.toml", "com1", "x.", ".toml",
        ] {
            assert!(validate_name(bad).is_err(), "{bad:?} accepted");
        }
        assert!(validate_name(&"x".repeat(81)).is_err());
        assert!(validate_name(&"x".repeat(80)).is_ok());
    }

    #[test]
    fn bak_and_autosave_paths() {
        let p = autosave_path(Path::new("saves"), "korea/../x");
        assert_eq!(p, Path::new("saves/autosave-korea____x.toml"));
        assert_eq!(
            bak_path(&p),
            Path::new("saves/autosave-korea____x.toml.bak")
        );
    }
}
