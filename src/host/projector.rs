//! The classroom wall: public information only — regional tension, the
//! pairs' tensions, the news every actor may see, the countdown and who
//! has submitted. Built from [`crate::perspective::PublicView`], never
//! from a seat's view.

use crossterm::event::{Event, KeyCode, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::classroom::{AppControl, SeatApp};
use crate::referee::Seat;
use crate::scenario::ActorId;
use crate::tui::text::clean;
use crate::tui::theme::Theme;

use super::game::Host;
use super::game::{HostGame, Phase, countdown};

/// The projector's screen.
pub struct ProjectorApp {
    host: Host,
    theme: Theme,
}

impl ProjectorApp {
    /// The wall of this game.
    pub fn new(host: Host, theme: Theme) -> Self {
        ProjectorApp { host, theme }
    }
}

impl SeatApp for ProjectorApp {
    fn event(&mut self, event: Event) -> AppControl {
        if let Event::Key(k) = event {
            let quit = k.code == KeyCode::Char('q') && k.modifiers.is_empty()
                || k.code == KeyCode::Char('c') && k.modifiers == KeyModifiers::CONTROL;
            if quit {
                return AppControl::Close;
            }
        }
        AppControl::Continue
    }

    fn draw(&mut self, frame: &mut Frame) {
        let g = self.host.lock();
        draw_public(&g, self.theme, frame);
    }
}

/// The status of each person's seat, in words: public to the class.
pub fn seat_status(g: &HostGame, a: ActorId) -> &'static str {
    match g.seats().get(a.index()) {
        Some(Seat::Ai(_)) => "computer",
        _ if g.is_over() => "—",
        _ if g.phase == Phase::Resolving => "resolving",
        _ if g.has_submitted(a) => "submitted",
        _ => "drafting",
    }
}

/// Draws the public picture (the projector, and the console's wall view).
pub fn draw_public(g: &HostGame, th: Theme, f: &mut Frame) {
    let scn = g.scenario();
    let p = g.public();
    let area = f.area();
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    let level = scn
        .levels
        .get(p.level)
        .map_or(String::new(), |l| clean(&l.name));
    let clock = if g.is_over() {
        "the game is over".to_string()
    } else if g.phase == Phase::Resolving {
        "resolving the turn…".to_string()
    } else {
        match g.clock.left(std::time::Instant::now()) {
            Some(left) if g.clock.paused() => format!("{} left (paused)", countdown(left)),
            Some(left) => format!("{} left", countdown(left)),
            None => "no deadline".to_string(),
        }
    };
    let title = Line::from(vec![
        Span::styled(format!(" {} ", clean(&scn.meta.title)), th.heading()),
        Span::raw(format!(
            "· turn {}/{} · {clock} ",
            (p.turn + 1).min(scn.meta.turns),
            scn.meta.turns
        )),
    ]);
    let tension = Line::from(vec![
        Span::raw(" Regional tension "),
        Span::styled(format!("{:.1} {level}", p.regional), th.level(scn, p.level)),
    ]);
    f.render_widget(
        Paragraph::new(vec![tension]).block(Block::bordered().title(title)),
        head,
    );
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
    let mut seats = vec![Line::styled("Teams", th.heading())];
    for a in scn.actor_ids() {
        seats.push(Line::from(vec![
            Span::styled(
                format!(" {:<24}", clean(&scn.actor(a).name)),
                th.actor(scn, a),
            ),
            Span::raw(seat_status(g, a)),
        ]));
    }
    seats.push(Line::default());
    seats.push(Line::styled("Tension between pairs", th.heading()));
    let ids: Vec<ActorId> = scn.actor_ids().collect();
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            seats.push(Line::raw(format!(
                " {} – {}: {:.0}",
                clean(&scn.actor(*a).id),
                clean(&scn.actor(*b).id),
                p.tension.get(*a, *b)
            )));
        }
    }
    f.render_widget(
        Paragraph::new(seats).block(Block::bordered().title(" The region ")),
        left,
    );
    let mut news = Vec::new();
    for (turn, events) in p.news.iter().rev() {
        news.push(Line::styled(format!("Turn {turn}"), th.heading()));
        for e in events {
            news.push(Line::raw(format!(
                " • {}",
                clean(&crate::narrate::headline(scn, *turn, e))
            )));
        }
    }
    if news.is_empty() {
        news.push(Line::styled("No news yet.", th.dim()));
    }
    f.render_widget(
        Paragraph::new(news)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" Public news ")),
        right,
    );
    f.render_widget(
        Paragraph::new(Line::styled(
            " Projector: public information only · q leaves",
            th.dim(),
        )),
        foot,
    );
}
