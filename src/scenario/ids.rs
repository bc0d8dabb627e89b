//! Typed indices into a validated scenario, and the five actor stats.
//!
//! Ids in the TOML are strings; after validation they become these small
//! indices, so the engine can never hold a reference to something that
//! does not exist and never looks anything up by name.

use serde::{Deserialize, Serialize};

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u16);

        impl $name {
            /// The position in the scenario's list.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_type!(
    /// An actor, by its position in the scenario's `[[actors]]` list.
    ActorId
);
index_type!(
    /// A move, by its position in the scenario's `[[moves]]` list.
    MoveId
);
index_type!(
    /// A track, by its position in the scenario's `[[tracks]]` list.
    TrackId
);
index_type!(
    /// A scripted event, by its position in the scenario's `[[events]]` list.
    EventId
);
index_type!(
    /// A named weapon system or plant (what `ship` and `factory` effects
    /// name), by its position in [`crate::scenario::Scenario::systems`], so
    /// states carry a small index instead of a copy of the name.
    SystemId
);

/// The five stats every actor has, each 0–100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stat {
    /// Armed strength; weighs the actor's voice in regional tension.
    Military,
    /// Economic strength; drained by sanctions.
    Economy,
    /// Internal stability.
    Stability,
    /// International standing.
    Prestige,
    /// Intelligence capability; sharpens estimates of others.
    Intel,
}

impl Stat {
    /// Every stat in a fixed order (the order of storage and display).
    pub const ALL: [Stat; 5] = [
        Stat::Military,
        Stat::Economy,
        Stat::Stability,
        Stat::Prestige,
        Stat::Intel,
    ];

    /// The name used in scenario files and expressions.
    pub fn name(self) -> &'static str {
        match self {
            Stat::Military => "military",
            Stat::Economy => "economy",
            Stat::Stability => "stability",
            Stat::Prestige => "prestige",
            Stat::Intel => "intel",
        }
    }

    /// Looks a stat up by its scenario name.
    pub fn from_name(name: &str) -> Option<Stat> {
        Stat::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Position in [`Stat::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}
