//! `flashpoint test FILE...`: runs the `[[tests]]` of scenario files. One
//! line per test; for each failure, the file:line:col of the expectation,
//! its condition, and what each side of each comparison was worth. Exit 1
//! on any failure (or a file that does not load), 0 otherwise.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use serde_json::{Value, json};

use crate::scenario::script::{self, Script, When};
use crate::scenario::{self as scenario_mod, Scenario};
use crate::sim::expect::{self, Failure, TestResult};
use crate::sim::render::Format;

/// Options of `flashpoint test`.
#[derive(Debug, Clone, clap::Args)]
pub struct TestArgs {
    /// Scenario files (or bundled scenario ids) whose tests to run.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// Run only the tests whose name contains this text.
    #[arg(long)]
    pub filter: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// What happened to one file.
enum FileRun {
    /// It did not load, or one of its orders files did not: the message.
    Broken(String),
    Ran(Arc<Scenario>, Vec<TestResult>),
}

/// Runs the command.
pub fn run(args: &TestArgs) -> ExitCode {
    let color = super::stderr_color();
    let runs: Vec<(String, FileRun)> = args
        .files
        .iter()
        .map(|f| (f.clone(), run_file(f, args.filter.as_deref(), color)))
        .collect();
    let (mut passed, mut failed) = (0, 0);
    for (_, r) in &runs {
        match r {
            FileRun::Broken(_) => failed += 1,
            FileRun::Ran(_, results) => {
                for t in results {
                    if t.passed() {
                        passed += 1;
                    } else {
                        failed += 1;
                    }
                }
            }
        }
    }
    match args.format {
        Format::Text => {
            let mut s = String::new();
            for (name, r) in &runs {
                match r {
                    FileRun::Broken(msg) => eprint!("{msg}"),
                    FileRun::Ran(scn, results) => s.push_str(&file_text(name, scn, results)),
                }
            }
            let _ = writeln!(s, "\n{passed} passed, {failed} failed");
            print!("{s}");
        }
        Format::Json => {
            let files: Vec<Value> = runs
                .iter()
                .map(|(name, r)| match r {
                    FileRun::Broken(msg) => json!({"file": name, "error": msg}),
                    FileRun::Ran(scn, results) => json!({
                        "file": scn.origin,
                        "tests": results.iter().map(|t| test_json(scn, t)).collect::<Vec<_>>(),
                    }),
                })
                .collect();
            let doc = json!({"files": files, "passed": passed, "failed": failed});
            print!(
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
            );
        }
    }
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn run_file(name: &str, filter: Option<&str>, color: bool) -> FileRun {
    let scn = match scenario_mod::resolve(Some(name)) {
        Ok(s) => Arc::new(s),
        Err(e) => return FileRun::Broken(e.render(color)),
    };
    let mut results = Vec::new();
    for t in &scn.tests {
        if filter.is_some_and(|f| !t.name.contains(f)) {
            continue;
        }
        let file = match &t.orders_file {
            None => None,
            Some(rel) => match orders_file(&scn, rel) {
                Ok(s) => Some(s),
                Err(msg) => return FileRun::Broken(msg),
            },
        };
        results.push(expect::run(&scn, t, file.as_ref()));
    }
    FileRun::Ran(scn, results)
}

/// Loads a test's `orders_file`, relative to the scenario's file.
fn orders_file(scn: &Scenario, rel: &str) -> Result<Script, String> {
    if scn.origin.starts_with("bundled:") {
        return Err(format!(
            "error: {}: a test names the orders file `{rel}`, which cannot be found next to a bundled scenario; run the tests of the scenario's file instead (flashpoint test scenarios/<file>.toml)\n",
            scn.origin
        ));
    }
    let base = Path::new(&scn.origin).parent().unwrap_or(Path::new(""));
    let path = base.join(rel);
    let again = format!("flashpoint test {}", scn.origin);
    let color = super::stderr_color();
    let text = script::read_text(&path).map_err(|e| e.render_then(color, &again))?;
    script::load_orders_str(&path.display().to_string(), &text, scn)
        .map(|f| f.script)
        .map_err(|e| e.render_then(color, &again))
}

/// A number as a person reads it: at most two decimals, no trailing zeros.
fn num(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

fn when_text(w: When) -> String {
    match w {
        When::At(n) => format!("after turn {n}"),
        When::By(n) => format!("by turn {n}"),
        When::End => "at the end".into(),
    }
}

fn game_text(t: &TestResult) -> String {
    match &t.outcome {
        Some(o) => format!("ended `{o}` after turn {}", t.turns_played),
        None => format!("stopped after turn {} (not over)", t.turns_played),
    }
}

fn file_text(name: &str, scn: &Scenario, results: &[TestResult]) -> String {
    let mut s = String::new();
    if results.is_empty() {
        let _ = writeln!(s, "{name}: no tests");
        return s;
    }
    let _ = writeln!(s, "{}", scn.origin);
    for t in results {
        let mark = if t.passed() { "ok  " } else { "FAIL" };
        let _ = writeln!(s, "  {mark}  {} (line {}, seed {})", t.name, t.line, t.seed);
        if t.passed() {
            continue;
        }
        for f in &t.failures {
            s.push_str(&failure_text(&scn.origin, f));
        }
        let _ = writeln!(s, "        the game {}", game_text(t));
        if !t.refusals.is_empty() {
            let refused = super::orders::refused_text(scn, &scn.origin, &t.refusals);
            for line in refused.lines().filter(|l| !l.is_empty()) {
                let _ = writeln!(s, "      {line}");
            }
        }
    }
    s
}

fn failure_text(origin: &str, f: &Failure) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "        {origin}:{}:{}: expected {}: {}",
        f.line,
        f.column,
        when_text(f.when),
        f.text
    );
    if let Some(n) = &f.note {
        let _ = writeln!(s, "          but {n}");
    }
    let _ = writeln!(s, "          values after turn {}:", f.judged_after);
    for p in &f.parts {
        let _ = writeln!(s, "            {} = {}", p.text, num(p.value));
    }
    s
}

fn test_json(scn: &Scenario, t: &TestResult) -> Value {
    json!({
        "name": t.name,
        "line": t.line,
        "seed": t.seed,
        "passed": t.passed(),
        "turns_played": t.turns_played,
        "outcome": t.outcome,
        "failures": t.failures.iter().map(|f| json!({
            "line": f.line,
            "column": f.column,
            "that": f.text,
            "when": when_text(f.when),
            "judged_after": f.judged_after,
            "note": f.note,
            "parts": f.parts.iter().map(|p| json!({"text": p.text, "value": p.value})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "refused": t.refusals.iter().map(|x| super::orders::refusal_json(scn, &scn.origin, x)).collect::<Vec<_>>(),
    })
}
