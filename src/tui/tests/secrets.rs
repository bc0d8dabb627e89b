//! Secrets on screen: a game of the default scenario played as the US
//! (the computer plays the rest) until Russia gives a covert order the US
//! has not found out; the US screens, drawn into a `TestBackend`, carry no
//! trace of it, and the debrief at the end of the game has it.

use super::*;

use crate::engine::Order;

/// Every line of the current player's turn report, whatever the screen
/// height (the report scrolls).
fn report_text(m: &Model) -> String {
    let s = m.session.as_ref().expect("session");
    crate::tui::screens::report::lines(s, m.theme, 160, true)
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|x| x.content.as_ref())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

/// The first covert order of `culprit` in the last turn that `observer`
/// has not discovered, of a move `observer` cannot give itself (so its
/// name has no business on `observer`'s screens).
fn hidden_covert_order(m: &Model, culprit: &str, observer: &str) -> Option<Order> {
    let s = m.session.as_ref().expect("session");
    let scn = s.scenario();
    let culprit = scn.actor_by_id(culprit).expect("actor");
    let observer = scn.actor_by_id(observer).expect("actor");
    let own = draft::move_list(scn, observer);
    let game = s.table().game();
    let truth = game.truth();
    let record = truth.turns.last()?;
    record
        .orders
        .list
        .iter()
        .enumerate()
        .find(|(i, o)| {
            o.actor == culprit
                && scn.mv(o.mv).covert
                && !own.contains(&o.mv)
                && truth
                    .log
                    .act_of_order(record.turn, *i as u16)
                    .and_then(|a| a.known_since(observer))
                    .is_none()
        })
        .map(|(_, o)| o.clone())
}

/// A one-player game as the US with this seed.
fn us_game(seed: u64) -> Model {
    let s = scn();
    let mut seats = vec![Seat::Ai(crate::ai::Policy::Utility); s.n()];
    seats[s.actor_by_id("us").expect("us").index()] = Seat::Human;
    let table = Table::with_id(
        Match::new(Arc::new(s), seed, seats, Keep::Everything),
        test_id(),
    );
    Model::game(table, (120, 40), Theme { color: true })
}

/// Plays the US's turns without orders until Russia gives a covert order
/// of its own kind that the US has not found out; the model is left on
/// the US report of that turn.
fn until_russia_acts_covertly() -> (Model, Order) {
    for seed in 1..40 {
        let mut m = us_game(seed);
        while !m.session.as_ref().expect("session").is_over() {
            end_turn(&mut m);
            assert_eq!(m.screen, Screen::Game(Tab::Report));
            if let Some(o) = hidden_covert_order(&m, "russia", "us") {
                return (m, o);
            }
            update(&mut m, Msg::Select);
        }
    }
    panic!("Russia never gave a covert arms order in 39 games");
}

#[test]
fn russias_covert_arms_order_is_not_on_the_us_screens_but_is_in_the_debrief() {
    let (mut m, order) = until_russia_acts_covertly();
    let (scn, turn) = {
        let s = m.session.as_ref().expect("session");
        (s.scenario().clone(), s.turn())
    };
    // What a trace would read like: the order as the report, the news and
    // the orders screen word it, and the move's name.
    let traces = [
        draft::describe(&scn, &order),
        crate::narrate::order_headline(&scn, &order, true),
        crate::narrate::order_headline(&scn, &order, false),
        crate::tui::text::clean(&scn.mv(order.mv).name),
    ];
    let mut screens = vec![("report, every line".to_string(), report_text(&m))];
    for tab in [Tab::Report, Tab::Dashboard, Tab::History, Tab::Orders] {
        update(&mut m, Msg::GoTo(tab));
        screens.push((format!("{tab:?} 160x48"), render(&m, 160, 48)));
        screens.push((format!("{tab:?} 80x24"), render(&m, 80, 24)));
    }
    // The screens are the US's, and they do show the turn.
    assert!(screens[0].1.contains(&format!("Turn {turn} report")));
    for (name, text) in &screens {
        for t in &traces {
            assert!(
                !text.contains(t.as_str()),
                "the US {name} screen shows Russia's covert order ({t}):\n{text}"
            );
        }
    }
    // Russia's own report of the same turn does show it: the traces are
    // the words a screen would use.
    let s = m.session.as_ref().expect("session");
    let russia = scn.actor_by_id("russia").expect("russia");
    let theirs = s.table().reports(russia);
    let last = theirs.last().expect("a report");
    assert!(last.orders.iter().any(|o| o.order == order && o.covert));

    // Play on to the end: the debrief has the order, in its turn.
    let mut guard = 0;
    while !m.session.as_ref().expect("session").is_over() && guard < 100 {
        if let Some(s) = m.session.as_mut() {
            s.play_turn_now();
        }
        guard += 1;
    }
    let s = m.session.as_ref().expect("session");
    let debrief = s.debrief().expect("the debrief, once the game is over");
    let record = &debrief.turns[turn as usize - 1];
    assert!(record.orders.list.contains(&order), "{:?}", record.orders);
    // And before the end there is none.
    let fresh = us_game(1);
    assert!(fresh.session.as_ref().expect("session").debrief().is_none());
}
