//! `flashpoint saves` and `flashpoint replay`.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Value, json};

use crate::save::load::{self, Opened};
use crate::save::replay::{self, Verification};
use crate::save::text;
use crate::sim::render::{self, Format};

/// Options of `flashpoint saves`.
#[derive(Debug, Clone, clap::Args)]
pub struct SavesArgs {
    /// Folder for saves (default: ./saves).
    #[arg(long)]
    pub saves_dir: Option<PathBuf>,
}

/// Options of `flashpoint replay`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReplayArgs {
    /// The save file to replay.
    pub file: PathBuf,
    /// Check turn by turn that replaying the orders gives the saved state.
    #[arg(long)]
    pub verify: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// For an orders file (docs/orders.md): the scenario to play it on,
    /// instead of the file's `scenario` key.
    #[arg(long)]
    pub scenario: Option<String>,
    /// For an orders file: the seed, instead of the file's `seed`.
    #[arg(long)]
    pub seed: Option<u64>,
}

/// Lists saves. A folder that cannot be read is an error (exit 1), not an
/// empty list; a missing folder is an empty list.
pub fn saves(args: &SavesArgs) -> ExitCode {
    let dir = crate::save::saves_dir(args.saves_dir.as_deref());
    match crate::save::try_list(&dir) {
        Ok(list) => {
            out(&saves_text(&dir, &list));
            ExitCode::SUCCESS
        }
        Err(e) => {
            err(&e.to_string());
            ExitCode::FAILURE
        }
    }
}

/// The text of `flashpoint saves`. Every name and text that comes from a
/// file or a file name is [escaped](text::escape): nothing in a save can
/// reach the terminal as a control sequence.
pub fn saves_text(dir: &std::path::Path, list: &[crate::save::SaveInfo]) -> String {
    let mut s = String::new();
    let dir = text::escape(&dir.display().to_string(), false);
    if list.is_empty() {
        let _ = writeln!(s, "No saves in {dir}.");
        return s;
    }
    let _ = writeln!(s, "Saves in {dir} (newest first):");
    let names: Vec<String> = list.iter().map(|i| text::escape(&i.name, false)).collect();
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    for (i, name) in list.iter().zip(&names) {
        let name = format!("{name:<width$}");
        match &i.summary {
            Ok(sum) => {
                let who = if sum.humans.is_empty() {
                    "AI only".to_string()
                } else {
                    format!("played by {}", sum.humans.join(", "))
                };
                let over = if sum.over { ", game over" } else { "" };
                let line = format!(
                    "{} — turn {} ({}{over}) — {who} — saved {} UTC",
                    sum.scenario_title,
                    sum.turn,
                    sum.date,
                    i.modified_label()
                );
                let _ = writeln!(s, "  {name}  {}", text::escape(&line, false));
            }
            Err(e) => {
                let _ = writeln!(
                    s,
                    "  {name}  DOES NOT LOAD (modified {} UTC): {}",
                    i.modified_label(),
                    text::escape(&e.replace('\n', " "), false)
                );
            }
        }
    }
    s
}

/// Prints an error to stderr, escaped (it may quote the file).
fn err(message: &str) {
    eprintln!("error: {}", text::escape(message, true));
}

/// Replays a save, or plays an orders file (which has no saved state to
/// check against: it is played as `simulate --orders` would).
pub fn replay(args: &ReplayArgs) -> ExitCode {
    let small = std::fs::metadata(&args.file).is_ok_and(|m| m.is_file() && m.len() < 1 << 20);
    if small
        && std::fs::read_to_string(&args.file).is_ok_and(|t| super::orders::looks_like_orders(&t))
    {
        if args.verify {
            err(&format!(
                "{} is an orders file, not a save: it holds no state to verify; play it with `flashpoint replay {}` (or `flashpoint simulate SCENARIO --orders {}`)",
                args.file.display(),
                args.file.display(),
                args.file.display()
            ));
            return ExitCode::from(2);
        }
        return super::orders::replay(&args.file, args.scenario.as_deref(), args.seed, args.format);
    }
    let opened = match load::open(&args.file) {
        Ok(o) => o,
        Err(e) => {
            err(&e.to_string());
            return ExitCode::FAILURE;
        }
    };
    let v = replay::verify(&opened);
    if args.verify {
        let ok = v.ok();
        match args.format {
            Format::Text => out(&verify_text(&opened, &v)),
            Format::Json => out(&pretty(&verify_json(&opened, &v))),
        }
        if let Some(bad) = v.first_difference() {
            err(&format!(
                "{}: replaying the orders does not give the saved state; first differing turn: {} ({})",
                opened.path.display(),
                bad.turn,
                bad.detail.as_deref().unwrap_or("")
            ));
        }
        return if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
    }
    if let Some(bad) = v.first_difference() {
        let e = crate::save::SaveError::StateMismatch {
            path: opened.path.clone(),
            turn: bad.turn,
            detail: bad.detail.clone().unwrap_or_default(),
        };
        err(&e.to_string());
        return ExitCode::FAILURE;
    }
    let record = replay::timeline(&opened);
    let text = match args.format {
        Format::Text => {
            let mut s = header_text(&opened);
            s.push_str(&render::game_text(&opened.scenario, &record));
            s
        }
        Format::Json => {
            let mut doc = render::game_json(&opened.scenario, &record);
            doc["save"] = save_json(&opened);
            pretty(&doc)
        }
    };
    out(&text);
    ExitCode::SUCCESS
}

/// Prints to stdout, escaped so that no text from a save acts on the
/// terminal; a closed pipe (`| head`) is not an error.
fn out(s: &str) {
    use std::io::Write;
    let s = text::escape(s, true);
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(s.as_bytes()).and_then(|()| o.flush());
}

/// Pretty JSON, with the characters JSON leaves raw but a terminal obeys
/// (C1 controls, DEL, bidirectional marks) escaped as `\uXXXX`.
fn pretty(v: &Value) -> String {
    text::json_safe(&serde_json::to_string_pretty(v).unwrap_or_default()) + "\n"
}

fn humans_of(o: &Opened) -> Vec<String> {
    o.scenario
        .actors
        .iter()
        .zip(&o.seats)
        .filter(|(_, h)| **h == crate::referee::Seat::Human)
        .map(|(a, _)| a.id.clone())
        .collect()
}

fn header_text(o: &Opened) -> String {
    let humans = humans_of(o);
    let who = if humans.is_empty() {
        "every actor played by the AI".to_string()
    } else {
        format!("played by people: {}", humans.join(", "))
    };
    format!(
        "Save {} — format {}, written {} by Flashpoint {}\n{} ({}), {who}; {} turn(s) played\n\n",
        o.path.display(),
        o.file.format_version,
        o.file.created,
        o.file.flashpoint,
        o.scenario.meta.title,
        o.scenario.meta.id,
        o.file.turn,
    )
}

fn save_json(o: &Opened) -> Value {
    json!({
        "path": o.path.display().to_string(),
        "format_version": o.file.format_version,
        "read_from_format": o.from_version,
        "created": o.file.created.to_string(),
        "flashpoint": o.file.flashpoint,
        "scenario_title": o.scenario.meta.title,
        "scenario_origin": o.scenario.origin,
        "scenario_sha256": o.file.scenario.sha256,
        "humans": humans_of(o),
        "turn": o.file.turn,
    })
}

fn verify_text(o: &Opened, v: &Verification) -> String {
    let mut s = format!(
        "Verifying {}: {} turn(s) of orders\n",
        o.path.display(),
        o.log.len()
    );
    for t in &v.turns {
        if t.ok {
            let _ = writeln!(s, "turn {} ok", t.turn);
        } else {
            let _ = writeln!(
                s,
                "turn {} DIFFERS: {}",
                t.turn,
                t.detail.as_deref().unwrap_or("")
            );
            break;
        }
    }
    if v.ok() {
        let _ = writeln!(s, "all {} turn(s) match the saved state", v.turns.len());
    }
    s
}

fn verify_json(o: &Opened, v: &Verification) -> Value {
    json!({
        "save": save_json(o),
        "ok": v.ok(),
        "first_difference": v.first_difference().map(|t| json!({"turn": t.turn, "detail": t.detail})),
        "turns": v.turns.iter().map(|t| json!({"turn": t.turn, "ok": t.ok, "detail": t.detail})).collect::<Vec<_>>(),
    })
}
