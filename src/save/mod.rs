//! Saved games in `saves/`: versioned TOML, written atomically, verified by replay.

pub mod cli;
