//! One connection's screen: its own task, its own terminal, bounded output.
//!
//! The task waits for the pty and shell requests, asks the [`Lobby`] for a
//! [`SeatApp`], then loops: channel data → [`InputParser`] → app events;
//! wake-ups and input mark the screen dirty; a dirty screen is drawn only
//! when the writer has room. The writer is a second task with a one-frame
//! mailbox that sends with SSH flow control, so a client that stops reading
//! blocks only its own writer: its task keeps taking input and coalesces
//! every later change into the next frame instead of queueing frames.
//!
//! ratatui draws differences from the previous frame, so frames are never
//! dropped once drawn (the client's screen would go wrong) — they are just
//! drawn less often.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crossterm::event::Event;
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::server::Msg;
use russh::{Channel, ChannelMsg, ChannelReadHalf, ChannelWriteHalf};
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until, timeout};

use super::backend::{ChannelBackend, ENTER, LEAVE};
use super::input::InputParser;
use super::registry::{ClassroomEvent, ConnCtl, ConnStats, Entry, Notifier, Phase};
use super::ssh::Shared;
use super::{AppControl, Limits, SeatApp, SeatContext};

/// How long goodbye bytes may take to reach a client before giving up.
const GOODBYE_TIMEOUT: Duration = Duration::from_secs(2);

/// What the screen task hands the writer task.
enum Out {
    Bytes(Vec<u8>),
    Finish { exit_status: u32 },
}

/// Why a screen ended.
enum Close {
    App,
    ClientGone,
    Kicked(String),
    Idle(Duration),
    Shutdown,
    Failed(&'static str),
}

impl Close {
    fn log_reason(&self) -> String {
        match self {
            Self::App => "left".into(),
            Self::ClientGone => "connection closed".into(),
            Self::Kicked(m) => format!("kicked: {m}"),
            Self::Idle(d) => format!("no input for {} min", d.as_secs() / 60),
            Self::Shutdown => "server stopped".into(),
            Self::Failed(m) => (*m).into(),
        }
    }

    /// What the student reads once their terminal is restored.
    fn message(&self) -> Option<String> {
        match self {
            Self::App | Self::ClientGone => None,
            Self::Kicked(m) => Some(format!("Flashpoint: {m}")),
            Self::Idle(d) => Some(format!(
                "Flashpoint: disconnected after {} minutes without a key press. Reconnect with the same command and code.",
                d.as_secs() / 60
            )),
            Self::Shutdown => Some("Flashpoint: the host stopped the classroom server.".into()),
            Self::Failed(m) => Some(format!("Flashpoint: {m}.")),
        }
    }

    fn exit_status(&self) -> u32 {
        match self {
            Self::App | Self::ClientGone | Self::Shutdown | Self::Idle(_) => 0,
            Self::Kicked(_) | Self::Failed(_) => 1,
        }
    }
}

/// Clamps a size announced by the client to what the server will draw.
fn clamp_size(cols: u32, rows: u32, limits: &Limits) -> (u16, u16) {
    let (max_c, max_r) = limits.max_size;
    let c = cols.clamp(1, u32::from(max_c.max(1)));
    let r = rows.clamp(1, u32::from(max_r.max(1)));
    (c as u16, r as u16)
}

/// Ends a connection's screen however its task ends (return or panic):
/// the registry forgets it and the supervisor may cut the connection.
struct EndGuard {
    shared: Arc<Shared>,
    ctl: Arc<ConnCtl>,
}

impl Drop for EndGuard {
    fn drop(&mut self) {
        self.shared.registry.remove(self.ctl.id);
        self.ctl.phase.send_replace(Phase::Ended);
    }
}

/// Runs one session channel from its opening to its end.
pub(crate) async fn run(
    channel: Channel<Msg>,
    shared: Arc<Shared>,
    ctl: Arc<ConnCtl>,
    seat: String,
) {
    let _guard = EndGuard {
        shared: shared.clone(),
        ctl: ctl.clone(),
    };
    let (mut rx, tx) = channel.split();
    let Some(pty) = wait_for_shell(&mut rx, &shared.limits).await else {
        let _ = tx.close().await;
        return;
    };
    ctl.phase.send_replace(Phase::Running);

    let stats = Arc::new(ConnStats::default());
    stats
        .last_input_ms
        .store(shared.registry.now_ms(), Ordering::Relaxed);
    let (out_tx, out_rx) = mpsc::channel(1);
    let writer = tokio::spawn(write_loop(tx, out_rx, stats.clone()));
    let Some((size, term)) = pty else {
        finish(out_tx, writer, NEED_PTY.as_bytes().to_vec(), 1).await;
        return;
    };
    stats.set_size(size);

    let ctx = SeatContext {
        connection: ctl.id,
        size,
        peer: ctl.peer,
        term,
        notifier: Notifier {
            registry: shared.registry.clone(),
        },
    };
    let refusal = match catch_unwind(AssertUnwindSafe(|| shared.lobby.open(&seat, &ctx))) {
        Ok(Ok(app)) => Ok(app),
        Ok(Err(message)) => Err(message),
        Err(_) => Err("internal error opening your screen".to_owned()),
    };
    let app = match refusal {
        Ok(app) => app,
        Err(message) => {
            shared.registry.log(ClassroomEvent::Refused {
                peer: ctl.peer,
                reason: format!("seat {seat}: {message}"),
            });
            let text = format!("Flashpoint: {message}\r\n");
            finish(out_tx, writer, text.into_bytes(), 1).await;
            return;
        }
    };
    let terminal = match Terminal::with_options(
        ChannelBackend::new(size.0, size.1),
        TerminalOptions {
            viewport: Viewport::Fullscreen,
        },
    ) {
        Ok(t) => t,
        Err(_) => {
            // Only fails if the backend's size fails, which ours cannot.
            finish(
                out_tx,
                writer,
                b"Flashpoint: internal error.\r\n".to_vec(),
                1,
            )
            .await;
            return;
        }
    };
    shared.registry.insert(
        ctl.id,
        Entry {
            seat: seat.clone(),
            connected_at: std::time::SystemTime::now(),
            since: std::time::Instant::now(),
            stats: stats.clone(),
            ctl: ctl.clone(),
        },
    );
    shared.registry.log(ClassroomEvent::Connected {
        id: ctl.id,
        seat: seat.clone(),
        peer: ctl.peer,
    });

    let mut screen = Screen {
        terminal,
        app,
        parser: InputParser::new(shared.limits.paste_max),
        events: Vec::new(),
        stats: stats.clone(),
    };
    let reason = screen.run(&mut rx, &out_tx, &shared, &ctl).await;

    shared.registry.remove(ctl.id);
    shared.registry.log(ClassroomEvent::Disconnected {
        id: ctl.id,
        seat,
        reason: reason.log_reason(),
    });
    let mut app = screen.app;
    let _ = catch_unwind(AssertUnwindSafe(|| app.closed()));
    drop(app);
    let mut bye = LEAVE.to_vec();
    if let Some(m) = reason.message() {
        bye.extend_from_slice(m.as_bytes());
        bye.extend_from_slice(b"\r\n");
    }
    finish(out_tx, writer, bye, reason.exit_status()).await;
}

/// Shown to a client that asked for a shell without a terminal (`ssh -T`).
const NEED_PTY: &str = "Flashpoint needs an interactive terminal: connect with `ssh -p PORT SEAT@HOST` (no -T, no command).\r\n";

/// The pty of a shell request: size and `TERM`, or `None` without a pty.
type Pty = Option<((u16, u16), String)>;

/// Waits for the shell request and returns the pty asked for before it;
/// `None` if the client leaves first.
async fn wait_for_shell(rx: &mut ChannelReadHalf, limits: &Limits) -> Option<Pty> {
    let mut pty: Pty = None;
    loop {
        match rx.wait().await? {
            ChannelMsg::RequestPty {
                term,
                col_width,
                row_height,
                ..
            } if pty.is_none() => {
                pty = Some((clamp_size(col_width, row_height, limits), term));
            }
            ChannelMsg::WindowChange {
                col_width,
                row_height,
                ..
            } => {
                if let Some((size, _)) = pty.as_mut() {
                    *size = clamp_size(col_width, row_height, limits);
                }
            }
            ChannelMsg::RequestShell { .. } => return Some(pty),
            ChannelMsg::Eof | ChannelMsg::Close => return None,
            // exec, subsystem, env...: refused by the handler; data typed
            // before the screen opens is dropped.
            _ => {}
        }
    }
}

/// Sends the last bytes and closes the channel, giving up after
/// [`GOODBYE_TIMEOUT`] if the client does not read.
async fn finish(
    out_tx: mpsc::Sender<Out>,
    writer: tokio::task::JoinHandle<()>,
    bytes: Vec<u8>,
    exit_status: u32,
) {
    let _ = timeout(GOODBYE_TIMEOUT, async {
        let _ = out_tx.send(Out::Bytes(bytes)).await;
        let _ = out_tx.send(Out::Finish { exit_status }).await;
        drop(out_tx);
        let _ = writer.await;
    })
    .await;
}

/// Sends output with SSH flow control: `data_bytes` waits for the client's
/// window, so this task (only) stalls when the client stops reading.
async fn write_loop(tx: ChannelWriteHalf<Msg>, mut rx: mpsc::Receiver<Out>, stats: Arc<ConnStats>) {
    while let Some(out) = rx.recv().await {
        match out {
            Out::Bytes(bytes) => {
                let n = bytes.len() as u64;
                if tx.data_bytes(bytes).await.is_err() {
                    break;
                }
                stats.bytes_sent.fetch_add(n, Ordering::Relaxed);
            }
            Out::Finish { exit_status } => {
                let _ = tx.exit_status(exit_status).await;
                let _ = tx.eof().await;
                let _ = tx.close().await;
                break;
            }
        }
    }
}

/// The running screen of one connection.
struct Screen {
    terminal: Terminal<ChannelBackend>,
    app: Box<dyn SeatApp>,
    parser: InputParser,
    events: Vec<Event>,
    stats: Arc<ConnStats>,
}

impl Screen {
    /// Hands queued events to the app; `Some` if the screen must close.
    fn dispatch(&mut self) -> Option<Close> {
        if self.events.is_empty() {
            return None;
        }
        self.stats.redraws_requested.fetch_add(1, Ordering::Relaxed);
        for event in self.events.drain(..) {
            let app = &mut self.app;
            match catch_unwind(AssertUnwindSafe(|| app.event(event))) {
                Ok(AppControl::Continue) => {}
                Ok(AppControl::Close) => return Some(Close::App),
                Err(_) => return Some(Close::Failed("internal error in the game screen")),
            }
        }
        None
    }

    /// Draws a frame and returns its bytes.
    fn render(&mut self) -> Result<Vec<u8>, Close> {
        let app = &mut self.app;
        let terminal = &mut self.terminal;
        match catch_unwind(AssertUnwindSafe(|| {
            terminal.draw(|f| app.draw(f)).map(|_| ())
        })) {
            Ok(Ok(())) => Ok(self.terminal.backend_mut().take_output()),
            Ok(Err(_)) | Err(_) => Err(Close::Failed("internal error drawing the game screen")),
        }
    }

    async fn run(
        &mut self,
        rx: &mut ChannelReadHalf,
        out_tx: &mpsc::Sender<Out>,
        shared: &Shared,
        ctl: &ConnCtl,
    ) -> Close {
        let limits = &shared.limits;
        let mut kick = ctl.kick.subscribe();
        // A kick sent before we subscribed is already "seen": look at it now.
        if let Some(reason) = kick.borrow_and_update().clone() {
            return Close::Kicked(reason);
        }
        let mut shutdown = shared.shutdown.clone();
        if *shutdown.borrow_and_update() {
            return Close::Shutdown;
        }
        let mut ticker = limits.redraw_every.map(tokio::time::interval);
        let mut dirty = true;
        let mut first_frame = true;
        let mut next_frame = Instant::now();
        let mut esc_deadline: Option<Instant> = None;
        let mut last_input = Instant::now();

        loop {
            let now = Instant::now();
            let idle_at = limits.idle_timeout.map(|d| last_input + d);
            let frame_due = dirty && now >= next_frame;
            tokio::select! {
                msg = rx.wait() => match msg {
                    None | Some(ChannelMsg::Eof) | Some(ChannelMsg::Close) => return Close::ClientGone,
                    Some(ChannelMsg::Data { data }) => {
                        self.parser.feed(&data, &mut self.events);
                        last_input = now;
                        self.stats.last_input_ms.store(shared.registry.now_ms(), Ordering::Relaxed);
                        esc_deadline = self.parser.has_pending().then(|| now + limits.esc_timeout);
                        if let Some(close) = self.dispatch() {
                            return close;
                        }
                        dirty = true;
                    }
                    Some(ChannelMsg::WindowChange { col_width, row_height, .. }) => {
                        let (cols, rows) = clamp_size(col_width, row_height, limits);
                        self.terminal.backend_mut().set_size(cols, rows);
                        self.stats.set_size((cols, rows));
                        self.events.push(Event::Resize(cols, rows));
                        if let Some(close) = self.dispatch() {
                            return close;
                        }
                        dirty = true;
                    }
                    Some(_) => {}
                },
                () = sleep_until(esc_deadline.unwrap_or(now)), if esc_deadline.is_some() => {
                    esc_deadline = None;
                    self.parser.flush_pending(&mut self.events);
                    if let Some(close) = self.dispatch() {
                        return close;
                    }
                    dirty = true;
                }
                () = ctl.wake.notified() => {
                    self.stats.redraws_requested.fetch_add(1, Ordering::Relaxed);
                    dirty = true;
                }
                r = kick.changed() => {
                    let reason = kick.borrow_and_update().clone();
                    match (r, reason) {
                        (_, Some(reason)) => return Close::Kicked(reason),
                        (Err(_), None) => return Close::Shutdown,
                        (Ok(()), None) => {}
                    }
                }
                _ = shutdown.changed() => return Close::Shutdown,
                () = sleep_until(idle_at.unwrap_or(now)), if idle_at.is_some() => {
                    return Close::Idle(limits.idle_timeout.unwrap_or_default());
                }
                _ = async { match ticker.as_mut() { Some(t) => t.tick().await, None => std::future::pending().await } }, if ticker.is_some() => {
                    dirty = true;
                }
                permit = out_tx.reserve(), if frame_due => {
                    let Ok(permit) = permit else { return Close::ClientGone };
                    let mut bytes = match self.render() {
                        Ok(b) => b,
                        Err(close) => return close,
                    };
                    if first_frame {
                        let mut with_setup = ENTER.to_vec();
                        with_setup.append(&mut bytes);
                        bytes = with_setup;
                        first_frame = false;
                    }
                    // Nothing changed on screen (e.g. a clock tick on a
                    // screen without a clock): nothing to send.
                    if !bytes.is_empty() {
                        permit.send(Out::Bytes(bytes));
                        self.stats.frames_sent.fetch_add(1, Ordering::Relaxed);
                    }
                    dirty = false;
                    next_frame = Instant::now() + limits.min_frame_interval;
                }
                () = sleep_until(next_frame), if dirty && !frame_due => {}
            }
        }
    }
}
