//! End to end: the real binary in a pseudo-terminal. A player starts the
//! default scenario as the US, sanctions the DPRK at severity 3 through
//! keystrokes, ends three turns, reads the turn report and the changed
//! tension on the screen, and quits; the terminal must be restored. Then
//! a game saved with `s` is continued with `play --load`.
//!
//! Every game here saves into a temporary folder (`--saves-dir`), never
//! into the repository's `./saves`.

use std::time::{Duration, Instant};

mod pty_common;
use pty_common::{
    DOWN, ENTER, LEFT, RIGHT, TIMEOUT, Term, header_turn, line_with, selected_line, wait_exit,
};

/// Regional tension before and after, from the report's first line.
fn tension_change(screen: &str) -> Option<(f64, f64)> {
    let line = line_with(screen, "regional tension");
    let rest = line.split("regional tension").nth(1)?;
    let mut nums = rest
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|t| !t.is_empty() && t.contains('.'))
        .map(|t| t.parse::<f64>());
    let before = nums.next()?.ok()?;
    let after = nums.next()?.ok()?;
    Some((before, after))
}

fn end_turn(t: &mut Term, turn: u32) -> String {
    t.send("e");
    t.wait_text("End your turn?");
    t.send("y");
    // The footer is drawn last: once it is the report's, the frame is whole.
    let title = format!("Turn {turn} report");
    t.wait_for(&title, |s| {
        s.contains(&title) && s.contains("Enter continue")
    })
}

#[test]
fn play_three_turns_as_the_us_with_sanctions_then_quit() {
    // Saves go to a temporary folder, not the repository's ./saves.
    let dir = tempfile::tempdir().expect("temp dir");
    let saves = dir.path().to_str().expect("utf-8 temp path").to_string();
    let mut t = Term::spawn(&["play", "--as", "us", "--seed", "7", "--saves-dir", &saves]);
    t.wait_text("Read your briefing");
    t.send(ENTER);
    t.wait_for("the dashboard", |s| {
        s.contains("Regional tension") && s.contains("Enter orders")
    });

    // The orders screen, then down the list to the sanctions move.
    t.send("2");
    t.wait_for("the orders screen", |s| {
        s.contains("Moves — US") && s.contains("Enter add")
    });
    let mut found = false;
    for _ in 0..60 {
        if selected_line(&t.screen()).contains("Impose or tighten") {
            found = true;
            break;
        }
        t.send_and_wait_change(DOWN, selected_line);
    }
    assert!(found, "no sanctions move in the list:\n{}", t.screen());

    // Target: the DPRK.
    for _ in 0..8 {
        if line_with(&t.screen(), "Target").contains("North Korea") {
            break;
        }
        t.send_and_wait_change("t", |s| line_with(s, "Target"));
    }
    assert!(
        line_with(&t.screen(), "Target").contains("North Korea"),
        "{}",
        t.screen()
    );

    // Level: severity 3.
    for _ in 0..8 {
        let line = line_with(&t.screen(), "severity ◂");
        if line.contains("◂ 3 ▸") {
            break;
        }
        let low = ["◂ 1 ▸", "◂ 2 ▸"].iter().any(|x| line.contains(x));
        let key = if low { RIGHT } else { LEFT };
        t.send_and_wait_change(key, |s| line_with(s, "severity ◂"));
    }
    assert!(
        line_with(&t.screen(), "severity ◂").contains("◂ 3 ▸"),
        "{}",
        t.screen()
    );

    t.send(ENTER);
    t.wait_text("Added: Impose or tighten sanctions → DPRK (severity 3)");
    t.wait_text("1. Impose or tighten sanctions → DPRK");

    // Turn 1: the report shows our order and how tension changed.
    let report = end_turn(&mut t, 1);
    assert!(
        report.contains("Impose or tighten sanctions → DPRK (severity 3) —"),
        "{report}"
    );
    let (before, after) = tension_change(&report).expect("tension line in the report");
    assert!(
        (before - after).abs() > 0.01,
        "tension did not change: {report}"
    );
    assert!(report.contains('▲') || report.contains('▼'), "{report}");

    // Turns 2 and 3.
    for turn in 2..=3 {
        t.send(ENTER);
        t.wait_text("New here?");
        let report = end_turn(&mut t, turn);
        assert!(tension_change(&report).is_some(), "{report}");
    }
    t.wait_text("turn 4 of 24");

    // The dashboard shows the tension and why it moved.
    t.send(ENTER);
    let dash = t.wait_for("the dashboard", |s| {
        s.contains("why:") && s.contains("Enter orders")
    });
    assert!(dash.contains("Regional tension"), "{dash}");

    // Quit with confirmation; the terminal is restored.
    t.send("q");
    t.wait_text("Quit?");
    t.send("y");
    let status = wait_exit(&mut t);
    assert!(status.success(), "exit status {status:?}");
    // Quitting after three turns saved the game and said where.
    assert!(autosave_in(dir.path()).is_some(), "saved on quit");
    let raw = String::from_utf8_lossy(&t.raw);
    let left = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
    let entered = raw
        .rfind("\x1b[?1049h")
        .expect("entered the alternate screen");
    assert!(
        left > entered,
        "the alternate screen was entered again after leaving"
    );
    assert!(
        !t.parser.screen().alternate_screen(),
        "still on the alternate screen"
    );
}

#[test]
fn ctrl_c_twice_quits_and_restores() {
    let dir = tempfile::tempdir().expect("temp dir");
    let saves = dir.path().to_str().expect("utf-8 temp path").to_string();
    let mut t = Term::spawn(&["play", "--seed", "1", "--saves-dir", &saves]);
    t.wait_text("Read your briefing");
    t.send("\x03");
    t.wait_text("Quit?");
    t.send("\x03");
    let status = wait_exit(&mut t);
    assert!(status.success(), "exit status {status:?}");
    assert!(String::from_utf8_lossy(&t.raw).contains("\x1b[?1049l"));
}

#[test]
fn bad_arguments_fail_before_the_terminal_is_touched() {
    let bin = env!("CARGO_BIN_EXE_flashpoint");
    let out = std::process::Command::new(bin)
        .args(["play", "--as", "nobody"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not an actor"), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\x1b[?1049h"));

    let out = std::process::Command::new(bin)
        .args(["play", "no-such-scenario"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-scenario"));

    let out = std::process::Command::new(bin)
        .args(["play", "--load", "no-such-save.toml"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: ") && err.contains("no-such-save.toml"),
        "{err}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\x1b[?1049h"));
}

#[test]
fn save_with_s_quit_then_load_it_with_play_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    let saves = dir.path().to_str().expect("utf-8 temp path").to_string();
    let mut t = Term::spawn(&["play", "--as", "us", "--seed", "7", "--saves-dir", &saves]);
    t.wait_text("Read your briefing");
    t.send(ENTER);
    t.wait_for("the dashboard", |s| s.contains("Enter orders"));
    end_turn(&mut t, 1);
    t.wait_text("autosaved");
    t.send(ENTER);
    let dash = t.wait_for("the dashboard", |s| {
        s.contains("New here?") && s.contains("Enter orders")
    });
    let turn = header_turn(&dash);
    assert_eq!(turn, "turn 2 of 24", "{dash}");
    assert!(autosave_in(dir.path()).is_some(), "autosave after the turn");

    // s: the popup with the suggested name; replace it and save.
    t.send("s");
    t.wait_text("Save the game");
    t.wait_text("korea-arms-deal-2026-02");
    for _ in 0.."korea-arms-deal-2026-02".len() {
        t.send("\x7f");
    }
    t.wait_for("the name to be cleared", |s| s.contains("Name: █"));
    // `q` and `e` are letters here, not quit and end turn.
    t.send("quiet-week_2");
    t.wait_text("Name: quiet-week_2");
    t.send(ENTER);
    t.wait_text("Saved to");
    let file = dir.path().join("quiet-week_2.toml");
    assert!(
        file.is_file(),
        "no save at {}: {}",
        file.display(),
        t.screen()
    );

    t.send("q");
    t.wait_text("Quit?");
    t.send("y");
    let status = wait_exit(&mut t);
    assert!(status.success(), "exit status {status:?}");

    // Load it: the same turn is on the screen.
    let file_s = file.to_str().expect("utf-8 path").to_string();
    let mut t = Term::spawn(&["play", "--load", &file_s, "--saves-dir", &saves]);
    let screen = t.wait_for("the loaded game", |s| {
        s.contains("Loaded quiet-week_2.toml") && s.contains("Turn 1 report")
    });
    assert_eq!(header_turn(&screen), turn, "{screen}");
    t.send(ENTER);
    t.wait_for("the dashboard", |s| s.contains("Enter orders"));
    t.send("q");
    t.wait_text("Quit?");
    t.send("y");
    let status = wait_exit(&mut t);
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn without_a_terminal_it_says_so() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["play"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a terminal"));
}

/// The game's own autosave in `dir` (`autosave-korea-arms-deal-<game id>.toml`).
fn autosave_in(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("autosave-korea-arms-deal-") && n.ends_with(".toml"))
        })
}

/// What of Russia's covert negotiation could show on another's screen:
/// the move's name, its failure headline, or its success headline (the
/// public "US Alarmed as …" event that quotes it excepted).
fn covert_trace(screen: &str) -> Option<String> {
    screen
        .lines()
        .find(|l| {
            l.contains("Negotiate the arms")
                || l.contains("Arms Talks Stall")
                || (l.contains("Accelerate Arms Deal") && !l.contains("Alarmed"))
                || l.contains("Added:")
        })
        .map(str::to_string)
}

/// Visits every tab of the player at the keyboard; the screens, in order.
fn every_tab(t: &mut Term) -> Vec<String> {
    ["1", "2", "3", "4", "5"]
        .iter()
        .map(|k| {
            t.send(k);
            t.settle();
            t.screen()
        })
        .collect()
}

#[test]
fn hotseat_the_second_player_sees_nothing_of_the_first_players_covert_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let saves = dir.path().to_str().expect("utf-8 temp path").to_string();
    // Russia plays first (scenario order), China second.
    let mut t = Term::spawn(&[
        "play",
        "--as",
        "russia,china",
        "--seed",
        "4",
        "--saves-dir",
        &saves,
    ]);
    let first = t.wait_text("Pass the keyboard to the");
    assert!(first.contains("Russia"), "{first}");
    assert!(
        !first.contains("Seed") && !first.contains("seed 4"),
        "{first}"
    );
    t.send(ENTER);
    t.send("2");
    t.wait_for("Russia's orders screen", |s| {
        s.contains("Moves — RUS") && s.contains("Enter add")
    });
    let mut found = false;
    for _ in 0..60 {
        if selected_line(&t.screen()).contains("Negotiate the arms") {
            found = true;
            break;
        }
        t.send_and_wait_change(DOWN, selected_line);
    }
    assert!(found, "no negotiation in Russia's moves:\n{}", t.screen());
    for _ in 0..4 {
        if line_with(&t.screen(), "Target").contains("North Korea") {
            break;
        }
        t.send_and_wait_change("t", |s| line_with(s, "Target"));
    }
    t.send(ENTER);
    t.wait_text("Added: Negotiate the arms deal → DPRK");
    t.send("e");
    t.wait_text("End your turn?");
    t.send("y");

    // The hand-off, then China's turn 1: not a word of Russia's order.
    let handoff = t.wait_for("the hand-off to China", |s| {
        s.contains("Pass the keyboard to the") && s.contains("China")
    });
    assert_eq!(covert_trace(&handoff), None, "{handoff}");
    t.send(ENTER);
    t.wait_text("Read your briefing");
    let screens = every_tab(&mut t);
    assert!(
        screens[1].contains("Moves — PRC") && screens[1].contains("None yet"),
        "China's orders screen, with no drafts:\n{}",
        screens[1]
    );
    for s in &screens {
        assert_eq!(covert_trace(s), None, "China's screen, turn 1:\n{s}");
    }
    t.send("e");
    t.wait_text("End your turn?");
    t.send("y");

    // The turn resolves; Russia reads its own report, with the order.
    t.wait_for("the hand-off to Russia", |s| {
        s.contains("Pass the keyboard to the") && s.contains("Russia")
    });
    t.send(ENTER);
    let report = t.wait_text("Turn 1 report");
    assert!(
        report.contains("Negotiate the arms deal → DPRK") && report.contains("[covert]"),
        "Russia's report shows its covert order:\n{report}"
    );
    t.send(ENTER);
    t.send("e");
    t.wait_text("End your turn?");
    t.send("y");

    // China's report of turn 1 and every other screen: nothing of it.
    t.wait_for("the hand-off to China", |s| {
        s.contains("Pass the keyboard to the") && s.contains("China")
    });
    t.send(ENTER);
    let report = t.wait_text("Turn 1 report");
    assert!(report.contains("RUS"), "{report}");
    assert_eq!(covert_trace(&report), None, "China's report:\n{report}");
    for s in every_tab(&mut t) {
        assert_eq!(covert_trace(&s), None, "China's screen, turn 2:\n{s}");
    }

    t.send("q");
    t.wait_text("Quit?");
    t.send("y");
    assert!(wait_exit(&mut t).success());
}

/// Starts a game as the US in `saves`, plays turn 1 and waits for turn
/// 2's dashboard; the autosave that turn 1 wrote is removed, so that
/// only a save on the signal can bring it back.
#[cfg(unix)]
fn one_turn_in(saves: &std::path::Path) -> Term {
    let s = saves.to_str().expect("utf-8 temp path").to_string();
    let mut t = Term::spawn(&["play", "--as", "us", "--seed", "3", "--saves-dir", &s]);
    t.wait_text("Read your briefing");
    t.send(ENTER);
    t.wait_for("the dashboard", |s| s.contains("Enter orders"));
    end_turn(&mut t, 1);
    t.send(ENTER);
    t.wait_for("turn 2", |s| header_turn(s) == "turn 2 of 24");
    let auto = autosave_in(saves).expect("autosave after turn 1");
    std::fs::remove_file(&auto).expect("remove the autosave");
    t
}

#[cfg(unix)]
fn send_signal(t: &Term, sig: i32) {
    let pid = t.child.process_id().expect("the game's pid");
    let pid = libc::pid_t::try_from(pid).expect("pid fits");
    // SAFETY: kill only sends a signal to the game we started.
    let rc = unsafe { libc::kill(pid, sig) };
    assert_eq!(rc, 0, "kill failed");
}

/// The terminal is back as it was: the alternate screen left after it
/// was last entered, mouse reporting and bracketed paste switched off.
fn assert_restored(t: &Term) {
    let raw = String::from_utf8_lossy(&t.raw);
    // Where the alternate screen was last entered (the start of what
    // was recorded if it was cleared since).
    let entered = raw.rfind("\x1b[?1049h").unwrap_or(0);
    let left = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
    assert!(
        left >= entered,
        "the alternate screen was not left at the end"
    );
    for off in ["\x1b[?1000l", "\x1b[?1006l", "\x1b[?2004l"] {
        let at = raw
            .rfind(off)
            .unwrap_or_else(|| panic!("{off:?} never sent"));
        assert!(at >= entered, "{off:?} not sent at the end");
    }
    assert!(
        !t.parser.screen().alternate_screen(),
        "still on the alternate screen"
    );
}

#[cfg(unix)]
fn signal_ends_the_game(sig: i32, saves_expected: bool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut t = one_turn_in(dir.path());
    send_signal(&t, sig);
    let status = wait_exit(&mut t);
    assert_restored(&t);
    assert_eq!(
        status.exit_code(),
        u32::try_from(128 + sig).expect("code"),
        "exit status {status:?}"
    );
    assert_eq!(
        autosave_in(dir.path()).is_some(),
        saves_expected,
        "saved on signal {sig}: {:?}",
        std::fs::read_dir(dir.path()).map(|d| d.count())
    );
    if saves_expected {
        let raw = String::from_utf8_lossy(&t.raw);
        assert!(raw.contains("Game saved to"), "no farewell: {raw:?}");
    }
}

#[cfg(unix)]
#[test]
fn sigterm_saves_and_restores_the_terminal() {
    signal_ends_the_game(libc::SIGTERM, true);
}

#[cfg(unix)]
#[test]
fn sighup_saves_and_restores_the_terminal() {
    signal_ends_the_game(libc::SIGHUP, true);
}

#[cfg(unix)]
#[test]
fn sigint_by_kill_saves_and_restores_the_terminal() {
    signal_ends_the_game(libc::SIGINT, true);
}

#[cfg(unix)]
#[test]
fn sigquit_and_sigusr1_restore_the_terminal_without_saving() {
    signal_ends_the_game(libc::SIGQUIT, false);
    signal_ends_the_game(libc::SIGUSR1, false);
}

/// Whether the process `pid` is stopped (state `T` in /proc).
#[cfg(target_os = "linux")]
fn stopped(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            let after = s.rsplit_once(") ")?.1.chars().next()?;
            Some(after == 'T' || after == 't')
        })
        .unwrap_or(false)
}

#[cfg(target_os = "linux")]
#[test]
fn ctrl_z_stops_after_restoring_and_fg_takes_the_terminal_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let saves = dir.path().to_str().expect("utf-8 temp path").to_string();
    let mut t = Term::spawn(&["play", "--seed", "1", "--saves-dir", &saves]);
    t.wait_text("Read your briefing");
    let pid = t.child.process_id().expect("pid");
    t.raw.clear();
    send_signal(&t, libc::SIGTSTP);
    // The game restores the terminal, then stops itself.
    let start = Instant::now();
    while !stopped(pid) {
        assert!(start.elapsed() < TIMEOUT, "the game did not stop");
        t.pump(Duration::from_millis(50));
    }
    t.settle();
    assert_restored(&t);

    t.raw.clear();
    send_signal(&t, libc::SIGCONT);
    // Back on the alternate screen, redrawn in full, keys work again.
    let screen = t.wait_for("the redrawn briefing", |s| s.contains("Read your briefing"));
    assert!(t.parser.screen().alternate_screen(), "{screen}");
    let raw = String::from_utf8_lossy(&t.raw);
    assert!(
        raw.contains("\x1b[?1049h"),
        "the alternate screen re-entered"
    );
    assert!(raw.contains("\x1b[?1000h"), "mouse reporting on again");
    assert!(!stopped(pid), "still stopped");
    t.send("\x03");
    t.wait_text("Quit?");
    t.send("y");
    let status = wait_exit(&mut t);
    assert!(status.success(), "exit status {status:?}");
    assert_restored(&t);
}
