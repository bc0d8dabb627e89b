//! Save format 2: the computer's reasons are kept, a finished game is
//! marked `finished = true`, and format-1 files still load (the sample in
//! `tests/fixtures/save-v1-mini-finished.toml`, and format-1 text made
//! from a game played now).

mod save_common;

use flashpoint::save::{self, SaveError, format};
use save_common::*;

fn stamp() -> toml::value::Datetime {
    "2030-01-02T03:04:05Z".parse().expect("datetime")
}

/// A computer-only game of the mini scenario, played to its end.
fn finished() -> Game {
    let scn = mini();
    let n = scn.n();
    let mut g = new_game(scn, 11, vec![false; n]);
    while !g.is_over() {
        g.play_turn();
    }
    g
}

/// The format-1 text of a game: what this version wrote before format 2
/// (the same file without `finished`).
fn as_v1(text: &str) -> String {
    assert!(text.contains("format_version = 3\n"));
    text.replace("format_version = 3\n", "format_version = 1\n")
        .replace("finished = true\n", "")
        .replace("finished = false\n", "")
}

#[test]
fn a_finished_game_is_marked_and_keeps_its_reasons() {
    let g = finished();
    let text = format::game_text(&g, stamp()).expect("text");
    assert!(text.contains("format_version = 3\n"), "{text}");
    assert!(text.contains("\nfinished = true\n"), "marked finished");
    assert!(text.contains("reason = "), "reasons are written");
    let dir = tempfile::tempdir().expect("dir");
    let p = dir.path().join("done.toml");
    std::fs::write(&p, &text).expect("write");
    let loaded = save::load(&p).expect("loads");
    assert!(loaded.is_over());
    let d = loaded.debrief().expect("a debrief once over");
    let orders: usize = d.turns.iter().map(|t| t.orders.list.len()).sum();
    let reasons = d
        .turns
        .iter()
        .flat_map(|t| &t.reasons)
        .filter(|r| r.as_deref().is_some_and(|r| !r.is_empty()))
        .count();
    assert!(orders > 0);
    assert_eq!(reasons, orders, "every computer order keeps its reason");
    assert_eq!(
        d.turns,
        g.truth().turns.to_vec(),
        "the same turns, reasons and all"
    );
}

#[test]
fn an_unfinished_game_is_not_marked() {
    let scn = mini();
    let n = scn.n();
    let mut g = new_game(scn, 11, vec![false; n]);
    g.play_turn();
    let text = format::game_text(&g, stamp()).expect("text");
    assert!(text.contains("\nfinished = false\n"), "{text}");
}

#[test]
fn finished_must_agree_with_the_state() {
    let dir = tempfile::tempdir().expect("dir");
    let text = format::game_text(&finished(), stamp()).expect("text");
    let p = dir.path().join("lie.toml");
    std::fs::write(
        &p,
        text.replace("\nfinished = true\n", "\nfinished = false\n"),
    )
    .expect("write");
    let e = save::load(&p).expect_err("refused");
    assert!(matches!(e, SaveError::Inconsistent { .. }), "{e}");
    let msg = e.to_string();
    assert!(
        msg.contains("lie.toml") && msg.contains("`finished`"),
        "{msg}"
    );
}

#[test]
fn format_1_text_of_a_game_played_now_loads_as_the_current_format() {
    let dir = tempfile::tempdir().expect("dir");
    let g = finished();
    let v1 = as_v1(&format::game_text(&g, stamp()).expect("text"));
    assert!(!v1.contains("finished"));
    let p = dir.path().join("old.toml");
    std::fs::write(&p, &v1).expect("write");
    let opened = save::open(&p).expect("opens");
    assert_eq!(opened.from_version, 1);
    assert_eq!(opened.file.format_version, format::FORMAT_VERSION);
    assert!(opened.file.finished, "the migration marks it finished");
    let loaded = save::load(&p).expect("replays");
    assert!(loaded.is_over());
    assert_eq!(loaded.truth().turns, g.truth().turns, "reasons survive");
    // An unfinished one is not marked.
    let scn = mini();
    let n = scn.n();
    let mut h = new_game(scn, 11, vec![false; n]);
    h.play_turn();
    let q = dir.path().join("half.toml");
    std::fs::write(&q, as_v1(&format::game_text(&h, stamp()).expect("text"))).expect("write");
    let opened = save::open(&q).expect("opens");
    assert!(!opened.file.finished);
}

#[test]
fn the_sample_format_1_file_still_opens() {
    let p = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/save-v1-mini-finished.toml"
    ));
    let text = std::fs::read_to_string(p).expect("fixture");
    assert!(text.contains("format_version = 1\n") && !text.contains("finished"));
    // Every check but the replay (which follows the rules of the day: a
    // rule change makes old saves refuse to verify, deliberately).
    let opened = save::open(p).expect("opens");
    assert_eq!(opened.from_version, 1);
    assert!(opened.file.finished, "migrated: its state has an outcome");
    assert!(opened.saved_state().is_over());
    assert!(
        opened
            .log
            .iter()
            .flat_map(|t| &t.orders)
            .all(|(_, reason)| reason.is_some()),
        "the computer's reasons are read"
    );
}
