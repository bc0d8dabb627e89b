//! Drafting orders: which moves an actor may pick from, the level and
//! target chosen for each, and adding orders after asking the engine
//! whether they are legal and affordable. No rule lives here: legality
//! and cost come from `engine::orders`.

use crate::engine::orders::{self, Order, OrderError};
use crate::engine::state::State;
use crate::scenario::{ActorId, Category, MoveId, Scenario};

/// The level and target chosen for one move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub level: i32,
    pub target: Option<ActorId>,
}

/// The moves `actor` may ever order, grouped by category in resolution
/// order, then in scenario order.
pub fn move_list(scn: &Scenario, actor: ActorId) -> Vec<MoveId> {
    let mut out = Vec::new();
    for cat in Category::ALL {
        for (i, m) in scn.moves.iter().enumerate() {
            if m.category == cat && m.usable_by(actor) {
                out.push(MoveId(i as u16));
            }
        }
    }
    out
}

/// The actors a move of `actor` may be aimed at.
pub fn targets(scn: &Scenario, actor: ActorId, mv: MoveId) -> Vec<ActorId> {
    let m = scn.mv(mv);
    if !m.targeted {
        return Vec::new();
    }
    scn.actor_ids()
        .filter(|t| *t != actor && m.targets.get(t.index()).copied().unwrap_or(false))
        .collect()
}

/// Per move: its default level and first possible target.
pub fn default_choices(scn: &Scenario, actor: ActorId) -> Vec<Choice> {
    (0..scn.moves.len())
        .map(|i| {
            let mv = MoveId(i as u16);
            Choice {
                level: scn.mv(mv).level.default,
                target: targets(scn, actor, mv).first().copied(),
            }
        })
        .collect()
}

/// The order that the current choice for a move makes.
pub fn order_for(actor: ActorId, mv: MoveId, choice: Choice) -> Order {
    Order {
        actor,
        mv,
        target: choice.target,
        level: choice.level,
    }
}

/// Capital the orders in `draft` commit.
pub fn committed(scn: &Scenario, state: &State, draft: &[Order]) -> f64 {
    draft.iter().map(|o| orders::cost(scn, state, o)).sum()
}

/// Checks `order` with the draft's capital already committed; returns its
/// cost. A move already drafted against the same target is refused (one
/// order per move and target a turn), as the engine would.
pub fn check(
    scn: &Scenario,
    state: &State,
    draft: &[Order],
    order: &Order,
) -> Result<f64, OrderError> {
    orders::check_after(scn, state, draft, order, committed(scn, state, draft))
}

/// The choice itself when the engine accepts it; otherwise the same level
/// aimed at the first target it accepts (so "Reassure an ally" starts at
/// an ally); otherwise unchanged.
pub fn fit_target(
    scn: &Scenario,
    state: &State,
    draft: &[Order],
    actor: ActorId,
    mv: MoveId,
    choice: Choice,
) -> Choice {
    let ok = |c: Choice| check(scn, state, draft, &order_for(actor, mv, c)).is_ok();
    if ok(choice) {
        return choice;
    }
    targets(scn, actor, mv)
        .into_iter()
        .map(|t| Choice {
            target: Some(t),
            ..choice
        })
        .find(|c| ok(*c))
        .unwrap_or(choice)
}

/// The level one step up or down, kept within the move's range.
pub fn step_level(scn: &Scenario, mv: MoveId, level: i32, step: i32) -> i32 {
    let spec = &scn.mv(mv).level;
    level.saturating_add(step).clamp(spec.min, spec.max)
}

/// The next (or previous) possible target after `current`, wrapping around.
pub fn step_target(
    scn: &Scenario,
    actor: ActorId,
    mv: MoveId,
    current: Option<ActorId>,
    step: isize,
) -> Option<ActorId> {
    let ts = targets(scn, actor, mv);
    if ts.is_empty() {
        return None;
    }
    let n = ts.len() as isize;
    let pos = current
        .and_then(|c| ts.iter().position(|t| *t == c))
        .map_or(0, |p| (p as isize + step).rem_euclid(n));
    Some(ts[pos as usize])
}

/// Words for an order: "Impose or tighten sanctions → DPRK (severity 3)"
/// ([`crate::narrate::order_words`]), safe to draw.
pub fn describe(scn: &Scenario, o: &Order) -> String {
    super::text::clean(&crate::narrate::order_words(scn, o))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scn() -> Scenario {
        crate::scenario::load_bundled("korea-arms-deal")
            .expect("bundled")
            .expect("valid")
    }

    #[test]
    fn move_list_is_grouped_by_category() {
        let s = scn();
        let us = s.actor_by_id("us").expect("us");
        let list = move_list(&s, us);
        assert!(!list.is_empty());
        let cats: Vec<usize> = list.iter().map(|m| s.mv(*m).category.index()).collect();
        let mut sorted = cats.clone();
        sorted.sort();
        assert_eq!(cats, sorted);
    }

    #[test]
    fn level_stays_in_range() {
        let s = scn();
        let mv = s.move_by_id("impose_sanctions").expect("move");
        assert_eq!(step_level(&s, mv, 5, 1), 5);
        assert_eq!(step_level(&s, mv, 1, -1), 1);
        assert_eq!(step_level(&s, mv, 2, 1), 3);
    }

    #[test]
    fn targets_wrap_around() {
        let s = scn();
        let us = s.actor_by_id("us").expect("us");
        let mv = s.move_by_id("impose_sanctions").expect("move");
        let ts = targets(&s, us, mv);
        assert!(!ts.contains(&us));
        let last = *ts.last().expect("targets");
        assert_eq!(step_target(&s, us, mv, Some(last), 1), ts.first().copied());
        assert_eq!(step_target(&s, us, mv, ts.first().copied(), -1), Some(last));
    }
}
