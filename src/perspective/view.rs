//! One player's view of the game, built by whitelist: each field is copied
//! from what the observer may know (see the module rules), never cloned
//! from the true state and patched.

use serde::{Deserialize, Serialize};

use super::Sight;
use crate::engine::intel::{self, Estimate, Picture};
use crate::engine::ledger::Cause;
use crate::engine::log::GameLog;
use crate::engine::state::{
    ActiveDeal, ActorSet, ActorState, Delta, Factory, Grid, Offer, Outcome, Proposal, Shipment,
    State,
};
use crate::scenario::{ActorId, Scenario, Stat, SystemId};

/// A shipment the observer knows of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeenShipment {
    pub system: SystemId,
    pub from: ActorId,
    pub to: ActorId,
    /// Turns until it arrives (0: at the end of the coming turn).
    pub turns_left: u32,
    pub sent_turn: u32,
    pub covert: bool,
    /// For another's covert shipment: the turn the observer found out.
    pub discovered: Option<u32>,
    /// What it will do when it arrives.
    pub arrive: Vec<Delta>,
}

/// A factory the observer knows of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeenFactory {
    pub system: SystemId,
    pub at: ActorId,
    pub owner: ActorId,
    pub built_turn: u32,
    pub covert: bool,
    /// For another's covert factory: the turn the observer found out.
    pub discovered: Option<u32>,
    /// What it produces each turn.
    pub each_turn: Vec<Delta>,
}

/// What the observer saw after one turn (turn 0: the start), for history
/// charts: public meters as they were, its own values, and its estimates
/// of hidden values as it had them then — never their true history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeenTurn {
    pub turn: u32,
    pub regional: f64,
    pub level: usize,
    /// Pair tension, row by row.
    pub tension: Vec<f64>,
    /// Relations, row `from`, column `to`.
    pub relations: Vec<f64>,
    /// Its own capital.
    pub capital: f64,
    /// Its picture of stats, threats and tracks (own values exact).
    pub picture: Picture,
}

/// The game as one player may know it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlayerView {
    pub observer: ActorId,
    /// Turns resolved so far; the turn being played is `turn + 1`.
    pub turn: u32,
    pub outcome: Option<Outcome>,
    pub regional: f64,
    pub level: usize,
    pub relations: Grid<f64>,
    pub tension: Grid<f64>,
    /// The level each pair's tension relaxes to (public: it follows the
    /// pair's public tension).
    pub baseline: Grid<f64>,
    /// Each pair's crisis stage (public).
    pub stage: Grid<u8>,
    pub sanctions: Grid<u8>,
    pub council_sanctions: Vec<u8>,
    /// Its own political capital.
    pub capital: f64,
    /// Its picture of every actor's stats and threat perception and of
    /// every track (own values, public values and told secrets exact).
    pub picture: Picture,
    /// How closely it watches each actor, 0–1.
    pub surveillance: Vec<f64>,
    pub shipments: Vec<SeenShipment>,
    pub factories: Vec<SeenFactory>,
    pub proposals: Vec<Proposal>,
    pub offers: Vec<Offer>,
    pub deals: Vec<ActiveDeal>,
    /// Per scripted event: has it happened (events make the news)?
    pub fired: Vec<bool>,
    /// Per own objective: turns on which it held.
    pub held: Vec<u32>,
    /// Each actor's recent conduct toward each other (public: built from
    /// overt orders only, see [`crate::engine::conduct`]).
    #[serde(default)]
    pub conduct: Grid<f64>,
}

impl PlayerView {
    /// The view of `observer` of the game `s` (with its log), in which
    /// the fog of war draws estimates from `seed`.
    pub fn build(scn: &Scenario, s: &State, log: &GameLog, observer: ActorId, seed: u64) -> Self {
        let picture = intel::picture(scn, s, observer, seed);
        let seen_since = |id: u32| -> Option<Option<u32>> {
            // Some(None): a party or overt; Some(Some(t)): discovered on t.
            match log.act(id) {
                None => Some(None),
                Some(a) => match a.known_since(observer) {
                    Some(0) => Some(None),
                    Some(t) => Some(Some(t)),
                    None => None,
                },
            }
        };
        let shipments = s
            .shipments
            .iter()
            .filter(|x| x.known.contains(observer))
            .map(|x| SeenShipment {
                system: x.system,
                from: x.from,
                to: x.to,
                turns_left: x.turns_left,
                sent_turn: x.sent_turn,
                covert: x.covert,
                discovered: seen_since(x.id).unwrap_or(None),
                arrive: x.arrive.clone(),
            })
            .collect();
        let factories = s
            .factories
            .iter()
            .filter(|f| f.known.contains(observer))
            .map(|f| SeenFactory {
                system: f.system,
                at: f.at,
                owner: f.owner,
                built_turn: f.built_turn,
                covert: f.covert,
                discovered: seen_since(f.id).unwrap_or(None),
                each_turn: f.each_turn.clone(),
            })
            .collect();
        let n = scn.n();
        PlayerView {
            observer,
            turn: s.turn,
            outcome: s.outcome.clone(),
            regional: s.regional,
            level: s.level,
            relations: s.relations.clone(),
            tension: s.tension.clone(),
            baseline: s.baseline.clone(),
            stage: s.stage.clone(),
            sanctions: s.sanctions.clone(),
            council_sanctions: s.council_sanctions.clone(),
            capital: s.actor(observer).capital,
            picture,
            surveillance: (0..n)
                .map(|t| s.surveillance.get(observer, ActorId(t as u16)))
                .collect(),
            shipments,
            factories,
            proposals: s.proposals.clone(),
            offers: s.offers.clone(),
            deals: s.deals.clone(),
            fired: s.fired.clone(),
            held: s.held[observer.index()].clone(),
            conduct: s.conduct.clone(),
        }
    }

    /// True once the game has ended.
    pub fn is_over(&self) -> bool {
        self.outcome.is_some()
    }

    /// What it believes of one actor's stat.
    pub fn stat(&self, actor: ActorId, stat: Stat) -> Estimate {
        self.picture.stats[actor.index()][stat.index()]
    }

    /// What it believes of a track's value (`who` for per-actor tracks).
    pub fn track(&self, track: crate::scenario::TrackId, who: Option<ActorId>) -> Estimate {
        let row = &self.picture.tracks[track.index()];
        if row.len() == 1 {
            row[0]
        } else {
            who.and_then(|a| row.get(a.index()).copied())
                .unwrap_or(Estimate::exact(0.0))
        }
    }

    /// How it may know a meter (the module's one rule).
    pub fn sight(&self, scn: &Scenario, meter: crate::engine::ledger::Meter) -> Sight {
        super::sight(scn, self.observer, meter)
    }

    /// The game as the observer believes it to be, as an engine state: its
    /// estimates in place of hidden values, only the covert acts it knows
    /// of, others' capital at their scenario start. The AI plans on it and
    /// the order preview runs the engine on it; nothing in it comes from
    /// the true state.
    pub fn believed_state(&self, scn: &Scenario) -> State {
        self.believed_state_shifted(scn, 0.0)
    }

    /// Like [`Self::believed_state`], with every estimate moved `shift`
    /// times its uncertainty (−1: the low end of every estimate, 1: the
    /// high end; exact values stay). The dashboard tells a player whether
    /// its estimates leave an objective in doubt by judging it in both.
    pub fn believed_state_shifted(&self, scn: &Scenario, shift: f64) -> State {
        let at = |e: Estimate| e.value + shift * e.spread;
        let me = self.observer;
        let actors = scn
            .actor_ids()
            .map(|a| {
                let mut stats = [0.0; 5];
                for stat in Stat::ALL {
                    stats[stat.index()] = at(self.stat(a, stat));
                }
                ActorState {
                    stats,
                    capital: if a == me {
                        self.capital
                    } else {
                        scn.actor(a).capital.start
                    },
                    threat: at(self.picture.threat[a.index()]),
                }
            })
            .collect();
        let n = scn.n();
        let mut surveillance = Grid::from_cells(n, vec![0.0; n * n]);
        for (t, v) in self.surveillance.iter().enumerate() {
            surveillance.set(me, ActorId(t as u16), *v);
        }
        let known = |covert: bool, parties: &[ActorId]| {
            if covert {
                let mut k = ActorSet::of(parties);
                k.insert(me);
                k
            } else {
                ActorSet::all(n)
            }
        };
        let mut next_id = 1;
        let mut fresh = || {
            let id = next_id;
            next_id += 1;
            id
        };
        let shipments = self
            .shipments
            .iter()
            .map(|x| Shipment {
                id: fresh(),
                system: x.system,
                from: x.from,
                to: x.to,
                turns_left: x.turns_left,
                sent_turn: x.sent_turn,
                covert: x.covert,
                known: known(x.covert, &[x.from, x.to]),
                arrive: x.arrive.clone(),
                cause: Cause::Time,
                alarm: 0.0,
            })
            .collect();
        let factories = self
            .factories
            .iter()
            .map(|f| Factory {
                id: fresh(),
                system: f.system,
                at: f.at,
                owner: f.owner,
                built_turn: f.built_turn,
                covert: f.covert,
                known: known(f.covert, &[f.owner, f.at]),
                each_turn: f.each_turn.clone(),
                cause: Cause::Time,
                alarm: 0.0,
            })
            .collect();
        let held = scn
            .actor_ids()
            .map(|a| {
                if a == me {
                    self.held.clone()
                } else {
                    vec![0; scn.actor(a).objectives.len()]
                }
            })
            .collect();
        State {
            turn: self.turn,
            actors,
            relations: self.relations.clone(),
            sanctions: self.sanctions.clone(),
            tension: self.tension.clone(),
            baseline: self.baseline.clone(),
            stage: self.stage.clone(),
            regional: self.regional,
            level: self.level,
            tracks: self
                .picture
                .tracks
                .iter()
                .map(|row| row.iter().map(|e| at(*e)).collect())
                .collect(),
            shipments,
            factories,
            next_id,
            fired: self.fired.clone(),
            held,
            outcome: self.outcome.clone(),
            surveillance,
            council_sanctions: self.council_sanctions.clone(),
            proposals: self.proposals.clone(),
            offers: self.offers.clone(),
            deals: self.deals.clone(),
            conduct: self.conduct.clone(),
        }
    }
}

/// What `observer` saw after each turn so far, from the log (which must
/// have kept pictures; turns without one are left out).
pub fn history(log: &GameLog, observer: ActorId, n: usize) -> Vec<SeenTurn> {
    log.snapshots
        .iter()
        .filter_map(|snap| {
            let picture = log.picture(snap.turn, observer)?.clone();
            Some(SeenTurn {
                turn: snap.turn,
                regional: snap.regional,
                level: snap.level,
                tension: snap.tension.clone(),
                relations: snap.relations.clone(),
                capital: snap.capital.get(observer.index()).copied().unwrap_or(0.0),
                picture,
            })
        })
        .filter(|t| t.tension.len() == n * n || n == 0)
        .collect()
}
