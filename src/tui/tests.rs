//! Tests of the terminal game without a terminal: `update` driven by
//! messages, and snapshots of `view` drawn into a `TestBackend`.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::draft;
use super::model::{Focus, Model, Popup, Screen, Tab};
use super::msg::Msg;
use super::theme::Theme;
use super::update;

/// `update`, then any pending slow work, as the event loop does.
fn update(m: &mut Model, msg: Msg) {
    update::update(m, msg);
    while m.busy.is_some() {
        update::update(m, Msg::Work);
    }
}
use super::view::view;
use crate::cli::scenarios::Listing;
use crate::engine::Orders;
use crate::game::Game;
use crate::scenario::Scenario;

const SEED: u64 = 7;

fn scn() -> Scenario {
    crate::scenario::load_bundled("korea-arms-deal")
        .expect("bundled scenario")
        .expect("valid scenario")
}

fn new_game(humans: &[&str]) -> Game {
    let s = scn();
    let mut h = vec![false; s.n()];
    for id in humans {
        h[s.actor_by_id(id).expect("actor").index()] = true;
    }
    Game::new(s, SEED, h)
}

fn model(humans: &[&str]) -> Model {
    Model::game(new_game(humans), (120, 40), Theme { color: true })
}

fn send(m: &mut Model, msgs: &[Msg]) {
    for msg in msgs {
        update(m, *msg);
    }
}

/// Selects a move by id on the orders screen, as a player would: ↓ presses.
fn select_move(m: &mut Model, id: &str) {
    send(m, &[Msg::GoTo(Tab::Orders)]);
    let s = m.session.as_ref().expect("session");
    let mv = s.game.scenario.move_by_id(id).expect("move");
    let list = draft::move_list(&s.game.scenario, s.current);
    let pos = list.iter().position(|x| *x == mv).expect("usable move");
    let cur = s.ui().selected;
    for _ in cur..pos {
        update(m, Msg::Down);
    }
}

/// Cycles the target of the selected move until it is `id`.
fn target(m: &mut Model, id: &str) {
    for _ in 0..10 {
        let s = m.session.as_ref().expect("session");
        let want = s.game.scenario.actor_by_id(id).expect("actor");
        let mv = draft::move_list(&s.game.scenario, s.current)[s.ui().selected];
        if s.ui().choices[mv.index()].target == Some(want) {
            return;
        }
        update(m, Msg::NextTarget);
    }
    panic!("target {id} not reachable");
}

fn selected_choice(m: &Model) -> draft::Choice {
    let s = m.session.as_ref().expect("session");
    let mv = draft::move_list(&s.game.scenario, s.current)[s.ui().selected];
    s.ui().choices[mv.index()]
}

fn drafts(m: &Model) -> usize {
    m.session.as_ref().expect("session").draft().len()
}

fn turn(m: &Model) -> u32 {
    m.session.as_ref().expect("session").game.state.turn
}

/// The sanctions order of the end-to-end story: US sanctions the DPRK at severity 3.
fn sanction_dprk(m: &mut Model) {
    select_move(m, "impose_sanctions");
    target(m, "dprk");
    let c = selected_choice(m);
    for _ in c.level..3 {
        update(m, Msg::Right);
    }
    update(m, Msg::Select);
}

fn end_turn(m: &mut Model) {
    send(m, &[Msg::EndTurn, Msg::Yes]);
}

// ---------------------------------------------------------------- update

#[test]
fn level_clamps_to_the_moves_range() {
    let mut m = model(&["us"]);
    select_move(&mut m, "impose_sanctions");
    for _ in 0..10 {
        update(&mut m, Msg::Right);
    }
    assert_eq!(selected_choice(&m).level, 5);
    for _ in 0..10 {
        update(&mut m, Msg::Left);
    }
    assert_eq!(selected_choice(&m).level, 1);
}

#[test]
fn adding_an_order_uses_the_chosen_level_and_target() {
    let mut m = model(&["us"]);
    sanction_dprk(&mut m);
    let s = m.session.as_ref().expect("session");
    let o = &s.draft()[0];
    assert_eq!(o.level, 3);
    assert_eq!(o.target, s.game.scenario.actor_by_id("dprk"));
    assert!(m.status.as_deref().unwrap_or("").starts_with("Added"));
}

#[test]
fn an_order_over_the_capital_left_is_not_added() {
    let mut m = model(&["us"]);
    select_move(&mut m, "impose_sanctions");
    target(&mut m, "dprk");
    for _ in 0..5 {
        update(&mut m, Msg::Right);
    }
    // Severity 5 costs 3.5 of the US's 6: the second does not fit.
    update(&mut m, Msg::Select);
    assert_eq!(drafts(&m), 1);
    update(&mut m, Msg::Select);
    assert_eq!(drafts(&m), 1, "{:?}", m.status);
    assert!(
        m.status.as_deref().unwrap_or("").contains("capital"),
        "{:?}",
        m.status
    );
}

#[test]
fn drafts_can_be_removed() {
    let mut m = model(&["us"]);
    sanction_dprk(&mut m);
    assert_eq!(drafts(&m), 1);
    send(&mut m, &[Msg::NextPanel]);
    assert_eq!(
        m.session.as_ref().map(|s| s.ui().focus),
        Some(Focus::Drafts)
    );
    send(&mut m, &[Msg::Remove]);
    assert_eq!(drafts(&m), 0);
    assert_eq!(m.session.as_ref().map(|s| s.ui().focus), Some(Focus::Moves));
}

#[test]
fn ending_the_turn_asks_then_resolves_and_reports() {
    let mut m = model(&["us"]);
    sanction_dprk(&mut m);
    update(&mut m, Msg::EndTurn);
    assert_eq!(m.popup, Some(Popup::ConfirmEndTurn));
    update(&mut m, Msg::No);
    assert_eq!(turn(&m), 0);
    end_turn(&mut m);
    assert_eq!(turn(&m), 1);
    assert_eq!(m.screen, Screen::Game(Tab::Report));
    let s = m.session.as_ref().expect("session");
    assert!(s.draft().is_empty());
    let last = s.game.last.as_ref().expect("record");
    let us = s.game.scenario.actor_by_id("us").expect("us");
    assert_eq!(last.orders.of(us).count(), 1);
    update(&mut m, Msg::Select);
    assert_eq!(m.screen, Screen::Game(Tab::Dashboard));
}

#[test]
fn hotseat_hands_over_and_keeps_drafts_apart() {
    let mut m = model(&["us", "dprk"]);
    assert_eq!(m.screen, Screen::Handoff);
    update(&mut m, Msg::Select);
    assert_eq!(m.screen, Screen::Game(Tab::Dossier));
    sanction_dprk(&mut m);
    end_turn(&mut m);
    assert_eq!(m.screen, Screen::Handoff);
    assert_eq!(turn(&m), 0);
    let s = m.session.as_ref().expect("session");
    assert_eq!(Some(s.current), s.game.scenario.actor_by_id("dprk"));
    assert!(
        s.draft().is_empty(),
        "the DPRK player must not see the US drafts"
    );
    update(&mut m, Msg::Select);
    end_turn(&mut m);
    assert_eq!(turn(&m), 1);
    assert_eq!(m.screen, Screen::Game(Tab::Report));
    let s = m.session.as_ref().expect("session");
    let us = s.game.scenario.actor_by_id("us").expect("us");
    assert_eq!(
        s.game.last.as_ref().map(|r| r.orders.of(us).count()),
        Some(1)
    );
    update(&mut m, Msg::Select);
    assert_eq!(m.screen, Screen::Handoff);
    assert_eq!(m.session.as_ref().map(|s| s.current), Some(us));
}

#[test]
fn quitting_asks_first_and_ctrl_c_twice_quits() {
    let mut m = model(&["us"]);
    update(&mut m, Msg::Quit);
    assert_eq!(m.popup, Some(Popup::ConfirmQuit));
    update(&mut m, Msg::No);
    assert_eq!(m.popup, None);
    assert!(!m.quit);
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    let msg = super::translate(&m, &ctrl_c).expect("bound");
    update(&mut m, msg);
    assert_eq!(m.popup, Some(Popup::ConfirmQuit));
    let msg = super::translate(&m, &ctrl_c).expect("bound");
    update(&mut m, msg);
    assert!(m.quit);
}

#[test]
fn keys_are_translated_by_context() {
    let mut m = model(&["us"]);
    send(&mut m, &[Msg::GoTo(Tab::Orders)]);
    let key = |c| Event::Key(KeyEvent::new(c, KeyModifiers::NONE));
    assert_eq!(super::translate(&m, &key(KeyCode::Right)), Some(Msg::Right));
    assert_eq!(
        super::translate(&m, &key(KeyCode::Char('t'))),
        Some(Msg::NextTarget)
    );
    assert_eq!(
        super::translate(&m, &key(KeyCode::Char('?'))),
        Some(Msg::Help)
    );
    m.size = (60, 20);
    assert_eq!(
        super::translate(&m, &key(KeyCode::Right)),
        None,
        "too small: only quit"
    );
    assert_eq!(
        super::translate(&m, &key(KeyCode::Char('q'))),
        Some(Msg::Quit)
    );
}

#[test]
fn setup_toggles_humans_and_edits_the_seed() {
    let s = scn();
    let listing = Listing {
        name: "korea-arms-deal".into(),
        title: s.meta.title.clone(),
        summary: s.meta.summary.clone(),
        error: None,
    };
    let mut m = Model::title(vec![listing], (120, 40), Theme { color: false });
    update(&mut m, Msg::Select);
    assert_eq!(m.screen, Screen::Setup);
    // Nobody human: refused.
    send(&mut m, &[Msg::Toggle, Msg::Select]);
    assert_eq!(m.screen, Screen::Setup);
    send(
        &mut m,
        &[Msg::Down, Msg::Down, Msg::Toggle, Msg::Down, Msg::Toggle],
    );
    for _ in 0..6 {
        update(&mut m, Msg::Backspace);
    }
    send(&mut m, &[Msg::Digit(4), Msg::Digit(2)]);
    update(&mut m, Msg::Select);
    assert_eq!(m.screen, Screen::Handoff);
    let s = m.session.as_ref().expect("session");
    assert_eq!(s.game.seed, 42);
    let ids: Vec<&str> = s
        .game
        .human_actors()
        .iter()
        .map(|a| s.game.scenario.actor(*a).id.as_str())
        .collect();
    assert_eq!(ids, ["dprk", "china"]);
}

#[test]
fn tabs_cycle_and_clicks_select() {
    let mut m = model(&["us"]);
    update(&mut m, Msg::GoTo(Tab::Dashboard));
    update(&mut m, Msg::NextPanel);
    assert_eq!(m.screen, Screen::Game(Tab::Orders));
    update(&mut m, Msg::GoTo(Tab::History));
    update(&mut m, Msg::PrevPanel);
    assert_eq!(m.screen, Screen::Game(Tab::Report));
    // The tab bar is the second row; "History" is the fourth label.
    let s = m.session.as_ref().expect("session");
    let area = ratatui::layout::Rect::new(0, 0, 120, 40);
    let c = super::screens::chrome::split(area);
    let (_, _, x0, _) = super::screens::chrome::tab_ranges(s, c.tabs)[3].clone();
    update(&mut m, Msg::Click(x0 + 1, c.tabs.y));
    assert_eq!(m.screen, Screen::Game(Tab::History));
}

#[test]
fn help_opens_and_closes() {
    let mut m = model(&["us"]);
    update(&mut m, Msg::Help);
    assert_eq!(m.popup, Some(Popup::Help));
    update(&mut m, Msg::Back);
    assert_eq!(m.popup, None);
}

// ---------------------------------------------------------------- snapshots

/// The screen as text, one line per row, trailing spaces trimmed.
fn render(m: &Model, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| view(m, f)).expect("draw");
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn both_sizes(name: &str, m: &Model) {
    insta::assert_snapshot!(format!("{name}_80x24"), render(m, 80, 24));
    insta::assert_snapshot!(format!("{name}_160x48"), render(m, 160, 48));
}

/// A one-player game after `turns` turns in which the US sanctions the DPRK.
fn played(turns: u32) -> Model {
    let mut m = model(&["us"]);
    for _ in 0..turns {
        sanction_dprk(&mut m);
        end_turn(&mut m);
        update(&mut m, Msg::Select);
    }
    m
}

#[test]
fn snapshot_title() {
    let s = scn();
    let listing = Listing {
        name: "korea-arms-deal".into(),
        title: s.meta.title.clone(),
        summary: s.meta.summary.clone(),
        error: None,
    };
    let m = Model::title(vec![listing], (80, 24), Theme { color: true });
    both_sizes("title", &m);
}

#[test]
fn snapshot_setup() {
    let s = scn();
    let listing = Listing {
        name: "korea-arms-deal".into(),
        title: s.meta.title.clone(),
        summary: s.meta.summary.clone(),
        error: None,
    };
    let mut m = Model::title(vec![listing], (80, 24), Theme { color: true });
    update(&mut m, Msg::Select);
    both_sizes("setup", &m);
}

#[test]
fn snapshot_dashboard() {
    let mut m = played(1);
    update(&mut m, Msg::GoTo(Tab::Dashboard));
    both_sizes("dashboard", &m);
}

#[test]
fn snapshot_orders_with_level_changed() {
    let mut m = played(1);
    select_move(&mut m, "impose_sanctions");
    target(&mut m, "dprk");
    send(&mut m, &[Msg::Right, Msg::Right]);
    both_sizes("orders_level", &m);
}

#[test]
fn snapshot_report() {
    let mut m = model(&["us"]);
    sanction_dprk(&mut m);
    end_turn(&mut m);
    assert_eq!(m.screen, Screen::Game(Tab::Report));
    both_sizes("report", &m);
}

#[test]
fn snapshot_history() {
    let mut m = played(3);
    update(&mut m, Msg::GoTo(Tab::History));
    both_sizes("history_regional", &m);
    update(&mut m, Msg::Right);
    both_sizes("history_threat", &m);
}

#[test]
fn snapshot_dossier() {
    let m = model(&["us"]);
    assert_eq!(m.screen, Screen::Game(Tab::Dossier));
    both_sizes("dossier", &m);
}

#[test]
fn snapshot_handoff() {
    let mut m = model(&["us", "dprk"]);
    update(&mut m, Msg::Select);
    end_turn(&mut m);
    assert_eq!(m.screen, Screen::Handoff);
    both_sizes("handoff", &m);
}

#[test]
fn snapshot_help() {
    let mut m = played(1);
    select_move(&mut m, "impose_sanctions");
    update(&mut m, Msg::Help);
    both_sizes("help_orders", &m);
}

#[test]
fn snapshot_end() {
    let mut m = model(&["us"]);
    let mut guard = 0;
    while !m.session.as_ref().expect("session").game.state.is_over() && guard < 100 {
        if let Some(s) = m.session.as_mut() {
            s.game.play_turn(&Orders::default());
        }
        guard += 1;
    }
    update(&mut m, Msg::EndTurn);
    assert_eq!(m.screen, Screen::End);
    both_sizes("end", &m);
}

#[test]
fn snapshot_too_small() {
    let m = played(0);
    insta::assert_snapshot!("too_small_60x20", render(&m, 60, 20));
    insta::assert_snapshot!("too_small_79x30", render(&m, 79, 30));
}

#[test]
fn no_colour_means_no_colour() {
    let mut m = played(1);
    m.theme = Theme { color: false };
    update(&mut m, Msg::GoTo(Tab::Dashboard));
    let mut t = Terminal::new(TestBackend::new(160, 48)).expect("test terminal");
    t.draw(|f| view(&m, f)).expect("draw");
    for cell in t.backend().buffer().content() {
        assert_eq!(
            cell.fg,
            ratatui::style::Color::Reset,
            "coloured cell {cell:?}"
        );
        assert_eq!(
            cell.bg,
            ratatui::style::Color::Reset,
            "coloured cell {cell:?}"
        );
    }
}

#[test]
fn every_screen_draws_at_odd_sizes_without_panicking() {
    let mut m = played(2);
    let screens = [
        Screen::Game(Tab::Dashboard),
        Screen::Game(Tab::Orders),
        Screen::Game(Tab::Report),
        Screen::Game(Tab::History),
        Screen::Game(Tab::Dossier),
        Screen::Handoff,
        Screen::End,
    ];
    for screen in screens {
        m.screen = screen;
        for (w, h) in [
            (1, 1),
            (80, 24),
            (81, 25),
            (100, 30),
            (119, 33),
            (120, 34),
            (200, 60),
            (300, 24),
            (80, 80),
        ] {
            let _ = render(&m, w, h);
        }
    }
}
