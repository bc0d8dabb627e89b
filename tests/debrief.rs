//! `flashpoint debrief`: the files written for a finished save of every
//! bundled scenario (HTML that parses, with a chart per section, every
//! discussion question and briefing; CSVs with their documented row
//! counts), the compare mode on three sections, and the refusals. Saves
//! are made here, by playing computer-only games, so they follow the
//! rules of the day.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use assert_cmd::Command;
use flashpoint::ai::Policy;
use flashpoint::debrief::{html, markdown};
use flashpoint::engine::turn::Keep;
use flashpoint::referee::{Match, Seat};
use flashpoint::scenario::{self, Scenario, Scope};

fn bundled_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"))
        .expect("scenarios folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no bundled scenarios");
    v
}

fn load(path: &Path) -> Scenario {
    scenario::load_file(path).expect("valid scenario")
}

/// A finished computer-only game of `scn`, saved as `dir/name.toml`.
fn finished_save(scn: &Scenario, seed: u64, dir: &Path, name: &str) -> (PathBuf, Match) {
    let seats = vec![Seat::Ai(Policy::Utility); scn.n()];
    let mut g = Match::new(Arc::new(scn.clone()), seed, seats, Keep::Everything);
    while !g.is_over() {
        g.play_turn();
    }
    let path = dir.join(format!("{name}.toml"));
    flashpoint::save::write_new(&path, &g).expect("save");
    (path, g)
}

fn debrief_cmd() -> Command {
    Command::cargo_bin("flashpoint").expect("binary")
}

/// Parses HTML with a standards tokenizer: no error tokens, every opened
/// element (but void ones) closed in order. Returns the start tags in
/// order with the text and the `id` of the section each is in.
fn parse_html(text: &str) -> (Vec<(String, Option<String>)>, String) {
    use html5gum::{Token, Tokenizer};
    const VOID: [&str; 6] = ["meta", "br", "link", "img", "hr", "input"];
    let mut stack: Vec<String> = Vec::new();
    let mut starts = Vec::new();
    let mut section: Option<String> = None;
    let mut plain = String::new();
    for t in Tokenizer::new(text).flatten() {
        match t {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_string();
                if name == "section" {
                    section = tag
                        .attributes
                        .iter()
                        .find(|(k, _)| k.as_slice() == b"id")
                        .map(|(_, v)| String::from_utf8_lossy(&v.value).to_string());
                }
                starts.push((name.clone(), section.clone()));
                if !VOID.contains(&name.as_str()) && !tag.self_closing {
                    stack.push(name);
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_string();
                let open = stack.pop();
                assert_eq!(open.as_deref(), Some(name.as_str()), "mis-nested </{name}>");
                if name == "section" {
                    section = None;
                }
            }
            Token::String(s) => plain.push_str(&String::from_utf8_lossy(&s.value)),
            Token::Error(e) => panic!("HTML error: {e:?}"),
            Token::Comment(_) | Token::Doctype(_) => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    (starts, plain)
}

fn csv_rows(path: &Path, header: &[&str]) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_path(path).expect("csv opens");
    let h = r.headers().expect("header row").clone();
    assert_eq!(h.iter().collect::<Vec<_>>(), header, "{}", path.display());
    r.records()
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_finished_save_of_every_bundled_scenario_is_debriefed() {
    let dir = tempfile::tempdir().expect("temp dir");
    for file in bundled_files() {
        let scn = load(&file);
        let id = scn.meta.id.clone();
        let (save, game) = finished_save(&scn, 3, dir.path(), &id);
        let out = dir.path().join(format!("out-{id}"));
        debrief_cmd()
            .args(["debrief"])
            .arg(&save)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        for f in [
            "debrief.md",
            "debrief.html",
            "meters.csv",
            "orders.csv",
            "objectives.csv",
            "estimates.csv",
        ] {
            assert!(out.join(f).is_file(), "{id}: {f} not written");
        }

        // The HTML parses, has a chart in every chart section, and holds
        // every discussion question and every actor's briefing.
        let page = std::fs::read_to_string(out.join("debrief.html")).expect("html");
        let (starts, plain) = parse_html(&page);
        let svgs_in = |sec: &str| {
            starts
                .iter()
                .filter(|(t, s)| t == "svg" && s.as_deref() == Some(sec))
                .count()
        };
        assert_eq!(svgs_in("tension"), 1, "{id}: regional tension chart");
        assert_eq!(svgs_in("pairs"), 1, "{id}: tensest pairs chart");
        assert_eq!(svgs_in("actors"), 1, "{id}: scores chart");
        let secret_values: usize = scn
            .tracks
            .iter()
            .filter(|t| t.secret)
            .map(|t| {
                if t.scope == Scope::PerActor {
                    scn.n()
                } else {
                    1
                }
            })
            .sum();
        assert_eq!(
            svgs_in("secrets"),
            secret_values,
            "{id}: one chart per secret"
        );
        assert!(!page.contains("<script"), "{id}: no scripts");
        // Nothing is fetched: the only URL is the SVG namespace.
        assert_eq!(
            page.matches("http").count(),
            page.matches("http://www.w3.org/").count(),
            "{id}: no links out"
        );
        assert!(page.contains("@media print"), "{id}: print styles");
        let plain = words(&plain);
        assert!(!scn.meta.discussion.is_empty() || id != "korea-arms-deal");
        for q in &scn.meta.discussion {
            assert!(plain.contains(&words(q)), "{id}: question missing: {q}");
        }
        for a in &scn.actors {
            for p in a.briefing.split("\n\n").filter(|p| !p.trim().is_empty()) {
                assert!(
                    plain.contains(&words(p)),
                    "{id}: briefing of {} missing: {p}",
                    a.id
                );
            }
        }
        let md = std::fs::read_to_string(out.join("debrief.md")).expect("md");
        for q in &scn.meta.discussion {
            assert!(md.contains(&markdown::cell(q)), "{id}: md question {q}");
        }
        assert!(html::escape("a<b") == "a&lt;b");

        // CSVs: one header row, and the documented number of rows.
        let turns = game.turn() as usize;
        let n = scn.n();
        let track_values: usize = scn
            .tracks
            .iter()
            .map(|t| if t.scope == Scope::PerActor { n } else { 1 })
            .sum();
        let meters = csv_rows(
            &out.join("meters.csv"),
            &["turn", "date", "meter", "actor", "other", "value"],
        );
        assert_eq!(
            meters.len(),
            (turns + 1) * (2 + 7 * n + track_values + 3 * n * (n - 1)),
            "{id}: meters.csv rows"
        );
        let orders = csv_rows(
            &out.join("orders.csv"),
            &[
                "turn",
                "date",
                "actor",
                "move",
                "target",
                "level",
                "outcome",
                "chance",
                "cost",
                "covert",
                "revealed_turn",
                "revealed_to",
                "played_by",
                "reason",
            ],
        );
        let given: usize = game.truth().turns.iter().map(|t| t.orders.list.len()).sum();
        assert_eq!(orders.len(), given, "{id}: orders.csv rows");
        assert!(
            orders.iter().all(|r| !r[13].is_empty()),
            "{id}: every computer order has its reason"
        );
        let objectives = csv_rows(
            &out.join("objectives.csv"),
            &[
                "actor",
                "actor_name",
                "played_by",
                "objective",
                "text",
                "weight",
                "judged",
                "progress",
                "met",
                "score",
            ],
        );
        let expected: usize = scn.actors.iter().map(|a| a.objectives.len()).sum();
        assert_eq!(objectives.len(), expected, "{id}: objectives.csv rows");
        let estimates = csv_rows(
            &out.join("estimates.csv"),
            &[
                "turn", "observer", "value", "actor", "truth", "estimate", "spread", "error",
            ],
        );
        let log = game.truth().log;
        let estimated: usize = log
            .pictures
            .iter()
            .flatten()
            .map(|p| {
                p.stats
                    .iter()
                    .flatten()
                    .chain(&p.threat)
                    .chain(p.tracks.iter().flatten())
                    .filter(|e| e.spread > 0.0)
                    .count()
            })
            .sum();
        assert!(estimated > 0, "{id}: the game has estimates");
        assert_eq!(estimates.len(), estimated, "{id}: estimates.csv rows");
        for r in &estimates {
            let truth: f64 = r[4].parse().expect("number");
            let est: f64 = r[5].parse().expect("number");
            let err: f64 = r[7].parse().expect("number");
            assert!(((est - truth).abs() - err).abs() < 1e-3, "{id}: {r:?}");
        }
    }
}

#[test]
fn csv_fields_are_quoted_as_rfc_4180_says() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scn = load(&bundled_files()[0]);
    let (save, _) = finished_save(&scn, 5, dir.path(), "q");
    let out = dir.path().join("out");
    debrief_cmd()
        .arg("debrief")
        .arg(&save)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let raw = std::fs::read_to_string(out.join("orders.csv")).expect("csv");
    assert!(raw.contains("\r\n"), "CRLF line ends");
    // Reasons quote objectives ("…") and hold commas: such fields are
    // enclosed in quotes with inner quotes doubled.
    if let Some(line) = raw.lines().find(|l| l.contains("\"\"")) {
        assert!(line.contains(",\""), "{line}");
    }
}

#[test]
fn three_sections_of_the_default_scenario_are_compared() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scn = scenario::load_bundled("korea-arms-deal")
        .expect("bundled")
        .expect("valid");
    let saves: Vec<PathBuf> = [(1, "period-1"), (2, "period-2"), (3, "period-3")]
        .iter()
        .map(|(seed, name)| finished_save(&scn, *seed, dir.path(), name).0)
        .collect();
    let out = dir.path().join("compare");
    debrief_cmd()
        .arg("debrief")
        .args(&saves)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let page = std::fs::read_to_string(out.join("compare.html")).expect("html");
    let (starts, plain) = parse_html(&page);
    assert_eq!(
        starts
            .iter()
            .filter(|(t, s)| t == "svg" && s.as_deref() == Some("tension"))
            .count(),
        1,
        "tension curves overlaid in one chart"
    );
    for name in ["period-1", "period-2", "period-3"] {
        assert!(plain.contains(name), "{name} missing");
    }
    // Three seeds give three different games: the first divergence is named.
    assert!(
        plain.contains("The orders first differed in turn"),
        "{plain}"
    );
    let md = std::fs::read_to_string(out.join("compare.md")).expect("md");
    assert!(md.contains("## Outcomes side by side"));
    assert!(md.contains("## Objectives met per section"));
    for a in &scn.actors {
        for o in &a.objectives {
            assert!(
                md.contains(&markdown::cell(&o.text)),
                "objective {}",
                o.text
            );
        }
    }
    // The overlaid chart has one line per section (plus its legend).
    let svg_paths = page.matches("<polyline").count();
    assert!(svg_paths >= 3, "{svg_paths} lines");
}

#[test]
fn saves_of_different_scenarios_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = bundled_files();
    assert!(files.len() >= 2, "two bundled scenarios to mix");
    let a = finished_save(&load(&files[0]), 1, dir.path(), "a").0;
    let b = finished_save(&load(&files[1]), 1, dir.path(), "b").0;
    let out = dir.path().join("mixed");
    let assert = debrief_cmd()
        .arg("debrief")
        .arg(&a)
        .arg(&b)
        .arg("--out")
        .arg(&out)
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        err.contains("only saves of one scenario can be compared"),
        "{err}"
    );
    assert!(err.contains("a.toml") && err.contains("b.toml"), "{err}");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn an_unfinished_or_missing_save_is_refused_with_its_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scn = load(&bundled_files()[0]);
    let mut g = Match::new(
        Arc::new(scn.clone()),
        1,
        vec![Seat::Ai(Policy::Utility); scn.n()],
        Keep::Everything,
    );
    g.play_turn();
    let path = dir.path().join("half.toml");
    flashpoint::save::write_new(&path, &g).expect("save");
    let out = dir.path().join("out");
    let assert = debrief_cmd()
        .arg("debrief")
        .arg(&path)
        .arg("--out")
        .arg(&out)
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        err.contains("half.toml") && err.contains("not finished"),
        "{err}"
    );
    assert!(!out.exists());
    let assert = debrief_cmd()
        .arg("debrief")
        .arg(dir.path().join("nope.toml"))
        .arg("--out")
        .arg(&out)
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(err.contains("nope.toml"), "{err}");
    // A file where the folder should be.
    let (save, _) = finished_save(&scn, 2, dir.path(), "done");
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "x").expect("write");
    let assert = debrief_cmd()
        .arg("debrief")
        .arg(&save)
        .arg("--out")
        .arg(&blocker)
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        err.contains("blocker") && err.contains("not a folder"),
        "{err}"
    );
}

/// A game of the test scenario in which Red (a person) negotiates with
/// Green until the deal allows it, then builds a covert plant in Green.
fn game_with_a_covert_plant(seed: u64) -> Option<Match> {
    let scn = scenario::load_file(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/mini.toml"
    )))
    .expect("fixture");
    let red = scn.actor_by_id("red").expect("red");
    let green = scn.actor_by_id("green").expect("green");
    let negotiate = scn.move_by_id("negotiate").expect("move");
    let plant = scn.move_by_id("plant").expect("move");
    let deal = scn
        .tracks
        .iter()
        .position(|t| t.id == "deal")
        .expect("track");
    let mut seats = vec![Seat::Ai(Policy::Utility); scn.n()];
    seats[red.index()] = Seat::Human;
    let mut g = Match::new(Arc::new(scn), seed, seats, Keep::Everything);
    let mut built = false;
    while !g.is_over() {
        let order = |mv| flashpoint::engine::Order {
            actor: red,
            mv,
            target: Some(green),
            level: 1,
        };
        let orders = if built {
            vec![]
        } else if g.truth().state.tracks[deal][0] >= 60.0 {
            built = true;
            vec![order(plant)]
        } else {
            vec![order(negotiate)]
        };
        g.submit(red, orders).expect("legal orders");
        g.play_turn();
    }
    built.then_some(g)
}

#[test]
fn a_covert_plant_nobody_found_is_reported_as_never_discovered() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The first seed whose plant stayed hidden from every outsider.
    let (seed, game) = (1..40)
        .filter_map(|s| game_with_a_covert_plant(s).map(|g| (s, g)))
        .find(|(_, g)| {
            let log = g.truth().log;
            !log.covert.is_empty()
                && log
                    .covert
                    .iter()
                    .all(|a| a.found.is_empty() && a.published.is_none())
        })
        .expect("a seed where the plant is never found");
    let path = dir.path().join("hidden.toml");
    flashpoint::save::write_new(&path, &game).expect("save");
    let out = dir.path().join("out");
    debrief_cmd()
        .arg("debrief")
        .arg(&path)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(out.join("debrief.md")).expect("md");
    let covert = md
        .split("## Covert acts")
        .nth(1)
        .and_then(|s| s.split("## Orders").next())
        .expect("a covert section");
    let row = covert
        .lines()
        .find(|l| l.contains("Plant in Green"))
        .unwrap_or_else(|| panic!("seed {seed}: the plant is not listed:\n{covert}"));
    assert!(
        row.contains("never — no one outside the parties found out"),
        "seed {seed}: {row}"
    );
    let page = std::fs::read_to_string(out.join("debrief.html")).expect("html");
    assert!(
        page.contains("class=\"hidden-act\"><td>Plant in Green"),
        "seed {seed}"
    );
}
