//! Save format 3: a hosted class keeps the instructor's actions in the
//! save, and a format-2 file (without them) still loads.

mod save_common;

use flashpoint::referee::InstructorNote;
use flashpoint::save::{self, format};
use save_common::*;

fn stamp() -> toml::value::Datetime {
    "2030-01-02T03:04:05Z".parse().expect("datetime")
}

#[test]
fn instructor_actions_are_kept_in_the_save() {
    let scn = mini();
    let n = scn.n();
    let mut g = new_game(scn, 5, vec![false; n]);
    g.play_turn();
    let notes = vec![
        InstructorNote {
            at: 1_900_000_000,
            turn: 2,
            what: "paused the clock".into(),
        },
        InstructorNote {
            at: 1_900_000_060,
            turn: 2,
            what: "injected event \"Storm\"".into(),
        },
    ];
    for n in &notes {
        g.note_instructor(n.clone());
    }
    let text = format::game_text(&g, stamp()).expect("text");
    assert!(text.contains("format_version = 3\n"), "{text}");
    assert!(text.contains("[[instructor]]"), "{text}");
    let dir = tempfile::tempdir().expect("dir");
    let p = dir.path().join("class.toml");
    std::fs::write(&p, &text).expect("write");
    let loaded = save::load(&p).expect("loads");
    assert_eq!(loaded.instructor_notes(), notes.as_slice());
    // Saved again, the notes are still there.
    let again = format::game_text(&loaded, stamp()).expect("text");
    assert_eq!(again, text);
}

#[test]
fn a_game_nobody_hosted_writes_no_instructor_list_and_format_2_loads() {
    let scn = mini();
    let n = scn.n();
    let mut g = new_game(scn, 5, vec![false; n]);
    g.play_turn();
    let text = format::game_text(&g, stamp()).expect("text");
    assert!(!text.contains("instructor"), "{text}");
    let v2 = text.replace("format_version = 3\n", "format_version = 2\n");
    let dir = tempfile::tempdir().expect("dir");
    let p = dir.path().join("old.toml");
    std::fs::write(&p, &v2).expect("write");
    let loaded = save::load(&p).expect("a format-2 file loads");
    assert!(loaded.instructor_notes().is_empty());
    assert_eq!(loaded.turn(), 1);
}
