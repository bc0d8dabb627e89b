//! The `?` popup: every key of the screen underneath, from the keymap
//! table; in two columns when one would not fit the terminal's height,
//! so no key is ever clipped off the bottom.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::keymap::{self, Context};
use crate::tui::text::fit;
use crate::tui::theme::Theme;

/// The popup's rows: (keys, what they do).
fn entries(under: Context) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = keymap::bindings(under)
        .iter()
        .map(|b| (keymap::keys_text(b), b.help.to_string()))
        .collect();
    out.push((
        "mouse".into(),
        "click a tab, a move, an order or a list item".into(),
    ));
    out
}

/// Lines of one column, keys right-aligned to `key_w`, text cut to `width`.
fn column(rows: &[(String, String)], key_w: usize, width: usize, th: Theme) -> Vec<Line<'static>> {
    let text_w = width.saturating_sub(key_w + 2);
    rows.iter()
        .map(|(k, h)| {
            Line::from(vec![
                Span::styled(format!("{k:>key_w$}  "), th.key()),
                Span::raw(fit(h, text_w)),
            ])
        })
        .collect()
}

/// Draws the help popup for the keys of `under`.
pub fn draw(under: Context, th: Theme, f: &mut Frame, area: Rect) {
    let rows = entries(under);
    let key_w = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let text_w = rows
        .iter()
        .map(|(_, h)| h.chars().count())
        .max()
        .unwrap_or(0);
    let one_w = key_w + 2 + text_w;
    let two = rows.len() + 2 > area.height as usize;
    let (w, h) = if two {
        let per = rows.len().div_ceil(2);
        (
            ((one_w + 2) * 2 + 2).min(area.width as usize) as u16,
            (per as u16 + 2).min(area.height),
        )
    } else {
        (
            (one_w + 2).min(area.width as usize) as u16,
            (rows.len() as u16 + 2).min(area.height),
        )
    };
    let popup = area
        .centered(Constraint::Length(w), Constraint::Length(h))
        .intersection(area);
    f.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_style(th.border_focus())
        .title(Span::styled(" Keys (Esc closes) ", th.heading()));
    let inner = block.inner(popup);
    f.render_widget(block, popup);
    if two {
        let per = rows.len().div_ceil(2);
        let [a, b] = inner.layout(&Layout::horizontal([
            Constraint::Percentage(50),
            Constraint::Percentage(50),
        ]));
        let left = column(&rows[..per], key_w, a.width as usize, th);
        let right = column(&rows[per..], key_w, b.width as usize, th);
        f.render_widget(Paragraph::new(left), a);
        f.render_widget(Paragraph::new(right), b);
    } else {
        f.render_widget(
            Paragraph::new(column(&rows, key_w, inner.width as usize, th)),
            inner,
        );
    }
}
