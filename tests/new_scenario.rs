//! `flashpoint new`: the starting scenario validates, plays a whole game,
//! conforms to the editor schema, and no file is ever overwritten.

use std::path::Path;

use assert_cmd::Command;

/// Runs `flashpoint ARGS` in `dir`: (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("the flashpoint binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Writes a new scenario, validates it and plays one whole game with it.
fn new_validates_and_plays(extra: &[&str], actors: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut args = vec!["new", "crisis.toml"];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run(dir.path(), &args);
    assert_eq!(code, Some(0), "new failed: {stderr}");
    assert!(stdout.contains("wrote crisis.toml"), "{stdout}");
    let text = std::fs::read_to_string(dir.path().join("crisis.toml")).expect("the file");
    for a in actors {
        assert!(text.contains(&format!("id = \"{a}\"")), "{a} missing");
    }
    let (code, stdout, stderr) = run(dir.path(), &["validate", "crisis.toml"]);
    assert_eq!(code, Some(0), "validate: {stderr}");
    assert!(stdout.starts_with("ok crisis.toml (crisis:"), "{stdout}");
    let (code, stdout, stderr) = run(dir.path(), &["simulate", "crisis.toml", "--seed", "3"]);
    assert_eq!(code, Some(0), "simulate: {stderr}");
    assert!(stdout.contains("== Result:"), "no result:\n{stdout}");
    assert!(stdout.contains("== Turn 1 "), "no turns:\n{stdout}");
    text
}

#[test]
fn default_actors_validate_and_play() {
    new_validates_and_plays(&[], &["westland", "eastland", "northport"]);
}

#[test]
fn given_actors_validate_and_play() {
    let text = new_validates_and_plays(
        &["--actors", "usa,north_korea,china,japan"],
        &["usa", "north_korea", "china", "japan"],
    );
    assert!(text.contains("name = \"North Korea\""));
}

#[test]
fn two_actors_are_enough() {
    new_validates_and_plays(&["--actors", "red,blue"], &["red", "blue"]);
}

#[test]
fn the_starting_scenario_is_commented_with_pointers_into_the_docs() {
    let text = new_validates_and_plays(&[], &[]);
    for table in [
        "[scenario]",
        "discussion = [",
        "[[escalation]]",
        "[tension]",
        "[[actors]]",
        "briefing = ",
        "[actors.ai]",
        "[[actors.objectives]]",
        "[[relations]]",
        "[[sanctions]]",
        "[[tracks]]",
        "[[moves]]",
        "[[events]]",
        "[[endings]]",
    ] {
        assert!(text.contains(table), "{table} missing");
    }
    for category in [
        "diplomacy",
        "economic",
        "sanction",
        "arms",
        "military",
        "intelligence",
    ] {
        assert!(
            text.contains(&format!("category = \"{category}\"")),
            "{category}"
        );
    }
    assert!(text.contains("docs/scenario-format.md"));
    assert!(text.matches("# Section ").count() >= 8, "section pointers");
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mine.toml");
    std::fs::write(&path, "# my work\n").expect("write");
    let (code, stdout, stderr) = run(dir.path(), &["new", "mine.toml"]);
    assert_eq!(code, Some(1));
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("mine.toml already exists"), "{stderr}");
    assert!(stderr.contains("never overwrites"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "# my work\n");
}

#[test]
fn bad_actor_ids_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (actors, message) in [
        ("North Korea,usa", "e.g. `north_korea`"),
        ("usa", "needs 2 to 24 actors"),
        ("usa,usa", "given twice"),
        ("usa,turn", "cannot be an actor id"),
        ("usa,", "it is empty"),
    ] {
        let (code, _, stderr) = run(dir.path(), &["new", "x.toml", "--actors", actors]);
        assert_eq!(code, Some(2), "{actors}: {stderr}");
        assert!(stderr.contains(message), "{actors}: {stderr}");
        assert!(
            !dir.path().join("x.toml").exists(),
            "{actors}: a file was written"
        );
    }
}

#[test]
fn the_schema_line_points_at_the_docs_when_they_are_above() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("docs")).expect("docs");
    std::fs::create_dir_all(dir.path().join("scenarios")).expect("scenarios");
    std::fs::write(dir.path().join("docs/scenario.schema.json"), "{}").expect("schema");
    let (code, _, stderr) = run(dir.path(), &["new", "scenarios/a.toml"]);
    assert_eq!(code, Some(0), "{stderr}");
    let text = std::fs::read_to_string(dir.path().join("scenarios/a.toml")).expect("file");
    assert_eq!(
        text.lines().next(),
        Some("#:schema ../docs/scenario.schema.json")
    );
    // Without docs above it, there is no line to a file that is not there.
    let other = tempfile::tempdir().expect("temp dir");
    let (code, _, _) = run(other.path(), &["new", "b.toml"]);
    assert_eq!(code, Some(0));
    let text = std::fs::read_to_string(other.path().join("b.toml")).expect("file");
    assert!(!text.starts_with("#:schema"));
}

#[test]
fn the_starting_scenario_conforms_to_the_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, _, stderr) = run(dir.path(), &["new", "c.toml"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (_, schema, _) = run(dir.path(), &["schema"]);
    let schema: serde_json::Value = serde_json::from_str(&schema).expect("schema JSON");
    let v = jsonschema::draft7::new(&schema).expect("draft-07 schema");
    let text = std::fs::read_to_string(dir.path().join("c.toml")).expect("file");
    let value: serde_json::Value = toml::from_str(&text).expect("TOML");
    let errors: Vec<String> = v.iter_errors(&value).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}
