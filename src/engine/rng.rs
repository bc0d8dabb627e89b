//! Seeded randomness: a fresh ChaCha8 generator per (seed, turn, purpose,
//! index), so no generator state is stored and adding a roll in one place
//! never shifts the rolls anywhere else.

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

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
    /// An armed clash between a pair at the brink (index: the pair).
    Clash = 5,
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

/// A scrambled, never-zero id for the `n`-th item a game creates: distinct
/// items get distinct ids (barring a 1-in-2^32 collision, which the caller
/// checks for), and the ids do not reveal how many items exist.
pub fn handle(seed: u64, n: u32) -> u32 {
    (mix(mix(seed ^ 0x1D5_1D5) ^ u64::from(n)) as u32) | 1
}

/// The generator for one purpose in one turn.
pub fn generator(seed: u64, turn: u32, stream: Stream, index: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(generator_seed(seed, turn, stream, index))
}

/// The seed of the generator for one purpose in one turn.
fn generator_seed(seed: u64, turn: u32, stream: Stream, index: u64) -> u64 {
    mix(mix(mix(mix(seed) ^ u64::from(turn)) ^ (stream as u64)) ^ index)
}

/// The first `u64` the generator for (seed, turn, stream, index) gives,
/// computed directly: one ChaCha8 block with the key `seed_from_u64`
/// derives, without building a generator. Bit for bit what
/// `generator(..).random::<u64>()` returns (a test checks it), several
/// times faster; rolls and estimates need only this one number.
fn first_u64(seed: u64, turn: u32, stream: Stream, index: u64) -> u64 {
    let mut state = generator_seed(seed, turn, stream, index);
    // rand_core's `seed_from_u64`: the key from a PCG32 stream.
    let mut key = [0u32; 8];
    for k in &mut key {
        state = state
            .wrapping_mul(0x5851_F42D_4C95_7F2D)
            .wrapping_add(0xA176_54E4_6FBE_17F3);
        let xorshifted = (((state >> 18) ^ state) >> 27) as u32;
        let rot = (state >> 59) as u32;
        *k = xorshifted.rotate_right(rot);
    }
    // ChaCha8, block 0, stream 0.
    let mut input = [0u32; 16];
    input[..4].copy_from_slice(&[0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574]);
    input[4..12].copy_from_slice(&key);
    let mut x = input;
    fn quarter(x: &mut [u32; 16], a: usize, b: usize, c: usize, d: usize) {
        x[a] = x[a].wrapping_add(x[b]);
        x[d] = (x[d] ^ x[a]).rotate_left(16);
        x[c] = x[c].wrapping_add(x[d]);
        x[b] = (x[b] ^ x[c]).rotate_left(12);
        x[a] = x[a].wrapping_add(x[b]);
        x[d] = (x[d] ^ x[a]).rotate_left(8);
        x[c] = x[c].wrapping_add(x[d]);
        x[b] = (x[b] ^ x[c]).rotate_left(7);
    }
    for _ in 0..4 {
        quarter(&mut x, 0, 4, 8, 12);
        quarter(&mut x, 1, 5, 9, 13);
        quarter(&mut x, 2, 6, 10, 14);
        quarter(&mut x, 3, 7, 11, 15);
        quarter(&mut x, 0, 5, 10, 15);
        quarter(&mut x, 1, 6, 11, 12);
        quarter(&mut x, 2, 7, 8, 13);
        quarter(&mut x, 3, 4, 9, 14);
    }
    let lo = x[0].wrapping_add(input[0]);
    let hi = x[1].wrapping_add(input[1]);
    (u64::from(hi) << 32) | u64::from(lo)
}

/// One number uniform in [0, 1) for (seed, turn, stream, index): what
/// `generator(..).random::<f64>()` gives, without building the generator.
pub fn uniform(seed: u64, turn: u32, stream: Stream, index: u64) -> f64 {
    (first_u64(seed, turn, stream, index) >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// One roll: true with probability `chance` (clamped to 0–1).
pub fn roll(seed: u64, turn: u32, stream: Stream, index: u64, chance: f64) -> bool {
    let chance = if chance.is_nan() {
        0.0
    } else {
        chance.clamp(0.0, 1.0)
    };
    uniform(seed, turn, stream, index) < chance
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;

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
    fn the_direct_first_draw_equals_the_generator() {
        let streams = [Stream::Order, Stream::Event, Stream::View, Stream::Reveal];
        for i in 0..20_000u64 {
            let seed = derive_seed(i, i * 7 + 1);
            let turn = (i % 240) as u32;
            let stream = streams[(i % 4) as usize];
            let index = i.wrapping_mul(0x9E37_79B9);
            let mut g = generator(seed, turn, stream, index);
            assert_eq!(first_u64(seed, turn, stream, index), g.random::<u64>());
            let f: f64 = generator(seed, turn, stream, index).random();
            assert_eq!(uniform(seed, turn, stream, index).to_bits(), f.to_bits());
        }
    }

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
