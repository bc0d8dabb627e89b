//! Who is connected, how to wake them, and what happened.
//!
//! The registry is the one place shared by the connection tasks and the
//! instructor console: each connection with an open screen has an entry
//! (seat, address, times, counters, a wake-up and a kick switch). Locks are
//! held for a few field reads only, never across I/O, so a slow client
//! cannot hold up the console or other connections.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use tokio::sync::{Notify, watch};

/// A connection's number, unique for the life of a [`super::Classroom`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConnectionId(pub u64);

impl fmt::Display for ConnectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A connection as the instructor console shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectionInfo {
    /// Its number (to kick it).
    pub id: ConnectionId,
    /// The seat it logged in to.
    pub seat: String,
    /// The client's address.
    pub peer: SocketAddr,
    /// When the screen opened (wall clock, for display).
    pub connected_at: SystemTime,
    /// How long it has been connected.
    pub connected_for: Duration,
    /// Time since the student last typed something.
    pub idle_for: Duration,
    /// The terminal size, columns × rows.
    pub size: (u16, u16),
    /// Frames sent to it.
    pub frames_sent: u64,
    /// Redraws asked for (input, notifications); more than `frames_sent`
    /// when several were coalesced into one frame.
    pub redraws_requested: u64,
    /// Bytes of screen output handed to SSH.
    pub bytes_sent: u64,
}

/// Counters a connection task updates without taking a lock.
#[derive(Debug, Default)]
pub(crate) struct ConnStats {
    /// Milliseconds since the registry's epoch at the last input.
    pub last_input_ms: AtomicU64,
    pub frames_sent: AtomicU64,
    pub redraws_requested: AtomicU64,
    pub bytes_sent: AtomicU64,
    /// cols << 16 | rows
    pub size: AtomicU32,
}

impl ConnStats {
    pub fn set_size(&self, (cols, rows): (u16, u16)) {
        self.size
            .store(u32::from(cols) << 16 | u32::from(rows), Ordering::Relaxed);
    }
}

/// Where a connection is in its life (the supervisor watches this).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Logging in, or logged in but no screen yet (login grace applies).
    Login,
    /// The screen is open.
    Running,
    /// The screen said goodbye: the connection may be cut.
    Ended,
}

/// The switches of one TCP connection, shared by its SSH handler, its
/// screen task, the supervisor and (while the screen is open) the registry.
pub(crate) struct ConnCtl {
    pub id: ConnectionId,
    pub peer: SocketAddr,
    pub phase: watch::Sender<Phase>,
    /// `Some(message)`: close the screen, showing the message.
    pub kick: watch::Sender<Option<String>>,
    /// Redraw request (permits coalesce).
    pub wake: Notify,
}

impl ConnCtl {
    pub fn new(id: ConnectionId, peer: SocketAddr) -> Self {
        Self {
            id,
            peer,
            phase: watch::Sender::new(Phase::Login),
            kick: watch::Sender::new(None),
            wake: Notify::new(),
        }
    }
}

/// One open screen.
pub(crate) struct Entry {
    pub seat: String,
    pub connected_at: SystemTime,
    pub since: Instant,
    pub stats: Arc<ConnStats>,
    pub ctl: Arc<ConnCtl>,
}

/// Something that happened, for the instructor console and the game log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClassroomEvent {
    /// A screen opened for `seat`.
    Connected {
        /// The connection.
        id: ConnectionId,
        /// Its seat.
        seat: String,
        /// Its address.
        peer: SocketAddr,
    },
    /// A screen closed.
    Disconnected {
        /// The connection.
        id: ConnectionId,
        /// Its seat.
        seat: String,
        /// Why, in words.
        reason: String,
    },
    /// A wrong code (or unknown seat) was refused.
    AuthFailed {
        /// The user name tried.
        seat: String,
        /// From where.
        peer: SocketAddr,
    },
    /// An address failed too often and is locked out.
    LockedOut {
        /// The address.
        ip: IpAddr,
        /// For how long.
        duration: Duration,
    },
    /// A connection was refused or closed before it had a screen.
    Refused {
        /// From where.
        peer: SocketAddr,
        /// Why, in words.
        reason: String,
    },
}

impl fmt::Display for ClassroomEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Connected { id, seat, peer } => write!(f, "{seat} connected from {peer} ({id})"),
            Self::Disconnected { id, seat, reason } => {
                write!(f, "{seat} disconnected ({id}): {reason}")
            }
            Self::AuthFailed { seat, peer } => {
                write!(f, "wrong join code for {seat:?} from {peer}")
            }
            Self::LockedOut { ip, duration } => write!(
                f,
                "{ip} locked out for {} s after repeated wrong codes",
                duration.as_secs()
            ),
            Self::Refused { peer, reason } => write!(f, "connection from {peer} refused: {reason}"),
        }
    }
}

/// An event and when it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    /// Wall-clock time.
    pub at: SystemTime,
    /// What happened.
    pub event: ClassroomEvent,
}

/// Log entries kept until the console drains them (oldest dropped first).
const LOG_CAPACITY: usize = 1000;

/// Connections with a screen, and the event log.
pub(crate) struct Registry {
    epoch: Instant,
    entries: Mutex<HashMap<ConnectionId, Entry>>,
    log: Mutex<VecDeque<LogEntry>>,
}

/// Takes a lock even if a panicking thread poisoned it: the data are
/// counters and handles that stay valid.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Registry {
    pub fn new() -> Self {
        Self {
            epoch: Instant::now(),
            entries: Mutex::new(HashMap::new()),
            log: Mutex::new(VecDeque::new()),
        }
    }

    /// Milliseconds since the registry was made (for [`ConnStats`]).
    pub fn now_ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    pub fn insert(&self, id: ConnectionId, entry: Entry) {
        lock(&self.entries).insert(id, entry);
    }

    pub fn remove(&self, id: ConnectionId) {
        lock(&self.entries).remove(&id);
    }

    pub fn log(&self, event: ClassroomEvent) {
        let mut log = lock(&self.log);
        if log.len() >= LOG_CAPACITY {
            log.pop_front();
        }
        log.push_back(LogEntry {
            at: SystemTime::now(),
            event,
        });
    }

    pub fn drain_log(&self) -> Vec<LogEntry> {
        lock(&self.log).drain(..).collect()
    }

    pub fn connections(&self) -> Vec<ConnectionInfo> {
        let now_ms = self.now_ms();
        let mut v: Vec<ConnectionInfo> = lock(&self.entries)
            .iter()
            .map(|(id, e)| {
                let size = e.stats.size.load(Ordering::Relaxed);
                let last = e.stats.last_input_ms.load(Ordering::Relaxed);
                ConnectionInfo {
                    id: *id,
                    seat: e.seat.clone(),
                    peer: e.ctl.peer,
                    connected_at: e.connected_at,
                    connected_for: e.since.elapsed(),
                    idle_for: Duration::from_millis(now_ms.saturating_sub(last)),
                    size: ((size >> 16) as u16, (size & 0xffff) as u16),
                    frames_sent: e.stats.frames_sent.load(Ordering::Relaxed),
                    redraws_requested: e.stats.redraws_requested.load(Ordering::Relaxed),
                    bytes_sent: e.stats.bytes_sent.load(Ordering::Relaxed),
                }
            })
            .collect();
        v.sort_by_key(|c| c.id);
        v
    }

    /// Wakes the connections `filter` selects; returns how many.
    fn wake(&self, filter: impl Fn(&ConnectionId, &Entry) -> bool) -> usize {
        let entries = lock(&self.entries);
        let mut n = 0;
        for (id, e) in entries.iter() {
            if filter(id, e) {
                e.ctl.wake.notify_one();
                n += 1;
            }
        }
        n
    }

    /// Asks the connections `filter` selects to close with `reason`.
    pub fn kick(&self, reason: &str, filter: impl Fn(&ConnectionId, &Entry) -> bool) -> usize {
        let entries = lock(&self.entries);
        let mut n = 0;
        for (id, e) in entries.iter() {
            if filter(id, e) {
                e.ctl.kick.send_replace(Some(reason.to_owned()));
                n += 1;
            }
        }
        n
    }
}

/// Wakes screens to redraw when the game changes. Cheap to clone, callable
/// from any thread, never blocks; wake-ups coalesce (ten calls before the
/// screen gets to draw give one frame).
#[derive(Clone)]
pub struct Notifier {
    pub(crate) registry: Arc<Registry>,
}

impl fmt::Debug for Notifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Notifier").finish_non_exhaustive()
    }
}

impl Notifier {
    /// Every screen redraws (a turn was resolved, the clock ticked).
    pub fn redraw_all(&self) -> usize {
        self.registry.wake(|_, _| true)
    }

    /// The screens of `seat` redraw (its perspective changed).
    pub fn redraw_seat(&self, seat: &str) -> usize {
        self.registry.wake(|_, e| e.seat == seat)
    }

    /// One connection redraws.
    pub fn redraw(&self, id: ConnectionId) -> usize {
        self.registry.wake(|i, _| *i == id)
    }
}
