//! Runs the real `flashpoint validate` on every file in
//! `tests/scenarios/broken/` and checks each is refused cleanly: exit code 1,
//! no panic, a `file:LINE:COL` location on the right line, and the expected
//! message. Also checks that the good scenarios validate.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// Every broken file: (file name, line the first error must point at,
/// pieces the messages must contain).
const CASES: &[(&str, usize, &[&str])] = &[
    (
        "actor_name_too_wide.toml",
        12,
        &["the actor name is 42 columns wide; at most 40 fit"],
    ),
    ("bad_expression.toml", 36, &["`&` is not an operator here"]),
    (
        "bad_start_month.toml",
        6,
        &["start `2030-13` is not a month"],
    ),
    ("blank_actor_name.toml", 12, &["the actor name is blank"]),
    (
        "condition_is_a_number.toml",
        35,
        &["this must be a condition (true or false), but it is a number"],
    ),
    (
        "control_character_in_name.toml",
        12,
        &["the actor name holds a control character (U+0007)"],
    ),
    (
        "duplicate_key.toml",
        9,
        &["duplicate key `turns`", "already set on line 8"],
    ),
    (
        "duplicate_move_id.toml",
        39,
        &["duplicate move id `protest`"],
    ),
    (
        "effect_key_combination.toml",
        36,
        &["`toward` does not go with `stat`"],
    ),
    ("empty.toml", 1, &["the file is empty"]),
    (
        "invalid_toml_syntax.toml",
        6,
        &["this text is not closed", "end the text with a \""],
    ),
    (
        "invisible_actor_name.toml",
        12,
        &["the actor name has no visible characters"],
    ),
    (
        "level_min_above_max.toml",
        34,
        &["level range 5–1 is not valid"],
    ),
    (
        "long_expression.toml",
        36,
        &[
            "expression is 5207 characters long; the limit is 2000",
            "1 + 1 +…`",
        ],
    ),
    (
        "missing_equals.toml",
        8,
        &["a key needs `=` and a value", "turns = 12"],
    ),
    ("missing_required_key.toml", 29, &["missing key `headline`"]),
    (
        "misspelled_expression_name.toml",
        37,
        &["unknown name `tenson`", "did you mean `tension`?"],
    ),
    ("no_actors.toml", 3, &["the scenario has no actors"]),
    ("non_utf8.toml", 6, &["not valid UTF-8 (bad byte 0xff)"]),
    (
        "number_in_quotes.toml",
        26,
        &[
            "found the text \"-30\", expected a number",
            "remove the quotes",
        ],
    ),
    (
        "number_too_large.toml",
        8,
        &["the number 99999999999999999999 is far too large for this key"],
    ),
    (
        "only_a_comment.toml",
        1,
        &["the file has no [scenario] table"],
    ),
    (
        "over_actor_limit.toml",
        179,
        &[
            "25 actors; a scenario may have at most 24",
            "1 problem found",
        ],
    ),
    (
        "over_ending_limit.toml",
        289,
        &[
            "51 endings; a scenario may have at most 50",
            "1 problem found",
        ],
    ),
    ("self_in_ending.toml", 40, &["`self` has no meaning here"]),
    (
        "ship_inside_arrive.toml",
        36,
        &["`ship` cannot be used inside arrive or each_turn"],
    ),
    (
        "placeholder_in_more_headlines.toml",
        47,
        &["unknown placeholder `{actor}` in headline", "{red}, {blue}"],
    ),
    (
        "in_sentence_too_wide.toml",
        13,
        &["the name in a sentence is 51 columns wide; at most 40 fit"],
    ),
    (
        "short_name_too_wide.toml",
        13,
        &["the short name is 11 columns wide; at most 8 fit"],
    ),
    (
        "single_brackets.toml",
        30,
        &["expected a list", "write [[name]] for each entry"],
    ),
    (
        "reciprocity_out_of_range.toml",
        17,
        &["reciprocity is 1.5, outside 0–1"],
    ),
    (
        "stat_out_of_range.toml",
        13,
        &["military is 150, outside 0–100"],
    ),
    (
        "target_in_event.toml",
        41,
        &["`target` has no meaning here"],
    ),
    (
        "target_is_party_not_covert.toml",
        36,
        &["target_is_party needs a covert move with a target"],
    ),
    (
        "two_effect_kinds.toml",
        35,
        &["one effect changes one thing; this one has `stat` and `capital`"],
    ),
    (
        "unknown_actor_in_relation.toml",
        25,
        &["unknown actor `bleu`", "did you mean `blue`?"],
    ),
    (
        "unknown_key_typo.toml",
        33,
        &["unknown key `golstein`", "did you mean `goldstein`?"],
    ),
    (
        "unknown_name_in_expression.toml",
        35,
        &["unknown name `wealth`"],
    ),
    (
        "unknown_nested_table.toml",
        17,
        &[
            "unknown table `actors.objective`",
            "did you mean `objectives`?",
        ],
    ),
    (
        "unknown_table_singular.toml",
        21,
        &[
            "unknown table `actor`",
            "did you mean `actors`?",
            "1 problem found",
        ],
    ),
    (
        "unquoted_text.toml",
        6,
        &["text must be in double quotes", "write \"Broken example\""],
    ),
    (
        "vote_in_deal.toml",
        42,
        &["`vote` cannot be used in a deal's give or take"],
    ),
    ("vote_in_event.toml", 41, &["`vote` needs an acting actor"]),
    (
        "wrong_placeholder.toml",
        36,
        &[
            "unknown placeholder `{targt}` in headline",
            "did you mean `{target}`?",
        ],
    ),
    (
        "yes_for_true.toml",
        28,
        &["`yes` is not a value TOML knows", "write true or false"],
    ),
];

/// Words of the parser and of serde that mean nothing to a scenario
/// author; no message may use them.
const JARGON: &[&str] = &[
    "i128",
    "u128",
    "f64",
    "u32",
    "i64",
    "struct ",
    "untagged",
    "field",
    "expected `=`",
    "expected nothing",
    "literal string",
    "invalid type",
    "variant",
];

/// Most bytes one broken file's report may take: a message never echoes
/// a long value in full.
const MAX_REPORT: usize = 4_000;

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
fn check_broken(name: &str, line: usize, expected: &[&str]) -> Vec<String> {
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
    for piece in expected {
        if !stderr.contains(piece) {
            problems.push(format!("stderr does not contain {piece:?}"));
        }
    }
    for word in JARGON {
        if stderr.contains(word) {
            problems.push(format!("stderr uses the jargon {word:?}"));
        }
    }
    if stderr.len() > MAX_REPORT {
        problems.push(format!("stderr is {} bytes long", stderr.len()));
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

/// Runs `flashpoint validate` with extra arguments inside `dir`.
fn validate_with(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("validate")
        .args(args)
        .output()
        .expect("the flashpoint binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn json_format_gives_file_line_column_severity_message_help() {
    let (code, stdout, stderr) = validate_with(
        &broken_dir(),
        &[
            "--format",
            "json",
            "unknown_actor_in_relation.toml",
            "../../../scenarios/strait-standoff.toml",
        ],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.is_empty(),
        "JSON mode prints nothing on stderr: {stderr}"
    );
    let doc: serde_json::Value =
        serde_json::from_str(&stdout).expect("stdout is one JSON document");
    assert_eq!(doc["ok"], false);
    let d = &doc["diagnostics"][0];
    assert_eq!(d["file"], "unknown_actor_in_relation.toml");
    assert_eq!(d["line"], 25);
    assert_eq!(d["column"], 6);
    assert_eq!(d["end_line"], 25);
    assert_eq!(d["end_column"], 12);
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "unknown actor `bleu`");
    assert!(
        d["help"]
            .as_str()
            .unwrap_or("")
            .contains("did you mean `blue`?")
    );
    assert_eq!(doc["diagnostics"].as_array().map(Vec::len), Some(1));
    let files = doc["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["ok"], false);
    assert_eq!(files[1]["ok"], true);
    assert_eq!(files[1]["scenario"], "strait-standoff");
}

#[test]
fn json_format_of_good_files_is_ok_with_exit_0() {
    let (code, stdout, _) = validate_with(
        &root(),
        &["--format", "json", "scenarios/strait-standoff.toml"],
    );
    assert_eq!(code, Some(0));
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["diagnostics"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_400_kb_expression_is_not_echoed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = std::fs::read_to_string(broken_dir().join("unknown_actor_in_relation.toml"))
        .expect("base file")
        .replace("\"bleu\"", "\"blue\"");
    let huge = "1 + ".repeat(100_000) + "nothing";
    let text = base.replace("cost = 1", &format!("cost = \"{huge}\""));
    assert!(text.len() > 400_000);
    std::fs::write(dir.path().join("huge.toml"), text).expect("write");
    let (code, _, stderr) = validate(dir.path(), "huge.toml");
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("characters long; the limit is 2000"),
        "{stderr}"
    );
    assert!(
        stderr.len() < MAX_REPORT,
        "{} bytes:\n{}",
        stderr.len(),
        &stderr[..2000]
    );
}

#[test]
fn inline_tables_may_span_lines() {
    // The docs say so (TOML 1.1, which the game reads); keep them honest.
    let dir = root().join("tests/scenarios/good");
    let (code, stdout, stderr) = validate_with(&dir, &["multiline_inline_table.toml"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with("ok"), "{stdout}");
}
