//! Chance as a parameter of resolution. Play rolls seeded dice; the AI's
//! what-if lookahead forces orders to succeed or fail (all of them, or each
//! as given) while events and discoveries still roll from a seed of its own.
//! The engine never decides which: whoever calls it passes the dice.

use super::rng::{self, Stream};

/// How the orders' success rolls are decided.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OrderRolls<'a> {
    /// Roll each order's chance with the seed.
    Roll,
    /// Every order succeeds (`true`) or fails (`false`).
    Always(bool),
    /// Order `i` (its place in the turn's orders) succeeds when `given[i]`;
    /// orders past the end of the list roll.
    Given(&'a [bool]),
}

/// The dice of one resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dice<'a> {
    /// Seed of every roll that is not forced.
    pub seed: u64,
    pub orders: OrderRolls<'a>,
}

impl<'a> Dice<'a> {
    /// Fair dice from a seed: what real games use.
    pub fn seeded(seed: u64) -> Self {
        Dice {
            seed,
            orders: OrderRolls::Roll,
        }
    }

    /// Orders all succeed or all fail; everything else rolls from `seed`.
    pub fn forced(seed: u64, success: bool) -> Self {
        Dice {
            seed,
            orders: OrderRolls::Always(success),
        }
    }

    /// Each order's outcome given; everything else rolls from `seed`.
    pub fn given(seed: u64, outcomes: &'a [bool]) -> Self {
        Dice {
            seed,
            orders: OrderRolls::Given(outcomes),
        }
    }

    /// Does order `index` of turn `turn` succeed, given its chance?
    pub fn order(&self, turn: u32, index: u16, chance: f64) -> bool {
        match self.orders {
            OrderRolls::Always(x) => x,
            OrderRolls::Given(list) if usize::from(index) < list.len() => list[usize::from(index)],
            _ => rng::roll(self.seed, turn, Stream::Order, u64::from(index), chance),
        }
    }

    /// Does scripted event `event` fire this turn, given its chance?
    pub fn event(&self, turn: u32, event: usize, chance: f64) -> bool {
        rng::roll(self.seed, turn, Stream::Event, event as u64, chance)
    }

    /// Does a pair at the top of the crisis ladder come to blows (`pair`
    /// names the pair)? A what-if (orders forced or given) never rolls a
    /// clash: one lucky or unlucky roll would swamp every other difference
    /// between candidates, so the AI prices the risk itself instead.
    pub fn clash(&self, turn: u32, pair: u64, chance: f64) -> bool {
        match self.orders {
            OrderRolls::Roll => rng::roll(self.seed, turn, Stream::Clash, pair, chance),
            _ => false,
        }
    }

    /// Does a covert act come to light for an observer (`key` names both)?
    pub fn reveal(&self, turn: u32, key: u64, chance: f64) -> bool {
        rng::roll(self.seed, turn, Stream::Reveal, key, chance)
    }
}
