//! The computer players.
//!
//! A utility AI: for every order an actor could give, it asks the engine
//! "what if?" (one lookahead turn with the order succeeding, one with it
//! failing, weighted by its chance) and scores the results with the
//! actor's objectives and personality from the scenario. It then picks
//! orders greedily within its capital. Seeded noise breaks ties and keeps
//! games varied; the same seed always gives the same decisions.

mod estimate;
mod fixed;
mod utility;

pub use utility::{objective_grades, utility};

use rand::RngExt;

use crate::engine::env::Bound;
use crate::engine::orders::{self, Order, Orders};
use crate::engine::resolve_forced;
use crate::engine::rng::{self, Stream};
use crate::engine::state::State;
use crate::perspective::PlayerView;
use crate::scenario::{ActorId, Scenario};

/// Most orders an AI gives in one turn.
pub const MAX_ORDERS: usize = 3;
/// Size of the seeded noise added to each candidate's value.
const NOISE: f64 = 0.004;
/// How strongly temper (hawks like hostile acts, doves cooperative ones)
/// tilts a candidate's value, per unit of Goldstein scale: small beside
/// objectives, so temper breaks near-ties rather than driving policy.
const TEMPER: f64 = 0.008;
/// Least expected gain worth spending an order on.
const MIN_GAIN: f64 = 0.002;
/// Above this many candidate orders, candidates are first ranked by a
/// cheap estimate ([`estimate`]) and only the best [`KEEP`] get full
/// what-ifs. The bundled scenarios stay below it, so their games are
/// decided exactly as without pruning.
const PRUNE_ABOVE: usize = 256;
/// Candidates kept for full what-ifs when pruning.
const KEEP: usize = 96;

/// Who decides an actor's orders (the default: the normal utility AI).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    /// The utility AI at normal strength (one lookahead turn).
    #[default]
    Utility,
    /// The utility AI, easy: the same lookahead with enough noise that it
    /// often picks a lesser order (for beginners and classrooms).
    Easy,
    /// The utility AI, hard: every what-if is followed by a quiet turn
    /// before it is judged, so consequences that land a turn later (a
    /// Security Council vote, a delivery, sanctions that follow pressure)
    /// count. About twice the thinking time of normal.
    Hard,
    /// Random legal orders (the baseline the AI must beat).
    Random,
    /// No orders at all.
    Passive,
    /// Always the most hostile affordable moves.
    Hawk,
    /// Always the most conciliatory affordable moves.
    Dove,
}

impl Policy {
    /// Every policy, by the name `simulate --policy ACTOR=NAME` takes.
    pub const ALL: [(&'static str, Policy); 7] = [
        ("ai", Policy::Utility),
        ("easy", Policy::Easy),
        ("hard", Policy::Hard),
        ("random", Policy::Random),
        ("passive", Policy::Passive),
        ("hawk", Policy::Hawk),
        ("dove", Policy::Dove),
    ];

    /// The policy called `name` (see [`Policy::ALL`]).
    pub fn named(name: &str) -> Option<Policy> {
        if name.eq_ignore_ascii_case("normal") {
            return Some(Policy::Utility);
        }
        Policy::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, p)| *p)
    }

    /// The three strengths of the utility AI, by the name `--ai` takes.
    pub const STRENGTHS: [(&'static str, Policy); 3] = [
        ("easy", Policy::Easy),
        ("normal", Policy::Utility),
        ("hard", Policy::Hard),
    ];

    /// The strength called `name` (`easy`, `normal` or `hard`).
    pub fn strength(name: &str) -> Option<Policy> {
        Policy::STRENGTHS
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, p)| *p)
    }

    /// The name of this policy in [`Policy::ALL`].
    pub fn name(self) -> &'static str {
        Policy::ALL
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("ai", |(n, _)| n)
    }
}

/// An AI's orders for one turn, each with a one-line reason.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decision {
    pub orders: Vec<Order>,
    pub reasons: Vec<String>,
}

/// A candidate order with its expected value. Its reason is written only
/// if it is chosen.
#[derive(Debug, Clone)]
struct Candidate {
    order: Order,
    cost: f64,
    value: f64,
    gain: f64,
}

/// Decides the orders of the view's observer from its view of the game
/// (never the truth): the engine's lookahead runs on the state the actor
/// believes in.
pub fn decide(scn: &Scenario, view: &PlayerView, seed: u64, policy: Policy) -> Decision {
    let state = view.believed_state(scn);
    let actor = view.observer;
    match policy {
        Policy::Utility => decide_utility(scn, &state, actor, seed, Strength::NORMAL),
        Policy::Easy => decide_utility(scn, &state, actor, seed, Strength::EASY),
        Policy::Hard => decide_utility(scn, &state, actor, seed, Strength::HARD),
        Policy::Random => decide_random(scn, &state, actor, seed),
        Policy::Passive => Decision::default(),
        Policy::Hawk => fixed::decide_leaning(scn, &state, actor, seed, fixed::Lean::Hawk),
        Policy::Dove => fixed::decide_leaning(scn, &state, actor, seed, fixed::Lean::Dove),
    }
}

/// This game's temper of an actor: its personality from the scenario,
/// shifted by a seeded amount fixed for the whole game (leaders differ from
/// one run of history to the next), so games with the same scenario vary.
#[derive(Debug, Clone, PartialEq)]
pub struct Mood {
    pub hawkishness: f64,
    pub risk_tolerance: f64,
    /// How much this game's leaders care for each objective, as a factor
    /// on its weight (one per objective of the actor, in the scenario's
    /// order): the same scenario plays out differently when Pyongyang
    /// values relief more than secrecy in one game and less in the next.
    pub priorities: Vec<f64>,
}

/// How far a game's mood may stray from the scenario's personality.
const MOOD_SPREAD: f64 = 0.6;
/// How far a game's priorities may stray from the objectives' weights, as
/// a share of the weight either way.
const PRIORITY_SPREAD: f64 = 0.5;

/// The mood of `actor` in the game with this seed.
pub fn mood(scn: &Scenario, seed: u64, actor: ActorId) -> Mood {
    let p = &scn.actor(actor).ai;
    let mut g = rng::generator(
        rng::derive_seed(seed, 0x600D),
        0,
        Stream::Order,
        u64::from(actor.0),
    );
    let h: f64 = g.random();
    let r: f64 = g.random();
    let priorities = scn
        .actor(actor)
        .objectives
        .iter()
        .map(|_| 1.0 + PRIORITY_SPREAD * (2.0 * g.random::<f64>() - 1.0))
        .collect();
    Mood {
        hawkishness: (p.hawkishness + MOOD_SPREAD * (h - 0.5)).clamp(0.0, 1.0),
        risk_tolerance: (p.risk_tolerance + MOOD_SPREAD * (r - 0.5)).clamp(0.0, 1.0),
        priorities,
    }
}

fn ai_seed(seed: u64, turn: u32, actor: ActorId) -> u64 {
    rng::derive_seed(
        rng::derive_seed(seed, 0xA1 + u64::from(actor.0)),
        u64::from(turn),
    )
}

/// How hard the utility AI thinks: a deterministic budget, never a clock,
/// so the same seed gives the same game on every machine.
#[derive(Debug, Clone, Copy)]
struct Strength {
    /// Size of the seeded noise added to each candidate's value.
    noise: f64,
    /// Quiet turns played after each what-if before it is judged.
    quiet_turns: u32,
}

impl Strength {
    const EASY: Strength = Strength {
        noise: 12.0 * NOISE,
        quiet_turns: 0,
    };
    const NORMAL: Strength = Strength {
        noise: NOISE,
        quiet_turns: 0,
    };
    const HARD: Strength = Strength {
        noise: NOISE,
        quiet_turns: 1,
    };
}

/// `state` after `turns` more turns in which nobody gives an order: what
/// the scenario's own dynamics (events, decay, deliveries, votes) make of
/// it. A one-turn what-if cannot see a consequence that lands a turn later
/// (pressure that brings a Security Council resolution, a delivery that
/// arrives); quiet turns let the AI see it without guessing others' orders.
/// Offers still waiting for an answer stay pending through the quiet turns:
/// nobody answers in them, and an unanswered offer would count as refused,
/// which is not what the AI expects of its partners (the utility counts
/// its own pending offers at a discount instead).
fn settle(scn: &Scenario, state: State, seed: u64, turns: u32) -> State {
    if turns == 0 || state.is_over() {
        return state;
    }
    let mut s = state;
    let pending = std::mem::take(&mut s.offers);
    for k in 0..turns {
        if s.is_over() {
            break;
        }
        s = resolve_forced(scn, &s, &Orders::default(), seed ^ u64::from(k + 1), true);
    }
    if !s.is_over() {
        s.offers = pending;
    }
    s
}

/// Levels worth trying for a move: its lowest, middle and highest.
fn trial_levels(min: i32, max: i32) -> Vec<i32> {
    let mut v = vec![min, (min + max) / 2, max];
    v.dedup();
    v
}

fn decide_utility(
    scn: &Scenario,
    state: &State,
    actor: ActorId,
    seed: u64,
    strength: Strength,
) -> Decision {
    if state.is_over() {
        return Decision::default();
    }
    // Lookahead never sees the real rolls of this turn's events.
    let look_seed = ai_seed(seed, state.turn, actor);
    let base_state = state;
    let base = resolve_forced(scn, base_state, &Orders::default(), look_seed, true);
    let mood = mood(scn, seed, actor);
    let quiet = strength.quiet_turns;
    let judge = |s: State| {
        let s = settle(scn, s, look_seed, quiet);
        utility(scn, &s, actor, &mood)
    };
    let base_u = judge(base.clone());
    let mut noise = rng::generator(look_seed, state.turn + 1, Stream::Order, 0xA1);
    let personality = &scn.actor(actor).ai;
    let mut cands: Vec<Candidate> = Vec::new();
    let mut options = orders::options_at(scn, base_state, actor, |l| trial_levels(l.min, l.max));
    if options.len() > PRUNE_ABOVE {
        options = prune(scn, base_state, &base, actor, &mood, base_u, options);
    }
    for o in options {
        let m = scn.mv(o.mv);
        let env = Bound::new(scn, base_state, Some(actor), o.target, o.level);
        let chance = m.chance.eval(&env).clamp(0.0, 1.0);
        let cost = m.cost.eval(&env).max(0.0);
        let list = Orders {
            list: vec![o.clone()],
        };
        let u_win = judge(resolve_forced(scn, base_state, &list, look_seed, true));
        let u_lose = if chance < 1.0 {
            judge(resolve_forced(scn, base_state, &list, look_seed, false))
        } else {
            u_win
        };
        let gain = chance * u_win + (1.0 - chance) * u_lose - base_u;
        // Personality: hawks like hostile acts, doves cooperative ones.
        let temper = TEMPER * (mood.hawkishness - 0.5) * (-m.goldstein / 10.0);
        // Capital kept has value; a less active actor values it more.
        let thrift = 0.003 * cost * (1.0 - personality.activity);
        let jitter = strength.noise * (noise.random::<f64>() - 0.5);
        let value = gain + temper - thrift + jitter;
        cands.push(Candidate {
            order: o,
            cost,
            value,
            gain,
        });
    }
    cands.sort_by(|a, b| b.value.total_cmp(&a.value));
    let mut out = Decision::default();
    let mut spent = 0.0;
    let mut chosen_gains = Vec::new();
    for c in cands {
        if out.orders.len() >= MAX_ORDERS || c.value <= MIN_GAIN {
            break;
        }
        if c.gain < 0.0 {
            continue;
        }
        if out.orders.iter().any(|o| o.mv == c.order.mv) {
            continue;
        }
        if orders::check(scn, state, &c.order, spent).is_err() {
            continue;
        }
        spent += c.cost;
        out.orders.push(c.order);
        chosen_gains.push(c.gain);
    }
    // Reasons only for the chosen orders: their what-if (success) is
    // played again, which costs less than writing one for every candidate.
    if !out.orders.is_empty() {
        let base_grades = objective_grades(scn, &base, actor);
        out.reasons = out
            .orders
            .iter()
            .zip(&chosen_gains)
            .map(|(o, gain)| {
                let list = Orders {
                    list: vec![o.clone()],
                };
                let win = resolve_forced(scn, base_state, &list, look_seed, true);
                reason_for(scn, base_state, actor, o, &base_grades, &win, *gain)
            })
            .collect();
    }
    out
}

/// The [`KEEP`] options with the best cheap estimate (ties: the earlier
/// option), in their original order.
fn prune(
    scn: &Scenario,
    start: &State,
    base: &State,
    actor: ActorId,
    mood: &Mood,
    base_u: f64,
    options: Vec<Order>,
) -> Vec<Order> {
    let mut scratch = estimate::Scratch::new(base);
    let activity = scn.actor(actor).ai.activity;
    let mut ranked: Vec<(f64, usize)> = options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let m = scn.mv(o.mv);
            let env = Bound::new(scn, start, Some(actor), o.target, o.level);
            let chance = m.chance.eval(&env).clamp(0.0, 1.0);
            let cost = m.cost.eval(&env).max(0.0);
            let value = |s: &State| utility(scn, s, actor, mood);
            let u_win = scratch.try_effects(scn, &m.effects, &env, value);
            let u_lose = if chance < 1.0 && !m.on_failure.is_empty() {
                scratch.try_effects(scn, &m.on_failure, &env, value)
            } else {
                base_u
            };
            let gain = chance * u_win + (1.0 - chance) * u_lose - base_u;
            let temper = TEMPER * (mood.hawkishness - 0.5) * (-m.goldstein / 10.0);
            let thrift = 0.003 * cost * (1.0 - activity);
            (gain + temper - thrift, i)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut keep: Vec<usize> = ranked.iter().take(KEEP).map(|(_, i)| *i).collect();
    keep.sort_unstable();
    let mut options: Vec<Option<Order>> = options.into_iter().map(Some).collect();
    keep.into_iter().filter_map(|i| options[i].take()).collect()
}

/// One line on why an order was chosen: the objective it helps most, and
/// the facts it read.
fn reason_for(
    scn: &Scenario,
    state: &State,
    me: ActorId,
    o: &Order,
    before: &[f64],
    after: &State,
    gain: f64,
) -> String {
    let grades = objective_grades(scn, after, me);
    let best = grades
        .iter()
        .zip(before)
        .enumerate()
        .map(|(i, (a, b))| (i, a - b))
        .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
    let why = match best {
        Some((i, d)) if d > 0.001 => format!("advances \"{}\"", scn.actor(me).objectives[i].text),
        _ if gain > 0.0 => "improves its position".to_string(),
        _ => "least bad option".to_string(),
    };
    let facts = match o.target {
        Some(t) => format!(
            "relation {:+.0}, tension {:.0}",
            state.relations.get(me, t),
            state.regional
        ),
        None => format!("tension {:.0}", state.regional),
    };
    format!("{}: {why}; {facts}", crate::narrate::order_words(scn, o))
}

fn decide_random(scn: &Scenario, state: &State, actor: ActorId, seed: u64) -> Decision {
    let mut rng = rng::generator(
        ai_seed(seed, state.turn, actor),
        state.turn + 1,
        Stream::Order,
        0xB2,
    );
    let mut out = Decision::default();
    let wanted = rng.random_range(0..=MAX_ORDERS as u32) as usize;
    let mut spent = 0.0;
    let opts = orders::options(scn, state, actor);
    for _ in 0..wanted * 4 {
        if out.orders.len() >= wanted || opts.is_empty() {
            break;
        }
        let pick = &opts[rng.random_range(0..opts.len() as u32) as usize];
        if let Ok(c) = orders::check(scn, state, pick, spent) {
            spent += c;
            out.orders.push(pick.clone());
            out.reasons.push("random legal move".into());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::referee::{Keep, Match, Seat};
    use std::sync::Arc;

    /// The bundled scenarios never reach the pruning threshold, so their
    /// games are decided by full what-ifs of every candidate.
    #[test]
    fn bundled_scenarios_are_never_pruned() {
        let korea = crate::scenario::load_bundled("korea-arms-deal")
            .expect("bundled")
            .expect("valid");
        let strait =
            crate::scenario::load_file(std::path::Path::new("scenarios/strait-standoff.toml"))
                .expect("valid");
        for scn in [korea, strait] {
            let scn = Arc::new(scn);
            let seats = vec![Seat::Ai(Policy::Utility); scn.n()];
            let mut m = Match::new(scn.clone(), 3, seats, Keep::Events);
            let mut most = 0;
            while !m.is_over() {
                for a in scn.actor_ids() {
                    let believed = m.view(a).believed_state(&scn);
                    let n = orders::options_at(&scn, &believed, a, |l| trial_levels(l.min, l.max))
                        .len();
                    most = most.max(n);
                }
                m.play_turn();
            }
            assert!(m.turn() >= 5, "{}: the game ended too soon", scn.meta.id);
            assert!(
                most > 0 && most <= PRUNE_ABOVE,
                "{}: {most} candidates",
                scn.meta.id
            );
        }
    }
}
