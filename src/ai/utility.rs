//! What an actor wants: a number for how good a state is from its point of
//! view, built from its objectives and personality in the scenario.

use crate::engine::env::Bound;
use std::borrow::Cow;

use super::Mood;
use super::estimate::Scratch;
use crate::engine::effects::concretize_all;
use crate::engine::score::objective_progress;
use crate::engine::state::{Delta, Outcome, State};
use crate::scenario::{ActorId, Objective, Over, Scenario, Stat};

/// How good `state` is for `me`, roughly 0–1 plus small terms. Objectives
/// are graded softly (how nearly each condition holds), so the AI can tell
/// progress from no progress.
pub fn utility(scn: &Scenario, state: &State, me: ActorId, mood: &Mood) -> f64 {
    let risk_tolerance = mood.risk_tolerance;
    if state.outcome == Some(Outcome::Clash) {
        return -1.0;
    }
    let actor = scn.actor(me);
    let ended = state.outcome.is_some();
    let ahead = in_view(scn, state, me);
    let env = Bound::actor(scn, &ahead, me);
    let frozen = if ended { frozen_early(scn, state) } else { 0.0 };
    let goals = weighted_mean(
        &actor.objectives,
        |k, w| w * mood.priorities.get(k).copied().unwrap_or(1.0),
        |_, o| {
            let grade = o.condition.soft(&env);
            grade - frozen * (0.5 - grade).max(0.0)
        },
    );
    let wellbeing = wellbeing(state, me);
    // Others' fortunes, as the personality cares for them, and how well
    // others regard this actor (more so those it cares about).
    let regard: f64 = scn
        .actor_ids()
        .filter(|b| *b != me)
        .map(|b| {
            let s = state.actor(b);
            let care = actor.ai.regard[b.index()];
            let fortunes = care * (s.stat(Stat::Economy) + s.stat(Stat::Military)) / 200.0;
            let liked = (0.3 + care.max(0.0)) * state.relations.get(b, me) / 100.0;
            fortunes + 0.5 * liked
        })
        .sum();
    // Danger: regional tension near the clash threshold, weighed by caution.
    let danger = danger(scn, state);
    let caution = 1.0 - risk_tolerance;
    // An armed clash ends the game with nothing for anyone: its chance next
    // turn, for every pair of this actor's at the top of the crisis ladder,
    // costs what the actor has to lose. A pair one rung below is a smaller
    // worry (it may climb).
    let at_risk = (goals + 1.0) * (1.5 - risk_tolerance);
    let clash_risk: f64 = clash_chances(scn, state, me)
        .map(|(p, near)| if near { 0.25 * p } else { p })
        .sum();
    // Hot pairs of its own breed incidents a one-turn lookahead cannot
    // see: a cautious actor keeps its own pairs below the crisis ladder.
    let hot = own_heat(scn, state, me);
    goals + 0.1 * wellbeing + 0.03 * regard
        - caution * 0.4 * danger * danger
        - caution * 0.1 * hot
        - at_risk * clash_risk
}

/// The planner's judge of a state: the score `me` can expect at the end
/// of the game, 0–1, by the score's own rules and the scenario's weights.
/// An `end` objective counts as nearly as it holds now (exactly, once the
/// game is over); a `game` objective by the turns it has held so far plus
/// the turns left at how nearly it holds now. An armed clash scores
/// nothing, so the expected score shrinks with the chance of one: next
/// turn's from the crisis ladder, and the standing risk of `me`'s own hot
/// pairs and a tense region, which a two-turn lookahead cannot see turn
/// into a clash. A sliver of wellbeing breaks ties.
///
/// Unlike [`utility`] it leaves out this game's priorities and the
/// personality's cares: the greedy AI's utility makes an actor play its
/// part; the planner plays that part's orders ([`super::greedy::rank`]
/// proposes its plans) but keeps the one that scores best. Measured
/// against judging plans by [`utility`] (docs/model.md, "Strengths"), it
/// gains for four of the five actors of the default scenario.
pub fn outlook(scn: &Scenario, state: &State, me: ActorId) -> f64 {
    if state.outcome == Some(Outcome::Clash) {
        return 0.0;
    }
    let actor = scn.actor(me);
    let ended = state.outcome.is_some();
    let ahead = in_view(scn, state, me);
    let env = Bound::actor(scn, &ahead, me);
    let goals = if ended {
        // The score's own reckoning of a finished game.
        let progress = objective_progress(scn, state, me);
        weighted_mean(&actor.objectives, |_, w| w, |k, _| progress[k])
    } else {
        let played = f64::from(state.turn);
        let left = f64::from(scn.meta.turns.saturating_sub(state.turn));
        weighted_mean(
            &actor.objectives,
            |_, w| w,
            |k, o| {
                let now = o.condition.soft(&env);
                match o.over {
                    Over::End => now,
                    Over::Game if played + left > 0.0 => {
                        let held = f64::from(state.held[me.index()][k]);
                        (held + now * left) / (played + left)
                    }
                    Over::Game => now,
                }
            },
        )
    };
    let wellbeing = wellbeing(state, me);
    if ended {
        return goals + OUTLOOK_WELLBEING * wellbeing;
    }
    let next_turn: f64 = clash_chances(scn, state, me)
        .map(|(p, near)| if near { 0.25 * p } else { p })
        .sum();
    let danger = danger(scn, state);
    let standing = OUTLOOK_HEAT * own_heat(scn, state, me) + OUTLOOK_DANGER * danger * danger;
    goals * (1.0 - (next_turn + standing).min(1.0)) + OUTLOOK_WELLBEING * wellbeing
}

/// How much of the expected score [`outlook`] fears to lose per unit of
/// [`own_heat`] (measured: 1.5 gained most among 0.5, 1.5 and 3).
const OUTLOOK_HEAT: f64 = 1.5;
/// The same for a tense region (squared share of the way from 60% of the
/// clash threshold to it).
const OUTLOOK_DANGER: f64 = 0.3;
/// The tie-breaking weight of wellbeing in [`outlook`].
const OUTLOOK_WELLBEING: f64 = 0.02;

/// The mean over `objectives` of `grade(k, objective)`, each weighted by
/// `weight(k, its scenario weight)`; 0 when the weights add up to nothing.
/// [`utility`] and [`outlook`] differ in the weights and the grades, not
/// in how they are combined.
fn weighted_mean(
    objectives: &[Objective],
    weight: impl Fn(usize, f64) -> f64,
    grade: impl Fn(usize, &Objective) -> f64,
) -> f64 {
    let total: f64 = objectives
        .iter()
        .enumerate()
        .map(|(k, o)| weight(k, o.weight))
        .sum();
    if total <= 0.0 {
        return 0.0;
    }
    objectives
        .iter()
        .enumerate()
        .map(|(k, o)| weight(k, o.weight) * grade(k, o))
        .sum::<f64>()
        / total
}

/// The state as `me` counts on it: what is already on its way counted in
/// ([`projected`]), unless the game is over (then nothing more lands).
fn in_view<'a>(scn: &Scenario, state: &'a State, me: ActorId) -> Cow<'a, State> {
    if state.outcome.is_some() {
        Cow::Borrowed(state)
    } else {
        projected(scn, state, me)
    }
}

/// `me`'s own fortunes, 0–1: economy, stability and prestige.
fn wellbeing(state: &State, me: ActorId) -> f64 {
    let own = state.actor(me);
    (own.stat(Stat::Economy) + own.stat(Stat::Stability) + own.stat(Stat::Prestige)) / 300.0
}

/// How far regional tension stands into the danger zone: 0 below 60% of
/// the clash threshold, 1 at it.
fn danger(scn: &Scenario, state: &State) -> f64 {
    let clash_at = scn.tension.clash_at;
    ((state.regional - 0.6 * clash_at) / (0.4 * clash_at)).max(0.0)
}

/// How much an ending before the last turn weighs in the grades: 0 on the
/// last turn, up to [`EARLY_ENDING`] on the first. While turns remain, an
/// objective missed today may still be met and one met today may still be
/// lost; an ending freezes both. So an early ending counts a met objective
/// as safer than met and a missed one as worse than missed. Without this, a
/// greedy actor walks into an ending that trades a quick gain for
/// objectives time would have brought (the DPRK accepting a grand bargain
/// on turn 7 while its weapons and its stability were still on their way)
/// and shies from one that would lock its gains in.
fn frozen_early(scn: &Scenario, state: &State) -> f64 {
    let total = scn.meta.turns.max(1);
    let left = total.saturating_sub(state.turn);
    EARLY_ENDING * f64::from(left) / f64::from(total)
}

/// How much an ending on the first turn changes the grades (see
/// [`frozen_early`]).
const EARLY_ENDING: f64 = 1.0;

/// How far `me`'s pairs stand above the calm end of the crisis ladder:
/// the sum over its pairs of the squared share of the way from
/// `HEAT_FROM` below the first stage up to 100, over the number of actors.
fn own_heat(scn: &Scenario, state: &State, me: ActorId) -> f64 {
    const HEAT_FROM: f64 = 12.0;
    let start = scn.crisis.stages.first().map_or(60.0, |s| s.at) - HEAT_FROM;
    let span = (100.0 - start).max(1.0);
    let sum: f64 = scn
        .actor_ids()
        .filter(|b| *b != me)
        .map(|b| {
            let x = ((state.tension.get(me, b) - start) / span).max(0.0);
            x * x
        })
        .sum();
    sum / scn.n().max(1) as f64
}

/// For each pair of `me` at the top crisis stage or one below, the chance
/// of a clash the scenario gives it (and whether the pair is only near the
/// top: `true` one stage below).
fn clash_chances<'a>(
    scn: &'a Scenario,
    state: &'a State,
    me: ActorId,
) -> impl Iterator<Item = (f64, bool)> + 'a {
    let top = scn.crisis.stages.len() as u8;
    scn.actor_ids()
        .filter(move |b| *b != me && top > 0)
        .filter_map(move |b| {
            let stage = state.stage.get(me, b);
            if stage + 1 < top {
                return None;
            }
            let env = Bound::new(scn, state, Some(me), Some(b), 0);
            let p = scn.crisis.clash.eval(&env).clamp(0.0, 1.0);
            Some((p, stage < top))
        })
}

/// Share of what is in transit the AI counts on: some will be seized.
const IN_TRANSIT_SHARE: f64 = 0.8;
/// Share of a pending offer or demand of its own the AI counts on: the
/// other side may say no.
const ANSWER_SHARE: f64 = 0.35;

/// The state with what is already on its way counted in, discounted: what
/// shipments in transit will add on arrival ([`IN_TRANSIT_SHARE`]), and
/// what `me`'s pending offers and demands would bring if answered yes
/// ([`ANSWER_SHARE`]). A one-turn lookahead cannot see a delivery that
/// lands in two turns or an answer given next turn; without this, sending
/// one or asking would look worthless.
fn projected<'a>(scn: &Scenario, state: &'a State, me: ActorId) -> Cow<'a, State> {
    let mine = |o: &&crate::engine::state::Offer| o.from == me;
    if state.shipments.is_empty() && !state.offers.iter().any(|o| mine(&o)) {
        return Cow::Borrowed(state);
    }
    let mut deltas: Vec<(f64, Delta)> = Vec::new();
    for x in &state.shipments {
        deltas.extend(x.arrive.iter().map(|d| (IN_TRANSIT_SHARE, d.clone())));
    }
    for o in state.offers.iter().filter(mine) {
        if let Some(deal) = scn.deals.get(o.deal) {
            let env = Bound::new(scn, state, Some(o.from), Some(o.to), o.level);
            for list in [&deal.give, &deal.take] {
                deltas.extend(
                    concretize_all(list, &env)
                        .into_iter()
                        .map(|d| (ANSWER_SHARE, d)),
                );
            }
        }
    }
    let mut scratch = Scratch::new(state);
    for (share, d) in &deltas {
        scratch.count_on(scn, d, *share);
    }
    Cow::Owned(scratch.into_state())
}

/// How far each objective is met, softly (0–1 each), for reasons.
pub fn objective_grades(scn: &Scenario, state: &State, me: ActorId) -> Vec<f64> {
    let ahead = projected(scn, state, me);
    let env = Bound::actor(scn, &ahead, me);
    scn.actor(me)
        .objectives
        .iter()
        .map(|o| o.condition.soft(&env))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::initial_state;

    fn korea() -> Scenario {
        crate::scenario::load_bundled("korea-arms-deal")
            .expect("bundled")
            .expect("valid")
    }

    /// The planner's judge of a finished game is its score (and a sliver
    /// of wellbeing), and of a game going on it counts the turns a `game`
    /// objective has already held.
    #[test]
    fn the_outlook_of_a_finished_game_is_its_score() {
        let scn = korea();
        let mut state = initial_state(&scn);
        state.turn = 9;
        for a in scn.actor_ids() {
            for (k, h) in state.held[a.index()].iter_mut().enumerate() {
                *h = (k as u32 * 3) % 10;
            }
        }
        let mut ended = state.clone();
        ended.outcome = Some(Outcome::Ending { index: 0 });
        let scores = crate::engine::score(&scn, &ended);
        for me in scn.actor_ids() {
            let o = outlook(&scn, &ended, me);
            let s = scores[me.index()].score / 100.0;
            assert!(
                (o - s).abs() <= OUTLOOK_WELLBEING + 1e-9,
                "{}: outlook {o} against score {s}",
                scn.actor(me).id
            );
            let game = scn
                .actor(me)
                .objectives
                .iter()
                .position(|o| o.over == Over::Game);
            if let Some(k) = game {
                let mut more = state.clone();
                more.held[me.index()][k] += 1;
                assert!(outlook(&scn, &more, me) > outlook(&scn, &state, me));
            }
        }
        let mut clash = ended.clone();
        clash.outcome = Some(Outcome::Clash);
        assert!(scn.actor_ids().all(|me| outlook(&scn, &clash, me) == 0.0));
    }

    /// An ending on an early turn is worse for an actor with objectives
    /// still unmet than the same state with the game going on, and the
    /// difference shrinks as the last turn nears.
    #[test]
    fn an_early_ending_freezes_missed_objectives() {
        let scn = korea();
        for me in scn.actor_ids() {
            let mood = super::super::mood(&scn, 1, me);
            let mut going = initial_state(&scn);
            going.turn = 3;
            let missed = objective_grades(&scn, &going, me).iter().any(|g| *g < 0.5);
            if !missed {
                continue;
            }
            let mut ended = going.clone();
            ended.outcome = Some(Outcome::Ending { index: 0 });
            let early = utility(&scn, &going, me, &mood) - utility(&scn, &ended, me, &mood);
            let mut late_going = going.clone();
            late_going.turn = scn.meta.turns - 1;
            let mut late_ended = late_going.clone();
            late_ended.outcome = Some(Outcome::Ending { index: 0 });
            let late =
                utility(&scn, &late_going, me, &mood) - utility(&scn, &late_ended, me, &mood);
            assert!(
                early > 0.01,
                "{}: early ending costs {early}",
                scn.actor(me).id
            );
            assert!(
                late < early,
                "{}: {late} late vs {early} early",
                scn.actor(me).id
            );
        }
    }
}
