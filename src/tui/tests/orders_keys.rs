//! The moves list's keys (Home, End, pages, categories), the target that
//! follows the player's last choice, and editing an order in place.

use super::{drafts, model, sanction_dprk, select_move, selected_choice, send, target, update};
use crate::tui::draft;
use crate::tui::model::{Focus, Tab};
use crate::tui::msg::Msg;

fn selected(m: &crate::tui::model::Model) -> usize {
    m.session.as_ref().expect("session").ui().selected
}

#[test]
fn home_end_pages_and_categories_move_through_the_list() {
    let mut m = model(&["us"]);
    send(&mut m, &[Msg::GoTo(Tab::Orders)]);
    let s = m.session.as_ref().expect("session");
    let scn = s.scenario().clone();
    let list = draft::move_list(&scn, s.current);
    let n = list.len();
    update(&mut m, Msg::Last);
    assert_eq!(selected(&m), n - 1);
    update(&mut m, Msg::Down);
    assert_eq!(selected(&m), n - 1, "the list does not run past its end");
    update(&mut m, Msg::First);
    assert_eq!(selected(&m), 0);
    update(&mut m, Msg::PageDown);
    assert_eq!(selected(&m), 8.min(n - 1));
    update(&mut m, Msg::PageUp);
    assert_eq!(selected(&m), 0);
    update(&mut m, Msg::NextGroup);
    let second = list
        .iter()
        .position(|mv| scn.mv(*mv).category != scn.mv(list[0]).category)
        .expect("two categories");
    assert_eq!(selected(&m), second);
    update(&mut m, Msg::Down);
    update(&mut m, Msg::PrevGroup);
    assert_eq!(selected(&m), second, "back to the start of the category");
    update(&mut m, Msg::PrevGroup);
    assert_eq!(selected(&m), 0, "then to the previous category");
}

#[test]
fn the_next_move_is_aimed_where_the_player_just_aimed() {
    let mut m = model(&["us"]);
    select_move(&mut m, "impose_sanctions");
    target(&mut m, "dprk");
    let s = m.session.as_ref().expect("session");
    let scn = s.scenario().clone();
    let dprk = scn.actor_by_id("dprk").expect("dprk");
    let me = s.current;
    // Every move that may be aimed at the DPRK now is.
    update(&mut m, Msg::First);
    for _ in 0..draft::move_list(&scn, me).len() {
        let mv = draft::move_list(&scn, me)[selected(&m)];
        let s = m.session.as_ref().expect("session");
        let at_dprk = draft::order_for(
            me,
            mv,
            draft::Choice {
                target: Some(dprk),
                ..selected_choice(&m)
            },
        );
        if draft::check(&scn, s.believed(), s.draft(), &at_dprk).is_ok() {
            assert_eq!(selected_choice(&m).target, Some(dprk), "{}", scn.mv(mv).id);
        }
        update(&mut m, Msg::Down);
    }
}

#[test]
fn an_order_is_edited_in_place() {
    let mut m = model(&["us"]);
    sanction_dprk(&mut m);
    update(&mut m, Msg::First);
    select_move(&mut m, "reassure_ally");
    update(&mut m, Msg::Select);
    assert_eq!(drafts(&m), 2);
    update(&mut m, Msg::NextPanel);
    update(&mut m, Msg::First);
    update(&mut m, Msg::Up);
    update(&mut m, Msg::Select);
    let s = m.session.as_ref().expect("session");
    assert_eq!(s.ui().editing, Some(0));
    assert_eq!(s.ui().focus, Focus::Moves);
    update(&mut m, Msg::Left);
    update(&mut m, Msg::Select);
    let s = m.session.as_ref().expect("session");
    assert_eq!(s.draft().len(), 2, "changed, not added");
    assert_eq!(s.draft()[0].level, 2);
    assert_eq!(s.ui().editing, None);
    assert!(
        m.status
            .as_deref()
            .is_some_and(|t| t.starts_with("Changed order 1")),
        "{:?}",
        m.status
    );
}

#[test]
fn the_report_never_scrolls_past_its_end() {
    let mut m = model(&["us"]);
    sanction_dprk(&mut m);
    super::end_turn(&mut m);
    update(&mut m, Msg::Toggle);
    for _ in 0..100 {
        update(&mut m, Msg::PageDown);
    }
    let s = m.session.as_ref().expect("session");
    let lines = crate::tui::screens::report::lines(s, m.theme, 78, true);
    let last: String = lines
        .last()
        .expect("lines")
        .spans
        .iter()
        .map(|sp| sp.content.as_ref())
        .collect();
    let screen = super::render(&m, 80, 24);
    let probe: String = last.trim().chars().take(20).collect();
    assert!(screen.contains(&probe), "{probe:?} not in\n{screen}");
    // And the screen is full: no run of blank rows after the end.
    assert!(!screen.contains("│                                                                              │\n│                                                                              │\n│                                                                              │"), "{screen}");
}
