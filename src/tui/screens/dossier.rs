//! Dossiers: one per actor. The player's own actor shows its briefing and
//! objectives with their progress; others show what is known of them.
//! Stats come through [`seen_stats`], so estimates (fog of war) can
//! replace the true values in one place.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::perspective::PlayerView;
use crate::scenario::{ActorId, Stat};
use crate::tui::model::Session;
use crate::tui::text::{amount, clean, clean_lines};
use crate::tui::theme::Theme;
use crate::tui::widgets::meters::bar;

/// A stat as the viewer sees it: a value and, once intelligence exists,
/// the spread of the estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seen {
    pub value: f64,
    /// ± uncertainty; `None` when the value is known exactly.
    pub spread: Option<f64>,
}

/// The stats of `actor` as the current player sees them: its own exactly,
/// others' as the engine's estimates.
pub fn seen_stats(view: &PlayerView, actor: ActorId) -> [Seen; 5] {
    let none = Seen {
        value: 0.0,
        spread: None,
    };
    match view.picture.stats.get(actor.index()) {
        Some(row) => row.map(|e| Seen {
            value: e.value,
            spread: (e.spread > 0.05).then_some(e.spread),
        }),
        None => [none; 5],
    }
}

/// The actor list's narrowest width.
const LIST_W: u16 = 22;

/// Splits the dossier screen into the actor list (as wide as the longest
/// name with " (you)" needs, up to a third of the screen, so names are
/// not cut where there is room) and the text.
pub fn areas(s: &Session, area: Rect) -> (Rect, Rect) {
    let longest = s
        .scenario()
        .actors
        .iter()
        .map(|a| clean(&a.name).chars().count() + 10)
        .max()
        .unwrap_or(0);
    let w = (longest as u16).clamp(LIST_W, (area.width / 3).max(LIST_W));
    let [list, text] = area.layout(&Layout::horizontal([
        Constraint::Length(w),
        Constraint::Min(10),
    ]));
    (list, text)
}

/// The first actor row shown, so that the selected one is visible in a
/// list of `rows` rows.
pub fn list_offset(s: &Session, rows: usize) -> usize {
    crate::tui::screens::orders::offset(s.ui().dossier, rows, s.scenario().n())
}

/// The dossier of actor `a` as the current player knows it: stats,
/// relations, sanctions, and for its own actor objectives, endings,
/// tracks and briefing.
pub fn detail_lines(s: &Session, th: Theme, a: ActorId, width: u16) -> Vec<Line<'static>> {
    let scn = s.scenario();
    let st = s.believed();
    let me = s.current;
    let actor = scn.actor(a);
    let mut out = Vec::new();
    let mut head = vec![Span::styled(
        clean(&actor.name),
        th.actor(scn, a).add_modifier(Modifier::BOLD),
    )];
    if a == me {
        head.push(Span::styled("  (you)", th.key()));
    } else if s.is_human(a) {
        head.push(Span::styled("  (another player)", th.dim()));
    } else {
        head.push(Span::styled("  (computer)", th.dim()));
    }
    let mut flags = Vec::new();
    if actor.council {
        flags.push("council member");
    }
    if actor.veto {
        flags.push("veto power");
    }
    if !flags.is_empty() {
        head.push(Span::styled(format!("  · {}", flags.join(", ")), th.dim()));
    }
    out.push(Line::from(head));
    let bar_w = (width as usize).saturating_sub(22).clamp(4, 30);
    let view = s.view();
    for (k, seen) in Stat::ALL.iter().zip(seen_stats(view, a)) {
        let mut spans = vec![Span::raw(format!("{:<10}", k.name()))];
        spans.extend(bar(seen.value, 100.0, bar_w, th.actor(scn, a), th));
        match seen.spread {
            Some(sp) => spans.push(Span::styled(
                format!(
                    " {}",
                    crate::tui::text::estimate(seen.value, sp, 0.0, 100.0)
                ),
                th.dim(),
            )),
            None => spans.push(Span::raw(format!(
                " {:>3}",
                crate::tui::text::whole(seen.value)
            ))),
        }
        out.push(Line::from(spans));
    }
    let threat = view.picture.threat[a.index()];
    out.push(Line::raw(format!(
        "threat perception {}{}",
        if threat.is_exact() {
            format!("{:.0}", threat.value)
        } else {
            crate::tui::text::estimate(threat.value, threat.spread, 0.0, 100.0)
        },
        if a == me {
            format!(
                " · capital {} (+{} a turn, at most {})",
                amount(view.capital),
                amount(actor.capital.income),
                amount(actor.capital.max)
            )
        } else {
            String::new()
        }
    )));
    if a != me {
        out.push(Line::from(vec![
            Span::raw("It regards you "),
            Span::styled(
                format!("{:+.0}", st.relations.get(a, me)),
                th.relation(st.relations.get(a, me)),
            ),
            Span::raw(" · you regard it "),
            Span::styled(
                format!("{:+.0}", st.relations.get(me, a)),
                th.relation(st.relations.get(me, a)),
            ),
            Span::raw(format!(" · tension {:.0}", st.tension.get(a, me))),
        ]));
    }
    let on: Vec<String> = scn
        .actor_ids()
        .filter(|b| st.sanctions.get(a, *b) > 0)
        .map(|b| format!("{} {}", clean(&scn.actor(b).short), st.sanctions.get(a, b)))
        .collect();
    if !on.is_empty() {
        out.push(Line::raw(format!(
            "Sanctions it imposes: {}",
            on.join(", ")
        )));
    }
    out.push(Line::default());
    if a == me {
        out.push(Line::styled(
            "YOUR OBJECTIVES (how far met now; ~ = uncertain)",
            th.heading(),
        ));
        out.extend(super::dashboard::objective_lines(s, th, true));
        out.push(Line::default());
        out.push(Line::styled(
            "HOW THE GAME CAN END EARLY (as you know it now)",
            th.heading(),
        ));
        let env = crate::engine::env::Bound::actor(scn, st, me);
        for i in 0..scn.endings.len() {
            if let Some((name, parts)) = crate::narrate::ending_progress(scn, i, &env, me) {
                let mut spans = vec![Span::raw(format!("{}: ", clean(&name)))];
                for (k, (words, holds)) in parts.into_iter().enumerate() {
                    if k > 0 {
                        spans.push(Span::styled(" · ", th.dim()));
                    }
                    let mark = if holds { "✓ " } else { "" };
                    spans.push(Span::styled(
                        format!("{mark}{}", clean(&words)),
                        if holds { th.key() } else { Style::default() },
                    ));
                }
                out.push(Line::from(spans));
            }
        }
        out.push(Line::default());
        out.push(Line::styled("TRACKS (as you know them)", th.heading()));
        out.extend(super::dashboard::track_lines(s, view, th));
        out.push(Line::default());
        out.push(Line::styled("YOUR BRIEFING", th.heading()));
        for l in clean_lines(&actor.briefing).lines() {
            out.push(Line::raw(l.to_string()));
        }
    } else {
        out.push(Line::styled(
            "Its briefing and objectives are private to whoever plays it.",
            th.dim(),
        ));
    }
    out
}

/// Draws the dossier screen.
pub fn draw(s: &Session, th: Theme, f: &mut Frame, area: Rect) {
    let scn = s.scenario();
    let ui = s.ui();
    let (list, text) = areas(s, area);
    let rows = list.height.saturating_sub(2) as usize;
    let items: Vec<Line> = scn
        .actor_ids()
        .skip(list_offset(s, rows))
        .map(|a| {
            let mut label = clean(&scn.actor(a).name);
            if a == s.current {
                label.push_str(" (you)");
            }
            let style = if a.index() == ui.dossier {
                th.selected()
            } else {
                th.actor(scn, a)
            };
            Line::styled(format!(" {label}"), style)
        })
        .collect();
    f.render_widget(
        Paragraph::new(items).block(Block::bordered().border_style(th.border()).title(
            Span::styled(
                if scn.n() > rows && rows > 0 {
                    let first = list_offset(s, rows);
                    format!(" Actors {}–{}/{} ↑↓ ", first + 1, first + rows, scn.n())
                } else {
                    " Actors ".to_string()
                },
                th.heading(),
            ),
        )),
        list,
    );
    let a = ActorId(ui.dossier.min(scn.n().saturating_sub(1)) as u16);
    let lines = detail_lines(s, th, a, text.width.saturating_sub(2));
    let max = crate::tui::text::max_scroll(
        &lines,
        text.width.saturating_sub(2),
        text.height.saturating_sub(2),
    );
    let title = if a == s.current {
        " Your dossier and briefing "
    } else {
        " Dossier "
    };
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((ui.dossier_scroll.min(max), 0))
            .block(
                Block::bordered()
                    .border_style(th.border())
                    .title(Span::styled(title, th.heading())),
            ),
        text,
    );
}
