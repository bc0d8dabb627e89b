//! The `?` popup: every key of the screen underneath, from the keymap table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::keymap::{self, Context};
use crate::tui::theme::Theme;

/// Draws the help popup for the keys of `under`.
pub fn draw(under: Context, th: Theme, f: &mut Frame, area: Rect) {
    let mut lines = Vec::new();
    for b in keymap::bindings(under) {
        lines.push(Line::from(vec![
            Span::styled(format!("{:>18}  ", keymap::keys_text(b)), th.key()),
            Span::raw(b.help),
        ]));
    }
    // The blank separator goes when the box would cover the footer.
    if lines.len() + 6 <= area.height as usize {
        lines.push(Line::default());
    }
    lines.push(Line::from(vec![
        Span::styled(format!("{:>18}  ", "mouse"), th.key()),
        Span::raw("click a tab, a move, an order or a list item"),
    ]));
    let h = (lines.len() as u16 + 2).min(area.height);
    let popup = area
        .centered(
            Constraint::Length(72.min(area.width)),
            Constraint::Length(h),
        )
        .intersection(area);
    f.render_widget(Clear, popup);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(th.border_focus())
                .title(Span::styled(" Keys (Esc closes) ", th.heading())),
        ),
        popup,
    );
}
