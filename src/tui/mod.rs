//! The terminal game (ratatui + crossterm): an imperative shell around the
//! engine that shows what an actor may see and turns keys into orders.
//!
//! Elm style: a [`model::Model`], [`msg::Msg`]s made from terminal events
//! by the [`keymap`] table, [`update::update`] (the only place the model
//! changes) and [`view::view`] (pure drawing). The loop blocks on input,
//! so an idle game uses no CPU. No game rule lives here: legality, costs
//! and effects come from the engine.

pub mod draft;
pub mod keymap;
pub(crate) mod launch;
pub mod model;
pub mod mouse;
pub mod msg;
pub mod plain;
pub mod preview;
pub mod screens;
pub mod signals;
mod terminal;
pub mod text;
pub mod theme;
pub mod update;
pub mod view;
pub mod why;
pub mod widgets;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod debrief_tests;

use std::io::{self, IsTerminal};
use std::process::ExitCode;
use std::sync::mpsc;

use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use model::Model;
use msg::Msg;

/// What `flashpoint play` asks for: the command line's options, parsed
/// by the shell (`cli`), which the terminal game does not depend on.
#[derive(Debug, Clone, Default)]
pub struct PlayOptions {
    /// A scenario file or a bundled scenario id (default: the default scenario).
    pub scenario: Option<String>,
    /// Actors played by people, by id; the computer plays the rest.
    pub humans: Vec<String>,
    /// Seed of the game (default: the scenario's seed).
    pub seed: Option<u64>,
    /// Continue this saved game.
    pub load: Option<std::path::PathBuf>,
    /// Folder for saves (default: ./saves).
    pub saves_dir: Option<std::path::PathBuf>,
    /// Print scenario errors in colour (stderr is a terminal that wants it).
    pub color_errors: bool,
    /// How the computer plays the actors nobody plays (its strength).
    pub ai: crate::ai::Policy,
}

/// Opens the terminal game: the title screen, or straight into a game
/// when `play` options are given.
pub fn run(args: Option<PlayOptions>) -> ExitCode {
    let theme = theme::Theme::from_env();
    let model = match launch::model(args.as_ref(), (80, 24), theme) {
        Ok(m) => m,
        Err(code) => return code,
    };
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!("error: the game needs a terminal; `flashpoint simulate` plays without one");
        return ExitCode::FAILURE;
    }
    match event_loop(model) {
        Ok(end) => {
            if let Some(farewell) = end.farewell {
                // The terminal may be gone (SIGHUP): never panic on stdout.
                use std::io::Write;
                let _ = writeln!(io::stdout(), "{farewell}");
            }
            match end.signal {
                Some(sig) => ExitCode::from(u8::try_from(128 + sig).unwrap_or(1)),
                None => ExitCode::SUCCESS,
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// How the game ended: the message to print once the terminal is
/// restored (where the game was saved), and the signal that ended it.
struct End {
    farewell: Option<String>,
    signal: Option<i32>,
}

/// What wakes the event loop: a terminal event read on the input thread,
/// or a signal.
enum Input {
    Event(io::Result<Event>),
    Signal(i32),
}

/// Reads terminal events on a thread of their own, so that the loop can
/// wait for a key and a signal at once.
fn read_events(tx: mpsc::Sender<Input>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            loop {
                let ev = event::read();
                let failed = ev.is_err();
                if tx.send(Input::Event(ev)).is_err() || failed {
                    break;
                }
            }
        })
        .map(|_| ())
}

/// Runs the game until the player quits or a signal ends it.
fn event_loop(mut m: Model) -> io::Result<End> {
    let (tx, rx) = mpsc::channel();
    signals::listen(tx.clone(), Input::Signal)?;
    let (mut terminal, mut guard) = terminal::Guard::enter()?;
    let size = terminal.size()?;
    m.size = (size.width, size.height);
    read_events(tx)?;
    loop {
        terminal.draw(|f| view::view(&m, f))?;
        let input = match patience(&m) {
            Some(wait) => match rx.recv_timeout(wait) {
                Ok(i) => i,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    update::update(&mut m, Msg::Tick);
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return Err(gone()),
            },
            None => rx.recv().map_err(|_| gone())?,
        };
        match input {
            Input::Event(Ok(Event::Paste(text))) => update::paste(&mut m, &text),
            Input::Event(Ok(ev)) => {
                if let Some(msg) = translate(&m, &ev) {
                    update::update(&mut m, msg);
                }
            }
            Input::Event(Err(e)) => {
                // The terminal is gone: keep the game, then report.
                let _ = update::save_now(&m);
                return Err(e);
            }
            Input::Signal(sig) => match signals::action(sig) {
                Some(signals::Action::End { save, signal }) => {
                    let farewell = if save { update::save_now(&m) } else { None };
                    return Ok(End {
                        farewell,
                        signal: Some(signal),
                    });
                }
                Some(signals::Action::Suspend) => {
                    guard.suspend();
                    signals::stop();
                    guard.resume(&mut terminal)?;
                }
                Some(signals::Action::Resume) => guard.resume(&mut terminal)?,
                None => {}
            },
        }
        if m.quit {
            return Ok(End {
                farewell: m.farewell.take(),
                signal: None,
            });
        }
    }
}

/// The error when both the input and the signal threads have ended.
fn gone() -> io::Error {
    io::Error::other("the terminal's input ended")
}

/// How often the loop wakes while the computer players think.
pub const TICK: std::time::Duration = std::time::Duration::from_millis(100);

/// How long the event loop may wait for a key before it must wake: at
/// most [`TICK`] while the computer players think on their worker thread
/// (to collect their decisions and turn the spinner; a key that arrives
/// meanwhile is read at once, so `q` is answered within a frame), and
/// without limit otherwise, so an idle game uses no CPU.
pub fn patience(m: &Model) -> Option<std::time::Duration> {
    m.session
        .as_ref()
        .is_some_and(|s| s.thinking.is_some())
        .then_some(TICK)
}

/// The message a terminal event sends in the model's current context.
pub fn translate(m: &Model, ev: &Event) -> Option<Msg> {
    match ev {
        Event::Key(k) => {
            let area = Rect::new(0, 0, m.size.0, m.size.1);
            let small = screens::too_small::is_too_small(area);
            keymap::lookup(keymap::context(m, small), k)
        }
        Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        Event::Mouse(me) => match me.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click(me.column, me.row)),
            MouseEventKind::ScrollUp => Some(Msg::Up),
            MouseEventKind::ScrollDown => Some(Msg::Down),
            _ => None,
        },
        _ => None,
    }
}
