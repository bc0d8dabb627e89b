//! Scripted orders on the command line: `simulate --orders FILE` and
//! `replay FILE` for an orders file (see docs/orders.md). The actors the
//! file names follow it; the AI (or `--policy`) plays the others.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use serde_json::{Value, json};

use crate::ai::Policy;
use crate::engine::Order;
use crate::engine::turn::Keep;
use crate::narrate;
use crate::scenario::script::{self, OrdersFile};
use crate::scenario::{self as scenario_mod, Scenario};
use crate::sim::render::{self, Format};
use crate::sim::{self, script::Cast, script::Refusal};

/// What to play.
pub struct OrdersRun<'a> {
    pub scn: Arc<Scenario>,
    pub path: &'a Path,
    /// `--seed`, which wins over the file's `seed`.
    pub seed: Option<u64>,
    /// Policies of the actors the file does not name.
    pub policies: Vec<Policy>,
    pub turns: Option<u32>,
    pub format: Format,
    pub save: Option<&'a Path>,
}

/// Loads and checks an orders file against `scn`, printing every problem
/// with its line and column.
pub fn load(path: &Path, scn: &Scenario) -> Result<OrdersFile, ExitCode> {
    let again = format!("flashpoint simulate --orders {}", path.display());
    let text = script::read_text(path).map_err(|e| report(&e, &again))?;
    script::load_orders_str(&path.display().to_string(), &text, scn).map_err(|e| report(&e, &again))
}

fn report(e: &scenario_mod::ScenarioError, again: &str) -> ExitCode {
    eprint!("{}", e.render_then(super::stderr_color(), again));
    ExitCode::FAILURE
}

/// Plays the file's orders and prints the game, then the refused orders.
pub fn run(r: &OrdersRun) -> ExitCode {
    let file = match load(r.path, &r.scn) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let seed = r.seed.or(file.seed).unwrap_or(r.scn.meta.seed);
    let cast = Cast::for_orders_file(&r.scn, &file.script, &r.policies);
    let (m, refused) =
        sim::script::play(&r.scn, seed, &file.script, &cast, r.turns, Keep::Everything);
    if let Some(path) = r.save {
        if let Err(e) = crate::save::write_new(path, &m) {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
        eprintln!("saved to {}", path.display());
    }
    let g = sim::record(&m);
    let origin = r.path.display().to_string();
    let out = match r.format {
        Format::Text => {
            let mut s = render::game_text(&r.scn, &g);
            s.push_str(&refused_text(&r.scn, &origin, &refused));
            s
        }
        Format::Json => {
            let mut doc = render::game_json(&r.scn, &g);
            doc["orders_file"] = json!(origin);
            doc["refused"] = Value::Array(
                refused
                    .iter()
                    .map(|x| refusal_json(&r.scn, &origin, x))
                    .collect(),
            );
            serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
        }
    };
    print!("{out}");
    ExitCode::SUCCESS
}

/// An order in words: "US Impose sanctions → DPRK (severity 2)".
pub fn order_words(scn: &Scenario, o: &Order) -> String {
    format!(
        "{} {}",
        scn.actor(o.actor).short,
        crate::narrate::order_words(scn, o)
    )
}

/// The refused scripted orders as text (empty when there are none).
pub fn refused_text(scn: &Scenario, origin: &str, refused: &[Refusal]) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    if refused.is_empty() {
        return s;
    }
    let _ = writeln!(s, "\n== Scripted orders refused: {}", refused.len());
    for x in refused {
        let _ = writeln!(
            s,
            "  turn {} ({origin}:{}) {}: {}",
            x.turn,
            x.line,
            order_words(scn, &x.order),
            narrate::order_error(scn, &x.reason)
        );
    }
    s
}

/// One refused scripted order as JSON.
pub fn refusal_json(scn: &Scenario, origin: &str, x: &Refusal) -> Value {
    json!({
        "turn": x.turn,
        "file": origin,
        "line": x.line,
        "actor": scn.actor(x.order.actor).id,
        "move": scn.mv(x.order.mv).id,
        "target": x.order.target.map(|t| scn.actor(t).id.clone()),
        "level": x.order.level,
        "reason": narrate::order_error(scn, &x.reason),
    })
}

/// Is this text an orders file rather than a save? A save has a
/// `format_version`; an orders file has `[[turn]]` entries or a
/// `scenario` key naming the scenario.
pub fn looks_like_orders(text: &str) -> bool {
    let Ok(t) = text.parse::<toml::Table>() else {
        return false;
    };
    !t.contains_key("format_version")
        && (t.get("turn").is_some_and(toml::Value::is_array)
            || t.get("scenario").is_some_and(toml::Value::is_str))
}

/// `flashpoint replay FILE` for an orders file: finds the scenario
/// (`--scenario`, else the file's `scenario` key, a bundled id or a path
/// relative to the file) and plays it as `simulate --orders` would.
pub fn replay(path: &Path, scenario: Option<&str>, seed: Option<u64>, format: Format) -> ExitCode {
    let again = format!("flashpoint replay {}", path.display());
    let text = match script::read_text(path) {
        Ok(t) => t,
        Err(e) => return report(&e, &again),
    };
    let raw = match script::parse_orders(&path.display().to_string(), &text) {
        Ok(r) => r,
        Err(e) => return report(&e, &again),
    };
    let name: Option<String> = match (scenario, &raw.scenario) {
        (Some(s), _) => Some(s.to_string()),
        (None, Some(s)) => Some(relative_to(path, s.get_ref())),
        (None, None) => None,
    };
    let Some(name) = name else {
        eprintln!(
            "error: {} is an orders file that does not say which scenario it is for; add `scenario = \"<id or path>\"` at its top, or give `--scenario SCENARIO` (or play it with `flashpoint simulate SCENARIO --orders {}`)",
            path.display(),
            path.display()
        );
        return ExitCode::from(2);
    };
    let scn = match scenario_mod::resolve(Some(&name)) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprint!("{}", e.render(super::stderr_color()));
            return ExitCode::FAILURE;
        }
    };
    let n = scn.n();
    run(&OrdersRun {
        scn,
        path,
        seed,
        policies: vec![Policy::Utility; n],
        turns: None,
        format,
        save: None,
    })
}

/// A scenario named in an orders file: a path is relative to the file;
/// a bundled id stays as it is.
fn relative_to(file: &Path, name: &str) -> String {
    if name.ends_with(".toml") || name.contains('/') {
        let base = file.parent().unwrap_or(Path::new(""));
        let p: PathBuf = base.join(name);
        p.display().to_string()
    } else {
        name.to_string()
    }
}
