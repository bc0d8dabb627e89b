//! The console's keys: what each key does on the main screen (pause,
//! extend, end the turn, reveal, kick, look at a seat or the wall) and in
//! the confirmations; the forms' own keys are in `inject` and `news`.

use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::classroom::SeatApp;
use crate::host::game::{Host, MissingPolicy, PROJECTOR};
use crate::host::seat::SeatScreen;

use super::inject::{self, injectables};
use super::model::{Console, Mode, NewsForm, rows};
use super::news;

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
            let done = news::key(form, host, k);
            c.answer(done);
            return;
        }
        Mode::Inject(i) => {
            let done = inject::key(i, host, k);
            c.answer(done);
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
                c.mode = Mode::News(NewsForm::start());
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
