//! The scenario file exactly as written: serde types with source spans.
//!
//! Nothing here is trusted. [`super::validate`] turns a [`RawScenario`] into
//! a [`super::Scenario`], checking every id, range and expression and
//! pointing at the line and column of each mistake. Unknown keys are refused
//! (`deny_unknown_fields`) so that a typo is an error, not a silent default.
//! `docs/scenario-format.md` is the author's reference for these types.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// A number or an expression in quotes (`cost = 2` or `cost = "1 + level"`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawExpr {
    /// A plain number.
    Num(f64),
    /// An expression to compile.
    Text(String),
}

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub scenario: Spanned<RawMeta>,
    #[serde(default)]
    pub escalation: Vec<Spanned<RawLevel>>,
    #[serde(default)]
    pub tension: Option<Spanned<RawTension>>,
    #[serde(default)]
    pub actors: Vec<Spanned<RawActor>>,
    #[serde(default)]
    pub relations: Vec<Spanned<RawRelation>>,
    #[serde(default)]
    pub sanctions: Vec<Spanned<RawSanction>>,
    #[serde(default)]
    pub tracks: Vec<Spanned<RawTrack>>,
    #[serde(default)]
    pub moves: Vec<Spanned<RawMove>>,
    #[serde(default)]
    pub events: Vec<Spanned<RawEvent>>,
    #[serde(default)]
    pub endings: Vec<Spanned<RawEnding>>,
    #[serde(default)]
    pub intelligence: Option<Spanned<RawIntelligence>>,
    #[serde(default)]
    pub council: Option<Spanned<RawCouncil>>,
    #[serde(default)]
    pub deals: Vec<Spanned<RawDeal>>,
}

/// `[intelligence]`: fog of war and covert acts.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIntelligence {
    pub spread: Option<Spanned<f64>>,
    pub reveal: Option<Spanned<f64>>,
    pub reveal_tension: Option<Spanned<f64>>,
    pub reveal_prestige: Option<Spanned<f64>>,
    pub surveillance_decay: Option<Spanned<f64>>,
}

/// `[council]`: the body that votes on resolutions.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCouncil {
    pub name: Option<Spanned<String>>,
    pub strength: Option<Spanned<f64>>,
    pub veto_tension: Option<Spanned<f64>>,
}

/// One `[[deals]]` entry: terms two actors can trade.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeal {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub description: String,
    /// What the actor making the offer gives (`self` = offerer, `target` = receiver).
    pub give: Vec<Spanned<RawEffect>>,
    /// What the receiver gives in return.
    pub take: Vec<Spanned<RawEffect>>,
    /// Turns the deal binds both sides.
    #[serde(default)]
    pub lasts: Option<Spanned<u32>>,
    /// Moves that break the deal when the offerer orders them against the receiver.
    #[serde(default)]
    pub giver_breaks_with: Vec<Spanned<String>>,
    /// Moves that break the deal when the receiver orders them against the offerer.
    #[serde(default)]
    pub taker_breaks_with: Vec<Spanned<String>>,
    #[serde(default)]
    pub break_prestige: Option<Spanned<f64>>,
    #[serde(default)]
    pub break_trust: Option<Spanned<f64>>,
    pub headline: Spanned<String>,
}

/// `[scenario]`: what the game is and how long it lasts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub author: String,
    /// First month of the game, `YYYY-MM`.
    pub start: Spanned<String>,
    #[serde(default = "one")]
    pub months_per_turn: Spanned<u32>,
    pub turns: Spanned<u32>,
    #[serde(default = "one_u64")]
    pub seed: u64,
    #[serde(default)]
    pub region: Option<Spanned<RawRegion>>,
    /// Questions for the class discussion after the game.
    #[serde(default)]
    pub discussion: Vec<String>,
}

fn one() -> Spanned<u32> {
    Spanned::new(0..0, 1)
}
fn one_u64() -> u64 {
    1
}

/// The part of the world map the game is played on.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub lon: [f64; 2],
    pub lat: [f64; 2],
}

/// One `[[escalation]]` level: a name, where it begins, its colour.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    pub name: Spanned<String>,
    pub from: Spanned<f64>,
    pub color: Spanned<String>,
}

/// `[tension]`: the parameters of the tension model. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTension {
    pub decay: Option<Spanned<f64>>,
    pub baseline: Option<Spanned<f64>>,
    pub hostility: Option<Spanned<f64>>,
    pub goldstein_scale: Option<Spanned<f64>>,
    pub relation_scale: Option<Spanned<f64>>,
    pub failure_share: Option<Spanned<f64>>,
    pub threat_decay: Option<Spanned<f64>>,
    pub buildup_threat: Option<Spanned<f64>>,
    pub pair_share: Option<Spanned<f64>>,
    pub clash_at: Option<Spanned<f64>>,
    pub sanction_drain: Option<Spanned<f64>>,
    pub sanction_cost: Option<Spanned<f64>>,
    #[serde(default)]
    pub ceiling: BTreeMap<Spanned<String>, Spanned<f64>>,
    pub richardson: Option<Spanned<RawRichardson>>,
}

/// `[tension.richardson]`: the arms-race model.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRichardson {
    pub reaction: Option<Spanned<f64>>,
    pub restraint: Option<Spanned<f64>>,
    pub grievance: Option<Spanned<f64>>,
}

/// One `[[actors]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActor {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub short: Option<Spanned<String>>,
    pub color: Spanned<String>,
    #[serde(default)]
    pub flags: Vec<Spanned<String>>,
    pub stats: Spanned<RawStats>,
    pub capital: Spanned<RawCapital>,
    #[serde(default)]
    pub threat: Option<Spanned<f64>>,
    #[serde(default)]
    pub location: Option<Spanned<RawLocation>>,
    #[serde(default)]
    pub briefing: String,
    #[serde(default)]
    pub ai: Option<Spanned<RawAi>>,
    #[serde(default)]
    pub objectives: Vec<Spanned<RawObjective>>,
}

/// An actor's five stats, each 0–100.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStats {
    pub military: Spanned<f64>,
    pub economy: Spanned<f64>,
    pub stability: Spanned<f64>,
    pub prestige: Spanned<f64>,
    pub intel: Spanned<f64>,
}

/// Political capital: what an actor starts with, earns per turn, may hold.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCapital {
    pub start: Spanned<f64>,
    pub income: Spanned<f64>,
    pub max: Spanned<f64>,
}

/// Where the actor's marker sits on the map.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLocation {
    pub lon: f64,
    pub lat: f64,
}

/// `[actors.ai]`: how the computer plays this actor.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAi {
    pub hawkishness: Option<Spanned<f64>>,
    pub risk_tolerance: Option<Spanned<f64>>,
    pub activity: Option<Spanned<f64>>,
    #[serde(default)]
    pub regard: BTreeMap<Spanned<String>, Spanned<f64>>,
}

/// One `[[actors.objectives]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawObjective {
    pub text: Spanned<String>,
    #[serde(default)]
    pub weight: Option<Spanned<f64>>,
    pub condition: Spanned<String>,
    /// `"end"` (checked on the last turn) or `"game"` (share of turns it held).
    #[serde(default)]
    pub over: Option<Spanned<String>>,
}

/// One `[[relations]]` entry: how `from` regards `to`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRelation {
    pub from: Spanned<String>,
    pub to: Spanned<String>,
    pub value: Spanned<f64>,
    #[serde(default)]
    pub mutual: bool,
    #[serde(default)]
    pub tension: Option<Spanned<f64>>,
}

/// One `[[sanctions]]` entry in force when the game starts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSanction {
    pub from: Spanned<String>,
    pub to: Spanned<String>,
    pub level: Spanned<i64>,
}

/// One `[[tracks]]` entry: a named value the scenario keeps.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTrack {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub scope: Option<Spanned<String>>,
    #[serde(default)]
    pub min: Option<Spanned<f64>>,
    #[serde(default)]
    pub max: Option<Spanned<f64>>,
    #[serde(default)]
    pub initial: Option<Spanned<f64>>,
    /// Starting values of a per-actor track, by actor id.
    #[serde(default)]
    pub initial_for: BTreeMap<Spanned<String>, Spanned<f64>>,
    #[serde(default)]
    pub secret: bool,
    #[serde(default)]
    pub known_to: Vec<Spanned<String>>,
    #[serde(default)]
    pub stages: Vec<Spanned<RawStage>>,
}

/// A named stage of a track (`at = 25, name = "Formal talks"`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStage {
    pub at: Spanned<f64>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub headline: Option<Spanned<String>>,
}

/// The tunable level of a move.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevelSpec {
    pub min: Spanned<i64>,
    pub max: Spanned<i64>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub default: Option<Spanned<i64>>,
}

/// One `[[moves]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMove {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub category: Spanned<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub cameo: Option<String>,
    pub goldstein: Spanned<f64>,
    #[serde(default)]
    pub actors: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub target: Option<Spanned<String>>,
    #[serde(default)]
    pub targets: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub level: Option<Spanned<RawLevelSpec>>,
    pub cost: Spanned<RawExpr>,
    #[serde(default)]
    pub chance: Option<Spanned<RawExpr>>,
    #[serde(default)]
    pub requires: Option<Spanned<String>>,
    #[serde(default)]
    pub covert: bool,
    #[serde(default)]
    pub effects: Vec<Spanned<RawEffect>>,
    #[serde(default)]
    pub on_failure: Vec<Spanned<RawEffect>>,
    pub headline: Spanned<String>,
    #[serde(default)]
    pub failure_headline: Option<Spanned<String>>,
}

/// One effect. Exactly one of the first keys (`stat`, `track`, …) says what
/// it changes; the others say whose and by how much.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEffect {
    pub stat: Option<Spanned<String>>,
    pub track: Option<Spanned<String>>,
    pub capital: Option<Spanned<String>>,
    pub threat: Option<Spanned<String>>,
    pub show_of_force: Option<Spanned<String>>,
    pub relation: Option<Spanned<String>>,
    pub tension: Option<Spanned<String>>,
    pub sanction: Option<Spanned<String>>,
    pub ship: Option<Spanned<String>>,
    pub factory: Option<Spanned<String>>,
    pub interdict: Option<Spanned<String>>,
    pub dismantle: Option<Spanned<String>>,
    pub surveil: Option<Spanned<String>>,
    pub publish: Option<Spanned<String>>,
    pub resolution: Option<Spanned<String>>,
    pub vote: Option<Spanned<String>>,
    pub offer: Option<Spanned<String>>,
    pub accept: Option<Spanned<String>>,

    pub of: Option<Spanned<String>>,
    pub from: Option<Spanned<String>>,
    pub toward: Option<Spanned<String>>,
    pub with: Option<Spanned<String>>,
    pub on: Option<Spanned<String>>,
    pub to: Option<Spanned<String>>,
    pub at: Option<Spanned<String>>,
    pub add: Option<Spanned<RawExpr>>,
    pub set: Option<Spanned<RawExpr>>,
    pub turns: Option<Spanned<RawExpr>>,
    pub count: Option<Spanned<RawExpr>>,
    #[serde(default)]
    pub mutual: Option<Spanned<bool>>,
    #[serde(default)]
    pub arrive: Vec<Spanned<RawEffect>>,
    #[serde(default)]
    pub each_turn: Vec<Spanned<RawEffect>>,
}

/// One `[[events]]` entry: something that may happen by itself.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub id: Spanned<String>,
    #[serde(default)]
    pub name: Option<String>,
    pub when: Spanned<String>,
    #[serde(default)]
    pub chance: Option<Spanned<RawExpr>>,
    #[serde(default)]
    pub repeat: bool,
    #[serde(default)]
    pub effects: Vec<Spanned<RawEffect>>,
    pub headline: Spanned<String>,
}

/// One `[[endings]]` entry: a condition that ends the game early.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnding {
    pub id: Spanned<String>,
    pub when: Spanned<String>,
    pub text: Spanned<String>,
    #[serde(default)]
    pub headline: Option<Spanned<String>>,
}
