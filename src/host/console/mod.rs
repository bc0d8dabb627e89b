//! The instructor console: the control cell of a hosted game, in the
//! local terminal. It lists the seats (connected screens, drafted and
//! submitted orders, join codes), the host key's fingerprint and the
//! deadline, and runs the exercise: pause, extend, end the turn, inject
//! an event, reveal the debrief, kick a team's screens, look at any
//! seat's perspective or at the wall. Every action enters the host's log
//! (the classroom file beside the save; injects are in the save too).

use std::collections::VecDeque;

use crate::scenario::ActorId;
use crate::tui::theme::Theme;

use super::game::{HostGame, MissingPolicy};
use super::seat::SeatScreen;

mod draw;
mod inject;
mod keys;
mod news;
mod terminal;
#[cfg(test)]
mod tests;

pub use draw::draw;
pub use inject::injectables;
pub use keys::key;
pub use news::NewsForm;
pub use terminal::run;

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

/// The seat rows: every actor, then the projector.
fn rows(g: &HostGame) -> Vec<Option<ActorId>> {
    let mut out: Vec<Option<ActorId>> = g.scenario().actor_ids().map(Some).collect();
    out.push(None);
    out
}

/// What a key did to a form (the inject list or the news item): whether
/// the form closes, and a line of feedback for the instructor.
struct FormKey {
    close: bool,
    message: Option<String>,
}
