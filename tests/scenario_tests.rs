//! Scripted orders and the `[[tests]]` of scenarios, through the real
//! binary: `flashpoint test` passes on the bundled scenarios and fails,
//! naming the line, on a wrong expectation; `simulate --orders` is
//! deterministic and reports refused orders; a malformed orders file is
//! an error with file:line:col; `replay` plays an orders file.

mod cli_common;

use std::path::{Path, PathBuf};

use cli_common::{fails, flashpoint, run};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scenario(name: &str) -> String {
    root().join("scenarios").join(name).display().to_string()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write a temp file");
    p.display().to_string()
}

/// The line (1-based) of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("the needle is in the text")
        + 1
}

#[test]
fn bundled_scenarios_pass_their_own_tests() {
    for (name, least) in [
        ("korea-arms-deal.toml", 8),
        ("strait-standoff.toml", 8),
        ("arctic-passage.toml", 6),
    ] {
        let out = String::from_utf8(run(&["test", &scenario(name)])).expect("UTF-8");
        let passed = out
            .lines()
            .filter(|l| l.trim_start().starts_with("ok"))
            .count();
        assert!(
            passed >= least,
            "{name}: only {passed} tests passed:\n{out}"
        );
        assert!(!out.contains("FAIL"), "{out}");
        assert!(out.contains(&format!("{passed} passed, 0 failed")), "{out}");
    }
}

#[test]
fn a_wrong_expectation_fails_with_its_line_and_values() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(scenario("strait-standoff.toml")).expect("read");
    let right = "that = \"tension(ostrand, varesh) > 6\"";
    assert!(text.contains(right), "the boats test is in the scenario");
    let wrong = text.replacen(right, "that = \"tension(ostrand, varesh) > 60\"", 1);
    let path = write(dir.path(), "wrong.toml", &wrong);
    let line = line_of(&wrong, "tension(ostrand, varesh) > 60");
    let out = flashpoint().args(["test", &path]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1), "a failing test exits 1");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("FAIL  patrol boats sold to Kelmar alarm its rival"),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("wrong.toml:{line}:")), "{stdout}");
    assert!(stdout.contains("tension(ostrand, varesh) = "), "{stdout}");
    assert!(stdout.contains("60 = 60"), "{stdout}");
    assert!(stdout.contains(" passed, 1 failed"), "{stdout}");

    let json = flashpoint()
        .args(["test", &path, "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(json.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(v["failed"], 1);
    let failing: Vec<&serde_json::Value> = v["files"][0]["tests"]
        .as_array()
        .expect("tests")
        .iter()
        .filter(|t| t["passed"] == false)
        .collect();
    assert_eq!(failing.len(), 1);
    assert_eq!(failing[0]["failures"][0]["line"], line);
}

#[test]
fn a_bad_test_table_is_refused_at_load_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(scenario("strait-standoff.toml")).expect("read");
    let bad = text.replacen(
        "varesh = [{ move = \"fishing_ban\", target = \"kelmar\", level = 4 }]",
        "varesh = [{ move = \"fishng_ban\", target = \"kelmar\", level = 4 }]",
        1,
    );
    let path = write(dir.path(), "bad.toml", &bad);
    let line = line_of(&bad, "fishng_ban");
    let err = fails(&["validate", &path]);
    assert!(err.contains(&format!("bad.toml:{line}:")), "{err}");
    assert!(err.contains("did you mean `fishing_ban`"), "{err}");
    let out = flashpoint().args(["test", &path]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    // An expectation after the last turn the test plays.
    let late = text.replacen(
        "at = 6\nthat = \"sanction(varesh, kelmar) == 4",
        "at = 7\nthat = \"sanction(varesh, kelmar) == 4",
        1,
    );
    assert_ne!(late, text, "the fishing-ban expectation is in the scenario");
    let path = write(dir.path(), "late.toml", &late);
    let err = fails(&["validate", &path]);
    assert!(
        err.contains("at = 7 is not a turn this test plays"),
        "{err}"
    );
}

const ORDERS: &str = r#"
seed = 5

[[turn]]
turn = 1
us = [
    { move = "impose_sanctions", target = "dprk", level = 2 },
    { move = "demand_disclosure", target = "dprk" },
]

[[turn]]
turn = 2
us = [{ move = "demand_disclosure", target = "dprk" }]
dprk = []
"#;

#[test]
fn simulate_orders_is_deterministic_and_reports_refused_orders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "line.toml", ORDERS);
    for format in ["text", "json"] {
        let args = [
            "simulate", "--orders", &path, "--turns", "4", "--format", format,
        ];
        let a = run(&args);
        let b = run(&args);
        assert_eq!(a, b, "{format}: same file and seed, different output");
    }
    let text =
        String::from_utf8(run(&["simulate", "--orders", &path, "--turns", "4"])).expect("UTF-8");
    assert!(text.contains("why: scripted order (line 7)"), "{text}");
    // The second demand is refused: one is already pending.
    let refused = text
        .split("== Scripted orders refused")
        .nth(1)
        .expect("a refused order is reported");
    assert!(
        refused.contains(&format!("turn 2 ({path}:13)")),
        "{refused}"
    );
    assert!(refused.contains("not available now"), "{refused}");

    let json = run(&[
        "simulate", "--orders", &path, "--turns", "4", "--format", "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    assert_eq!(v["seed"], 5, "the file's seed is used");
    let r = &v["refused"][0];
    assert_eq!(r["turn"], 2);
    assert_eq!(r["line"], 13);
    assert_eq!(r["move"], "demand_disclosure");
    assert!(r["reason"].as_str().is_some_and(|s| !s.is_empty()));
    // --seed wins over the file's seed.
    let other = run(&["simulate", "--orders", &path, "--turns", "4", "--seed", "6"]);
    assert_ne!(other, run(&["simulate", "--orders", &path, "--turns", "4"]));
}

#[test]
fn a_malformed_orders_file_is_an_error_with_file_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(
        dir.path(),
        "bad.toml",
        "[[turn]]\nturn = 1\nus = [{ move = \"impose_sanction\", target = \"dprk\" }]\ndprkk = []\n\n[[turn]]\nturn = 2\nus = [{ move = \"impose_sanctions\", target = \"dprk\", level = 9 }]\n",
    );
    let err = fails(&["simulate", "--orders", &path]);
    assert!(err.contains("bad.toml:3:16"), "{err}");
    assert!(err.contains("did you mean `impose_sanctions`"), "{err}");
    assert!(err.contains("bad.toml:4:1"), "{err}");
    assert!(err.contains("did you mean `dprk`"), "{err}");
    assert!(
        err.contains("bad.toml:8:"),
        "level 9 is out of range: {err}"
    );
    assert!(err.contains("run `flashpoint simulate --orders"), "{err}");
    let syntax = write(
        dir.path(),
        "syntax.toml",
        "[[turn]]\nturn = 1\nus = [{ mve = \"x\" }]\n",
    );
    let err = fails(&["simulate", "--orders", &syntax]);
    assert!(err.contains("syntax.toml:3:"), "{err}");
}

#[test]
fn replay_plays_an_orders_file_or_says_what_it_needs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bare = write(dir.path(), "bare.toml", ORDERS);
    let err = fails(&["replay", &bare]);
    assert!(
        err.contains("--scenario") && err.contains("simulate"),
        "{err}"
    );
    let named = write(
        dir.path(),
        "named.toml",
        &format!("scenario = \"korea-arms-deal\"\n{ORDERS}"),
    );
    let replayed = String::from_utf8(run(&["replay", &named])).expect("UTF-8");
    assert!(
        replayed.contains("why: scripted order (line 8)"),
        "{replayed}"
    );
    assert!(replayed.contains("== Result"), "{replayed}");
    let with_flag = run(&["replay", &bare, "--scenario", "korea-arms-deal"]);
    assert!(String::from_utf8_lossy(&with_flag).contains("== Result"));
    let err = fails(&["replay", &named, "--verify"]);
    assert!(err.contains("orders file"), "{err}");
}
