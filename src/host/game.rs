//! The hosted game: the referee's [`Match`] shared by every connection and
//! the instructor console, with what the classroom adds around it — each
//! seat's drafted orders (kept here, so a reconnect finds them), the turn
//! clock, the instructor's log, and the turn barrier. The computer players
//! decide on a worker thread; nothing here waits for them under the lock.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::ai::Policy;
use crate::classroom::Notifier;
use crate::engine::{Inject, Order};
use crate::perspective::PublicView;
use crate::referee::{Match, Missing, Seat, SubmitError};
use crate::save::GameId;
use crate::scenario::{ActorId, Scenario};

/// The name of the public seat (the classroom wall).
pub const PROJECTOR: &str = "projector";

/// What happens to a person's seat without orders when a turn must end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingPolicy {
    /// The seat gives no orders this turn.
    Nothing,
    /// The computer plays the seat this turn.
    Ai,
}

impl MissingPolicy {
    fn referee(self) -> Missing {
        match self {
            MissingPolicy::Nothing => Missing::Nothing,
            MissingPolicy::Ai => Missing::Ai(Policy::Utility),
        }
    }

    /// Words for the console.
    pub fn words(self) -> &'static str {
        match self {
            MissingPolicy::Nothing => "seats without orders give none",
            MissingPolicy::Ai => "the computer plays seats without orders",
        }
    }
}

/// One thing the instructor did, as kept in the classroom file beside the
/// save (injects are also in the save itself, with each turn).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// Seconds since 1970 (UTC), from the host's clock.
    pub at: i64,
    /// The turn being played when it happened (turns resolved + 1).
    pub turn: u32,
    /// What was done, in words.
    pub what: String,
}

/// The turn clock: a deadline that can be paused and extended.
#[derive(Debug, Clone)]
pub struct Clock {
    /// Time given for each turn (`None`: no deadline).
    pub per_turn: Option<Duration>,
    /// When the running clock runs out.
    ends_at: Option<Instant>,
    /// Time left while paused.
    paused_left: Option<Duration>,
}

impl Clock {
    fn new(per_turn: Option<Duration>, now: Instant, paused: bool) -> Self {
        let mut c = Clock {
            per_turn,
            ends_at: None,
            paused_left: None,
        };
        c.restart(now, paused);
        c
    }

    fn restart(&mut self, now: Instant, paused: bool) {
        match (self.per_turn, paused) {
            (None, _) => {
                self.ends_at = None;
                self.paused_left = None;
            }
            (Some(d), true) => {
                self.ends_at = None;
                self.paused_left = Some(d);
            }
            (Some(d), false) => {
                self.ends_at = Some(now + d);
                self.paused_left = None;
            }
        }
    }

    /// Is the clock stopped by the instructor?
    pub fn paused(&self) -> bool {
        self.paused_left.is_some()
    }

    /// Time left on the turn (`None`: no deadline).
    pub fn left(&self, now: Instant) -> Option<Duration> {
        self.paused_left
            .or_else(|| self.ends_at.map(|e| e.saturating_duration_since(now)))
    }

    fn expired(&self, now: Instant) -> bool {
        self.ends_at.is_some_and(|e| now >= e)
    }

    fn pause(&mut self, now: Instant) {
        if let Some(e) = self.ends_at.take() {
            self.paused_left = Some(e.saturating_duration_since(now));
        }
    }

    fn resume(&mut self, now: Instant) {
        if let Some(left) = self.paused_left.take() {
            self.ends_at = Some(now + left);
        }
    }

    fn extend(&mut self, by: Duration) {
        if let Some(e) = self.ends_at.as_mut() {
            *e += by;
        } else if let Some(l) = self.paused_left.as_mut() {
            *l += by;
        }
    }
}

/// Is the turn open for orders or being resolved?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Seats draft and submit.
    Orders,
    /// The computer players decide and the turn resolves.
    Resolving,
}

/// A countdown as people read it: `4:07`.
pub fn countdown(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}", s / 60, s % 60)
}

/// Called after each autosave, with the game (still locked).
pub type OnSave = Arc<dyn Fn(&HostGame) + Send + Sync>;

/// Everything the host shares between connections and the console.
pub struct HostGame {
    game: Match,
    id: GameId,
    /// Per actor: the orders its seat has drafted this turn.
    drafts: Vec<Vec<Order>>,
    /// The turn clock.
    pub clock: Clock,
    /// Orders or resolving.
    pub phase: Phase,
    /// What a turn ended by the deadline does with seats without orders.
    pub missing: MissingPolicy,
    /// The debrief is shown to every seat (after the game is over).
    pub revealed: bool,
    /// The instructor's actions.
    pub actions: Vec<Action>,
    /// Bumped whenever a turn resolves or the debrief is revealed: screens
    /// compare it with theirs to know they must rebuild.
    pub generation: u64,
    /// Where the game autosaves (`None`: tests, no files).
    pub saves_dir: Option<PathBuf>,
    /// The last autosave written, or why it failed.
    pub last_save: Option<Result<PathBuf, String>>,
    /// Wakes the screens.
    pub notifier: Option<Notifier>,
    /// Called after each autosave (the host writes its classroom file).
    pub on_save: Option<OnSave>,
}

impl std::fmt::Debug for HostGame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HostGame")
            .field("id", &self.id)
            .field("turn", &self.turn())
            .field("phase", &self.phase)
            .field("generation", &self.generation)
            .finish_non_exhaustive()
    }
}

/// The shared handle: lock it, read or change, unlock — never across slow
/// work.
#[derive(Debug, Clone)]
pub struct Host(Arc<Mutex<HostGame>>);

impl HostGame {
    /// The scenario.
    pub fn scenario(&self) -> &Arc<Scenario> {
        self.game.scenario()
    }

    /// The game's id (its autosave file).
    pub fn id(&self) -> &GameId {
        &self.id
    }

    /// Turns resolved so far.
    pub fn turn(&self) -> u32 {
        self.game.turn()
    }

    /// Is the game over?
    pub fn is_over(&self) -> bool {
        self.game.is_over()
    }

    /// Who plays each actor.
    pub fn seats(&self) -> &[Seat] {
        self.game.seats()
    }

    /// Has this person's seat submitted its orders?
    pub fn has_submitted(&self, a: ActorId) -> bool {
        self.game.has_submitted(a)
    }

    /// The people the turn is waiting for.
    pub fn waiting_for(&self) -> Vec<ActorId> {
        self.game.waiting_for()
    }

    /// The orders drafted by a seat this turn.
    pub fn drafts(&self, a: ActorId) -> &[Order] {
        self.drafts.get(a.index()).map_or(&[], Vec::as_slice)
    }

    /// A copy of the game for a seat's screen (behind a [`crate::save::Table`],
    /// which gives out only perspectives; the screen asks for its own).
    pub fn seat_copy(&self) -> Match {
        let mut copy = self.game.clone();
        // Nobody's submission travels with the copy.
        copy.set_seats(self.game.seats().to_vec());
        copy
    }

    /// What everyone may know (the wall).
    pub fn public(&self) -> PublicView {
        self.game.public(2)
    }

    /// The injects queued for the coming turn.
    pub fn pending_injects(&self) -> &[Inject] {
        self.game.pending_injects()
    }

    /// The whole game, for the save writer.
    pub fn game(&self) -> &Match {
        &self.game
    }

    /// Records an instructor action.
    pub fn log(&mut self, what: String) {
        let at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let turn = (self.turn() + 1).min(self.scenario().meta.turns.max(1));
        self.game.note_instructor(crate::referee::InstructorNote {
            at,
            turn,
            what: what.clone(),
        });
        self.actions.push(Action { at, turn, what });
    }

    /// Replaces a seat's draft (from its screen).
    pub fn set_drafts(&mut self, a: ActorId, orders: Vec<Order>) -> bool {
        let Some(d) = self.drafts.get_mut(a.index()) else {
            return false;
        };
        if *d == orders {
            return false;
        }
        *d = orders;
        if self.game.has_submitted(a) {
            self.game.withdraw(a);
        }
        true
    }

    fn redraw_all(&self) {
        if let Some(n) = &self.notifier {
            n.redraw_all();
        }
    }
}

impl Host {
    /// A host for a new or resumed game. The clock starts paused (students
    /// are still connecting): the instructor starts it.
    pub fn new(game: Match, id: GameId, deadline: Option<Duration>) -> Self {
        let n = game.scenario().n();
        let paused = true;
        Host(Arc::new(Mutex::new(HostGame {
            game,
            id,
            drafts: vec![Vec::new(); n],
            clock: Clock::new(deadline, Instant::now(), paused),
            phase: Phase::Orders,
            missing: MissingPolicy::Nothing,
            revealed: false,
            actions: Vec::new(),
            generation: 0,
            saves_dir: None,
            last_save: None,
            notifier: None,
            on_save: None,
        })))
    }

    /// Locks the game (a panicked holder does not lock everyone out: the
    /// data is plain and each change is whole).
    pub fn lock(&self) -> MutexGuard<'_, HostGame> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A seat submits its drafted orders; the turn resolves once every
    /// person has.
    pub fn submit(&self, a: ActorId) -> Result<(), SubmitError> {
        let mut g = self.lock();
        let orders = g.drafts(a).to_vec();
        if g.phase == Phase::Resolving {
            return Err(SubmitError::GameOver);
        }
        g.game.submit(a, orders)?;
        let all_in = g.game.waiting_for().is_empty();
        g.redraw_all();
        drop(g);
        if all_in {
            self.end_turn(None);
        }
        Ok(())
    }

    /// Ends the turn now: the computer decides for its seats (and for
    /// people without orders when `missing` says so, else the host's
    /// setting) on a worker thread, then the turn resolves. False if a
    /// turn is already resolving or the game is over.
    pub fn end_turn(&self, missing: Option<MissingPolicy>) -> bool {
        let mut g = self.lock();
        if g.phase == Phase::Resolving || g.is_over() {
            return false;
        }
        let missing = missing.unwrap_or(g.missing);
        // A team that drafted but did not press e still gives its orders
        // (those the rules accept): only a seat with no draft has none.
        for a in g.game.waiting_for() {
            let draft = g.drafts(a).to_vec();
            if !draft.is_empty() {
                let _ = g.game.submit(a, draft);
            }
        }
        let jobs = g.game.ai_jobs(missing.referee());
        let scn = g.scenario().clone();
        g.phase = Phase::Resolving;
        g.redraw_all();
        drop(g);
        let host = self.clone();
        let work = move || {
            let decisions = jobs.iter().map(|j| (j.actor, j.run(&scn))).collect();
            host.finish_turn(decisions);
        };
        if let Err(e) = std::thread::Builder::new()
            .name("host-ai".into())
            .spawn(work)
        {
            // No thread to be had: the turn stays open; the instructor sees why.
            let mut g = self.lock();
            g.phase = Phase::Orders;
            g.log(format!("could not start the computer players: {e}"));
            return false;
        }
        true
    }

    fn finish_turn(&self, decisions: Vec<(ActorId, crate::ai::Decision)>) {
        let mut g = self.lock();
        g.game.resolve(decisions);
        for d in &mut g.drafts {
            d.clear();
        }
        g.phase = Phase::Orders;
        g.generation += 1;
        let paused = g.clock.paused();
        g.clock.restart(Instant::now(), paused);
        if let Some(dir) = g.saves_dir.clone() {
            let r = crate::save::autosave_with_id(&dir, &g.game, &g.id).map_err(|e| e.to_string());
            g.last_save = Some(r);
            if let Some(f) = g.on_save.clone() {
                f(&g);
            }
        }
        g.redraw_all();
    }

    /// Checks the deadline (called a few times a second by the host's
    /// clock thread).
    pub fn tick(&self) {
        let expired = {
            let g = self.lock();
            g.phase == Phase::Orders && !g.is_over() && g.clock.expired(Instant::now())
        };
        if expired {
            self.lock().log("the deadline ran out".into());
            self.end_turn(None);
        }
    }

    /// Pauses or resumes the clock; true if now paused.
    pub fn toggle_pause(&self) -> bool {
        let mut g = self.lock();
        let now = Instant::now();
        let paused = if g.clock.paused() {
            let fresh = g.clock.left(now) == g.clock.per_turn;
            g.clock.resume(now);
            g.log(
                if fresh {
                    "started the clock"
                } else {
                    "resumed the clock"
                }
                .into(),
            );
            false
        } else {
            g.clock.pause(now);
            g.log("paused the clock".into());
            true
        };
        g.redraw_all();
        paused
    }

    /// Gives the turn more time.
    pub fn extend(&self, by: Duration) {
        let mut g = self.lock();
        g.clock.extend(by);
        g.log(format!("extended the deadline by {}", countdown(by)));
        g.redraw_all();
    }

    /// Queues an inject for the coming turn.
    pub fn inject(&self, inject: Inject, words: String) {
        let mut g = self.lock();
        g.game.inject(inject);
        g.log(format!("injected {words}"));
        g.redraw_all();
    }

    /// Shows the debrief to every seat (only once the game is over).
    pub fn reveal(&self) -> bool {
        let mut g = self.lock();
        if !g.is_over() || g.revealed {
            return false;
        }
        g.revealed = true;
        g.generation += 1;
        g.log("revealed the debrief".into());
        g.redraw_all();
        true
    }
}
