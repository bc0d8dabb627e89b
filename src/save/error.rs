//! Everything that can go wrong with a save, each with a message that names
//! the file and says what to do.

use std::path::PathBuf;

/// Why a save could not be written, read or trusted.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file could not be read or written.
    #[error("{}: {action}: {source}", path.display())]
    Io {
        path: PathBuf,
        /// What was being done, e.g. "cannot read the save".
        action: &'static str,
        source: std::io::Error,
    },
    /// The path names a folder.
    #[error("{}: this is a folder, not a save file", path.display())]
    IsDir { path: PathBuf },
    /// The path names a FIFO, a device or a socket: reading it could block
    /// or never end, so it is not opened (or not read).
    #[error("{}: this is {kind}, not a save file; only regular files are read as saves", path.display())]
    NotRegular { path: PathBuf, kind: &'static str },
    /// The saves folder given is a file.
    #[error("{}: this is a file, not a saves folder", path.display())]
    NotAFolder { path: PathBuf },
    /// The file is too big to be a save.
    #[error("{}: the file is {size} bytes or more; a save may be at most {max} bytes — is this really a save?", path.display())]
    TooLarge { path: PathBuf, size: u64, max: u64 },
    /// The file has far more TOML items than any save (padding).
    #[error(
        "{}: the file has more than {max} TOML items (keys, values, lines); the largest game a scenario allows has about half as many — it was padded, or is not a save",
        path.display()
    )]
    TooComplex { path: PathBuf, max: usize },
    /// A turn of the history has far more orders of one actor than a game gives.
    #[error(
        "{}: turn {turn}: `{actor}` gives {count} orders; a save holds at most {max} orders per actor and turn (the AI gives at most 3) — the file was padded or edited",
        path.display()
    )]
    TooManyOrders {
        path: PathBuf,
        turn: u32,
        actor: String,
        count: usize,
        max: usize,
    },
    /// The file is empty.
    #[error("{}: the file is empty, not a Flashpoint save (it may have been cut off while being copied)", path.display())]
    Empty { path: PathBuf },
    /// The file is not text.
    #[error("{}: not a Flashpoint save: the file is not UTF-8 text (bad byte 0x{byte:02x} at offset {offset})", path.display())]
    NotUtf8 {
        path: PathBuf,
        offset: usize,
        byte: u8,
    },
    /// The file is text but not a save at all.
    #[error("{}: not a Flashpoint save: {why}", path.display())]
    NotASave { path: PathBuf, why: String },
    /// The file ends before its end marker.
    #[error(
        "{}: the save is truncated: it ends after {size} bytes without its closing line `{marker}` \
         (it was cut short, e.g. by a full disk or an interrupted copy; an autosave keeps the previous save as .bak)",
        path.display(), marker = super::format::END_MARKER
    )]
    Truncated { path: PathBuf, size: usize },
    /// The file is not valid TOML, or does not have the fields of a save.
    #[error("{}: the save is damaged: {message}", path.display())]
    Parse { path: PathBuf, message: String },
    /// Written by a newer Flashpoint.
    #[error(
        "{}: this save was made by a newer Flashpoint (format {found}); this one reads up to format {max} — update Flashpoint to load it",
        path.display()
    )]
    NewerFormat { path: PathBuf, found: i64, max: u32 },
    /// A migration from an older format failed.
    #[error("{}: cannot upgrade this save from format {from}: {why}", path.display())]
    Migration {
        path: PathBuf,
        from: i64,
        why: String,
    },
    /// The embedded scenario does not load.
    #[error("{}: the scenario embedded in the save does not load:\n{rendered}", path.display())]
    Scenario { path: PathBuf, rendered: String },
    /// The embedded scenario text does not match its recorded hash.
    #[error(
        "{}: the embedded scenario text was edited: its SHA-256 is {actual}, but the save records {saved}; \
         a save is only trusted with the exact scenario it was played with",
        path.display()
    )]
    HashMismatch {
        path: PathBuf,
        saved: String,
        actual: String,
    },
    /// A field of the save disagrees with another (hand-edited).
    #[error("{}: the save is inconsistent: {why}", path.display())]
    Inconsistent { path: PathBuf, why: String },
    /// An order names an actor or move the scenario does not have.
    #[error("{}: turn {turn}: {what} `{id}` does not exist in the scenario `{scenario}`", path.display())]
    UnknownId {
        path: PathBuf,
        turn: u32,
        /// "actor", "move" or "target".
        what: &'static str,
        id: String,
        scenario: String,
    },
    /// Replaying the orders does not give the saved state.
    #[error(
        "{}: the saved state does not match its orders: replaying them first differs at turn {turn} ({detail}); \
         the file was edited by hand or made by a version of Flashpoint with different rules. \
         `flashpoint replay {} --verify` checks every turn",
        path.display(), path.display()
    )]
    StateMismatch {
        path: PathBuf,
        turn: u32,
        detail: String,
    },
    /// The save has instructor injects, which this version cannot replay.
    #[error("{}: the save has {count} instructor inject(s); this version of Flashpoint cannot replay injects yet", path.display())]
    Injects { path: PathBuf, count: usize },
    /// A save name typed by the user is not allowed.
    #[error("cannot save as `{name}`: {why}")]
    BadName { name: String, why: String },
    /// The target exists and the caller did not ask to overwrite it.
    #[error("{}: a save with this name already exists (choose another name, or overwrite it explicitly)", path.display())]
    Exists { path: PathBuf },
    /// The game could not be turned into TOML.
    #[error("cannot write the save: {0}")]
    Encode(String),
}

impl SaveError {
    /// The file the error is about, if any.
    pub fn path(&self) -> Option<&std::path::Path> {
        use SaveError::*;
        match self {
            Io { path, .. }
            | IsDir { path }
            | NotRegular { path, .. }
            | NotAFolder { path }
            | TooLarge { path, .. }
            | TooComplex { path, .. }
            | TooManyOrders { path, .. }
            | Empty { path }
            | NotUtf8 { path, .. }
            | NotASave { path, .. }
            | Truncated { path, .. }
            | Parse { path, .. }
            | NewerFormat { path, .. }
            | Migration { path, .. }
            | Scenario { path, .. }
            | HashMismatch { path, .. }
            | Inconsistent { path, .. }
            | UnknownId { path, .. }
            | StateMismatch { path, .. }
            | Injects { path, .. }
            | Exists { path } => Some(path),
            BadName { .. } | Encode(_) => None,
        }
    }
}
