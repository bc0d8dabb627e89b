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
mod launch;
pub mod model;
pub mod mouse;
pub mod msg;
pub mod preview;
pub mod screens;
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
        Ok(Some(farewell)) => {
            println!("{farewell}");
            ExitCode::SUCCESS
        }
        Ok(None) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the game until the player quits; returns the message to print
/// once the terminal is restored (where the game was saved).
fn event_loop(mut m: Model) -> io::Result<Option<String>> {
    let (mut terminal, _guard) = terminal::Guard::enter()?;
    let size = terminal.size()?;
    m.size = (size.width, size.height);
    loop {
        terminal.draw(|f| view::view(&m, f))?;
        if let Some(wait) = patience(&m)
            && !event::poll(wait)?
        {
            update::update(&mut m, Msg::Tick);
            continue;
        }
        let ev = event::read()?;
        if let Some(msg) = translate(&m, &ev) {
            update::update(&mut m, msg);
        }
        if m.quit {
            return Ok(m.farewell.take());
        }
    }
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
