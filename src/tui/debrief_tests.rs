//! Tests of the debrief screen: snapshots at 80×24 and 160×48, every
//! section reachable by key, a covert act no player discovered shown as
//! such, and the Load list's "Debrief" for a finished save.

use std::path::Path;
use std::sync::Arc;

use super::model::{Model, Screen, Tab, TitleItem};
use super::msg::Msg;
use super::screens::debrief::Section;
use super::theme::Theme;
use super::update;
use crate::catalog::Listing;
use crate::engine::turn::Keep;
use crate::referee::{Match, Seat};
use crate::save::Table;

fn scn() -> crate::scenario::Scenario {
    crate::scenario::load_bundled("korea-arms-deal")
        .expect("bundled scenario")
        .expect("valid scenario")
}

fn test_id() -> crate::save::GameId {
    crate::save::GameId::parse("debrief1").expect("a valid id")
}

/// A game of the default scenario with the US played by a person (who
/// gives no orders) and the computer playing the rest, to its end.
fn finished_match(seed: u64) -> Match {
    let s = scn();
    let mut seats = vec![Seat::Ai(crate::ai::Policy::Utility); s.n()];
    seats[s.actor_by_id("us").expect("us").index()] = Seat::Human;
    let mut g = Match::new(Arc::new(s), seed, seats, Keep::Everything);
    while !g.is_over() {
        g.play_turn();
    }
    g
}

/// The model of a finished game on its end screen.
fn finished_model(seed: u64) -> Model {
    let table = Table::with_id(finished_match(seed), test_id());
    let mut m = Model::game(table, (80, 24), Theme { color: true });
    update::update(&mut m, Msg::EndTurn);
    assert_eq!(m.screen, Screen::End);
    m
}

use super::tests::render;

fn both_sizes(name: &str, m: &Model) {
    insta::assert_snapshot!(format!("{name}_80x24"), render(m, 80, 24));
    insta::assert_snapshot!(format!("{name}_160x48"), render(m, 160, 48));
}

fn section(m: &Model) -> Section {
    m.debrief.as_ref().expect("debrief open").section
}

#[test]
fn d_on_the_end_screen_opens_the_debrief_and_esc_returns() {
    let mut m = finished_model(7);
    update::update(&mut m, Msg::Debrief);
    assert_eq!(m.screen, Screen::Debrief);
    assert_eq!(section(&m), Section::Ending);
    update::update(&mut m, Msg::Back);
    assert_eq!(m.screen, Screen::End);
    assert!(m.debrief.is_none());
}

#[test]
fn every_section_is_reachable_by_key() {
    let mut m = finished_model(7);
    update::update(&mut m, Msg::Debrief);
    for (i, want) in Section::ALL.iter().enumerate() {
        update::update(&mut m, Msg::Digit(i as u8 + 1));
        assert_eq!(section(&m), *want);
        // Each section draws at the smallest size without panicking, and
        // names itself in the frame's title.
        let screen = render(&m, 80, 24);
        assert!(screen.contains(want.name()), "{want:?}:\n{screen}");
    }
    // → and Tab walk forward, ← and Shift-Tab back, wrapping around.
    update::update(&mut m, Msg::Right);
    assert_eq!(section(&m), Section::Ending);
    update::update(&mut m, Msg::PrevPanel);
    assert_eq!(section(&m), Section::Questions);
    update::update(&mut m, Msg::NextPanel);
    update::update(&mut m, Msg::Right);
    assert_eq!(section(&m), Section::Secrets);
    // t goes to the next secret (and to the secrets section).
    update::update(&mut m, Msg::Digit(6));
    update::update(&mut m, Msg::NextTarget);
    assert_eq!(section(&m), Section::Secrets);
    let ui = m.debrief.as_ref().expect("open");
    assert_eq!(ui.secret, 1 % ui.analysis.secrets.len().max(1));
    // Scrolling the orders moves the text.
    update::update(&mut m, Msg::Digit(6));
    let top = render(&m, 80, 24);
    update::update(&mut m, Msg::PageDown);
    assert_ne!(render(&m, 80, 24), top, "PgDn scrolls the orders");
}

#[test]
fn snapshot_debrief() {
    let mut m = finished_model(7);
    update::update(&mut m, Msg::Debrief);
    both_sizes("debrief_ending", &m);
    update::update(&mut m, Msg::Digit(2));
    both_sizes("debrief_secrets", &m);
    update::update(&mut m, Msg::Digit(6));
    both_sizes("debrief_orders", &m);
    update::update(&mut m, Msg::Digit(7));
    both_sizes("debrief_questions", &m);
}

#[test]
fn the_debrief_shows_a_covert_act_no_player_discovered() {
    // The first seed whose game has a covert act nobody outside its
    // parties ever learnt of.
    let (seed, m) = (1..60)
        .map(|seed| (seed, finished_model(seed)))
        .find(|(_, m)| {
            let s = m.session.as_ref().expect("session");
            let d = s.debrief().expect("over");
            let unfound_act = d
                .log
                .covert
                .iter()
                .any(|a| a.found.is_empty() && a.published.is_none());
            let covert_order = d.turns.iter().any(|r| {
                r.events.iter().any(|e| {
                    matches!(e, crate::engine::Event::OrderResolved { covert: true, index, .. }
                        if d.log.act_of_order(r.turn, *index).is_none())
                })
            });
            unfound_act || covert_order
        })
        .expect("some game among 60 seeds has a covert act nobody found");
    let mut m = m;
    update::update(&mut m, Msg::Debrief);
    update::update(&mut m, Msg::Digit(4));
    assert_eq!(section(&m), Section::Covert);
    let ui = m.debrief.as_ref().expect("open");
    let hidden = ui
        .analysis
        .covert
        .iter()
        .find(|c| c.never_discovered())
        .expect("the analysis keeps it")
        .clone();
    // Read the whole section, scrolling a tall screen, as a teacher would.
    let mut text = String::new();
    for _ in 0..20 {
        text.push_str(&render(&m, 160, 48));
        update::update(&mut m, Msg::PageDown);
    }
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let what = hidden.what.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&format!("Turn {} ({}): {what}", hidden.turn, hidden.date)),
        "seed {seed}: {what} not shown:\n{text}"
    );
    assert!(
        flat.contains("never — no one outside the parties found out"),
        "seed {seed}: not marked as never discovered:\n{text}"
    );
}

fn listing() -> Listing {
    let s = scn();
    Listing {
        name: "korea-arms-deal".into(),
        title: s.meta.title.clone(),
        summary: s.meta.summary.clone(),
        error: None,
    }
}

fn load_list(dir: &Path) -> Model {
    let mut m =
        Model::title(vec![listing()], (80, 24), Theme { color: true }).with_saves_dir(dir.into());
    m.refresh_saves();
    let at = m
        .title
        .items()
        .iter()
        .position(|i| *i == TitleItem::Load)
        .expect("a Load entry");
    m.title.selected = at;
    update::update(&mut m, Msg::Select);
    assert_eq!(m.screen, Screen::Load);
    m
}

#[test]
fn the_load_list_offers_the_debrief_of_a_finished_save_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    crate::save::save_as_with_id(dir.path(), "done", &finished_match(7), &test_id(), false)
        .expect("save");
    let mut unfinished = finished_match(7);
    unfinished = {
        let mut g = Match::new(
            unfinished.scenario().clone(),
            7,
            unfinished.seats().to_vec(),
            Keep::Everything,
        );
        g.play_turn();
        g
    };
    crate::save::save_as_with_id(dir.path(), "going", &unfinished, &test_id(), false)
        .expect("save");
    let mut m = load_list(dir.path());
    let pos = |m: &Model, name: &str| {
        m.load
            .saves
            .iter()
            .position(|s| s.name == name)
            .expect("listed")
    };
    m.load.selected = pos(&m, "going.toml");
    update::update(&mut m, Msg::Debrief);
    assert_eq!(m.screen, Screen::Load);
    assert!(
        m.status
            .as_deref()
            .is_some_and(|s| s.contains("not finished")),
        "{:?}",
        m.status
    );
    let screen = render(&m, 80, 24);
    assert!(screen.contains("d debrief"), "{screen}");
    m.load.selected = pos(&m, "done.toml");
    let screen = render(&m, 80, 24);
    assert!(screen.contains("d opens its debrief"), "{screen}");
    update::update(&mut m, Msg::Debrief);
    assert_eq!(m.screen, Screen::Debrief);
    assert!(render(&m, 80, 24).contains("Debrief"));
    update::update(&mut m, Msg::Back);
    assert_eq!(m.screen, Screen::Load);
    assert!(m.session.is_none());
    assert_eq!(m.load.saves[m.load.selected].name, "done.toml");
}

#[test]
fn after_game_over_the_footer_does_not_offer_to_end_the_turn() {
    let footer = |m: &Model| render(m, 160, 48).lines().last().unwrap_or("").to_string();
    let live = Model::game(
        Table::with_id(
            Match::new(
                Arc::new(scn()),
                1,
                vec![Seat::Human; scn().n()],
                Keep::Everything,
            ),
            test_id(),
        ),
        (160, 48),
        Theme { color: false },
    );
    let mut live = live;
    live.screen = Screen::Game(Tab::Dashboard);
    assert!(footer(&live).contains("end turn"), "{}", footer(&live));
    let mut m = finished_model(3);
    m.screen = Screen::Game(Tab::Dashboard);
    let f = footer(&m);
    assert!(!f.contains("end turn"), "{f}");
}
