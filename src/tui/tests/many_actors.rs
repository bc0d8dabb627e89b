//! The dashboard with the documented maximum of 24 actors: panels scroll
//! (↑↓) with a hint in their titles instead of losing actors.

use std::sync::Arc;

use super::{render, update};
use crate::engine::turn::Keep;
use crate::referee::{Match, Seat};
use crate::save::Table;
use crate::tui::model::{Model, Tab};
use crate::tui::msg::Msg;
use crate::tui::theme::Theme;

fn big() -> Model {
    let size = crate::sim::synthetic::Size {
        actors: 24,
        moves: 40,
        events: 20,
        tracks: 6,
    };
    let scn = crate::scenario::load_str("synthetic", &crate::sim::synthetic::text(size))
        .expect("a valid synthetic scenario");
    let mut seats = vec![Seat::Ai(crate::ai::Policy::Utility); scn.n()];
    seats[0] = Seat::Human;
    let game = Match::new(Arc::new(scn), 3, seats, Keep::Everything);
    let mut m = Model::game(
        Table::with_id(game, super::test_id()),
        (120, 40),
        Theme { color: false },
    );
    update(&mut m, Msg::GoTo(Tab::Dashboard));
    m
}

#[test]
fn snapshot_dashboard_with_24_actors() {
    let mut m = big();
    let at_120 = render(&m, 120, 40);
    assert!(at_120.contains("Threat perception · 1–"), "{at_120}");
    assert!(at_120.contains("of 24 ↑↓"), "{at_120}");
    assert!(at_120.contains("Relations · columns 1–"), "{at_120}");
    insta::assert_snapshot!("dashboard_24_actors_120x40", at_120);
    insta::assert_snapshot!("dashboard_24_actors_80x24", render(&m, 80, 24));
    insta::assert_snapshot!("dashboard_24_actors_160x48", render(&m, 160, 48));
    for _ in 0..5 {
        update(&mut m, Msg::Down);
    }
    let scrolled = render(&m, 120, 40);
    assert!(scrolled.contains("Threat perception · 6–"), "{scrolled}");
    insta::assert_snapshot!("dashboard_24_actors_scrolled_120x40", scrolled);
}

#[test]
fn the_dossier_list_follows_the_selection_among_24_actors() {
    let mut m = big();
    update(&mut m, Msg::GoTo(Tab::Dossier));
    for _ in 0..21 {
        update(&mut m, Msg::Down);
    }
    let screen = render(&m, 80, 24);
    assert!(screen.contains("Actor 21"), "{screen}");
    assert!(screen.contains("/24 ↑↓"), "{screen}");
    insta::assert_snapshot!("dossier_24_actors_80x24", screen);
    insta::assert_snapshot!("dossier_24_actors_160x48", render(&m, 160, 48));
}
