//! End to end, hotseat (issue 10): two people at one keyboard play the US
//! and the DPRK of the default scenario in the real binary, in a pseudo
//! terminal, through keystrokes only. Each turn both order their most
//! hostile moves against each other until the region is in Crisis (read
//! from the dashboard), which must happen within 6 turns; then
//! both order their de-escalating moves (back down, stand down, talks)
//! until the region is back below Confrontation, which must happen within
//! [`COOL_TURNS`] turns. The regional tension of every turn is in each
//! failure message.
//!
//! The seed matters: at Crisis every turn risks an armed clash, which ends
//! the game. With [`SEED`] the hostile phase reaches Crisis without one
//! (seeds 4 and 5 clash on turn 2 of the same line of play), so the game
//! goes on to the de-escalation phase.
//!
//! Measured with seed 2 (the bundled scenario as of this test): regional
//! tension 43.5 at the start, 54.7 after turn 1, 65.7 (Crisis) after turn
//! 2; one turn of de-escalation takes it to 37.5 (Friction). Backing down
//! in the US–DPRK pair alone is not enough: the region starts in
//! Confrontation (43.5), and with only back down, stand down and talks
//! between the two it stayed at 43–45 for the eleven turns measured
//! (`simulate --orders`, seed 2); it takes calming the
//! other rivals too (US–Russia talks, the DPRK standing down toward Japan
//! and talking to it).

mod pty_common;

use pty_common::{DOWN, ENTER, LEFT, RIGHT, Term, UP, line_with, selected_line, wait_exit};

/// The seed of the game (see the module's comment).
const SEED: &str = "2";
/// Turns of all-out hostility within which the region must reach Crisis.
const HOT_TURNS: u32 = 6;
/// Turns of de-escalation within which the region must be below
/// Confrontation again (measured: 1 turn with this seed and these orders).
const COOL_TURNS: u32 = 4;
/// The Home key, as a terminal sends it.
const HOME: &str = "\x1b[H";
/// How long a key that may do nothing is given to change the screen.
const QUIET: std::time::Duration = std::time::Duration::from_millis(400);

/// One order as a player gives it on the orders screen: the move's name
/// as the list shows it (a prefix is enough), its target's name, its level.
struct Order {
    name: &'static str,
    target: Option<&'static str>,
    level: Option<u32>,
}

const fn order(name: &'static str, target: Option<&'static str>, level: Option<u32>) -> Order {
    Order {
        name,
        target,
        level,
    }
}

const US: &str = "United States";
const DPRK: &str = "North Korea";

/// The US's most hostile moves against the DPRK that it can afford.
const US_HOSTILE: &[Order] = &[
    order("Threaten force", Some(DPRK), None),
    order("Deploy forces", Some(DPRK), Some(1)),
    order("Impose or tighten", Some(DPRK), Some(2)),
];
/// The DPRK's most hostile moves against the US that it can afford (with
/// 4 capital and 3 a turn, Deploy forces on top of these never is).
const DPRK_HOSTILE: &[Order] = &[
    order("Threaten force", Some(US), None),
    order("Missile test", None, Some(1)),
];
/// The US steps back: back down (while the pair is on the crisis
/// ladder), pull forces back, talks with the DPRK and with Russia.
const US_COOL: &[Order] = &[
    order("Back down", Some(DPRK), None),
    order("Stand down", Some(DPRK), Some(3)),
    order("Open talks", Some("Russia"), None),
    order("Open talks", Some(DPRK), None),
];
/// The DPRK steps back from the US and calms Japan, its other rival.
const DPRK_COOL: &[Order] = &[
    order("Back down", Some(US), None),
    order("Stand down", Some("Japan"), Some(1)),
    order("Open talks", Some("Japan"), None),
    order("Stand down", Some(US), Some(1)),
];

/// The regional level and tension from the header ("… │ Crisis 65.7",
/// with the last change after it from turn 2 on: "… ▲11.2").
fn regional(screen: &str) -> Option<(String, f64)> {
    let header = screen.lines().next()?;
    let last = header.rsplit('│').next()?;
    let words: Vec<&str> = last.split_whitespace().collect();
    let at = words.iter().position(|w| w.parse::<f64>().is_ok())?;
    let value = words[at].parse().ok()?;
    Some((words[..at].join(" "), value))
}

/// The regional level and tension from the dashboard's gauge title
/// ("┌ Regional tension 65.7 Crisis ▲10.9 ───").
fn dashboard_regional(screen: &str) -> Option<(String, f64)> {
    let line = line_with(screen, "┌ Regional tension");
    let rest = line.split("Regional tension").nth(1)?;
    let words: Vec<&str> = rest
        .split_whitespace()
        .take_while(|w| !w.starts_with('─'))
        .collect();
    let value = words.first()?.parse().ok()?;
    // The level's words, not the change since last turn ("▲11.2").
    let level: Vec<&str> = words[1..]
        .iter()
        .copied()
        .filter(|w| w.chars().all(char::is_alphabetic))
        .collect();
    Some((level.join(" "), value))
}

/// Opens the dashboard and reads the regional level there; the header of
/// the screen before (`first`) must say the same.
fn read_regional(t: &mut Term, first: &str) -> (String, f64) {
    t.send("1");
    let dash = t.wait_for("the dashboard", |s| {
        s.contains("┌ Regional tension") && s.contains("Enter orders")
    });
    let seen = dashboard_regional(&dash)
        .unwrap_or_else(|| panic!("no regional tension on the dashboard:\n{dash}"));
    let header = regional(first).unwrap_or_else(|| panic!("no regional tension in:\n{first}"));
    assert_eq!(
        seen, header,
        "the dashboard and the header disagree:\n{dash}"
    );
    seen
}

/// The moves list's part of a line (the left panel), empty for others.
fn moves_part(screen: &str, line: &str) -> String {
    let width = screen
        .lines()
        .find(|l| l.starts_with("┌ Moves"))
        .and_then(|l| l.chars().position(|c| c == '┐'))
        .unwrap_or(0);
    if line.starts_with('┌') || line.starts_with('└') {
        return String::new();
    }
    line.chars().take(width).collect()
}

/// Where in the moves list the move `name` is, relative to the selection
/// (negative: above), if it is on the screen.
fn offset_to(screen: &str, name: &str) -> Option<i64> {
    let lines: Vec<&str> = screen.lines().collect();
    let sel = lines
        .iter()
        .position(|l| moves_part(screen, l).contains('▶'))?;
    let at = lines
        .iter()
        .position(|l| moves_part(screen, l).contains(name))?;
    Some(at as i64 - sel as i64)
}

/// Selects the move `name` on the orders screen: from the top, category
/// by category (`]`), then step by step.
fn select_move(t: &mut Term, name: &str) {
    let probe = |s: &str| moves_part(s, &selected_line(s));
    let mut homed = false;
    for _ in 0..80 {
        let screen = t.screen();
        match offset_to(&screen, name) {
            Some(0) => return,
            Some(d) if d > 0 => {
                t.send_and_wait_change(DOWN, probe);
            }
            Some(_) => {
                t.send_and_wait_change(UP, probe);
            }
            // Home and `]` do nothing at the top and in the last category.
            None if !homed => {
                homed = true;
                t.send_and_try_change(HOME, probe, QUIET);
            }
            None => assert!(
                t.send_and_try_change("]", probe, QUIET),
                "no move {name} in the list:\n{screen}"
            ),
        }
    }
    panic!("no move {name} in the list:\n{}", t.screen());
}

/// Gives one order through keystrokes; the status line that answered it
/// ("Added: …" or "Cannot add …: why").
fn give(t: &mut Term, o: &Order) -> String {
    select_move(t, o.name);
    if let Some(target) = o.target {
        for _ in 0..8 {
            if line_with(&t.screen(), "Target").contains(target) {
                break;
            }
            t.send_and_wait_change("t", |s| line_with(s, "Target"));
        }
        let line = line_with(&t.screen(), "Target");
        assert!(line.contains(target), "no target {target}:\n{}", t.screen());
    }
    if let Some(level) = o.level {
        let want = format!("◂ {level} ▸");
        for _ in 0..8 {
            let line = line_with(&t.screen(), "←→ change");
            if line.contains(&want) {
                break;
            }
            let now: u32 = line
                .split('◂')
                .nth(1)
                .and_then(|r| r.split('▸').next())
                .and_then(|n| n.trim().parse().ok())
                .unwrap_or(0);
            let key = if now < level { RIGHT } else { LEFT };
            t.send_and_wait_change(key, |s| line_with(s, "←→ change"));
        }
        let line = line_with(&t.screen(), "←→ change");
        assert!(line.contains(&want), "no level {level}:\n{}", t.screen());
    }
    t.send(ENTER);
    let added = format!("Added: {}", o.name);
    let refused = format!("Cannot add {}", o.name);
    let screen = t.wait_for(&added, |s| s.contains(&added) || s.contains(&refused));
    let status = line_with(&screen, &added);
    if status.is_empty() {
        line_with(&screen, &refused).trim().to_string()
    } else {
        status.trim().to_string()
    }
}

/// Takes the keyboard at the hand-off: the player's first screen of the
/// turn (the briefing on turn 1, then the last turn's report), whose
/// header shows the regional level and tension.
fn take_seat(t: &mut Term, who: &str, turn: u32) -> String {
    let pass = format!("Pass the keyboard to the {who} player");
    t.wait_text(&pass);
    t.send(ENTER);
    if turn == 1 {
        t.wait_for("the briefing", |s| {
            s.contains("Read your briefing") && s.contains(" turn 1 of ")
        })
    } else {
        let title = format!("Turn {} report", turn - 1);
        t.wait_for(&title, |s| {
            s.contains(&title) && s.contains("Enter continue")
        })
    }
}

/// Gives the orders on the orders screen and ends the turn; the answers.
fn order_and_end(t: &mut Term, orders: &[Order]) -> Vec<String> {
    t.send("2");
    t.wait_for("the orders screen", |s| {
        s.contains("┌ Moves") && s.contains("Enter add")
    });
    let answers = orders.iter().map(|o| give(t, o)).collect();
    t.send("e");
    t.wait_text("End your turn?");
    t.send("y");
    answers
}

/// Whether the turn resolved into the next one (else the game is over).
fn next_turn(t: &mut Term) -> bool {
    let screen = t.wait_for("the next turn or the end", |s| {
        s.contains("Pass the keyboard to the United States player")
            || s.contains("The game is over")
    });
    !screen.contains("The game is over")
}

/// The game's phases: all-out hostility, then de-escalation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Hot,
    Cool,
}

#[test]
fn hostile_hotseat_reaches_crisis_and_backing_down_cools_the_region() {
    let dir = tempfile::tempdir().expect("temp dir");
    let saves = dir.path().to_str().expect("utf-8 temp path").to_string();
    let mut t = Term::spawn(&[
        "play",
        "korea-arms-deal",
        "--as",
        "us,dprk",
        "--seed",
        SEED,
        "--saves-dir",
        &saves,
    ]);
    // What happened, turn by turn, for the failure messages.
    let mut log = vec![format!("seed {SEED}, regional tension per turn:")];
    let mut phase = Phase::Hot;
    let mut crisis_after = 0;
    let mut turn = 1;
    loop {
        let screen = take_seat(&mut t, US, turn);
        let (level, value) = read_regional(&mut t, &screen);
        let played = turn - 1;
        log.push(format!("after turn {played}: {level} {value} ({phase:?})"));
        if phase == Phase::Hot && (level == "Crisis" || level == "Brink") {
            phase = Phase::Cool;
            crisis_after = played;
        } else if phase == Phase::Cool && (level == "Friction" || level == "Calm") {
            break;
        }
        match phase {
            Phase::Hot => assert!(
                played < HOT_TURNS,
                "no Crisis after {HOT_TURNS} turns of both sides' most hostile moves:\n{}",
                log.join("\n")
            ),
            Phase::Cool => assert!(
                played < crisis_after + COOL_TURNS,
                "still at {level} after {COOL_TURNS} turns of de-escalation:\n{}",
                log.join("\n")
            ),
        }
        let (us, dprk) = match phase {
            Phase::Hot => (US_HOSTILE, DPRK_HOSTILE),
            Phase::Cool => (US_COOL, DPRK_COOL),
        };
        let answers = order_and_end(&mut t, us);
        log.push(format!("  turn {turn} US: {}", answers.join(" | ")));
        take_seat(&mut t, DPRK, turn);
        let answers = order_and_end(&mut t, dprk);
        log.push(format!("  turn {turn} DPRK: {}", answers.join(" | ")));
        assert!(
            next_turn(&mut t),
            "the game ended after turn {turn}:\n{}\n{}",
            log.join("\n"),
            t.screen()
        );
        turn += 1;
    }
    println!("{}", log.join("\n"));
    t.send("q");
    t.wait_text("Quit?");
    t.send("y");
    assert!(wait_exit(&mut t).success());
}
