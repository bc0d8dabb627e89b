//! A game at the table: the referee's [`Match`] behind a wall. What comes
//! out are perspectives ([`PlayerView`], [`TurnReport`], and the
//! [`Debrief`] once the game is over); what goes in are orders, the
//! computer players' decisions and commands such as "save". The terminal
//! game holds a `Table`, never a `Match`, so no screen can reach the true
//! state: a leak is a compile error.
//!
//! It lives with the saves, above the referee: a table also carries its
//! game id and loads, saves and autosaves itself, and the referee knows
//! nothing of files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::ai::Decision;
use crate::engine::{Order, Outcome};
use crate::perspective::{PlayerView, SeenTurn, TurnReport};
use crate::referee::Debrief;
use crate::referee::{AiJob, Match, Missing, Seat, SubmitError};
use crate::save::{GameId, SaveError};
use crate::scenario::{ActorId, Scenario};

/// A refereed game, seen from the table.
#[derive(Debug, Clone)]
pub struct Table {
    game: Match,
    /// Which game this is, for its own autosave file (chosen here, in the
    /// shell, never by the engine).
    id: GameId,
}

impl Table {
    /// Seats a new game, with a fresh game id.
    pub fn new(game: Match) -> Self {
        Table {
            game,
            id: GameId::random(),
        }
    }

    /// Seats a game that already has an id (loaded, or a test's).
    pub fn with_id(game: Match, id: GameId) -> Self {
        Table { game, id }
    }

    /// Loads a saved game (replayed and verified), keeping its game id so
    /// it goes on autosaving to its own file.
    pub fn load(path: &Path) -> Result<Self, SaveError> {
        crate::save::load_with_id(path).map(|(game, id)| Table { game, id })
    }

    /// The game's id.
    pub fn id(&self) -> &GameId {
        &self.id
    }

    /// The scenario (public: everyone plays the same rules).
    pub fn scenario(&self) -> &Arc<Scenario> {
        self.game.scenario()
    }

    /// Who plays each actor.
    pub fn seats(&self) -> &[Seat] {
        self.game.seats()
    }

    /// The actors people play.
    pub fn humans(&self) -> Vec<ActorId> {
        self.game.humans()
    }

    /// Turns resolved so far.
    pub fn turn(&self) -> u32 {
        self.game.turn()
    }

    /// True once the game has ended.
    pub fn is_over(&self) -> bool {
        self.game.is_over()
    }

    /// How the game ended.
    pub fn outcome(&self) -> Option<&Outcome> {
        self.game.outcome()
    }

    /// What `observer` may know now.
    pub fn view(&self, observer: ActorId) -> PlayerView {
        self.game.view(observer)
    }

    /// What `observer` saw after each turn so far.
    pub fn history(&self, observer: ActorId) -> Vec<SeenTurn> {
        self.game.history(observer)
    }

    /// Every turn so far as `observer` may know it.
    pub fn reports(&self, observer: ActorId) -> Vec<TurnReport> {
        self.game.reports(observer)
    }

    /// The whole truth, once the game is over.
    pub fn debrief(&self) -> Option<Debrief> {
        self.game.debrief()
    }

    /// A person's orders for the coming turn.
    pub fn submit(&mut self, actor: ActorId, orders: Vec<Order>) -> Result<(), SubmitError> {
        self.game.submit(actor, orders)
    }

    /// Takes a submission back.
    pub fn withdraw(&mut self, actor: ActorId) {
        self.game.withdraw(actor);
    }

    /// The people the turn waits for.
    pub fn waiting_for(&self) -> Vec<ActorId> {
        self.game.waiting_for()
    }

    /// The decisions the computer must make before the turn can resolve
    /// (each from its own view; they may run on another thread).
    pub fn ai_jobs(&self, missing: Missing) -> Vec<AiJob> {
        self.game.ai_jobs(missing)
    }

    /// Resolves the coming turn with the submissions and the computer's
    /// decisions; returns the number of the turn resolved.
    pub fn resolve(&mut self, decisions: Vec<(ActorId, Decision)>) -> u32 {
        self.game.resolve(decisions).turn
    }

    /// Plays the coming turn here and now (the computer decides on this
    /// thread).
    pub fn play_turn(&mut self) -> u32 {
        self.game.play_turn().turn
    }

    /// The name the save dialog suggests.
    pub fn default_save_name(&self) -> String {
        crate::save::default_name(&self.game)
    }

    /// Saves under a name typed by a person, inside `dir`.
    pub fn save_as(&self, dir: &Path, name: &str, overwrite: bool) -> Result<PathBuf, SaveError> {
        crate::save::save_as_with_id(dir, name, &self.game, &self.id, overwrite)
    }

    /// Writes the game's own autosave in `dir`.
    pub fn autosave(&self, dir: &Path) -> Result<PathBuf, SaveError> {
        crate::save::autosave_with_id(dir, &self.game, &self.id)
    }

    /// Where the game's autosave in `dir` is.
    pub fn autosave_path(&self, dir: &Path) -> PathBuf {
        crate::save::autosave_path_with_id(dir, &self.scenario().meta.id, &self.id)
    }

    /// The game behind the wall, for tests of this crate only.
    #[cfg(test)]
    pub(crate) fn game(&self) -> &Match {
        &self.game
    }

    /// Saves an unfinished game when the player quits; the file written,
    /// if any.
    pub fn save_on_quit(&self, dir: &Path) -> Result<Option<PathBuf>, SaveError> {
        crate::save::save_on_quit_with_id(dir, &self.game, &self.id)
    }
}
