//! The frame around every screen: the header and tab bar of a game, the
//! status line and the footer key bar (filled from the keymap table).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::keymap::{self, Context};
use crate::tui::model::{Model, Session, Tab};
use crate::tui::text::{arrow, clean};
use crate::tui::theme::Theme;

/// The parts of a game screen.
#[derive(Debug, Clone, Copy)]
pub struct Chrome {
    pub header: Rect,
    pub tabs: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// Splits a game screen: header, tab bar, body, status line, key bar.
pub fn split(area: Rect) -> Chrome {
    let [header, tabs, body, status, footer] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    Chrome {
        header,
        tabs,
        body,
        status,
        footer,
    }
}

/// Splits a screen outside a game: body, status line, key bar.
pub fn split_simple(area: Rect) -> (Rect, Rect, Rect) {
    let [body, status, footer] = area.layout(&Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    (body, status, footer)
}

/// The header of a game: the player, scenario, date, turn, escalation
/// level. The scenario title is left out when `width` is too narrow.
pub fn header(s: &Session, tab: Tab, th: Theme, width: u16) -> Line<'static> {
    use ratatui::style::Modifier;
    let _ = tab;
    let scn = s.scenario();
    let st = s.view();
    let turn = if st.is_over() { st.turn } else { st.turn + 1 };
    let level = scn.levels.get(st.level).map_or("", |l| l.name.as_str());
    let change = s
        .last_report()
        .map_or(0.0, |r| r.regional_after - r.regional_before);
    let who = if st.is_over() {
        Span::styled(" GAME OVER ", th.bad().add_modifier(Modifier::BOLD))
    } else {
        Span::styled(
            format!(" {} ", clean(&scn.actor(s.current).name)),
            th.actor(scn, s.current)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
    };
    let title = vec![
        Span::styled(" │ ", th.dim()),
        Span::styled(clean(&scn.meta.title), th.heading()),
    ];
    let rest = vec![
        Span::styled(" │ ", th.dim()),
        Span::raw(format!(
            "{} · turn {turn} of {}",
            scn.date_of(turn),
            scn.meta.turns
        )),
        Span::styled(" │ ", th.dim()),
        Span::styled(
            format!("{} {}", clean(level), crate::tui::text::tenths(st.regional)),
            th.level(scn, st.level).add_modifier(Modifier::BOLD),
        ),
        // No bare "·" when the trend is flat: nothing follows the value.
        Span::styled(
            if change.abs() < 0.05 {
                String::new()
            } else {
                format!(" {}", arrow(change))
            },
            th.tension_delta(change),
        ),
    ];
    let full: Vec<Span> = std::iter::once(who.clone())
        .chain(title)
        .chain(rest.iter().cloned())
        .collect();
    if Line::from(full.clone()).width() <= width as usize {
        Line::from(full)
    } else {
        Line::from(std::iter::once(who).chain(rest).collect::<Vec<_>>())
    }
}

/// The tab bar labels with their column ranges, for drawing and clicks.
pub fn tab_ranges(s: &Session, area: Rect) -> Vec<(Tab, String, u16, u16)> {
    let mut x = area.x + 1;
    let mut out = Vec::new();
    for t in Tab::ALL {
        let extra = match t {
            Tab::Orders if !s.draft().is_empty() => format!(" ({})", s.draft().len()),
            _ => String::new(),
        };
        let label = format!(" {} {}{extra} ", t.index() + 1, t.name());
        let w = label.chars().count() as u16;
        out.push((t, label, x, x.saturating_add(w)));
        x = x.saturating_add(w + 1);
    }
    out
}

/// Draws the header and the tab bar.
pub fn draw_top(m: &Model, s: &Session, tab: Tab, f: &mut Frame, c: &Chrome) {
    let th = m.theme;
    f.render_widget(Paragraph::new(header(s, tab, th, c.header.width)), c.header);
    let mut spans = vec![Span::raw(" ")];
    for (t, label, _, _) in tab_ranges(s, c.tabs) {
        let style = if t == tab {
            th.selected()
        } else {
            th.fg(ratatui::style::Color::Gray)
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), c.tabs);
}

/// Draws the status line: the last message, or a hint for the screen.
pub fn draw_status(m: &Model, hint: Option<Line<'static>>, f: &mut Frame, area: Rect) {
    let line = match (&m.status, hint) {
        (Some(s), _) => Line::from(Span::styled(format!(" {}", clean(s)), m.theme.key())),
        (None, Some(h)) => h,
        (None, None) => Line::default(),
    };
    f.render_widget(Paragraph::new(line), area);
}

/// One footer entry: "Enter add" → key "Enter" in colour, then "add".
fn hint_spans(text: &str, th: Theme) -> Vec<Span<'static>> {
    let (k, rest) = text.split_once(' ').unwrap_or((text, ""));
    vec![
        Span::styled(k.to_string(), th.key()),
        Span::raw(format!(" {rest}  ")),
    ]
}

/// Draws the key bar of a context from the keymap table: the screen's
/// keys on the left, help and quit on the right; `over` (a finished
/// game) leaves out ending the turn.
pub fn draw_footer(ctx: Context, over: bool, th: Theme, f: &mut Frame, area: Rect) {
    let (mut own, global) = keymap::groups(ctx);
    if over {
        // A finished game takes no more turns: do not offer to end one.
        own.retain(|b| b.msg != crate::tui::msg::Msg::EndTurn);
    }
    // Only whole hints: those that do not fit are left to the help popup.
    let line = |bs: Vec<&'static keymap::Binding>, lead: &str, room: usize| {
        let mut spans = vec![Span::raw(lead.to_string())];
        let mut used = lead.chars().count();
        for b in bs {
            if let Some(text) = b.footer {
                let w = text.chars().count() + 2;
                if used + w > room {
                    break;
                }
                used += w;
                spans.extend(hint_spans(text, th));
            }
        }
        Line::from(spans)
    };
    let right = line(global, "", usize::MAX);
    let [left_area, right_area] = area.layout(&Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(right.width() as u16),
    ]));
    f.render_widget(
        Paragraph::new(line(own, " ", left_area.width as usize)),
        left_area,
    );
    f.render_widget(Paragraph::new(right).style(Style::new()), right_area);
}
