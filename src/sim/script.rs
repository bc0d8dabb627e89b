//! Scripted play: actors whose orders come from a [`Script`] instead of a
//! person or the AI. A scripted actor sits in a person's seat; each turn
//! the script's orders for it are handed to the referee as its decision,
//! with the script's line as the reason, and the engine accepts or refuses
//! them like anyone's. The AI plays the other seats as usual.
//!
//! Which actors follow the script ([`Cast`]): in `simulate --orders`,
//! those the file names, the AI playing everyone else; in a scenario's
//! `[[tests]]`, every actor but those listed in `ai`. On a turn the script
//! does not list, a scripted actor gives no orders — unless it is in the
//! script's `ai` list, when the AI plays it that turn.

use std::sync::Arc;

use crate::ai::{Decision, Policy};
use crate::engine::turn::Keep;
use crate::engine::{Event, Order, OrderError};
use crate::referee::{AiJob, Match, Missing, Seat};
use crate::scenario::script::Script;
use crate::scenario::{ActorId, Scenario};

/// Who follows the script and who the AI plays.
#[derive(Debug, Clone, PartialEq)]
pub struct Cast {
    /// Per actor: follows the script.
    pub scripted: Vec<bool>,
    /// Per actor: the policy that plays it when it does not follow the
    /// script, or on turns the script is silent when it is in `ai`.
    pub policies: Vec<Policy>,
}

impl Cast {
    /// `simulate --orders`: the actors the script names follow it; the
    /// others are played by `policies` (the AI unless `--policy` says).
    pub fn for_orders_file(scn: &Scenario, script: &Script, policies: &[Policy]) -> Cast {
        let mut p = policies.to_vec();
        p.resize(scn.n(), Policy::Utility);
        Cast {
            scripted: scn.actor_ids().map(|a| script.names(a)).collect(),
            policies: p,
        }
    }

    /// A scenario test: every actor follows the script except those in its
    /// `ai` list, whom the AI plays whenever the script gives them no orders.
    pub fn for_test(scn: &Scenario, script: &Script) -> Cast {
        Cast {
            scripted: scn
                .actor_ids()
                .map(|a| !script.ai.contains(&a) || script.names(a))
                .collect(),
            policies: vec![Policy::Utility; scn.n()],
        }
    }

    /// The referee's seats: a scripted actor sits in a person's seat.
    pub fn seats(&self) -> Vec<Seat> {
        self.scripted
            .iter()
            .zip(&self.policies)
            .map(|(s, p)| if *s { Seat::Human } else { Seat::Ai(*p) })
            .collect()
    }
}

/// A scripted order the engine refused, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub turn: u32,
    pub order: Order,
    pub reason: OrderError,
    /// Line of the order in its script.
    pub line: u32,
}

/// The reason recorded with a scripted order: where it came from.
pub fn reason(line: u32) -> String {
    format!("scripted order (line {line})")
}

/// The decisions for the coming turn: the script's orders for scripted
/// actors (the AI's where the script is silent and the actor is in `ai`),
/// and the AI's for its seats.
pub fn decisions(m: &Match, script: &Script, cast: &Cast) -> Vec<(ActorId, Decision)> {
    let turn = m.turn() + 1;
    let scn = m.scenario();
    let mut out: Vec<(ActorId, Decision)> = m
        .ai_jobs(Missing::Nothing)
        .iter()
        .map(|j| (j.actor, j.run(scn)))
        .collect();
    for a in scn.actor_ids().filter(|a| cast.scripted[a.index()]) {
        match script.orders_at(turn, a) {
            Some(entry) => {
                let mut d = Decision::default();
                for o in &entry.orders {
                    d.orders.push(Order {
                        actor: a,
                        mv: o.mv,
                        target: o.target,
                        level: o.level,
                    });
                    d.reasons.push(reason(o.line));
                }
                out.push((a, d));
            }
            None if script.ai.contains(&a) => {
                let job = AiJob {
                    actor: a,
                    view: m.view(a),
                    policy: cast.policies[a.index()],
                    seed: m.seed(),
                };
                out.push((a, job.run(scn)));
            }
            None => {}
        }
    }
    out
}

/// Plays the coming turn with the script; returns the scripted orders the
/// engine refused.
pub fn play_turn(m: &mut Match, script: &Script, cast: &Cast) -> Vec<Refusal> {
    let d = decisions(m, script, cast);
    let record = m.resolve(d);
    let turn = record.turn;
    record
        .events
        .iter()
        .filter_map(|e| match e {
            Event::OrderRejected { order, reason, .. } if cast.scripted[order.actor.index()] => {
                let line = script
                    .orders_at(turn, order.actor)?
                    .orders
                    .iter()
                    .find(|o| {
                        o.mv == order.mv && o.target == order.target && o.level == order.level
                    })?
                    .line;
                Some(Refusal {
                    turn,
                    order: order.clone(),
                    reason: reason.clone(),
                    line,
                })
            }
            _ => None,
        })
        .collect()
}

/// A whole scripted game: played to its end or `max_turns`, with every
/// refusal. The same scenario, seed and script give the same game.
pub fn play(
    scn: &Arc<Scenario>,
    seed: u64,
    script: &Script,
    cast: &Cast,
    max_turns: Option<u32>,
    keep: Keep,
) -> (Match, Vec<Refusal>) {
    let mut m = Match::new(scn.clone(), seed, cast.seats(), keep);
    let mut refused = Vec::new();
    let limit = max_turns.unwrap_or(u32::MAX);
    while !m.is_over() && m.turn() < limit {
        refused.extend(play_turn(&mut m, script, cast));
    }
    (m, refused)
}
