//! The referee: a [`Match`] owns the true game — scenario, seed, state,
//! log and every turn — and is the only thing that does. Seats submit
//! orders; once every person has, the computer players decide (each from
//! its own [`PlayerView`]) and the turn resolves through
//! [`TurnRecord::play`]. Players, screens and clients get perspectives
//! ([`PlayerView`], [`TurnReport`]); the [`Debrief`] only once the game is
//! over. The terminal game, `simulate`, saves and replays all play through
//! a `Match`.

mod debrief;

pub use debrief::{
    ActorDebrief, Analysis, CovertDebrief, Debrief, EstimateSeries, ObjectiveResult, OrderLine,
    OrderOutcome, PairPoint, PairSeries, SecretSeries, TurnOrders, TurningPoint,
};

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::ai::{self, Decision, Policy};
use crate::engine::log::GameLog;
use crate::engine::turn::{Keep, TurnRecord};
use crate::engine::{self, Inject, Order, OrderError, Outcome, State, orders};
use crate::perspective::{self, PlayerView, SeenTurn, TurnReport};
use crate::scenario::{ActorId, Scenario};

/// Who plays an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "seat", content = "policy", rename_all = "snake_case")]
pub enum Seat {
    /// A person, at this terminal or another: submits orders each turn.
    Human,
    /// The computer, with a policy.
    Ai(Policy),
}

/// Why a submission was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SubmitError {
    #[error("the game is over")]
    GameOver,
    #[error("this actor is played by the computer")]
    NotHuman,
    #[error("order {index} is not this actor's")]
    NotYours { index: usize },
    #[error("order {index} breaks a rule")]
    Illegal { index: usize, error: OrderError },
}

/// What to do about people who have not submitted when a turn must end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// They give no orders this turn.
    Nothing,
    /// The computer plays their seat this turn, with this policy.
    Ai(Policy),
}

/// The inputs of one computer player's decision: everything it may use,
/// so the decision can be made on another thread and cannot peek at the
/// truth.
#[derive(Debug, Clone)]
pub struct AiJob {
    pub actor: ActorId,
    pub view: PlayerView,
    pub policy: Policy,
    pub seed: u64,
}

impl AiJob {
    /// Makes the decision.
    pub fn run(&self, scn: &Scenario) -> Decision {
        ai::decide(scn, &self.view, self.seed, self.policy)
    }
}

/// Read-only access to the whole truth, for the shell code that needs it:
/// saves, batch statistics, the full (`--perspective`-less) simulate
/// output. Never for a player's screen: those get perspectives.
pub struct Truth<'a> {
    pub state: &'a State,
    pub log: &'a GameLog,
    pub turns: &'a [TurnRecord],
}

/// A game, refereed.
#[derive(Debug, Clone)]
pub struct Match {
    scenario: Arc<Scenario>,
    seed: u64,
    seats: Vec<Seat>,
    state: State,
    log: GameLog,
    turns: Vec<TurnRecord>,
    /// Per actor: the orders a person submitted for the coming turn.
    submissions: Vec<Option<Vec<Order>>>,
    /// Injects waiting for the coming turn.
    injects: Vec<Inject>,
    /// What the instructor did (pause, deadline, end of turn, inject,
    /// kick, reveal…), oldest first: kept in the save for the debrief.
    instructor: Vec<InstructorNote>,
    keep: Keep,
}

/// One instructor action, for the record: when, in which turn, and what.
/// The referee only keeps it; it changes nothing in the game.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstructorNote {
    /// Seconds since 1970 (UTC), from the host's clock.
    pub at: i64,
    /// The turn being played when it happened (turns resolved + 1).
    pub turn: u32,
    /// What was done, in words.
    pub what: String,
}

impl Match {
    /// A new game at turn 0. `keep`: how much of each turn to keep
    /// ([`Keep::Events`] for batches of games, which also skips the
    /// per-turn pictures that history charts need).
    pub fn new(scenario: Arc<Scenario>, seed: u64, seats: Vec<Seat>, keep: Keep) -> Self {
        let mut seats = seats;
        seats.resize(scenario.n(), Seat::Ai(Policy::Utility));
        let state = engine::initial_state(&scenario);
        let log = GameLog::new(&scenario, &state, seed, keep == Keep::Everything);
        Match {
            submissions: vec![None; scenario.n()],
            scenario,
            seed,
            seats,
            state,
            log,
            turns: Vec::new(),
            injects: Vec::new(),
            instructor: Vec::new(),
            keep,
        }
    }

    /// Records an instructor action (it goes into the save).
    pub fn note_instructor(&mut self, note: InstructorNote) {
        self.instructor.push(note);
    }

    /// Every instructor action so far, oldest first.
    pub fn instructor_notes(&self) -> &[InstructorNote] {
        &self.instructor
    }

    /// The scenario being played.
    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    /// The game's seed (kept by the referee; estimates derive from it).
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Who plays each actor.
    pub fn seats(&self) -> &[Seat] {
        &self.seats
    }

    /// The actors people play, in scenario order.
    pub fn humans(&self) -> Vec<ActorId> {
        self.scenario
            .actor_ids()
            .filter(|a| self.seats[a.index()] == Seat::Human)
            .collect()
    }

    /// Turns resolved so far.
    pub fn turn(&self) -> u32 {
        self.state.turn
    }

    /// True once the game has ended.
    pub fn is_over(&self) -> bool {
        self.state.is_over()
    }

    /// How the game ended (public once it has).
    pub fn outcome(&self) -> Option<&Outcome> {
        self.state.outcome.as_ref()
    }

    /// Takes a person's orders for the coming turn (replacing any earlier
    /// submission), after checking each against the rules with the capital
    /// committed by the ones before it. The check reads the game as the
    /// person believes it to be, so a refusal never tells them more than
    /// they know; the engine checks the truth when the turn resolves.
    pub fn submit(&mut self, actor: ActorId, orders: Vec<Order>) -> Result<(), SubmitError> {
        if self.is_over() {
            return Err(SubmitError::GameOver);
        }
        if self.seats.get(actor.index()) != Some(&Seat::Human) {
            return Err(SubmitError::NotHuman);
        }
        let believed = self.view(actor).believed_state(&self.scenario);
        let mut committed = 0.0;
        for (index, o) in orders.iter().enumerate() {
            if o.actor != actor {
                return Err(SubmitError::NotYours { index });
            }
            committed +=
                orders::check_after(&self.scenario, &believed, &orders[..index], o, committed)
                    .map_err(|error| SubmitError::Illegal { index, error })?;
        }
        self.submissions[actor.index()] = Some(orders);
        Ok(())
    }

    /// Takes back a submission (the player wants to change its orders).
    pub fn withdraw(&mut self, actor: ActorId) {
        if let Some(s) = self.submissions.get_mut(actor.index()) {
            *s = None;
        }
    }

    /// Has this person submitted orders for the coming turn?
    pub fn has_submitted(&self, actor: ActorId) -> bool {
        self.submissions
            .get(actor.index())
            .is_some_and(Option::is_some)
    }

    /// The people the turn is waiting for.
    pub fn waiting_for(&self) -> Vec<ActorId> {
        self.humans()
            .into_iter()
            .filter(|a| !self.has_submitted(*a))
            .collect()
    }

    /// Queues an instructor's inject for the coming turn.
    pub fn inject(&mut self, inject: Inject) {
        self.injects.push(inject);
    }

    /// The injects waiting for the coming turn.
    pub fn pending_injects(&self) -> &[Inject] {
        &self.injects
    }

    /// The decisions the computer must make for the coming turn: its own
    /// seats, and people who have not submitted when `missing` says the
    /// computer takes over.
    pub fn ai_jobs(&self, missing: Missing) -> Vec<AiJob> {
        if self.is_over() {
            return Vec::new();
        }
        self.scenario
            .actor_ids()
            .filter_map(|a| {
                let policy = match (self.seats[a.index()], missing) {
                    (Seat::Ai(p), _) => p,
                    (Seat::Human, Missing::Ai(p)) if !self.has_submitted(a) => p,
                    (Seat::Human, _) => return None,
                };
                Some(AiJob {
                    actor: a,
                    view: self.view(a),
                    policy,
                    seed: self.seed,
                })
            })
            .collect()
    }

    /// Resolves the coming turn with the people's submissions and the
    /// computer's `decisions` (from [`Match::ai_jobs`]); people who have
    /// not submitted give no orders. The turn barrier: call it when
    /// [`Match::waiting_for`] is empty, or when the turn must end anyway.
    pub fn resolve(&mut self, decisions: Vec<(ActorId, Decision)>) -> &TurnRecord {
        let mut orders: Vec<(Order, Option<String>)> = Vec::new();
        let submitted = std::mem::replace(&mut self.submissions, vec![None; self.scenario.n()]);
        for a in self.scenario.actor_ids() {
            if let Some(list) = &submitted[a.index()] {
                orders.extend(list.iter().map(|o| (o.clone(), None)));
            }
        }
        for (actor, d) in decisions {
            if submitted[actor.index()].is_some() {
                continue;
            }
            for (o, r) in d.orders.into_iter().zip(d.reasons) {
                if o.actor == actor {
                    orders.push((o, Some(r)));
                }
            }
        }
        let injects = std::mem::take(&mut self.injects);
        let (after, record) = TurnRecord::play(
            &self.scenario,
            &self.state,
            orders,
            injects,
            self.seed,
            self.keep,
        );
        self.state = after;
        self.log
            .observe(&self.scenario, &self.state, &record.events, self.seed);
        self.turns.push(record);
        let last = self.turns.len() - 1;
        &self.turns[last]
    }

    /// The computer's decisions for the coming turn, made here on this
    /// thread (its seats only: people who have not submitted give no
    /// orders). The decision half of [`Match::play_turn`], apart so that
    /// the shell can time it; [`Match::resolve`] is the other half.
    pub fn decide_turn(&self) -> Vec<(ActorId, Decision)> {
        self.ai_jobs(Missing::Nothing)
            .iter()
            .map(|j| (j.actor, j.run(&self.scenario)))
            .collect()
    }

    /// Plays the coming turn here and now: the computer decides for its
    /// seats ([`Match::decide_turn`]) and the turn resolves. What headless
    /// games use.
    pub fn play_turn(&mut self) -> &TurnRecord {
        let decisions = self.decide_turn();
        self.resolve(decisions)
    }

    /// Replays a turn from a save or an orders file: these orders, with
    /// their reasons, and injects, exactly as they were given.
    pub fn replay_turn(
        &mut self,
        orders: Vec<(Order, Option<String>)>,
        injects: Vec<Inject>,
    ) -> &TurnRecord {
        self.submissions = vec![None; self.scenario.n()];
        let (after, record) = TurnRecord::play(
            &self.scenario,
            &self.state,
            orders,
            injects,
            self.seed,
            self.keep,
        );
        self.state = after;
        self.log
            .observe(&self.scenario, &self.state, &record.events, self.seed);
        self.turns.push(record);
        let last = self.turns.len() - 1;
        &self.turns[last]
    }

    /// What `observer` may know now.
    pub fn view(&self, observer: ActorId) -> PlayerView {
        PlayerView::build(&self.scenario, &self.state, &self.log, observer, self.seed)
    }

    /// What `observer` saw after each turn so far (for history charts).
    pub fn history(&self, observer: ActorId) -> Vec<SeenTurn> {
        perspective::history(&self.log, observer, self.scenario.n())
    }

    /// Turn `turn` (1-based) as `observer` may know it now.
    pub fn report(&self, observer: ActorId, turn: u32) -> Option<TurnReport> {
        let record = self.turns.get((turn as usize).checked_sub(1)?)?;
        Some(TurnReport::build(
            &self.scenario,
            &self.log,
            record,
            observer,
            self.state.turn,
        ))
    }

    /// Every turn so far as `observer` may know it now.
    pub fn reports(&self, observer: ActorId) -> Vec<TurnReport> {
        self.turns
            .iter()
            .map(|r| TurnReport::build(&self.scenario, &self.log, r, observer, self.state.turn))
            .collect()
    }

    /// What everyone may know now, with the news of the last `recent`
    /// turns (the classroom wall).
    pub fn public(&self, recent: usize) -> perspective::PublicView {
        perspective::PublicView::build(&self.scenario, &self.state, &self.log, &self.turns, recent)
    }

    /// The whole truth — only once the game is over.
    pub fn debrief(&self) -> Option<Debrief> {
        self.is_over().then(|| Debrief {
            seed: self.seed,
            seats: self.seats.clone(),
            state: self.state.clone(),
            log: self.log.clone(),
            turns: self.turns.clone(),
        })
    }

    /// The whole truth, for saves, statistics and full simulation output.
    pub fn truth(&self) -> Truth<'_> {
        Truth {
            state: &self.state,
            log: &self.log,
            turns: &self.turns,
        }
    }

    /// Hands the seats over (a loaded game continued with other players).
    pub fn set_seats(&mut self, seats: Vec<Seat>) {
        let mut seats = seats;
        seats.resize(self.scenario.n(), Seat::Ai(Policy::Utility));
        self.seats = seats;
        self.submissions = vec![None; self.scenario.n()];
    }
}
