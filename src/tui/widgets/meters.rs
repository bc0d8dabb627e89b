//! Meter lines: each actor's threat perception and the tensest pairs, each
//! with its change since the last turn.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::engine::ledger::Meter;
use crate::scenario::ActorId;
use crate::tui::model::Session;
use crate::tui::text::{arrow, clean, estimate, fit, whole};
use crate::tui::theme::Theme;

/// A bar of `width` cells for `value` out of `max`.
pub fn bar(value: f64, max: f64, width: usize, style: Style, th: Theme) -> Vec<Span<'static>> {
    let frac = if max > 0.0 {
        (value / max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let full = (frac * width as f64).round() as usize;
    vec![
        Span::styled("█".repeat(full.min(width)), style),
        Span::styled("░".repeat(width.saturating_sub(full)), th.dim()),
    ]
}

/// The change of one actor's threat perception over the last turn, as
/// the current player sees it (its own exactly, others' estimated).
fn threat_change(s: &Session, a: ActorId) -> f64 {
    let h = &s.seen().history;
    match h.len().checked_sub(2).and_then(|i| h.get(i)) {
        Some(prev) => {
            s.view().picture.threat[a.index()].value
                - prev.picture.threat.get(a.index()).map_or(0.0, |e| e.value)
        }
        None => 0.0,
    }
}

/// One line per actor: name, bar, value, change.
pub fn threat_lines(s: &Session, th: Theme, width: u16) -> Vec<Line<'static>> {
    let scn = s.scenario();
    let name_w = 5;
    let bar_w = (width as usize).saturating_sub(name_w + 12).max(4);
    scn.actor_ids()
        .map(|a| {
            let est = s.view().picture.threat[a.index()];
            let v = est.value;
            let d = threat_change(s, a);
            let mut spans = vec![Span::styled(
                format!("{:<5}", fit(&clean(&scn.actor(a).short), name_w - 1)),
                th.actor(scn, a),
            )];
            spans.extend(bar(v, 100.0, bar_w, th.fg(threat_color(v)), th));
            // An estimate's change is mostly noise: no arrow for it.
            if est.is_exact() {
                spans.push(Span::raw(format!(" {:>3} ", whole(v))));
                spans.push(Span::styled(arrow(d), th.tension_delta(d)));
            } else {
                spans.push(Span::styled(
                    format!(" {}", estimate(v, est.spread, 0.0, 100.0)),
                    th.dim(),
                ));
            }
            Line::from(spans)
        })
        .collect()
}

fn threat_color(v: f64) -> ratatui::style::Color {
    use ratatui::style::Color;
    if v >= 70.0 {
        Color::Red
    } else if v >= 50.0 {
        Color::LightRed
    } else if v >= 30.0 {
        Color::Yellow
    } else {
        Color::Green
    }
}

/// The pairs of actors by current tension, highest first: (a, b, tension, change).
pub fn tense_pairs(s: &Session) -> Vec<(ActorId, ActorId, f64, f64)> {
    let scn = s.scenario();
    let st = s.believed();
    let ids: Vec<ActorId> = scn.actor_ids().collect();
    let mut out = Vec::new();
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            let d: f64 = s.last_report().map_or(0.0, |r| {
                r.changes
                    .iter()
                    .filter(|c| c.meter == Meter::Tension { a: *a, b: *b })
                    .map(|c| c.delta)
                    .sum()
            });
            out.push((*a, *b, st.tension.get(*a, *b), d));
        }
    }
    out.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
    out
}

/// The `max` tensest pairs as lines.
pub fn pair_lines(s: &Session, th: Theme, width: u16, max: usize) -> Vec<Line<'static>> {
    let scn = s.scenario();
    let label_w = 11;
    let bar_w = (width as usize).saturating_sub(label_w + 12).max(4);
    tense_pairs(s)
        .into_iter()
        .take(max)
        .map(|(a, b, v, d)| {
            let label = format!(
                "{}–{}",
                clean(&scn.actor(a).short),
                clean(&scn.actor(b).short)
            );
            let mut spans = vec![Span::raw(format!("{:<11}", fit(&label, label_w - 1)))];
            spans.extend(bar(v, 100.0, bar_w, th.fg(threat_color(v)), th));
            spans.push(Span::raw(format!(" {:>3} ", whole(v))));
            spans.push(Span::styled(arrow(d), th.tension_delta(d)));
            Line::from(spans)
        })
        .collect()
}
