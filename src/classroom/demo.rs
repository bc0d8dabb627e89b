//! A stand-in game for the classroom server: shows the seat, the terminal
//! size and the last key. Used by the tests, the load test and the manual
//! example (`cargo run --example classroom_demo`), so the SSH layer can be
//! tried and measured without the real game.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use super::{AppControl, ConnectionId, Lobby, SeatApp, SeatContext};

/// A lobby whose screens show who they are and what was typed.
///
/// `ticks` is a counter shown on every screen: bump it and call
/// [`super::Notifier::redraw_all`] to see updates reach the clients. With
/// `noise`, the rest of each screen is filled with letters that change with
/// every tick, so each frame rewrites the whole screen (to test slow clients).
#[derive(Clone, Debug, Default)]
pub struct DemoLobby {
    /// Shared tick counter shown on every screen.
    pub ticks: Arc<AtomicU64>,
    /// Fill screens with tick-dependent letters.
    pub noise: bool,
    /// Seats whose screens the lobby refuses to open (to test refusals).
    pub refuse: Vec<String>,
}

impl Lobby for DemoLobby {
    fn open(&self, seat: &str, ctx: &SeatContext) -> Result<Box<dyn SeatApp>, String> {
        if self.refuse.iter().any(|s| s == seat) {
            return Err(format!("seat {seat} is played by the computer"));
        }
        Ok(Box::new(DemoApp {
            seat: seat.to_owned(),
            connection: ctx.connection,
            size: ctx.size,
            last_key: "none".into(),
            keys: 0,
            ticks: self.ticks.clone(),
            noise: self.noise,
        }))
    }
}

/// One demo screen.
struct DemoApp {
    seat: String,
    connection: ConnectionId,
    size: (u16, u16),
    last_key: String,
    keys: u64,
    ticks: Arc<AtomicU64>,
    noise: bool,
}

impl SeatApp for DemoApp {
    fn event(&mut self, event: Event) -> AppControl {
        match event {
            Event::Key(key) => {
                let quit = matches!(key.code, KeyCode::Char('q')) && key.modifiers.is_empty()
                    || key.code == KeyCode::Char('c') && key.modifiers == KeyModifiers::CONTROL;
                if quit {
                    return AppControl::Close;
                }
                self.keys += 1;
                self.last_key = describe(&key);
            }
            Event::Paste(text) => {
                self.keys += 1;
                self.last_key = format!("paste of {} bytes", text.len());
            }
            Event::Resize(cols, rows) => self.size = (cols, rows),
            _ => {}
        }
        AppControl::Continue
    }

    fn draw(&mut self, frame: &mut Frame) {
        let area = frame.area();
        let [top, rest] = Layout::vertical([Constraint::Length(8), Constraint::Min(0)]).areas(area);
        let tick = self.ticks.load(Ordering::Relaxed);
        let lines = vec![
            Line::from(format!("seat: {}", self.seat)),
            Line::from(format!("size: {}x{}", self.size.0, self.size.1)),
            Line::from(format!("last key: {}", self.last_key)),
            Line::from(format!("keys: {}", self.keys)),
            Line::from(format!("tick: {tick}")),
            Line::from(format!("connection {} - press q to leave", self.connection)),
        ];
        let block = Block::bordered().title(" Flashpoint classroom demo ");
        frame.render_widget(Paragraph::new(lines).block(block), top);
        if self.noise && rest.height > 0 {
            let rows: Vec<Line> = (0..rest.height)
                .map(|r| {
                    let c = char::from(b'a' + ((tick + u64::from(r)) % 26) as u8);
                    Line::from(c.to_string().repeat(usize::from(rest.width)))
                })
                .collect();
            frame.render_widget(Paragraph::new(rows), rest);
        }
    }
}

/// A key as a person would name it: `a`, `Ctrl+c`, `Shift+Up`, `F5`.
pub fn describe(key: &KeyEvent) -> String {
    let mut s = String::new();
    let m = key.modifiers;
    if m.contains(KeyModifiers::CONTROL) {
        s.push_str("Ctrl+");
    }
    if m.contains(KeyModifiers::ALT) {
        s.push_str("Alt+");
    }
    let is_char = matches!(key.code, KeyCode::Char(_));
    if m.contains(KeyModifiers::SHIFT) && !is_char {
        s.push_str("Shift+");
    }
    match key.code {
        KeyCode::Char(' ') => s.push_str("Space"),
        KeyCode::Char(c) => s.push(c),
        KeyCode::F(n) => s.push_str(&format!("F{n}")),
        other => s.push_str(&format!("{other:?}")),
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEventKind, KeyEventState};

    fn k(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn keys_are_named_for_people() {
        assert_eq!(describe(&k(KeyCode::Char('a'), KeyModifiers::NONE)), "a");
        assert_eq!(describe(&k(KeyCode::Char('A'), KeyModifiers::SHIFT)), "A");
        assert_eq!(
            describe(&k(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            "Ctrl+c"
        );
        assert_eq!(describe(&k(KeyCode::Up, KeyModifiers::SHIFT)), "Shift+Up");
        assert_eq!(describe(&k(KeyCode::F(5), KeyModifiers::NONE)), "F5");
        assert_eq!(
            describe(&k(KeyCode::Char(' '), KeyModifiers::NONE)),
            "Space"
        );
    }
}
