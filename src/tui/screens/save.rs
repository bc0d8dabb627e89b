//! The save popup: a name field prefilled with the suggested name, the
//! error of the last attempt, and the overwrite question.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::model::Model;
use crate::tui::text::{clean, clean_lines, wrap};

/// Draws the save popup over the screen.
pub fn draw(m: &Model, f: &mut Frame, area: Rect) {
    let th = m.theme;
    let Some(form) = &m.save_form else {
        return;
    };
    let w = 64.min(area.width);
    let inner = w.saturating_sub(2) as usize;
    let dir = m
        .saves_dir
        .as_deref()
        .map_or_else(String::new, |d| clean(&d.display().to_string()));
    let mut lines: Vec<Line> = Vec::new();
    // The end of a long name stays in view, where the typing happens.
    let label = "Name: ";
    let room = inner.saturating_sub(label.len() + 1).max(1);
    let name = clean(&form.name);
    let n = name.chars().count();
    let shown: String = if n > room {
        let tail: String = name.chars().skip(n + 1 - room).collect();
        format!("…{tail}")
    } else {
        name
    };
    match &form.overwrite {
        None => {
            lines.push(Line::from(vec![
                Span::raw(label),
                Span::styled(shown, th.heading()),
                Span::styled("█", th.key()),
            ]));
            for l in wrap(&format!("Saved as {dir}/<name>.toml"), inner)
                .into_iter()
                .chain(wrap(
                    "Letters, digits, - and _ work on every system.",
                    inner,
                ))
            {
                lines.push(Line::styled(l, th.dim()));
            }
            if let Some(e) = &form.error {
                lines.push(Line::default());
                for l in clean_lines(e).lines() {
                    lines.extend(
                        wrap(l, inner)
                            .into_iter()
                            .map(|x| Line::styled(x, th.bad())),
                    );
                }
            }
            lines.push(Line::default());
            lines.push(Line::from(vec![
                Span::styled("Enter", th.key()),
                Span::raw(" save    "),
                Span::styled("Esc", th.key()),
                Span::raw(" cancel    "),
                Span::styled("Backspace", th.key()),
                Span::raw(" delete"),
            ]));
        }
        Some(path) => {
            let file = path
                .file_name()
                .map_or_else(String::new, |f| clean(&f.to_string_lossy()));
            for l in wrap(
                &format!("A save named {file} already exists in {dir}. Replace it with this game?"),
                inner,
            ) {
                lines.push(Line::styled(l, th.key()));
            }
            lines.push(Line::default());
            lines.push(Line::from(vec![
                Span::styled("y", th.key()),
                Span::raw(" overwrite    "),
                Span::styled("n", th.key()),
                Span::raw(" choose another name"),
            ]));
        }
    }
    let h = (lines.len() as u16 + 2).min(area.height);
    let popup = area
        .centered(Constraint::Length(w), Constraint::Length(h))
        .intersection(area);
    f.render_widget(Clear, popup);
    let title = if form.overwrite.is_some() {
        " Overwrite? "
    } else {
        " Save the game "
    };
    f.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(th.border_focus())
                .title(Span::styled(title, th.heading())),
        ),
        popup,
    );
}
