//! While the computer players think on their worker thread, the screen
//! is the player's: `q` opens the quit question at once (the loop wakes
//! for keys every [`super::super::TICK`] at the latest), the question is
//! drawn over the spinner, and the turn still resolves behind it. No
//! clock is read here: what is tested is that nothing waits for the
//! computer before answering a key.

use super::*;

use crate::tui::{TICK, patience, translate};

fn thinking(m: &Model) -> bool {
    m.session.as_ref().is_some_and(|s| s.thinking.is_some())
}

/// Ends the US turn without waiting for the computer players.
fn end_turn_and_leave_them_thinking(m: &mut Model) {
    update::update(m, Msg::EndTurn);
    update::update(m, Msg::Yes);
    assert!(
        thinking(m),
        "the computer players decide on a worker thread"
    );
}

#[test]
fn q_is_answered_while_the_computer_players_think() {
    let mut m = model(&["us"]);
    assert_eq!(patience(&m), None, "an idle game blocks on input");
    end_turn_and_leave_them_thinking(&mut m);
    assert_eq!(patience(&m), Some(TICK));
    assert!(TICK.as_millis() <= 100);
    let spinner = render(&m, 80, 24);
    assert!(
        spinner.contains("deciding") && spinner.contains("q quits"),
        "{spinner}"
    );

    let q = Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
    let msg = translate(&m, &q).expect("q is bound while they think");
    update::update(&mut m, msg);
    assert_eq!(m.popup, Some(Popup::ConfirmQuit));
    assert!(
        thinking(&m),
        "answered before the computer players are done"
    );
    assert!(render(&m, 80, 24).contains("Quit?"));

    // "Not yet": the turn goes on and resolves behind the question.
    update::update(&mut m, Msg::No);
    assert!(thinking(&m));
    update::settle(&mut m);
    assert!(!thinking(&m));
    assert_eq!(turn(&m), 1);
}

#[test]
fn quitting_while_the_computer_players_think_quits_at_once() {
    let mut m = model(&["us"]);
    end_turn_and_leave_them_thinking(&mut m);
    update::update(&mut m, Msg::Quit);
    update::update(&mut m, Msg::Yes);
    assert!(m.quit);
    assert_eq!(turn(&m), 0, "the unresolved turn is not waited for");
}

#[test]
fn a_turn_being_decided_cannot_be_ended_again() {
    let mut m = model(&["us"]);
    end_turn_and_leave_them_thinking(&mut m);
    // The first move of the list, drafted while they think.
    update::update(&mut m, Msg::GoTo(Tab::Orders));
    update::update(&mut m, Msg::Select);
    assert_eq!(drafts(&m), 1, "{:?}", m.status);
    update::update(&mut m, Msg::EndTurn);
    update::update(&mut m, Msg::Yes);
    assert!(
        m.status.as_deref().unwrap_or("").contains("deciding"),
        "{:?}",
        m.status
    );
    update::settle(&mut m);
    assert_eq!(turn(&m), 1);
    let s = m.session.as_ref().expect("session");
    let us = s.scenario().actor_by_id("us").expect("us");
    let mine = s
        .last_report()
        .expect("report")
        .orders
        .iter()
        .filter(|o| o.order.actor == us)
        .count();
    assert_eq!(
        mine, 0,
        "the orders drafted after the end do not join the turn"
    );
}
