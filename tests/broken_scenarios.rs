//! Runs the real `flashpoint validate` on every file in
//! `tests/scenarios/broken/` and checks each is refused cleanly: exit code 1,
//! no panic, a `file:LINE:COL` location on the right line, and the expected
//! message. Also checks that the good scenarios validate.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// Every broken file: (file name, line the first error must point at,
/// a piece of the message it must contain).
const CASES: &[(&str, usize, &str)] = &[
    ("bad_expression.toml", 36, "`&` is not an operator here"),
    ("bad_start_month.toml", 6, "start `2030-13` is not a month"),
    (
        "condition_is_a_number.toml",
        35,
        "this must be a condition (true or false), but it is a number",
    ),
    ("duplicate_move_id.toml", 39, "duplicate move id `protest`"),
    (
        "effect_key_combination.toml",
        36,
        "`toward` does not go with `stat`",
    ),
    ("empty.toml", 1, "the file is empty"),
    ("invalid_toml_syntax.toml", 6, "invalid basic string"),
    (
        "level_min_above_max.toml",
        34,
        "level range 5–1 is not valid",
    ),
    ("missing_required_key.toml", 29, "missing field `headline`"),
    ("no_actors.toml", 3, "the scenario has no actors"),
    ("non_utf8.toml", 6, "not valid UTF-8 (bad byte 0xff)"),
    (
        "number_in_quotes.toml",
        26,
        "found text \"-30\", expected a number",
    ),
    ("only_a_comment.toml", 1, "missing field `scenario`"),
    ("self_in_ending.toml", 40, "`self` has no meaning here"),
    (
        "stat_out_of_range.toml",
        13,
        "military is 150, outside 0–100",
    ),
    ("target_in_event.toml", 41, "`target` has no meaning here"),
    ("vote_in_event.toml", 41, "`vote` needs an acting actor"),
    (
        "two_effect_kinds.toml",
        35,
        "one effect changes one thing; this one has `stat` and `capital`",
    ),
    ("unknown_actor_in_relation.toml", 25, "unknown actor `bleu`"),
    ("unknown_key_typo.toml", 33, "unknown field `golstein`"),
    (
        "unknown_name_in_expression.toml",
        35,
        "unknown name `wealth`",
    ),
    (
        "wrong_placeholder.toml",
        36,
        "unknown placeholder `{targt}` in headline",
    ),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn broken_dir() -> PathBuf {
    root().join("tests").join("scenarios").join("broken")
}

/// The `.toml` files in the broken folder, by name, sorted.
fn broken_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(broken_dir())
        .expect("tests/scenarios/broken exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs `flashpoint validate <name>` inside `dir`: (exit code, stdout, stderr).
fn validate(dir: &Path, name: &str) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("validate")
        .arg(name)
        .output()
        .expect("the flashpoint binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every `name:LINE:COL` in `text`, in order. No regex: find `name:`, then
/// read digits, a colon, digits.
fn locations(text: &str, name: &str) -> Vec<(usize, usize)> {
    let needle = format!("{name}:");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(&needle) {
        let start = from + at;
        from = start + needle.len();
        // The name must not be the tail of a longer name (`xempty.toml:`).
        let prev = text[..start].chars().next_back();
        if prev.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.') {
            continue;
        }
        let rest = &text[from..];
        let line_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        if line_len == 0 || rest.as_bytes().get(line_len) != Some(&b':') {
            continue;
        }
        let after = &rest[line_len + 1..];
        let col_len = after.bytes().take_while(u8::is_ascii_digit).count();
        if col_len == 0 {
            continue;
        }
        found.push((
            rest[..line_len].parse().unwrap(),
            after[..col_len].parse().unwrap(),
        ));
    }
    found
}

/// What is wrong with the result of validating one broken file (empty: all good).
fn check_broken(name: &str, line: usize, expected: &str) -> Vec<String> {
    let (code, stdout, stderr) = validate(&broken_dir(), name);
    let mut problems = Vec::new();
    if code != Some(1) {
        problems.push(format!("exit code {code:?}, expected Some(1)"));
    }
    if stderr.contains("panicked") {
        problems.push("the validator panicked".to_string());
    }
    if stdout.lines().any(|l| l.starts_with("ok")) {
        problems.push(format!("stdout says ok: {stdout:?}"));
    }
    let locs = locations(&stderr, name);
    match locs.first() {
        None => problems.push(format!("no `{name}:LINE:COL` in stderr")),
        Some((l, c)) => {
            if *l != line {
                problems.push(format!(
                    "first error points at line {l} (column {c}), expected line {line}"
                ));
            }
            if *c == 0 {
                problems.push("column 0; columns start at 1".to_string());
            }
        }
    }
    if !stderr.contains(expected) {
        problems.push(format!("stderr does not contain {expected:?}"));
    }
    if problems.is_empty() {
        Vec::new()
    } else {
        vec![format!(
            "{name}:\n    {}\n  stderr was:\n{stderr}",
            problems.join("\n    ")
        )]
    }
}

#[test]
fn every_broken_file_has_a_case_and_every_case_a_file() {
    let files: BTreeSet<String> = broken_files().into_iter().collect();
    let cases: BTreeSet<String> = CASES.iter().map(|(n, _, _)| n.to_string()).collect();
    let no_case: Vec<_> = files.difference(&cases).collect();
    let no_file: Vec<_> = cases.difference(&files).collect();
    assert!(
        no_case.is_empty(),
        "files without an entry in CASES: {no_case:?}"
    );
    assert!(
        no_file.is_empty(),
        "CASES entries without a file: {no_file:?}"
    );
    assert!(
        files.len() >= 12,
        "expected at least 12 broken files, found {}",
        files.len()
    );
}

#[test]
fn broken_scenarios_are_refused_with_a_location_and_a_reason() {
    let mut failures = Vec::new();
    for name in broken_files() {
        match CASES.iter().find(|(n, _, _)| *n == name) {
            Some((_, line, expected)) => failures.extend(check_broken(&name, *line, expected)),
            None => failures.push(format!("{name}: no entry in CASES")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} broken file(s) not refused as expected:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_empty_and_non_utf8_files_really_are() {
    let dir = broken_dir();
    let empty = std::fs::read(dir.join("empty.toml")).unwrap();
    assert!(empty.is_empty(), "empty.toml must be 0 bytes");
    let bytes = std::fs::read(dir.join("non_utf8.toml")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "non_utf8.toml must not be valid UTF-8"
    );
    assert!(bytes.contains(&0xff));
}

/// Validates a good scenario; `None` when the file is missing or still empty.
fn validate_good(relative: &str) -> Option<(Option<i32>, String, String)> {
    let text = std::fs::read_to_string(root().join(relative)).ok()?;
    if text.trim().is_empty() {
        eprintln!("skipping {relative}: the file is still empty");
        return None;
    }
    Some(validate(&root(), relative))
}

fn assert_good(relative: &str) {
    let Some((code, stdout, stderr)) = validate_good(relative) else {
        return;
    };
    assert_eq!(
        code,
        Some(0),
        "{relative} should validate; stderr:\n{stderr}"
    );
    assert!(
        stdout.starts_with("ok"),
        "{relative}: stdout should start with `ok`, was {stdout:?}"
    );
    assert!(
        stdout.contains(relative),
        "{relative}: the ok line should name the file: {stdout:?}"
    );
    assert!(
        stderr.is_empty(),
        "{relative}: nothing should go to stderr, got:\n{stderr}"
    );
}

#[test]
fn strait_standoff_validates() {
    let relative = "scenarios/strait-standoff.toml";
    assert!(root().join(relative).exists(), "{relative} is missing");
    assert_good(relative);
}

#[test]
fn korea_arms_deal_validates_once_written() {
    assert_good("scenarios/korea-arms-deal.toml");
}

#[test]
fn locations_are_found_without_regex() {
    let text = "error: bad (a.toml:12:5)\n  --> a.toml:12:5\na.toml: 1 problem found\nxa.toml:3:4";
    assert_eq!(locations(text, "a.toml"), vec![(12, 5), (12, 5)]);
    assert!(locations("a.toml: 1 problem", "a.toml").is_empty());
    assert!(locations("a.toml:12", "a.toml").is_empty());
}
