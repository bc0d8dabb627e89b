//! The classroom SSH server, driven by a real SSH client (russh's) on a
//! loopback port chosen by the OS, with the demo lobby standing in for the
//! game. Screens are checked by feeding the received bytes to a `vt100`
//! terminal emulator and reading its text, as a student would.
//!
//! No test asserts a duration. Waits for a screen have a generous guard
//! (so a bug fails the test instead of hanging it), and the latency figures
//! come from the `#[ignore]`d load test at the end:
//! `cargo test --test classroom_ssh -- --ignored --nocapture load_`.

mod cpu_common;
use cpu_common::cpu_seconds;

use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use flashpoint::classroom::demo::DemoLobby;
use flashpoint::classroom::{
    Classroom, ClassroomConfig, ClassroomEvent, HostKey, JoinCodes, Limits, ThrottlePolicy,
};
use russh::client::{self, AuthResult, KeyboardInteractiveAuthResponse};
use russh::keys::{HashAlg, PublicKeyOrCertificate};
use russh::{ChannelMsg, Disconnect};

/// The longest any single wait may take before the test is declared stuck.
const GUARD: Duration = Duration::from_secs(60);

/// A server on 127.0.0.1 with an OS-chosen port, and its codes.
fn start(
    seats: &[&str],
    lobby: DemoLobby,
    tweak: impl FnOnce(&mut Limits),
) -> (Classroom, JoinCodes) {
    let codes = JoinCodes::generate(seats).expect("os random");
    let mut config = ClassroomConfig::new(
        "127.0.0.1:0".parse().expect("addr"),
        HostKey::ephemeral().expect("key"),
        codes.clone(),
    );
    // Refusals are quick in tests; one test checks the default delay exists.
    config.limits.rejection_delay = Duration::from_millis(50);
    tweak(&mut config.limits);
    let classroom = Classroom::start(config, lobby).expect("server starts");
    (classroom, codes)
}

fn code(codes: &JoinCodes, seat: &str) -> String {
    codes.get(seat).expect("seat has a code").to_string()
}

/// A client that accepts any host key but remembers its fingerprint.
#[derive(Clone, Default)]
struct Client {
    seen_key: Arc<Mutex<Option<String>>>,
}

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        if let PublicKeyOrCertificate::PublicKey { key, .. } = key {
            *self.seen_key.lock().expect("lock") =
                Some(key.fingerprint(HashAlg::Sha256).to_string());
        }
        Ok(true)
    }
}

async fn connect_with(
    addr: SocketAddr,
    config: client::Config,
) -> Result<client::Handle<Client>, russh::Error> {
    client::connect(Arc::new(config), addr, Client::default()).await
}

async fn connect(addr: SocketAddr) -> client::Handle<Client> {
    connect_with(addr, client::Config::default())
        .await
        .expect("ssh handshake")
}

/// Logs in with a password; `None` if refused (or the connection was cut).
async fn login(addr: SocketAddr, user: &str, password: &str) -> Option<client::Handle<Client>> {
    let mut handle = connect_with(addr, client::Config::default()).await.ok()?;
    match handle.authenticate_password(user, password).await {
        Ok(AuthResult::Success) => Some(handle),
        _ => None,
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("non-zero size")
}

fn vt(rows: u16, cols: u16) -> vt100::Parser {
    vt100::Parser::new(nz(rows), nz(cols), 0)
}

/// One student's terminal: the channel and a terminal emulator.
struct Screen {
    channel: russh::Channel<client::Msg>,
    term: vt100::Parser,
    exit_status: Option<u32>,
    closed: bool,
    stderr: Vec<u8>,
}

impl Screen {
    /// Opens a session with a pty of `cols`×`rows` and a shell.
    async fn open(handle: &client::Handle<Client>, cols: u16, rows: u16) -> Self {
        let channel = handle
            .channel_open_session()
            .await
            .expect("session channel");
        channel
            .request_pty(
                true,
                "xterm-256color",
                u32::from(cols),
                u32::from(rows),
                0,
                0,
                &[],
            )
            .await
            .expect("pty request sent");
        channel
            .request_shell(true)
            .await
            .expect("shell request sent");
        Self {
            channel,
            term: vt(rows, cols),
            exit_status: None,
            closed: false,
            stderr: Vec::new(),
        }
    }

    fn text(&self) -> String {
        self.term.screen().contents()
    }

    /// Handles one message; false when the channel is gone.
    fn take(&mut self, msg: Option<ChannelMsg>) -> bool {
        match msg {
            Some(ChannelMsg::Data { data }) => self.term.process(&data),
            Some(ChannelMsg::ExtendedData { data, .. }) => self.stderr.extend_from_slice(&data),
            Some(ChannelMsg::ExitStatus { exit_status }) => self.exit_status = Some(exit_status),
            Some(ChannelMsg::Failure) => panic!("a request was refused:\n{}", self.text()),
            Some(ChannelMsg::Close) | None => {
                self.closed = true;
                return false;
            }
            Some(_) => {}
        }
        true
    }

    /// Reads until the screen satisfies `pred`; panics (with the screen) if
    /// the channel closes first or the guard runs out.
    async fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) {
        let result = tokio::time::timeout(GUARD, async {
            while !pred(&self.text()) {
                let msg = self.channel.wait().await;
                if !self.take(msg) {
                    return false;
                }
            }
            true
        })
        .await;
        match result {
            Ok(true) => {}
            Ok(false) => panic!(
                "channel closed while waiting for {what}; screen:\n{}",
                self.text()
            ),
            Err(_) => panic!("no {what} within the guard; screen:\n{}", self.text()),
        }
    }

    async fn wait_for_text(&mut self, needle: &str) {
        let n = needle.to_owned();
        self.wait_for(needle, move |s| s.contains(&n)).await;
    }

    /// Reads until the server closes the channel.
    async fn wait_closed(&mut self) {
        tokio::time::timeout(GUARD, async {
            loop {
                let msg = self.channel.wait().await;
                if !self.take(msg) {
                    break;
                }
            }
        })
        .await
        .unwrap_or_else(|_| panic!("channel not closed; screen:\n{}", self.text()));
    }

    async fn send(&self, bytes: &[u8]) {
        self.channel.data_bytes(bytes.to_vec()).await.expect("send");
    }
}

/// The number after `label` on the screen (e.g. `tick: 42`).
fn number_after(screen: &str, label: &str) -> Option<u64> {
    let at = screen.find(label)? + label.len();
    screen[at..]
        .trim_start()
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn right_code_gets_its_own_seat_sized_and_resizable() {
    let (classroom, codes) = start(&["dprk", "usa"], DemoLobby::default(), |_| {});
    let addr = classroom.local_addr();
    let probe = Client::default();
    let seen = probe.seen_key.clone();
    let mut handle = client::connect(Arc::new(client::Config::default()), addr, probe)
        .await
        .expect("handshake");
    let auth = handle
        .authenticate_password("dprk", code(&codes, "dprk"))
        .await
        .expect("auth exchange");
    assert!(matches!(auth, AuthResult::Success), "{auth:?}");
    assert_eq!(
        seen.lock().expect("lock").as_deref(),
        Some(classroom.fingerprint()),
        "the console's fingerprint is what the client sees"
    );

    let mut screen = Screen::open(&handle, 80, 24).await;
    screen.wait_for_text("seat: dprk").await;
    screen.wait_for_text("size: 80x24").await;
    assert!(!screen.text().contains("usa"));
    assert!(
        screen.term.screen().alternate_screen(),
        "the game uses the alternate screen"
    );

    // Keys arrive as crossterm events.
    screen.send(b"x").await;
    screen.wait_for_text("last key: x").await;
    screen.send(b"\x1b[A").await;
    screen.wait_for_text("last key: Up").await;
    screen.send(b"\x01").await;
    screen.wait_for_text("last key: Ctrl+a").await;
    // A lone Esc is told apart from a sequence by the quiet time after it.
    screen.send(b"\x1b").await;
    screen.wait_for_text("last key: Esc").await;

    // window-change resizes the screen.
    screen
        .channel
        .window_change(100, 30, 0, 0)
        .await
        .expect("window change");
    screen.term.set_size(nz(30), nz(100));
    screen.wait_for_text("size: 100x30").await;

    let conns = classroom.connections();
    assert_eq!(conns.len(), 1);
    assert_eq!(conns[0].seat, "dprk");
    assert_eq!(conns[0].size, (100, 30));
    assert!(conns[0].peer.ip().is_loopback());

    // q leaves: the student's terminal is restored and the session ends.
    screen.send(b"q").await;
    screen.wait_closed().await;
    assert_eq!(screen.exit_status, Some(0));
    assert!(
        !screen.term.screen().alternate_screen(),
        "terminal restored"
    );
    let log = classroom.drain_log();
    assert!(
        log.iter()
            .any(|e| matches!(&e.event, ClassroomEvent::Connected { seat, .. } if seat == "dprk"))
    );
    assert!(
        log.iter().any(
            |e| matches!(&e.event, ClassroomEvent::Disconnected { seat, .. } if seat == "dprk")
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyboard_interactive_asks_for_the_join_code() {
    let (classroom, codes) = start(&["projector"], DemoLobby::default(), |_| {});
    let mut handle = connect(classroom.local_addr()).await;
    let first = handle
        .authenticate_keyboard_interactive_start("projector", None::<String>)
        .await
        .expect("kbd-int start");
    let KeyboardInteractiveAuthResponse::InfoRequest { prompts, .. } = first else {
        panic!("expected a prompt, got {first:?}");
    };
    assert_eq!(prompts.len(), 1);
    assert_eq!(prompts[0].prompt, "Join code: ");
    assert!(!prompts[0].echo, "codes are not echoed");
    // Typed loosely: capitals and spaces.
    let typed = code(&codes, "projector").replace('-', " ").to_uppercase();
    let done = handle
        .authenticate_keyboard_interactive_respond(vec![typed])
        .await
        .expect("kbd-int respond");
    assert!(
        matches!(done, KeyboardInteractiveAuthResponse::Success),
        "{done:?}"
    );
    let mut screen = Screen::open(&handle, 60, 12).await;
    screen.wait_for_text("seat: projector").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_codes_and_other_seats_codes_are_refused() {
    let (classroom, codes) = start(&["dprk", "usa"], DemoLobby::default(), |l| {
        // Keep lock-outs out of this test.
        l.throttle.max_failures = 100;
    });
    let addr = classroom.local_addr();
    let dprk = code(&codes, "dprk");
    assert!(
        login(addr, "usa", &dprk).await.is_none(),
        "dprk's code does not open usa"
    );
    assert!(
        login(addr, "dprk", "abandon-ability-able-about")
            .await
            .is_none()
    );
    assert!(login(addr, "root", &dprk).await.is_none(), "unknown user");
    assert!(login(addr, "dprk", "").await.is_none());
    assert!(
        login(addr, "dprk", &dprk).await.is_some(),
        "the right code still works"
    );
    let failures = classroom
        .drain_log()
        .into_iter()
        .filter(|e| matches!(e.event, ClassroomEvent::AuthFailed { .. }))
        .count();
    assert_eq!(failures, 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_takes_the_rejection_delay() {
    // Behaviour, not timing: with a 1 s delay configured, a refusal cannot
    // come back sooner than that (a lower bound is safe on a slow machine).
    let (classroom, _codes) = start(&["dprk"], DemoLobby::default(), |l| {
        l.rejection_delay = Duration::from_secs(1);
    });
    let mut handle = connect(classroom.local_addr()).await;
    let began = Instant::now();
    let auth = handle
        .authenticate_password("dprk", "wrong")
        .await
        .expect("exchange");
    assert!(matches!(auth, AuthResult::Failure { .. }));
    assert!(
        began.elapsed() >= Duration::from_millis(900),
        "{:?}",
        began.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_lock_the_address_out() {
    let (classroom, codes) = start(&["dprk"], DemoLobby::default(), |l| {
        l.throttle = ThrottlePolicy {
            max_failures: 3,
            window: Duration::from_secs(600),
            lockout: Duration::from_secs(600),
            max_lockout: Duration::from_secs(600),
        };
    });
    let addr = classroom.local_addr();
    // Three wrong codes over one connection...
    let mut handle = connect(addr).await;
    for _ in 0..3 {
        let auth = handle.authenticate_password("dprk", "wrong").await;
        assert!(!matches!(auth, Ok(AuthResult::Success)));
    }
    // ...and now even the right code is refused from this address, whether
    // the server drops the connection at once or refuses the code.
    assert!(login(addr, "dprk", &code(&codes, "dprk")).await.is_none());
    let locked = classroom.locked_out();
    assert_eq!(locked.len(), 1);
    assert!(locked[0].0.is_loopback());
    assert!(
        classroom
            .drain_log()
            .iter()
            .any(|e| matches!(e.event, ClassroomEvent::LockedOut { .. }))
    );
    // The instructor lifts it.
    classroom.clear_lockouts();
    assert!(login(addr, "dprk", &code(&codes, "dprk")).await.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exec_subsystem_forwarding_and_second_channels_are_refused() {
    let (classroom, codes) = start(&["dprk"], DemoLobby::default(), |_| {});
    let addr = classroom.local_addr();
    let handle = login(addr, "dprk", &code(&codes, "dprk"))
        .await
        .expect("login");

    let mut channel = handle
        .channel_open_session()
        .await
        .expect("one session channel");
    async fn reply(channel: &mut russh::Channel<client::Msg>) -> ChannelMsg {
        loop {
            match tokio::time::timeout(GUARD, channel.wait())
                .await
                .expect("a reply")
            {
                Some(msg @ (ChannelMsg::Success | ChannelMsg::Failure | ChannelMsg::Close)) => {
                    return msg;
                }
                Some(_) => {}
                None => return ChannelMsg::Close,
            }
        }
    }
    channel.exec(true, "cat /etc/passwd").await.expect("sent");
    assert!(
        matches!(reply(&mut channel).await, ChannelMsg::Failure),
        "exec refused"
    );
    channel.request_subsystem(true, "sftp").await.expect("sent");
    assert!(
        matches!(reply(&mut channel).await, ChannelMsg::Failure),
        "sftp refused"
    );
    channel
        .set_env(true, "LD_PRELOAD", "/tmp/x.so")
        .await
        .expect("sent");
    assert!(
        matches!(reply(&mut channel).await, ChannelMsg::Failure),
        "env refused"
    );
    channel.agent_forward(true).await.expect("sent");
    assert!(
        matches!(reply(&mut channel).await, ChannelMsg::Failure),
        "agent refused"
    );
    channel
        .request_x11(true, false, "MIT-MAGIC-COOKIE-1", "00", 0)
        .await
        .expect("sent");
    assert!(
        matches!(reply(&mut channel).await, ChannelMsg::Failure),
        "x11 refused"
    );

    assert!(
        handle.channel_open_session().await.is_err(),
        "one session channel per connection"
    );
    assert!(
        handle
            .channel_open_direct_tcpip("127.0.0.1", u32::from(addr.port()), "127.0.0.1", 40000)
            .await
            .is_err(),
        "local port forwarding refused"
    );
    assert!(
        handle.tcpip_forward("127.0.0.1", 0).await.is_err(),
        "remote forwarding refused"
    );

    // A shell without a pty gets an explanation and the session ends.
    channel.request_shell(true).await.expect("sent");
    let mut out = Vec::new();
    let mut status = None;
    loop {
        match tokio::time::timeout(GUARD, channel.wait())
            .await
            .expect("a reply")
        {
            Some(ChannelMsg::Data { data }) => out.extend_from_slice(&data),
            Some(ChannelMsg::ExitStatus { exit_status }) => status = Some(exit_status),
            Some(ChannelMsg::Close) | None => break,
            Some(_) => {}
        }
    }
    assert!(String::from_utf8_lossy(&out).contains("interactive terminal"));
    assert_eq!(status, Some(1));
    assert!(classroom.connections().is_empty(), "no screen was opened");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_does_not_stall_others() {
    let lobby = DemoLobby {
        noise: true,
        ..DemoLobby::default()
    };
    let ticks = lobby.ticks.clone();
    let (classroom, codes) = start(&["dprk", "usa"], lobby, |_| {});
    let addr = classroom.local_addr();
    let notifier = classroom.notifier();

    // A: a big terminal whose client stops reading. Its window and channel
    // buffer are small so that it fills up quickly.
    let slow_config = client::Config {
        window_size: 64 * 1024,
        channel_buffer_size: 1,
        ..client::Config::default()
    };
    let mut slow = connect_with(addr, slow_config).await.expect("handshake");
    assert!(matches!(
        slow.authenticate_password("dprk", code(&codes, "dprk"))
            .await,
        Ok(AuthResult::Success)
    ));
    let mut a = Screen::open(&slow, 200, 60).await;
    a.wait_for_text("tick: 0").await;

    let fast = login(addr, "usa", &code(&codes, "usa"))
        .await
        .expect("login");
    let mut b = Screen::open(&fast, 80, 24).await;
    b.wait_for_text("tick: 0").await;

    // A stops reading. Every tick rewrites A's whole 200x60 screen.
    const TICKS: u64 = 600;
    for t in 1..=TICKS {
        ticks.store(t, Ordering::Relaxed);
        notifier.redraw_all();
        b.wait_for("the tick on the fast client", |s| {
            number_after(s, "tick:").is_some_and(|n| n >= t)
        })
        .await;
    }
    let conns = classroom.connections();
    let info = |seat: &str| {
        conns
            .iter()
            .find(|c| c.seat == seat)
            .expect("connected")
            .clone()
    };
    let (ia, ib) = (info("dprk"), info("usa"));
    assert!(
        ib.frames_sent >= TICKS,
        "the fast client got every tick: {ib:?}"
    );
    assert!(
        ia.frames_sent * 3 < ib.frames_sent,
        "the stalled client's frames were coalesced, not queued: {ia:?}"
    );
    assert!(ia.redraws_requested >= TICKS, "{ia:?}");

    // A reads again and catches up to a correct, current screen.
    a.wait_for("the last tick on the slow client", |s| {
        s.contains(&format!("tick: {TICKS}"))
    })
    .await;
    let expected_row = char::from(b'a' + (TICKS % 26) as u8)
        .to_string()
        .repeat(200);
    a.wait_for("the noise rows of the last tick", |s| {
        s.lines().nth(8).is_some_and(|l| l == expected_row)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_clients_at_once_each_see_their_own_screen() {
    let seats = ["dprk", "usa", "china", "rok", "projector"];
    let (classroom, codes) = start(&seats, DemoLobby::default(), |_| {});
    let addr = classroom.local_addr();
    let mut tasks = Vec::new();
    for i in 0..30u16 {
        let seat = seats[usize::from(i) % seats.len()].to_owned();
        let password = code(&codes, &seat);
        tasks.push(tokio::spawn(async move {
            let handle = login(addr, &seat, &password).await.expect("login");
            let (cols, rows) = (70 + i, 20 + i % 7);
            let mut screen = Screen::open(&handle, cols, rows).await;
            screen.wait_for_text(&format!("seat: {seat}")).await;
            screen.wait_for_text(&format!("size: {cols}x{rows}")).await;
            (handle, screen)
        }));
    }
    let mut clients = Vec::new();
    for t in tasks {
        clients.push(t.await.expect("client task"));
    }
    let conns = classroom.connections();
    assert_eq!(conns.len(), 30);
    for seat in seats {
        assert_eq!(conns.iter().filter(|c| c.seat == seat).count(), 6);
    }
    // Everyone still responds to a key.
    for (_, screen) in clients.iter_mut() {
        screen.send(b"k").await;
    }
    for (_, screen) in clients.iter_mut() {
        screen.wait_for_text("last key: k").await;
    }
    // A redraw for one seat reaches only that seat's six screens.
    assert_eq!(classroom.notifier().redraw_seat("rok"), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kick_closes_with_a_message_and_restores_the_terminal() {
    let (classroom, codes) = start(&["dprk"], DemoLobby::default(), |_| {});
    let handle = login(classroom.local_addr(), "dprk", &code(&codes, "dprk"))
        .await
        .expect("login");
    let mut screen = Screen::open(&handle, 80, 24).await;
    screen.wait_for_text("seat: dprk").await;
    let id = classroom.connections()[0].id;
    assert!(classroom.kick(id, "disconnected by the instructor"));
    screen.wait_closed().await;
    assert!(!screen.term.screen().alternate_screen());
    assert!(
        screen
            .text()
            .contains("Flashpoint: disconnected by the instructor")
    );
    assert_eq!(screen.exit_status, Some(1));
    assert!(classroom.connections().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_connections_are_closed_with_a_message() {
    let (classroom, codes) = start(&["dprk"], DemoLobby::default(), |l| {
        l.idle_timeout = Some(Duration::from_millis(500));
    });
    let handle = login(classroom.local_addr(), "dprk", &code(&codes, "dprk"))
        .await
        .expect("login");
    let mut screen = Screen::open(&handle, 80, 24).await;
    screen.wait_for_text("seat: dprk").await;
    screen.wait_closed().await;
    assert!(
        screen.text().contains("without a key press"),
        "{}",
        screen.text()
    );
    assert!(!screen.term.screen().alternate_screen());
    assert!(classroom.connections().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seat_the_game_refuses_is_told_why() {
    let lobby = DemoLobby {
        refuse: vec!["ai".into()],
        ..DemoLobby::default()
    };
    let (classroom, codes) = start(&["ai"], lobby, |_| {});
    let handle = login(classroom.local_addr(), "ai", &code(&codes, "ai"))
        .await
        .expect("login");
    let mut screen = Screen::open(&handle, 80, 24).await;
    screen.wait_closed().await;
    assert!(
        screen.text().contains("played by the computer"),
        "{}",
        screen.text()
    );
    assert_eq!(screen.exit_status, Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn big_pastes_are_capped_and_the_screen_keeps_working() {
    let (classroom, codes) = start(&["dprk"], DemoLobby::default(), |l| l.paste_max = 1000);
    let handle = login(classroom.local_addr(), "dprk", &code(&codes, "dprk"))
        .await
        .expect("login");
    let mut screen = Screen::open(&handle, 80, 24).await;
    screen.wait_for_text("seat: dprk").await;
    let mut paste = b"\x1b[200~".to_vec();
    paste.extend(std::iter::repeat_n(b'x', 2 * 1024 * 1024));
    paste.extend_from_slice(b"\x1b[201~");
    screen.send(&paste).await;
    screen.wait_for_text("last key: paste of 1000 bytes").await;
    screen.send(b"z").await;
    screen.wait_for_text("last key: z").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_that_never_log_in_are_closed() {
    use tokio::io::AsyncReadExt;
    let (classroom, _codes) = start(&["dprk"], DemoLobby::default(), |l| {
        l.login_grace = Duration::from_millis(300);
    });
    let mut raw = tokio::net::TcpStream::connect(classroom.local_addr())
        .await
        .expect("tcp connect");
    // The server says hello, then closes the silent connection.
    let mut buf = vec![0u8; 4096];
    let closed = tokio::time::timeout(GUARD, async {
        loop {
            match raw.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await;
    assert!(closed.is_ok(), "silent connection still open");
    assert!(classroom.drain_log().iter().any(|e| matches!(
        &e.event,
        ClassroomEvent::Refused { reason, .. } if reason.contains("did not log in")
    )));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_says_goodbye_to_everyone() {
    let (classroom, codes) = start(&["dprk"], DemoLobby::default(), |_| {});
    let handle = login(classroom.local_addr(), "dprk", &code(&codes, "dprk"))
        .await
        .expect("login");
    let mut screen = Screen::open(&handle, 80, 24).await;
    screen.wait_for_text("seat: dprk").await;
    let stopper = tokio::task::spawn_blocking(move || classroom.shutdown());
    screen.wait_closed().await;
    assert!(screen.text().contains("host stopped"), "{}", screen.text());
    stopper.await.expect("shutdown returns");
    let _ = handle.disconnect(Disconnect::ByApplication, "", "").await;
}

// ---------------------------------------------------------------------------
// Load test (ignored): 30 clients typing for 60 s; prints latency and CPU.
// ---------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "load test: 30 clients typing for 60 s (FLASHPOINT_LOAD_SECS to change)"]
async fn load_30_clients_typing() {
    let secs: u64 = std::env::var("FLASHPOINT_LOAD_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let seats = ["dprk", "usa", "china", "rok", "projector"];
    let lobby = DemoLobby::default();
    let ticks = lobby.ticks.clone();
    let (classroom, codes) = start(&seats, lobby, |_| {});
    let addr = classroom.local_addr();
    let mut clients = Vec::new();
    for i in 0..30usize {
        let seat = seats[i % seats.len()];
        let handle = login(addr, seat, &code(&codes, seat)).await.expect("login");
        let mut screen = Screen::open(&handle, 100, 30).await;
        screen.wait_for_text(&format!("seat: {seat}")).await;
        clients.push((handle, screen));
    }
    let server_cpu0 = cpu_seconds("classroom");
    let all_cpu0 = cpu_seconds("");
    let began = Instant::now();
    let deadline = began + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for (i, (handle, mut screen)) in clients.into_iter().enumerate() {
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut n = 0u64;
            // Stagger the clients; each types about 10 keys a second.
            tokio::time::sleep(Duration::from_millis(3 * i as u64)).await;
            while Instant::now() < deadline {
                n += 1;
                let sent = Instant::now();
                screen.send(b"k").await;
                let want = n;
                screen
                    .wait_for("key echo", |s| {
                        number_after(s, "keys:").is_some_and(|k| k >= want)
                    })
                    .await;
                latencies.push(sent.elapsed());
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            drop(handle);
            latencies
        }));
    }
    // Like the game's countdown: every screen redraws once a second.
    let notifier = classroom.notifier();
    let clock = tokio::spawn(async move {
        while Instant::now() < deadline {
            tokio::time::sleep(Duration::from_secs(1)).await;
            ticks.fetch_add(1, Ordering::Relaxed);
            notifier.redraw_all();
        }
    });
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("client"));
    }
    clock.await.expect("clock");
    let wall = began.elapsed().as_secs_f64();
    let server_cpu = cpu_seconds("classroom") - server_cpu0;
    let all_cpu = cpu_seconds("") - all_cpu0;
    all.sort();
    let pct = |p: f64| all[((all.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "load: 30 clients, clock redraw every second, {wall:.1} s, {} keys ({:.0}/s); key-to-frame latency p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms; \
         server threads CPU {server_cpu:.2} s = {:.1}% of one core; whole process (server + 30 clients) {all_cpu:.2} s = {:.1}%",
        all.len(),
        all.len() as f64 / wall,
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.95).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        all.last().map_or(0.0, |d| d.as_secs_f64() * 1e3),
        100.0 * server_cpu / wall,
        100.0 * all_cpu / wall,
    );
    let peak_rss = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_owned)
        })
        .unwrap_or_default();
    println!("load: whole process peak memory {peak_rss}");
    assert!(!all.is_empty());
}
