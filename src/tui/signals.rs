//! Signals as messages for the event loop. A thread of signal-hook's
//! (whose handler only writes to a pipe, no other I/O) hands each signal
//! to the loop, which restores the terminal, saves or suspends itself in
//! ordinary code.

use std::sync::mpsc::Sender;

/// What the event loop does with a signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// End the game: restore the terminal, save first when `save`, and
    /// exit with `128 + signal`.
    End {
        /// Save the unfinished game before exiting.
        save: bool,
        /// The signal's number.
        signal: i32,
    },
    /// Ctrl-Z: restore the terminal, then really stop.
    Suspend,
    /// `fg`/`bg`: take the terminal again and redraw it in full.
    Resume,
}

/// The action for a signal number, if the game handles that signal.
/// SIGTERM and SIGHUP (the terminal window closed) save the game, and
/// so does SIGINT sent with `kill` (as Ctrl-C twice does); SIGQUIT and
/// SIGUSR1 end without saving.
#[cfg(unix)]
pub fn action(signal: i32) -> Option<Action> {
    use signal_hook::consts::signal::{
        SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1,
    };
    match signal {
        SIGTERM | SIGHUP | SIGINT => Some(Action::End { save: true, signal }),
        SIGQUIT | SIGUSR1 => Some(Action::End {
            save: false,
            signal,
        }),
        SIGTSTP => Some(Action::Suspend),
        SIGCONT => Some(Action::Resume),
        _ => None,
    }
}

/// The action for a signal number (no signals off Unix).
#[cfg(not(unix))]
pub fn action(_signal: i32) -> Option<Action> {
    None
}

/// Starts delivering the handled signals to `deliver`, turned into
/// messages by `wrap`, from a thread of their own.
#[cfg(unix)]
pub fn listen<T: Send + 'static>(deliver: Sender<T>, wrap: fn(i32) -> T) -> std::io::Result<()> {
    use signal_hook::consts::signal::{
        SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1,
    };
    let mut signals = signal_hook::iterator::Signals::new([
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGTSTP, SIGCONT,
    ])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for s in signals.forever() {
                if deliver.send(wrap(s)).is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}

/// Signals are not handled off Unix.
#[cfg(not(unix))]
pub fn listen<T: Send + 'static>(_deliver: Sender<T>, _wrap: fn(i32) -> T) -> std::io::Result<()> {
    Ok(())
}

/// Stops the process as Ctrl-Z would have without the game's handler;
/// returns once it is continued.
#[cfg(unix)]
pub fn stop() {
    // SAFETY: raise only sends a signal to this process.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
}

/// Nothing to stop off Unix.
#[cfg(not(unix))]
pub fn stop() {}
