//! Seeded randomness: a fresh ChaCha8 generator per (seed, turn, purpose,
//! index), so no generator state is stored and adding a roll in one place
//! never shifts the rolls anywhere else.

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

/// What a roll is for; part of the generator's seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum Stream {
    /// Success of an order (index: its place in the turn's orders).
    Order = 1,
    /// A scripted event firing (index: the event).
    Event = 2,
    /// Fog-of-war estimates (index: observer and value).
    View = 3,
    /// A covert act being discovered (index: act and observer).
    Reveal = 4,
}

/// SplitMix64's finaliser: spreads nearby inputs far apart.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Combines a base seed with a game index (for batches of games).
pub fn derive_seed(base: u64, index: u64) -> u64 {
    mix(mix(base) ^ index)
}

/// The generator for one purpose in one turn.
pub fn generator(seed: u64, turn: u32, stream: Stream, index: u64) -> ChaCha8Rng {
    let s = mix(mix(mix(seed) ^ u64::from(turn)) ^ (stream as u64)) ^ index;
    ChaCha8Rng::seed_from_u64(mix(s))
}

/// One roll: true with probability `chance` (clamped to 0–1).
pub fn roll(seed: u64, turn: u32, stream: Stream, index: u64, chance: f64) -> bool {
    let chance = if chance.is_nan() {
        0.0
    } else {
        chance.clamp(0.0, 1.0)
    };
    let x: f64 = generator(seed, turn, stream, index).random();
    x < chance
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rolls_are_reproducible_and_follow_the_chance() {
        assert_eq!(
            roll(7, 3, Stream::Order, 2, 0.5),
            roll(7, 3, Stream::Order, 2, 0.5)
        );
        let hits = (0..10_000u64)
            .filter(|i| roll(1, 1, Stream::Event, *i, 0.3))
            .count();
        assert!((2_800..3_200).contains(&hits), "{hits}");
        assert!(!roll(1, 1, Stream::Event, 0, 0.0));
        assert!(roll(1, 1, Stream::Event, 0, 1.0));
    }

    const PINNED: (u64, u64, u64) = (
        6_546_654_642_589_211_683,
        10_452_298_159_284_218_066,
        4_605_924_254_239_434_754,
    );
    const PINNED_DERIVED: u64 = 2_159_871_899_846_873_932;

    #[test]
    fn known_value_pins_the_generator() {
        // Literal values: if a `rand` upgrade or a change to the seeding
        // changes them, every saved game becomes a replay mismatch and every
        // published seed a different game. Do not update them lightly.
        let x: u64 = generator(42, 1, Stream::Order, 0).random();
        let y: u64 = generator(42, 2, Stream::Order, 0).random();
        let f: f64 = generator(7, 3, Stream::Event, 5).random();
        assert_eq!((x, y, f.to_bits()), PINNED);
        assert_eq!(derive_seed(2026, 3), PINNED_DERIVED);
    }
}
