//! The setup screen: who plays which actor (a person or the computer, at
//! a strength chosen per seat), and the seed (not shown once more than
//! one person plays).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::tui::model::{Model, Setup};
use crate::tui::text::clean;

/// The parts of the setup screen.
pub struct Areas {
    pub actors: Rect,
    pub side: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// Splits the setup screen.
pub fn areas(area: Rect) -> Areas {
    let (body, status, footer) = super::chrome::split_simple(area);
    let [actors, side] = body.layout(&Layout::horizontal([
        Constraint::Percentage(50),
        Constraint::Min(20),
    ]));
    Areas {
        actors,
        side,
        status,
        footer,
    }
}

/// The panel's inside: two heading lines, one row per actor, the rest.
fn inner(s: &Setup, actors: Rect) -> (Rect, Rect, Rect) {
    let inside = actors.inner(ratatui::layout::Margin::new(1, 1));
    let [head, rows, rest] = inside.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(s.humans.len() as u16),
        Constraint::Min(0),
    ]));
    (head, rows, rest)
}

/// The actor row under a click at row `y`.
pub fn row_at(s: &Setup, actors: Rect, y: u16) -> Option<usize> {
    let (_, rows, _) = inner(s, actors);
    let i = y.checked_sub(rows.y)? as usize;
    (y < rows.bottom() && i < s.humans.len()).then_some(i)
}

/// Before the strength's name in a computer seat's label.
const COMPUTER: &str = "computer · ";
/// Columns before the seat label in a row: the selection mark and a space.
const MARK: u16 = 2;

/// A seat's label, "[person]" or "[computer · normal]", padded so that
/// the actors' names line up whatever strengths are chosen.
fn seat_label(s: &Setup, i: usize) -> String {
    let longest = crate::ai::Policy::STRENGTHS
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0);
    let width = COMPUTER.chars().count() + longest + 3;
    let label = if s.humans.get(i).copied().unwrap_or(false) {
        "[person]".to_string()
    } else {
        format!("[{COMPUTER}{}]", s.strength_name(i))
    };
    format!("{label:<width$}")
}

/// Whether a click at column `x` of a computer seat's row `i` lands on its
/// strength's name (which cycles it, rather than making it a person's).
pub fn on_strength(s: &Setup, actors: Rect, i: usize, x: u16) -> bool {
    if s.humans.get(i).copied().unwrap_or(true) {
        return false;
    }
    let (_, rows, _) = inner(s, actors);
    let start = rows.x + MARK + 1 + COMPUTER.chars().count() as u16;
    let end = start + s.strength_name(i).chars().count() as u16;
    (start..end).contains(&x)
}

/// Draws the setup screen.
pub fn draw(m: &Model, f: &mut Frame, area: Rect) {
    let th = m.theme;
    let a = areas(area);
    let Some(s) = &m.setup else {
        return;
    };
    let scn = &s.scenario;
    let block = Block::bordered()
        .border_style(th.border_focus())
        .title(Span::styled(" New game ", th.heading()));
    f.render_widget(block, a.actors);
    let (head, rows, rest) = inner(s, a.actors);
    f.render_widget(
        Paragraph::new(vec![
            Line::styled(clean(&scn.meta.title), th.heading()),
            Line::styled("Space: person/computer, ←→: strength", th.dim()),
        ]),
        head,
    );
    let mut actor_lines = Vec::new();
    for (i, a) in scn.actor_ids().enumerate() {
        let human = s.humans.get(i).copied().unwrap_or(false);
        let text = format!(
            "{} {}{}",
            if i == s.row { "▶" } else { " " },
            seat_label(s, i),
            clean(&scn.actor(a).name)
        );
        let style = if i == s.row {
            th.selected()
        } else if human {
            th.actor(scn, a)
        } else {
            th.dim()
        };
        actor_lines.push(Line::styled(text, style));
    }
    f.render_widget(Paragraph::new(actor_lines), rows);
    let humans = s.humans.iter().filter(|h| **h).count();
    let mut lines = vec![Line::default()];
    if humans > 1 {
        // The estimates' noise derives from the seed: with it, one player
        // could replay the game and read another's dice. It stays with
        // the referee (saves and the debrief keep it).
        lines.push(Line::from(vec![
            Span::raw("Seed: "),
            Span::styled("hidden▏", th.key()),
            Span::styled("  digits still set it, Backspace deletes", th.dim()),
        ]));
        lines.push(Line::styled(
            "With several players the seed is not shown: it would let one replay another's dice.",
            th.dim(),
        ));
    } else {
        lines.push(Line::from(vec![
            Span::raw("Seed: "),
            Span::styled(format!("{}▏", s.seed), th.key()),
            Span::styled("  type digits, Backspace deletes", th.dim()),
        ]));
        lines.push(Line::styled(
            "The same seed and the same orders give the same game: groups can compare.",
            th.dim(),
        ));
    }
    lines.push(Line::default());
    let mode = match humans {
        0 => "Nobody plays yet: choose at least one actor.".to_string(),
        1 => "One player against the computer.".to_string(),
        n => format!("Hotseat: {n} players share this keyboard, orders stay secret."),
    };
    lines.push(Line::styled(mode, th.key()));
    lines.push(Line::from(vec![
        Span::styled("Enter", th.key()),
        Span::raw(" starts the game."),
    ]));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), rest);
    let sel = scn
        .actors
        .get(s.row)
        .map(|x| {
            let mut flags = Vec::new();
            if x.council {
                flags.push("council member");
            }
            if x.veto {
                flags.push("veto power");
            }
            let mut v = vec![Line::styled(clean(&x.name), th.heading())];
            if !flags.is_empty() {
                v.push(Line::styled(flags.join(", "), th.dim()));
            }
            v.push(if s.humans.get(s.row).copied().unwrap_or(false) {
                Line::raw("Played by a person.")
            } else {
                Line::from(vec![
                    Span::raw("Played by the computer, "),
                    Span::styled(s.strength_name(s.row), th.key()),
                    Span::styled(" (←→)", th.dim()),
                ])
            });
            v.push(Line::default());
            for k in crate::scenario::Stat::ALL {
                v.push(Line::raw(format!("{:<10} {:>3.0}", k.name(), x.stat(k))));
            }
            v.push(Line::default());
            v.push(Line::styled(
                "Its briefing and objectives are shown to its player once the game starts.",
                th.dim(),
            ));
            v
        })
        .unwrap_or_default();
    f.render_widget(
        Paragraph::new(sel).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .border_style(th.border())
                .title(Span::styled(" Actor ", th.heading())),
        ),
        a.side,
    );
    super::chrome::draw_status(m, None, f, a.status);
}
