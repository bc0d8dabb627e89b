//! The editor schema (`flashpoint schema`, `docs/scenario.schema.json`)
//! and the effect table of the docs: both are made from the loader's types
//! and the table of effect kinds, and these tests keep the committed copies
//! equal to what the code makes, so they can never drift.
//!
//! To refresh both after changing the format:
//! `FLASHPOINT_BLESS=1 cargo test --test schema`, then review the diff.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("FLASHPOINT_BLESS").is_some_and(|v| !v.is_empty())
}

/// What `flashpoint schema` prints.
fn printed_schema() -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .arg("schema")
        .output()
        .expect("the flashpoint binary runs");
    assert!(out.status.success(), "flashpoint schema failed");
    String::from_utf8(out.stdout).expect("the schema is UTF-8")
}

#[test]
fn committed_schema_is_what_flashpoint_schema_prints() {
    let printed = printed_schema();
    let path = root().join("docs/scenario.schema.json");
    if bless() {
        std::fs::write(&path, &printed).expect("write docs/scenario.schema.json");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == printed,
        "docs/scenario.schema.json differs from `flashpoint schema`; run \
         `FLASHPOINT_BLESS=1 cargo test --test schema` and commit the result"
    );
}

#[test]
fn docs_effect_table_is_made_from_the_kinds_table() {
    const START: &str = "<!-- effect-kinds:start";
    const END: &str = "<!-- effect-kinds:end -->";
    let path = root().join("docs/scenario-format.md");
    let doc = std::fs::read_to_string(&path).expect("docs/scenario-format.md");
    let a = doc.find(START).expect("start marker in the docs");
    let body_start = a + doc[a..].find('\n').expect("a line after the marker") + 1;
    let b = doc.find(END).expect("end marker in the docs");
    let table = flashpoint::scenario::effect_kinds::markdown_table();
    if bless() && doc[body_start..b] != table {
        let new = format!("{}{}{}", &doc[..body_start], table, &doc[b..]);
        std::fs::write(&path, new).expect("write the docs");
        return;
    }
    assert!(
        doc[body_start..b] == table,
        "the effect table in docs/scenario-format.md is out of date; run \
         `FLASHPOINT_BLESS=1 cargo test --test schema`"
    );
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&printed_schema()).expect("the schema is JSON");
    jsonschema::draft7::new(&schema).expect("the schema is a valid draft-07 schema")
}

/// The schema's complaints about a TOML file (empty: it conforms).
fn schema_errors(v: &jsonschema::Validator, path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("readable scenario");
    let value: Value = toml::from_str(&text).expect("the file is TOML");
    v.iter_errors(&value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("folder exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_bundled_scenario_conforms_to_the_schema() {
    let v = validator();
    let mut files = toml_files(&root().join("scenarios"));
    files.push(root().join("tests/fixtures/mini.toml"));
    assert!(files.len() >= 3);
    for f in files {
        let errors = schema_errors(&v, &f);
        assert!(
            errors.is_empty(),
            "{} does not conform:\n{}",
            f.display(),
            errors.join("\n")
        );
    }
}

#[test]
fn bundled_scenarios_name_the_schema_on_their_first_line() {
    for f in toml_files(&root().join("scenarios")) {
        let text = std::fs::read_to_string(&f).expect("readable");
        assert_eq!(
            text.lines().next(),
            Some("#:schema ../docs/scenario.schema.json"),
            "{}",
            f.display()
        );
    }
}

#[test]
fn the_docs_examples_conform_to_the_schema() {
    let v = validator();
    let doc = std::fs::read_to_string(root().join("docs/scenario-format.md")).expect("docs");
    let mut checked = 0;
    for block in doc.split("```toml\n").skip(1) {
        let block = block.split("```").next().unwrap_or("");
        if !(block.contains("[scenario]") && block.contains("[[moves]]")) {
            continue;
        }
        let value: Value = toml::from_str(block).expect("a docs example is TOML");
        let errors: Vec<String> = v.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "docs example:\n{block}\n{errors:?}");
        checked += 1;
    }
    assert!(checked >= 2, "found {checked} whole examples in the docs");
}

/// Files the schema must refuse, each with one mistake of shape.
#[test]
fn wrong_files_fail_the_schema() {
    let v = validator();
    let files = toml_files(&root().join("tests/scenarios/schema"));
    assert!(files.len() >= 4, "expected wrong files, found {files:?}");
    for f in files {
        let errors = schema_errors(&v, &f);
        assert!(
            !errors.is_empty(),
            "{} should not conform to the schema",
            f.display()
        );
        // The loader refuses them too: the schema is no stricter than it.
        assert!(
            flashpoint::scenario::load_file(&f).is_err(),
            "{} should not load",
            f.display()
        );
    }
}
