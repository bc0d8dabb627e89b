//! Hostile files in the saves folder (issue 15, items 4–9): FIFOs, symlinks
//! to endless devices, huge and padded saves, several games in one folder,
//! an unreadable folder, escape sequences in names. Every test makes its
//! files in a fresh temporary folder, and every step that could hang runs
//! under a timeout, so a hang fails the test instead of blocking the run.

mod save_common;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use flashpoint::save::{self, GameId, SaveError};
use save_common::*;

/// Generous: each step takes milliseconds; only a hang comes near it.
const LIMIT: Duration = Duration::from_secs(60);

/// The CLI, killed (and the test failed) if it runs past [`LIMIT`].
fn flashpoint() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::new(env!("CARGO_BIN_EXE_flashpoint"));
    c.timeout(LIMIT);
    c
}

/// Runs `f` on its own thread and fails the test if it does not return
/// within [`LIMIT`] (a hung thread is left behind; the test still fails).
fn within<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(LIMIT)
        .unwrap_or_else(|_| panic!("{what} did not return within {LIMIT:?}: it hangs"))
}

/// A game of the small scenario, `turns` in, one human.
fn game(seed: u64, turns: u32) -> Game {
    let scn = mini();
    let n = scn.n();
    let mut humans = vec![false; n];
    humans[0] = true;
    let mut g = new_game(scn, seed, humans);
    play(&mut g, turns);
    g
}

/// A good save of [`game`]`(11, 3)` at `dir/name`; returns its text.
fn good_save(dir: &Path, name: &str) -> String {
    let p = dir.join(name);
    save::write_new(&p, &game(11, 3)).expect("write");
    std::fs::read_to_string(&p).expect("read")
}

/// `text` (a save) with `extra` inserted just before its end marker.
fn pad_before_end(text: &str, extra: &str) -> String {
    let at = text
        .rfind(save::format::END_MARKER)
        .expect("a save ends with its marker");
    format!("{}{extra}{}", &text[..at], &text[at..])
}

fn stderr_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

fn stdout_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo")
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

// ---- item 4: FIFOs never block ----

#[cfg(unix)]
#[test]
fn a_fifo_as_a_save_is_refused_at_once_by_replay_play_and_saves() {
    let dir = tempdir();
    let fifo = dir.path().join("week-2.toml");
    mkfifo(&fifo);

    let a = flashpoint().arg("replay").arg(&fifo).assert().failure();
    let e = stderr_of(&a);
    assert!(e.contains("named pipe") && e.contains("week-2.toml"), "{e}");

    let a = flashpoint()
        .args(["play", "--load"])
        .arg(&fifo)
        .assert()
        .failure();
    let e = stderr_of(&a);
    assert!(e.contains("named pipe"), "{e}");
    assert!(
        !e.contains("needs a terminal"),
        "the load must fail before the terminal UI is even considered: {e}"
    );
    assert!(
        !stdout_of(&a).contains("\u{1b}[?1049h"),
        "no alternate screen"
    );

    good_save(dir.path(), "good.toml");
    let a = flashpoint()
        .arg("saves")
        .arg("--saves-dir")
        .arg(dir.path())
        .assert()
        .success();
    let out = stdout_of(&a);
    assert!(out.contains("good.toml"), "{out}");
    let line = out
        .lines()
        .find(|l| l.contains("week-2.toml"))
        .unwrap_or_else(|| panic!("the FIFO is listed: {out}"));
    assert!(
        line.contains("DOES NOT LOAD") && line.contains("named pipe"),
        "{line}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_does_not_block_the_library_calls_the_title_screen_makes() {
    let dir = tempdir();
    mkfifo(&dir.path().join("autosave-mini-fifo0000.toml"));
    mkfifo(&dir.path().join("x.toml"));
    let d = dir.path().to_path_buf();
    let list = within("save::list", move || save::list(&d));
    assert_eq!(list.len(), 2);
    assert!(list.iter().all(|i| i.summary.is_err()));
    let d = dir.path().to_path_buf();
    // Nothing to continue but a broken autosave: it is offered, to say why.
    let latest = within("save::latest_autosave", move || save::latest_autosave(&d));
    assert!(latest.is_some());
    let p = dir.path().join("x.toml");
    let r = within("save::load", move || save::load(&p).map(|_| ()));
    assert!(matches!(r, Err(SaveError::NotRegular { .. })), "{r:?}");
    let p = dir.path().join("x.toml");
    let r = within("save::load::summarize", move || {
        save::list::summarize(&p).map(|_| ())
    });
    assert!(matches!(r, Err(SaveError::NotRegular { .. })), "{r:?}");
}

#[cfg(unix)]
#[test]
fn an_autosave_replaced_by_a_fifo_is_replaced_again_without_blocking() {
    let dir = tempdir();
    let g = game(5, 2);
    let id = GameId::random();
    let path = save::autosave_path_with_id(dir.path(), "mini", &id);
    mkfifo(&path);
    let d = dir.path().to_path_buf();
    let written = within("save::autosave_with_id", move || {
        save::autosave_with_id(&d, &g, &id)
    })
    .expect("autosave");
    assert_eq!(written, path);
    assert!(path.is_file(), "the FIFO was replaced by the save");
    assert!(
        !save::write::bak_path(&path).exists(),
        "a FIFO is not copied to .bak"
    );
    assert_eq!(save::load(&path).expect("loads").turn(), 2);
}

// ---- item 5: endless devices ----

#[cfg(unix)]
#[test]
fn symlinks_to_endless_devices_are_refused_without_reading() {
    for dev in ["/dev/zero", "/dev/urandom"] {
        if !Path::new(dev).exists() {
            eprintln!("skipped {dev}: not on this system");
            continue;
        }
        let dir = tempdir();
        let link = dir.path().join("autosave-korea-arms-deal.toml");
        std::os::unix::fs::symlink(dev, &link).expect("symlink");

        let a = flashpoint().arg("replay").arg(&link).assert().failure();
        let e = stderr_of(&a);
        assert!(e.contains("character device"), "{dev}: {e}");

        let a = flashpoint()
            .args(["play", "--load"])
            .arg(&link)
            .assert()
            .failure();
        assert!(stderr_of(&a).contains("character device"), "{dev}");

        let a = flashpoint()
            .arg("saves")
            .arg("--saves-dir")
            .arg(dir.path())
            .assert()
            .success();
        let out = stdout_of(&a);
        assert!(
            out.contains("DOES NOT LOAD") && out.contains("character device"),
            "{dev}: {out}"
        );

        let l = link.clone();
        let r = within("save::load", move || save::load(&l).map(|_| ()));
        assert!(
            matches!(r, Err(SaveError::NotRegular { .. })),
            "{dev}: {r:?}"
        );
    }
}

// ---- item 6: cheap and bounded ----

#[test]
fn a_50_mb_save_of_blank_lines_is_refused_by_size_at_once() {
    let dir = tempdir();
    let text = good_save(dir.path(), "good.toml");
    let big = pad_before_end(&text, &"\n".repeat(50_000_000));
    let p = dir.path().join("blank.toml");
    std::fs::write(&p, big).expect("write");
    drop(text);

    let a = flashpoint().arg("replay").arg(&p).assert().failure();
    let e = stderr_of(&a);
    assert!(
        e.contains("blank.toml") && e.contains("a save may be at most 8388608 bytes"),
        "{e}"
    );
    let a = flashpoint()
        .arg("saves")
        .arg("--saves-dir")
        .arg(dir.path())
        .assert()
        .success();
    let out = stdout_of(&a);
    assert!(
        out.contains("good.toml") && !out.contains("good.toml  DOES NOT"),
        "{out}"
    );
    assert!(out.contains("blank.toml  DOES NOT LOAD"), "{out}");
}

#[test]
fn blank_line_padding_under_the_size_cap_is_refused_by_the_token_count() {
    let dir = tempdir();
    let text = good_save(dir.path(), "good.toml");
    // 1.5 MB: well under the byte cap, but 1.5 million tokens for the parser.
    let p = dir.path().join("blank.toml");
    std::fs::write(&p, pad_before_end(&text, &"\n".repeat(1_500_000))).expect("write");
    let e = within("save::load", move || save::load(&p).map(|_| ()));
    match e {
        Err(SaveError::TooComplex { max, .. }) => assert_eq!(max, save::load::MAX_TOKENS),
        other => panic!("{other:?}"),
    }
    // A little padding is harmless: the save still loads.
    let p = dir.path().join("some.toml");
    std::fs::write(&p, pad_before_end(&text, &"\n".repeat(1000))).expect("write");
    assert_eq!(save::load(&p).expect("loads").turn(), 3);
}

#[test]
fn a_file_over_the_cap_is_refused_before_it_is_read() {
    let dir = tempdir();
    let p = dir.path().join("sparse.toml");
    let f = std::fs::File::create(&p).expect("create");
    f.set_len(save::load::MAX_SAVE_BYTES + 1)
        .expect("sparse file");
    drop(f);
    let r = within("save::load", move || save::load(&p).map(|_| ()));
    assert!(matches!(r, Err(SaveError::TooLarge { .. })), "{r:?}");
}

/// The text of one order the engine rejects (the level is out of range).
const REJECTED: &str =
    "[[turns.orders]]\nactor = \"red\"\nmove = \"talk\"\ntarget = \"green\"\nlevel = 99\n\n";

/// `text` with `n` rejected orders of `red` appended to turn 2's orders.
fn pad_turn_2(text: &str, n: usize) -> String {
    let start = text
        .find("[[turns]]\nturn = 2\n")
        .expect("the save has a turn 2");
    let at = text
        .find("[[turns]]\nturn = 3\n")
        .expect("the save has a turn 3");
    // An empty turn is written `orders = []`; the padding replaces it.
    let turn2 = text[start..at].replace("orders = []\n", "");
    format!(
        "{}{turn2}{}{}",
        &text[..start],
        REJECTED.repeat(n),
        &text[at..]
    )
}

#[test]
fn a_save_padded_with_rejected_orders_is_refused_naming_the_turn() {
    let dir = tempdir();
    let text = good_save(dir.path(), "good.toml");
    assert!(
        text.contains("move = \"talk\""),
        "the fixture has the move used for padding"
    );
    // Padding below the limit is only rejected orders: it still verifies.
    let few = dir.path().join("few.toml");
    std::fs::write(&few, pad_turn_2(&text, 5)).expect("write");
    assert_eq!(save::load(&few).expect("loads").turn(), 3);

    let padded = dir.path().join("padded.toml");
    std::fs::write(
        &padded,
        pad_turn_2(&text, save::load::MAX_ORDERS_PER_ACTOR + 1),
    )
    .expect("write");
    let a = flashpoint().arg("replay").arg(&padded).assert().failure();
    let e = stderr_of(&a);
    assert!(
        e.contains("turn 2: `red` gives") && e.contains("at most 64 orders per actor and turn"),
        "{e}"
    );
    let a = flashpoint()
        .arg("saves")
        .arg("--saves-dir")
        .arg(dir.path())
        .assert()
        .success();
    let out = stdout_of(&a);
    let line = out
        .lines()
        .find(|l| l.contains("padded.toml"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains("DOES NOT LOAD") && line.contains("turn 2"),
        "{line}"
    );

    // The issue's file: 800,000 rejected orders (56 MB) — refused by size.
    let huge = dir.path().join("huge.toml");
    std::fs::write(&huge, pad_turn_2(&text, 800_000)).expect("write");
    let h = huge.clone();
    let r = within("save::load", move || save::load(&h).map(|_| ()));
    assert!(matches!(r, Err(SaveError::TooLarge { .. })), "{r:?}");
    // 60,000 of them (4 MB, under the size cap): refused by the token count.
    std::fs::write(&huge, pad_turn_2(&text, 60_000)).expect("write");
    let r = within("save::load", move || save::load(&huge).map(|_| ()));
    assert!(matches!(r, Err(SaveError::TooComplex { .. })), "{r:?}");
}

#[test]
fn a_real_save_is_far_inside_every_limit() {
    let scn = korea();
    let n = scn.n();
    let mut g = new_game(scn, 2026, vec![false; n]);
    play_out(&mut g);
    let text = save::format::game_text(&g, stamp()).expect("text");
    let tokens = save::scan::count_tokens(text.as_bytes(), usize::MAX - 1);
    assert!(
        tokens * 50 < save::load::MAX_TOKENS,
        "{tokens} tokens in a whole game"
    );
    assert!((text.len() as u64) * 50 < save::load::MAX_SAVE_BYTES);
    let most = log(&g)
        .iter()
        .flat_map(|o| (0..n).map(move |a| o.list.iter().filter(|x| x.actor.index() == a).count()))
        .max()
        .unwrap_or(0);
    assert!(most * 10 < save::load::MAX_ORDERS_PER_ACTOR, "{most}");
}

#[test]
fn a_game_with_too_many_orders_is_not_written_as_a_save_that_cannot_load() {
    let played = game(11, 1);
    let first = log(&played)[0].list.first().cloned().expect("an order");
    let mut one = first.clone();
    one.level = 99;
    let mut padded: Vec<_> = log(&played)[0]
        .list
        .iter()
        .map(|o| (o.clone(), None))
        .collect();
    padded.extend(std::iter::repeat_n(
        (one, None),
        save::load::MAX_ORDERS_PER_ACTOR + 1,
    ));
    let mut g = new_game(mini(), 11, vec![true, false, false]);
    g.replay_turn(padded, Vec::new());
    let dir = tempdir();
    let e = save::write(&dir.path().join("x.toml"), &g, false).unwrap_err();
    assert!(matches!(e, SaveError::Encode(_)), "{e:?}");
    assert!(e.to_string().contains("turn 1"), "{e}");
    assert!(!dir.path().join("x.toml").exists());
}

// ---- item 7: each game its own autosave ----

#[test]
fn two_games_in_one_folder_keep_their_own_autosaves() {
    let dir = tempdir();
    // The same scenario, seed and players: only the id tells them apart.
    let (mut a, mut b) = (game(7, 0), game(7, 0));
    let (ida, idb) = (GameId::random(), GameId::random());
    assert_ne!(ida, idb);
    play(&mut a, 2);
    let pa = save::autosave_with_id(dir.path(), &a, &ida).expect("autosave a");
    play(&mut b, 1);
    let pb = save::autosave_with_id(dir.path(), &b, &idb).expect("autosave b");
    assert_ne!(pa, pb);
    assert_eq!(
        pa.file_name().and_then(|f| f.to_str()),
        Some(format!("autosave-mini-{ida}.toml").as_str())
    );
    let (la, lida) = save::load_with_id(&pa).expect("a loads");
    let (lb, lidb) = save::load_with_id(&pb).expect("b loads");
    assert_eq!((la.turn(), lida), (2, ida.clone()));
    assert_eq!((lb.turn(), lidb), (1, idb.clone()));

    // Continue is the newest unfinished game: b; once b is finished, a.
    assert_eq!(save::latest_autosave(dir.path()), Some(pb.clone()));
    play_out(&mut b);
    std::thread::sleep(Duration::from_millis(20));
    save::autosave_with_id(dir.path(), &b, &idb).expect("autosave b at the end");
    assert_eq!(save::latest_autosave(dir.path()), Some(pa.clone()));

    // Both are listed, each with its game id.
    let list = save::list(dir.path());
    let mut ids: Vec<String> = list
        .iter()
        .map(|i| i.summary.as_ref().expect("loads").game_id.clone())
        .collect();
    ids.sort();
    let mut want = vec![ida.to_string(), idb.to_string()];
    want.sort();
    assert_eq!(ids, want);
}

#[test]
fn a_new_game_never_touches_another_games_autosave() {
    let dir = tempdir();
    let mut old = game(3, 0);
    let old_id = GameId::random();
    play(&mut old, 2);
    save::autosave_with_id(dir.path(), &old, &old_id).expect("autosave");
    play(&mut old, 1);
    let old_path = save::autosave_with_id(dir.path(), &old, &old_id).expect("autosave");
    let old_bak = save::write::bak_path(&old_path);
    let (text, bak) = (
        std::fs::read(&old_path).expect("read"),
        std::fs::read(&old_bak).expect("read .bak"),
    );

    // A new game of the same scenario (even the same seed) plays and quits.
    let mut new = game(3, 0);
    let new_id = GameId::random();
    for _ in 0..3 {
        play(&mut new, 1);
        save::autosave_with_id(dir.path(), &new, &new_id).expect("autosave");
    }
    save::save_on_quit_with_id(dir.path(), &new, &new_id).expect("quit");
    assert_eq!(std::fs::read(&old_path).expect("read"), text);
    assert_eq!(std::fs::read(&old_bak).expect("read"), bak);

    // The old game continues from its own autosave, under its own id.
    let (mut back, id) = save::load_with_id(&old_path).expect("loads");
    assert_eq!((back.turn(), &id), (3, &old_id));
    play(&mut back, 1);
    let p = save::autosave_with_id(dir.path(), &back, &id).expect("autosave");
    assert_eq!(p, old_path);
    assert_eq!(save::load(&p).expect("loads").turn(), 4);
}

#[test]
fn a_save_without_a_game_id_loads_with_a_stable_derived_one() {
    let dir = tempdir();
    good_save(dir.path(), "old.toml");
    let p = dir.path().join("old.toml");
    let text = std::fs::read_to_string(&p).expect("read");
    assert!(!text.contains("game_id"), "written as before game ids");
    let (_, a) = save::load_with_id(&p).expect("loads");
    let (_, b) = save::load_with_id(&p).expect("loads");
    assert_eq!(a, b);
    assert_eq!(
        save::list(dir.path())[0]
            .summary
            .as_ref()
            .expect("listed")
            .game_id,
        a.to_string()
    );
    // A game id that is not one is refused, not used as a file name.
    let bad = text.replacen("seed = ", "game_id = \"../../x\"\nseed = ", 1);
    std::fs::write(&p, bad).expect("write");
    let e = save::load(&p).map(|_| ()).unwrap_err();
    assert!(e.to_string().contains("game_id"), "{e}");
}

#[test]
fn a_save_as_records_the_game_id_so_the_continued_game_keeps_its_autosave() {
    let dir = tempdir();
    let g = game(9, 2);
    let id = GameId::random();
    let p = save::save_as_with_id(dir.path(), "week 2", &g, &id, false).expect("save");
    let text = std::fs::read_to_string(&p).expect("read");
    assert!(text.contains(&format!("game_id = \"{id}\"")), "{text}");
    let (_, back) = save::load_with_id(&p).expect("loads");
    assert_eq!(back, id);
}

// ---- item 8: an unreadable folder is an error ----

#[cfg(unix)]
#[test]
fn an_unreadable_saves_folder_is_an_error_not_an_empty_list() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let saves = dir.path().join("saves");
    std::fs::create_dir(&saves).expect("mkdir");
    good_save(&saves, "good.toml");
    std::fs::set_permissions(&saves, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable_anyway = std::fs::read_dir(&saves).is_ok();
    if readable_anyway {
        eprintln!(
            "skipped the chmod 000 part: this test runs as root (or with CAP_DAC_READ_SEARCH), \
             for whom chmod does not stop reading a folder; the error path is still tested below"
        );
    } else {
        let a = flashpoint()
            .arg("saves")
            .arg("--saves-dir")
            .arg(&saves)
            .assert()
            .failure();
        let e = stderr_of(&a);
        assert!(e.contains("cannot read the saves folder"), "{e}");
        assert!(!stdout_of(&a).contains("No saves"));
        assert!(save::try_list(&saves).is_err());
    }
    std::fs::set_permissions(&saves, std::fs::Permissions::from_mode(0o755)).expect("chmod back");

    // Paths that cannot be a folder fail the same way, as any user.
    let file = saves.join("good.toml");
    let a = flashpoint()
        .arg("saves")
        .arg("--saves-dir")
        .arg(&file)
        .assert()
        .failure();
    assert!(stderr_of(&a).contains("not a saves folder"));
    let a = flashpoint()
        .arg("saves")
        .arg("--saves-dir")
        .arg(file.join("sub"))
        .assert()
        .failure();
    assert!(
        stderr_of(&a).contains("cannot read the saves folder"),
        "{}",
        stderr_of(&a)
    );
    assert!(matches!(
        save::try_list(&file.join("sub")),
        Err(SaveError::Io { .. })
    ));
    // A folder that does not exist yet is simply empty.
    let a = flashpoint()
        .arg("saves")
        .arg("--saves-dir")
        .arg(dir.path().join("none"))
        .assert()
        .success();
    assert!(stdout_of(&a).contains("No saves"));
}

// ---- item 9: nothing from a file reaches the terminal raw ----

/// Bytes a terminal obeys: ESC, BEL, the one-byte CSI (as UTF-8), backspace, CR.
fn has_control(s: &str) -> bool {
    s.chars().any(|c| {
        c != '\n' && c != '\t' && (c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c))
    })
}

#[cfg(unix)]
#[test]
fn escape_sequences_in_file_names_and_contents_are_shown_escaped() {
    let dir = tempdir();
    let evil = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m\u{202e}evil\r";
    // A good save and a broken one with escape sequences in their names.
    let good = dir.path().join(format!("{evil}good.toml"));
    save::write_new(&good, &game(11, 2)).expect("write");
    std::fs::write(dir.path().join(format!("{evil}bad.toml")), "garbage").expect("write");
    // A broken save whose error message quotes its content: an order's
    // actor is an escape sequence (written with TOML escapes).
    let text = std::fs::read_to_string(&good).expect("read");
    let quoted = text.replacen("actor = \"", "actor = \"\\u001b]0;pwned\\u0007\\u009b2J", 1);
    assert_ne!(quoted, text);
    let quote = dir.path().join("quote.toml");
    std::fs::write(&quote, quoted).expect("write");

    let a = flashpoint()
        .arg("saves")
        .arg("--saves-dir")
        .arg(dir.path())
        .assert()
        .success();
    let out = stdout_of(&a);
    assert!(
        !has_control(&out),
        "raw control characters reach the terminal: {out:?}"
    );
    assert!(out.contains("\\u{1b}[2J"), "{out}");
    assert!(out.contains("evil\\rgood.toml"), "{out}");
    assert_eq!(out.matches("DOES NOT LOAD").count(), 2, "{out}");

    let line = out
        .lines()
        .find(|l| l.contains("quote.toml"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains("\\u{1b}]0;pwned\\u{7}\\u{9b}2J"), "{line}");

    for file in [dir.path().join(format!("{evil}bad.toml")), quote] {
        let a = flashpoint().arg("replay").arg(&file).assert().failure();
        let e = stderr_of(&a);
        assert!(!has_control(&e), "{e:?}");
        assert!(e.contains("\\u{1b}]0;pwned"), "{e}");
    }

    for format in ["text", "json"] {
        let a = flashpoint()
            .arg("replay")
            .arg(&good)
            .args(["--format", format])
            .assert()
            .success();
        let out = stdout_of(&a);
        assert!(!has_control(&out), "{format}: {out:?}");
    }
}

/// A file name that is not UTF-8 is listed (lossily) and escaped too.
#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_is_listed_safely() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempdir();
    let name = std::ffi::OsStr::from_bytes(b"\xff\x1b[31mx.toml");
    let p: PathBuf = dir.path().join(name);
    if std::fs::write(&p, "garbage").is_err() {
        eprintln!("skipped: this file system refuses non-UTF-8 names");
        return;
    }
    let a = flashpoint()
        .arg("saves")
        .arg("--saves-dir")
        .arg(dir.path())
        .assert()
        .success();
    let out = stdout_of(&a);
    assert!(!has_control(&out), "{out:?}");
    assert!(out.contains("DOES NOT LOAD"), "{out}");
}
