//! Flashpoint: a turn-based geopolitical crisis game.
//!
//! The crate is a functional core ([`engine`], [`ai`], [`scenario`]) wrapped
//! by an imperative shell ([`cli`], and later the terminal UI and saves).
//! The core does no I/O and reads no clock: the same scenario, seed and
//! orders give the same game on every machine.

pub mod ai;
pub mod catalog;
pub mod classroom;
pub mod cli;
pub mod debrief;
pub mod engine;
/// Reading files a user names (saves, scenarios, orders): regular files
/// only, never blocking, never more than a cap.
pub mod files;
pub mod host;
pub mod narrate;
pub mod perspective;
pub mod referee;
pub mod save;
pub mod scenario;
pub mod sim;
pub mod tui;
