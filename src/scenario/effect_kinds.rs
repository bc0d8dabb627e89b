//! The effect kinds and the one table of what each needs and allows.
//!
//! An effect in a scenario file is an inline table whose *kind key*
//! (`stat`, `track`, `ship`, …) says what it changes. Which other keys a
//! kind takes, which of them are required, what they default to and where
//! the kind may be used (moves, events, deals, inside `arrive` and
//! `each_turn`) is written down once, in [`KINDS`]. The validator, the JSON
//! schema of the format (`flashpoint schema`) and the effect table of
//! `docs/scenario-format.md` are all made from it, so they cannot disagree.

use std::fmt::Write as _;

/// What an effect changes: one variant per kind key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EffectKind {
    /// `stat`: one of an actor's five stats.
    Stat,
    /// `track`: a track of the scenario.
    Track,
    /// `capital`: an actor's political capital.
    Capital,
    /// `threat`: an actor's threat perception.
    Threat,
    /// `show_of_force`: a display of strength that alarms hostile actors.
    ShowOfForce,
    /// `relation`: how one actor regards another.
    Relation,
    /// `tension`: the tension between a pair.
    Tension,
    /// `sanction`: the sanctions one actor imposes on another.
    Sanction,
    /// `ship`: a shipment of arms, with effects on arrival.
    Ship,
    /// `factory`: a factory with effects every turn.
    Factory,
    /// `interdict`: seizing shipments in transit.
    Interdict,
    /// `dismantle`: removing factories.
    Dismantle,
    /// `surveil`: watching an actor more closely.
    Surveil,
    /// `publish`: making covert acts public.
    Publish,
    /// `resolution`: tabling a council resolution.
    Resolution,
    /// `vote`: a vote on the council's resolutions.
    Vote,
    /// `offer`: offering a deal.
    Offer,
    /// `accept`: accepting offers.
    Accept,
    /// `refuse`: turning down offers and demands.
    Refuse,
}

/// The keys of an effect other than its kind key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// `of`: whose value (a factory's owner).
    Of,
    /// `from`: a shipment's sender.
    From,
    /// `toward`: the actor a relation is about.
    Toward,
    /// `with`: the other actor of a pair.
    With,
    /// `on`: the actor sanctions or votes are aimed at.
    On,
    /// `to`: where a shipment or an offer goes.
    To,
    /// `at`: where a factory stands.
    At,
    /// `add`: an amount added.
    Add,
    /// `set`: a new value.
    Set,
    /// `turns`: a shipment's travel time.
    Turns,
    /// `count`: how many shipments or factories at most.
    Count,
    /// `mutual`: both directions of a relation.
    Mutual,
    /// `arrive`: a shipment's effects on arrival.
    Arrive,
    /// `each_turn`: a factory's effects every turn.
    EachTurn,
    /// `deal`: which deal an answer is about.
    Deal,
}

/// What kind of value a key or a kind key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// An actor id, or `self` / `target` where they have a meaning.
    Actor,
    /// One of the five stat names.
    Stat,
    /// The id of a `[[tracks]]` entry.
    Track,
    /// The id of a `[[deals]]` entry.
    Deal,
    /// `"yes"` or `"no"`.
    Vote,
    /// Free text shown to players (a weapon system, a factory).
    Text,
    /// A number or an expression in quotes.
    Amount,
    /// `true` or `false`.
    Bool,
    /// A list of effects, nested.
    Effects,
}

/// Whether a key must be given, and what it means when it is not.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Need {
    /// The effect is refused without it.
    Required,
    /// Defaults to the acting actor (`self`) in moves and deals; events,
    /// which have no acting actor, must give it.
    SelfInMoves,
    /// Defaults to this number.
    Number(f64),
    /// Defaults to `false`.
    False,
    /// A global track takes none; a per-actor track defaults as
    /// [`Need::SelfInMoves`].
    TrackOwner,
    /// May be left out; then it means "all of them".
    Optional,
}

/// How an effect says by how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// No amount: the effect is an act, not a change of a value.
    None,
    /// `add` is required.
    Add,
    /// Exactly one of `add` and `set`.
    AddOrSet,
    /// `set` is required; the text says what it sets.
    Set(&'static str),
}

/// Where in a scenario an effect list stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// A move's `effects` and `on_failure`.
    Move,
    /// An event's `effects`.
    Event,
    /// A deal's `give` and `take`.
    Deal,
    /// A shipment's `arrive` or a factory's `each_turn`.
    Nested,
}

impl Place {
    /// Every place, in the order of the docs' table.
    pub const ALL: [Place; 4] = [Place::Move, Place::Event, Place::Deal, Place::Nested];

    /// Plain words for the place, used in messages and docs.
    pub fn words(self) -> &'static str {
        match self {
            Place::Move => "moves",
            Place::Event => "events",
            Place::Deal => "deals",
            Place::Nested => "arrive/each_turn",
        }
    }

    fn bit(self) -> u8 {
        match self {
            Place::Move => 1,
            Place::Event => 2,
            Place::Deal => 4,
            Place::Nested => 8,
        }
    }
}

/// A set of places, as a bit set (`MOVES | EVENTS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Places(u8);

impl Places {
    /// Only in moves: acts of the ordering actor.
    pub const MOVES: Places = Places(1);
    /// Moves and events: things that need the top of a list.
    pub const TOP: Places = Places(1 | 2);
    /// Everywhere.
    pub const ALL: Places = Places(1 | 2 | 4 | 8);

    /// Is the place in the set?
    pub fn contains(self, p: Place) -> bool {
        self.0 & p.bit() != 0
    }
}

/// Everything the format says about one effect kind.
#[derive(Debug)]
pub struct KindSpec {
    /// The kind.
    pub kind: EffectKind,
    /// Its kind key as written in files.
    pub key: &'static str,
    /// What the kind key holds.
    pub subject: Value,
    /// Extra words on the kind key's value for the docs ("the sender").
    pub subject_note: &'static str,
    /// The other keys it takes (besides `add` / `set`), and whether each is needed.
    pub keys: &'static [(Key, Need)],
    /// How it says by how much.
    pub amount: Amount,
    /// Where it may be used.
    pub places: Places,
    /// What it does, for the docs and the schema.
    pub summary: &'static str,
}

use EffectKind as K;
use Need::*;

/// The table: one row per effect kind, in the order of the docs.
pub const KINDS: [KindSpec; 19] = [
    KindSpec {
        kind: K::Stat,
        key: "stat",
        subject: Value::Stat,
        subject_note: "",
        keys: &[(Key::Of, SelfInMoves)],
        amount: Amount::AddOrSet,
        places: Places::ALL,
        summary: "Changes that actor's stat (kept 0–100).",
    },
    KindSpec {
        kind: K::Track,
        key: "track",
        subject: Value::Track,
        subject_note: "",
        keys: &[(Key::Of, TrackOwner)],
        amount: Amount::AddOrSet,
        places: Places::ALL,
        summary: "Changes the track (kept within its `min`–`max`).",
    },
    KindSpec {
        kind: K::Capital,
        key: "capital",
        subject: Value::Actor,
        subject_note: "",
        keys: &[],
        amount: Amount::Add,
        places: Places::ALL,
        summary: "Gives (or takes) political capital, kept between 0 and the actor's `max`.",
    },
    KindSpec {
        kind: K::Threat,
        key: "threat",
        subject: Value::Actor,
        subject_note: "",
        keys: &[],
        amount: Amount::Add,
        places: Places::ALL,
        summary: "Changes the actor's threat perception (kept 0–100).",
    },
    KindSpec {
        kind: K::ShowOfForce,
        key: "show_of_force",
        subject: Value::Actor,
        subject_note: "",
        keys: &[],
        amount: Amount::Add,
        places: Places::ALL,
        summary: "A display of strength by that actor: every actor hostile to it feels `amount × hostility` more threat, and the pair's tension rises by half that.",
    },
    KindSpec {
        kind: K::Relation,
        key: "relation",
        subject: Value::Actor,
        subject_note: "",
        keys: &[(Key::Toward, Required), (Key::Mutual, False)],
        amount: Amount::Add,
        places: Places::ALL,
        summary: "Changes how the first actor regards `toward` (kept −100–100). With `mutual = true`, both directions change by the same amount.",
    },
    KindSpec {
        kind: K::Tension,
        key: "tension",
        subject: Value::Actor,
        subject_note: "",
        keys: &[(Key::With, Required)],
        amount: Amount::Add,
        places: Places::ALL,
        summary: "Changes the pair tension between the two (kept 0–100; no ceiling).",
    },
    KindSpec {
        kind: K::Sanction,
        key: "sanction",
        subject: Value::Actor,
        subject_note: "the sender",
        keys: &[(Key::On, Required)],
        amount: Amount::AddOrSet,
        places: Places::ALL,
        summary: "Changes the sanction level the sender imposes on `on` (rounded, kept 0–5).",
    },
    KindSpec {
        kind: K::Ship,
        key: "ship",
        subject: Value::Text,
        subject_note: "the system shipped, e.g. `\"Cruise missiles\"`",
        keys: &[
            (Key::From, SelfInMoves),
            (Key::To, Required),
            (Key::Turns, Number(1.0)),
            (Key::Arrive, Required),
        ],
        amount: Amount::None,
        places: Places::TOP,
        summary: "Sends a shipment of arms. `arrive` effects apply when it arrives. It can be seized in transit by `interdict`.",
    },
    KindSpec {
        kind: K::Factory,
        key: "factory",
        subject: Value::Text,
        subject_note: "the factory's name",
        keys: &[
            (Key::At, Required),
            (Key::Of, SelfInMoves),
            (Key::EachTurn, Required),
        ],
        amount: Amount::None,
        places: Places::TOP,
        summary: "Builds a factory in `at`, owned by `of`, that applies its `each_turn` effects every turn from the next turn on, until dismantled.",
    },
    KindSpec {
        kind: K::Interdict,
        key: "interdict",
        subject: Value::Actor,
        subject_note: "",
        keys: &[(Key::Count, Number(1.0))],
        amount: Amount::None,
        places: Places::MOVES,
        summary: "The ordering actor seizes up to `count` shipments in transit **to or from** that actor (oldest first), except shipments it is itself party to.",
    },
    KindSpec {
        kind: K::Dismantle,
        key: "dismantle",
        subject: Value::Actor,
        subject_note: "",
        keys: &[(Key::Count, Number(1.0))],
        amount: Amount::None,
        places: Places::TOP,
        summary: "Removes up to `count` factories standing in that actor's territory (oldest first).",
    },
    KindSpec {
        kind: K::Surveil,
        key: "surveil",
        subject: Value::Actor,
        subject_note: "",
        keys: &[],
        amount: Amount::Add,
        places: Places::MOVES,
        summary: "Raises the ordering actor's surveillance of that actor (kept 0–1).",
    },
    KindSpec {
        kind: K::Publish,
        key: "publish",
        subject: Value::Actor,
        subject_note: "",
        keys: &[],
        amount: Amount::None,
        places: Places::MOVES,
        summary: "Makes public every covert shipment and factory of that actor (sent, received, owned or standing in it) that the ordering actor knows of.",
    },
    KindSpec {
        kind: K::Resolution,
        key: "resolution",
        subject: Value::Actor,
        subject_note: "whom it is against",
        keys: &[],
        amount: Amount::Set(
            "the council sanction level it proposes: set = \"level\" (0 lifts council sanctions)",
        ),
        places: Places::MOVES,
        summary: "Tables a council resolution, voted on the next turn. `set` is the council sanction level proposed, rounded, 0–5; `0` proposes lifting.",
    },
    KindSpec {
        kind: K::Vote,
        key: "vote",
        subject: Value::Vote,
        subject_note: "",
        keys: &[(Key::On, Required)],
        amount: Amount::None,
        places: Places::MOVES,
        summary: "The ordering actor's vote on the resolutions against `on` that are voted this turn.",
    },
    KindSpec {
        kind: K::Offer,
        key: "offer",
        subject: Value::Deal,
        subject_note: "",
        keys: &[(Key::To, Required)],
        amount: Amount::None,
        places: Places::MOVES,
        summary: "Offers that deal to `to`, who may accept it next turn.",
    },
    KindSpec {
        kind: K::Accept,
        key: "accept",
        subject: Value::Actor,
        subject_note: "the offerer",
        keys: &[(Key::Deal, Optional)],
        amount: Amount::None,
        places: Places::MOVES,
        summary: "Accepts the offers (and demands) that actor made to the ordering actor last turn; with `deal`, only that deal's.",
    },
    KindSpec {
        kind: K::Refuse,
        key: "refuse",
        subject: Value::Actor,
        subject_note: "the offerer",
        keys: &[(Key::Deal, Optional)],
        amount: Amount::None,
        places: Places::MOVES,
        summary: "Turns down the offers (and demands) that actor made to the ordering actor last turn, at once, with the deal's `on_refuse` consequences; with `deal`, only that deal's.",
    },
];

impl EffectKind {
    /// Every kind, in table order.
    pub const ALL: [EffectKind; 19] = [
        K::Stat,
        K::Track,
        K::Capital,
        K::Threat,
        K::ShowOfForce,
        K::Relation,
        K::Tension,
        K::Sanction,
        K::Ship,
        K::Factory,
        K::Interdict,
        K::Dismantle,
        K::Surveil,
        K::Publish,
        K::Resolution,
        K::Vote,
        K::Offer,
        K::Accept,
        K::Refuse,
    ];

    /// Its row of [`KINDS`].
    pub fn spec(self) -> &'static KindSpec {
        // KINDS is in the order of ALL; `kinds_table_is_in_order` checks it.
        &KINDS[self as usize]
    }

    /// The kind key as written in files.
    pub fn key(self) -> &'static str {
        self.spec().key
    }

    /// The kind with this kind key.
    pub fn from_key(key: &str) -> Option<EffectKind> {
        KINDS.iter().find(|s| s.key == key).map(|s| s.kind)
    }

    /// The kinds allowed in a place, in table order.
    pub fn allowed_in(place: Place) -> impl Iterator<Item = EffectKind> {
        KINDS
            .iter()
            .filter(move |s| s.places.contains(place))
            .map(|s| s.kind)
    }
}

impl KindSpec {
    /// Whether the kind takes `key`, and how much it needs it.
    pub fn need(&self, key: Key) -> Option<Need> {
        match (key, self.amount) {
            (Key::Add, Amount::Add | Amount::AddOrSet) => Some(Required),
            (Key::Set, Amount::AddOrSet | Amount::Set(_)) => Some(Required),
            (Key::Add | Key::Set, _) => None,
            _ => self.keys.iter().find(|(k, _)| *k == key).map(|(_, n)| *n),
        }
    }

    /// Every key the kind takes besides its kind key, in a fixed order.
    pub fn allowed_keys(&self) -> Vec<Key> {
        Key::ALL
            .into_iter()
            .filter(|k| self.need(*k).is_some())
            .collect()
    }

    /// Only acts of the ordering actor: refused where there is none.
    pub fn needs_actor(&self) -> bool {
        !self.places.contains(Place::Event)
    }
}

impl Key {
    /// Every key, in the order messages and docs list them.
    pub const ALL: [Key; 15] = [
        Key::Of,
        Key::From,
        Key::Toward,
        Key::With,
        Key::On,
        Key::To,
        Key::At,
        Key::Add,
        Key::Set,
        Key::Turns,
        Key::Count,
        Key::Mutual,
        Key::Arrive,
        Key::EachTurn,
        Key::Deal,
    ];

    /// The key as written in files.
    pub fn name(self) -> &'static str {
        match self {
            Key::Of => "of",
            Key::From => "from",
            Key::Toward => "toward",
            Key::With => "with",
            Key::On => "on",
            Key::To => "to",
            Key::At => "at",
            Key::Add => "add",
            Key::Set => "set",
            Key::Turns => "turns",
            Key::Count => "count",
            Key::Mutual => "mutual",
            Key::Arrive => "arrive",
            Key::EachTurn => "each_turn",
            Key::Deal => "deal",
        }
    }

    /// What the key's value is.
    pub fn value(self) -> Value {
        match self {
            Key::Of | Key::From | Key::Toward | Key::With | Key::On | Key::To | Key::At => {
                Value::Actor
            }
            Key::Add | Key::Set | Key::Turns | Key::Count => Value::Amount,
            Key::Mutual => Value::Bool,
            Key::Arrive | Key::EachTurn => Value::Effects,
            Key::Deal => Value::Deal,
        }
    }

    /// What the key means, for the schema and for messages.
    pub fn meaning(self) -> &'static str {
        match self {
            Key::Of => "whose value changes (for a factory: its owner)",
            Key::From => "the sender of the shipment",
            Key::Toward => "the actor regarded",
            Key::With => "the other actor of the pair",
            Key::On => "the actor it is aimed at",
            Key::To => "the actor it goes to",
            Key::At => "where it stands",
            Key::Add => "how much to add (negative to subtract)",
            Key::Set => "the new value",
            Key::Turns => "turns the shipment travels, counting the turn it is sent",
            Key::Count => "how many at most",
            Key::Mutual => "change both directions",
            Key::Arrive => "the effects when the shipment arrives",
            Key::EachTurn => "the effects the factory has every turn",
            Key::Deal => "the deal answered (default: every pending one from that actor)",
        }
    }
}

impl Value {
    /// Words for the docs' table and messages.
    pub fn words(self) -> &'static str {
        match self {
            Value::Actor => "actor ref",
            Value::Stat => "stat",
            Value::Track => "track id",
            Value::Deal => "deal id",
            Value::Vote => "\"yes\" or \"no\"",
            Value::Text => "text",
            Value::Amount => "amount",
            Value::Bool => "`true`/`false`",
            Value::Effects => "list of effects",
        }
    }
}

/// The effect table of `docs/scenario-format.md` (section 12), made from
/// [`KINDS`]. A test checks that the docs hold exactly this text.
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| Kind key and its value | Other keys (default) | Amount | Where | What it does |\n|---|---|---|---|---|\n",
    );
    for s in &KINDS {
        let subject = match s.subject {
            Value::Stat => format!(
                "`{} = \"<stat>\"` ({})",
                s.key,
                crate::scenario::Stat::ALL
                    .iter()
                    .map(|x| format!("`{}`", x.name()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Value::Vote => format!("`{0} = \"yes\"` or `{0} = \"no\"`", s.key),
            Value::Text => format!("`{} = \"<text>\"` ({})", s.key, s.subject_note),
            v => {
                let mut t = format!("`{} = \"<{}>\"`", s.key, v.words());
                if !s.subject_note.is_empty() {
                    let _ = write!(t, " ({})", s.subject_note);
                }
                t
            }
        };
        let keys: Vec<String> = s
            .keys
            .iter()
            .map(|(k, n)| {
                let need = match n {
                    Required => "**required**".to_string(),
                    SelfInMoves => "`self` in moves; events must give it".to_string(),
                    Number(x) => format!("`{x}`"),
                    False => "`false`".to_string(),
                    TrackOwner => {
                        "only for per-actor tracks, `self` in moves; a global track takes none"
                            .to_string()
                    }
                    Optional => "every pending one".to_string(),
                };
                format!("`{}` = {} ({need})", k.name(), k.value().words())
            })
            .collect();
        let keys = if keys.is_empty() {
            "—".to_string()
        } else {
            keys.join(", ")
        };
        let amount = match s.amount {
            Amount::None => "—",
            Amount::Add => "`add`",
            Amount::AddOrSet => "`add` or `set`",
            Amount::Set(_) => "`set` (**required**)",
        };
        let places = if s.places == Places::ALL {
            "everywhere".to_string()
        } else {
            Place::ALL
                .into_iter()
                .filter(|p| s.places.contains(*p))
                .map(|p| p.words())
                .collect::<Vec<_>>()
                .join(", ")
                + " only"
        };
        let _ = writeln!(
            out,
            "| {subject} | {keys} | {amount} | {places} | {} |",
            s.summary
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_table_is_in_order() {
        for (i, k) in EffectKind::ALL.into_iter().enumerate() {
            assert_eq!(KINDS[i].kind, k, "row {i} of KINDS");
            assert_eq!(EffectKind::from_key(k.key()), Some(k));
        }
    }

    #[test]
    fn keys_are_unique_and_not_kind_keys() {
        for k in Key::ALL {
            assert!(EffectKind::from_key(k.name()).is_none(), "{}", k.name());
        }
        let mut names: Vec<_> = Key::ALL.iter().map(|k| k.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Key::ALL.len());
    }

    #[test]
    fn acts_of_an_actor_are_moves_only_and_nesting_is_shallow() {
        for s in &KINDS {
            if s.needs_actor() {
                assert_eq!(s.places, Places::MOVES, "{}", s.key);
            }
            let nests = s.keys.iter().any(|(k, _)| k.value() == Value::Effects);
            if nests {
                assert!(!s.places.contains(Place::Nested), "{} nests", s.key);
                assert!(!s.places.contains(Place::Deal), "{} in deals", s.key);
            }
        }
    }

    #[test]
    fn amounts_follow_the_rule() {
        let s = EffectKind::Stat.spec();
        assert_eq!(s.need(Key::Add), Some(Required));
        assert_eq!(s.need(Key::Toward), None);
        assert_eq!(
            EffectKind::Relation.spec().allowed_keys(),
            vec![Key::Toward, Key::Add, Key::Mutual]
        );
        assert_eq!(EffectKind::Resolution.spec().need(Key::Add), None);
    }
}
