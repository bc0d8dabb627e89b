//! The planner: the hard computer player.
//!
//! It starts from the greedy ranking of its own orders ([`greedy::rank`])
//! and builds a handful of candidate plans for this turn: the greedy pick,
//! doing nothing, the greedy pick without each of its orders, and plans
//! led by the best order of each move the greedy pick left out (a
//! resolution whose vote comes next turn, a step that costs now and pays
//! later). Each plan is played forward two turns (the planned one, then a
//! quiet one) against what it expects the others to do — their own greedy
//! choices, worked out from its believed state with the personality the
//! scenario gives them, never from the truth. Every combination of its own
//! orders succeeding or failing is played and weighted by its chance; the
//! others' rolls come from seeds derived from the game's seed. Plans are
//! proposed by the actor's personality (its ranking, with this game's
//! priorities) but judged by the score it can expect at the end
//! ([`outlook`]): the plan with the best expected outlook, plus the
//! personality's leaning, wins.
//!
//! The budget is a count of plans, dice samples and turns, never a clock,
//! so the same seed gives the same game on every machine.

use super::greedy::{self, Ranking};
use super::utility::{objective_grades, outlook};
use super::{Decision, Mood, Strength, mood, settle};
use crate::engine::orders::{self, Order, Orders};
use crate::engine::rng::{self, Stream};
use crate::engine::state::State;
use crate::engine::{Dice, Silent, resolve};
use crate::scenario::{ActorId, Scenario};

/// How much the planner thinks: a deterministic budget.
#[derive(Debug, Clone, Copy)]
pub(super) struct Budget {
    /// Most candidate plans played forward.
    pub plans: usize,
    /// Dice samples per plan (the same seeds for every plan, so plans are
    /// compared on the same luck).
    pub samples: u32,
}

impl Budget {
    /// The hard strength.
    pub const HARD: Budget = Budget {
        plans: 8,
        samples: 1,
    };

    /// Turns a plan is played forward before it is judged: the planned
    /// turn and a quiet one.
    const HORIZON: u32 = 2;
}

/// Ranking strength for the planner's own orders and its guesses at the
/// others': no noise (the plans differ enough), no quiet turns (the
/// rollouts play them).
const PLAIN: Strength = Strength {
    noise: 0.0,
    quiet_turns: 0,
};

/// The planner's decision for `actor` in its believed `state`.
pub(super) fn decide(
    scn: &Scenario,
    state: &State,
    actor: ActorId,
    seed: u64,
    budget: Budget,
) -> Decision {
    if state.is_over() {
        return Decision::default();
    }
    let mood = mood(scn, seed, actor);
    let ranking = greedy::rank(scn, state, actor, seed, PLAIN, &mood);
    let others = expected_orders(scn, state, actor, seed);
    let plans = candidate_plans(scn, state, &ranking, budget.plans);
    let rollout = Rollout {
        scn,
        state,
        me: actor,
        ranking: &ranking,
        others: &others,
    };
    let mut best: Option<(f64, usize, State)> = None;
    let mut idle_end: Option<State> = None;
    for (p, plan) in plans.iter().enumerate() {
        let mut total = 0.0;
        let mut first_end = None;
        for s in 0..budget.samples {
            let (value, end) = rollout.expected(plan, s);
            total += value;
            if s == 0 {
                first_end = Some(end);
            }
        }
        let leaning: f64 = plan.iter().map(|&i| ranking.cands[i].leaning).sum();
        let value = total / f64::from(budget.samples.max(1)) + leaning;
        if plan.is_empty() {
            idle_end.clone_from(&first_end);
        }
        if best.as_ref().is_none_or(|(v, _, _)| value > *v)
            && let Some(end) = first_end
        {
            best = Some((value, p, end));
        }
    }
    let Some((_, p, end)) = best else {
        return Decision::default();
    };
    let plan = &plans[p];
    let orders: Vec<Order> = plan
        .iter()
        .map(|&i| ranking.cands[i].order.clone())
        .collect();
    let gains: Vec<f64> = plan.iter().map(|&i| ranking.cands[i].gain).collect();
    let goal = idle_end.map(|idle| {
        let with = objective_grades(scn, &end, actor);
        let without = objective_grades(scn, &idle, actor);
        with.iter()
            .zip(&without)
            .enumerate()
            .map(|(k, (a, b))| (k, a - b))
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
            .filter(|(_, d)| *d > 0.001)
            .map(|(k, _)| (k, Budget::HORIZON))
    });
    let reasons = greedy::reasons(scn, state, actor, &ranking, &orders, &gains, goal.flatten());
    Decision { orders, reasons }
}

/// What `me` expects every other actor to order this turn: each one's
/// greedy choice from `me`'s believed state, valued with the personality
/// the scenario gives it (`me` cannot know this game's moods).
fn expected_orders(scn: &Scenario, state: &State, me: ActorId, seed: u64) -> Vec<Order> {
    let guess_seed = rng::derive_seed(seed, 0x6E55 + u64::from(me.0));
    scn.actor_ids()
        .filter(|b| *b != me)
        .flat_map(|b| {
            let mood = typical_mood(scn, b);
            let r = greedy::rank(scn, state, b, guess_seed, PLAIN, &mood);
            greedy::pick(scn, state, &r.cands, None)
                .into_iter()
                .map(|i| r.cands[i].order.clone())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// An actor's mood as the scenario describes its personality, without
/// this game's shifts (which only that actor knows).
fn typical_mood(scn: &Scenario, actor: ActorId) -> Mood {
    let a = scn.actor(actor);
    Mood {
        hawkishness: a.ai.hawkishness,
        risk_tolerance: a.ai.risk_tolerance,
        priorities: vec![1.0; a.objectives.len()],
    }
}

/// The plans worth playing forward, as indices into the ranking: the
/// greedy pick first (it wins ties), doing nothing, the greedy pick
/// without each of its orders, then plans led by the best-ranked order of
/// each move the greedy pick left out. At most `most`, no two alike.
fn candidate_plans(
    scn: &Scenario,
    state: &State,
    ranking: &Ranking,
    most: usize,
) -> Vec<Vec<usize>> {
    let cands = &ranking.cands;
    let greedy = greedy::pick(scn, state, cands, None);
    let mut plans: Vec<Vec<usize>> = vec![greedy.clone(), Vec::new()];
    if greedy.len() >= 2 {
        for skip in 0..greedy.len() {
            let mut p = greedy.clone();
            p.remove(skip);
            plans.push(p);
        }
    }
    let mut tried = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        if plans.len() >= most {
            break;
        }
        let mv = c.order.mv;
        if greedy.iter().any(|&g| cands[g].order.mv == mv) || tried.contains(&mv) {
            continue;
        }
        tried.push(mv);
        plans.push(greedy::pick(scn, state, cands, Some(i)));
    }
    // The same orders in another order are the same plan.
    let mut seen: Vec<Vec<usize>> = Vec::new();
    plans.retain(|p| {
        let mut key = p.clone();
        key.sort_unstable();
        let new = !seen.contains(&key);
        if new {
            seen.push(key);
        }
        new
    });
    plans.truncate(most);
    plans
}

/// What a plan is played forward against: the turn's state, the
/// planner's ranking, and what it expects of the others.
struct Rollout<'a> {
    scn: &'a Scenario,
    state: &'a State,
    me: ActorId,
    ranking: &'a Ranking,
    others: &'a [Order],
}

impl Rollout<'_> {
    /// The expected outlook at the planner's horizon if `me` gives `plan`
    /// now and the others give what it expects, on dice sample `sample`,
    /// and the likeliest end state. Every combination of its own orders
    /// succeeding or failing is played and weighted by its chance (at most
    /// 2^3 branches): luck in its own rolls must not make a plan look
    /// better than it is. The others' rolls and the events' come from the
    /// sample's seed, the same for every plan.
    fn expected(&self, plan: &[usize], sample: u32) -> (f64, State) {
        let Rollout {
            scn,
            state,
            me,
            ranking,
            others,
        } = *self;
        let dice_seed = rng::derive_seed(ranking.look_seed, 0x5A3D + u64::from(sample));
        let mine: Vec<&Order> = plan.iter().map(|&i| &ranking.cands[i].order).collect();
        let mut list: Vec<Order> = others.to_vec();
        let mut outcomes: Vec<bool> = others
            .iter()
            .enumerate()
            .map(|(j, o)| {
                let p = orders::chance(scn, state, o);
                rng::roll(dice_seed, state.turn + 1, Stream::Order, j as u64, p)
            })
            .collect();
        list.extend(mine.iter().map(|o| (*o).clone()));
        let orders = Orders { list };
        let chances: Vec<f64> = mine.iter().map(|o| orders::chance(scn, state, o)).collect();
        let mut total = 0.0;
        let mut likeliest: Option<(f64, State)> = None;
        for combo in 0u32..(1 << mine.len()) {
            let mut weight = 1.0;
            outcomes.truncate(others.len());
            for (k, p) in chances.iter().enumerate() {
                let win = combo & (1 << k) == 0;
                weight *= if win { *p } else { 1.0 - p };
                outcomes.push(win);
            }
            if weight <= 0.0 {
                continue;
            }
            let dice = Dice::given(dice_seed, &outcomes);
            let next = resolve(scn, state, &orders, &[], dice, &mut Silent);
            let end = settle(scn, next, dice_seed, Budget::HORIZON - 1);
            total += weight * outlook(scn, &end, me);
            if likeliest.as_ref().is_none_or(|(w, _)| weight > *w) {
                likeliest = Some((weight, end));
            }
        }
        let end = likeliest.map_or_else(|| state.clone(), |(_, e)| e);
        (total, end)
    }
}
