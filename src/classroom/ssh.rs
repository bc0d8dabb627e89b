//! The SSH server: listening, authentication, what a client may ask for.
//!
//! Built on russh, but the accept loop is ours so that every connection has a
//! supervisor: it closes connections that do not log in and open a screen
//! within the login grace, refuses addresses that are locked out before any
//! SSH work is done, caps the number of connections, and can always cut a
//! connection (even one whose client stopped reading) through a kill switch
//! on the socket.
//!
//! Per connection, a client may open one session channel, ask for one pty and
//! one shell. Everything else — exec, subsystems (sftp), environment
//! variables, X11 and agent forwarding, TCP and Unix-socket forwarding in
//! either direction, further channels — is refused.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use russh::server::{Auth, Handler, Msg, Response, Session};
use russh::{Channel, ChannelId, MethodKind, MethodSet};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use super::auth::{JoinCode, JoinCodes, Throttle};
use super::hostkey::HostKey;
use super::registry::{
    ClassroomEvent, ConnCtl, ConnectionId, ConnectionInfo, LogEntry, Notifier, Phase, Registry,
};
use super::{ClassroomConfig, Limits, Lobby, seat};

/// How long a client gets to close after its screen said goodbye.
const CLOSE_GRACE: Duration = Duration::from_secs(2);

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ClassroomError {
    /// The address could not be listened on.
    #[error(
        "cannot listen on {addr}: {source} (is another program using the port? try another with --port)"
    )]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the operating system said.
        source: io::Error,
    },
    /// The async runtime could not start (out of threads or memory).
    #[error("cannot start the classroom server's threads: {0}")]
    Runtime(io::Error),
}

/// State shared by every connection of one server.
pub(crate) struct Shared {
    pub lobby: Box<dyn Lobby>,
    pub codes: RwLock<JoinCodes>,
    pub throttle: Mutex<Throttle>,
    pub registry: Arc<Registry>,
    pub limits: Limits,
    pub banner: Option<String>,
    pub shutdown: watch::Receiver<bool>,
    next_id: AtomicU64,
    live: AtomicUsize,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running classroom server. Dropping it stops the server (as
/// [`Classroom::shutdown`] does).
pub struct Classroom {
    shared: Arc<Shared>,
    local_addr: SocketAddr,
    fingerprint: String,
    shutdown: watch::Sender<bool>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl std::fmt::Debug for Classroom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Classroom")
            .field("local_addr", &self.local_addr)
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}

impl Classroom {
    /// Listens on `config.listen` and serves `lobby`'s screens until
    /// [`Classroom::shutdown`]. Runs on its own threads: call it from plain
    /// synchronous code (or from async code; it does not block).
    pub fn start(config: ClassroomConfig, lobby: impl Lobby) -> Result<Self, ClassroomError> {
        let ClassroomConfig {
            listen,
            host_key,
            codes,
            banner,
            limits,
        } = config;
        let bind_err = |source| ClassroomError::Bind {
            addr: listen,
            source,
        };
        let std_listener = std::net::TcpListener::bind(listen).map_err(bind_err)?;
        std_listener.set_nonblocking(true).map_err(bind_err)?;
        let local_addr = std_listener.local_addr().map_err(bind_err)?;

        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(limits.worker_threads.max(1))
            .thread_name("classroom")
            .enable_all()
            .build()
            .map_err(ClassroomError::Runtime)?;
        let listener = {
            let _guard = runtime.enter();
            TcpListener::from_std(std_listener).map_err(bind_err)?
        };

        let (shutdown, shutdown_rx) = watch::channel(false);
        let ssh_config = Arc::new(russh_config(&host_key, &limits));
        let shared = Arc::new(Shared {
            lobby: Box::new(lobby),
            codes: RwLock::new(codes),
            throttle: Mutex::new(Throttle::new(limits.throttle.clone())),
            registry: Arc::new(Registry::new()),
            limits,
            banner,
            shutdown: shutdown_rx,
            next_id: AtomicU64::new(1),
            live: AtomicUsize::new(0),
        });
        runtime.spawn(accept_loop(listener, shared.clone(), ssh_config));
        Ok(Self {
            shared,
            local_addr,
            fingerprint: host_key.fingerprint().to_owned(),
            shutdown,
            runtime: Some(runtime),
        })
    }

    /// The address actually listened on (the port is chosen by the OS when
    /// the configuration asked for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The host key's fingerprint (`SHA256:…`) for the console.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// A handle to wake screens when the game changes.
    pub fn notifier(&self) -> Notifier {
        Notifier {
            registry: self.shared.registry.clone(),
        }
    }

    /// Connections with an open screen, oldest first.
    pub fn connections(&self) -> Vec<ConnectionInfo> {
        self.shared.registry.connections()
    }

    /// Closes connection `id`, showing `message` to the student. False if
    /// no such connection is open.
    pub fn kick(&self, id: ConnectionId, message: &str) -> bool {
        self.shared.registry.kick(message, |i, _| *i == id) > 0
    }

    /// Closes every connection of `seat`; returns how many.
    pub fn kick_seat(&self, seat: &str, message: &str) -> usize {
        self.shared.registry.kick(message, |_, e| e.seat == seat)
    }

    /// Sets (or replaces) a seat's join code; open connections stay.
    pub fn set_code(&self, seat: &str, code: JoinCode) {
        self.shared
            .codes
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(seat, code);
    }

    /// Stops `seat` from logging in (e.g. the computer took it over); open
    /// connections stay until kicked.
    pub fn remove_seat(&self, seat: &str) {
        self.shared
            .codes
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(seat);
    }

    /// The seats and codes in force.
    pub fn codes(&self) -> JoinCodes {
        self.shared
            .codes
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Addresses locked out for repeated wrong codes, with the time left.
    pub fn locked_out(&self) -> Vec<(IpAddr, Duration)> {
        let now = Instant::now();
        lock(&self.shared.throttle)
            .locked(now)
            .into_iter()
            .map(|(ip, until)| (ip, until.saturating_duration_since(now)))
            .collect()
    }

    /// Lifts every lock-out (e.g. a whole class behind one address mistyped).
    pub fn clear_lockouts(&self) {
        lock(&self.shared.throttle).clear();
    }

    /// What happened since the last call (connections, refusals, lock-outs);
    /// the last 1000 events are kept.
    pub fn drain_log(&self) -> Vec<LogEntry> {
        self.shared.registry.drain_log()
    }

    /// Stops listening, tells every student the server stopped, restores
    /// their terminals, and closes all connections (waiting up to a few
    /// seconds for goodbyes to be delivered).
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        let Some(runtime) = self.runtime.take() else {
            return;
        };
        self.shutdown.send_replace(true);
        let deadline = Instant::now() + CLOSE_GRACE + Duration::from_secs(1);
        while self.shared.live.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        runtime.shutdown_background();
    }
}

impl Drop for Classroom {
    fn drop(&mut self) {
        self.stop();
    }
}

/// russh's settings from ours.
fn russh_config(host_key: &HostKey, limits: &Limits) -> russh::server::Config {
    russh::server::Config {
        methods: MethodSet::from(&[MethodKind::KeyboardInteractive, MethodKind::Password][..]),
        auth_rejection_time: limits.rejection_delay,
        // OpenSSH first probes with "none" to learn the methods: answer at once.
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![host_key.private_key().clone()],
        // Input is bounded by this many packets per channel (× 32 KiB) before
        // back-pressure stops reading the client's socket.
        channel_buffer_size: 8,
        max_auth_attempts: 6,
        // A backstop: any traffic, keepalive replies included, resets it.
        inactivity_timeout: Some(limits.keepalive_interval * (limits.keepalive_max as u32 + 2)),
        keepalive_interval: Some(limits.keepalive_interval),
        keepalive_max: limits.keepalive_max,
        nodelay: true,
        ..Default::default()
    }
}

/// Accepts connections until shutdown.
async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    config: Arc<russh::server::Config>,
) {
    let mut shutdown = shared.shutdown.clone();
    loop {
        tokio::select! {
            _ = shutdown.changed() => return,
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(a) => a,
                    Err(_) => {
                        // Out of file descriptors or similar: wait, don't spin.
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                if lock(&shared.throttle).locked_until(peer.ip(), Instant::now()).is_some() {
                    // Refused before any SSH work: cheap for us, useless to a guesser.
                    continue;
                }
                if shared.live.load(Ordering::SeqCst) >= shared.limits.max_connections {
                    shared.registry.log(ClassroomEvent::Refused {
                        peer,
                        reason: format!("server full ({} connections)", shared.limits.max_connections),
                    });
                    continue;
                }
                let _ = stream.set_nodelay(true);
                shared.live.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(supervise(stream, peer, shared.clone(), config.clone()));
            }
        }
    }
}

/// Decrements the live-connection count when a supervisor ends.
struct LiveGuard(Arc<Shared>);

impl Drop for LiveGuard {
    fn drop(&mut self) {
        self.0.live.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs one connection and makes sure it ends.
async fn supervise(
    stream: TcpStream,
    peer: SocketAddr,
    shared: Arc<Shared>,
    config: Arc<russh::server::Config>,
) {
    let _live = LiveGuard(shared.clone());
    let id = ConnectionId(shared.next_id.fetch_add(1, Ordering::Relaxed));
    let ctl = Arc::new(ConnCtl::new(id, peer));
    let switch = Arc::new(KillSwitch::default());
    let stream = Killable {
        inner: stream,
        switch: switch.clone(),
    };
    let handler = ConnHandler {
        shared: shared.clone(),
        ctl: ctl.clone(),
        seat: None,
        channel: None,
        pty: false,
        shell: false,
    };
    let mut phase = ctl.phase.subscribe();
    let mut shutdown = shared.shutdown.clone();
    let session = async move {
        match russh::server::run_stream(config, stream, handler).await {
            Ok(running) => running.await.is_ok(),
            Err(_) => false,
        }
    };
    tokio::pin!(session);
    let grace = tokio::time::sleep(shared.limits.login_grace);
    tokio::pin!(grace);
    loop {
        let current = *phase.borrow_and_update();
        if current == Phase::Ended {
            let _ = tokio::time::timeout(CLOSE_GRACE, &mut session).await;
            break;
        }
        tokio::select! {
            _ = &mut session => break,
            () = &mut grace, if current == Phase::Login => {
                shared.registry.log(ClassroomEvent::Refused {
                    peer,
                    reason: format!(
                        "did not log in and open a terminal within {} s",
                        shared.limits.login_grace.as_secs()
                    ),
                });
                break;
            }
            r = phase.changed() => if r.is_err() { break },
            _ = shutdown.changed(), if current == Phase::Login => break,
        }
    }
    switch.kill();
}

/// Cuts a socket from outside the task that uses it.
#[derive(Default)]
struct KillSwitch {
    killed: AtomicBool,
    wakers: Mutex<Vec<Waker>>,
}

impl KillSwitch {
    fn kill(&self) {
        self.killed.store(true, Ordering::SeqCst);
        for w in lock(&self.wakers).drain(..) {
            w.wake();
        }
    }

    /// `Err` if killed; otherwise remembers who to wake when it is.
    fn check(&self, cx: &Context<'_>) -> io::Result<()> {
        if self.killed.load(Ordering::SeqCst) {
            return Err(io::ErrorKind::ConnectionAborted.into());
        }
        let mut wakers = lock(&self.wakers);
        if !wakers.iter().any(|w| w.will_wake(cx.waker())) {
            if wakers.len() >= 4 {
                wakers.remove(0);
            }
            wakers.push(cx.waker().clone());
        }
        drop(wakers);
        if self.killed.load(Ordering::SeqCst) {
            return Err(io::ErrorKind::ConnectionAborted.into());
        }
        Ok(())
    }
}

/// A TCP stream that fails every read and write once its switch is killed.
struct Killable {
    inner: TcpStream,
    switch: Arc<KillSwitch>,
}

impl AsyncRead for Killable {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if let Err(e) = this.switch.check(cx) {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut this.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for Killable {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if let Err(e) = this.switch.check(cx) {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if let Err(e) = this.switch.check(cx) {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// The russh handler of one connection: authentication and requests.
struct ConnHandler {
    shared: Arc<Shared>,
    ctl: Arc<ConnCtl>,
    /// The seat, once a code was accepted.
    seat: Option<String>,
    /// The one session channel allowed.
    channel: Option<ChannelId>,
    pty: bool,
    shell: bool,
}

impl ConnHandler {
    /// Checks a code for `user`, applying the throttle.
    fn check(&mut self, user: &str, code: &str) -> Auth {
        let peer = self.ctl.peer;
        let now = Instant::now();
        let mut throttle = lock(&self.shared.throttle);
        if throttle.locked_until(peer.ip(), now).is_some() {
            return Auth::reject();
        }
        let admitted = self
            .shared
            .codes
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .admit(user, code);
        if admitted {
            throttle.success(peer.ip());
            self.seat = Some(user.to_owned());
            return Auth::Accept;
        }
        let locked = throttle.failure(peer.ip(), now);
        drop(throttle);
        self.shared.registry.log(ClassroomEvent::AuthFailed {
            seat: user.chars().take(64).collect(),
            peer,
        });
        if let Some(until) = locked {
            self.shared.registry.log(ClassroomEvent::LockedOut {
                ip: peer.ip(),
                duration: until.saturating_duration_since(now),
            });
        }
        Auth::reject()
    }

    fn is_ours(&self, channel: ChannelId) -> bool {
        self.channel == Some(channel)
    }
}

impl Handler for ConnHandler {
    type Error = russh::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        Ok(Auth::reject())
    }

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        Ok(self.check(user, password))
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        match response {
            None => Ok(Auth::Partial {
                name: "Flashpoint".into(),
                instructions: format!(
                    "Seat \"{}\": type your team's join code.",
                    user.chars().take(64).collect::<String>()
                )
                .into(),
                prompts: vec![("Join code: ".into(), false)].into(),
            }),
            Some(mut answers) => {
                let code = answers
                    .next()
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .unwrap_or_default();
                Ok(self.check(user, &code))
            }
        }
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        _offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(Auth::reject())
    }

    async fn authentication_banner(&mut self) -> Result<Option<String>, Self::Error> {
        Ok(self.shared.banner.clone())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(seat) = self.seat.clone() else {
            reply
                .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        };
        if self.channel.is_some() {
            reply
                .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        }
        self.channel = Some(channel.id());
        reply.accept().await;
        tokio::spawn(seat::run(
            channel,
            self.shared.clone(),
            self.ctl.clone(),
            seat,
        ));
        Ok(())
    }

    async fn channel_open_x11(
        &mut self,
        _channel: Channel<Msg>,
        _originator_address: &str,
        _originator_port: u32,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        reply
            .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        _host_to_connect: &str,
        _port_to_connect: u32,
        _originator_address: &str,
        _originator_port: u32,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        reply
            .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }

    async fn channel_open_forwarded_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        _host_to_connect: &str,
        _port_to_connect: u32,
        _originator_address: &str,
        _originator_port: u32,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        reply
            .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }

    async fn channel_open_direct_streamlocal(
        &mut self,
        _channel: Channel<Msg>,
        _socket_path: &str,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        reply
            .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        _col_width: u32,
        _row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The screen task reads the size from the same request.
        if self.is_ours(channel) && !self.pty && !self.shell {
            self.pty = true;
            session.channel_success(channel)
        } else {
            session.channel_failure(channel)
        }
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // Accepted even without a pty: the screen task then explains that a
        // terminal is needed and closes (a refused request shows the student
        // nothing but "shell request failed").
        if self.is_ours(channel) && !self.shell {
            self.shell = true;
            session.channel_success(channel)
        } else {
            session.channel_failure(channel)
        }
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        _variable_name: &str,
        _variable_value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        _socket_path: &str,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }
}
