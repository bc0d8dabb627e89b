//! Drawing the console: the header (clock, how to join, host key,
//! autosave), the seats table, the queued injects, the log, the keys, and
//! the popups of the forms and confirmations; a seat or the wall fills the
//! screen instead when the instructor looks at it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Row, Table, Wrap};

use crate::engine::Inject;
use crate::host::game::{HostGame, PROJECTOR, Phase, countdown};
use crate::host::projector::{draw_public, seat_status};
use crate::referee::Seat;
use crate::tui::text::clean;

use super::model::{Console, Mode, ServerInfo, rows};
use super::{inject, news};

/// Draws the console.
pub fn draw(c: &mut Console, g: &HostGame, info: &ServerInfo, f: &mut Frame) {
    match &mut c.mode {
        Mode::Seat(screen) => {
            let area = f.area();
            screen.draw_with(g, f);
            let note = Line::styled(
                " Instructor's view (read-only) · Esc back to the console ",
                c.theme.key(),
            );
            let w = (note.width() as u16).min(area.width);
            f.render_widget(
                Paragraph::new(note),
                Rect::new(area.x + area.width.saturating_sub(w), area.y, w, 1),
            );
            return;
        }
        Mode::Wall => {
            draw_public(g, c.theme, f);
            return;
        }
        _ => {}
    }
    let th = c.theme;
    let scn = g.scenario();
    let area = f.area();
    let [head, table, pending, log, msg, foot] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Length(scn.n() as u16 + 4),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(area);
    let clock = if g.is_over() {
        if g.revealed {
            "the game is over; debrief revealed".into()
        } else {
            "the game is over — r reveals the debrief".into()
        }
    } else if g.phase == Phase::Resolving {
        "resolving the turn…".into()
    } else {
        match g.clock.left(std::time::Instant::now()) {
            Some(l) if g.clock.paused() => {
                format!("{} left — PAUSED (p starts the clock)", countdown(l))
            }
            Some(l) => format!("{} left", countdown(l)),
            None => "no deadline".into(),
        }
    };
    let save = match &g.last_save {
        None => "not yet".to_string(),
        Some(Ok(p)) => clean(&p.display().to_string()),
        Some(Err(e)) => format!("FAILED: {}", clean(e)),
    };
    let head_lines = vec![
        Line::from(vec![
            Span::styled(format!(" {} ", clean(&scn.meta.title)), th.heading()),
            Span::raw(format!(
                "· turn {}/{} · {clock}",
                (g.turn() + 1).min(scn.meta.turns),
                scn.meta.turns
            )),
        ]),
        Line::from(vec![
            Span::raw(" Students: "),
            Span::styled(clean(&info.how), th.key()),
            Span::raw(" — the join code is the password"),
        ]),
        Line::raw(format!(
            " Host key {} · at the deadline, {}",
            info.fingerprint,
            g.missing.words()
        )),
        Line::raw(format!(" Autosave: {save}")),
    ];
    f.render_widget(Paragraph::new(head_lines).block(Block::default()), head);

    let mut table_rows = Vec::new();
    for (i, r) in rows(g).iter().enumerate() {
        let (seat, name, status, orders) = match r {
            Some(a) => {
                let act = scn.actor(*a);
                let human = g.seats().get(a.index()) == Some(&Seat::Human);
                let orders = if human {
                    format!("{} drafted", g.drafts(*a).len())
                } else {
                    String::new()
                };
                (act.id.clone(), clean(&act.name), seat_status(g, *a), orders)
            }
            None => (
                PROJECTOR.to_string(),
                "public wall".to_string(),
                "",
                String::new(),
            ),
        };
        let human = r.is_none_or(|a| g.seats().get(a.index()) == Some(&Seat::Human));
        let screens = info.screens(&seat);
        let code = if human { info.code(&seat) } else { "" };
        let style = if i == c.selected {
            th.selected()
        } else {
            ratatui::style::Style::new()
        };
        table_rows.push(
            Row::new(vec![
                seat.clone(),
                name,
                if human {
                    format!("{screens}")
                } else {
                    String::new()
                },
                status.to_string(),
                orders,
                code.to_string(),
            ])
            .style(style),
        );
    }
    let widths = [
        Constraint::Length(12),
        Constraint::Length(22),
        Constraint::Length(8),
        Constraint::Length(11),
        Constraint::Length(11),
        Constraint::Min(20),
    ];
    f.render_widget(
        Table::new(table_rows, widths)
            .header(
                Row::new(vec![
                    "seat",
                    "actor",
                    "screens",
                    "orders",
                    "drafts",
                    "join code",
                ])
                .style(th.heading()),
            )
            .block(Block::bordered().title(" Seats ")),
        table,
    );
    let pending_text = if g.pending_injects().is_empty() {
        " No inject queued for the coming turn".to_string()
    } else {
        format!(
            " Queued for the coming turn: {}",
            g.pending_injects()
                .iter()
                .map(|i| match i {
                    Inject::Event { event } => clean(&scn.events[event.index()].name),
                    Inject::News { headline, .. } => clean(headline),
                })
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    f.render_widget(Paragraph::new(pending_text), pending);
    // The instructor's actions and the server's events, in time order.
    let mut timed: Vec<(i64, Line)> = g
        .actions
        .iter()
        .map(|a| {
            let line = Line::raw(format!(" turn {}: {}", a.turn, clean(&a.what)));
            (a.at, line)
        })
        .chain(
            c.log
                .iter()
                .map(|(at, l)| (*at, Line::styled(format!(" {}", clean(l)), th.dim()))),
        )
        .collect();
    timed.sort_by_key(|(at, _)| *at);
    let mut lines: Vec<Line> = timed.into_iter().map(|(_, l)| l).collect();
    let room = log.height.saturating_sub(2) as usize;
    if lines.len() > room {
        lines.drain(..lines.len() - room);
    }
    f.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Log ")),
        log,
    );
    if let Some(m) = &c.message {
        f.render_widget(
            Paragraph::new(Line::styled(format!(" {}", clean(m)), th.key())),
            msg,
        );
    }
    let keys = " ↑↓ seat · v view seat · w wall · p pause/resume · + one more minute · e end turn (no orders) · \
                a end turn (computer plays) · m deadline rule · i inject an event · n news item · r reveal debrief · k kick · q quit";
    f.render_widget(
        Paragraph::new(Line::styled(keys, th.dim())).wrap(Wrap { trim: true }),
        foot,
    );
    match &c.mode {
        Mode::Inject(sel) => popup(f, " Inject an event ", inject::lines(*sel, g, th)),
        Mode::News(form) => popup(f, " A news item ", news::lines(form, scn, th)),
        Mode::ConfirmEnd(missing) => popup(
            f,
            " End the turn now? ",
            vec![
                Line::raw(format!("The turn resolves now; {}.", missing.words())),
                Line::styled("y ends it · any other key cancels", th.key()),
            ],
        ),
        Mode::ConfirmQuit => popup(
            f,
            " Stop the class? ",
            vec![
                Line::raw("Every student's screen closes; the game is saved."),
                Line::raw("`flashpoint host --resume SAVE` continues it with the same codes."),
                Line::styled("y stops · any other key cancels", th.key()),
            ],
        ),
        _ => {}
    }
}

/// A box in the middle of the console.
fn popup(f: &mut Frame, title: &str, lines: Vec<Line>) {
    let area = f.area();
    let w = (lines.iter().map(Line::width).max().unwrap_or(20) as u16 + 4).min(area.width);
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(title.to_string())),
        r,
    );
}
