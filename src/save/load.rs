//! Reading a save: from bytes to a checked [`Opened`] save, and from there
//! (after replaying its orders through the referee) to a [`Match`] ready
//! to continue.
//!
//! Every failure is a [`SaveError`] naming the file; nothing here panics on
//! bad input.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::SaveError;
use super::format::{self, END_MARKER, SaveFile, TurnEntry};
use super::id::GameId;
use super::migrate::{self, VersionError};
use super::read::{self, ReadError};
use super::{replay, scan};
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

/// Largest file read as a save: 8 MiB. A finished 24-turn game of the
/// Korea scenario (5 actors) is about 100 KB, 64 KB of it the embedded
/// scenario. The largest game the scenario limits allow — a 1 MiB scenario
/// with 24 actors played for 240 turns, the AI giving 3 orders per actor
/// and turn — comes to about 6 MB (≈ 1 MB of orders, 4 MB of per-turn
/// meters, the scenario). 8 MiB holds that with room to spare; the file is
/// read through a reader that stops at the cap, whatever the file claims.
pub const MAX_SAVE_BYTES: u64 = 8 << 20;

/// Most TOML tokens (keys, values, brackets, newlines, …) a save may hold:
/// the TOML parser's time and memory follow the tokens, not the bytes (see
/// [`super::scan`]). A finished 24-turn Korea game has about 9,500; the
/// largest game the scenario limits allow about 500,000. At the limit the
/// parse costs at most about 0.5 s and 200 MB.
pub const MAX_TOKENS: usize = 1_000_000;

/// Most turns of order history a save may hold: as many as the longest
/// game a scenario may last (each save is also held to its own scenario's
/// `turns`).
pub const MAX_LOG_TURNS: usize = 240;

/// Most orders one actor may give in one turn of a save. The AI gives at
/// most 3 and a player is held by capital to a handful; a file with more
/// was padded (every order costs a check in the replay).
pub const MAX_ORDERS_PER_ACTOR: usize = 64;

/// A save that parsed and passed every check except the replay.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The file it was read from.
    pub path: PathBuf,
    /// The file's contents (upgraded to the current format).
    pub file: SaveFile,
    /// The format version the file had before migration.
    pub from_version: i64,
    /// The game this save belongs to: its `game_id`, or one derived from
    /// the file when it has none (see [`GameId::derived`]).
    pub game_id: GameId,
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

/// [`load`], also giving the id of the save's game, so that the continued
/// game keeps autosaving to its own file ([`super::autosave_with_id`]).
pub fn load_with_id(path: &Path) -> Result<(Match, GameId), SaveError> {
    let opened = open(path)?;
    let id = opened.game_id.clone();
    Ok((finish(opened)?, id))
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

/// The bytes of a save file: only a regular file (never a FIFO, device or
/// socket, which could block or never end), and at most
/// [`MAX_SAVE_BYTES`], read through a capped reader. Never blocks.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, SaveError> {
    let p = path.to_path_buf();
    read::read_capped(path, MAX_SAVE_BYTES).map_err(|e| match e {
        ReadError::Open(source) => SaveError::Io {
            path: p,
            action: "cannot open the save",
            source,
        },
        ReadError::Read(source) => SaveError::Io {
            path: p,
            action: "cannot read the save",
            source,
        },
        ReadError::Dir => SaveError::IsDir { path: p },
        ReadError::NotRegular { kind } => SaveError::NotRegular { path: p, kind },
        ReadError::TooLarge { size } => SaveError::TooLarge {
            path: p,
            size,
            max: MAX_SAVE_BYTES,
        },
    })
}

/// Bytes → the file's contents in the current format (no semantic checks).
/// Also returns the format version the file had.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<(SaveFile, i64), SaveError> {
    let p = || path.to_path_buf();
    let text = precheck(path, bytes)?;
    // A file of the current format is read in one pass; anything else (an
    // older or newer format, a damaged file) takes the path below, which
    // gives the precise message.
    let fast = match toml::from_str::<SaveFile>(text) {
        Ok(file) if file.format_version == format::FORMAT_VERSION => {
            return Ok((file, i64::from(format::FORMAT_VERSION)));
        }
        other => other.map_err(|e| toml_message(&e)),
    };
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
    let file: Result<SaveFile, String> = if from == i64::from(format::FORMAT_VERSION) {
        // The first reading's error: it has the line and column.
        fast
    } else {
        SaveFile::deserialize_table(table)
    };
    let file = file.map_err(|message| SaveError::Parse { path: p(), message })?;
    Ok((file, from))
}

/// The checks made before any TOML is parsed, cheapest first: not empty,
/// UTF-8, looks like a save, complete (ends with its end marker), and at
/// most [`MAX_TOKENS`] tokens. Returns the text without a byte-order mark.
pub fn precheck<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, SaveError> {
    let p = || path.to_path_buf();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SaveError::Empty { path: p() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| SaveError::NotUtf8 {
        path: p(),
        offset: e.valid_up_to(),
        byte: bytes.get(e.valid_up_to()).copied().unwrap_or(0),
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
    if scan::count_tokens(text.as_bytes(), MAX_TOKENS) > MAX_TOKENS {
        return Err(SaveError::TooComplex {
            path: p(),
            max: MAX_TOKENS,
        });
    }
    Ok(text)
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
    check_file(path, &file)?;
    let origin = format!("{} [scenario.text]", path.display());
    let mut scn =
        scenario::load_str(&origin, &file.scenario.text).map_err(|e| SaveError::Scenario {
            path: path.to_path_buf(),
            rendered: e.render(false),
        })?;
    scn.origin = file.scenario.origin.clone();
    let Checked {
        game_id,
        seats,
        log,
    } = check_against(path, &file, &scn)?;
    Ok(Opened {
        path: path.to_path_buf(),
        game_id,
        seed: file.seed.0,
        file,
        from_version,
        scenario: Arc::new(scn),
        seats,
        log,
    })
}

/// What [`check_against`] resolves.
pub struct Checked {
    pub game_id: GameId,
    /// Who plays each actor.
    pub seats: Vec<Seat>,
    /// Every turn's orders and injects, ids resolved.
    pub log: Vec<SavedTurn>,
}

/// The checks that need neither the scenario validated nor a replay: no
/// instructor injects, the scenario text matches its SHA-256, `turn`
/// equals the state's, the history's shape ([`check_history`]). Returns
/// the text's SHA-256.
pub fn check_file(path: &Path, file: &SaveFile) -> Result<String, SaveError> {
    let p = || path.to_path_buf();
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
    if file.turn != file.state.turn {
        return Err(SaveError::Inconsistent {
            path: p(),
            why: format!(
                "`turn` is {} but the state is at turn {}",
                file.turn, file.state.turn
            ),
        });
    }
    if file.finished != file.state.is_over() {
        return Err(SaveError::Inconsistent {
            path: p(),
            why: if file.finished {
                "`finished` is true but the state has no outcome".to_string()
            } else {
                "`finished` is false but the state has an outcome (the game is over)".to_string()
            },
        });
    }
    check_history(path, &file.turns)?;
    Ok(actual)
}

/// The checks against the embedded scenario `scn` (already validated):
/// its id, the game's length, the game id, and every id of the players and
/// orders.
pub fn check_against(path: &Path, file: &SaveFile, scn: &Scenario) -> Result<Checked, SaveError> {
    let p = || path.to_path_buf();
    let inconsistent = |why: String| SaveError::Inconsistent { path: p(), why };
    if scn.meta.id != file.scenario.id {
        return Err(inconsistent(format!(
            "scenario.id is `{}` but the embedded scenario is `{}`",
            file.scenario.id, scn.meta.id
        )));
    }
    if file.turns.len() > scn.meta.turns as usize {
        return Err(inconsistent(format!(
            "it has {} turns of orders, but the scenario lasts {} turns",
            file.turns.len(),
            scn.meta.turns
        )));
    }
    let game_id = game_id_of(path, file)?;
    let seats = format::seats(scn, &file.humans, &file.policies).map_err(|(what, id)| {
        inconsistent(format!(
            "`{what}` names `{id}`, which is not an actor of `{}`",
            scn.meta.id
        ))
    })?;
    let mut log = Vec::with_capacity(file.turns.len());
    for t in &file.turns {
        let orders =
            format::resolve_orders(scn, &t.orders).map_err(|(what, id)| SaveError::UnknownId {
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
    Ok(Checked {
        game_id,
        seats,
        log,
    })
}

/// The checks of the order history that need no scenario: at most
/// [`MAX_LOG_TURNS`] turns, numbered 1, 2, … without gaps, and at most
/// [`MAX_ORDERS_PER_ACTOR`] orders per actor in each turn.
pub fn check_history(path: &Path, turns: &[TurnEntry]) -> Result<(), SaveError> {
    let inconsistent = |why: String| SaveError::Inconsistent {
        path: path.to_path_buf(),
        why,
    };
    if turns.len() > MAX_LOG_TURNS {
        return Err(inconsistent(format!(
            "it has {} turns of orders; no game lasts more than {MAX_LOG_TURNS}",
            turns.len()
        )));
    }
    for (i, t) in turns.iter().enumerate() {
        let expected = i as u32 + 1;
        if t.turn != expected {
            return Err(inconsistent(format!(
                "the order history is out of order: entry {expected} is marked turn {}",
                t.turn
            )));
        }
        if t.orders.len() <= MAX_ORDERS_PER_ACTOR {
            continue;
        }
        let mut per_actor: HashMap<&str, usize> = HashMap::new();
        for o in &t.orders {
            *per_actor.entry(o.actor.as_str()).or_default() += 1;
        }
        if let Some((actor, count)) = per_actor
            .into_iter()
            .filter(|(_, n)| *n > MAX_ORDERS_PER_ACTOR)
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        {
            return Err(SaveError::TooManyOrders {
                path: path.to_path_buf(),
                turn: t.turn,
                actor: actor.to_string(),
                count,
                max: MAX_ORDERS_PER_ACTOR,
            });
        }
    }
    Ok(())
}

/// The save's game id: its `game_id` if it has one (which must be a valid
/// id), else the id derived from its scenario, seed, players and date.
pub fn game_id_of(path: &Path, file: &SaveFile) -> Result<GameId, SaveError> {
    id_from_parts(
        path,
        file.game_id.as_deref(),
        &file.scenario.sha256,
        file.seed.0,
        &file.humans,
        &file.created.to_string(),
    )
}

/// [`game_id_of`] from the fields it reads.
pub fn id_from_parts(
    path: &Path,
    game_id: Option<&str>,
    sha256: &str,
    seed: u64,
    humans: &[String],
    created: &str,
) -> Result<GameId, SaveError> {
    match game_id {
        None => Ok(GameId::derived(sha256, seed, humans, created)),
        Some(s) => GameId::parse(s).ok_or_else(|| SaveError::Inconsistent {
            path: path.to_path_buf(),
            why: format!(
                "`game_id` is {s:?}; a game id is 1 to {} characters among a-z, 0-9 and -",
                super::id::MAX_LEN
            ),
        }),
    }
}
