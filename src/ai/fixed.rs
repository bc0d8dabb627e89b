//! Fixed strategies: baselines the utility AI must beat, and probes a
//! designer uses to find a dominant line of play (`simulate --policy`).
//!
//! Each ignores objectives entirely; it only reads what a move is (its
//! Goldstein value from the scenario) and what it costs.

use rand::RngExt;

use super::{Decision, MAX_ORDERS, ai_seed};
use crate::engine::orders::{self, Order};
use crate::engine::rng::{self, Stream};
use crate::engine::state::State;
use crate::scenario::{ActorId, Scenario};

/// Which way a fixed strategy leans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lean {
    /// The most hostile affordable moves (lowest Goldstein), at full level.
    Hawk,
    /// The most conciliatory affordable moves (highest Goldstein), at full level.
    Dove,
}

/// Up to [`MAX_ORDERS`] orders, the most hostile (or conciliatory) first,
/// each at its highest level, within the actor's capital. Ties between
/// equally hostile orders are broken by a seeded draw so the strategy does
/// not always pick the first actor in the file.
pub fn decide_leaning(
    scn: &Scenario,
    state: &State,
    actor: ActorId,
    seed: u64,
    lean: Lean,
) -> Decision {
    let mut out = Decision::default();
    if state.is_over() {
        return out;
    }
    let mut g = rng::generator(
        ai_seed(seed, state.turn, actor),
        state.turn + 1,
        Stream::Order,
        0xC3,
    );
    let mut opts: Vec<(f64, f64, Order)> = orders::options_at(scn, state, actor, |l| vec![l.max])
        .into_iter()
        .map(|o| {
            let g_value = scn.mv(o.mv).goldstein;
            let key = match lean {
                Lean::Hawk => g_value,
                Lean::Dove => -g_value,
            };
            (key, g.random::<f64>(), o)
        })
        .collect();
    opts.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut spent = 0.0;
    for (_, _, o) in opts {
        if out.orders.len() >= MAX_ORDERS {
            break;
        }
        // Only moves that lean the right way at all.
        let g_value = scn.mv(o.mv).goldstein;
        if (lean == Lean::Hawk && g_value >= 0.0) || (lean == Lean::Dove && g_value <= 0.0) {
            continue;
        }
        if out.orders.iter().any(|x| x.mv == o.mv) {
            continue;
        }
        if let Ok(c) = orders::check(scn, state, &o, spent) {
            spent += c;
            out.orders.push(o);
            out.reasons.push(
                match lean {
                    Lean::Hawk => "fixed strategy: most hostile affordable move",
                    Lean::Dove => "fixed strategy: most conciliatory affordable move",
                }
                .into(),
            );
        }
    }
    out
}
