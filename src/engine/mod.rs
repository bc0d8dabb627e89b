//! The rules of the game, as pure functions over plain data.
//!
//! [`resolve_turn`] takes a scenario, a state, everyone's orders and a seed
//! and returns the next state with what happened and why. [`resolve`] is the
//! general form: chance comes in as [`Dice`] and bookkeeping as a
//! [`Recorder`], so the AI's what-if turns force outcomes and keep nothing.
//! Nothing here does I/O, reads a clock, or keeps global state; results
//! never depend on hash order or on transcendental floating-point functions.
//! Events and causes carry ids only; [`crate::narrate`] puts them in words.

pub mod conduct;
pub mod council;
pub mod dice;
pub mod effects;
pub mod env;
pub mod events;
pub mod inject;
pub mod intel;
pub mod ledger;
pub mod log;
pub mod orders;
pub mod record;
pub mod resolve;
pub mod rng;
pub mod score;
pub mod state;
pub mod tension;
pub mod turn;
mod world;

pub use dice::Dice;
pub use events::{Covert, Event};
pub use inject::Inject;
pub use intel::{Estimate, Picture, picture};
pub use ledger::{Cause, Change, Meter, Rule};
pub use log::GameLog;
pub use orders::{Order, OrderError, Orders};
pub use record::{EventsOnly, Ledger, Recorder, Silent};
pub use resolve::{Resolution, initial_state, resolve, resolve_forced, resolve_turn};
pub use score::{ActorScore, score};
pub use state::{Outcome, State};
