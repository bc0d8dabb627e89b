//! Scripted orders and scenario tests exactly as written: serde types with
//! source spans, checked by `super::check`. Their doc comments are the
//! descriptions the editor schema (`flashpoint schema`) shows.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::scenario::raw::Spanned;

/// An orders file for `flashpoint simulate --orders FILE` and
/// `flashpoint replay FILE` (see docs/orders.md).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "OrdersFile")]
pub struct RawOrdersFile {
    /// The scenario the orders are for: a bundled id or a path relative to
    /// this file. `replay` needs it (or `--scenario`); `simulate` takes the
    /// scenario from its command line.
    #[serde(default)]
    pub scenario: Option<Spanned<String>>,
    /// The game's seed. Default: the scenario's; `--seed` overrides it.
    #[serde(default)]
    pub seed: Option<Spanned<u64>>,
    /// Actors the AI plays on the turns the script gives them no orders.
    #[serde(default)]
    pub ai: Vec<Spanned<String>>,
    /// Orders per turn, by actor id.
    #[serde(default)]
    pub turn: Vec<Spanned<RawTurn>>,
}

/// One `[[tests]]` entry of a scenario: a line of play and what it must lead to.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Test")]
pub struct RawTest {
    /// What the test shows, in a sentence ("backing down cools the pair").
    pub name: Spanned<String>,
    /// The game's seed. Default: the scenario's seed.
    #[serde(default)]
    pub seed: Option<Spanned<u64>>,
    /// Actors the AI plays on the turns the script gives them no orders.
    /// Every other actor follows the script, and gives no orders on the
    /// turns it does not list.
    #[serde(default)]
    pub ai: Vec<Spanned<String>>,
    /// Stop after this many turns (default: play to the end of the game).
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub turns: Option<Spanned<i64>>,
    /// An orders file (path relative to the scenario) played before the
    /// inline `[[tests.turn]]` entries, which override it where both give
    /// an actor's orders for a turn.
    #[serde(default)]
    pub orders_file: Option<Spanned<String>>,
    /// Orders per turn, by actor id (the same shape as an orders file's `[[turn]]`).
    #[serde(default)]
    pub turn: Vec<Spanned<RawTurn>>,
    /// What must hold, and when.
    #[serde(default)]
    pub expect: Vec<Spanned<RawExpect>>,
}

/// One `[[tests.expect]]` entry: a condition checked at a turn or at the end.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Expectation")]
pub struct RawExpect {
    /// Checked after this turn is played. Without `at` or `by`: at the end of the game.
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub at: Option<Spanned<i64>>,
    /// Must hold after at least one turn from 1 to this one.
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub by: Option<Spanned<i64>>,
    /// A condition in the expression language, e.g. "tension(us, dprk) > 60" or "ended(grand_bargain)".
    pub that: Spanned<String>,
}

/// One scripted order: `{ move = "impose_sanctions", target = "dprk", level = 2 }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ScriptedOrder")]
pub struct RawOrder {
    /// The move's id.
    #[serde(rename = "move")]
    pub mv: Spanned<String>,
    /// The actor it is aimed at (moves with a target only).
    #[serde(default)]
    pub target: Option<Spanned<String>>,
    /// The level, within the move's range. Default: the move's default level.
    #[serde(default)]
    pub level: Option<Spanned<i64>>,
}

/// One `[[turn]]` entry: the turn (`turn = 3`, or `from = 1` with an
/// optional `to = 6`) and, under each actor's id, its orders (`us = [...]`;
/// `us = []` for none).
#[derive(Debug, Default)]
pub struct RawTurn {
    /// The one turn this entry is for.
    pub turn: Option<Spanned<i64>>,
    /// The first turn of a range.
    pub from: Option<Spanned<i64>>,
    /// The last turn of a range (default: to the end of the game).
    pub to: Option<Spanned<i64>>,
    /// Orders by actor id, in file order.
    pub orders: Vec<(Spanned<String>, Spanned<RawOrders>)>,
}

/// One actor's list of orders in a `[[turn]]` entry.
pub type RawOrders = Vec<Spanned<RawOrder>>;

impl<'de> Deserialize<'de> for RawTurn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TurnVisitor;
        impl<'de> Visitor<'de> for TurnVisitor {
            type Value = RawTurn;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table with `turn = N` and orders under actor ids")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawTurn, A::Error> {
                let mut t = RawTurn::default();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    match key.get_ref().as_str() {
                        "turn" => t.turn = Some(map.next_value()?),
                        "from" => t.from = Some(map.next_value()?),
                        "to" => t.to = Some(map.next_value()?),
                        _ => t.orders.push((key, map.next_value()?)),
                    }
                }
                Ok(t)
            }
        }
        d.deserialize_map(TurnVisitor)
    }
}

impl JsonSchema for RawTurn {
    fn schema_name() -> Cow<'static, str> {
        "Turn".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let order = generator.subschema_for::<RawOrder>();
        json_schema!({
            "description": "Orders for one turn (`turn = 3`) or a range of turns (`from = 1`, `to = 6`), under each actor's id: `us = [{ move = \"impose_sanctions\", target = \"dprk\" }]`, or `dprk = []` for no orders.",
            "type": "object",
            "properties": {
                "turn": { "description": "The turn (1 is the first).", "type": "integer", "minimum": 1 },
                "from": { "description": "The first turn of a range.", "type": "integer", "minimum": 1 },
                "to": { "description": "The last turn of a range. Default: the end of the game.", "type": "integer", "minimum": 1 }
            },
            "additionalProperties": {
                "description": "An actor's orders this turn, by actor id.",
                "type": "array",
                "items": order
            }
        })
    }
}
