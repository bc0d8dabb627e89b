//! What plain mode prints: the TUI's own lines (built by its screens from
//! the player's perspective) turned into plain text, with bars dropped and
//! arrows in words, plus the few listings that only make sense typed
//! (numbered moves with the words to type for targets).

use ratatui::text::Line;

use crate::engine::orders;
use crate::tui::draft;
use crate::tui::model::Session;
use crate::tui::screens::{dashboard, dossier, end, report};
use crate::tui::text::{amount, clean, fit};
use crate::tui::theme::Theme;
use crate::tui::widgets::{meters, relations};

/// The TUI's styles are dropped anyway; no colour is asked for.
const TH: Theme = Theme { color: false };

/// Text typed by the player, safe to print back (no control characters,
/// not endless).
pub fn safe(s: &str) -> String {
    fit(&clean(s), 60)
}

/// A screen line as plain text: bars (runs of `█`/`░`) dropped, arrows
/// and marks in words, runs of spaces made one (alignment means nothing
/// to a screen reader), a little indentation kept.
pub fn text(line: &Line) -> String {
    let mut raw = String::new();
    for span in &line.spans {
        let c = span.content.as_ref();
        if !c.is_empty() && c.chars().all(|ch| matches!(ch, '█' | '░' | '▉'..='▏')) {
            continue;
        }
        // A lone `·` is the TUI's "no change" arrow (separators have spaces).
        if c == "·" {
            raw.push_str("steady");
            continue;
        }
        raw.push_str(c);
    }
    words(&raw)
}

/// Symbols in words, spaces collapsed.
pub fn words(raw: &str) -> String {
    let indent = raw.chars().take_while(|c| *c == ' ').count().min(2);
    let mut s = raw
        .replace('▲', "up ")
        .replace('▼', "down ")
        .replace(" → ", " to ")
        .replace('→', " to ")
        .replace('✓', "(holds)")
        .replace('▶', "")
        .replace(['━', '•'], "-");
    if s.trim() == "·" {
        s = "steady".into();
    }
    let body = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if body.is_empty() {
        return String::new();
    }
    format!("{}{body}", " ".repeat(indent))
}

/// Lines as text, blank lines kept single.
pub fn texts(lines: &[Line]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines {
        let t = text(l);
        if t.is_empty() && out.last().is_none_or(String::is_empty) {
            continue;
        }
        out.push(t);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// The date and turn the player is giving orders for.
pub fn turn_line(s: &Session) -> String {
    let scn = s.scenario();
    let next = s.turn() + 1;
    format!(
        "Turn {next} of {} — {} — you are {}.",
        scn.meta.turns,
        scn.date_of(next),
        clean(&scn.actor(s.current).in_sentence)
    )
}

/// The dashboard in lines: regional tension and why, threat perception,
/// the tensest pairs, the news and the orders so far.
pub fn status(s: &Session) -> Vec<String> {
    let scn = s.scenario();
    let v = s.view();
    let level = scn
        .levels
        .get(v.level)
        .map_or(String::new(), |l| clean(&l.name));
    let change = s
        .last_report()
        .map_or(0.0, |r| v.regional - r.regional_before);
    let mut out = vec![
        format!(
            "Regional tension {} of 100, stage {level}, {}.",
            crate::tui::text::tenths(v.regional),
            words(&crate::tui::text::arrow(change))
        ),
        format!("Why: {}", words(&dashboard::why_line(s, 4))),
        String::new(),
        "Threat perception (~ marks an estimate):".into(),
    ];
    out.extend(
        meters::threat_lines(s, TH, 40)
            .iter()
            .map(|l| format!("  {}", text(l))),
    );
    out.push(String::new());
    out.push("Tensest pairs:".into());
    out.extend(
        meters::pair_lines(s, TH, 40, 5)
            .iter()
            .map(|l| format!("  {}", text(l))),
    );
    out.push(String::new());
    out.extend(news(s));
    out.push(String::new());
    out.extend(orders(s));
    out
}

/// The news of the last turn.
pub fn news(s: &Session) -> Vec<String> {
    let mut out = Vec::new();
    match s.last_report() {
        None => {
            out.push("News: the crisis begins.".into());
            out.push(clean(&s.scenario().meta.summary));
        }
        Some(r) => {
            out.push(format!("News of {}:", s.scenario().date_of(r.turn)));
            let heads = dashboard::headlines(s);
            if heads.is_empty() {
                out.push("  A quiet month: no public news.".into());
            }
            out.extend(heads.iter().map(|h| format!("  - {}", words(h))));
        }
    }
    out
}

/// The orders drafted so far, numbered, and the capital left.
pub fn orders(s: &Session) -> Vec<String> {
    let mut out = vec![format!(
        "Your orders — {}:",
        clean(&s.scenario().actor(s.current).short)
    )];
    out.extend(
        dashboard::draft_lines(s, TH)
            .iter()
            .map(|l| format!("  {}", text(l))),
    );
    out
}

/// The moves the player may order, numbered as `order` takes them, each
/// with the target and level it would get now, its cost and chance, and
/// the words to type for other targets.
pub fn moves(s: &Session) -> Vec<String> {
    let scn = s.scenario();
    let st = s.believed();
    let me = s.current;
    let left = st.actor(me).capital - draft::committed(scn, st, s.draft());
    let mut out = vec![format!(
        "Moves of {} ({} capital left). Type `order N [TARGET] [LEVEL]`, or `preview N` first.",
        clean(&scn.actor(me).short),
        amount(left)
    )];
    let mut last = None;
    for (i, mv) in draft::move_list(scn, me).into_iter().enumerate() {
        let m = scn.mv(mv);
        if last != Some(m.category) {
            out.push(m.category.name().to_uppercase());
            last = Some(m.category);
        }
        let choice = s
            .ui()
            .choices
            .get(mv.index())
            .copied()
            .unwrap_or(draft::Choice {
                level: m.level.default,
                target: None,
            });
        let o = draft::order_for(me, mv, choice);
        let cost = orders::cost(scn, st, &o);
        let chance = crate::tui::preview::preview(scn, st, &o).chance;
        let mut line = format!(
            "  {}. {} — cost {}, chance {:.0}%",
            i + 1,
            words(&draft::describe(scn, &o)),
            amount(cost),
            chance * 100.0
        );
        if m.covert {
            line.push_str(", covert");
        }
        if let Err(e) = draft::check(scn, st, s.draft(), &o) {
            line.push_str(&format!(
                " — not possible now: {}",
                clean(&crate::narrate::order_error(scn, &e))
            ));
        }
        out.push(line);
        let ts = draft::targets(scn, me, mv);
        let mut extra = Vec::new();
        if !ts.is_empty() {
            let ids: Vec<String> = ts.iter().map(|t| clean(&scn.actor(*t).id)).collect();
            extra.push(format!("targets {}", ids.join(", ")));
        }
        if m.level.max > m.level.min {
            extra.push(format!(
                "{} {}–{}",
                clean(&m.level.label),
                m.level.min,
                m.level.max
            ));
        }
        if !extra.is_empty() {
            out.push(format!("     {}", extra.join("; ")));
        }
    }
    out
}

/// The last turn's report: its summary and news, and with `full` every
/// order and every change with its causes (the TUI's `f`).
pub fn report(s: &Session, full: bool) -> Vec<String> {
    if s.last_report().is_none() {
        return vec!["No turn has been played yet: give orders, then `end`.".into()];
    }
    let mut lines = texts(&report::lines(s, TH, 100, full));
    if let Some(last) = lines.last_mut()
        && last.starts_with("Press f for every order")
    {
        *last = last.replacen("Press f for", "Type `report full` for", 1);
    }
    lines
}

/// The relations matrix (row regards column) with its sanctions.
pub fn relations(s: &Session) -> Vec<String> {
    let mut out = vec![
        "Relations: how each row regards each column, −100 to +100; $n marks sanctions of level n."
            .into(),
    ];
    // The matrix keeps its columns: it is a table, not prose.
    out.extend(relations::matrix_lines(s, TH).iter().map(|l| {
        l.spans
            .iter()
            .map(|sp| sp.content.as_ref())
            .collect::<String>()
            .trim_end()
            .to_string()
    }));
    out
}

/// An actor's dossier as the player knows it.
pub fn dossier(s: &Session, a: crate::scenario::ActorId) -> Vec<String> {
    texts(&dossier::detail_lines(s, TH, a, 60))
}

/// The player's objectives, the early endings and the tracks (the part of
/// its own dossier that changes from turn to turn).
pub fn objectives(s: &Session) -> Vec<String> {
    let all = dossier(s, s.current);
    let from = all
        .iter()
        .position(|l| l.starts_with("YOUR OBJECTIVES"))
        .unwrap_or(0);
    let to = all
        .iter()
        .position(|l| l.starts_with("YOUR BRIEFING"))
        .unwrap_or(all.len());
    let mut out = all[from..to.max(from)].to_vec();
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// How the game ended and the scores.
pub fn game_over(s: &Session) -> Vec<String> {
    let mut out = vec!["THE GAME IS OVER".to_string()];
    out.extend(texts(&end::verdict_lines(s, TH)));
    out.push(String::new());
    out.push("Scores and objectives:".into());
    out.extend(texts(&end::score_lines(s, TH)));
    out
}

/// The commands, from the same tables the parser reads.
pub fn help() -> Vec<String> {
    let mut out = vec!["Commands (type the number or the word, then Enter):".to_string()];
    for (n, w, what) in super::command::MENU {
        out.push(format!("  {n} {w} — {what}"));
    }
    for (w, what) in super::command::WITH_ARGS {
        out.push(format!("  {w} — {what}"));
    }
    out.push(
        "TARGET is an actor's id or short name (as `moves` lists them); LEVEL a number.".into(),
    );
    out
}
