//! The whole truth, for after the game: every order with the computer
//! players' reasons, every covert act and who found out when, the true
//! values beside each actor's estimates, the ledger of every change. Only
//! [`crate::referee::Match::debrief`] makes one, and only once the game is
//! over.
//!
//! [`Debrief::analyse`] turns it into an [`Analysis`]: plain data with the
//! scenario's names and words already filled in, which the debrief screen,
//! the Markdown and HTML reports and the CSV exports all draw from, so
//! they can never disagree.
//!
//! It lives in the referee, not among the perspectives: it is no player's
//! view but the referee's own truth handed out at the end, and it names who
//! sat in each seat ([`Seat`], with the computer's [`Policy`]), which the
//! perspectives below the AI cannot know.

use serde::{Deserialize, Serialize};

use crate::ai::Policy;
use crate::engine::ledger::{self, Cause, Meter};
use crate::engine::log::GameLog;
use crate::engine::turn::TurnRecord;
use crate::engine::{Event, Outcome, State, intel, score};
use crate::narrate;
use crate::scenario::{ActorId, Over, Scenario, Scope};

use super::Seat;

/// Everything that happened, seen from nowhere in particular.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Debrief {
    /// The game's seed.
    pub seed: u64,
    /// Who played each actor.
    pub seats: Vec<Seat>,
    /// The final, true state.
    pub state: State,
    /// Meters, pictures and covert acts, turn by turn.
    pub log: GameLog,
    /// Every turn as it really was.
    pub turns: Vec<TurnRecord>,
}

/// How many turning points of regional tension an analysis keeps.
pub const TURNING_POINTS: usize = 5;
/// How many pairs an analysis ranks as the tensest.
pub const TENSEST_PAIRS: usize = 3;
/// How many causes are named for each turning point.
pub const CAUSES_PER_POINT: usize = 4;

/// The debrief in words and numbers, ready to draw or export.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The scenario's id and title.
    pub scenario_id: String,
    /// The scenario's title.
    pub scenario_title: String,
    /// The game's seed.
    pub seed: u64,
    /// Turns played.
    pub turns_played: u32,
    /// How many turns the scenario lasts at most.
    pub turns_max: u32,
    /// A stable key for the outcome: `turn_limit`, `clash` or the ending's id.
    pub outcome_key: String,
    /// The game-over headline.
    pub headline: String,
    /// What the ending means, in the scenario's words.
    pub ending_text: String,
    /// True when an armed clash ended the game (everyone lost).
    pub clash: bool,
    /// Calendar label of each turn 0..=turns_played (0: the start).
    pub dates: Vec<String>,
    /// Regional tension at the start and after each turn.
    pub regional: Vec<f64>,
    /// The escalation levels: name, where each begins (0–100), colour.
    pub levels: Vec<(String, f64, String)>,
    /// The escalation level after each turn (index into `levels`).
    pub level_by_turn: Vec<usize>,
    /// The highest level reached.
    pub peak_level: usize,
    /// Every actor: who played it, briefing, objectives, score.
    pub actors: Vec<ActorDebrief>,
    /// The pairs whose tension ran highest, tensest first.
    pub tensest: Vec<PairSeries>,
    /// Every secret value beside the estimates of those who could not see it.
    pub secrets: Vec<SecretSeries>,
    /// Every covert act — shipments and factories, and covert orders that
    /// left neither — and who learnt of it when.
    pub covert: Vec<CovertDebrief>,
    /// The turns that moved regional tension most, largest first.
    pub turning_points: Vec<TurningPoint>,
    /// Per pair, the turn that moved its tension most, largest first.
    pub pair_points: Vec<PairPoint>,
    /// Every turn's orders, with outcomes and the computer's reasons.
    pub orders: Vec<TurnOrders>,
    /// The scenario's questions for the class.
    pub discussion: Vec<String>,
}

/// One actor after the game.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorDebrief {
    /// The actor's id in the scenario.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its short name.
    pub short: String,
    /// The actor's colour in the scenario (a name or `#rrggbb`).
    pub color: String,
    /// Who played it, in words: "a person", "the computer (normal)".
    pub played_by: String,
    /// True when a person played it.
    pub human: bool,
    /// Its briefing, as written in the scenario.
    pub briefing: String,
    /// Its objectives and how far each was met.
    pub objectives: Vec<ObjectiveResult>,
    /// 0–100.
    pub score: f64,
    /// Per turn 1..=turns_played: mean error of its estimates of hidden
    /// values, as a share of their ranges (0 = perfectly informed).
    pub assessment: Vec<f64>,
}

impl ActorDebrief {
    /// Its mean assessment error over the game (0 when no turn was played).
    pub fn mean_assessment(&self) -> f64 {
        if self.assessment.is_empty() {
            0.0
        } else {
            self.assessment.iter().sum::<f64>() / self.assessment.len() as f64
        }
    }

    /// How many of its objectives were fully met.
    pub fn met(&self) -> usize {
        self.objectives.iter().filter(|o| o.met()).count()
    }
}

/// One objective and how far it was met.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveResult {
    /// The objective as the scenario words it.
    pub text: String,
    /// Its weight in the score.
    pub weight: f64,
    /// `end` (judged on the final state) or `game` (share of turns held).
    pub over: &'static str,
    /// 0–1.
    pub progress: f64,
}

impl ObjectiveResult {
    /// Fully met.
    pub fn met(&self) -> bool {
        self.progress >= 0.999
    }
}

/// The tension of one pair over the game.
#[derive(Debug, Clone, PartialEq)]
pub struct PairSeries {
    /// Actor indices, lower first.
    pub a: usize,
    /// The higher actor index.
    pub b: usize,
    /// "US–DPRK"-style label from the actors' short names.
    pub label: String,
    /// At the start and after each turn.
    pub values: Vec<f64>,
    /// The highest tension the pair reached.
    pub peak: f64,
}

/// A secret value: the truth beside each outsider's estimates.
#[derive(Debug, Clone, PartialEq)]
pub struct SecretSeries {
    /// The track's id and name, with the owner's name for a per-actor track.
    pub track_id: String,
    /// What the chart and tables call it.
    pub label: String,
    /// The owner's id for a per-actor track.
    pub owner: Option<String>,
    /// The track's lower bound.
    pub min: f64,
    /// The track's upper bound.
    pub max: f64,
    /// At the start and after each turn.
    pub truth: Vec<f64>,
    /// Who saw it exactly all along (names).
    pub known_to: Vec<String>,
    /// The others' estimates.
    pub estimates: Vec<EstimateSeries>,
}

/// One observer's estimates of a secret value.
#[derive(Debug, Clone, PartialEq)]
pub struct EstimateSeries {
    /// The observer's actor index, id and name.
    pub observer: usize,
    /// The observer's id.
    pub observer_id: String,
    /// The observer's name.
    pub observer_name: String,
    /// At the start and after each turn (`None`: not recorded).
    pub values: Vec<Option<f64>>,
    /// ± uncertainty the observer had, same indices.
    pub spreads: Vec<Option<f64>>,
}

impl EstimateSeries {
    /// Mean absolute error against `truth`, in the value's units.
    pub fn mean_error(&self, truth: &[f64]) -> f64 {
        let errs: Vec<f64> = self
            .values
            .iter()
            .zip(truth)
            .filter_map(|(v, t)| v.map(|v| (v - t).abs()))
            .collect();
        if errs.is_empty() {
            0.0
        } else {
            errs.iter().sum::<f64>() / errs.len() as f64
        }
    }
}

/// A covert act and its fate.
#[derive(Debug, Clone, PartialEq)]
pub struct CovertDebrief {
    /// What it was, e.g. "Cruise missiles shipment to North Korea".
    pub what: String,
    /// The turn it was ordered and its date.
    pub turn: u32,
    /// Calendar label of `turn`.
    pub date: String,
    /// Who set it in motion, in words ("DPRK Buy arms → RU", "event: …").
    pub by: String,
    /// The parties, who always knew (names).
    pub parties: Vec<String>,
    /// Others who found out: name and turn.
    pub found: Vec<(String, u32)>,
    /// The turn it was published to the world, if it was.
    pub published: Option<u32>,
}

impl CovertDebrief {
    /// No one outside the parties ever learnt of it.
    pub fn never_discovered(&self) -> bool {
        self.found.is_empty() && self.published.is_none()
    }
}

/// A turn that moved regional tension, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct TurningPoint {
    /// The turn (1-based).
    pub turn: u32,
    /// Its calendar label.
    pub date: String,
    /// Regional tension before the turn.
    pub before: f64,
    /// Regional tension after it.
    pub after: f64,
    /// The largest causes in words with their share, largest first.
    pub causes: Vec<(String, f64)>,
}

impl TurningPoint {
    /// The change over the turn.
    pub fn delta(&self) -> f64 {
        self.after - self.before
    }
}

/// The turn that moved a pair's tension most.
#[derive(Debug, Clone, PartialEq)]
pub struct PairPoint {
    /// The pair, e.g. "US–DPRK".
    pub label: String,
    /// Sum of the absolute change of every turn.
    pub movement: f64,
    /// The turn that moved it most.
    pub turn: u32,
    /// Its calendar label.
    pub date: String,
    /// The change in that turn.
    pub delta: f64,
    /// The largest causes of that change, in words, with their share.
    pub causes: Vec<(String, f64)>,
}

/// One turn's orders.
#[derive(Debug, Clone, PartialEq)]
pub struct TurnOrders {
    /// The turn (1-based).
    pub turn: u32,
    /// Its calendar label.
    pub date: String,
    /// Every order, in canonical order.
    pub orders: Vec<OrderLine>,
}

/// What became of an order.
#[derive(Debug, Clone, PartialEq)]
pub enum OrderOutcome {
    /// Carried out, and its roll succeeded.
    Succeeded,
    /// Carried out, and its roll failed.
    Failed,
    /// Not carried out; why.
    Rejected(String),
}

impl OrderOutcome {
    /// A stable word: `succeeded`, `failed`, `rejected`.
    pub fn key(&self) -> &'static str {
        match self {
            OrderOutcome::Succeeded => "succeeded",
            OrderOutcome::Failed => "failed",
            OrderOutcome::Rejected(_) => "rejected",
        }
    }
}

/// One order with everything known about it after the game.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderLine {
    /// The actor's index.
    pub actor: usize,
    /// The actor's id.
    pub actor_id: String,
    /// The actor's name.
    pub actor_name: String,
    /// The move's id.
    pub move_id: String,
    /// The move's name.
    pub move_name: String,
    /// The target's id, for a move with a target.
    pub target_id: Option<String>,
    /// The target's name.
    pub target_name: Option<String>,
    /// The level it was given at.
    pub level: i32,
    /// The move's label for the level, e.g. "intensity".
    pub level_label: String,
    /// What became of it.
    pub outcome: OrderOutcome,
    /// Chance of success (0–1), for carried-out orders.
    pub chance: Option<f64>,
    /// Capital spent.
    pub cost: Option<f64>,
    /// A covert move.
    pub covert: bool,
    /// For a covert order whose act came to light: the first turn anyone
    /// outside the parties learnt of it, and who did.
    pub revealed: Option<u32>,
    /// Who learnt of it (names; "everyone (published)" when published).
    pub revealed_to: Vec<String>,
    /// The computer's reason (`None`: a person's order, or not kept).
    pub reason: Option<String>,
    /// True when a person gave it.
    pub by_person: bool,
}

/// Who played a seat, in words.
pub fn played_by(seat: Seat) -> (&'static str, bool) {
    match seat {
        Seat::Human => ("a person", true),
        Seat::Ai(Policy::Utility) => ("the computer (normal)", false),
        Seat::Ai(Policy::Easy) => ("the computer (easy)", false),
        Seat::Ai(Policy::Hard) => ("the computer (hard: plans ahead)", false),
        Seat::Ai(Policy::Greedy) => ("the computer (greedy baseline)", false),
        Seat::Ai(Policy::Random) => ("the computer (random moves)", false),
        Seat::Ai(Policy::Passive) => ("the computer (passive: no orders)", false),
        Seat::Ai(Policy::Hawk) => ("the computer (always the most hostile moves)", false),
        Seat::Ai(Policy::Dove) => ("the computer (always the most conciliatory moves)", false),
    }
}

impl Debrief {
    /// The debrief in words and numbers (see [`Analysis`]).
    pub fn analyse(&self, scn: &Scenario) -> Analysis {
        let st = &self.state;
        let snaps = &self.log.snapshots;
        let played = st.turn;
        let dates = (0..=played)
            .map(|t| {
                if t == 0 {
                    "start".to_string()
                } else {
                    scn.date_of(t)
                }
            })
            .collect();
        let headline = self
            .turns
            .iter()
            .rev()
            .flat_map(|r| r.events.iter().map(move |e| (r.turn, e)))
            .find_map(|(t, e)| match e {
                Event::GameOver { .. } => Some(narrate::headline(scn, t, e)),
                _ => None,
            })
            .unwrap_or_else(|| "The game is over".to_string());
        let ending_text = match &st.outcome {
            Some(Outcome::Clash) => {
                "An armed clash: regional tension reached the brink of war. Everyone loses."
                    .to_string()
            }
            Some(Outcome::TurnLimit) => {
                format!("The turn limit was reached after {} turns.", st.turn)
            }
            Some(Outcome::Ending { index }) => scn
                .endings
                .get(*index)
                .map_or_else(String::new, |e| e.text.clone()),
            None => "The game is not over yet.".to_string(),
        };
        let scores = score(scn, st);
        let actors = scn
            .actor_ids()
            .map(|a| {
                let actor = scn.actor(a);
                let (who, human) = played_by(
                    self.seats
                        .get(a.index())
                        .copied()
                        .unwrap_or(Seat::Ai(Policy::Utility)),
                );
                let sc = &scores[a.index()];
                ActorDebrief {
                    id: actor.id.clone(),
                    name: actor.name.clone(),
                    short: actor.short.clone(),
                    color: actor.color.clone(),
                    played_by: who.to_string(),
                    human,
                    briefing: actor.briefing.clone(),
                    objectives: actor
                        .objectives
                        .iter()
                        .zip(&sc.objectives)
                        .map(|(o, p)| ObjectiveResult {
                            text: o.text.clone(),
                            weight: o.weight,
                            over: match o.over {
                                Over::End => "end",
                                Over::Game => "game",
                            },
                            progress: *p,
                        })
                        .collect(),
                    score: sc.score,
                    assessment: self
                        .log
                        .assessment
                        .iter()
                        .skip(1)
                        .map(|row| row.get(a.index()).copied().unwrap_or(0.0))
                        .collect(),
                }
            })
            .collect();
        Analysis {
            scenario_id: scn.meta.id.clone(),
            scenario_title: scn.meta.title.clone(),
            seed: self.seed,
            turns_played: played,
            turns_max: scn.meta.turns,
            outcome_key: st
                .outcome
                .as_ref()
                .map_or_else(|| "unfinished".into(), |o| o.key(scn)),
            headline,
            ending_text,
            clash: st.outcome == Some(Outcome::Clash),
            dates,
            regional: snaps.iter().map(|s| s.regional).collect(),
            levels: scn
                .levels
                .iter()
                .map(|l| (l.name.clone(), l.from, l.color.clone()))
                .collect(),
            level_by_turn: snaps.iter().map(|s| s.level).collect(),
            peak_level: self.log.peak_level(),
            actors,
            tensest: self.tensest(scn),
            secrets: self.secrets(scn),
            covert: self.covert(scn),
            turning_points: self.turning_points(scn),
            pair_points: self.pair_points(scn),
            orders: self.orders(scn),
            discussion: scn.meta.discussion.clone(),
        }
    }

    fn pair_values(&self, n: usize, a: usize, b: usize) -> Vec<f64> {
        self.log
            .snapshots
            .iter()
            .map(|s| s.tension.get(a * n + b).copied().unwrap_or(0.0))
            .collect()
    }

    fn pair_label(scn: &Scenario, a: usize, b: usize) -> String {
        format!(
            "{}–{}",
            scn.actors[a].short.as_str(),
            scn.actors[b].short.as_str()
        )
    }

    fn tensest(&self, scn: &Scenario) -> Vec<PairSeries> {
        let n = scn.n();
        let mut pairs: Vec<PairSeries> = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                let values = self.pair_values(n, a, b);
                let peak = values.iter().copied().fold(0.0, f64::max);
                pairs.push(PairSeries {
                    a,
                    b,
                    label: Self::pair_label(scn, a, b),
                    values,
                    peak,
                });
            }
        }
        let mean = |p: &PairSeries| p.values.iter().sum::<f64>() / p.values.len().max(1) as f64;
        pairs.sort_by(|x, y| {
            y.peak
                .total_cmp(&x.peak)
                .then(mean(y).total_cmp(&mean(x)))
                .then((x.a, x.b).cmp(&(y.a, y.b)))
        });
        pairs.truncate(TENSEST_PAIRS);
        pairs
    }

    fn secrets(&self, scn: &Scenario) -> Vec<SecretSeries> {
        let mut out = Vec::new();
        for (ti, t) in scn.tracks.iter().enumerate().filter(|(_, t)| t.secret) {
            let values = self
                .log
                .snapshots
                .first()
                .map_or(t.initial.len(), |s| s.tracks[ti].len());
            for k in 0..values {
                let owner = (t.scope == Scope::PerActor).then_some(ActorId(k as u16));
                let label = match owner {
                    Some(o) => format!("{} — {}", t.name, scn.actor(o).name),
                    None => t.name.clone(),
                };
                let truth: Vec<f64> = self
                    .log
                    .snapshots
                    .iter()
                    .map(|s| s.tracks[ti].get(k).copied().unwrap_or(0.0))
                    .collect();
                let mut known_to = Vec::new();
                let mut estimates = Vec::new();
                for obs in scn.actor_ids() {
                    if intel::knows_track(scn, obs, ti, owner) {
                        known_to.push(scn.actor(obs).name.clone());
                        continue;
                    }
                    let est: Vec<Option<&intel::Estimate>> = (0..truth.len())
                        .map(|turn| {
                            self.log
                                .picture(turn as u32, obs)
                                .and_then(|p| p.tracks.get(ti))
                                .and_then(|row| row.get(k))
                        })
                        .collect();
                    estimates.push(EstimateSeries {
                        observer: obs.index(),
                        observer_id: scn.actor(obs).id.clone(),
                        observer_name: scn.actor(obs).name.clone(),
                        values: est.iter().map(|e| e.map(|e| e.value)).collect(),
                        spreads: est.iter().map(|e| e.map(|e| e.spread)).collect(),
                    });
                }
                out.push(SecretSeries {
                    track_id: t.id.clone(),
                    label,
                    owner: owner.map(|o| scn.actor(o).id.clone()),
                    min: t.min,
                    max: t.max,
                    truth,
                    known_to,
                    estimates,
                });
            }
        }
        out
    }

    fn covert(&self, scn: &Scenario) -> Vec<CovertDebrief> {
        let mut out: Vec<CovertDebrief> = self
            .log
            .covert
            .iter()
            .map(|c| CovertDebrief {
                what: narrate::covert_item(scn, &c.what, true),
                turn: c.turn,
                date: scn.date_of(c.turn),
                by: narrate::describe_cause(scn, c.cause, ledger::Rule::Effect),
                parties: c
                    .parties
                    .iter()
                    .filter(|a| a.index() < scn.n())
                    .map(|a| scn.actor(a).name.clone())
                    .collect(),
                found: c
                    .found
                    .iter()
                    .map(|(a, t)| (scn.actor(*a).name.clone(), *t))
                    .collect(),
                published: c.published,
            })
            .collect();
        // Covert orders carried out that left no shipment or factory
        // behind (surveillance, sabotage…): no rule ever reveals them, so
        // only the one who gave the order knew.
        for r in &self.turns {
            for e in &r.events {
                let Event::OrderResolved {
                    order,
                    index,
                    success,
                    covert: true,
                    ..
                } = e
                else {
                    continue;
                };
                if self.log.act_of_order(r.turn, *index).is_some() {
                    continue;
                }
                let mut what = narrate::describe_cause(
                    scn,
                    Cause::Order {
                        actor: order.actor,
                        mv: order.mv,
                        target: order.target,
                        index: *index,
                    },
                    ledger::Rule::Effect,
                );
                if !*success {
                    what.push_str(" (failed)");
                }
                out.push(CovertDebrief {
                    what,
                    turn: r.turn,
                    date: scn.date_of(r.turn),
                    by: scn.actor(order.actor).name.clone(),
                    parties: vec![scn.actor(order.actor).name.clone()],
                    found: Vec::new(),
                    published: None,
                });
            }
        }
        out.sort_by_key(|a| a.turn);
        out
    }

    /// Causes of a meter's change in one turn, merged by their words.
    fn causes(scn: &Scenario, record: &TurnRecord, meter: Meter) -> Vec<(String, f64)> {
        let mut merged: Vec<(String, f64)> = Vec::new();
        for c in ledger::explain(&record.changes, meter) {
            let d = narrate::describe_cause(scn, c.cause, c.rule);
            match merged.iter_mut().find(|(k, _)| *k == d) {
                Some(m) => m.1 += c.delta,
                None => merged.push((d, c.delta)),
            }
        }
        merged.retain(|(_, d)| d.abs() >= 0.05);
        merged.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
        merged.truncate(CAUSES_PER_POINT);
        merged
    }

    fn turning_points(&self, scn: &Scenario) -> Vec<TurningPoint> {
        let mut pts: Vec<TurningPoint> = self
            .turns
            .iter()
            .map(|r| TurningPoint {
                turn: r.turn,
                date: scn.date_of(r.turn),
                before: r.regional_before,
                after: r.regional_after,
                causes: Self::causes(scn, r, Meter::Regional),
            })
            .filter(|p| p.delta().abs() >= 0.05)
            .collect();
        pts.sort_by(|x, y| {
            y.delta()
                .abs()
                .total_cmp(&x.delta().abs())
                .then(x.turn.cmp(&y.turn))
        });
        pts.truncate(TURNING_POINTS);
        pts
    }

    fn pair_points(&self, scn: &Scenario) -> Vec<PairPoint> {
        let n = scn.n();
        let mut out = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                let values = self.pair_values(n, a, b);
                let mut movement = 0.0;
                let mut best: Option<(usize, f64)> = None;
                for (i, w) in values.windows(2).enumerate() {
                    let d = w[1] - w[0];
                    movement += d.abs();
                    if best.is_none_or(|(_, bd)| d.abs() > bd.abs()) {
                        best = Some((i + 1, d));
                    }
                }
                let Some((turn, delta)) = best.filter(|(_, d)| d.abs() >= 0.05) else {
                    continue;
                };
                let meter = Meter::Tension {
                    a: ActorId(a as u16),
                    b: ActorId(b as u16),
                };
                let causes = self
                    .turns
                    .get(turn - 1)
                    .map(|r| Self::causes(scn, r, meter))
                    .unwrap_or_default();
                out.push(PairPoint {
                    label: Self::pair_label(scn, a, b),
                    movement,
                    turn: turn as u32,
                    date: scn.date_of(turn as u32),
                    delta,
                    causes,
                });
            }
        }
        out.sort_by(|x, y| {
            y.movement
                .total_cmp(&x.movement)
                .then(x.label.cmp(&y.label))
        });
        out
    }

    fn orders(&self, scn: &Scenario) -> Vec<TurnOrders> {
        self.turns
            .iter()
            .map(|r| {
                let orders = r
                    .orders
                    .list
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        let m = scn.mv(o.mv);
                        let mut line = OrderLine {
                            actor: o.actor.index(),
                            actor_id: scn.actor(o.actor).id.clone(),
                            actor_name: scn.actor(o.actor).name.clone(),
                            move_id: m.id.clone(),
                            move_name: m.name.clone(),
                            target_id: o.target.map(|t| scn.actor(t).id.clone()),
                            target_name: o.target.map(|t| scn.actor(t).name.clone()),
                            level: o.level,
                            level_label: m.level.label.clone(),
                            outcome: OrderOutcome::Rejected(String::new()),
                            chance: None,
                            cost: None,
                            covert: m.covert,
                            revealed: None,
                            revealed_to: Vec::new(),
                            reason: r.reasons.get(i).cloned().flatten(),
                            by_person: self.seats.get(o.actor.index()) == Some(&Seat::Human)
                                && r.reasons.get(i).is_none_or(Option::is_none),
                        };
                        for e in &r.events {
                            match e {
                                Event::OrderResolved {
                                    index,
                                    success,
                                    chance,
                                    cost,
                                    covert,
                                    ..
                                } if usize::from(*index) == i => {
                                    line.outcome = if *success {
                                        OrderOutcome::Succeeded
                                    } else {
                                        OrderOutcome::Failed
                                    };
                                    line.chance = Some(*chance);
                                    line.cost = Some(*cost);
                                    line.covert = *covert;
                                }
                                Event::OrderRejected { index, reason, .. }
                                    if usize::from(*index) == i =>
                                {
                                    line.outcome =
                                        OrderOutcome::Rejected(narrate::order_error(scn, reason));
                                }
                                _ => {}
                            }
                        }
                        if let Some(act) = self.log.act_of_order(r.turn, i as u16) {
                            let mut firsts: Vec<(u32, String)> = act
                                .found
                                .iter()
                                .map(|(a, t)| (*t, scn.actor(*a).name.clone()))
                                .collect();
                            if let Some(p) = act.published {
                                firsts.push((p, "everyone (published)".to_string()));
                            }
                            firsts.sort();
                            line.revealed = firsts.first().map(|f| f.0);
                            line.revealed_to = firsts.into_iter().map(|f| f.1).collect();
                        }
                        line
                    })
                    .collect();
                TurnOrders {
                    turn: r.turn,
                    date: scn.date_of(r.turn),
                    orders,
                }
            })
            .collect()
    }
}
