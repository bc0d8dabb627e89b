//! Owning the terminal: raw mode, the alternate screen, mouse capture and
//! bracketed paste are switched on together and always switched off
//! again — when the guard drops (normal exit, error, unwinding), in the
//! panic hook, and for a while around a suspend (Ctrl-Z, `fg`).

use std::io::{self, stdout};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};

/// Restores the terminal when dropped.
pub struct Guard {
    _private: (),
}

impl Guard {
    /// Switches the terminal into the game's mode.
    pub fn enter() -> io::Result<(DefaultTerminal, Guard)> {
        // ratatui's hook restores raw mode and the alternate screen; ours,
        // installed after, first turns mouse capture and paste off.
        let terminal = match ratatui::try_init() {
            Ok(t) => t,
            Err(e) => {
                ratatui::restore();
                return Err(e);
            }
        };
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
            previous(info);
        }));
        let guard = Guard { _private: () };
        execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)?;
        Ok((terminal, guard))
    }

    /// Gives the terminal back to the shell for a while (before the
    /// process stops on Ctrl-Z): paste and mouse reporting off, the
    /// alternate screen left, raw mode off. Errors are ignored: the
    /// terminal may already be gone.
    pub fn suspend(&mut self) {
        restore();
    }

    /// Takes the terminal again (after `fg`): raw mode, the alternate
    /// screen, mouse reporting and paste on, and the next frame drawn in
    /// full, since the shell has drawn over the screen meanwhile.
    pub fn resume(&mut self, terminal: &mut DefaultTerminal) -> io::Result<()> {
        enable_raw_mode()?;
        execute!(
            stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste,
            Clear(ClearType::All)
        )?;
        // Forget what the last frame put on the screen by drawing a blank
        // one over it (`Terminal::clear` would ask the terminal for the
        // cursor position, which the input thread's read holds): the next
        // frame is then drawn in full.
        terminal
            .draw(|f| f.render_widget(ratatui::widgets::Clear, f.area()))
            .map(|_| ())
    }
}

/// Everything the game switched on, switched off.
fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}
