//! What a list of saves shows, read cheaply: a save's scenario, turn,
//! date, players, whether the game is over, and its game id — or why it
//! does not load.
//!
//! Loading a save replays every turn through the engine (twice: once to
//! verify, once to rebuild the last report) and validates the embedded
//! scenario; listing a folder that way cost a second per dozen saves and
//! let one hostile file stall it. A peek instead reads the file with the
//! same cap and pre-checks as a load (regular file, size, UTF-8, end
//! marker, token count), parses it as a load does (once, for a file of the
//! current format), and checks everything that needs no replay: the
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

use super::SaveError;
use super::list::SaveSummary;
use super::load;
use crate::scenario::{self, Scenario};

/// Scenarios already validated during one listing, by the SHA-256 of their
/// text.
#[derive(Default)]
pub struct ScenarioCache {
    by_hash: HashMap<String, Rc<Scenario>>,
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
    let (f, _) = load::parse(path, bytes)?;
    let sha = load::check_file(path, &f)?;
    let scn = cache.get(path, &sha, &f.scenario.text)?;
    let checked = load::check_against(path, &f, &scn)?;
    Ok(SaveSummary {
        scenario_id: scn.meta.id.clone(),
        scenario_title: scn.meta.title.clone(),
        turn: f.turn,
        date: scn.date_of(f.turn),
        // Players in scenario order, as a loaded game lists them.
        humans: scn
            .actors
            .iter()
            .zip(&checked.seats)
            .filter(|(_, h)| **h == crate::referee::Seat::Human)
            .map(|(a, _)| a.id.clone())
            .collect(),
        over: f.state.is_over(),
        created: f.created.to_string(),
        game_id: checked.game_id.to_string(),
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
