//! The rules of the game, as pure functions over plain data.
//!
//! [`resolve_turn`] takes a scenario, a state, everyone's orders and a seed
//! and returns the next state with what happened and why. Nothing here does
//! I/O, reads a clock, or keeps global state; results never depend on hash
//! order or on transcendental floating-point functions.

pub mod council;
pub mod effects;
pub mod env;
pub mod events;
pub mod ledger;
pub mod orders;
pub mod resolve;
pub mod rng;
pub mod score;
pub mod state;
pub mod tension;
pub mod view;
mod world;

pub use events::Event;
pub use ledger::{Cause, Change, Meter, Rule};
pub use orders::{Order, OrderError, Orders};
pub use resolve::{Resolution, initial_state, resolve_forced, resolve_turn};
pub use score::{ActorScore, score};
pub use state::{Outcome, State};
pub use view::{ActorView, view};
