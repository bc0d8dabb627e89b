//! The scenario file exactly as written: serde types with source spans.
//!
//! Nothing here is trusted. `super::validate` turns a [`RawScenario`] into
//! a [`super::Scenario`], checking every id, range and expression and
//! pointing at the line and column of each mistake. Unknown keys are refused
//! (`deny_unknown_fields`) so that a typo is an error, not a silent default.
//! `docs/scenario-format.md` is the author's reference for these types.
//!
//! The same types give the editor schema (`flashpoint schema`, see
//! [`super::schema`]): each doc comment on a field becomes the description
//! an editor shows for that key, so write them for scenario authors.

use std::collections::BTreeMap;
use std::ops::Range;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};

use super::effect_kinds::{EffectKind, Key};
use super::schema::{DealEffect, EventEffect, MoveEffect};

/// A value with the byte range it came from in the file.
///
/// A thin wrapper around `toml::Spanned`: it deserializes the same way
/// (so spans come from the TOML parser), and its JSON schema is that of
/// the value alone, so the editor schema can be derived from these types.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Spanned<T>(toml::Spanned<T>);

impl<T> Spanned<T> {
    /// A value at a byte range (`0..0` for a default that is not in the file).
    pub fn new(span: Range<usize>, value: T) -> Self {
        Spanned(toml::Spanned::new(span, value))
    }

    /// Byte range of the value in the file.
    pub fn span(&self) -> Range<usize> {
        self.0.span()
    }

    /// The value.
    pub fn get_ref(&self) -> &T {
        self.0.get_ref()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        toml::Spanned::<T>::deserialize(d).map(Spanned)
    }
}

impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// A number, or an expression in quotes that gives a number
/// (`cost = 2` or `cost = "1 + level"`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
#[schemars(rename = "Amount")]
pub enum RawExpr {
    /// A plain number.
    Num(f64),
    /// An expression to compile, e.g. "1 + level" or "tension >= 60".
    Text(String),
}

/// A Flashpoint scenario: everything about one crisis game.
/// See docs/scenario-format.md.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Scenario")]
pub struct RawScenario {
    /// Title, dates and length of the game. Required.
    pub scenario: Spanned<RawMeta>,
    /// Escalation levels, from calmest to most dangerous (at most 12). Default: Calm, Friction, Confrontation, Crisis, Brink.
    #[serde(default)]
    pub escalation: Vec<Spanned<RawLevel>>,
    /// Parameters of the tension model; every key is optional.
    #[serde(default)]
    pub tension: Option<Spanned<RawTension>>,
    /// The actors (1–24). Their order is the order in which their orders resolve.
    #[serde(default)]
    pub actors: Vec<Spanned<RawActor>>,
    /// Starting regard of one actor for another.
    #[serde(default)]
    pub relations: Vec<Spanned<RawRelation>>,
    /// Sanctions in force when the game starts.
    #[serde(default)]
    pub sanctions: Vec<Spanned<RawSanction>>,
    /// The scenario's own meters (negotiation progress, disclosure, …); at most 100.
    #[serde(default)]
    pub tracks: Vec<Spanned<RawTrack>>,
    /// What actors can order (1–200).
    #[serde(default)]
    pub moves: Vec<Spanned<RawMove>>,
    /// Things that happen by themselves (at most 500).
    #[serde(default)]
    pub events: Vec<Spanned<RawEvent>>,
    /// Conditions that end the game before the turn limit (at most 50).
    #[serde(default)]
    pub endings: Vec<Spanned<RawEnding>>,
    /// Fog of war and covert acts; every key is optional.
    #[serde(default)]
    pub intelligence: Option<Spanned<RawIntelligence>>,
    /// The council that votes on resolutions; every key is optional.
    #[serde(default)]
    pub council: Option<Spanned<RawCouncil>>,
    /// Bargains one actor can offer another.
    #[serde(default)]
    pub deals: Vec<Spanned<RawDeal>>,
    /// The crisis ladder of each pair: stages, and the risk of an armed
    /// clash at the top. Optional: without it pairs have no stages.
    #[serde(default)]
    pub crisis: Option<Spanned<RawCrisis>>,
    /// Tests of the scenario's design: a line of play and what it must
    /// lead to, run by `flashpoint test` (see docs/orders.md).
    #[serde(default)]
    pub tests: Vec<Spanned<super::script::raw::RawTest>>,
}

/// `[crisis]`: the escalation ladder every pair of actors climbs.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Crisis")]
pub struct RawCrisis {
    /// The rungs, lowest first: a pair enters a stage when its tension reaches `at` (at most 8 stages, thresholds rising).
    #[serde(default)]
    pub stages: Vec<Spanned<RawCrisisStage>>,
    /// How far below a stage's threshold a pair's tension must fall before the pair drops out of it. Default 8.
    #[schemars(range(min = 0, max = 50))]
    pub hysteresis: Option<Spanned<f64>>,
    /// Chance per turn of an armed clash for a pair at the top stage, 0–1: a number or an expression with `self` and `target` as the pair (e.g. "0.02 + (tension(self, target) - 88) / 100"). An armed clash ends the game. Default 0.
    pub clash: Option<Spanned<RawExpr>>,
}

/// One rung of the crisis ladder.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CrisisStage")]
pub struct RawCrisisStage {
    /// Shown to every player (at most 24 columns wide), e.g. "Ultimatum".
    pub name: Spanned<String>,
    /// Pair tension at which a pair enters this stage, 1–100.
    #[schemars(range(min = 1, max = 100))]
    pub at: Spanned<f64>,
}

/// `[intelligence]`: fog of war and covert acts.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Intelligence")]
pub struct RawIntelligence {
    /// Largest error (±) of an estimate for an observer with intel 0 and no surveillance; 0 turns estimates off. Default 25.
    #[schemars(range(min = 0, max = 100))]
    pub spread: Option<Spanned<f64>>,
    /// Chance per turn that an actor with intel 100 discovers a covert act. Default 0.3.
    #[schemars(range(min = 0, max = 1))]
    pub reveal: Option<Spanned<f64>>,
    /// Pair tension added between discoverer (or publisher) and culprit. Default 6.
    #[schemars(range(min = 0, max = 100))]
    pub reveal_tension: Option<Spanned<f64>>,
    /// Prestige the culprit loses each time a covert act comes to light. Default 3.
    #[schemars(range(min = 0, max = 100))]
    pub reveal_prestige: Option<Spanned<f64>>,
    /// Share of every surveillance level that fades each turn. Default 0.2.
    #[schemars(range(min = 0, max = 1))]
    pub surveillance_decay: Option<Spanned<f64>>,
    /// How much harder a covert act's `alarm` strikes third parties when it comes to light, as a factor. Default 1.5.
    #[schemars(range(min = 0, max = 10))]
    pub alarm_jump: Option<Spanned<f64>>,
}

/// `[council]`: the body that votes on resolutions.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Council")]
pub struct RawCouncil {
    /// Name used in headlines. Default "the Council".
    pub name: Option<Spanned<String>>,
    /// How hard council sanctions bite compared with an actor's own. Default 1.5.
    #[schemars(range(min = 0, max = 10))]
    pub strength: Option<Spanned<f64>>,
    /// Pair tension a veto adds between proposer and vetoer. Default 5.
    #[schemars(range(min = 0, max = 100))]
    pub veto_tension: Option<Spanned<f64>>,
    /// Members that order no vote and do not favour a resolution abstain
    /// instead of voting no, so a veto is cast only on purpose. Default false.
    pub abstention: Option<Spanned<bool>>,
}

/// One `[[deals]]` entry: terms two actors can trade.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Deal")]
pub struct RawDeal {
    /// The deal's id, named by `offer` effects: a-z, 0-9 and _, starting with a letter.
    pub id: Spanned<String>,
    /// What players see.
    pub name: Spanned<String>,
    /// A longer explanation.
    #[serde(default)]
    pub description: String,
    /// What the actor making the offer gives (`self` = offerer, `target` = receiver). Required, may be [].
    #[schemars(with = "Vec<DealEffect>")]
    pub give: Vec<Spanned<RawEffect>>,
    /// What the receiver gives in return. Required, may be [].
    #[schemars(with = "Vec<DealEffect>")]
    pub take: Vec<Spanned<RawEffect>>,
    /// Turns the deal binds both sides after it is struck. Default 6.
    #[serde(default)]
    pub lasts: Option<Spanned<u32>>,
    /// Moves that break the deal when the offerer orders them against the receiver.
    #[serde(default)]
    pub giver_breaks_with: Vec<Spanned<String>>,
    /// Moves that break the deal when the receiver orders them against the offerer.
    #[serde(default)]
    pub taker_breaks_with: Vec<Spanned<String>>,
    /// Prestige the side that breaks the deal loses. Default 5.
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    pub break_prestige: Option<Spanned<f64>>,
    /// How much the other side's regard for the breaker falls. Default 20.
    #[serde(default)]
    #[schemars(range(min = 0, max = 200))]
    pub break_trust: Option<Spanned<f64>>,
    /// The news when the deal is struck. Placeholders: {actor} (offerer), {target} (receiver), {level}, {<actor id>}.
    pub headline: Spanned<String>,
    /// "offer" (the default) or "demand": how players see it. A demand is answered like an offer; turning it down has consequences (`on_refuse`).
    #[serde(default)]
    #[schemars(regex(pattern = "^(offer|demand)$"))]
    pub kind: Option<Spanned<String>>,
    /// What happens when the receiver turns the deal down or lets it lapse (`self` = offerer, `target` = receiver).
    #[serde(default)]
    #[schemars(with = "Vec<DealEffect>")]
    pub on_refuse: Vec<Spanned<RawEffect>>,
}

/// `[scenario]`: what the game is and how long it lasts.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Meta")]
pub struct RawMeta {
    /// The scenario's id: lower-case letters, digits, - and _, e.g. "korea-arms-deal".
    #[schemars(regex(pattern = r"^[a-z0-9_-]+$"))]
    pub id: Spanned<String>,
    /// The title players see.
    pub title: Spanned<String>,
    /// A paragraph shown when choosing a scenario.
    #[serde(default)]
    pub summary: String,
    /// Who wrote it.
    #[serde(default)]
    pub author: String,
    /// First month of the game, "YYYY-MM".
    #[schemars(regex(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$"))]
    pub start: Spanned<String>,
    /// Months one turn stands for, 1–12. Default 1.
    #[serde(default = "one")]
    #[schemars(range(min = 1, max = 12))]
    pub months_per_turn: Spanned<u32>,
    /// The turn limit, 1–240: the game ends after this many turns at the latest.
    #[schemars(range(min = 1, max = 240))]
    pub turns: Spanned<u32>,
    /// The default random seed (the same seed and orders always give the same game). Default 1.
    #[serde(default = "one_u64")]
    pub seed: u64,
    /// The part of the world map the game is shown on.
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
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Region")]
pub struct RawRegion {
    /// [west, east] in degrees, each −180–180, west < east.
    pub lon: [f64; 2],
    /// [south, north] in degrees, each −90–90, south < north.
    pub lat: [f64; 2],
}

/// One `[[escalation]]` level: a name, where it begins, its colour.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "EscalationLevel")]
pub struct RawLevel {
    /// The name players see ("Crisis").
    pub name: Spanned<String>,
    /// Regional tension at which this level begins, 0–100; the first level starts at 0.
    #[schemars(range(min = 0, max = 100))]
    pub from: Spanned<f64>,
    /// A colour: red, green, yellow, blue, magenta, cyan, gray, white, lightred, …, or "#rrggbb".
    pub color: Spanned<String>,
}

/// `[tension]`: the parameters of the tension model. Every key is optional.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "TensionModel")]
pub struct RawTension {
    /// Share of the gap to its baseline a pair's tension closes each turn. Default 0.12.
    #[schemars(range(min = 0, max = 1))]
    pub decay: Option<Spanned<f64>>,
    /// Tension a pair relaxes to when the two regard each other neutrally or well. Default 5.
    #[schemars(range(min = 0, max = 100))]
    pub baseline: Option<Spanned<f64>>,
    /// How much mutual dislike raises a pair's baseline. Default 0.35.
    #[schemars(range(min = 0, max = 1))]
    pub hostility: Option<Spanned<f64>>,
    /// Pair tension per Goldstein point of an act at full level. Default 1.
    #[schemars(range(min = 0, max = 10))]
    pub goldstein_scale: Option<Spanned<f64>>,
    /// Change in the target's regard per Goldstein point at full level. Default 0.6.
    #[schemars(range(min = 0, max = 10))]
    pub relation_scale: Option<Spanned<f64>>,
    /// Share of the automatic effects that applies when a move fails. Default 0.5.
    #[schemars(range(min = 0, max = 1))]
    pub failure_share: Option<Spanned<f64>>,
    /// Share of the gap to its start that threat perception closes each turn. Default 0.1.
    #[schemars(range(min = 0, max = 1))]
    pub threat_decay: Option<Spanned<f64>>,
    /// Threat felt per point of military gained by a hostile actor. Default 1.
    #[schemars(range(min = 0, max = 10))]
    pub buildup_threat: Option<Spanned<f64>>,
    /// Weight of pair tensions (vs threat perceptions) in regional tension. Default 0.7.
    #[schemars(range(min = 0, max = 1))]
    pub pair_share: Option<Spanned<f64>>,
    /// Regional tension at which an armed clash ends the game. Default 100.
    #[schemars(range(min = 1, max = 100))]
    pub clash_at: Option<Spanned<f64>>,
    /// Economy drained per turn per sanction level (at full sender economy). Default 0.5.
    #[schemars(range(min = 0, max = 10))]
    pub sanction_drain: Option<Spanned<f64>>,
    /// Economy a sender loses per turn per sanction level it imposes. Default 0.08.
    #[schemars(range(min = 0, max = 10))]
    pub sanction_cost: Option<Spanned<f64>>,
    /// How strongly regional tension leans toward its hottest pairs: the order of the mean of pair tensions and threats, 2, 4, 8 or 16 (higher: one hot pair counts for more). Default 4.
    #[schemars(range(min = 2, max = 16))]
    pub regional_power: Option<Spanned<u32>>,
    /// How fast a pair's baseline follows its tension, 0–1: with memory, sustained hostility raises the level tension relaxes to, and calm must be earned. 0 (the default): the baseline comes from relations alone.
    #[schemars(range(min = 0, max = 1))]
    pub memory: Option<Spanned<f64>>,
    /// Highest pair tension that hostile acts of each category can push a pair to, each 0–100.
    #[serde(default)]
    #[schemars(with = "Ceiling")]
    pub ceiling: BTreeMap<Spanned<String>, Spanned<f64>>,
    /// The arms-race model.
    pub richardson: Option<Spanned<RawRichardson>>,
}

/// `ceiling` in `[tension]`, by move category (only for the schema; the
/// loader reads a map and names unknown categories itself).
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Ceiling {
    /// Default 55.
    #[schemars(range(min = 0, max = 100))]
    diplomacy: Option<f64>,
    /// Default 45.
    #[schemars(range(min = 0, max = 100))]
    economic: Option<f64>,
    /// Default 55.
    #[schemars(range(min = 0, max = 100))]
    sanction: Option<f64>,
    /// Default 100.
    #[schemars(range(min = 0, max = 100))]
    arms: Option<f64>,
    /// Default 100.
    #[schemars(range(min = 0, max = 100))]
    military: Option<f64>,
    /// Default 100.
    #[schemars(range(min = 0, max = 100))]
    intelligence: Option<f64>,
}

/// `[tension.richardson]`: the arms-race model.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Richardson")]
pub struct RawRichardson {
    /// How strongly an actor answers a hostile rival's build-up. Default 0.03.
    #[schemars(range(min = 0, max = 1))]
    pub reaction: Option<Spanned<f64>>,
    /// How strongly an actor's build-up falls back toward its start. Default 0.15.
    #[schemars(range(min = 0, max = 1))]
    pub restraint: Option<Spanned<f64>>,
    /// Build-up per point of threat perception above the start. Default 0.02.
    #[schemars(range(min = 0, max = 1))]
    pub grievance: Option<Spanned<f64>>,
}

/// One `[[actors]]` entry.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Actor")]
pub struct RawActor {
    /// The actor's id, used everywhere in the file: a-z, 0-9 and _, starting with a letter, at most 40 characters.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]{0,39}$"))]
    pub id: Spanned<String>,
    /// The full name players see (at most 40 columns wide).
    pub name: Spanned<String>,
    /// A short name for tables and reports, e.g. "BOR" (at most 8 columns). Default: the id in capitals.
    #[serde(default)]
    pub short: Option<Spanned<String>>,
    /// The name as it reads inside a sentence, e.g. "the United States" (at most 40 columns); headlines capitalise it where it starts one. Default: the name.
    #[serde(default)]
    pub in_sentence: Option<Spanned<String>>,
    /// The actor's colour on screen: red, green, yellow, blue, magenta, cyan, gray, white, lightred, …, or "#rrggbb".
    pub color: Spanned<String>,
    /// "council" (sits on the council) and "veto" (holds a veto).
    #[serde(default)]
    #[schemars(with = "Vec<ActorFlag>")]
    pub flags: Vec<Spanned<String>>,
    /// The five starting stats, each 0–100.
    pub stats: Spanned<RawStats>,
    /// Political capital: start, income per turn, most it may hold.
    pub capital: Spanned<RawCapital>,
    /// Starting threat perception, 0–100, also the level it relaxes to. Default 10.
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    pub threat: Option<Spanned<f64>>,
    /// Where the actor's marker sits on the map.
    #[serde(default)]
    pub location: Option<Spanned<RawLocation>>,
    /// The actor's private role briefing.
    #[serde(default)]
    pub briefing: String,
    /// How the computer plays this actor.
    #[serde(default)]
    pub ai: Option<Spanned<RawAi>>,
    /// What this actor wants; the basis of its score (at most 20).
    #[serde(default)]
    pub objectives: Vec<Spanned<RawObjective>>,
}

/// A flag an actor may carry.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
enum ActorFlag {
    /// Sits on the council and votes on resolutions.
    Council,
    /// Holds a veto in the council (only with "council").
    Veto,
}

/// An actor's five stats, each 0–100.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Stats")]
pub struct RawStats {
    /// Armed strength, 0–100.
    #[schemars(range(min = 0, max = 100))]
    pub military: Spanned<f64>,
    /// Economic strength, 0–100; drained by sanctions.
    #[schemars(range(min = 0, max = 100))]
    pub economy: Spanned<f64>,
    /// Internal stability, 0–100.
    #[schemars(range(min = 0, max = 100))]
    pub stability: Spanned<f64>,
    /// International standing, 0–100; public.
    #[schemars(range(min = 0, max = 100))]
    pub prestige: Spanned<f64>,
    /// Intelligence capability, 0–100; sharpens estimates of others.
    #[schemars(range(min = 0, max = 100))]
    pub intel: Spanned<f64>,
}

/// Political capital: what an actor starts with, earns per turn, may hold.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Capital")]
pub struct RawCapital {
    /// Capital on turn 1, 0–1000, not above max.
    #[schemars(range(min = 0, max = 1000))]
    pub start: Spanned<f64>,
    /// Added at the end of every turn, 0–1000.
    #[schemars(range(min = 0, max = 1000))]
    pub income: Spanned<f64>,
    /// The most an actor can hold, 1–1000.
    #[schemars(range(min = 1, max = 1000))]
    pub max: Spanned<f64>,
}

/// Where the actor's marker sits on the map.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Location")]
pub struct RawLocation {
    /// Longitude, −180–180.
    pub lon: f64,
    /// Latitude, −90–90.
    pub lat: f64,
}

/// `[actors.ai]`: how the computer plays this actor.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Personality")]
pub struct RawAi {
    /// Taste for hostile moves, 0–1. Default 0.5.
    #[schemars(range(min = 0, max = 1))]
    pub hawkishness: Option<Spanned<f64>>,
    /// How much regional tension it accepts, 0–1. Default 0.5.
    #[schemars(range(min = 0, max = 1))]
    pub risk_tolerance: Option<Spanned<f64>>,
    /// How readily it spends capital, 0–1. Default 0.8.
    #[schemars(range(min = 0, max = 1))]
    pub activity: Option<Spanned<f64>>,
    /// How much it cares for (positive) or against (negative) each actor's fortunes, by actor id, each −1–1.
    #[serde(default)]
    pub regard: BTreeMap<Spanned<String>, Spanned<f64>>,
    /// How strongly it answers in kind what others recently did to it (and to its allies), 0–1. Default 0 (off).
    #[schemars(range(min = 0, max = 1))]
    pub reciprocity: Option<Spanned<f64>>,
}

/// One `[[actors.objectives]]` entry.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Objective")]
pub struct RawObjective {
    /// What players read.
    pub text: Spanned<String>,
    /// How much it counts against the actor's other objectives, 0–100. Default 1.
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    pub weight: Option<Spanned<f64>>,
    /// When the objective is met, e.g. "self.economy >= 50" (`self` is the owner).
    pub condition: Spanned<String>,
    /// "end" (judged on the final state, the default) or "game" (the share of turns it held).
    #[serde(default)]
    #[schemars(with = "Option<Over>")]
    pub over: Option<Spanned<String>>,
}

/// When an objective is judged.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
enum Over {
    /// On the final state.
    End,
    /// On every turn: the share of turns it held counts.
    Game,
}

/// One `[[relations]]` entry: how `from` regards `to`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Relation")]
pub struct RawRelation {
    /// Whose regard (an actor id).
    pub from: Spanned<String>,
    /// Regard for whom (an actor id, not `from`).
    pub to: Spanned<String>,
    /// The regard, from −100 (enemy) to 100 (close ally).
    #[schemars(range(min = -100, max = 100))]
    pub value: Spanned<f64>,
    /// Also set `to`'s regard for `from` to the same value. Default false.
    #[serde(default)]
    pub mutual: bool,
    /// Starting tension of the pair, 0–100. Default: derived from the baseline.
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    pub tension: Option<Spanned<f64>>,
}

/// One `[[sanctions]]` entry in force when the game starts.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Sanction")]
pub struct RawSanction {
    /// Who imposes them (an actor id).
    pub from: Spanned<String>,
    /// On whom (an actor id, not `from`).
    pub to: Spanned<String>,
    /// Severity: 0 (none) to 5 (embargo).
    #[schemars(range(min = 0, max = 5))]
    pub level: Spanned<i64>,
}

/// One `[[tracks]]` entry: a named value the scenario keeps.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Track")]
pub struct RawTrack {
    /// The track's id, read in expressions (`talks >= 50`): a-z, 0-9 and _, starting with a letter.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]{0,39}$"))]
    pub id: Spanned<String>,
    /// The name players see (at most 40 columns wide).
    pub name: Spanned<String>,
    /// What the track measures.
    #[serde(default)]
    pub description: String,
    /// "global" (one value, the default) or "actor" (one value per actor).
    #[serde(default)]
    #[schemars(with = "Option<TrackScope>")]
    pub scope: Option<Spanned<String>>,
    /// Lowest value. Default 0.
    #[serde(default)]
    pub min: Option<Spanned<f64>>,
    /// Highest value. Default 100.
    #[serde(default)]
    pub max: Option<Spanned<f64>>,
    /// Starting value, within min–max. Default: min.
    #[serde(default)]
    pub initial: Option<Spanned<f64>>,
    /// Starting values of a per-actor track, by actor id.
    #[serde(default)]
    pub initial_for: BTreeMap<Spanned<String>, Spanned<f64>>,
    /// A secret track is seen exactly only by the actors in known_to. Default false.
    #[serde(default)]
    pub secret: bool,
    /// Actors who see the true value of a secret track.
    #[serde(default)]
    pub known_to: Vec<Spanned<String>>,
    /// Named thresholds, in rising order of `at`.
    #[serde(default)]
    pub stages: Vec<Spanned<RawStage>>,
}

/// Where a track's value lives.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
enum TrackScope {
    /// One value for the whole scenario.
    Global,
    /// One value per actor.
    Actor,
}

/// A named stage of a track (`at = 25, name = "Formal talks"`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Stage")]
pub struct RawStage {
    /// The value (within the track's min–max) at which the stage is reached.
    pub at: Spanned<f64>,
    /// The stage's name.
    pub name: Spanned<String>,
    /// The news when the stage is reached. Placeholders: only {<actor id>}.
    #[serde(default)]
    pub headline: Option<Spanned<String>>,
}

/// The tunable level of a move.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "MoveLevel")]
pub struct RawLevelSpec {
    /// Lowest level a player may pick, 0–100.
    #[schemars(range(min = 0, max = 100))]
    pub min: Spanned<i64>,
    /// Highest level, 0–100, not below min.
    #[schemars(range(min = 0, max = 100))]
    pub max: Spanned<i64>,
    /// What the level is called ("severity", "ships"). Default "level".
    #[serde(default)]
    pub label: Option<String>,
    /// The level offered first, min–max. Default: min.
    #[serde(default)]
    pub default: Option<Spanned<i64>>,
}

/// One `[[moves]]` entry.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Move")]
pub struct RawMove {
    /// The move's id: a-z, 0-9 and _, starting with a letter; unique among moves.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]{0,39}$"))]
    pub id: Spanned<String>,
    /// What players see in the menu (at most 40 columns wide).
    pub name: Spanned<String>,
    /// Decides when in the turn the move resolves, and its tension ceiling.
    #[schemars(with = "CategoryName")]
    pub category: Spanned<String>,
    /// Longer help text for players.
    #[serde(default)]
    pub description: String,
    /// The CAMEO event code the move stands for (for reference; not checked).
    #[serde(default)]
    pub cameo: Option<String>,
    /// Place on the Goldstein scale, −10 (most hostile) to 10 (most cooperative); drives the automatic change of tension and regard.
    #[schemars(range(min = -10, max = 10))]
    pub goldstein: Spanned<f64>,
    /// Who may order the move (actor ids). Default: every actor.
    #[serde(default)]
    pub actors: Option<Vec<Spanned<String>>>,
    /// "actor" (aimed at another actor, the default) or "none".
    #[serde(default)]
    #[schemars(with = "Option<TargetKind>")]
    pub target: Option<Spanned<String>>,
    /// Who may be the target (actor ids). Default: every other actor.
    #[serde(default)]
    pub targets: Option<Vec<Spanned<String>>>,
    /// Makes the move tunable: the player picks a level.
    #[serde(default)]
    pub level: Option<Spanned<RawLevelSpec>>,
    /// Political capital paid when the order is accepted: a number or an expression ("1 + level").
    pub cost: Spanned<RawExpr>,
    /// Probability of success, 0–1: a number or an expression. Default 1.
    #[serde(default)]
    pub chance: Option<Spanned<RawExpr>>,
    /// The move can only be ordered while this condition holds, e.g. "sanction(self, target) < level".
    #[serde(default)]
    pub requires: Option<Spanned<String>>,
    /// A covert move has no automatic effect and hides its shipments and factories. Default false.
    #[serde(default)]
    pub covert: bool,
    /// The target of a covert move is a party to it (talks, a handover): it sees the order and what it changes, as the actor does. Needs `covert = true` and a target. Default false: the target does not learn of it (surveillance).
    #[serde(default)]
    pub target_is_party: Option<Spanned<bool>>,
    /// Military cooperation alarms third parties: on success, pair tension rises by this much (at full level) between each party and every actor hostile to the other party, scaled by that hostility; for a covert move only once what it made comes to light. Default 0.
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    pub alarm: Option<Spanned<f64>>,
    /// What happens on success (at most 40 effects).
    #[serde(default)]
    #[schemars(with = "Vec<MoveEffect>")]
    pub effects: Vec<Spanned<RawEffect>>,
    /// What happens when the chance roll fails (at most 40 effects).
    #[serde(default)]
    #[schemars(with = "Vec<MoveEffect>")]
    pub on_failure: Vec<Spanned<RawEffect>>,
    /// The news when the move succeeds. Placeholders: {actor}, {target}, {level}, {label}, {<actor id>}.
    pub headline: Spanned<String>,
    /// The news when it fails. Default: the headline + " — but it fails".
    #[serde(default)]
    pub failure_headline: Option<Spanned<String>>,
}

/// The six move categories, in resolution order.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
enum CategoryName {
    Diplomacy,
    Economic,
    Sanction,
    Arms,
    Military,
    Intelligence,
}

/// Whether a move is aimed at another actor.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
enum TargetKind {
    /// Aimed at another actor, chosen when ordering.
    Actor,
    /// No target.
    None,
}

/// One effect. Exactly one of the first keys (`stat`, `track`, …) says what
/// it changes; the others say whose and by how much. Which keys go with
/// which kind is in [`super::effect_kinds::KINDS`]; its JSON schema is made
/// from that table ([`super::schema`]), not derived.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEffect {
    /// Kind key `stat` (see [`EffectKind`]).
    pub stat: Option<Spanned<String>>,
    /// Kind key `track` (see [`EffectKind`]).
    pub track: Option<Spanned<String>>,
    /// Kind key `capital` (see [`EffectKind`]).
    pub capital: Option<Spanned<String>>,
    /// Kind key `threat` (see [`EffectKind`]).
    pub threat: Option<Spanned<String>>,
    /// Kind key `show_of_force` (see [`EffectKind`]).
    pub show_of_force: Option<Spanned<String>>,
    /// Kind key `relation` (see [`EffectKind`]).
    pub relation: Option<Spanned<String>>,
    /// Kind key `tension` (see [`EffectKind`]).
    pub tension: Option<Spanned<String>>,
    /// Kind key `sanction` (see [`EffectKind`]).
    pub sanction: Option<Spanned<String>>,
    /// Kind key `ship` (see [`EffectKind`]).
    pub ship: Option<Spanned<String>>,
    /// Kind key `factory` (see [`EffectKind`]).
    pub factory: Option<Spanned<String>>,
    /// Kind key `interdict` (see [`EffectKind`]).
    pub interdict: Option<Spanned<String>>,
    /// Kind key `dismantle` (see [`EffectKind`]).
    pub dismantle: Option<Spanned<String>>,
    /// Kind key `surveil` (see [`EffectKind`]).
    pub surveil: Option<Spanned<String>>,
    /// Kind key `publish` (see [`EffectKind`]).
    pub publish: Option<Spanned<String>>,
    /// Kind key `resolution` (see [`EffectKind`]).
    pub resolution: Option<Spanned<String>>,
    /// Kind key `vote` (see [`EffectKind`]).
    pub vote: Option<Spanned<String>>,
    /// Kind key `offer` (see [`EffectKind`]).
    pub offer: Option<Spanned<String>>,
    /// Kind key `accept` (see [`EffectKind`]).
    pub accept: Option<Spanned<String>>,
    /// Kind key `refuse` (see [`EffectKind`]).
    pub refuse: Option<Spanned<String>>,

    /// Key `of` (see [`Key`]).
    pub of: Option<Spanned<String>>,
    /// Key `from` (see [`Key`]).
    pub from: Option<Spanned<String>>,
    /// Key `toward` (see [`Key`]).
    pub toward: Option<Spanned<String>>,
    /// Key `with` (see [`Key`]).
    pub with: Option<Spanned<String>>,
    /// Key `on` (see [`Key`]).
    pub on: Option<Spanned<String>>,
    /// Key `to` (see [`Key`]).
    pub to: Option<Spanned<String>>,
    /// Key `at` (see [`Key`]).
    pub at: Option<Spanned<String>>,
    /// Key `add` (see [`Key`]).
    pub add: Option<Spanned<RawExpr>>,
    /// Key `set` (see [`Key`]).
    pub set: Option<Spanned<RawExpr>>,
    /// Key `turns` (see [`Key`]).
    pub turns: Option<Spanned<RawExpr>>,
    /// Key `count` (see [`Key`]).
    pub count: Option<Spanned<RawExpr>>,
    /// Key `deal` (see [`Key`]).
    pub deal: Option<Spanned<String>>,
    #[serde(default)]
    /// Key `mutual` (see [`Key`]).
    pub mutual: Option<Spanned<bool>>,
    #[serde(default)]
    /// Key `arrive` (see [`Key`]).
    pub arrive: Vec<Spanned<RawEffect>>,
    #[serde(default)]
    /// Key `each_turn` (see [`Key`]).
    pub each_turn: Vec<Spanned<RawEffect>>,
}

impl RawEffect {
    /// The value of a kind key, if the effect has it. The one place that
    /// maps [`EffectKind`] to the fields above.
    pub fn kind_value(&self, kind: EffectKind) -> Option<&Spanned<String>> {
        match kind {
            EffectKind::Stat => self.stat.as_ref(),
            EffectKind::Track => self.track.as_ref(),
            EffectKind::Capital => self.capital.as_ref(),
            EffectKind::Threat => self.threat.as_ref(),
            EffectKind::ShowOfForce => self.show_of_force.as_ref(),
            EffectKind::Relation => self.relation.as_ref(),
            EffectKind::Tension => self.tension.as_ref(),
            EffectKind::Sanction => self.sanction.as_ref(),
            EffectKind::Ship => self.ship.as_ref(),
            EffectKind::Factory => self.factory.as_ref(),
            EffectKind::Interdict => self.interdict.as_ref(),
            EffectKind::Dismantle => self.dismantle.as_ref(),
            EffectKind::Surveil => self.surveil.as_ref(),
            EffectKind::Publish => self.publish.as_ref(),
            EffectKind::Resolution => self.resolution.as_ref(),
            EffectKind::Vote => self.vote.as_ref(),
            EffectKind::Offer => self.offer.as_ref(),
            EffectKind::Accept => self.accept.as_ref(),
            EffectKind::Refuse => self.refuse.as_ref(),
        }
    }

    /// The actor named by an actor key (`of`, `toward`, …), if given.
    pub fn actor_key(&self, key: Key) -> Option<&Spanned<String>> {
        match key {
            Key::Of => self.of.as_ref(),
            Key::From => self.from.as_ref(),
            Key::Toward => self.toward.as_ref(),
            Key::With => self.with.as_ref(),
            Key::On => self.on.as_ref(),
            Key::To => self.to.as_ref(),
            Key::At => self.at.as_ref(),
            _ => None,
        }
    }

    /// The amount given by an amount key (`add`, `set`, `turns`, `count`), if given.
    pub fn amount_key(&self, key: Key) -> Option<&Spanned<RawExpr>> {
        match key {
            Key::Add => self.add.as_ref(),
            Key::Set => self.set.as_ref(),
            Key::Turns => self.turns.as_ref(),
            Key::Count => self.count.as_ref(),
            _ => None,
        }
    }

    /// The nested effects of `arrive` or `each_turn`.
    pub fn nested(&self, key: Key) -> &[Spanned<RawEffect>] {
        match key {
            Key::Arrive => &self.arrive,
            Key::EachTurn => &self.each_turn,
            _ => &[],
        }
    }

    /// Where a key is written, if the effect has it (a nested list counts
    /// from its first effect, as before: `arrive = []` says nothing).
    pub fn key_span(&self, key: Key) -> Option<Range<usize>> {
        match key {
            Key::Mutual => self.mutual.as_ref().map(|m| m.span()),
            Key::Arrive | Key::EachTurn => self.nested(key).first().map(|e| e.span()),
            Key::Add | Key::Set | Key::Turns | Key::Count => self.amount_key(key).map(|a| a.span()),
            Key::Deal => self.deal.as_ref().map(|d| d.span()),
            _ => self.actor_key(key).map(|a| a.span()),
        }
    }
}

/// One `[[events]]` entry: something that may happen by itself.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Event")]
pub struct RawEvent {
    /// The event's id: a-z, 0-9 and _, starting with a letter; unique among events.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]{0,39}$"))]
    pub id: Spanned<String>,
    /// Shown in reports. Default: the id.
    #[serde(default)]
    pub name: Option<String>,
    /// The event can happen only on turns when this condition holds (no self, target or level).
    pub when: Spanned<String>,
    /// Chance per turn while `when` holds, 0–1: a number or an expression. Default 1.
    #[serde(default)]
    pub chance: Option<Spanned<RawExpr>>,
    /// May happen again on a later turn. Default false (at most once per game).
    #[serde(default)]
    pub repeat: bool,
    /// The instructor may make it happen now from the classroom console (`flashpoint host`). Default false.
    #[serde(default)]
    pub injectable: bool,
    /// What happens (at most 40 effects); actor refs must be actor ids.
    #[serde(default)]
    #[schemars(with = "Vec<EventEffect>")]
    pub effects: Vec<Spanned<RawEffect>>,
    /// The news. Placeholders: only {<actor id>}.
    pub headline: Spanned<String>,
    /// More ways to tell the same news, for an event that repeats (at most 8): on turn N the news is the (N mod count)-th of `headline` and these, so a repeating event does not print the same line every time. Same placeholders as `headline`. Default: none.
    #[serde(default)]
    pub more_headlines: Vec<Spanned<String>>,
}

/// One `[[endings]]` entry: a condition that ends the game early.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Ending")]
pub struct RawEnding {
    /// The ending's id, reported as the outcome: a-z, 0-9 and _, starting with a letter.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]{0,39}$"))]
    pub id: Spanned<String>,
    /// Checked at the end of every turn; the first ending that holds ends the game.
    pub when: Spanned<String>,
    /// What the end screen says.
    pub text: Spanned<String>,
    /// The last headline of the game. Placeholders: only {<actor id>}. Default: the text.
    #[serde(default)]
    pub headline: Option<Spanned<String>>,
}
