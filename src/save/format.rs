//! The save file's types and the conversion between a refereed game
//! ([`Match`]) and a file.
//!
//! A save is TOML. Orders name actors and moves by their scenario ids (so a
//! person can read them); the state is the engine's [`State`] as serde
//! writes it. The scenario is embedded verbatim with its SHA-256.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use toml::value::Datetime;

use std::collections::BTreeMap;

use crate::ai::Policy;
use crate::engine::{Inject, Order, State};
use crate::referee::{Match, Seat};
use crate::scenario::Scenario;

/// The format this version of Flashpoint writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 3;

/// The last line of every save; a file without it was cut short.
pub const END_MARKER: &str = "# end of Flashpoint save";

/// A save file, as it is in TOML (format 3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveFile {
    /// The format of the file; see [`FORMAT_VERSION`].
    pub format_version: u32,
    /// The version of Flashpoint that wrote it (informational).
    pub flashpoint: String,
    /// When it was written (UTC), from the wall clock of the machine.
    pub created: Datetime,
    /// The game the save belongs to (see [`super::GameId`]); absent in
    /// saves written before game ids, which get a derived one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub game_id: Option<String>,
    /// The game's seed.
    pub seed: Seed,
    /// Turns resolved so far (equals `state.turn`).
    pub turn: u32,
    /// The game is over (equals whether `state.outcome` is set): a
    /// finished game is offered for its debrief rather than to continue.
    #[serde(default)]
    pub finished: bool,
    /// Actors played by people, by id; the AI played the others.
    pub humans: Vec<String>,
    /// Computer players that do not play the default policy, by id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub policies: BTreeMap<String, Policy>,
    /// Instructor injects (reserved: always empty in format 1).
    #[serde(default)]
    pub injects: Vec<toml::Table>,
    /// Every resolved turn's orders, in order.
    #[serde(default)]
    pub turns: Vec<TurnEntry>,
    /// What the instructor of a hosted class did, oldest first (format 3;
    /// absent when nobody hosted the game).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instructor: Vec<crate::referee::InstructorNote>,
    /// The meters at the start and after each turn: checked turn by turn
    /// against the replay, so a damaged save names the first bad turn.
    #[serde(default)]
    pub history: Vec<crate::engine::state::Snapshot>,
    /// The state after the last turn.
    pub state: State,
    /// The scenario, embedded.
    pub scenario: ScenarioSection,
}

/// One turn of the order history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TurnEntry {
    /// The turn (1-based); turns appear in order without gaps.
    pub turn: u32,
    /// Every order of every actor, in the order they were given.
    #[serde(default)]
    pub orders: Vec<OrderEntry>,
    /// The instructor's injects of this turn.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub injects: Vec<Inject>,
}

/// One order, with scenario ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderEntry {
    pub actor: String,
    #[serde(rename = "move")]
    pub mv: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    pub level: i32,
    /// Why the computer chose it (absent for a person's order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The embedded scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSection {
    /// The scenario's id (must match the text's `[scenario] id`).
    pub id: String,
    /// Its title (informational).
    pub title: String,
    /// Where it was loaded from when the game began (a path or `bundled:<id>`).
    pub origin: String,
    /// SHA-256 of `text` (UTF-8 bytes), lowercase hex.
    pub sha256: String,
    /// The scenario file's exact text.
    pub text: String,
}

/// A seed: written as a TOML integer when it fits one (up to 2^63−1), and
/// as a decimal string otherwise, since TOML integers are signed 64-bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seed(pub u64);

impl Serialize for Seed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match i64::try_from(self.0) {
            Ok(i) => s.serialize_i64(i),
            Err(_) => s.serialize_str(&self.0.to_string()),
        }
    }
}

impl<'de> Deserialize<'de> for Seed {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Int(i64),
            Str(String),
        }
        match Raw::deserialize(d)? {
            Raw::Int(i) => u64::try_from(i)
                .map(Seed)
                .map_err(|_| serde::de::Error::custom(format!("seed {i} is negative"))),
            Raw::Str(s) => s.trim().parse::<u64>().map(Seed).map_err(|_| {
                serde::de::Error::custom(format!("seed `{s}` is not a whole number 0–2^64−1"))
            }),
        }
    }
}

/// SHA-256 of a scenario's text, lowercase hex: stable across platforms
/// and versions.
pub fn scenario_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The current time as a TOML UTC datetime (whole seconds). Shell only.
pub fn now() -> Datetime {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    datetime_from_unix(secs)
}

/// A UTC datetime from seconds since 1970.
pub fn datetime_from_unix(secs: i64) -> Datetime {
    use toml::value::{Date, Offset, Time};
    // Built field by field (the civil date is clamped to 0000–9999), so
    // there is no string to parse and nothing that can fail.
    let (y, mo, d, h, mi, s) = civil_from_unix(secs);
    let small = |v: u32| u8::try_from(v).unwrap_or(0);
    Datetime {
        date: Some(Date {
            year: u16::try_from(y).unwrap_or(1970),
            month: small(mo),
            day: small(d),
        }),
        time: Some(Time {
            hour: small(h),
            minute: small(mi),
            second: Some(small(s)),
            nanosecond: None,
        }),
        offset: Some(Offset::Z),
    }
}

/// `YYYY-MM-DD HH:MM` (UTC) from seconds since 1970.
pub fn label_from_unix(secs: i64) -> String {
    let (y, mo, d, h, mi, _) = civil_from_unix(secs);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}")
}

/// Calendar date and time (UTC) of a Unix time, by Howard Hinnant's
/// days-from-civil inverse. Years outside 0–9999 are clamped.
fn civil_from_unix(secs: i64) -> (i64, u32, u32, u32, u32, u32) {
    // Clamp to 0000-01-01 .. 9999-12-31 so the label stays four digits.
    let secs = secs.clamp(-62_167_219_200, 253_402_300_799);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        m,
        d,
        (rem / 3600) as u32,
        (rem % 3600 / 60) as u32,
        (rem % 60) as u32,
    )
}

/// One order with scenario ids.
pub fn order_entry(scn: &Scenario, o: &Order, reason: Option<&String>) -> OrderEntry {
    OrderEntry {
        actor: scn.actor(o.actor).id.clone(),
        mv: scn.mv(o.mv).id.clone(),
        target: o.target.map(|t| scn.actor(t).id.clone()),
        level: o.level,
        reason: reason.cloned(),
    }
}

/// The save file of a game.
pub fn from_match(game: &Match, created: Datetime) -> SaveFile {
    let scn = game.scenario();
    let truth = game.truth();
    SaveFile {
        format_version: FORMAT_VERSION,
        flashpoint: env!("CARGO_PKG_VERSION").to_string(),
        created,
        game_id: None,
        seed: Seed(game.seed()),
        turn: truth.state.turn,
        finished: truth.state.is_over(),
        humans: game
            .humans()
            .into_iter()
            .map(|a| scn.actor(a).id.clone())
            .collect(),
        policies: scn
            .actor_ids()
            .filter_map(|a| match game.seats()[a.index()] {
                Seat::Ai(p) if p != Policy::Utility => Some((scn.actor(a).id.clone(), p)),
                _ => None,
            })
            .collect(),
        injects: Vec::new(),
        turns: truth
            .turns
            .iter()
            .map(|t| TurnEntry {
                turn: t.turn,
                orders: t
                    .orders
                    .list
                    .iter()
                    .enumerate()
                    .map(|(i, o)| order_entry(scn, o, t.reasons.get(i).and_then(Option::as_ref)))
                    .collect(),
                injects: t.injects.clone(),
            })
            .collect(),
        instructor: game.instructor_notes().to_vec(),
        history: truth.log.snapshots.clone(),
        state: truth.state.clone(),
        scenario: ScenarioSection {
            id: scn.meta.id.clone(),
            title: scn.meta.title.clone(),
            origin: scn.origin.clone(),
            sha256: scenario_hash(&scn.source),
            text: scn.source.clone(),
        },
    }
}

/// The text of a save file: a comment header, the TOML, the end marker.
pub fn to_text(file: &SaveFile) -> Result<String, super::SaveError> {
    let body = toml::to_string(file).map_err(|e| super::SaveError::Encode(e.to_string()))?;
    let mut out = String::with_capacity(body.len() + 400);
    out.push_str("# Flashpoint saved game (format described in docs/saves.md).\n");
    let game = file
        .game_id
        .as_deref()
        .map(|g| format!(", game {}", g.replace(['\n', '\r'], " ")))
        .unwrap_or_default();
    out.push_str(&format!(
        "# Scenario `{}`, {} turn(s) played, seed {}{game}.\n",
        file.scenario.id.replace(['\n', '\r'], " "),
        file.turn,
        file.seed.0
    ));
    out.push_str(
        "# Loading replays [[turns]] through the engine and checks the result equals [state].\n\n",
    );
    out.push_str(&body);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
    out.push_str(END_MARKER);
    out.push('\n');
    Ok(out)
}

/// The text of a game's save, stamped `created`, without a game id (a
/// game loaded from it gets a derived one).
pub fn game_text(game: &Match, created: Datetime) -> Result<String, super::SaveError> {
    game_text_with_id(game, None, created)
}

/// The text of a game's save, stamped `created`, recording `id` as its
/// game. Refuses a game that could not be loaded back: one with more than
/// [`MAX_ORDERS_PER_ACTOR`](super::load::MAX_ORDERS_PER_ACTOR) orders of an
/// actor in one turn.
pub fn game_text_with_id(
    game: &Match,
    id: Option<&super::GameId>,
    created: Datetime,
) -> Result<String, super::SaveError> {
    let mut file = from_match(game, created);
    file.game_id = id.map(|i| i.as_str().to_string());
    super::load::check_history(std::path::Path::new(""), &file.turns).map_err(|e| {
        super::SaveError::Encode(format!(
            "{} — this game cannot be saved",
            e.to_string().trim_start_matches(": ")
        ))
    })?;
    to_text(&file)
}

/// An order with the computer's reason for it (`None`: a person's order).
pub type Reasoned = (Order, Option<String>);

/// Orders of one turn (each with its reason) with ids resolved against the
/// scenario; an unknown id gives `(what, id)`.
pub fn resolve_orders(
    scn: &Scenario,
    entries: &[OrderEntry],
) -> Result<Vec<Reasoned>, (&'static str, String)> {
    let mut list = Vec::with_capacity(entries.len());
    for e in entries {
        let actor = scn
            .actor_by_id(&e.actor)
            .ok_or(("actor", e.actor.clone()))?;
        let mv = scn.move_by_id(&e.mv).ok_or(("move", e.mv.clone()))?;
        let target = match &e.target {
            None => None,
            Some(t) => Some(scn.actor_by_id(t).ok_or(("target", t.clone()))?),
        };
        list.push((
            Order {
                actor,
                mv,
                target,
                level: e.level,
            },
            e.reason.clone(),
        ));
    }
    Ok(list)
}

/// The seats a save describes: people for `humans`, the computer (with
/// its saved policy, else the default) for everyone else. An unknown id
/// gives `(what, id)`.
pub fn seats(
    scn: &Scenario,
    humans: &[String],
    policies: &BTreeMap<String, Policy>,
) -> Result<Vec<Seat>, (&'static str, String)> {
    let mut seats = vec![Seat::Ai(Policy::Utility); scn.n()];
    for h in humans {
        let a = scn.actor_by_id(h).ok_or(("humans", h.clone()))?;
        seats[a.index()] = Seat::Human;
    }
    for (id, p) in policies {
        let a = scn.actor_by_id(id).ok_or(("policies", id.clone()))?;
        if seats[a.index()] != Seat::Human {
            seats[a.index()] = Seat::Ai(*p);
        }
    }
    Ok(seats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_sha256() {
        assert_eq!(
            scenario_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn civil_dates() {
        assert_eq!(label_from_unix(0), "1970-01-01 00:00");
        assert_eq!(label_from_unix(951_782_400), "2000-02-29 00:00");
        assert_eq!(label_from_unix(1_700_000_000), "2023-11-14 22:13");
        assert_eq!(
            datetime_from_unix(1_700_000_000).to_string(),
            "2023-11-14T22:13:20Z"
        );
        // A clock far off either way still gives a valid datetime.
        assert_eq!(datetime_from_unix(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(
            datetime_from_unix(i64::MIN).to_string(),
            "0000-01-01T00:00:00Z"
        );
        assert_eq!(
            datetime_from_unix(i64::MAX).to_string(),
            "9999-12-31T23:59:59Z"
        );
    }

    #[test]
    fn empty_turns_round_trip() {
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct W {
            turns: Vec<TurnEntry>,
        }
        let w = W {
            turns: vec![
                TurnEntry {
                    turn: 1,
                    orders: vec![],
                    injects: vec![],
                },
                TurnEntry {
                    turn: 2,
                    orders: vec![OrderEntry {
                        actor: "a".into(),
                        mv: "m".into(),
                        target: None,
                        level: 1,
                        reason: Some("because".into()),
                    }],
                    injects: vec![],
                },
            ],
        };
        let t = toml::to_string(&w).unwrap();
        assert!(t.contains("orders = []"), "{t}");
        assert_eq!(toml::from_str::<W>(&t).unwrap(), w);
    }

    #[test]
    fn big_seeds_round_trip() {
        #[derive(Serialize, Deserialize)]
        struct W {
            seed: Seed,
        }
        for s in [0, 42, i64::MAX as u64, i64::MAX as u64 + 1, u64::MAX] {
            let t = toml::to_string(&W { seed: Seed(s) }).unwrap();
            let back: W = toml::from_str(&t).unwrap();
            assert_eq!(back.seed, Seed(s), "{t}");
        }
        assert!(toml::from_str::<W>("seed = -1").is_err());
    }
}
