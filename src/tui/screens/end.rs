//! The end screen: how the game ended, each actor's score and objectives,
//! and the path of regional tension through the game.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Sparkline, Wrap};

use crate::engine::{Event, Outcome, score};
use crate::tui::model::{Model, Session};
use crate::tui::text::{clean, whole};
use crate::tui::theme::Theme;
use crate::tui::widgets::meters::bar;

/// How the game ended: the game-over headline, then what it means.
pub fn verdict_lines(s: &Session, th: Theme) -> Vec<Line<'static>> {
    let scn = s.scenario();
    let Some(debrief) = s.debrief() else {
        return vec![Line::raw("The game is not over yet.")];
    };
    let st = &debrief.state;
    let headline = debrief
        .turns
        .last()
        .and_then(|r| {
            r.events.iter().find_map(|e| match e {
                Event::GameOver { .. } => Some(clean(&crate::narrate::headline(scn, r.turn, e))),
                _ => None,
            })
        })
        .unwrap_or_default();
    let how = match &st.outcome {
        Some(Outcome::Clash) => {
            "An armed clash: regional tension reached the brink of war. Everyone loses.".to_string()
        }
        Some(Outcome::TurnLimit) => format!("The turn limit was reached after {} turns.", st.turn),
        Some(Outcome::Ending { index }) => scn
            .endings
            .get(*index)
            .map_or_else(String::new, |e| clean(&e.text)),
        None => "The game is not over yet.".to_string(),
    };
    let style = if st.outcome == Some(Outcome::Clash) {
        th.bad()
    } else {
        th.heading()
    };
    vec![
        Line::styled(headline, style.add_modifier(Modifier::BOLD)),
        Line::raw(how),
    ]
}

/// Each actor's score with its objectives, met or not (once the game is
/// over; empty before).
pub fn score_lines(s: &Session, th: Theme) -> Vec<Line<'static>> {
    let scn = s.scenario();
    let Some(debrief) = s.debrief() else {
        return Vec::new();
    };
    let st = &debrief.state;
    let mut lines = Vec::new();
    let bar_w = 20;
    for sc in score(scn, st) {
        let a = sc.actor;
        let actor = scn.actor(a);
        let human = s.is_human(a);
        let met = sc.objectives.iter().filter(|p| **p >= 0.999).count();
        let mut spans = vec![Span::styled(
            format!("{:<16}", crate::tui::text::fit(&clean(&actor.name), 15)),
            th.actor(scn, a).add_modifier(Modifier::BOLD),
        )];
        spans.push(Span::styled(
            if human { "player   " } else { "computer " },
            th.dim(),
        ));
        spans.extend(bar(sc.score, 100.0, bar_w, th.actor(scn, a), th));
        spans.push(Span::raw(format!(
            " {:>3.0}/100  {met} of {} objectives met",
            sc.score,
            sc.objectives.len()
        )));
        lines.push(Line::from(spans));
        for (o, p) in actor.objectives.iter().zip(&sc.objectives) {
            lines.push(Line::from(vec![
                Span::raw("  "),
                super::dashboard::objective_mark(*p, true, false, th),
                Span::styled(clean(&o.text), th.dim()),
            ]));
        }
    }
    lines
}

/// Draws the end screen.
pub fn draw(m: &Model, f: &mut Frame, area: Rect) {
    let th = m.theme;
    let (body, status, _) = super::chrome::split_simple(area);
    let Some(s) = &m.session else {
        return;
    };
    let scn = s.scenario();
    let Some(debrief) = s.debrief() else {
        return;
    };
    let st = &debrief.state;
    let [top, scores, spark] = body.layout(&Layout::vertical([
        Constraint::Length(4),
        Constraint::Min(5),
        Constraint::Length(6),
    ]));
    f.render_widget(
        Paragraph::new(verdict_lines(s, th))
            .wrap(Wrap { trim: true })
            .block(
                Block::bordered()
                    .border_style(th.border_focus())
                    .title(Span::styled(" The game is over ", th.heading())),
            ),
        top,
    );
    let lines = score_lines(s, th);
    let max = crate::tui::text::max_scroll(
        &lines,
        scores.width.saturating_sub(2),
        scores.height.saturating_sub(2),
    );
    f.render_widget(
        // Long objectives wrap (max_scroll counts wrapped rows).
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((s.report_scroll.min(max), 0))
            .block(
                Block::bordered()
                    .border_style(th.border())
                    .title(Span::styled(
                        " Scores and objectives (↑↓ scroll) ",
                        th.heading(),
                    )),
            ),
        scores,
    );
    // Each turn as a bar as wide as the room allows.
    let history = &debrief.log.snapshots;
    let per = (spark.width.saturating_sub(2) as usize / history.len().max(1)).max(1);
    let data: Vec<u64> = history
        .iter()
        .flat_map(|h| std::iter::repeat_n(h.regional.round().clamp(0.0, 100.0) as u64, per))
        .collect();
    let peak = history.iter().map(|h| h.regional).fold(0.0_f64, f64::max);
    let title = format!(
        " Regional tension through the game: start {}, peak {}, end {} ",
        whole(history.first().map_or(0.0, |h| h.regional)),
        whole(peak),
        whole(st.regional)
    );
    f.render_widget(
        Sparkline::default()
            .data(&data)
            .max(100)
            .style(th.level(scn, st.level))
            .block(
                Block::bordered()
                    .border_style(th.border())
                    .title(Span::styled(title, th.heading())),
            ),
        spark,
    );
    let hint = Line::from(vec![
        Span::styled(" d", th.key()),
        Span::raw(" the debrief: what really happened, every order and why"),
    ]);
    super::chrome::draw_status(m, Some(hint), f, status);
}
