//! Every kind of bad save gives a clear error naming the file — never a
//! panic, never a write outside the saves folder.

mod save_common;

use std::path::{Path, PathBuf};

use flashpoint::save::{self, SaveError, format};
use save_common::*;

/// A small game a few turns in, saved in `dir` as `good.toml`.
fn good_save(dir: &Path) -> (PathBuf, Game) {
    let scn = mini();
    let n = scn.n();
    let mut g = new_game(scn, 11, vec![true, false, false][..n].to_vec());
    play(&mut g, 5);
    let p = dir.join("good.toml");
    save::write_new(&p, &g).unwrap();
    (p, g)
}

fn load_err(p: &Path) -> (SaveError, String) {
    match save::load(p) {
        Ok(_) => panic!("{} loaded but should not", p.display()),
        Err(e) => {
            let msg = e.to_string();
            (e, msg)
        }
    }
}

fn write_text(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn a_good_save_loads() {
    let dir = tempdir();
    let (p, g) = good_save(dir.path());
    let back = save::load(&p).unwrap();
    assert_eq!(state(&back), state(&g));
}

#[test]
fn truncated_file() {
    let dir = tempdir();
    let (p, _) = good_save(dir.path());
    let bytes = std::fs::read(&p).unwrap();
    let t = dir.path().join("truncated.toml");
    std::fs::write(&t, &bytes[..bytes.len() / 2]).unwrap();
    let (e, msg) = load_err(&t);
    assert!(matches!(e, SaveError::Truncated { .. }), "{msg}");
    assert!(msg.contains("truncated"), "{msg}");
    assert!(msg.contains(&t.display().to_string()), "{msg}");
    // Cut anywhere: always an error, never a panic.
    let cut_limit = bytes.len() - format::END_MARKER.len() - 1;
    for cut in (0..cut_limit).step_by(997).chain([1, 2, cut_limit - 1]) {
        std::fs::write(&t, &bytes[..cut]).unwrap();
        assert!(save::load(&t).is_err(), "cut at {cut} loaded");
    }
}

#[test]
fn newer_format_version() {
    let dir = tempdir();
    let (p, _) = good_save(dir.path());
    let text = std::fs::read_to_string(&p).unwrap();
    let newer = text.replace("format_version = 3\n", "format_version = 7\n");
    // Even with fields this version does not know.
    let newer = newer.replace("injects = []", "injects = []\nfuture_field = \"x\"");
    let q = write_text(dir.path(), "newer.toml", &newer);
    let (e, msg) = load_err(&q);
    assert!(
        matches!(
            e,
            SaveError::NewerFormat {
                found: 7,
                max: 3,
                ..
            }
        ),
        "{msg}"
    );
    assert!(
        msg.contains("made by a newer Flashpoint (format 7); this one reads up to format 3"),
        "{msg}"
    );
}

#[test]
fn hand_edited_state_that_no_longer_matches_its_orders() {
    let dir = tempdir();
    let (p, g) = good_save(dir.path());
    let text = std::fs::read_to_string(&p).unwrap();
    // Edit the final regional tension.
    let line = format!("regional = {}\n", state(&g).regional);
    assert!(text.contains(&line));
    let edited = text.replacen(&line, "regional = 12.5\n", 1);
    let q = write_text(dir.path(), "edited.toml", &edited);
    let (e, msg) = load_err(&q);
    assert!(
        matches!(e, SaveError::StateMismatch { turn: 5, .. }),
        "{msg}"
    );
    assert!(msg.contains("does not match its orders"), "{msg}");
    assert!(msg.contains("turn 5"), "{msg}");

    // Edit the meters recorded for turn 3 in the history: named as turn 3.
    let snap = &g.truth().log.snapshots[3];
    let needle = format!("[[history]]\nturn = 3\nregional = {}\n", snap.regional);
    assert!(text.contains(&needle), "history entry not found");
    let edited = text.replace(&needle, "[[history]]\nturn = 3\nregional = 99.0\n");
    let q = write_text(dir.path(), "edited-history.toml", &edited);
    let (e, msg) = load_err(&q);
    assert!(
        matches!(e, SaveError::StateMismatch { turn: 3, .. }),
        "{msg}"
    );
    assert!(
        msg.contains("regional tension: saved 99, replayed"),
        "{msg}"
    );
}

#[test]
fn hand_edited_order_changes_the_replay() {
    let dir = tempdir();
    let (p, g) = good_save(dir.path());
    let text = std::fs::read_to_string(&p).unwrap();
    // Drop every order of turn 2: the replay must diverge at turn 2 or later.
    let file: toml::Table = toml::from_str(&text).unwrap();
    assert!(!log(&g)[1].list.is_empty());
    let mut file = file;
    file["turns"].as_array_mut().unwrap()[1]["orders"] = toml::Value::Array(vec![]);
    let edited = toml::to_string(&file).unwrap() + "\n" + format::END_MARKER + "\n";
    let q = write_text(dir.path(), "edited-orders.toml", &edited);
    let (e, msg) = load_err(&q);
    match e {
        SaveError::StateMismatch { turn, .. } => assert!(turn >= 2, "{msg}"),
        other => panic!("expected a state mismatch, got {other}"),
    }
}

#[test]
fn scenario_hash_mismatch() {
    let dir = tempdir();
    let (p, g) = good_save(dir.path());
    let text = std::fs::read_to_string(&p).unwrap();
    let edited = text.replacen("title = \"Mini crisis\"", "title = \"Maxi crisis\"", 2);
    assert_ne!(edited, text);
    let q = write_text(dir.path(), "hash.toml", &edited);
    let (e, msg) = load_err(&q);
    assert!(matches!(e, SaveError::HashMismatch { .. }), "{msg}");
    let saved = format::scenario_hash(&g.scenario().source);
    assert!(msg.contains(&saved), "names the recorded hash: {msg}");
    assert!(msg.contains("scenario text was edited"), "{msg}");
    let SaveError::HashMismatch { actual, .. } = e else {
        unreachable!()
    };
    assert_ne!(actual, saved);
    assert!(msg.contains(&actual), "names the actual hash: {msg}");
}

#[test]
fn save_names_with_slashes_or_dots_are_refused_and_nothing_is_written() {
    let root = tempdir();
    let dir = root.path().join("saves");
    let scn = mini();
    let n = scn.n();
    let g = new_game(scn, 1, vec![false; n]);
    for name in [
        "../escape",
        "..",
        "a/b",
        "/etc/passwd",
        "a\\b",
        "..\\x",
        ".hidden",
        "",
        "  ",
        "x\u{0}y",
        "tab\there",
    ] {
        let err = save::save_as(&dir, name, &g, true).unwrap_err();
        assert!(matches!(err, SaveError::BadName { .. }), "{name:?}: {err}");
        assert!(err.to_string().starts_with("cannot save as"), "{err}");
    }
    let msg = save::save_as(&dir, "../escape", &g, true)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("may not contain"), "{msg}");
    // Nothing was written anywhere: not in the root, not in the saves folder.
    let in_root: Vec<_> = std::fs::read_dir(root.path()).unwrap().flatten().collect();
    assert!(
        in_root.iter().all(|e| e.file_name() == "saves"),
        "{in_root:?}"
    );
    if dir.exists() {
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    }
    // A good name lands inside the folder.
    let p = save::save_as(&dir, "week 2", &g, false).unwrap();
    assert_eq!(p, dir.join("week 2.toml"));
    assert!(save::load(&p).is_ok());
}

#[test]
fn an_existing_save_is_not_overwritten_unless_asked() {
    let dir = tempdir();
    let (p, g) = good_save(dir.path());
    let before = std::fs::read(&p).unwrap();
    let mut later = g.clone();
    play(&mut later, 2);
    let err = save::write_new(&p, &later).unwrap_err();
    assert!(matches!(err, SaveError::Exists { .. }), "{err}");
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(
        std::fs::read(&p).unwrap(),
        before,
        "the old save is untouched"
    );
    let err = save::save_as(dir.path(), "good", &later, false).unwrap_err();
    assert!(matches!(err, SaveError::Exists { .. }), "{err}");
    save::save_as(dir.path(), "good", &later, true).unwrap();
    assert_eq!(state(&save::load(&p).unwrap()), state(&later));
}

#[test]
fn garbage_and_non_utf8() {
    let dir = tempdir();
    let bin = dir.path().join("binary.toml");
    std::fs::write(&bin, [0xff, 0xfe, 0x00, 0x81, 0x41, 0x42, 0x0a]).unwrap();
    let (e, msg) = load_err(&bin);
    assert!(matches!(e, SaveError::NotUtf8 { .. }), "{msg}");
    assert!(msg.contains("not UTF-8"), "{msg}");
    assert!(msg.contains("binary.toml"), "{msg}");

    let junk = write_text(dir.path(), "junk.toml", "hello, I am not a save\n");
    let (_, msg) = load_err(&junk);
    assert!(msg.contains("not a Flashpoint save"), "{msg}");
    assert!(msg.contains("junk.toml"), "{msg}");

    // A scenario file is not a save.
    let scen = write_text(
        dir.path(),
        "scenario.toml",
        include_str!("fixtures/mini.toml"),
    );
    let (_, msg) = load_err(&scen);
    assert!(msg.contains("not a Flashpoint save"), "{msg}");

    // Broken TOML that ends like a save: the error has a line number.
    let broken = format!("format_version = 1\nseed = [[[\n{}\n", format::END_MARKER);
    let b = write_text(dir.path(), "broken.toml", &broken);
    let (e, msg) = load_err(&b);
    assert!(matches!(e, SaveError::Parse { .. }), "{msg}");
    assert!(msg.contains("line 2"), "{msg}");

    // Valid TOML, right version, missing fields.
    let thin = format!("format_version = 1\n{}\n", format::END_MARKER);
    let t = write_text(dir.path(), "thin.toml", &thin);
    let (_, msg) = load_err(&t);
    assert!(msg.contains("missing field"), "{msg}");

    // Random bytes, many times: errors, never panics.
    let mut x: u64 = 0x1234_5678;
    for i in 0..200 {
        let len = (i * 37) % 3000;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        std::fs::write(&bin, &bytes).unwrap();
        assert!(save::load(&bin).is_err());
    }
}

#[test]
fn mutated_saves_never_panic() {
    // Flip single bytes all over a real save: each load is Ok or a clean Err.
    let dir = tempdir();
    let (p, _) = good_save(dir.path());
    let bytes = std::fs::read(&p).unwrap();
    let q = dir.path().join("mutated.toml");
    let mut ok = 0;
    for (k, i) in (0..bytes.len()).step_by(131).enumerate() {
        let mut b = bytes.clone();
        let alphabet = b"0x[]=\"'\n9-.";
        b[i] = alphabet[k % alphabet.len()];
        std::fs::write(&q, &b).unwrap();
        if save::load(&q).is_ok() {
            ok += 1;
        }
    }
    assert!(ok < bytes.len() / 131, "most mutations must be caught");
}

#[test]
fn missing_file_and_folder() {
    let dir = tempdir();
    let missing = dir.path().join("nope.toml");
    let (e, msg) = load_err(&missing);
    assert!(matches!(e, SaveError::Io { .. }), "{msg}");
    assert!(
        msg.contains("nope.toml") && msg.contains("cannot open the save"),
        "{msg}"
    );
    let (e, msg) = load_err(dir.path());
    assert!(matches!(e, SaveError::IsDir { .. }), "{msg}");
    assert!(msg.contains("folder"), "{msg}");
    let empty = write_text(dir.path(), "empty.toml", "");
    let (_, msg) = load_err(&empty);
    assert!(msg.contains("empty"), "{msg}");
}

#[test]
fn unknown_ids_in_orders_name_the_turn() {
    let dir = tempdir();
    let (p, g) = good_save(dir.path());
    let text = std::fs::read_to_string(&p).unwrap();
    let mut file: toml::Table = toml::from_str(&text).unwrap();
    let turn = log(&g).iter().position(|o| !o.list.is_empty()).unwrap();
    file["turns"].as_array_mut().unwrap()[turn]["orders"][0]["move"] =
        toml::Value::String("teleport".into());
    let edited = toml::to_string(&file).unwrap() + format::END_MARKER + "\n";
    let q = write_text(dir.path(), "unknown.toml", &edited);
    let (e, msg) = load_err(&q);
    assert!(
        matches!(e, SaveError::UnknownId { what: "move", .. }),
        "{msg}"
    );
    assert!(msg.contains(&format!("turn {}", turn + 1)), "{msg}");
    assert!(msg.contains("`teleport`"), "{msg}");
}

#[test]
fn injects_are_reserved() {
    let dir = tempdir();
    let (p, _) = good_save(dir.path());
    let text = std::fs::read_to_string(&p).unwrap();
    let edited = text.replace(
        "injects = []",
        "injects = [{ turn = 2, text = \"Breaking news\" }]",
    );
    let q = write_text(dir.path(), "injects.toml", &edited);
    let (e, msg) = load_err(&q);
    assert!(matches!(e, SaveError::Injects { count: 1, .. }), "{msg}");
}

/// A synthetic format-0 save (the draft format: flat `[[orders]]` with a
/// `turn` each, `scenario.hash`, no `injects`) loads through the migration.
#[test]
fn format_0_loads_through_the_migration() {
    let dir = tempdir();
    let (p, g) = good_save(dir.path());
    let text = std::fs::read_to_string(&p).unwrap();
    let mut t: toml::Table = toml::from_str(&text).unwrap();
    t.insert("format_version".into(), toml::Value::Integer(0));
    t.remove("injects");
    let turns = t.remove("turns").unwrap();
    let mut flat = Vec::new();
    for entry in turns.as_array().unwrap() {
        let k = entry["turn"].as_integer().unwrap();
        for o in entry["orders"].as_array().unwrap() {
            let mut o = o.as_table().unwrap().clone();
            o.insert("turn".into(), toml::Value::Integer(k));
            flat.push(toml::Value::Table(o));
        }
    }
    t.insert("orders".into(), toml::Value::Array(flat));
    let s = t["scenario"].as_table_mut_hack();
    let h = s.remove("sha256").unwrap();
    s.insert("hash".into(), h);
    let v0 = toml::to_string(&t).unwrap() + format::END_MARKER + "\n";
    assert!(v0.contains("[[orders]]") && !v0.contains("[[turns]]"));
    let q = write_text(dir.path(), "v0.toml", &v0);
    let opened = save::open(&q).unwrap();
    assert_eq!(opened.from_version, 0);
    let back = save::load(&q).unwrap();
    assert_eq!(state(&back), state(&g));
    assert_eq!(log(&back), log(&g));
}

trait TableHack {
    fn as_table_mut_hack(&mut self) -> &mut toml::Table;
}
impl TableHack for toml::Value {
    fn as_table_mut_hack(&mut self) -> &mut toml::Table {
        self.as_table_mut().unwrap()
    }
}

#[test]
fn autosave_keeps_the_previous_one_as_bak() {
    let dir = tempdir();
    let saves = dir.path().join("saves");
    let scn = mini();
    let n = scn.n();
    let mut g = new_game(scn, 3, vec![false; n]);
    play(&mut g, 1);
    let p1 = save::autosave(&saves, &g).unwrap();
    assert_eq!(p1, saves.join("autosave-mini.toml"));
    assert!(!saves.join("autosave-mini.toml.bak").exists());
    let first = std::fs::read(&p1).unwrap();
    play(&mut g, 1);
    let p2 = save::autosave(&saves, &g).unwrap();
    assert_eq!(p1, p2);
    let bak = saves.join("autosave-mini.toml.bak");
    assert_eq!(
        std::fs::read(&bak).unwrap(),
        first,
        ".bak holds the previous autosave"
    );
    assert_eq!(state(&save::load(&p2).unwrap()).turn, 2);
    assert_eq!(state(&save::load(&bak).unwrap()).clone().turn, 1);
    assert_eq!(save::latest_autosave(&saves), Some(p2.clone()));
    // Listing: one entry (the .bak is not listed), loadable, with its facts.
    let list = save::list(&saves);
    assert_eq!(list.len(), 1);
    let s = list[0].summary.as_ref().unwrap();
    assert_eq!((s.turn, s.scenario_id.as_str()), (2, "mini"));
    assert!(list[0].autosave);
}

#[test]
fn list_shows_broken_saves_with_their_error_newest_first() {
    let dir = tempdir();
    let (p, _) = good_save(dir.path());
    std::thread::sleep(std::time::Duration::from_millis(20));
    write_text(dir.path(), "broken.toml", "garbage");
    std::fs::write(dir.path().join(".hidden.toml"), "x").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
    let list = save::list(dir.path());
    let names: Vec<&str> = list.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        ["broken.toml", "good.toml"],
        "newest first, only *.toml"
    );
    assert!(
        list[0]
            .summary
            .as_ref()
            .unwrap_err()
            .contains("not a Flashpoint save")
    );
    let good = list[1].summary.as_ref().unwrap();
    assert_eq!(good.turn, 5);
    assert_eq!(good.humans, ["red"]);
    assert_eq!(good.scenario_title, "Mini crisis");
    assert_eq!(list[1].path, p);
    assert!(save::latest_autosave(dir.path()).is_none());
    assert!(save::list(&dir.path().join("missing")).is_empty());
}

// ---- the command line ----

fn flashpoint() -> assert_cmd::Command {
    assert_cmd::Command::new(env!("CARGO_BIN_EXE_flashpoint"))
}

#[test]
fn cli_replay_of_a_bad_save_exits_1_with_the_message() {
    let dir = tempdir();
    let bad = write_text(dir.path(), "bad.toml", "format_version = 1\nturn = ");
    let out = flashpoint()
        .arg("replay")
        .arg(&bad)
        .assert()
        .failure()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("bad.toml") && err.contains("truncated"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");

    let out = flashpoint()
        .args(["replay", "--verify"])
        .arg(dir.path().join("missing.toml"))
        .assert()
        .failure()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("missing.toml") && err.contains("cannot open"),
        "{err}"
    );
}

#[test]
fn cli_replay_verify_reports_each_turn_or_the_first_differing_one() {
    let dir = tempdir();
    let (p, g) = good_save(dir.path());
    let out = flashpoint()
        .args(["replay", "--verify"])
        .arg(&p)
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for t in 0..=5 {
        assert!(text.contains(&format!("turn {t} ok\n")), "{text}");
    }

    let tampered = std::fs::read_to_string(&p).unwrap().replace(
        &format!(
            "[[history]]\nturn = 4\nregional = {}\n",
            g.truth().log.snapshots[4].regional
        ),
        "[[history]]\nturn = 4\nregional = 1.0\n",
    );
    let q = write_text(dir.path(), "tampered.toml", &tampered);
    let out = flashpoint()
        .args(["replay", "--verify"])
        .arg(&q)
        .assert()
        .failure()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stdout.contains("turn 3 ok\nturn 4 DIFFERS"), "{stdout}");
    assert!(stderr.contains("first differing turn: 4"), "{stderr}");

    // JSON verification.
    let out = flashpoint()
        .args(["replay", "--verify", "--format", "json"])
        .arg(&q)
        .assert()
        .failure();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["first_difference"]["turn"], 4);
}

#[test]
fn cli_replay_prints_the_timeline_as_text_and_json() {
    let dir = tempdir();
    let (p, g) = good_save(dir.path());
    let out = flashpoint().arg("replay").arg(&p).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("played by people: red"), "{text}");
    assert!(text.contains("== Turn 5 ("), "{text}");
    assert!(text.contains("regional tension"), "{text}");

    let out = flashpoint()
        .args(["replay", "--format", "json"])
        .arg(&p)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["scenario"], "mini");
    assert_eq!(v["seed"], 11);
    assert_eq!(v["save"]["humans"][0], "red");
    assert_eq!(v["turns"].as_array().unwrap().len(), 5);
    let orders = v["turns"][0]["orders"].as_array().unwrap();
    assert_eq!(orders.len(), log(&g)[0].list.len());
    assert!(v["turns"][0]["regional"]["after"].is_number());
}

#[test]
fn cli_saves_lists_good_and_bad() {
    let dir = tempdir();
    good_save(dir.path());
    write_text(dir.path(), "broken.toml", "garbage");
    let out = flashpoint()
        .arg("saves")
        .arg("--saves-dir")
        .arg(dir.path())
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        text.contains("good.toml") && text.contains("Mini crisis — turn 5"),
        "{text}"
    );
    assert!(text.contains("played by red"), "{text}");
    assert!(
        text.contains("broken.toml") && text.contains("DOES NOT LOAD"),
        "{text}"
    );

    let out = flashpoint()
        .arg("saves")
        .arg("--saves-dir")
        .arg(dir.path().join("none"))
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("No saves"));
}

#[test]
fn save_on_quit_only_for_unfinished_games_with_turns() {
    let dir = tempdir();
    let scn = mini();
    let n = scn.n();
    let mut g = new_game(scn, 2, vec![false; n]);
    assert_eq!(save::save_on_quit(dir.path(), &g).unwrap(), None);
    play(&mut g, 2);
    let p = save::save_on_quit(dir.path(), &g).unwrap().unwrap();
    assert_eq!(state(&save::load(&p).unwrap()), state(&g));
    assert_eq!(save::latest_autosave(dir.path()), Some(p.clone()));
    play_out(&mut g);
    std::fs::remove_file(&p).unwrap();
    assert_eq!(save::save_on_quit(dir.path(), &g).unwrap(), None);
    assert!(!p.exists());
}

#[test]
fn default_name_is_a_valid_name() {
    let scn = korea();
    let n = scn.n();
    let g = new_game(scn, 2, vec![false; n]);
    let name = save::default_name(&g);
    assert!(name.starts_with("korea-arms-deal-"), "{name}");
    assert_eq!(save::validate_name(&name).unwrap(), format!("{name}.toml"));
}
