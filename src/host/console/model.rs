//! The console's state: what it shows (the seats, the log, the mode it is
//! in: main screen, a form, a confirmation, a seat's or the wall's view)
//! and what it knows of the server.

use std::collections::VecDeque;

use crate::scenario::ActorId;
use crate::tui::theme::Theme;

use crate::host::game::{HostGame, MissingPolicy};
use crate::host::seat::SeatScreen;

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
    pub(super) fn code(&self, seat: &str) -> &str {
        self.codes
            .iter()
            .find(|(s, _)| s == seat)
            .map_or("—", |(_, c)| c.as_str())
    }

    pub(super) fn screens(&self, seat: &str) -> usize {
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
    /// Choosing an event to inject (index into [`super::injectables`]).
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
    /// The headline, as the news item will read (up to 100 characters).
    pub headline: String,
    /// The pair, as actor indices.
    pub a: usize,
    /// The other actor of the pair.
    pub b: usize,
    /// Change to the pair's tension.
    pub amount: i32,
    /// The field with the keyboard: 0 headline, 1 first actor, 2 second, 3 amount.
    pub field: usize,
}

impl NewsForm {
    /// A blank form: the first two actors, tension up by 10.
    pub(super) fn start() -> Self {
        NewsForm {
            b: 1,
            amount: 10,
            ..NewsForm::default()
        }
    }
}

/// The console's own state.
pub struct Console {
    /// The highlighted seat row (index into the seat rows).
    pub selected: usize,
    /// What fills the screen and takes the keys.
    pub mode: Mode,
    /// One line of feedback on the last key.
    pub message: Option<String>,
    /// Recent lines of the server's log, with their time (seconds since 1970).
    pub log: VecDeque<(i64, String)>,
    /// Colours, or none.
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

    /// Takes a form's answer to a key: its message, and back to the main
    /// screen when the form closes.
    pub(super) fn answer(&mut self, done: FormKey) {
        self.message = done.message;
        if done.close {
            self.mode = Mode::Main;
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

/// The seat rows: every actor, then the projector.
pub(super) fn rows(g: &HostGame) -> Vec<Option<ActorId>> {
    let mut out: Vec<Option<ActorId>> = g.scenario().actor_ids().map(Some).collect();
    out.push(None);
    out
}

/// What a key did to a form (the inject list or the news item): whether
/// the form closes, and a line of feedback for the instructor.
pub(super) struct FormKey {
    pub(super) close: bool,
    pub(super) message: Option<String>,
}
