//! Game ids: which game a save belongs to, so that each game has its own
//! autosave (`autosave-<scenario>-<game id>.toml`) and starting a new game
//! never replaces another one's.
//!
//! The id is chosen at random by the shell when a game starts (never by the
//! engine, which stays deterministic), stored in every save of the game as
//! `game_id`, and read back when the game is loaded, so a continued game
//! keeps autosaving to the same file. A save written before game ids
//! existed gets an id derived from what identifies its game: the embedded
//! scenario's hash, the seed, the players and when it was written.

use std::fmt;

use sha2::{Digest, Sha256};

/// Letters of an id: digits and lowercase letters without `i`, `l`, `o`,
/// `u` (Crockford's base 32), so an id read aloud or retyped stays right.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Length of the ids made here: 40 random bits, enough that two games in
/// one folder never meet by chance.
const LEN: usize = 8;

/// Longest id accepted from a file.
pub const MAX_LEN: usize = 32;

/// A game's id: 1–32 characters of `a-z`, `0-9` and `-`, safe in a file
/// name on every system.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GameId(String);

impl GameId {
    /// A fresh random id, for a game that starts now. Shell only: it reads
    /// the system's per-process random keys and the clock.
    pub fn random() -> GameId {
        use std::hash::{BuildHasher, Hasher};
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        // RandomState is keyed from the operating system's random source;
        // the clock, process id and a counter make each call differ.
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        h.write_u128(now);
        h.write_u32(std::process::id());
        h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        GameId(encode(&h.finish().to_le_bytes()))
    }

    /// The id of a save that has none (written before game ids existed):
    /// derived from its scenario hash, seed, players and creation time, so
    /// every load of that file gives the same id.
    pub fn derived(scenario_sha256: &str, seed: u64, humans: &[String], created: &str) -> GameId {
        let mut h = Sha256::new();
        h.update(b"flashpoint game id\0");
        h.update(scenario_sha256.trim().to_ascii_lowercase().as_bytes());
        h.update(b"\0");
        h.update(seed.to_le_bytes());
        for who in humans {
            h.update(who.as_bytes());
            h.update(b"\0");
        }
        h.update(b"\0");
        h.update(created.as_bytes());
        GameId(encode(&h.finalize()))
    }

    /// An id read from a file or typed, if it is one (see [`GameId`]).
    pub fn parse(s: &str) -> Option<GameId> {
        let ok = !s.is_empty()
            && s.len() <= MAX_LEN
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        ok.then(|| GameId(s.to_string()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for GameId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The first [`LEN`] base-32 letters of `bytes` (5 bits each; `bytes`
/// holds at least 5).
fn encode(bytes: &[u8]) -> String {
    let mut bits = 0u64;
    let mut nbits = 0u32;
    let mut out = String::with_capacity(LEN);
    for &b in bytes {
        bits = (bits << 8) | u64::from(b);
        nbits += 8;
        while nbits >= 5 {
            nbits -= 5;
            out.push(char::from(ALPHABET[((bits >> nbits) & 31) as usize]));
            if out.len() == LEN {
                return out;
            }
        }
        bits &= (1 << nbits) - 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_ids_are_short_valid_and_differ() {
        let a = GameId::random();
        let b = GameId::random();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), LEN);
        assert_eq!(GameId::parse(a.as_str()), Some(a));
    }

    #[test]
    fn derived_ids_are_stable_and_depend_on_the_game() {
        let h = vec!["us".to_string()];
        let a = GameId::derived("ab", 1, &h, "2030-01-01T00:00:00Z");
        assert_eq!(a, GameId::derived("AB", 1, &h, "2030-01-01T00:00:00Z"));
        assert_ne!(a, GameId::derived("ab", 2, &h, "2030-01-01T00:00:00Z"));
        assert_ne!(a, GameId::derived("ab", 1, &[], "2030-01-01T00:00:00Z"));
        assert_ne!(a, GameId::derived("ab", 1, &h, "2030-01-01T00:00:01Z"));
        assert!(GameId::parse(a.as_str()).is_some());
    }

    #[test]
    fn only_file_name_safe_ids_parse() {
        for good in ["a", "7k2m9qxa", "game-2", &"x".repeat(MAX_LEN)] {
            assert!(GameId::parse(good).is_some(), "{good}");
        }
        for bad in [
            "",
            "A",
            "a/b",
            "..",
            "a.b",
            "a b",
            "é",
            "\u{1b}[31m",
            &"x".repeat(MAX_LEN + 1),
        ] {
            assert!(GameId::parse(bad).is_none(), "{bad:?}");
        }
    }
}
