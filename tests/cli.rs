//! The command line as a user runs it: determinism across processes, the
//! JSON documents, batches, and the second scenario written from the docs.

mod cli_common;

use cli_common::{flashpoint, run};

#[test]
fn same_seed_same_bytes_in_two_processes() {
    for format in ["text", "json"] {
        let a = run(&[
            "simulate", "--seed", "11", "--turns", "8", "--format", format,
        ]);
        let b = run(&[
            "simulate", "--seed", "11", "--turns", "8", "--format", format,
        ]);
        assert_eq!(a, b, "{format} output differs between two runs");
        let c = run(&[
            "simulate", "--seed", "12", "--turns", "8", "--format", format,
        ]);
        assert_ne!(a, c, "another seed gives the same {format} game");
    }
}

#[test]
fn json_game_has_orders_reasons_votes_and_estimates() {
    let out = run(&["simulate", "--seed", "3", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    let turns = v["turns"].as_array().expect("turns");
    assert!(!turns.is_empty());
    let t = &turns[0];
    assert!(
        t["orders"][0]["reason"]
            .as_str()
            .is_some_and(|r| !r.is_empty())
    );
    assert!(t["regional"]["after"].is_number());
    let est = t["estimates"]["us"].as_array().expect("the US's estimates");
    assert!(
        est.iter().any(|e| e["value"] == "arms_deal"),
        "the US estimates the secret arms deal"
    );
    assert!(
        !t["estimates"]["russia"]
            .as_array()
            .expect("russia")
            .iter()
            .any(|e| e["value"] == "arms_deal"),
        "Russia knows it exactly"
    );
    assert!(v["outcome"]["kind"].is_string());
    assert_eq!(v["scores"].as_array().map(Vec::len), Some(5));
}

#[test]
fn batches_report_outcomes_mechanics_and_objectives() {
    let out = run(&["simulate", "--runs", "6", "--seed", "1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    let total: u64 = v["outcomes"]
        .as_array()
        .expect("outcomes")
        .iter()
        .map(|o| o["count"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(total, 6);
    assert!(v["final_regional"]["p50"].is_number());
    assert_eq!(v["assessment_error"].as_array().map(Vec::len), Some(5));
    let text = String::from_utf8(run(&["simulate", "--runs", "4", "--seed", "1"])).expect("utf-8");
    assert!(text.contains("How games ended") && text.contains("Mean assessment error"));
    // The same batch whatever the thread timing.
    assert_eq!(
        run(&["simulate", "--runs", "4", "--seed", "9", "--format", "json"]),
        run(&["simulate", "--runs", "4", "--seed", "9", "--format", "json"])
    );
}

#[test]
fn the_second_scenario_validates_and_plays() {
    let ok =
        String::from_utf8(run(&["validate", "scenarios/strait-standoff.toml"])).expect("utf-8");
    assert!(ok.starts_with("ok "));
    let out = String::from_utf8(run(&[
        "simulate",
        "scenarios/strait-standoff.toml",
        "--seed",
        "1",
    ]))
    .expect("utf-8");
    assert!(out.contains("== Turn 1") && out.contains("== Result"));
}

#[test]
fn wrong_input_is_a_clear_error_not_a_panic() {
    let out = flashpoint()
        .args(["simulate", "no-such-scenario"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no scenario file or bundled scenario named `no-such-scenario`"),
        "{err}"
    );
    let out = flashpoint()
        .args(["simulate", "--random", "atlantis"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an actor"));
    let out = flashpoint()
        .args(["simulate", "--bogus"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let listed = String::from_utf8(run(&["scenarios"])).expect("utf-8");
    assert!(listed.starts_with("korea-arms-deal"));
}
