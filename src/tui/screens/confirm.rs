//! Yes/no questions: quit, end the turn.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::tui::theme::Theme;

/// Draws a one-line notice in the middle of the screen.
pub fn notice(text: &str, th: Theme, f: &mut Frame, area: Rect) {
    let w = (text.chars().count() as u16 + 4).min(area.width);
    let popup = area
        .centered(Constraint::Length(w), Constraint::Length(3))
        .intersection(area);
    f.render_widget(Clear, popup);
    f.render_widget(
        Paragraph::new(Line::styled(text.to_string(), th.key()))
            .block(Block::bordered().border_style(th.border_focus())),
        popup,
    );
}

/// Draws a question box with its lines and the y/n keys.
pub fn draw(
    title: &str,
    lines: Vec<Line<'static>>,
    yes: &str,
    no: &str,
    th: Theme,
    f: &mut Frame,
    area: Rect,
) {
    let mut lines = lines;
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("y", th.key()),
        Span::raw(format!(" {yes}    ")),
        Span::styled("n", th.key()),
        Span::raw(format!(" {no}")),
    ]));
    let h = (lines.len() as u16 + 2).min(area.height);
    let w = 60.min(area.width);
    let popup = area
        .centered(Constraint::Length(w), Constraint::Length(h + 1))
        .intersection(area);
    f.render_widget(Clear, popup);
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .border_style(th.border_focus())
                .title(Span::styled(format!(" {title} "), th.heading())),
        ),
        popup,
    );
}

/// Draws a message box (an error) with its title; Enter or Esc closes it.
/// The text is wrapped to the box, and cut to the screen's height.
pub fn message(title: &str, text: &str, th: Theme, f: &mut Frame, area: Rect) {
    let w = 72.min(area.width);
    let inner = w.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for l in crate::tui::text::clean_lines(text).lines() {
        lines.extend(crate::tui::text::wrap(l, inner).into_iter().map(Line::raw));
    }
    let room = area.height.saturating_sub(4) as usize;
    if lines.len() > room {
        lines.truncate(room.saturating_sub(1));
        lines.push(Line::styled("…", th.dim()));
    }
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("Enter", th.key()),
        Span::raw(" close"),
    ]));
    let h = (lines.len() as u16 + 2).min(area.height);
    let popup = area
        .centered(Constraint::Length(w), Constraint::Length(h))
        .intersection(area);
    f.render_widget(Clear, popup);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(th.bad())
                .title(Span::styled(format!(" {title} "), th.bad())),
        ),
        popup,
    );
}
