//! Helpers shared by the engine's integration tests.
#![allow(dead_code)]

use flashpoint::engine::orders::Order;
use flashpoint::scenario::{Scenario, load_bundled, load_file};

/// The small fixture scenario that uses every effect kind.
pub fn mini() -> Scenario {
    load_file(std::path::Path::new("tests/fixtures/mini.toml")).expect("fixture is valid")
}

/// The default scenario.
pub fn korea() -> Scenario {
    load_bundled("korea-arms-deal")
        .expect("bundled")
        .expect("valid")
}

/// An order written with the scenario's ids.
pub fn order(scn: &Scenario, actor: &str, mv: &str, target: Option<&str>, level: i32) -> Order {
    Order {
        actor: scn.actor_by_id(actor).expect("actor"),
        mv: scn.move_by_id(mv).expect("move"),
        target: target.map(|t| scn.actor_by_id(t).expect("target")),
        level,
    }
}
