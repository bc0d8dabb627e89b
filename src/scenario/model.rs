//! The validated scenario: everything the engine, the AI and the UI read.
//!
//! A [`Scenario`] can only be made through validation ([`super::load_file`],
//! [`super::load_bundled`]),
//! so code holding one may rely on every id resolving, every range being
//! sane and every expression type-checking.

use super::expr::{Expr, Who};
use super::ids::{ActorId, MoveId, Stat, SystemId, TrackId};

/// A playable scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Where it came from and its exact text (saves embed it).
    pub origin: String,
    /// The TOML text it was loaded from.
    pub source: String,
    pub meta: Meta,
    pub levels: Vec<EscalationLevel>,
    pub tension: TensionModel,
    pub actors: Vec<Actor>,
    /// Initial relations, row `from`, column `to`, −100–100.
    pub relations: Vec<f64>,
    /// Initial pair tensions set by the author (symmetric, `None` = derive).
    pub pair_tension: Vec<Option<f64>>,
    /// Initial sanction levels, row `from`, column `to`, 0–5.
    pub sanctions: Vec<u8>,
    pub tracks: Vec<Track>,
    pub moves: Vec<Move>,
    pub events: Vec<ScriptedEvent>,
    pub endings: Vec<Ending>,
    pub intelligence: Intelligence,
    pub council: Council,
    pub deals: Vec<Deal>,
    /// The crisis ladder every pair climbs (no stages: no ladder).
    pub crisis: Crisis,
    /// Every weapon system and plant named by a `ship` or `factory` effect,
    /// in order of first appearance; shipments and factories refer to them
    /// by [`SystemId`].
    pub systems: Vec<String>,
    /// The `[[tests]]` of the file: lines of play and what they must lead
    /// to (`flashpoint test`).
    pub tests: Vec<super::script::ScenarioTest>,
}

/// Fog of war and covert acts (`[intelligence]`).
#[derive(Debug, Clone)]
pub struct Intelligence {
    /// Half-width of an estimate's error for an observer with intel 0 and no surveillance.
    pub spread: f64,
    /// Chance per turn that a covert act is revealed to an actor with intel 100.
    pub reveal: f64,
    /// Pair tension a revelation adds between the actor that saw and the one exposed.
    pub reveal_tension: f64,
    /// Prestige the exposed actor loses.
    pub reveal_prestige: f64,
    /// Share of surveillance that fades each turn.
    pub surveillance_decay: f64,
    /// How much harder a covert act's alarm strikes third parties when it
    /// comes to light, as a factor.
    pub alarm_jump: f64,
}

/// The crisis ladder (`[crisis]`): stages a pair enters as its tension
/// rises, and the risk of an armed clash at the top.
#[derive(Debug, Clone)]
pub struct Crisis {
    /// The rungs, lowest first (thresholds rising).
    pub stages: Vec<CrisisStage>,
    /// How far below a stage's threshold tension must fall to leave it.
    pub hysteresis: f64,
    /// Chance per turn of an armed clash for a pair at the top stage
    /// (`self` and `target` are the pair).
    pub clash: Expr,
}

/// One rung of the crisis ladder.
#[derive(Debug, Clone)]
pub struct CrisisStage {
    pub name: String,
    /// Pair tension at which a pair enters it.
    pub at: f64,
}

/// How players see a deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealKind {
    /// Something offered in exchange.
    Offer,
    /// Something asked for; turning it down has consequences.
    Demand,
}

/// The council that votes on resolutions (`[council]`).
#[derive(Debug, Clone)]
pub struct Council {
    pub name: String,
    /// Council sanctions drain this many times as much as unilateral ones.
    pub strength: f64,
    /// Pair tension a veto adds between proposer and vetoer.
    pub veto_tension: f64,
    /// Members may abstain: one that orders no vote and does not favour a
    /// resolution abstains rather than voting no, so a veto must be cast on
    /// purpose (with a `vote = "no"` move, which may cost what the scenario
    /// says) and a resolution passes with half the members for it and more
    /// yes than no.
    pub abstention: bool,
}

/// Terms two actors can trade (`[[deals]]`).
#[derive(Debug, Clone)]
pub struct Deal {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The offerer's side (`self` = offerer, `target` = receiver).
    pub give: Vec<Effect>,
    /// The receiver's side (same `self`/`target`).
    pub take: Vec<Effect>,
    pub lasts: u32,
    pub giver_breaks_with: Vec<MoveId>,
    pub taker_breaks_with: Vec<MoveId>,
    pub break_prestige: f64,
    pub break_trust: f64,
    pub headline: Template,
    pub kind: DealKind,
    /// What happens when the receiver turns it down or lets it lapse
    /// (`self` = offerer, `target` = receiver).
    pub on_refuse: Vec<Effect>,
}

/// `[scenario]` after validation.
#[derive(Debug, Clone)]
pub struct Meta {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub author: String,
    pub start_year: i32,
    /// 1–12.
    pub start_month: u32,
    pub months_per_turn: u32,
    pub turns: u32,
    pub seed: u64,
    pub region: Option<Region>,
    pub discussion: Vec<String>,
}

/// A rectangle of the world map, in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    pub lon: [f64; 2],
    pub lat: [f64; 2],
}

/// A named band of regional tension.
#[derive(Debug, Clone)]
pub struct EscalationLevel {
    pub name: String,
    /// Regional tension at which this level begins.
    pub from: f64,
    /// A colour name or `#rrggbb`, checked at load time.
    pub color: String,
}

/// The parameters of the tension model (see `docs/model.md`).
#[derive(Debug, Clone)]
pub struct TensionModel {
    /// Share of the distance to its baseline that a pair's tension closes each turn.
    pub decay: f64,
    /// Baseline tension of a pair with neutral relations.
    pub baseline: f64,
    /// How much hostile relations raise a pair's baseline (per point of hostility).
    pub hostility: f64,
    /// Pair tension per Goldstein point of an act at full level.
    pub goldstein_scale: f64,
    /// Change in the target's regard for the actor per Goldstein point of an act at full level.
    pub relation_scale: f64,
    /// Share of an act's tension effect that applies when it fails.
    pub failure_share: f64,
    /// Share of the distance to its baseline that threat perception closes each turn.
    pub threat_decay: f64,
    /// Threat felt per point of military gained by a hostile actor.
    pub buildup_threat: f64,
    /// Weight of pair tensions (vs threat perceptions) in regional tension.
    pub pair_share: f64,
    /// Regional tension at which an armed clash ends the game.
    pub clash_at: f64,
    /// Economy drained per sanction level per turn (at full sender economy).
    pub sanction_drain: f64,
    /// Economy a sender loses per sanction level per turn.
    pub sanction_cost: f64,
    /// Highest pair tension that acts of each category can push to.
    pub ceiling: [f64; Category::COUNT],
    /// Order of the mean that makes regional tension from pair tensions
    /// and threats (2, 4, 8 or 16): higher leans more on the hottest.
    pub regional_power: u32,
    /// How fast a pair's baseline follows its tension (0: the baseline
    /// comes from relations alone).
    pub memory: f64,
    pub richardson: Richardson,
}

/// Richardson arms-race coefficients.
#[derive(Debug, Clone, Copy)]
pub struct Richardson {
    /// Reaction to a rival's build-up (a).
    pub reaction: f64,
    /// Restraint or fatigue pulling back to the starting level (m).
    pub restraint: f64,
    /// Build-up per point of threat perception (g).
    pub grievance: f64,
}

/// An actor after validation.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub name: String,
    /// A short name for tight places (defaults to the id in capitals).
    pub short: String,
    /// The name inside a sentence ("the United States"), so headlines and
    /// reports read naturally; defaults to the name.
    pub in_sentence: String,
    pub color: String,
    /// Holds a veto in the council.
    pub veto: bool,
    /// Sits on the council.
    pub council: bool,
    /// Stats in [`Stat::ALL`] order.
    pub stats: [f64; 5],
    pub capital: Capital,
    /// Starting threat perception, also the level it relaxes to.
    pub threat: f64,
    pub location: Option<(f64, f64)>,
    pub briefing: String,
    pub ai: Personality,
    pub objectives: Vec<Objective>,
}

impl Actor {
    /// Starting value of one stat.
    pub fn stat(&self, s: Stat) -> f64 {
        self.stats[s.index()]
    }
}

/// Political capital rules of an actor.
#[derive(Debug, Clone, Copy)]
pub struct Capital {
    pub start: f64,
    pub income: f64,
    pub max: f64,
}

/// How the computer plays an actor.
#[derive(Debug, Clone)]
pub struct Personality {
    /// 0–1: taste for hostile moves.
    pub hawkishness: f64,
    /// 0–1: how much regional tension it accepts.
    pub risk_tolerance: f64,
    /// 0–1: share of its capital it likes to spend each turn.
    pub activity: f64,
    /// −1–1 per actor: how much it cares for (or against) each actor's fortunes.
    pub regard: Vec<f64>,
    /// 0–1: how strongly it answers in kind what others recently did to
    /// it (and, at half weight, hostility to its allies); 0 is off.
    pub reciprocity: f64,
}

/// When an objective is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Over {
    /// On the final state.
    End,
    /// On every turn; the share of turns it held counts.
    Game,
}

/// One weighted goal of an actor.
#[derive(Debug, Clone)]
pub struct Objective {
    pub text: String,
    pub weight: f64,
    pub condition: Expr,
    pub over: Over,
}

/// Where a track's value lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    PerActor,
}

/// A named value the scenario keeps (negotiation progress, disclosure, …).
#[derive(Debug, Clone)]
pub struct Track {
    pub id: String,
    pub name: String,
    pub description: String,
    pub scope: Scope,
    pub min: f64,
    pub max: f64,
    /// One value (global) or one per actor.
    pub initial: Vec<f64>,
    pub secret: bool,
    /// Per actor: may see the true value of a secret track.
    pub known_to: Vec<bool>,
    pub stages: Vec<Stage>,
}

/// A named stage of a track.
#[derive(Debug, Clone)]
pub struct Stage {
    pub at: f64,
    pub name: String,
    pub headline: Option<Template>,
}

/// The kind of a move; fixes its phase in resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Diplomacy,
    Economic,
    Sanction,
    Arms,
    Military,
    Intelligence,
}

impl Category {
    /// Number of categories.
    pub const COUNT: usize = 6;
    /// In resolution order.
    pub const ALL: [Category; 6] = [
        Category::Diplomacy,
        Category::Economic,
        Category::Sanction,
        Category::Arms,
        Category::Military,
        Category::Intelligence,
    ];

    /// The name used in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            Category::Diplomacy => "diplomacy",
            Category::Economic => "economic",
            Category::Sanction => "sanction",
            Category::Arms => "arms",
            Category::Military => "military",
            Category::Intelligence => "intelligence",
        }
    }

    /// Looks a category up by its scenario name.
    pub fn from_name(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == s)
    }

    /// Position in [`Category::ALL`] (its phase).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The tunable strength of a move.
#[derive(Debug, Clone)]
pub struct LevelSpec {
    pub min: i32,
    pub max: i32,
    pub label: String,
    pub default: i32,
}

impl LevelSpec {
    /// 0 at the lowest level, 1 at the highest (1 when there is one level).
    pub fn intensity(&self, level: i32) -> f64 {
        if self.max == self.min {
            1.0
        } else {
            let t = f64::from(level - self.min) / f64::from(self.max - self.min);
            0.4 + 0.6 * t.clamp(0.0, 1.0)
        }
    }
}

/// A move an actor can order.
#[derive(Debug, Clone)]
pub struct Move {
    pub id: String,
    pub name: String,
    pub category: Category,
    pub description: String,
    pub cameo: Option<String>,
    /// −10 (most hostile) … +10 (most cooperative).
    pub goldstein: f64,
    /// Per actor: may order this move.
    pub users: Vec<bool>,
    /// Aimed at another actor (otherwise it has no target).
    pub targeted: bool,
    /// Per actor: may be the target.
    pub targets: Vec<bool>,
    pub level: LevelSpec,
    pub cost: Expr,
    pub chance: Expr,
    pub requires: Option<Expr>,
    pub covert: bool,
    /// The target of this covert move is a party to it (talks, a
    /// handover): it sees the order and its effects as the actor does. Set
    /// by the scenario (`target_is_party`), so no rule names an actor.
    pub target_is_party: bool,
    /// Pair tension added at full level between each party and every actor
    /// hostile to the other party (military cooperation alarms rivals).
    pub alarm: f64,
    pub effects: Vec<Effect>,
    pub on_failure: Vec<Effect>,
    pub headline: Template,
    pub failure_headline: Option<Template>,
}

impl Move {
    /// May `actor` order this move at all (ignoring cost and conditions)?
    pub fn usable_by(&self, actor: ActorId) -> bool {
        self.users.get(actor.index()).copied().unwrap_or(false)
    }

    /// Does it offer its target a deal? (The news tells the offer once.)
    pub fn offers_to_target(&self) -> bool {
        self.effects.iter().any(|e| {
            matches!(
                e,
                Effect::Offer {
                    to: Who::Target,
                    ..
                }
            )
        })
    }

    /// Does it accept a deal its target offered?
    pub fn accepts_from_target(&self) -> bool {
        self.effects.iter().any(|e| {
            matches!(
                e,
                Effect::Accept {
                    from: Who::Target,
                    ..
                }
            )
        })
    }

    /// Does it turn down a deal its target offered?
    pub fn refuses_from_target(&self) -> bool {
        self.effects.iter().any(|e| {
            matches!(
                e,
                Effect::Refuse {
                    from: Who::Target,
                    ..
                }
            )
        })
    }
}

/// Add to a value or set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Add,
    Set,
}

/// One effect of a move or event, with amounts still as expressions.
#[derive(Debug, Clone)]
pub enum Effect {
    Stat {
        who: Who,
        stat: Stat,
        op: Op,
        amount: Expr,
    },
    Track {
        track: TrackId,
        who: Option<Who>,
        op: Op,
        amount: Expr,
    },
    Capital {
        who: Who,
        amount: Expr,
    },
    Threat {
        who: Who,
        amount: Expr,
    },
    ShowOfForce {
        who: Who,
        amount: Expr,
    },
    Relation {
        who: Who,
        toward: Who,
        amount: Expr,
        mutual: bool,
    },
    Tension {
        who: Who,
        with: Who,
        amount: Expr,
    },
    Sanction {
        who: Who,
        on: Who,
        op: Op,
        amount: Expr,
    },
    Ship {
        system: String,
        from: Who,
        to: Who,
        turns: Expr,
        arrive: Vec<Effect>,
    },
    Factory {
        name: String,
        at: Who,
        owner: Who,
        each_turn: Vec<Effect>,
    },
    Interdict {
        target: Who,
        count: Expr,
    },
    Dismantle {
        at: Who,
        count: Expr,
    },
    /// Watch an actor: sharper estimates, likelier revelations.
    Surveil {
        target: Who,
        amount: Expr,
    },
    /// Reveal to everyone the covert acts of an actor that the actor knows of.
    Publish {
        target: Who,
    },
    /// Propose a council resolution: sanctions at a level (0 lifts) on an actor.
    Resolution {
        on: Who,
        level: Expr,
    },
    /// Vote on pending resolutions against an actor.
    Vote {
        on: Who,
        yes: bool,
    },
    /// Offer a deal to an actor.
    Offer {
        deal: usize,
        to: Who,
    },
    /// Accept the pending offers an actor made (only those of `deal`, if given).
    Accept {
        from: Who,
        deal: Option<usize>,
    },
    /// Turn down the pending offers an actor made (only those of `deal`, if
    /// given), with each deal's `on_refuse` consequences.
    Refuse {
        from: Who,
        deal: Option<usize>,
    },
}

/// A piece of a headline template.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    Actor,
    Target,
    Level,
    Label,
    Name(ActorId),
}

/// A headline with placeholders, checked at load time.
#[derive(Debug, Clone, PartialEq)]
pub struct Template(pub Vec<Piece>);

/// Something that may happen by itself when its condition holds.
#[derive(Debug, Clone)]
pub struct ScriptedEvent {
    pub id: String,
    pub name: String,
    pub when: Expr,
    pub chance: Expr,
    pub repeat: bool,
    /// Offered to the instructor as an inject (`flashpoint host`).
    pub injectable: bool,
    pub effects: Vec<Effect>,
    pub headline: Template,
    /// More ways to tell the news of a repeating event (`more_headlines`).
    pub more_headlines: Vec<Template>,
}

impl ScriptedEvent {
    /// The news of the event on `turn`: its headline and more headlines taken in
    /// turn, so that a repeating event does not print the same line on
    /// consecutive turns (and the same turn always gives the same line).
    pub fn headline_on(&self, turn: u32) -> &Template {
        let k = turn as usize % (1 + self.more_headlines.len());
        if k == 0 {
            &self.headline
        } else {
            &self.more_headlines[k - 1]
        }
    }
}

/// A condition that ends the game before the turn limit.
#[derive(Debug, Clone)]
pub struct Ending {
    pub id: String,
    pub when: Expr,
    pub text: String,
    pub headline: Option<Template>,
}

impl Scenario {
    /// Number of actors.
    pub fn n(&self) -> usize {
        self.actors.len()
    }

    /// Every actor id in order.
    pub fn actor_ids(&self) -> impl Iterator<Item = ActorId> + use<> {
        (0..self.actors.len() as u16).map(ActorId)
    }

    /// The actors with a seat on the council, in order: who votes, and
    /// who counts as abstaining when it gives no vote.
    pub fn council_members(&self) -> impl Iterator<Item = ActorId> + '_ {
        self.actor_ids().filter(|a| self.actor(*a).council)
    }

    /// The actor with this id string, if any.
    pub fn actor_by_id(&self, id: &str) -> Option<ActorId> {
        self.actors
            .iter()
            .position(|a| a.id == id)
            .map(|i| ActorId(i as u16))
    }

    /// The move with this id string, if any.
    pub fn move_by_id(&self, id: &str) -> Option<MoveId> {
        self.moves
            .iter()
            .position(|m| m.id == id)
            .map(|i| MoveId(i as u16))
    }

    /// The actor behind an id.
    pub fn actor(&self, a: ActorId) -> &Actor {
        &self.actors[a.index()]
    }

    /// The move behind an id.
    pub fn mv(&self, m: MoveId) -> &Move {
        &self.moves[m.index()]
    }

    /// The id of a weapon system or plant named in an effect. Every name
    /// in the scenario's effects is listed; an unknown name (impossible for
    /// a validated scenario) maps to the first entry.
    pub fn system_id(&self, name: &str) -> SystemId {
        let i = self.systems.iter().position(|s| s == name).unwrap_or(0);
        SystemId(i as u16)
    }

    /// The name of a weapon system or plant.
    pub fn system(&self, id: SystemId) -> &str {
        self.systems.get(id.index()).map_or("?", String::as_str)
    }

    /// The escalation level for a regional tension.
    pub fn level_index(&self, regional: f64) -> usize {
        self.levels
            .iter()
            .rposition(|l| regional >= l.from)
            .unwrap_or(0)
    }

    /// Calendar label of a turn (turn 1 is the start month), e.g. `2026-03`.
    pub fn date_of(&self, turn: u32) -> String {
        let months = (self.meta.start_month - 1) as i64
            + i64::from(turn.saturating_sub(1)) * i64::from(self.meta.months_per_turn);
        let year = i64::from(self.meta.start_year) + months.div_euclid(12);
        let month = months.rem_euclid(12) + 1;
        format!("{year:04}-{month:02}")
    }
}

/// Every system and plant named in `ship` and `factory` effects (nested
/// ones included), in order of first appearance, without repeats.
pub fn collect_systems(moves: &[Move], events: &[ScriptedEvent], deals: &[Deal]) -> Vec<String> {
    fn walk(list: &[Effect], out: &mut Vec<String>) {
        for e in list {
            match e {
                Effect::Ship { system, arrive, .. } => {
                    if !out.contains(system) {
                        out.push(system.clone());
                    }
                    walk(arrive, out);
                }
                Effect::Factory {
                    name, each_turn, ..
                } => {
                    if !out.contains(name) {
                        out.push(name.clone());
                    }
                    walk(each_turn, out);
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for m in moves {
        walk(&m.effects, &mut out);
        walk(&m.on_failure, &mut out);
    }
    for e in events {
        walk(&e.effects, &mut out);
    }
    for d in deals {
        walk(&d.give, &mut out);
        walk(&d.take, &mut out);
    }
    if out.is_empty() {
        out.push("arms".to_string());
    }
    out
}
