//! The classroom: every team at its own terminal over plain SSH.
//!
//! This module is the transport and security layer only; it knows nothing of
//! the game. A [`Classroom`] listens on one address, lets a team in with its
//! seat name as the SSH user and its [`JoinCode`] as the password, and gives
//! each connection a ratatui screen sized to the student's terminal. What
//! that screen shows is asked of the caller through two traits:
//!
//! - [`Lobby`]: given an authenticated seat, open a [`SeatApp`] for it;
//! - [`SeatApp`]: one connection's screen — it gets crossterm [`Event`]s
//!   (keys, paste, resize) and draws ratatui frames, exactly as a local TUI
//!   would.
//!
//! When the game changes, the caller wakes the screens with a [`Notifier`]
//! (all, one seat, or one connection) and each redraws. The instructor
//! console lists connections ([`Classroom::connections`]), kicks them, and
//! reads what happened ([`Classroom::drain_log`]).
//!
//! The engine stays synchronous: the server runs on its own small tokio
//! runtime (threads named `classroom`) and every method of [`Classroom`] and
//! [`Notifier`] is a plain blocking-free call usable from any thread.
//!
//! Safety rails, all in [`Limits`]: a refused code costs about a second and
//! repeated failures lock an address out; nothing but a pty and a shell is
//! granted (no exec, subsystem, agent, X11 or port forwarding); input and
//! output are bounded per connection (a client that stops reading gets its
//! frames coalesced, not queued); idle and half-open connections are closed.
//!
//! # Plugging in the game
//!
//! ```text
//! let key = HostKey::load_or_create(&saves.join("host_key"))?;   // 0600, dir 0700
//! let codes = save.codes.unwrap_or(JoinCodes::generate(&seat_names)?); // keep on resume
//! let classroom = Classroom::start(ClassroomConfig::new(addr, key, codes), MyLobby { game })?;
//! console shows classroom.fingerprint(), classroom.codes(), classroom.connections()
//! after each game change: classroom.notifier().redraw_all()  (or redraw_seat)
//! ```
//!
//! `MyLobby::open(seat, ctx)` returns a `SeatApp` holding the seat name and
//! a handle to the shared game; its `draw` renders *that seat's* perspective
//! only. The server never tells an app which other seats exist.
//!
//! # Why russh with `ring`
//!
//! russh's default crypto backend, aws-lc-rs, builds the AWS-LC C library.
//! On the 2-core build machine (shared, load 4–9 during the runs), a scratch
//! crate with russh 0.65 + tokio, `cargo build -j2`, clean target:
//!
//! | backend | whole tree: CPU (user+sys) | wall | rebuild of the crypto crate and its dependents: CPU | wall |
//! |---|---|---|---|---|
//! | `ring` | 486 s | 1058 s | 61 s | 133 s |
//! | `aws-lc-rs` | 578 s | 1847 s | 128 s | 373 s |
//!
//! (`/usr/bin/time cargo build -j2 --timings`; the second pair after
//! `cargo clean -p ring` or `-p aws-lc-sys -p aws-lc-rs`.) aws-lc-sys's build
//! script alone took 623 s of wall time against ring's 31 s. With `ring`, an
//! OpenSSH 9.2 client negotiates curve25519-sha256, ssh-ed25519 and
//! chacha20-poly1305 (checked with `ssh -v`), so the server uses `ring`.

pub mod auth;
pub mod backend;
pub mod demo;
pub mod hostkey;
pub mod input;
mod registry;
mod seat;
mod ssh;

use std::net::SocketAddr;
use std::time::Duration;

pub use crossterm::event::Event;
pub use ratatui::Frame;

pub use auth::{CodeError, JoinCode, JoinCodes, ThrottlePolicy};
pub use hostkey::{HostKey, HostKeyError};
pub use registry::{ClassroomEvent, ConnectionId, ConnectionInfo, LogEntry, Notifier};
pub use ssh::{Classroom, ClassroomError};

/// What the server asks of the game: the screen for a seat.
///
/// Called on the server's threads; keep it quick (no blocking I/O).
pub trait Lobby: Send + Sync + 'static {
    /// A new screen for an authenticated connection to `seat`. The join code
    /// was already checked by the server (only that seat's code gets here).
    /// `Err(message)` refuses the connection: the student sees the message
    /// (e.g. "this seat is played by the computer").
    fn open(&self, seat: &str, ctx: &SeatContext) -> Result<Box<dyn SeatApp>, String>;
}

/// A shared lobby is a lobby: the caller can keep an `Arc` to it.
impl<L: Lobby> Lobby for std::sync::Arc<L> {
    fn open(&self, seat: &str, ctx: &SeatContext) -> Result<Box<dyn SeatApp>, String> {
        (**self).open(seat, ctx)
    }
}

/// One connection's screen: gets input, draws frames, may ask to close.
///
/// Called from the connection's own task, one call at a time. The calls run
/// on the server's async threads (two by default), so they must not wait
/// for anything slow — an AI search, file I/O, or a lock that another thread
/// holds during a long computation: lock the game, read or update, unlock.
/// A panic ends this connection only (the student's terminal is restored).
pub trait SeatApp: Send {
    /// A key, paste, focus or resize event from the student's terminal.
    fn event(&mut self, event: Event) -> AppControl;

    /// Draws the whole screen (ratatui sends only what changed).
    fn draw(&mut self, frame: &mut Frame);

    /// The connection ended (student left, kicked, idle, server stopping).
    fn closed(&mut self) {}
}

/// What a [`SeatApp`] wants after an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppControl {
    /// Keep going (the screen is redrawn).
    Continue,
    /// End this connection: the student's terminal is restored and the
    /// SSH session closes.
    Close,
}

/// What a [`Lobby`] knows about a connection it opens a screen for.
#[derive(Clone, Debug)]
pub struct SeatContext {
    /// The connection (to find it in [`Classroom::connections`]).
    pub connection: ConnectionId,
    /// The student's terminal size, columns × rows.
    pub size: (u16, u16),
    /// The client's address.
    pub peer: SocketAddr,
    /// The `TERM` the client announced (e.g. `xterm-256color`).
    pub term: String,
    /// Wakes screens when this one changes something others show.
    pub notifier: Notifier,
}

/// Everything a [`Classroom`] needs to start.
#[derive(Clone, Debug)]
pub struct ClassroomConfig {
    /// The one address and port to listen on (e.g. `0.0.0.0:2222` for a
    /// class on the LAN, `127.0.0.1:0` for tests). Nothing else listens.
    pub listen: SocketAddr,
    /// The host key, from [`HostKey::load_or_create`].
    pub host_key: HostKey,
    /// Seats and their join codes; the seat name is the SSH user name.
    pub codes: JoinCodes,
    /// Text shown by SSH clients before the code prompt.
    pub banner: Option<String>,
    /// Timeouts and bounds.
    pub limits: Limits,
}

impl ClassroomConfig {
    /// A configuration with default [`Limits`] and banner.
    pub fn new(listen: SocketAddr, host_key: HostKey, codes: JoinCodes) -> Self {
        Self {
            listen,
            host_key,
            codes,
            banner: Some(DEFAULT_BANNER.to_owned()),
            limits: Limits::default(),
        }
    }
}

/// The banner students see before the prompt: what to type.
pub const DEFAULT_BANNER: &str = "Flashpoint classroom: log in as your seat (ssh -p PORT SEAT@HOST);\r\n\
your team's join code (four words) is the password.\r\n";

/// Timeouts and bounds of the server. The defaults suit a class of 30
/// connections on a teacher's laptop.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Connections at once (more are closed on arrival).
    pub max_connections: usize,
    /// Time to log in and open the screen; slower connections are closed.
    pub login_grace: Duration,
    /// Time a refused code takes (slows guessing; OpenSSH uses about 1 s too).
    pub rejection_delay: Duration,
    /// Lock-outs for addresses that keep failing.
    pub throttle: ThrottlePolicy,
    /// A connection with no key pressed for this long is closed (`None`:
    /// never). Waiting for a deadline is not idling: keep this long.
    pub idle_timeout: Option<Duration>,
    /// How often an SSH keepalive checks a silent client...
    pub keepalive_interval: Duration,
    /// ...and how many may go unanswered before the connection is dropped.
    pub keepalive_max: usize,
    /// A lone Esc is reported after this quiet time (an escape sequence
    /// arrives faster; see [`input`]).
    pub esc_timeout: Duration,
    /// Bytes of one bracketed paste kept; the rest is dropped.
    pub paste_max: usize,
    /// The largest terminal served; bigger ones are drawn in the top-left
    /// corner (bounds the memory of a screen).
    pub max_size: (u16, u16),
    /// Frames per connection are at least this far apart (bursts of game
    /// updates coalesce into one frame).
    pub min_frame_interval: Duration,
    /// Redraw every screen this often even without a notification (e.g. a
    /// countdown clock); `None`: only on input or [`Notifier`] calls.
    pub redraw_every: Option<Duration>,
    /// Threads of the server's runtime.
    pub worker_threads: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_connections: 64,
            login_grace: Duration::from_secs(60),
            rejection_delay: Duration::from_secs(1),
            throttle: ThrottlePolicy::default(),
            idle_timeout: Some(Duration::from_secs(60 * 60)),
            keepalive_interval: Duration::from_secs(15),
            keepalive_max: 4,
            esc_timeout: Duration::from_millis(40),
            paste_max: 16 * 1024,
            max_size: (320, 120),
            min_frame_interval: Duration::from_millis(10),
            redraw_every: None,
            worker_threads: 2,
        }
    }
}
