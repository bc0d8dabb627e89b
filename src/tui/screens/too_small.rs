//! Shown instead of any screen when the terminal is below the minimum size.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::theme::Theme;

/// The smallest terminal the game draws in.
pub const MIN: (u16, u16) = (80, 24);

/// Is this area below the minimum?
pub fn is_too_small(area: Rect) -> bool {
    area.width < MIN.0 || area.height < MIN.1
}

/// Draws the message.
pub fn draw(th: Theme, f: &mut Frame, area: Rect) {
    let lines = vec![
        Line::styled(
            format!(
                "Enlarge the terminal to at least {}×{} (now {}×{})",
                MIN.0, MIN.1, area.width, area.height
            ),
            th.key(),
        ),
        Line::raw("q quits"),
    ];
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}
