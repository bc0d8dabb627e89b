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
//! ([`outlook`]): the plan with the best expected outlook, plus half its
//! mean final score in a few games played to the end in which the planner
//! keeps giving the plan's orders (its policy, not one turn's luck), plus
//! the personality's leaning, wins. Of that plan it gives every order but
//! the passengers: those worth nothing to it one turn ahead that are a
//! step toward none of its objectives.
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
    /// Games per plan played to the end ([`Rollout::to_the_end`]).
    pub endgames: u32,
}

impl Budget {
    /// The hard strength.
    pub const HARD: Budget = Budget {
        plans: 8,
        samples: 1,
        endgames: 8,
    };

    /// Turns a plan is played forward before it is judged: the planned
    /// turn and a quiet one.
    const HORIZON: u32 = 2;
}

/// The weight of a plan's mean final score in games played to the end,
/// beside its expected outlook at the horizon (weight 1). Measured on 300
/// paired games (docs/model.md, "Strengths"): at 0.5 the hard Russia signs
/// the arms deal in about half its games instead of under a third, and
/// the US, Russia and the DPRK gain; weight 1 or 0.25 gained less.
const END_WEIGHT: f64 = 0.5;

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
    let mut best: Option<(f64, usize)> = None;
    for (p, plan) in plans.iter().enumerate() {
        let total: f64 = (0..budget.samples)
            .map(|s| rollout.expected(plan, s, false).0)
            .sum();
        let ends: f64 = (0..budget.endgames)
            .map(|g| rollout.to_the_end(plan, g))
            .sum();
        let leaning: f64 = plan.iter().map(|&i| ranking.cands[i].leaning).sum();
        let value = total / f64::from(budget.samples.max(1))
            + leaning
            + END_WEIGHT * ends / f64::from(budget.endgames.max(1));
        if best.is_none_or(|(v, _)| value > v) {
            best = Some((value, p));
        }
    }
    let Some((_, p)) = best else {
        return Decision::default();
    };
    let (plan, steps) = without_passengers(&rollout, &plans[p]);
    let orders: Vec<Order> = plan
        .iter()
        .map(|&i| ranking.cands[i].order.clone())
        .collect();
    let gains: Vec<f64> = plan.iter().map(|&i| ranking.cands[i].gain).collect();
    let reasons = greedy::reasons(scn, state, actor, &ranking, &orders, &gains, &steps);
    Decision { orders, reasons }
}

/// For each order of the chosen `plan`, the objective it is a step
/// toward: the one whose expected grade at the plan's horizon is furthest
/// above what the same plan without that order reaches (on the first dice
/// sample, its own rolls weighed as in [`Rollout::expected`]). None when
/// leaving the order out costs no objective: then the order is in the
/// plan for another reason (the personality's leaning, or a side effect
/// the judge values beyond the objectives' grades), and its reason must
/// not borrow the plan's objective.
fn plan_steps(rollout: &Rollout, plan: &[usize]) -> Vec<Option<(usize, u32)>> {
    let (_, with) = rollout.expected(plan, 0, true);
    (0..plan.len())
        .map(|skip| {
            let mut rest = plan.to_vec();
            rest.remove(skip);
            let (_, without) = rollout.expected(&rest, 0, true);
            greedy::most_advanced(with.iter().zip(&without).map(|(a, b)| a - b))
                .map(|k| (k, Budget::HORIZON))
        })
        .collect()
}

/// The chosen `plan` without its passengers, and the plan step of each
/// order it keeps ([`plan_steps`]). A passenger is worth nothing to the
/// actor one turn ahead (its gain is not above zero) and is a step toward
/// none of its objectives (leaving it out costs none), so it only spends
/// capital. The greedy AI never gives such an order; the planner did when
/// plans were nearly equal and the personality's temper tipped one led by
/// a hostile gesture: a hard US re-imposed level-1 sanctions on China 2.4
/// times a game, "least bad option" (docs/model.md, "Strengths").
fn without_passengers(
    rollout: &Rollout,
    plan: &[usize],
) -> (Vec<usize>, Vec<Option<(usize, u32)>>) {
    let mut plan = plan.to_vec();
    // Dropping one can leave another without its step: until none is left.
    loop {
        let steps = plan_steps(rollout, &plan);
        let before = plan.len();
        let mut step = steps.iter();
        plan.retain(|&i| {
            let is_step = step.next().is_some_and(Option::is_some);
            rollout.ranking.cands[i].gain > 0.0 || is_step
        });
        if plan.len() == before {
            return (plan, steps);
        }
    }
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
    /// and, if `grades`, the expected grade of each of its objectives
    /// there ([`objective_grades`]; empty otherwise). Every combination of
    /// its own orders succeeding or failing is played and weighted by its
    /// chance (at most 2^3 branches): luck in its own rolls must not make
    /// a plan look better than it is. The others' rolls and the events'
    /// come from the sample's seed, the same for every plan.
    fn expected(&self, plan: &[usize], sample: u32, grades: bool) -> (f64, Vec<f64>) {
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
        let mut mean = Vec::new();
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
            if grades {
                let g = objective_grades(scn, &end, me);
                mean.resize(g.len(), 0.0);
                for (m, x) in mean.iter_mut().zip(g) {
                    *m += weight * x;
                }
            }
        }
        (total, mean)
    }

    /// The planner's final score ([`outlook`] of the finished game) in game
    /// `game` played to the end: this turn the others give what it
    /// expects and it gives `plan`, then it alone gives the plan's orders
    /// every turn (those the rules no longer allow are refused, as in any
    /// turn) while the others give none. All rolls come from the game's
    /// seed, derived from the ranking's, so the same plans meet the same
    /// luck. It values a plan as a policy kept up, which a two-turn
    /// horizon cannot: talks that pay off after several rounds, or
    /// pressure that adds up.
    fn to_the_end(&self, plan: &[usize], game: u32) -> f64 {
        let (scn, ranking) = (self.scn, self.ranking);
        let mine: Vec<Order> = plan
            .iter()
            .map(|&i| ranking.cands[i].order.clone())
            .collect();
        let mut list = self.others.to_vec();
        list.extend(mine.iter().cloned());
        let seed = rng::derive_seed(ranking.look_seed, 0xE4D0 + u64::from(game));
        let mut s = resolve(
            scn,
            self.state,
            &Orders { list },
            &[],
            Dice::seeded(seed),
            &mut Silent,
        );
        let mine = Orders { list: mine };
        // The game ends at its turn limit; the bound only guards a loop.
        for t in 1..=u64::from(scn.meta.turns) + 1 {
            if s.is_over() {
                break;
            }
            let dice = Dice::seeded(seed ^ (t * 0x9E37));
            s = resolve(scn, &s, &mine, &[], dice, &mut Silent);
        }
        outlook(scn, &s, self.me)
    }
}
