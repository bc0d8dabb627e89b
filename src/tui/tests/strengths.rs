//! The setup screen's strength per computer seat: shown, cycled by key
//! and by click, started from `play --ai`, handed to the match's seats
//! and kept by a save.

use super::{listing, render, send, update};
use crate::ai::Policy;
use crate::referee::Seat;
use crate::save::Table;
use crate::tui::model::{Model, Screen};
use crate::tui::msg::Msg;
use crate::tui::theme::Theme;

/// The setup screen of the default scenario, computer seats at `ai`.
fn setup(ai: Policy) -> Model {
    let mut m = Model::title(vec![listing()], (80, 24), Theme { color: true }).with_ai(ai);
    update(&mut m, Msg::Select);
    assert_eq!(m.screen, Screen::Setup);
    m
}

/// The seat of actor `id` in the game in progress.
fn seat(m: &Model, id: &str) -> Seat {
    let s = m.session.as_ref().expect("session");
    let a = s.scenario().actor_by_id(id).expect("actor");
    s.table().game().seats()[a.index()]
}

/// The setup for the mixed snapshot: the US a person, Russia hard, the
/// DPRK easy, China and Japan left at normal.
fn mixed() -> Model {
    let mut m = setup(Policy::Utility);
    send(&mut m, &[Msg::Down, Msg::Right, Msg::Down, Msg::Left]);
    m
}

#[test]
fn every_computer_seat_starts_at_the_ai_option_and_says_so() {
    let m = setup(Policy::Hard);
    let screen = render(&m, 80, 24);
    assert_eq!(screen.matches("[computer · hard]").count(), 4, "{screen}");
    assert!(screen.contains("[person]"), "{screen}");
    assert!(screen.contains("←→ strength"), "{screen}");
    let m = setup(Policy::Utility);
    let screen = render(&m, 80, 24);
    assert_eq!(screen.matches("[computer · normal]").count(), 4, "{screen}");
}

#[test]
fn arrows_cycle_through_the_strengths_in_order_and_round() {
    let mut m = setup(Policy::Utility);
    update(&mut m, Msg::Down);
    let names: Vec<&str> = Policy::STRENGTHS.iter().map(|(n, _)| *n).collect();
    let mut seen = Vec::new();
    for _ in 0..names.len() {
        update(&mut m, Msg::Right);
        seen.push(m.setup.as_ref().expect("setup").strength_name(1));
    }
    // From normal: every strength once, back to normal last.
    assert_eq!(seen.last(), Some(&"normal"));
    let mut sorted = seen.clone();
    sorted.sort_unstable();
    let mut all = names.clone();
    all.sort_unstable();
    assert_eq!(sorted, all);
    update(&mut m, Msg::Left);
    let back = m.setup.as_ref().expect("setup").strength_name(1);
    assert_eq!(back, seen[seen.len() - 2], "Left undoes Right");
}

#[test]
fn a_person_has_no_strength_to_change() {
    let mut m = setup(Policy::Utility);
    update(&mut m, Msg::Right);
    let s = m.setup.as_ref().expect("setup");
    assert_eq!(s.strengths[0], Policy::Utility);
    let status = m.status.clone().unwrap_or_default();
    assert!(status.contains("played by a person"), "{status}");
}

#[test]
fn the_picked_strengths_reach_the_matchs_seats_and_survive_a_save() {
    let mut m = mixed();
    // Japan: a person, then the computer again; its strength is kept.
    send(
        &mut m,
        &[Msg::Down, Msg::Down, Msg::Right, Msg::Toggle, Msg::Toggle],
    );
    update(&mut m, Msg::Select);
    assert_eq!(m.screen, Screen::Game(crate::tui::model::Tab::Dossier));
    assert_eq!(seat(&m, "us"), Seat::Human);
    assert_eq!(seat(&m, "russia"), Seat::Ai(Policy::Hard));
    assert_eq!(seat(&m, "dprk"), Seat::Ai(Policy::Easy));
    assert_eq!(seat(&m, "china"), Seat::Ai(Policy::Utility));
    assert_eq!(seat(&m, "japan"), Seat::Ai(Policy::Hard));

    let dir = tempfile::tempdir().expect("temp dir");
    let s = m.session.as_ref().expect("session");
    let path = s
        .table()
        .save_as(dir.path(), "strengths", false)
        .expect("save");
    let loaded = Table::load(&path).expect("load");
    assert_eq!(loaded.game().seats(), s.table().game().seats());
}

#[test]
fn a_click_on_the_strength_cycles_it_and_elsewhere_toggles_the_seat() {
    let mut m = setup(Policy::Utility);
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let a = crate::tui::screens::setup::areas(area);
    let screen = render(&m, 80, 24);
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Russia"))
        .expect("Russia's row");
    let col = line
        .chars()
        .collect::<Vec<_>>()
        .windows(6)
        .position(|w| w.iter().collect::<String>() == "normal")
        .expect("its strength");
    let y = u16::try_from(y).expect("row");
    let x = u16::try_from(col).expect("column");
    assert!(a.actors.x <= x);
    update(&mut m, Msg::Click(x + 1, y));
    let s = m.setup.as_ref().expect("setup");
    assert_eq!(s.row, 1);
    assert!(!s.humans[1], "still the computer's");
    assert_ne!(s.strength_name(1), "normal", "cycled");
    // On the name: Russia becomes a person's.
    let name_x = u16::try_from(line.find("Russia").expect("name")).expect("col");
    let name_x = u16::try_from(line[..name_x as usize].chars().count()).expect("col");
    update(&mut m, Msg::Click(name_x, y));
    assert!(m.setup.as_ref().expect("setup").humans[1]);
}

#[test]
fn snapshot_setup_mixed_strengths() {
    let m = mixed();
    let screen = render(&m, 80, 24);
    assert!(screen.contains("[computer · hard]") && screen.contains("[computer · easy]"));
    super::both_sizes("setup_mixed_strengths", &m);
}
