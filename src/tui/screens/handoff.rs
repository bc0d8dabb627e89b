//! The hotseat hand-off: hides everything until the next player is at
//! the keyboard.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::tui::model::Model;
use crate::tui::text::clean;

/// Draws the hand-off screen.
pub fn draw(m: &Model, f: &mut Frame, area: Rect) {
    let th = m.theme;
    let (body, status, _) = super::chrome::split_simple(area);
    let Some(s) = &m.session else {
        return;
    };
    let scn = s.scenario();
    let next = s.current;
    let turn = s.turn() + 1;
    let lines = vec![
        Line::default(),
        Line::from(vec![
            Span::raw("Pass the keyboard to the "),
            Span::styled(
                clean(&scn.actor(next).name),
                th.actor(scn, next).add_modifier(Modifier::BOLD),
            ),
            Span::raw(" player"),
        ])
        .centered(),
        Line::default(),
        Line::styled(format!("Turn {turn} · {}", scn.date_of(turn)), th.dim()).centered(),
        Line::default(),
        Line::from(vec![
            Span::raw("Press "),
            Span::styled("Enter", th.key()),
            Span::raw(" when you are ready"),
        ])
        .centered(),
        Line::styled(
            "Other players: please look away. Orders are secret.",
            th.dim(),
        )
        .centered(),
    ];
    let boxed = body.centered(Constraint::Length(64), Constraint::Length(10));
    f.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(th.border_focus())
                .title(Span::styled(" Next player ", th.heading())),
        ),
        boxed.intersection(body),
    );
    super::chrome::draw_status(m, None, f, status);
}
