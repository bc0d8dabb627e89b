//! A writer killed at random moments while saving never leaves a broken
//! save: the file on disk always loads, and is either the old or the new game.
//!
//! The parent re-runs this test binary as a child (`crash_child_writer`,
//! which does nothing unless `FLASHPOINT_CRASH_CHILD` is set). The child
//! loads two saves (a short game and a long one) and overwrites the target
//! with them in turn, as fast as it can, until it is killed (SIGKILL on
//! Unix). After every kill the parent loads the target.

mod save_common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use flashpoint::save;
use save_common::*;

const CHILD_ENV: &str = "FLASHPOINT_CRASH_CHILD";
/// Set (with `CHILD_ENV`) to make the child write naively, in place.
const NAIVE_ENV: &str = "FLASHPOINT_CRASH_NAIVE";

/// The child: overwrite `target` with games A and B in turn, forever.
#[test]
fn crash_child_writer() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return; // an ordinary test run: nothing to do
    };
    let dir = PathBuf::from(dir);
    let a = save::load(&dir.join("a.toml")).expect("child loads a");
    let b = save::load(&dir.join("b.toml")).expect("child loads b");
    let target = dir.join("target.toml");
    if std::env::var_os(NAIVE_ENV).is_some() {
        // The control: a plain non-atomic overwrite of the same texts.
        let ta = std::fs::read(dir.join("a.toml")).unwrap();
        let tb = std::fs::read(dir.join("b.toml")).unwrap();
        println!("ready");
        loop {
            std::fs::write(&target, &tb).unwrap();
            std::fs::write(&target, &ta).unwrap();
        }
    }
    println!("ready");
    let mut i = 0u64;
    loop {
        let g = if i.is_multiple_of(2) { &b } else { &a };
        save::write(&target, g, true).expect("child writes");
        i += 1;
    }
}

/// A game with many turns, for a large save.
fn long_game() -> Game {
    let scn = korea();
    let n = scn.n();
    let mut g = new_game(scn, 77, vec![false; n]);
    play_out(&mut g);
    g
}

fn short_game(long: &Game) -> Game {
    let n = long.scenario().n();
    let mut g = new_game((**long.scenario()).clone(), 78, vec![false; n]);
    play(&mut g, 3);
    g
}

/// A tiny xorshift generator for the kill delays (no clock in the values).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn temps(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count()
}

#[test]
fn a_killed_writer_leaves_the_old_or_the_new_save() {
    let dir = tempdir();
    let long = long_game();
    let short = short_game(&long);
    save::write_new(&dir.path().join("a.toml"), &short).unwrap();
    save::write_new(&dir.path().join("b.toml"), &long).unwrap();
    let target = dir.path().join("target.toml");
    save::write_new(&target, &short).unwrap();
    let size = std::fs::metadata(dir.path().join("b.toml")).unwrap().len();
    assert!(size > 50_000, "the long save is only {size} bytes");

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut saw_old, mut saw_new, mut mid_write) = (0, 0, 0);
    let started = Instant::now();
    let iterations = 50;
    for i in 0..iterations {
        let temps_before = temps(dir.path());
        let delay = run_and_kill(dir.path(), false, &mut rng);
        // A killed writer leaves its temporary file behind: the kill
        // landed between creating it and renaming it over the target.
        if temps(dir.path()) > temps_before {
            mid_write += 1;
        }
        let g = save::load(&target).unwrap_or_else(|e| {
            panic!("iteration {i} (killed after {delay:?}): the save on disk does not load: {e}")
        });
        if state(&g) == state(&long) && log(&g) == log(&long) {
            saw_new += 1;
        } else if state(&g) == state(&short) && log(&g) == log(&short) {
            saw_old += 1;
        } else {
            panic!("iteration {i}: the save on disk is neither the old nor the new game");
        }
    }
    eprintln!(
        "{iterations} kills in {:?}: old save {saw_old}×, new save {saw_new}×, \
         {mid_write} kill(s) in the middle of a write",
        started.elapsed()
    );
    // The child really was replacing the file both ways, and was killed
    // mid-write at least once (about 2 kills in 5 are, on this machine).
    assert!(saw_old > 0 && saw_new > 0, "old {saw_old}, new {saw_new}");
    assert!(mid_write > 0, "no kill landed during a write");
}

/// Starts the child writer, waits until it writes, lets it run for a
/// random 0–25 ms, kills it. Returns the delay.
fn run_and_kill(dir: &Path, naive: bool, rng: &mut Rng) -> Duration {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = Command::new(exe);
    cmd.args([
        "--exact",
        "crash_child_writer",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(CHILD_ENV, dir)
    .env_remove(NAIVE_ENV)
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    if naive {
        cmd.env(NAIVE_ENV, "1");
    }
    let mut child = cmd.spawn().expect("spawn the child writer");
    let mut line = String::new();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    loop {
        line.clear();
        if out.read_line(&mut line).unwrap() == 0 || line.contains("ready") {
            break;
        }
    }
    assert!(line.contains("ready"), "the child writer did not start");
    let delay = Duration::from_micros(rng.next() % 25_000);
    std::thread::sleep(delay);
    child.kill().unwrap();
    child.wait().unwrap();
    delay
}

/// The control: the same harness catches a writer that overwrites in place.
/// (If this fails, the harness cannot tell a safe writer from an unsafe one.)
#[test]
fn the_harness_catches_a_naive_writer() {
    let dir = tempdir();
    let scn = korea();
    let n = scn.n();
    let mut long = new_game(scn, 5, vec![false; n]);
    play(&mut long, 12);
    let short = short_game(&long);
    save::write_new(&dir.path().join("a.toml"), &short).unwrap();
    save::write_new(&dir.path().join("b.toml"), &long).unwrap();
    let target = dir.path().join("target.toml");
    save::write_new(&target, &short).unwrap();
    let mut rng = Rng(12345);
    for _ in 0..100 {
        run_and_kill(dir.path(), true, &mut rng);
        if let Err(e) = save::load(&target) {
            eprintln!("the naive writer left a broken save, as expected: {e}");
            return;
        }
    }
    panic!("100 kills of a naive writer never left a broken save: the harness proves nothing");
}

#[test]
fn a_save_is_never_written_in_place() {
    // The inode changes on every overwrite: the old file is replaced whole,
    // never opened and rewritten.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let dir = tempdir();
        let scn = mini();
        let n = scn.n();
        let g = new_game(scn, 1, vec![false; n]);
        let p = dir.path().join("x.toml");
        save::write_new(&p, &g).unwrap();
        let before = std::fs::metadata(&p).unwrap().ino();
        save::write(&p, &g, true).unwrap();
        let after = std::fs::metadata(&p).unwrap().ino();
        assert_ne!(before, after);
        assert_eq!(
            temps(dir.path()),
            0,
            "a completed write leaves no temporary file"
        );
    }
}
