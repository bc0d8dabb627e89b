//! Batch runs as a user runs them: the same statistics at any thread
//! count, shards that merge into exactly the unsharded run, merge refusing
//! files of other batches, and `simulate --perspective` showing one
//! actor's game without others' secrets.

use std::path::Path;

mod cli_common;

use cli_common::{fails, run};

const BATCH: [&str; 8] = [
    "simulate", "--runs", "5", "--seed", "4", "--turns", "3", "--format",
];

fn batch(extra: &[&str]) -> Vec<u8> {
    let mut args: Vec<&str> = BATCH.to_vec();
    args.push("json");
    args.extend_from_slice(extra);
    run(&args)
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn one_thread_and_two_give_the_same_json() {
    let one = batch(&["--threads", "1"]);
    let two = batch(&["--threads", "2"]);
    assert_eq!(String::from_utf8_lossy(&one), String::from_utf8_lossy(&two));
    let v: serde_json::Value = serde_json::from_slice(&one).expect("JSON");
    assert_eq!(v["runs"], 5);
    assert_eq!(v["partial"], false);
}

#[test]
fn shards_merge_into_the_unsharded_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    batch(&["--shard", "1/2", "--out", p(&a), "--threads", "1"]);
    batch(&["--shard", "2/2", "--out", p(&b), "--threads", "2"]);
    let whole = batch(&[]);
    // In either order.
    let merged = run(&["merge", p(&b), p(&a), "--format", "json"]);
    assert_eq!(
        String::from_utf8_lossy(&whole),
        String::from_utf8_lossy(&merged)
    );
    let text = String::from_utf8(run(&["merge", p(&a), p(&b)])).expect("utf-8");
    assert!(text.contains("How games ended") && !text.contains("partial"));
    // A shard given twice is refused.
    let err = fails(&["merge", p(&a), p(&a)]);
    assert!(err.contains("shard 1/2"), "{err}");
}

#[test]
fn merge_refuses_files_of_other_batches() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.json");
    let other_seed = dir.path().join("seed.json");
    let other_scn = dir.path().join("scn.json");
    batch(&["--shard", "1/2", "--out", p(&a)]);
    let mut args: Vec<&str> = BATCH.to_vec();
    args[4] = "5";
    args.extend(["json", "--shard", "2/2", "--out", p(&other_seed)]);
    run(&args);
    run(&[
        "simulate",
        "scenarios/strait-standoff.toml",
        "--runs",
        "5",
        "--seed",
        "4",
        "--turns",
        "3",
        "--shard",
        "2/2",
        "--out",
        p(&other_scn),
    ]);
    let err = fails(&["merge", p(&a), p(&other_seed)]);
    assert!(
        err.contains("different batches") && err.contains("--seed"),
        "{err}"
    );
    let err = fails(&["merge", p(&a), p(&other_scn)]);
    assert!(
        err.contains("different batches") && err.contains("scenario"),
        "{err}"
    );
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, "{\"hello\": 1}").expect("write");
    let err = fails(&["merge", p(&junk)]);
    assert!(err.contains("not a statistics file"), "{err}");
    let err = fails(&["merge", p(&dir.path().join("missing.json"))]);
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn absurd_or_broken_batch_arguments_are_refused_clearly() {
    let err = fails(&["simulate", "--runs", "100000000000000000"]);
    assert!(err.contains("--runs"), "{err}");
    let err = fails(&["simulate", "--runs", "0"]);
    assert!(err.contains("at least 1"), "{err}");
    let err = fails(&[
        "simulate", "--runs", "4", "--shard", "3/2", "--out", "x.json",
    ]);
    assert!(err.contains("I/K"), "{err}");
    let err = fails(&["simulate", "--runs", "4", "--shard", "1/2"]);
    assert!(err.contains("--out"), "{err}");
}

/// Every order another actor gave covertly, as (turn, actor, move) — from
/// the truth.
fn covert_orders_of_others(truth: &serde_json::Value, me: &str) -> Vec<(u64, String)> {
    let mut out = Vec::new();
    for t in truth["turns"].as_array().expect("turns") {
        for o in t["orders"].as_array().expect("orders") {
            if o["covert"] == true && o["actor"] != me {
                out.push((t["turn"].as_u64().unwrap_or(0), o["move"].to_string()));
            }
        }
    }
    out
}

#[test]
fn perspective_never_lists_another_actors_covert_order_before_it_is_revealed() {
    let mut hidden_somewhere = 0;
    for seed in ["1", "2", "3"] {
        let truth: serde_json::Value = serde_json::from_slice(&run(&[
            "simulate", "--seed", seed, "--turns", "10", "--format", "json",
        ]))
        .expect("JSON");
        let seen: serde_json::Value = serde_json::from_slice(&run(&[
            "simulate",
            "--seed",
            seed,
            "--turns",
            "10",
            "--perspective",
            "us",
            "--format",
            "json",
        ]))
        .expect("JSON");
        assert_eq!(seen["perspective"], "us");
        let truth_covert = covert_orders_of_others(&truth, "us");
        let mut listed = 0;
        for t in seen["turns"].as_array().expect("turns") {
            let turn = t["turn"].as_u64().expect("turn");
            for o in t["orders"].as_array().expect("orders") {
                if o["actor"] != "us" {
                    assert!(o.get("reason").is_none(), "another's reason shown: {o}");
                    if o["covert"] == true {
                        let d = o["discovered"].as_u64().expect("discovered turn");
                        assert!(d <= turn, "seed {seed}: listed before revealed: {o}");
                        listed += 1;
                    }
                }
            }
            for o in t["came_to_light"].as_array().expect("came_to_light") {
                assert_eq!(o["discovered"].as_u64(), Some(turn));
                listed += 1;
            }
            // The view carries no other actor's capital.
            assert!(t["view"]["capital"].is_number());
        }
        assert!(listed <= truth_covert.len());
        hidden_somewhere += truth_covert.len() - listed;
    }
    // The truth lists covert orders of others that the US did not see.
    assert!(
        hidden_somewhere > 0,
        "no covert order to hide in these seeds"
    );
}

#[test]
fn perspective_arguments_are_checked() {
    let err = fails(&["simulate", "--perspective", "atlantis", "--format", "json"]);
    assert!(err.contains("not an actor"), "{err}");
    let err = fails(&["simulate", "--perspective", "us"]);
    assert!(err.contains("--format json"), "{err}");
}

#[test]
fn a_fixed_strategy_plays_an_actor_and_the_batch_counts_moves_events_and_crisis_stages() {
    let out = run(&[
        "simulate",
        "--runs",
        "6",
        "--policy",
        "dprk=passive",
        "--policy",
        "us=hawk",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let actor = |id: &str| {
        v["actors"]
            .as_array()
            .expect("actors")
            .iter()
            .find(|a| a["actor"] == id)
            .cloned()
            .expect("actor")
    };
    // A passive DPRK gives no orders at all; the others do.
    assert_eq!(actor("dprk")["moves_per_game"], serde_json::json!([]));
    assert!(
        !actor("russia")["moves_per_game"]
            .as_array()
            .expect("list")
            .is_empty()
    );
    // A hawkish US orders only hostile moves (none of the conciliatory ones).
    let us_moves: Vec<String> = actor("us")["moves_per_game"]
        .as_array()
        .expect("list")
        .iter()
        .map(|m| m["move"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(!us_moves.is_empty());
    for calm in [
        "stand_down",
        "back_down",
        "open_talks",
        "reassure_ally",
        "offer_relief",
    ] {
        assert!(
            !us_moves.iter().any(|m| m == calm),
            "hawk ordered {calm}: {us_moves:?}"
        );
    }
    assert!(!v["events_per_game"].as_array().expect("events").is_empty());
    assert_eq!(
        v["crisis_stage_reached"].as_array().expect("stages").len(),
        3
    );
    assert_eq!(v["pairs"].as_array().expect("pairs").len(), 10);
}

#[test]
fn an_unknown_strategy_or_actor_is_refused_with_the_choices() {
    let e = fails(&["simulate", "--runs", "2", "--policy", "dprk=hawky"]);
    assert!(e.contains("passive") && e.contains("dove"), "{e}");
    let e = fails(&["simulate", "--runs", "2", "--policy", "mars=hawk"]);
    assert!(e.contains("not an actor"), "{e}");
    let e = fails(&["simulate", "--runs", "2", "--policy", "dprk"]);
    assert!(e.contains("ACTOR=NAME"), "{e}");
}

/// `--ai` picks the computer players' strength: a wrong name is refused
/// with the choices; each strength gives the same game twice, and the
/// strengths really play differently.
#[test]
fn ai_strengths_are_named_reproducible_and_different() {
    let e = fails(&["simulate", "--seed", "3", "--ai", "brutal"]);
    assert!(
        e.contains("easy") && e.contains("normal") && e.contains("hard"),
        "{e}"
    );
    let game = |s: &str| run(&["simulate", "--seed", "3", "--ai", s, "--format", "json"]);
    let normal = game("normal");
    assert_eq!(
        normal,
        run(&["simulate", "--seed", "3", "--format", "json"])
    );
    for s in ["easy", "hard"] {
        let a = game(s);
        assert_eq!(a, game(s), "{s} is not reproducible");
        assert_ne!(a, normal, "{s} plays exactly like normal");
    }
    let one = run(&[
        "simulate",
        "--seed",
        "3",
        "--policy",
        "dprk=hard",
        "--format",
        "json",
    ]);
    assert_ne!(one, normal, "--policy dprk=hard changed nothing");
}

/// The AI's thinking time is measured but never changes standard output
/// unless asked for: by default it goes to stderr (text) or nowhere (JSON);
/// `--timing` puts it in the output.
#[test]
fn timing_stays_out_of_standard_output_unless_asked_for() {
    let plain: serde_json::Value = serde_json::from_slice(&batch(&[])).expect("JSON");
    assert!(plain.get("timing").is_none());
    let timed: serde_json::Value = serde_json::from_slice(&batch(&["--timing"])).expect("JSON");
    assert!(timed["timing"]["p95_ms"].is_number(), "{}", timed["timing"]);
    assert_eq!(timed["timing"]["turns"].as_u64(), Some(15));
    let line = "AI thinking per turn (all computer actors): p50";
    let out = cli_common::flashpoint()
        .args(["simulate", "--seed", "2", "--turns", "2"])
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&out.stdout).contains(line));
    assert!(String::from_utf8_lossy(&out.stderr).contains(line));
    let text = String::from_utf8(run(&[
        "simulate", "--seed", "2", "--turns", "2", "--timing",
    ]))
    .expect("utf-8");
    assert!(text.contains(line) && text.contains("(2 turns)"), "{text}");
    // The batch shares: each actor's offers and top-three share.
    for a in plain["actors"].as_array().expect("actors") {
        assert!(a["offered_to_share"].is_number() && a["top3_share"].is_number());
    }
}
