//! Plain mode driven in-process: typed lines in, text out.

use std::sync::Arc;

use super::{Input, play};
use crate::engine::turn::Keep;
use crate::referee::{Match, Seat};
use crate::save::Table;
use crate::tui::model::Model;
use crate::tui::theme::Theme;

fn game(humans: &[&str]) -> Model {
    let s = crate::scenario::load_bundled("korea-arms-deal")
        .expect("bundled")
        .expect("valid");
    let mut seats = vec![Seat::Ai(crate::ai::Policy::Utility); s.n()];
    for id in humans {
        seats[s.actor_by_id(id).expect("actor").index()] = Seat::Human;
    }
    let table = Table::new(Match::new(Arc::new(s), 7, seats, Keep::Everything));
    Model::game(table, (80, 24), Theme { color: false })
}

/// Plays the lines (then end of input) and returns what was printed.
fn run(m: &mut Model, lines: &[&str]) -> String {
    let mut it = lines.iter();
    let mut out = Vec::new();
    play(
        m,
        || {
            it.next()
                .map_or(Input::Eof, |l| Input::Line((*l).to_string()))
        },
        &mut out,
        true,
    )
    .expect("writes");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn no_escape_sequences_nor_box_drawing() {
    let mut m = game(&["us"]);
    let out = run(
        &mut m,
        &["1", "2", "3", "4", "5", "6", "help", "dossier dprk"],
    );
    assert!(!out.contains('\x1b'), "{out}");
    for c in ['│', '─', '┌', '█', '░', '▲', '▼'] {
        assert!(!out.contains(c), "{c} in {out}");
    }
    assert!(out.contains("Regional tension"), "{out}");
    assert!(out.contains("YOUR OBJECTIVES"), "{out}");
}

#[test]
fn an_order_is_added_edited_and_removed() {
    let mut m = game(&["us"]);
    let out = run(&mut m, &["order 99", "order 1", "orders"]);
    assert!(out.contains("There is no move 99"), "{out}");
    assert!(out.contains("Added: "), "{out}");
    let s = m.session.as_ref().expect("session");
    assert_eq!(s.draft().len(), 1);
    let out = run(&mut m, &["remove 1", "remove 1"]);
    assert!(out.contains("Removed: "), "{out}");
    assert!(out.contains("You have no orders yet"), "{out}");
}

#[test]
fn a_wrong_target_or_level_says_what_would_do() {
    let mut m = game(&["us"]);
    let s = m.session.as_ref().expect("session");
    let scn = s.scenario().clone();
    let moves = crate::tui::draft::move_list(&scn, s.current);
    let n = moves
        .iter()
        .position(|mv| scn.mv(*mv).targeted && scn.mv(*mv).level.max > scn.mv(*mv).level.min)
        .expect("a targeted move with levels")
        + 1;
    let out = run(
        &mut m,
        &[&format!("order {n} nobody"), &format!("order {n} 999")],
    );
    assert!(out.contains("is neither an actor nor a level"), "{out}");
    assert!(out.contains("Targets: "), "{out}");
    assert!(out.contains(", not 999"), "{out}");
}

#[test]
fn ending_the_turn_prints_the_report_and_the_next_turn() {
    let mut m = game(&["us"]);
    let out = run(&mut m, &["end"]);
    assert!(out.contains("Turn 1 report"), "{out}");
    assert!(out.contains("SUMMARY"), "{out}");
    assert!(out.contains("Your orders: "), "{out}");
    assert!(
        out.contains("us, turn 2> ") || out.contains("US, turn 2> "),
        "{out}"
    );
}

#[test]
fn hotseat_players_take_turns_at_the_prompt() {
    let mut m = game(&["us", "dprk"]);
    let out = run(&mut m, &["end", "end"]);
    assert!(out.contains("Hand over to"), "{out}");
    assert!(out.contains("Turn 1 report"), "{out}");
}
