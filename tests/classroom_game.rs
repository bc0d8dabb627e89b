//! The hosted classroom game, driven by real SSH clients (russh's) on a
//! loopback port: five teams and the projector play turns by keystrokes,
//! and the screens are read through a `vt100` terminal emulator, as a
//! student would read them. No test asserts a duration; waits have a
//! generous guard so a bug fails instead of hanging.
//!
//! The load test (`#[ignore]`d) reports latency and CPU:
//! `cargo test --release --test classroom_game -- --ignored --nocapture`.

mod cpu_common;
use cpu_common::cpu_seconds;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use flashpoint::classroom::{HostKey, JoinCodes};
use flashpoint::engine::Order;
use flashpoint::engine::turn::Keep;
use flashpoint::host::{Host, Hosted, MissingPolicy, PROJECTOR, seat_names};
use flashpoint::referee::{Match, Missing, Seat};
use flashpoint::save::GameId;
use flashpoint::scenario::{ActorId, Scenario};
use russh::ChannelMsg;
use russh::client::{self, AuthResult};

const GUARD: Duration = Duration::from_secs(120);
const SEED: u64 = 11;

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

async fn login(addr: SocketAddr, user: &str, password: &str) -> Option<client::Handle<Client>> {
    let mut handle = client::connect(Arc::new(client::Config::default()), addr, Client)
        .await
        .ok()?;
    match handle.authenticate_password(user, password).await {
        Ok(AuthResult::Success) => Some(handle),
        _ => None,
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("non-zero")
}

/// One terminal: the channel, an emulator, and every screen text seen.
struct Screen {
    channel: russh::Channel<client::Msg>,
    term: vt100::Parser,
    /// Every distinct screen text this terminal showed.
    seen: Vec<String>,
}

impl Screen {
    async fn open(handle: &client::Handle<Client>, cols: u16, rows: u16) -> Self {
        let channel = handle.channel_open_session().await.expect("session");
        channel
            .request_pty(true, "xterm-256color", cols.into(), rows.into(), 0, 0, &[])
            .await
            .expect("pty");
        channel.request_shell(true).await.expect("shell");
        Screen {
            channel,
            term: vt100::Parser::new(nz(rows), nz(cols), 0),
            seen: Vec::new(),
        }
    }

    fn text(&self) -> String {
        self.term.screen().contents()
    }

    async fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) {
        let r = tokio::time::timeout(GUARD, async {
            loop {
                let t = self.text();
                if pred(&t) {
                    return true;
                }
                match self.channel.wait().await {
                    Some(ChannelMsg::Data { data }) => {
                        self.term.process(&data);
                        let t = self.text();
                        if self.seen.last() != Some(&t) {
                            self.seen.push(t);
                        }
                    }
                    Some(ChannelMsg::Close) | None => return false,
                    Some(_) => {}
                }
            }
        })
        .await;
        match r {
            Ok(true) => {}
            Ok(false) => panic!("closed while waiting for {what}:\n{}", self.text()),
            Err(_) => panic!("no {what} within the guard:\n{}", self.text()),
        }
    }

    async fn wait_text(&mut self, needle: &str) {
        let n = needle.to_owned();
        self.wait_for(needle, move |s| s.contains(&n)).await;
    }

    /// Reads until one more chunk of screen output arrives.
    async fn next_frame(&mut self) {
        let r = tokio::time::timeout(GUARD, async {
            loop {
                match self.channel.wait().await {
                    Some(ChannelMsg::Data { data }) => {
                        self.term.process(&data);
                        let t = self.text();
                        if self.seen.last() != Some(&t) {
                            self.seen.push(t);
                        }
                        return true;
                    }
                    Some(ChannelMsg::Close) | None => return false,
                    Some(_) => {}
                }
            }
        })
        .await;
        assert!(matches!(r, Ok(true)), "no frame:\n{}", self.text());
    }

    /// Sends keys, reads at least one new frame (every key sent here
    /// changes the screen), then until the screen shows `needle`.
    async fn keys(&mut self, bytes: &[u8], needle: &str) {
        self.channel.data_bytes(bytes.to_vec()).await.expect("send");
        self.next_frame().await;
        self.wait_text(needle).await;
    }
}

const DOWN: &[u8] = b"\x1b[B";

fn scenario() -> Arc<Scenario> {
    Arc::new(flashpoint::scenario::resolve(None).expect("bundled scenario"))
}

/// A host for the default scenario with every seat a team's, its join
/// codes, and the scenario; `deadline`: the turn's time limit, if any.
fn all_teams_host(deadline: Option<Duration>) -> (Host, JoinCodes, Arc<Scenario>) {
    let scn = scenario();
    let game = Match::new(
        scn.clone(),
        SEED,
        vec![Seat::Human; scn.n()],
        Keep::Everything,
    );
    let codes = JoinCodes::generate(&seat_names(&game)).expect("codes");
    (Host::new(game, GameId::random(), deadline), codes, scn)
}

fn start() -> (Hosted, JoinCodes, Arc<Scenario>) {
    let (host, codes, scn) = all_teams_host(None);
    let hosted = Hosted::start(
        host,
        "127.0.0.1:0".parse().expect("addr"),
        HostKey::ephemeral().expect("key"),
        codes.clone(),
        |l| {
            l.rejection_delay = Duration::from_millis(50);
            l.redraw_every = None;
        },
    )
    .expect("server");
    (hosted, codes, scn)
}

fn code(codes: &JoinCodes, seat: &str) -> String {
    codes.get(seat).expect("code").to_string()
}

/// The status line's "Added: …" text: the drafted order as the seat sees it.
fn added(screen: &str) -> String {
    let line = screen
        .lines()
        .find(|l| l.contains("Added: "))
        .expect("an Added line");
    let at = line.find("Added: ").expect("added") + "Added: ".len();
    let rest = &line[at..];
    rest[..rest.find(" for ").unwrap_or(rest.len())]
        .trim()
        .to_string()
}

async fn wait_turn(host: &Host, turn: u32) {
    let t0 = Instant::now();
    while host.lock().turn() < turn {
        assert!(t0.elapsed() < GUARD, "turn {turn} never resolved");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_teams_and_a_projector_play_three_turns_by_keys() {
    let (hosted, codes, scn) = start();
    let addr = hosted.classroom.local_addr();
    let host = hosted.host.clone();
    let ids: Vec<String> = scn.actors.iter().map(|a| a.id.clone()).collect();
    let us = ActorId(0);
    let dprk = scn.actor_by_id("dprk").expect("dprk");
    let (us_id, dprk_id) = (ids[us.index()].clone(), ids[dprk.index()].clone());

    // A wrong code is refused; another seat's code too.
    assert!(
        login(addr, &dprk_id, "wrong-words-are-wrong")
            .await
            .is_none()
    );
    assert!(login(addr, &dprk_id, &code(&codes, &us_id)).await.is_none());

    let mut handles = Vec::new();
    let mut screens = Vec::new();
    for id in &ids {
        let h = login(addr, id, &code(&codes, id)).await.expect("login");
        let mut s = Screen::open(&h, 120, 40).await;
        // Each opens on its own briefing.
        let name = scn.actor(scn.actor_by_id(id).expect("actor")).name.clone();
        s.wait_text(&format!("{name}  (you)")).await;
        handles.push(h);
        screens.push(s);
    }
    let ph = login(addr, PROJECTOR, &code(&codes, PROJECTOR))
        .await
        .expect("projector login");
    let mut wall = Screen::open(&ph, 120, 40).await;
    wall.wait_text("Regional tension").await;

    // Each dashboard is its own.
    for (i, s) in screens.iter_mut().enumerate() {
        s.keys(b"1", "Regional tension").await;
        let first = s.text().lines().next().unwrap_or_default().to_string();
        assert!(
            first.trim_start().starts_with(scn.actors[i].name.as_str()),
            "seat {} sees {first}",
            ids[i]
        );
    }

    // The US drafts a covert surveillance order; the DPRK must never see it.
    let moves = flashpoint::tui::draft::move_list(&scn, us);
    let covert_at = moves
        .iter()
        .position(|m| scn.mv(*m).covert && scn.mv(*m).id == "surveillance")
        .expect("a covert move with a target");
    let mut described: Vec<Vec<String>> = vec![Vec::new(); ids.len()];
    for turn in 1..=3u32 {
        let from = screens[dprk.index()].seen.len();
        for (i, s) in screens.iter_mut().enumerate() {
            if turn == 3 && i == ids.len() - 1 {
                continue; // the last seat gives no orders in turn 3
            }
            s.keys(b"2", "Orders").await;
            // (The selection stays where it was from turn to turn.)
            if i == us.index() && turn == 1 {
                for _ in 0..covert_at {
                    s.channel.data_bytes(DOWN.to_vec()).await.expect("down");
                }
            }
            s.keys(b"\r", "Added: ").await;
            let d = added(&s.text());
            described[i].push(d);
        }
        let us_order = described[us.index()].last().cloned().expect("us order");
        // The DPRK looks at every screen; then the US submits.
        {
            let s = &mut screens[dprk.index()];
            for k in [b"1", b"3", b"4", b"5", b"2"] {
                s.keys(k, "Turn ").await;
            }
        }
        if turn == 1 {
            // The DPRK drops and reconnects: its draft is still there.
            let h = login(addr, &dprk_id, &code(&codes, &dprk_id))
                .await
                .expect("relogin");
            let old =
                std::mem::replace(&mut screens[dprk.index()], Screen::open(&h, 100, 30).await);
            let old_seen = old.seen[from..].to_vec();
            drop(old);
            handles[dprk.index()] = h;
            let s = &mut screens[dprk.index()];
            let draft = described[dprk.index()][0].clone();
            s.keys(b"2", &draft).await;
            let mut all = vec![String::new(); from];
            all.extend(old_seen);
            all.append(&mut s.seen);
            s.seen = all;
        }
        for (i, s) in screens.iter_mut().enumerate() {
            if turn == 3 && i == ids.len() - 1 {
                continue;
            }
            s.keys(b"e", "End your turn?").await;
            // The last one in may see the turn resolve at once.
            s.channel.data_bytes(b"y".to_vec()).await.expect("send");
            s.next_frame().await;
            s.wait_for("submitted", |t| {
                t.contains("Orders submitted") || t.contains("resolved")
            })
            .await;
            if i == us.index() {
                wall.wait_text("submitted").await;
            }
        }
        // Frames the DPRK saw while the US's order was drafted and in.
        let to = screens[dprk.index()].seen.len();
        if turn == 3 {
            // The instructor ends the turn; the computer plays the seat.
            assert!(host.end_turn(Some(MissingPolicy::Ai)));
        }
        wait_turn(&host, turn).await;
        for s in screens.iter_mut() {
            s.wait_text(&format!("Turn {turn} resolved")).await;
        }
        wall.wait_text(&format!("turn {}/", turn + 1)).await;
        let dprk_seen = &screens[dprk.index()].seen[from..to];
        assert!(
            screens[us.index()]
                .seen
                .iter()
                .any(|t| t.contains(&us_order)),
            "the US saw its own order {us_order}"
        );
        for t in dprk_seen {
            assert!(
                !t.contains(&us_order),
                "turn {turn}: the DPRK saw the US's order {us_order}:\n{t}"
            );
        }
    }
    // The projector: public information only.
    for t in &wall.seen {
        assert!(!t.contains("capital"), "the wall shows capital:\n{t}");
        assert!(!t.contains("Added"), "the wall shows a draft:\n{t}");
        for list in &described {
            for d in list {
                assert!(!t.contains(d.as_str()), "the wall shows an order {d}:\n{t}");
            }
        }
    }
    assert!(wall.text().contains("Public news"));

    // Same orders, same seed, headless: the same game.
    let record = host.lock().game().truth().turns.to_vec();
    let mut headless = Match::new(
        scn.clone(),
        SEED,
        vec![Seat::Human; scn.n()],
        Keep::Everything,
    );
    for (t, r) in record.iter().enumerate() {
        let mut per: Vec<Vec<Order>> = vec![Vec::new(); scn.n()];
        for (o, why) in r.orders.list.iter().zip(&r.reasons) {
            if why.is_none() {
                per[o.actor.index()].push(o.clone());
            }
        }
        // What was typed is what was played.
        for (i, list) in per.iter().enumerate() {
            let typed: Vec<String> = list
                .iter()
                .map(|o| flashpoint::tui::draft::describe(&scn, o))
                .collect();
            let want: Vec<String> = described[i].get(t).cloned().into_iter().collect();
            assert_eq!(typed, want, "turn {}: seat {}", t + 1, ids[i]);
        }
        for (i, list) in per.into_iter().enumerate() {
            if !(t == 2 && i == ids.len() - 1) {
                headless.submit(ActorId(i as u16), list).expect("legal");
            }
        }
        let missing = if t == 2 {
            Missing::Ai(flashpoint::ai::Policy::Utility)
        } else {
            Missing::Nothing
        };
        let decisions = headless
            .ai_jobs(missing)
            .iter()
            .map(|j| (j.actor, j.run(&scn)))
            .collect();
        headless.resolve(decisions);
    }
    assert_eq!(headless.truth().turns, record.as_slice());
    assert_eq!(headless.truth().state, host.lock().game().truth().state);
    drop(handles);
    hosted.shutdown();
}

/// The screen without its last two lines (status with the countdown, keys).
fn body(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[..lines.len().saturating_sub(2)].join("\n")
}

/// 30 team screens (six per seat) and a projector, the countdown running;
/// each screen flips between its dashboard and its dossier about ten
/// times a second for FLASHPOINT_LOAD_SECS (60). Reports key-to-frame latency
/// (until the changed screen is read) and the host's CPU.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "load test: 60 s; run with --ignored --nocapture"]
async fn load_30_team_screens_typing() {
    let secs: u64 = std::env::var("FLASHPOINT_LOAD_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let (host, codes, scn) = all_teams_host(Some(Duration::from_secs(3600)));
    host.toggle_pause(); // the countdown runs: every screen redraws each second
    let hosted = Hosted::start(
        host,
        "127.0.0.1:0".parse().expect("addr"),
        HostKey::ephemeral().expect("key"),
        codes.clone(),
        |_| {},
    )
    .expect("server");
    let addr = hosted.classroom.local_addr();
    let ids: Vec<String> = scn.actors.iter().map(|a| a.id.clone()).collect();
    let ph = login(addr, PROJECTOR, &code(&codes, PROJECTOR))
        .await
        .expect("wall");
    let mut wall = Screen::open(&ph, 120, 40).await;
    wall.wait_text("Regional tension").await;
    let mut clients = Vec::new();
    for i in 0..30usize {
        let id = &ids[i % ids.len()];
        let h = login(addr, id, &code(&codes, id)).await.expect("login");
        let mut s = Screen::open(&h, 100, 30).await;
        s.wait_text("(you)").await;
        clients.push((h, s));
    }
    let host_cpu0 = cpu_seconds("classroom") + cpu_seconds("host-");
    let began = Instant::now();
    let deadline = began + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for (i, (h, mut s)) in clients.into_iter().enumerate() {
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            tokio::time::sleep(Duration::from_millis(3 * i as u64)).await;
            let mut down = true;
            while Instant::now() < deadline {
                let before = body(&s.text());
                let sent = Instant::now();
                let key: &[u8] = if down { b"1" } else { b"5" };
                down = !down;
                s.channel.data_bytes(key.to_vec()).await.expect("send");
                while body(&s.text()) == before {
                    s.next_frame().await;
                }
                lat.push(sent.elapsed());
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            drop(h);
            lat
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("client"));
    }
    let wall_secs = began.elapsed().as_secs_f64();
    let host_cpu = cpu_seconds("classroom") + cpu_seconds("host-") - host_cpu0;
    all.sort();
    let pct = |p: f64| all[((all.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1e3;
    println!(
        "load: 30 team screens + projector, countdown redraw every second, {wall_secs:.1} s, {} keys ({:.0}/s); \
         key-to-frame p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms; host threads CPU {host_cpu:.2} s = {:.1}% of one core",
        all.len(),
        all.len() as f64 / wall_secs,
        pct(0.5),
        pct(0.95),
        pct(0.99),
        pct(1.0),
        100.0 * host_cpu / wall_secs
    );
    drop(ph);
    hosted.shutdown();
}
