//! What a list of saves shows, read cheaply: a save's scenario, turn,
//! date, players, whether the game is over, and its game id — or why it
//! does not load.
//!
//! Loading a save replays every turn through the engine (twice: once to
//! verify, once to rebuild the last report) and validates the embedded
//! scenario; listing a folder that way cost a second per dozen saves and
//! let one hostile file stall it. A peek instead reads the file with the
//! same cap and pre-checks as a load (regular file, size, UTF-8, end
//! marker, token count), parses it once without building the engine state,
//! and checks everything that needs no replay: the format version, the
//! scenario hash, `turn`, the order history's numbering and size, the game
//! id, and — through a cache shared by the whole list, since the saves of
//! a folder mostly embed the same scenario — the embedded scenario itself,
//! its id, turn count, and the ids of the players and of every order.
//!
//! What a peek cannot see is a save whose orders no longer replay to its
//! state (hand-edited, or made with other rules): the list shows it, and
//! loading it is refused with the first differing turn.

use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

use serde::Deserialize;
use serde::de::IgnoredAny;
use toml::value::Datetime;

use super::SaveError;
use super::format::{self, FORMAT_VERSION, ScenarioSection, Seed, TurnEntry};
use super::list::SaveSummary;
use super::load;
use crate::scenario::{self, Scenario};

/// Scenarios already validated during one listing, by the SHA-256 of their
/// text.
#[derive(Default)]
pub struct ScenarioCache {
    by_hash: HashMap<String, Rc<Scenario>>,
}

/// A save's fields as the list needs them; the state is skipped but for its
/// turn and whether the game is over.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Light {
    format_version: u32,
    #[allow(dead_code)]
    flashpoint: IgnoredAny,
    created: Datetime,
    #[serde(default)]
    game_id: Option<String>,
    seed: Seed,
    turn: u32,
    humans: Vec<String>,
    #[serde(default)]
    injects: Vec<IgnoredAny>,
    #[serde(default)]
    turns: Vec<TurnEntry>,
    state: LightState,
    scenario: ScenarioSection,
}

/// The two fields of the state a list shows.
#[derive(Deserialize)]
struct LightState {
    turn: u32,
    #[serde(default)]
    outcome: Option<IgnoredAny>,
}

/// What [`peek`] reads of a file, whichever way it was parsed.
struct Fields {
    created: String,
    game_id: Option<String>,
    seed: u64,
    turn: u32,
    humans: Vec<String>,
    injects: usize,
    turns: Vec<TurnEntry>,
    state_turn: u32,
    over: bool,
    scenario: ScenarioSection,
}

/// Reads and checks a save without replaying it (see the module docs).
pub fn peek(path: &Path, cache: &mut ScenarioCache) -> Result<SaveSummary, SaveError> {
    let bytes = load::read_bytes(path)?;
    peek_bytes(path, &bytes, cache)
}

/// [`peek`] on bytes already read; `path` names the file in messages.
pub fn peek_bytes(
    path: &Path,
    bytes: &[u8],
    cache: &mut ScenarioCache,
) -> Result<SaveSummary, SaveError> {
    let f = fields(path, bytes)?;
    let p = || path.to_path_buf();
    let inconsistent = |why: String| SaveError::Inconsistent { path: p(), why };
    if f.injects > 0 {
        return Err(SaveError::Injects {
            path: p(),
            count: f.injects,
        });
    }
    let actual = format::scenario_hash(&f.scenario.text);
    if !actual.eq_ignore_ascii_case(f.scenario.sha256.trim()) {
        return Err(SaveError::HashMismatch {
            path: p(),
            saved: f.scenario.sha256.clone(),
            actual,
        });
    }
    if f.turn != f.state_turn {
        return Err(inconsistent(format!(
            "`turn` is {} but the state is at turn {}",
            f.turn, f.state_turn
        )));
    }
    load::check_history(path, &f.turns)?;
    let game_id = load::id_from_parts(
        path,
        f.game_id.as_deref(),
        &f.scenario.sha256,
        f.seed,
        &f.humans,
        &f.created,
    )?;
    let scn = cache.get(path, &actual, &f.scenario.text)?;
    if scn.meta.id != f.scenario.id {
        return Err(inconsistent(format!(
            "scenario.id is `{}` but the embedded scenario is `{}`",
            f.scenario.id, scn.meta.id
        )));
    }
    if f.turns.len() > scn.meta.turns as usize {
        return Err(inconsistent(format!(
            "it has {} turns of orders, but the scenario lasts {} turns",
            f.turns.len(),
            scn.meta.turns
        )));
    }
    if let Some(h) = f.humans.iter().find(|h| scn.actor_by_id(h).is_none()) {
        return Err(inconsistent(format!(
            "`humans` names `{h}`, which is not an actor of `{}`",
            scn.meta.id
        )));
    }
    for t in &f.turns {
        format::resolve_orders(&scn, &t.orders).map_err(|(what, id)| SaveError::UnknownId {
            path: p(),
            turn: t.turn,
            what,
            id,
            scenario: scn.meta.id.clone(),
        })?;
    }
    // Players in scenario order, as a loaded game lists them.
    let humans = scn
        .actors
        .iter()
        .filter(|a| f.humans.contains(&a.id))
        .map(|a| a.id.clone())
        .collect();
    Ok(SaveSummary {
        scenario_id: scn.meta.id.clone(),
        scenario_title: scn.meta.title.clone(),
        turn: f.turn,
        date: scn.date_of(f.turn),
        humans,
        over: f.over,
        created: f.created,
        game_id: game_id.to_string(),
    })
}

/// Parses the file once into what the list needs. A file of another
/// format, or one the light reading refuses, goes through the full parse,
/// which migrates older formats and words every error precisely.
fn fields(path: &Path, bytes: &[u8]) -> Result<Fields, SaveError> {
    let text = load::precheck(path, bytes)?;
    if let Ok(l) = toml::from_str::<Light>(text)
        && l.format_version == FORMAT_VERSION
    {
        return Ok(Fields {
            created: l.created.to_string(),
            game_id: l.game_id,
            seed: l.seed.0,
            turn: l.turn,
            humans: l.humans,
            injects: l.injects.len(),
            turns: l.turns,
            state_turn: l.state.turn,
            over: l.state.outcome.is_some(),
            scenario: l.scenario,
        });
    }
    let (file, _) = load::parse(path, bytes)?;
    Ok(Fields {
        created: file.created.to_string(),
        game_id: file.game_id,
        seed: file.seed.0,
        turn: file.turn,
        humans: file.humans,
        injects: file.injects.len(),
        turns: file.turns,
        state_turn: file.state.turn,
        over: file.state.is_over(),
        scenario: file.scenario,
    })
}

impl ScenarioCache {
    /// The embedded scenario whose text hashes to `sha`, validated once per
    /// listing. Failures are not kept: their message names the file.
    fn get(&mut self, path: &Path, sha: &str, text: &str) -> Result<Rc<Scenario>, SaveError> {
        if let Some(s) = self.by_hash.get(sha) {
            return Ok(Rc::clone(s));
        }
        let origin = format!("{} [scenario.text]", path.display());
        let scn = scenario::load_str(&origin, text).map_err(|e| SaveError::Scenario {
            path: path.to_path_buf(),
            rendered: e.render(false),
        })?;
        let scn = Rc::new(scn);
        self.by_hash.insert(sha.to_string(), Rc::clone(&scn));
        Ok(scn)
    }
}
