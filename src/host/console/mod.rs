//! The instructor console: the control cell of a hosted game, in the
//! local terminal. It lists the seats (connected screens, drafted and
//! submitted orders, join codes), the host key's fingerprint and the
//! deadline, and runs the exercise: pause, extend, end the turn, inject
//! an event, reveal the debrief, kick a team's screens, look at any
//! seat's perspective or at the wall. Every action enters the host's log
//! (the classroom file beside the save; injects are in the save too).

use std::collections::VecDeque;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Row, Table, Wrap};

use crate::classroom::SeatApp;
use crate::engine::Inject;
use crate::referee::Seat;
use crate::scenario::ActorId;
use crate::tui::text::clean;
use crate::tui::theme::Theme;

use super::game::{Host, HostGame, MissingPolicy, Phase, countdown};
use super::projector::{draw_public, seat_status};
use super::seat::SeatScreen;
use super::{Hosted, PROJECTOR};

/// What the console shows of the server (kept apart from the game so a
/// test can draw the console without a server).
#[derive(Debug, Clone, Default)]
pub struct ServerInfo {
    /// How students connect, e.g. `ssh -p 2222 SEAT@192.168.1.20`.
    pub how: String,
    /// The host key's SHA-256 fingerprint.
    pub fingerprint: String,
    /// Seat → join code.
    pub codes: Vec<(String, String)>,
    /// Seat → open screens.
    pub screens: Vec<(String, usize)>,
}

impl ServerInfo {
    fn code(&self, seat: &str) -> &str {
        self.codes
            .iter()
            .find(|(s, _)| s == seat)
            .map_or("—", |(_, c)| c.as_str())
    }

    fn screens(&self, seat: &str) -> usize {
        self.screens
            .iter()
            .filter(|(s, _)| s == seat)
            .map(|(_, n)| *n)
            .sum()
    }
}

/// What fills the console.
pub enum Mode {
    /// The seats and the log.
    Main,
    /// Choosing an event to inject (index into [`injectables`]).
    Inject(usize),
    /// "End the turn now?" with what happens to seats without orders.
    ConfirmEnd(MissingPolicy),
    /// "Quit?"
    ConfirmQuit,
    /// Looking at a seat's perspective (read-only).
    Seat(Box<SeatScreen>),
    /// Looking at the projector's wall.
    Wall,
    /// Writing a news item that changes a pair's tension.
    News(NewsForm),
}

/// The news-item inject form: a headline and one change to a pair's
/// tension (the form's one kind of effect).
#[derive(Debug, Clone, Default)]
pub struct NewsForm {
    pub headline: String,
    /// The pair, as actor indices.
    pub a: usize,
    pub b: usize,
    /// Change to the pair's tension.
    pub amount: i32,
    /// The field with the keyboard: 0 headline, 1 first actor, 2 second, 3 amount.
    pub field: usize,
}

/// The console's own state.
pub struct Console {
    /// The highlighted seat row (index into the seat rows).
    pub selected: usize,
    pub mode: Mode,
    /// One line of feedback on the last key.
    pub message: Option<String>,
    /// Recent lines of the server's log, with their time (seconds since 1970).
    pub log: VecDeque<(i64, String)>,
    pub theme: Theme,
    /// Set when the instructor quits.
    pub quit: bool,
}

impl Console {
    /// A console on the main screen.
    pub fn new(theme: Theme) -> Self {
        Console {
            selected: 0,
            mode: Mode::Main,
            message: None,
            log: VecDeque::new(),
            theme,
            quit: false,
        }
    }

    /// Adds lines to the log panel (keeps the last 200).
    pub fn push_log(&mut self, at: i64, line: String) {
        self.log.push_back((at, line));
        while self.log.len() > 200 {
            self.log.pop_front();
        }
    }
}

/// The events the instructor may inject: those the scenario marks
/// `injectable = true`, or all of them when it marks none.
pub fn injectables(g: &HostGame) -> (Vec<usize>, bool) {
    let events = &g.scenario().events;
    let marked: Vec<usize> = (0..events.len())
        .filter(|i| events[*i].injectable)
        .collect();
    if marked.is_empty() {
        ((0..events.len()).collect(), false)
    } else {
        (marked, true)
    }
}

/// The seat rows: every actor, then the projector.
fn rows(g: &HostGame) -> Vec<Option<ActorId>> {
    let mut out: Vec<Option<ActorId>> = g.scenario().actor_ids().map(Some).collect();
    out.push(None);
    out
}

/// A key on the console. `kick` cuts a seat's connections (the server's).
pub fn key(c: &mut Console, host: &Host, k: KeyEvent, kick: &mut dyn FnMut(&str) -> usize) {
    if k.kind != KeyEventKind::Press {
        return;
    }
    let ctrl_c = k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
    c.message = None;
    match &mut c.mode {
        Mode::Seat(screen) => {
            if k.code == KeyCode::Esc && screen.model().popup.is_none() || ctrl_c {
                c.mode = Mode::Main;
            } else {
                screen.event(Event::Key(k));
            }
            return;
        }
        Mode::Wall => {
            c.mode = Mode::Main;
            return;
        }
        Mode::ConfirmQuit => {
            match k.code {
                KeyCode::Char('y') => c.quit = true,
                _ if ctrl_c => c.quit = true,
                _ => c.mode = Mode::Main,
            }
            return;
        }
        Mode::ConfirmEnd(missing) => {
            let missing = *missing;
            c.mode = Mode::Main;
            if k.code == KeyCode::Char('y') {
                host.lock()
                    .log(format!("ended the turn now ({})", missing.words()));
                c.message = Some(if host.end_turn(Some(missing)) {
                    "Ending the turn: the computer players decide, then it resolves".into()
                } else {
                    "No turn to end (it is resolving, or the game is over)".into()
                });
            }
            return;
        }
        Mode::News(form) => {
            let n = host.lock().scenario().n().max(1);
            match k.code {
                KeyCode::Esc => c.mode = Mode::Main,
                KeyCode::Tab | KeyCode::Down => form.field = (form.field + 1) % 4,
                KeyCode::BackTab | KeyCode::Up => form.field = (form.field + 3) % 4,
                KeyCode::Backspace if form.field == 0 => {
                    form.headline.pop();
                }
                KeyCode::Char(ch)
                    if form.field == 0
                        && !ch.is_control()
                        && form.headline.chars().count() < 100 =>
                {
                    form.headline.push(ch);
                }
                KeyCode::Left | KeyCode::Right => {
                    let up = k.code == KeyCode::Right;
                    let step = |i: usize| if up { (i + 1) % n } else { (i + n - 1) % n };
                    match form.field {
                        1 => form.a = step(form.a),
                        2 => form.b = step(form.b),
                        3 => form.amount = (form.amount + if up { 5 } else { -5 }).clamp(-50, 50),
                        _ => {}
                    }
                }
                KeyCode::Enter => {
                    let headline = form.headline.trim().to_string();
                    if headline.is_empty() || form.a == form.b || form.amount == 0 {
                        c.message = Some(
                            "A news item needs a headline, two different actors and a change"
                                .into(),
                        );
                        return;
                    }
                    let (a, b) = (ActorId(form.a as u16), ActorId(form.b as u16));
                    let words = {
                        let g = host.lock();
                        format!(
                            "news \"{headline}\" (tension {}–{} {:+})",
                            g.scenario().actor(a).id,
                            g.scenario().actor(b).id,
                            form.amount
                        )
                    };
                    let effects = vec![crate::engine::state::Delta::Tension {
                        a,
                        b,
                        amount: f64::from(form.amount),
                    }];
                    host.inject(Inject::News { headline, effects }, words.clone());
                    c.message = Some(format!("Queued for the coming turn: {words}"));
                    c.mode = Mode::Main;
                }
                _ => {}
            }
            return;
        }
        Mode::Inject(i) => {
            let g = host.lock();
            let (list, _) = injectables(&g);
            let n = list.len();
            match k.code {
                KeyCode::Up => *i = i.saturating_sub(1),
                KeyCode::Down => *i = (*i + 1).min(n.saturating_sub(1)),
                KeyCode::Enter => {
                    if let Some(&e) = list.get(*i) {
                        let ev = &g.scenario().events[e];
                        let words = format!("event {} ({})", ev.id, clean(&ev.name));
                        let id = crate::scenario::EventId(e as u16);
                        drop(g);
                        host.inject(Inject::Event { event: id }, words.clone());
                        c.message = Some(format!("Queued for the coming turn: {words}"));
                    }
                    c.mode = Mode::Main;
                }
                _ => c.mode = Mode::Main,
            }
            return;
        }
        Mode::Main => {}
    }
    let g = host.lock();
    let rows = rows(&g);
    let seat_name = |i: usize| match rows.get(i) {
        Some(Some(a)) => g.scenario().actor(*a).id.clone(),
        _ => PROJECTOR.to_string(),
    };
    match k.code {
        KeyCode::Up => c.selected = c.selected.saturating_sub(1),
        KeyCode::Down => c.selected = (c.selected + 1).min(rows.len().saturating_sub(1)),
        KeyCode::Char('q') => c.mode = Mode::ConfirmQuit,
        _ if ctrl_c => c.mode = Mode::ConfirmQuit,
        KeyCode::Char('p') => {
            drop(g);
            let paused = host.toggle_pause();
            c.message = Some(
                if paused {
                    "Clock paused"
                } else {
                    "Clock running"
                }
                .into(),
            );
        }
        KeyCode::Char('+') | KeyCode::Char('=') => {
            drop(g);
            host.extend(Duration::from_secs(60));
            c.message = Some("One more minute for this turn".into());
        }
        KeyCode::Char('e') => c.mode = Mode::ConfirmEnd(MissingPolicy::Nothing),
        KeyCode::Char('a') => c.mode = Mode::ConfirmEnd(MissingPolicy::Ai),
        KeyCode::Char('m') => {
            drop(g);
            let mut g = host.lock();
            g.missing = match g.missing {
                MissingPolicy::Nothing => MissingPolicy::Ai,
                MissingPolicy::Ai => MissingPolicy::Nothing,
            };
            let words = g.missing.words();
            g.log(format!("at the deadline, {words}"));
            c.message = Some(format!("At the deadline, {words}"));
        }
        KeyCode::Char('i') => {
            let (list, _) = injectables(&g);
            if list.is_empty() || g.is_over() {
                c.message = Some("Nothing to inject: the scenario has no events".into());
            } else {
                c.mode = Mode::Inject(0);
            }
        }
        KeyCode::Char('n') => {
            if g.is_over() || g.scenario().n() < 2 {
                c.message = Some("No news to inject now".into());
            } else {
                c.mode = Mode::News(NewsForm {
                    b: 1,
                    amount: 10,
                    ..NewsForm::default()
                });
            }
        }
        KeyCode::Char('r') => {
            drop(g);
            c.message = Some(if host.reveal() {
                "The debrief is open on every screen".into()
            } else {
                "The debrief is revealed once the game is over".into()
            });
        }
        KeyCode::Char('k') => {
            let seat = seat_name(c.selected);
            drop(g);
            let n = kick(&seat);
            host.lock()
                .log(format!("kicked {n} screen(s) of seat {seat}"));
            c.message = Some(format!(
                "Closed {n} screen(s) of {seat}; they can reconnect with their code"
            ));
        }
        KeyCode::Char('v') | KeyCode::Enter => match rows.get(c.selected) {
            Some(Some(a)) => {
                let a = *a;
                let size = crossterm::terminal::size().unwrap_or((120, 40));
                let name = seat_name(c.selected);
                drop(g);
                host.lock().log(format!("looked at seat {name}'s screen"));
                let mut s = SeatScreen::new(host.clone(), a, size, c.theme);
                s.read_only = true;
                c.mode = Mode::Seat(Box::new(s));
            }
            _ => c.mode = Mode::Wall,
        },
        KeyCode::Char('w') => c.mode = Mode::Wall,
        _ => {}
    }
}

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
        Mode::Inject(sel) => {
            let (list, marked) = injectables(g);
            let mut lines = vec![Line::styled(
                if marked {
                    "Events the scenario offers as injects:"
                } else {
                    "The scenario marks no event injectable; all its events:"
                },
                th.dim(),
            )];
            for (i, e) in list.iter().enumerate() {
                let ev = &scn.events[*e];
                let style = if i == *sel {
                    th.selected()
                } else {
                    ratatui::style::Style::new()
                };
                lines.push(Line::styled(
                    format!(" {} — {}", ev.id, clean(&ev.name)),
                    style,
                ));
            }
            lines.push(Line::styled(
                "Enter queues it for the coming turn · Esc cancels",
                th.key(),
            ));
            popup(f, " Inject an event ", lines);
        }
        Mode::News(form) => {
            let mark = |i: usize| if form.field == i { "▶ " } else { "  " };
            let name = |i: usize| clean(scn.actors.get(i).map_or("?", |x| x.name.as_str()));
            popup(
                f,
                " A news item ",
                vec![
                    Line::raw(format!("{}Headline: {}_", mark(0), clean(&form.headline))),
                    Line::raw(format!("{}Between:  ◂ {} ▸", mark(1), name(form.a))),
                    Line::raw(format!("{}and:      ◂ {} ▸", mark(2), name(form.b))),
                    Line::raw(format!("{}Tension:  ◂ {:+} ▸", mark(3), form.amount)),
                    Line::styled(
                        "Tab/↑↓ field · ←→ change · Enter queues it for the coming turn · Esc cancels",
                        th.key(),
                    ),
                ],
            );
        }
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

/// Runs the console in the local terminal until the instructor quits.
pub fn run(hosted: &Hosted) -> std::io::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return Err(std::io::Error::other(
            "the instructor console needs a terminal",
        ));
    }
    let mut terminal = ratatui::init();
    let mut c = Console::new(Theme::from_env());
    let addr = hosted.classroom.local_addr();
    let host_name = if addr.ip().is_unspecified() {
        "THIS-COMPUTER".to_string()
    } else {
        addr.ip().to_string()
    };
    let mut info = ServerInfo {
        how: format!("ssh -p {} SEAT@{host_name}", addr.port()),
        fingerprint: hosted.classroom.fingerprint().to_string(),
        codes: hosted
            .classroom
            .codes()
            .iter()
            .map(|(s, k)| (s.to_string(), k.to_string()))
            .collect(),
        screens: Vec::new(),
    };
    let result = (|| -> std::io::Result<()> {
        loop {
            for e in hosted.classroom.drain_log() {
                let at =
                    e.at.duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs() as i64);
                c.push_log(at, e.event.to_string());
            }
            info.screens = hosted
                .classroom
                .connections()
                .into_iter()
                .map(|k| (k.seat, 1))
                .collect();
            {
                let g = hosted.host.lock();
                terminal.draw(|f| draw(&mut c, &g, &info, f))?;
            }
            if event::poll(Duration::from_millis(250))? {
                if let Event::Key(k) = event::read()? {
                    let classroom = &hosted.classroom;
                    key(&mut c, &hosted.host, k, &mut |seat| {
                        classroom.kick_seat(
                            seat,
                            "the instructor closed this screen; reconnect with your code",
                        )
                    });
                }
                if c.quit {
                    let mut g = hosted.host.lock();
                    g.log("stopped the class".into());
                    return Ok(());
                }
            }
        }
    })();
    ratatui::restore();
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::referee::{Keep, Match};
    use crossterm::event::KeyEventState;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use std::sync::Arc;

    fn host() -> Host {
        let scn = Arc::new(crate::scenario::resolve(None).expect("bundled"));
        let mut seats = vec![Seat::Human; scn.n()];
        seats[1] = Seat::Ai(crate::ai::Policy::Utility);
        let game = Match::new(scn, 3, seats, Keep::Everything);
        Host::new(
            game,
            crate::save::GameId::parse("0123456789abcdef").expect("id"),
            Some(Duration::from_secs(8 * 60)),
        )
    }

    fn info() -> ServerInfo {
        ServerInfo {
            how: "ssh -p 2222 SEAT@192.168.1.20".into(),
            fingerprint: "SHA256:TESTFINGERPRINTtestfingerprint0123456789abc".into(),
            codes: vec![
                ("us".into(), "orbit-maple-tunnel-sugar".into()),
                ("dprk".into(), "amber-cloud-ferry-lemon".into()),
                ("china".into(), "basket-drum-echo-frost".into()),
                ("japan".into(), "giant-harbor-island-jelly".into()),
                ("projector".into(), "kettle-lunar-magnet-noble".into()),
            ],
            screens: vec![
                ("us".into(), 2),
                ("dprk".into(), 1),
                ("projector".into(), 1),
            ],
        }
    }

    fn press(c: &mut Console, h: &Host, code: KeyCode) {
        let k = KeyEvent {
            code,
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        };
        key(c, h, k, &mut |_| 0);
    }

    fn screen(c: &mut Console, h: &Host) -> String {
        let mut t = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        let g = h.lock();
        t.draw(|f| draw(c, &g, &info(), f)).expect("draw");
        format!("{}", t.backend())
    }

    #[test]
    fn console_shows_seats_codes_clock_and_fingerprint() {
        let h = host();
        let mut c = Console::new(Theme { color: false });
        insta::assert_snapshot!(screen(&mut c, &h));
    }

    #[test]
    fn instructor_actions_are_logged_and_injects_queued() {
        let h = host();
        let mut c = Console::new(Theme { color: false });
        press(&mut c, &h, KeyCode::Char('p'));
        assert!(!h.lock().clock.paused(), "p starts the clock");
        press(&mut c, &h, KeyCode::Char('p'));
        assert!(h.lock().clock.paused());
        press(&mut c, &h, KeyCode::Char('+'));
        press(&mut c, &h, KeyCode::Char('i'));
        assert!(matches!(c.mode, Mode::Inject(0)));
        press(&mut c, &h, KeyCode::Enter);
        assert_eq!(h.lock().pending_injects().len(), 1);
        let g = h.lock();
        let what: Vec<&str> = g.actions.iter().map(|a| a.what.as_str()).collect();
        assert_eq!(what.len(), 4, "{what:?}");
        assert!(what[3].starts_with("injected event "), "{what:?}");
        // The same record is in the game, so it goes into the save.
        let noted: Vec<&str> = g
            .game()
            .instructor_notes()
            .iter()
            .map(|n| n.what.as_str())
            .collect();
        assert_eq!(noted, what, "the save's instructor log");
        drop(g);
        let text = screen(&mut c, &h);
        assert!(text.contains("Queued for the coming turn"), "{text}");
        // A news item from the form.
        press(&mut c, &h, KeyCode::Char('n'));
        for ch in "Ferry sinks".chars() {
            press(&mut c, &h, KeyCode::Char(ch));
        }
        press(&mut c, &h, KeyCode::Enter);
        assert_eq!(h.lock().pending_injects().len(), 2);
        assert!(matches!(
            &h.lock().pending_injects()[1],
            Inject::News { headline, effects } if headline == "Ferry sinks" && effects.len() == 1
        ));
        // r before the end reveals nothing.
        press(&mut c, &h, KeyCode::Char('r'));
        assert!(!h.lock().revealed);
    }
}
