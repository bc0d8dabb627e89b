//! Flashpoint: a turn-based geopolitical crisis game.
//!
//! The crate is a functional core ([`engine`], [`ai`], [`scenario`],
//! [`perspective`], [`referee`]) wrapped by an imperative shell ([`cli`],
//! [`tui`], [`save`], [`host`] and [`classroom`]). The core does no I/O and
//! reads no clock: the same scenario, seed and orders give the same game on
//! every machine. `docs/architecture.md` maps the modules.

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
