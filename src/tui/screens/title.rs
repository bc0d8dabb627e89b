//! The title screen: pick a scenario for a new game. (Continue and Load
//! will join "New game" here once saved games exist.)

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::tui::model::Model;
use crate::tui::text::{clean, fit};

/// The parts of the title screen.
pub struct Areas {
    pub banner: Rect,
    pub list: Rect,
    pub about: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// Splits the title screen.
pub fn areas(area: Rect) -> Areas {
    let (body, status, footer) = super::chrome::split_simple(area);
    let [banner, main] = body.layout(&Layout::vertical([
        Constraint::Length(4),
        Constraint::Min(3),
    ]));
    let [list, about] = main.layout(&Layout::horizontal([
        Constraint::Percentage(50),
        Constraint::Min(20),
    ]));
    Areas {
        banner,
        list,
        about,
        status,
        footer,
    }
}

/// The entry under a click at row `y`, if any.
pub fn entry_at(m: &Model, list: Rect, y: u16) -> Option<usize> {
    let first = list.y + 1;
    let i = y.checked_sub(first)? as usize;
    (y + 1 < list.bottom() && i < m.title.entries.len()).then_some(i)
}

/// Draws the title screen.
pub fn draw(m: &Model, f: &mut Frame, area: Rect) {
    let th = m.theme;
    let a = areas(area);
    let banner = vec![
        Line::default(),
        Line::styled("  F L A S H P O I N T", th.heading()),
        Line::styled(
            "  A crisis game: meet your objectives without pushing the region into war.",
            th.dim(),
        ),
    ];
    f.render_widget(Paragraph::new(banner), a.banner);
    let w = a.list.width.saturating_sub(4) as usize;
    let mut items: Vec<Line> = m
        .title
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            // Files are named by their file name, so a copy of the bundled
            // scenario can be told from it.
            let file = std::path::Path::new(&e.name)
                .file_name()
                .filter(|_| e.name.ends_with(".toml"))
                .map(|f| clean(&f.to_string_lossy()));
            let label = match (&e.error, file) {
                (Some(_), _) => format!("{} (has errors)", clean(&e.name)),
                (None, Some(f)) => format!("{} · {f}", clean(&e.title)),
                (None, None) => format!("{} · built in", clean(&e.title)),
            };
            let mark = if i == m.title.selected { "▶ " } else { "  " };
            let text = format!("{mark}{}", fit(&label, w));
            if i == m.title.selected {
                Line::styled(text, th.selected())
            } else if e.error.is_some() {
                Line::styled(text, th.dim())
            } else {
                Line::raw(text)
            }
        })
        .collect();
    if items.is_empty() {
        items.push(Line::styled("No scenario found.", th.bad()));
    }
    // Saves hook: "Continue" and "Load a saved game" entries go above the
    // scenarios once saves exist.
    items.push(Line::default());
    items.push(Line::styled("  Continue, Load: saves come later", th.dim()));
    f.render_widget(
        Paragraph::new(items).block(
            Block::bordered()
                .border_style(th.border_focus())
                .title(Span::styled(" New game — choose a scenario ", th.heading())),
        ),
        a.list,
    );
    let about: Vec<Line> = match m.title.entries.get(m.title.selected) {
        Some(e) => match &e.error {
            Some(err) => vec![
                Line::styled(clean(&e.name), th.bad()),
                Line::raw(format!("This file has errors: {}", clean(err))),
                Line::raw(format!(
                    "Run `flashpoint validate {}` to see them all.",
                    clean(&e.name)
                )),
            ],
            None => vec![
                Line::styled(clean(&e.title), th.heading()),
                Line::styled(clean(&e.name), th.dim()),
                Line::default(),
                Line::raw(clean(&e.summary)),
            ],
        },
        None => vec![Line::raw(
            "Put scenario files (.toml) in ./scenarios to play them.",
        )],
    };
    f.render_widget(
        Paragraph::new(about).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .border_style(th.border())
                .title(Span::styled(" About ", th.heading())),
        ),
        a.about,
    );
    super::chrome::draw_status(m, None, f, a.status);
}
