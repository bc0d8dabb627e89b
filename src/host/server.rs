//! The running classroom game: the SSH server in front of the hosted
//! game, and the clock thread that ends a turn at its deadline. Kept apart
//! from the `flashpoint host` command so the console can be handed one
//! without importing the command.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::classroom::{Classroom, ClassroomConfig, ClassroomError, HostKey, JoinCodes, Limits};

use super::game::Host;
use super::seat::HostLobby;

/// A running classroom game: the server, the game and its clock thread.
pub struct Hosted {
    /// The game.
    pub host: Host,
    /// The SSH server.
    pub classroom: Classroom,
    stop: Arc<AtomicBool>,
}

impl Hosted {
    /// Starts the server for `host` on `listen` with these codes, and the
    /// clock thread that ends a turn at its deadline.
    pub fn start(
        host: Host,
        listen: SocketAddr,
        key: HostKey,
        codes: JoinCodes,
        tweak: impl FnOnce(&mut Limits),
    ) -> Result<Self, ClassroomError> {
        let mut config = ClassroomConfig::new(listen, key, codes);
        // The countdown on every screen.
        config.limits.redraw_every = Some(Duration::from_secs(1));
        tweak(&mut config.limits);
        let classroom = Classroom::start(config, HostLobby { host: host.clone() })?;
        host.lock().notifier = Some(classroom.notifier());
        let stop = Arc::new(AtomicBool::new(false));
        let (h, s) = (host.clone(), stop.clone());
        let _ = std::thread::Builder::new()
            .name("host-clock".into())
            .spawn(move || {
                while !s.load(Ordering::Relaxed) {
                    h.tick();
                    std::thread::sleep(Duration::from_millis(200));
                }
            });
        Ok(Hosted {
            host,
            classroom,
            stop,
        })
    }

    /// Stops the clock and the server (every student's terminal is
    /// restored with a message).
    pub fn shutdown(self) {
        self.stop.store(true, Ordering::Relaxed);
        self.classroom.shutdown();
    }
}
