//! How long the computer players think: the wall time of deciding all
//! computer seats of one turn, measured in the shell around the referee
//! (the engine and the AI never read a clock). Kept apart from
//! [`BatchStats`](super::batch::BatchStats) on purpose: times differ from
//! run to run, statistics must not.

use std::collections::BTreeMap;
use std::time::Instant;

use crate::engine::turn::TurnRecord;
use crate::referee::Match;

/// Per-turn decision times as a histogram in microseconds, each time
/// rounded to three significant digits: memory stays bounded for any
/// number of turns, and merging (threads, games) is exact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TurnTimes {
    /// Microseconds (three significant digits) → turns.
    counts: BTreeMap<u64, u64>,
    turns: u64,
}

/// `us` rounded to three significant digits.
fn three_digits(us: u64) -> u64 {
    let mut scale = 1;
    while us / scale >= 1000 {
        scale *= 10;
    }
    (us + scale / 2) / scale * scale
}

impl TurnTimes {
    /// Counts one turn that took `us` microseconds to decide.
    pub fn add_micros(&mut self, us: u64) {
        *self.counts.entry(three_digits(us)).or_insert(0) += 1;
        self.turns += 1;
    }

    /// Adds other times to these.
    pub fn merge(mut self, o: &TurnTimes) -> TurnTimes {
        for (k, c) in &o.counts {
            *self.counts.entry(*k).or_insert(0) += c;
        }
        self.turns += o.turns;
        self
    }

    /// Turns timed.
    pub fn turns(&self) -> u64 {
        self.turns
    }

    /// The time at share `p` of the sorted times (nearest rank, as
    /// `sorted[round((n-1)·p)]`), in milliseconds.
    pub fn percentile_ms(&self, p: f64) -> f64 {
        if self.turns == 0 {
            return 0.0;
        }
        let rank = ((self.turns - 1) as f64 * p.clamp(0.0, 1.0)).round() as u64;
        let mut seen = 0;
        for (us, c) in &self.counts {
            seen += c;
            if seen > rank {
                return *us as f64 / 1000.0;
            }
        }
        0.0
    }

    /// The one-line summary `simulate` prints.
    pub fn line(&self) -> String {
        format!(
            "AI thinking per turn (all computer actors): p50 {:.1} ms · p95 {:.1} ms · max {:.1} ms ({} turns)",
            self.percentile_ms(0.5),
            self.percentile_ms(0.95),
            self.percentile_ms(1.0),
            self.turns
        )
    }
}

/// Plays the coming turn of `m` like [`Match::play_turn`], timing the
/// decisions of its computer seats (on this thread) into `times`.
pub fn play_turn_timed<'m>(m: &'m mut Match, times: &mut TurnTimes) -> &'m TurnRecord {
    let start = Instant::now();
    let decisions = m.decide_turn();
    let us = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX);
    times.add_micros(us);
    m.resolve(decisions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_to_three_digits_and_percentiles_are_nearest_rank() {
        assert_eq!(three_digits(999), 999);
        assert_eq!(three_digits(12_345), 12_300);
        assert_eq!(three_digits(12_351), 12_400);
        let mut a = TurnTimes::default();
        let mut b = TurnTimes::default();
        for us in [1000, 2000, 3000] {
            a.add_micros(us);
        }
        b.add_micros(10_000);
        let t = a.merge(&b);
        assert_eq!(t.turns(), 4);
        assert_eq!(t.percentile_ms(0.0), 1.0);
        assert_eq!(t.percentile_ms(0.5), 3.0);
        assert_eq!(t.percentile_ms(1.0), 10.0);
        assert!(t.line().contains("p95 10.0 ms") && t.line().contains("(4 turns)"));
    }
}
