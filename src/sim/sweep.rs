//! The what-if sweep: one or two numbers of a scenario, each set to a
//! range of values, and a batch of AI games played for every value (or
//! every pair of values) — how sensitive the scenario is to each knob.
//!
//! A number is named by its TOML path (`tension.decay`,
//! `moves.embargo.cost`; an entry of a list of tables is named by its
//! `id`, or by its position from 0). The file is edited with `toml_edit`,
//! which keeps every comment and line where it was, so the validator's
//! messages about an edited file point at the lines of the original.
//! Statistics come from [`super::batch::run_batch`]; nothing is counted
//! twice.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use toml_edit::{DocumentMut, Item, Value};

use super::batch::{BatchSettings, BatchStats, run_batch};
use crate::ai::Policy;
use crate::scenario::{self, Scenario, ScenarioError};

/// Most values one `--set` may give.
pub const MAX_VALUES: usize = 50;
/// Most points (values, or pairs of values) one sweep may play.
pub const MAX_POINTS: usize = 200;

/// One tunable and the values it takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Knob {
    /// Its TOML path, as the user wrote it.
    pub path: String,
    /// The values, in order.
    pub values: Vec<f64>,
}

/// Reads `PATH=A..B[:STEP]`, `PATH=A,B,C` or `PATH=A`. Without a STEP the
/// step is 1 when A and B are whole numbers, otherwise a quarter of the
/// range (five values).
pub fn parse_set(spec: &str) -> Result<Knob, String> {
    let usage = "--set takes PATH=A..B[:STEP] (e.g. moves.embargo.cost=1..5 or tension.decay=0.05..0.2:0.05), PATH=A,B,C or PATH=A";
    let Some((path, range)) = spec.split_once('=') else {
        return Err(format!("{usage}; got `{spec}`"));
    };
    let path = path.trim();
    if path.is_empty() || path.split('.').any(str::is_empty) {
        return Err(format!("`{path}` is not a TOML path; {usage}"));
    }
    let num = |s: &str| -> Result<f64, String> {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("`{}` in --set {spec} is not a number; {usage}", s.trim()))
    };
    let values: Vec<f64> = if let Some((a, rest)) = range.split_once("..") {
        let (b, step) = match rest.split_once(':') {
            Some((b, s)) => (b, Some(num(s)?)),
            None => (rest, None),
        };
        let (a, b) = (num(a)?, num(b)?);
        if b < a {
            return Err(format!(
                "--set {spec}: the range runs from {a} down to {b}; write the smaller value first"
            ));
        }
        let whole = a.fract() == 0.0 && b.fract() == 0.0;
        let step = step.unwrap_or(if whole { 1.0 } else { (b - a) / 4.0 });
        if a == b {
            vec![a]
        } else {
            if step <= 0.0 {
                return Err(format!("--set {spec}: the step must be above 0"));
            }
            let n = ((b - a) / step + 1e-9).floor() + 1.0;
            if n > MAX_VALUES as f64 {
                return Err(format!(
                    "--set {spec} gives {n} values; at most {MAX_VALUES} — use a larger step"
                ));
            }
            (0..n as usize)
                .map(|i| ((a + i as f64 * step) * 1e9).round() / 1e9)
                .collect()
        }
    } else {
        range.split(',').map(num).collect::<Result<_, _>>()?
    };
    if values.len() > MAX_VALUES {
        return Err(format!(
            "--set {spec} gives {} values; at most {MAX_VALUES}",
            values.len()
        ));
    }
    Ok(Knob {
        path: path.to_string(),
        values,
    })
}

/// One step of a resolved path: a key of a table or an entry of a list.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// Finds `path` in the document: the steps to its number and the number
/// now written there. Errors name the path and suggest what was meant.
fn resolve(doc: &DocumentMut, path: &str) -> Result<(Vec<Step>, f64), String> {
    let mut item: &Item = doc.as_item();
    let mut steps = Vec::new();
    let mut here = String::new();
    for seg in path.split('.') {
        let at = if here.is_empty() {
            "the top level of the file".to_string()
        } else {
            format!("`{here}`")
        };
        let next = match item {
            Item::ArrayOfTables(_) | Item::Value(Value::Array(_)) => {
                let ids = entry_ids(item);
                let pos = ids
                    .iter()
                    .position(|i| i.as_deref() == Some(seg))
                    .or_else(|| seg.parse::<usize>().ok().filter(|k| *k < ids.len()));
                match pos {
                    Some(k) => {
                        steps.push(Step::Index(k));
                        item.get(k)
                    }
                    None => {
                        let known: Vec<&str> = ids.iter().flatten().map(String::as_str).collect();
                        return Err(unknown(path, seg, &at, "entry", &known, ids.len()));
                    }
                }
            }
            Item::Table(_) | Item::Value(Value::InlineTable(_)) => {
                let keys = table_keys(item);
                match item.get(seg) {
                    Some(i) if !i.is_none() => {
                        steps.push(Step::Key(seg.to_string()));
                        Some(i)
                    }
                    _ => {
                        let known: Vec<&str> = keys.iter().map(String::as_str).collect();
                        return Err(unknown(path, seg, &at, "key", &known, 0));
                    }
                }
            }
            _ => {
                return Err(format!(
                    "`{path}`: `{here}` is a single value, so it has no `{seg}` inside it"
                ));
            }
        };
        item = next.ok_or_else(|| format!("`{path}` is not in the file"))?;
        if !here.is_empty() {
            here.push('.');
        }
        here.push_str(seg);
    }
    match item.as_value() {
        Some(Value::Integer(i)) => Ok((steps, *i.value() as f64)),
        Some(Value::Float(f)) => Ok((steps, *f.value())),
        Some(Value::String(s)) => Err(format!(
            "`{path}` is the text \"{}\", not a number; sweep changes numbers only \
             (an expression such as \"1 + level\" cannot be swept: write a number there first)",
            shorten(s.value())
        )),
        Some(Value::Boolean(_)) => Err(format!(
            "`{path}` is a yes/no value, not a number; sweep changes numbers only"
        )),
        _ => Err(format!(
            "`{path}` is a table or a list, not a number; name one number inside it"
        )),
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 60 {
        s.chars().take(57).collect::<String>() + "…"
    } else {
        s.to_string()
    }
}

/// The message for a path step that is not there.
fn unknown(path: &str, seg: &str, at: &str, what: &str, known: &[&str], entries: usize) -> String {
    let mut m = format!("unknown path `{path}`: {at} has no {what} `{seg}`");
    if let Some(s) = scenario::suggest::did_you_mean(seg, known.iter().copied()) {
        m.push_str(&format!("; did you mean `{s}`?"));
    } else if !known.is_empty() && known.len() <= 30 {
        m.push_str(&format!("; it has: {}", known.join(", ")));
    }
    if what == "entry" {
        m.push_str(&format!(
            " (entries of a list are named by their `id`, or by position 0–{})",
            entries.saturating_sub(1)
        ));
    }
    m
}

fn table_keys(item: &Item) -> Vec<String> {
    match item {
        Item::Table(t) => t.iter().map(|(k, _)| k.to_string()).collect(),
        Item::Value(Value::InlineTable(t)) => t.iter().map(|(k, _)| k.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// The `id` of each entry of a list (None for an entry without one).
fn entry_ids(item: &Item) -> Vec<Option<String>> {
    match item {
        Item::ArrayOfTables(a) => a
            .iter()
            .map(|t| t.get("id").and_then(Item::as_str).map(str::to_string))
            .collect(),
        Item::Value(Value::Array(a)) => a
            .iter()
            .map(|v| {
                v.as_inline_table()
                    .and_then(|t| t.get("id"))
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Writes `x` where `steps` lead, keeping the comment beside it; a whole
/// number stays an integer where one was written.
fn set(doc: &mut DocumentMut, steps: &[Step], x: f64) {
    let mut item: &mut Item = doc.as_item_mut();
    for s in steps {
        let next = match s {
            Step::Key(k) => item.get_mut(k.as_str()),
            Step::Index(i) => item.get_mut(*i),
        };
        let Some(next) = next else { return };
        item = next;
    }
    let Some(v) = item.as_value_mut() else { return };
    let decor = v.decor().clone();
    let mut new = if matches!(v, Value::Integer(_)) && x.fract() == 0.0 && x.abs() < 9e15 {
        Value::from(x as i64)
    } else {
        Value::from(x)
    };
    *new.decor_mut() = decor;
    *v = new;
}

/// A scenario's text, ready to be edited at the given paths.
#[derive(Debug, Clone)]
pub struct Editor {
    doc: DocumentMut,
    steps: Vec<Vec<Step>>,
    /// The value now in the file at each path.
    pub original: Vec<f64>,
}

impl Editor {
    /// Parses `text` and finds every path; the first path that is not a
    /// number of the file is the error.
    pub fn new(text: &str, paths: &[&str]) -> Result<Editor, String> {
        let doc: DocumentMut = text
            .parse()
            .map_err(|e| format!("the scenario is not valid TOML: {e}"))?;
        let mut steps = Vec::new();
        let mut original = Vec::new();
        for p in paths {
            let (s, v) = resolve(&doc, p)?;
            steps.push(s);
            original.push(v);
        }
        Ok(Editor {
            doc,
            steps,
            original,
        })
    }

    /// The text with the paths set to `values` (in the order of the paths).
    pub fn text_with(&self, values: &[f64]) -> String {
        let mut doc = self.doc.clone();
        for (s, v) in self.steps.iter().zip(values) {
            set(&mut doc, s, *v);
        }
        doc.to_string()
    }
}

/// The games of one point of the sweep.
#[derive(Debug, Clone)]
pub struct Point {
    /// The value of each knob.
    pub values: Vec<f64>,
    /// The statistics of its games.
    pub stats: BatchStats,
}

/// Why a sweep stopped.
#[derive(Debug)]
pub enum SweepError {
    /// A path or a value that makes no sense, in words.
    Bad(String),
    /// The validator refused the scenario with these values.
    Refused {
        /// `path = value` of each knob.
        setting: String,
        error: Box<ScenarioError>,
    },
}

/// Every point of the grid of `knobs` (the first knob varies slowest).
pub fn grid(knobs: &[Knob]) -> Vec<Vec<f64>> {
    let mut points: Vec<Vec<f64>> = vec![Vec::new()];
    for k in knobs {
        points = points
            .into_iter()
            .flat_map(|p| {
                k.values.iter().map(move |v| {
                    let mut q = p.clone();
                    q.push(*v);
                    q
                })
            })
            .collect();
    }
    points
}

/// Plays `runs` AI games (seeds from `seed`, as `simulate --runs`) for
/// every point of the grid of `knobs` over the scenario text `text`
/// (`origin` names it in messages). Returns the scenario as first edited
/// (for labels) and the points in grid order. Every point is validated
/// before any game is played.
pub fn sweep(
    origin: &str,
    text: &str,
    knobs: &[Knob],
    runs: u64,
    seed: u64,
    threads: usize,
    stop: &AtomicBool,
) -> Result<(Arc<Scenario>, Vec<Point>), SweepError> {
    if knobs.is_empty() || knobs.len() > 2 {
        return Err(SweepError::Bad(
            "sweep takes one or two --set PATH=A..B".into(),
        ));
    }
    for (i, k) in knobs.iter().enumerate() {
        if knobs[..i].iter().any(|o| o.path == k.path) {
            return Err(SweepError::Bad(format!(
                "`{}` is given twice; give each path once",
                k.path
            )));
        }
    }
    let paths: Vec<&str> = knobs.iter().map(|k| k.path.as_str()).collect();
    let editor = Editor::new(text, &paths).map_err(SweepError::Bad)?;
    let points = grid(knobs);
    if points.len() > MAX_POINTS {
        return Err(SweepError::Bad(format!(
            "{} points to play; at most {MAX_POINTS} — use fewer values",
            points.len()
        )));
    }
    let mut scenarios = Vec::new();
    for p in &points {
        let t = editor.text_with(p);
        match scenario::load_str(origin, &t) {
            Ok(s) => scenarios.push(Arc::new(s)),
            Err(e) => {
                let setting: Vec<String> = paths
                    .iter()
                    .zip(p)
                    .map(|(k, v)| format!("{k} = {v}"))
                    .collect();
                return Err(SweepError::Refused {
                    setting: setting.join(", "),
                    error: Box::new(e),
                });
            }
        }
    }
    let mut out = Vec::new();
    for (p, scn) in points.into_iter().zip(&scenarios) {
        let settings = BatchSettings::new(scn, seed, runs, None, vec![Policy::Utility; scn.n()]);
        let stats =
            run_batch(scn, &settings, 0..runs, threads, stop, &|| {}).map_err(SweepError::Bad)?;
        out.push(Point { values: p, stats });
    }
    let first = scenarios
        .into_iter()
        .next()
        .ok_or_else(|| SweepError::Bad("no values to play".into()))?;
    Ok((first, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_steps_and_lists() {
        assert_eq!(parse_set("a.b=1..3").unwrap().values, vec![1.0, 2.0, 3.0]);
        assert_eq!(
            parse_set("a=0.1..0.3:0.1").unwrap().values,
            vec![0.1, 0.2, 0.3]
        );
        assert_eq!(
            parse_set("a=0..1").unwrap().values,
            vec![0.0, 1.0],
            "whole ends step by 1"
        );
        assert_eq!(
            parse_set("a=0..0.5").unwrap().values,
            vec![0.0, 0.125, 0.25, 0.375, 0.5]
        );
        assert_eq!(parse_set("a=2,5,7").unwrap().values, vec![2.0, 5.0, 7.0]);
        assert_eq!(parse_set("a=-2..-1").unwrap().values, vec![-2.0, -1.0]);
        for bad in [
            "a",
            "=1..2",
            "a=x..2",
            "a=3..1",
            "a=1..2:0",
            "a..b=1",
            "a=1..1000:1",
        ] {
            assert!(parse_set(bad).is_err(), "{bad}");
        }
    }

    const TEXT: &str = r#"#:schema x
[scenario]
id = "t"   # the id
turns = 12 # how long

[tension]
decay = 0.12
ceiling = { sanction = 55 }

[[moves]]
id = "embargo"
cost = "1 + level"
chance = 1

[[moves]]
id = "talk"
cost = 2 # cheap
"#;

    #[test]
    fn paths_resolve_by_key_id_and_position() {
        let e = Editor::new(
            TEXT,
            &[
                "scenario.turns",
                "moves.talk.cost",
                "moves.0.chance",
                "tension.ceiling.sanction",
            ],
        )
        .unwrap();
        assert_eq!(e.original, vec![12.0, 2.0, 1.0, 55.0]);
        let t = e.text_with(&[20.0, 3.5, 0.5, 40.0]);
        assert!(t.contains("turns = 20 # how long"), "{t}");
        assert!(t.contains("cost = 3.5 # cheap"), "{t}");
        assert!(t.contains("chance = 0.5\n"), "{t}");
        assert!(t.contains("sanction = 40 }"), "{t}");
        assert!(t.starts_with("#:schema x\n"), "{t}");
        assert_eq!(t.lines().count(), TEXT.lines().count());
    }

    #[test]
    fn bad_paths_are_named_with_a_suggestion() {
        let err = |p: &str| Editor::new(TEXT, &[p]).unwrap_err();
        let e = err("moves.talk.cots");
        assert!(
            e.contains("`moves.talk.cots`") && e.contains("did you mean `cost`"),
            "{e}"
        );
        let e = err("moves.tlak.cost");
        assert!(e.contains("did you mean `talk`"), "{e}");
        let e = err("tension.decya");
        assert!(e.contains("did you mean `decay`"), "{e}");
        let e = err("moves.embargo.cost");
        assert!(e.contains("not a number"), "{e}");
        let e = err("moves.talk");
        assert!(e.contains("not a number"), "{e}");
        let e = err("scenario.turns.x");
        assert!(e.contains("single value"), "{e}");
        assert!(err("nothing.here").contains("unknown path `nothing.here`"));
    }

    #[test]
    fn grid_is_every_pair() {
        let a = Knob {
            path: "a".into(),
            values: vec![1.0, 2.0],
        };
        let b = Knob {
            path: "b".into(),
            values: vec![5.0, 6.0, 7.0],
        };
        let g = grid(&[a, b]);
        assert_eq!(g.len(), 6);
        assert_eq!(g[0], vec![1.0, 5.0]);
        assert_eq!(g[5], vec![2.0, 7.0]);
    }
}
