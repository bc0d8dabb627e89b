//! Owning the terminal: raw mode, the alternate screen and mouse capture
//! are switched on together and always switched off again — when the
//! guard drops (normal exit, error, unwinding) and in the panic hook.

use std::io::{self, stdout};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

/// Restores the terminal when dropped.
pub struct Guard {
    _private: (),
}

impl Guard {
    /// Switches the terminal into the game's mode.
    pub fn enter() -> io::Result<(DefaultTerminal, Guard)> {
        // ratatui's hook restores raw mode and the alternate screen; ours,
        // installed after, first turns mouse capture off.
        let terminal = match ratatui::try_init() {
            Ok(t) => t,
            Err(e) => {
                ratatui::restore();
                return Err(e);
            }
        };
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(stdout(), DisableMouseCapture);
            previous(info);
        }));
        let guard = Guard { _private: () };
        execute!(stdout(), EnableMouseCapture)?;
        Ok((terminal, guard))
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}
