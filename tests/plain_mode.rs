//! `flashpoint play --plain` through pipes: the real binary, commands on
//! stdin, the game read back from stdout.

mod cli_common;

use cli_common::flashpoint;

/// Runs plain mode with `input` on stdin in a fresh saves folder; returns
/// (exit success, stdout, stderr, the saves folder).
fn plain(args: &[&str], input: &str) -> (bool, String, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let saves = dir.path().to_str().expect("utf-8 path").to_string();
    let out = flashpoint()
        .args(["play", "--plain", "--saves-dir", &saves])
        .args(args)
        .write_stdin(input)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        dir,
    )
}

/// Regional tension as the status line after `marker` reads it.
fn tension_after(out: &str, marker: &str) -> f64 {
    let from = out
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {out}"));
    let line = out[from..]
        .lines()
        .find(|l| l.starts_with("Regional tension "))
        .expect("a status line");
    line["Regional tension ".len()..]
        .split_whitespace()
        .next()
        .and_then(|v| v.parse().ok())
        .expect("a number")
}

#[test]
fn three_turns_through_stdin() {
    let input = "1\norder 1 dprk\norder 15 dprk 2\norders\nend\n\
                 order 3 dprk 2\nend\n\
                 status\norder 22 3\nremove 1\norder 5 japan\nend\nreport\n";
    let (ok, out, err, dir) = plain(&["--as", "us", "--seed", "2026"], input);
    assert!(ok, "exit: {err}\n{out}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        !out.contains('\x1b'),
        "escape sequences in plain mode:\n{out}"
    );
    assert!(!out.contains('│') && !out.contains('█'), "{out}");
    // Orders accepted, listed and removed.
    assert!(out.contains("Added: Open talks to DPRK"), "{out}");
    assert!(
        out.contains("Added: Impose or tighten sanctions to DPRK (severity 2)"),
        "{out}"
    );
    assert!(out.contains("1. Open talks to DPRK"), "{out}");
    assert!(
        out.contains("Removed: Military exercises (scale 3)"),
        "{out}"
    );
    // Three turn reports, each opening with our orders' outcomes.
    for t in 1..=3 {
        assert!(
            out.contains(&format!("Turn {t} report")),
            "turn {t}:\n{out}"
        );
    }
    assert!(out.contains("Your orders: 2 of 2 succeeded."), "{out}");
    assert!(
        out.contains("  Open talks to DPRK — succeeded (100%)"),
        "{out}"
    );
    // The details fold behind `report full`.
    assert!(
        out.contains("Type `report full` for every order of every actor"),
        "{out}"
    );
    // The meters moved and the game went on to turn 4.
    let path: Vec<f64> = (1..=4)
        .map(|t| tension_after(&out, &format!("Turn {t} of 24")))
        .collect();
    assert!(
        path.windows(2).any(|w| (w[0] - w[1]).abs() > 0.05),
        "regional tension never moved: {path:?}"
    );
    assert!(out.contains("US, turn 4>"), "{out}");
    // End of input saved the game where it says.
    assert!(out.contains("Game saved to "), "{out}");
    let saved = std::fs::read_dir(dir.path())
        .expect("saves folder")
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().starts_with("autosave-"));
    assert!(saved, "no autosave in {:?}", dir.path());
}

#[test]
fn a_bad_command_gets_a_helpful_message_and_the_game_goes_on() {
    let (ok, out, err, _dir) = plain(
        &["--as", "us"],
        "fly to the moon\nordr 1\norder 1 atlantis\norder 999\nremove 4\n1\n",
    );
    assert!(ok, "{err}\n{out}");
    assert!(out.contains("Unknown command `fly`"), "{out}");
    assert!(out.contains("Type `help` for the list"), "{out}");
    assert!(out.contains("Did you mean `order`?"), "{out}");
    assert!(
        out.contains("`atlantis` is neither an actor nor a level"),
        "{out}"
    );
    assert!(out.contains("There is no move 999: moves run 1–"), "{out}");
    assert!(out.contains("You have no orders yet"), "{out}");
    // The game went on: the move list came after the mistakes.
    assert!(out.contains("Moves of US"), "{out}");
}

#[test]
fn hotseat_players_alternate_and_a_bad_actor_is_refused() {
    let (ok, out, err, _dir) = plain(&["--as", "us,dprk"], "end\nend\n");
    assert!(ok, "{err}\n{out}");
    assert!(out.contains("Hotseat: United States, North Korea"), "{out}");
    assert!(out.contains("Hand over to North Korea"), "{out}");
    assert!(out.contains("DPRK, turn 1>"), "{out}");
    assert!(out.contains("Turn 1 report"), "{out}");
    let (ok, _out, err, _dir) = plain(&["--as", "atlantis"], "");
    assert!(!ok);
    assert!(err.contains("not an actor"), "{err}");
}
