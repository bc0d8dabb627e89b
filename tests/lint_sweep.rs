//! `flashpoint lint` and `flashpoint sweep` as a scenario author runs
//! them: dead things are flagged, the starting template passes, a sweep's
//! shares add up and a wrong path is named. Runs are kept tiny so the
//! tests stay quick in a debug build.

mod cli_common;

use cli_common::{fails, flashpoint, run};
use serde_json::Value;

fn json(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("JSON output")
}

#[test]
fn lint_flags_a_dead_move_a_silent_event_and_an_unreached_ending() {
    let v = json(&run(&[
        "lint",
        "tests/fixtures/lint-dead.toml",
        "--runs",
        "3",
        "--format",
        "json",
    ]));
    assert_eq!(v["ok"], true, "warnings only: {v}");
    let found: Vec<(String, String, u64)> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or("").to_string(),
                f["id"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    for want in [
        ("dead-move", "golden_statue", 32),
        ("dead-event", "comet", 43),
        ("unreached-ending", "superpower", 50),
    ] {
        assert!(
            found.contains(&(want.0.into(), want.1.into(), want.2)),
            "{want:?} not in {found:?}"
        );
    }
    assert!(!found.iter().any(|f| f.1 == "speech"), "{found:?}");
    assert_eq!(v["timing"]["machine_dependent"], true);
}

#[test]
fn lint_text_names_file_and_line_and_exits_0_on_warnings() {
    let out = flashpoint()
        .args(["lint", "tests/fixtures/lint-dead.toml", "--runs", "2"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("warning[dead-move] tests/fixtures/lint-dead.toml:32:"),
        "{text}"
    );
    assert!(text.contains("info[ai-time]"), "{text}");
}

#[test]
fn lint_of_a_broken_scenario_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.toml");
    std::fs::write(&path, "[scenario]\nid = \"x\"\n").expect("write");
    let err = fails(&["lint", path.to_str().expect("utf-8")]);
    assert!(err.contains("broken.toml"), "{err}");
}

#[test]
fn the_new_template_passes_lint_without_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("crisis.toml");
    let p = path.to_str().expect("utf-8");
    run(&["new", p]);
    let out = flashpoint()
        .args(["lint", p, "--runs", "3", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out.stdout);
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["counts"]["error"], 0, "{v}");
}

#[test]
fn sweep_of_one_cost_gives_three_rows_whose_shares_sum_to_one() {
    let args = [
        "sweep",
        "korea-arms-deal",
        "--set",
        "moves.threaten_sanctions.cost=1..3",
        "--runs",
        "2",
        "--seed",
        "5",
        "--format",
        "json",
    ];
    let out = run(&args);
    let v = json(&out);
    let points = v["points"].as_array().expect("points");
    assert_eq!(points.len(), 3, "{v}");
    for (p, want) in points.iter().zip([1.0, 2.0, 3.0]) {
        assert_eq!(p["values"][0]["value"].as_f64(), Some(want));
        let outcomes = p["outcomes"].as_array().expect("outcomes");
        let count: u64 = outcomes.iter().filter_map(|o| o["count"].as_u64()).sum();
        let share: f64 = outcomes.iter().filter_map(|o| o["share"].as_f64()).sum();
        assert_eq!(count, 2, "{p}");
        assert!((share - 1.0).abs() < 1e-6, "shares sum to {share}: {p}");
    }
    assert_eq!(out, run(&args), "the same seed gives the same table");
}

#[test]
fn sweep_text_and_csv_have_a_row_per_value() {
    let text = String::from_utf8(run(&[
        "sweep",
        "tests/fixtures/lint-dead.toml",
        "--set",
        "actors.red.capital.income=1..3",
        "--runs",
        "2",
    ]))
    .expect("utf-8");
    assert!(
        text.contains("sweep of actors.red.capital.income"),
        "{text}"
    );
    assert!(text.contains("red#1"), "{text}");
    let csv = String::from_utf8(run(&[
        "sweep",
        "tests/fixtures/lint-dead.toml",
        "--set",
        "actors.red.capital.income=1..3",
        "--set",
        "scenario.turns=3,4",
        "--runs",
        "1",
        "--format",
        "csv",
    ]))
    .expect("utf-8");
    assert_eq!(csv.lines().count(), 1 + 3 * 2, "{csv}");
    assert!(
        csv.starts_with("actors.red.capital.income,scenario.turns,games,"),
        "{csv}"
    );
}

#[test]
fn sweep_refuses_an_unknown_path_naming_it() {
    let err = fails(&[
        "sweep",
        "korea-arms-deal",
        "--set",
        "moves.threaten_sanctions.cots=1..3",
        "--runs",
        "1",
    ]);
    assert!(err.contains("moves.threaten_sanctions.cots"), "{err}");
    assert!(err.contains("did you mean `cost`"), "{err}");
}

#[test]
fn sweep_refuses_text_and_shows_the_validators_message() {
    let err = fails(&[
        "sweep",
        "tests/fixtures/lint-dead.toml",
        "--set",
        "moves.speech.effects.0.stat=1",
    ]);
    assert!(err.contains("not a number"), "{err}");
    let err = fails(&[
        "sweep",
        "tests/fixtures/lint-dead.toml",
        "--set",
        "scenario.turns=0..1",
        "--runs",
        "1",
    ]);
    assert!(err.contains("scenario.turns = 0"), "{err}");
    assert!(err.contains("lint-dead.toml:8:"), "{err}");
}

#[test]
fn the_arctic_scenario_validates_plays_and_is_listed() {
    let path = "scenarios/arctic-passage.toml";
    let ok = String::from_utf8(run(&["validate", path])).expect("utf-8");
    assert!(
        ok.starts_with("ok scenarios/arctic-passage.toml (arctic-passage:"),
        "{ok}"
    );
    let game = String::from_utf8(run(&["simulate", path, "--seed", "2"])).expect("utf-8");
    assert!(
        game.contains("== Turn 1") && game.contains("== Result"),
        "{game}"
    );
    let list = String::from_utf8(run(&["scenarios"])).expect("utf-8");
    assert!(list.contains("arctic-passage"), "{list}");
}
