//! A pseudo-terminal harness for end-to-end tests of the terminal game:
//! the real binary in a pty (portable_pty), its output read by a terminal
//! emulator (vt100), keys typed, and waits on what is on the screen.
//! Shared by the test files that drive the game (each compiles its own
//! copy; not every file uses every helper).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

/// Rows of the terminal by default.
pub const ROWS: u16 = 24;
/// Columns of the terminal by default.
pub const COLS: u16 = 80;
/// Longest wait for anything on the screen.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// The keys, as a terminal sends them.
pub const UP: &str = "\x1b[A";
pub const DOWN: &str = "\x1b[B";
pub const RIGHT: &str = "\x1b[C";
pub const LEFT: &str = "\x1b[D";
pub const ENTER: &str = "\r";

/// A running game in a pseudo-terminal, with a terminal emulator reading its output.
pub struct Term {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    pub parser: vt100::Parser,
    /// Every byte the game wrote.
    pub raw: Vec<u8>,
}

impl Term {
    /// Starts `flashpoint ARGS` in an 80×24 terminal.
    pub fn spawn(args: &[&str]) -> Term {
        Term::spawn_sized(args, COLS, ROWS)
    }

    /// Starts `flashpoint ARGS` in a terminal of `cols` × `rows`.
    pub fn spawn_sized(args: &[&str], cols: u16, rows: u16) -> Term {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_flashpoint"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("start the game");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            // Keep the master alive as long as we read from it.
            let _master = pair.master;
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let rows = std::num::NonZeroU16::new(rows).expect("rows");
        let cols = std::num::NonZeroU16::new(cols).expect("cols");
        Term {
            child,
            writer,
            output: rx,
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
        }
    }

    /// The screen's text now.
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads output for up to `wait`; false once the output has ended.
    pub fn pump(&mut self, wait: Duration) -> bool {
        match self.output.recv_timeout(wait) {
            Ok(bytes) => {
                self.parser.process(&bytes);
                self.raw.extend_from_slice(&bytes);
                while let Ok(more) = self.output.try_recv() {
                    self.parser.process(&more);
                    self.raw.extend_from_slice(&more);
                }
                true
            }
            Err(mpsc::RecvTimeoutError::Timeout) => true,
            Err(mpsc::RecvTimeoutError::Disconnected) => false,
        }
    }

    /// Waits until the screen satisfies `pred`; panics with the screen on timeout.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                // Let the rest of the frame arrive before reading it.
                self.settle();
                return self.screen();
            }
            let alive = self.pump(Duration::from_millis(50));
            if start.elapsed() > TIMEOUT || !alive {
                let s = self.screen();
                let exit = self.child.try_wait();
                assert!(
                    pred(&s),
                    "waiting for {what}: output open {alive}, child {exit:?}, after {:?}; the screen:\n{s}",
                    start.elapsed()
                );
                return s;
            }
        }
    }

    /// Reads output until the game has been quiet for a moment.
    pub fn settle(&mut self) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            match self.output.recv_timeout(Duration::from_millis(120)) {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(_) => return,
            }
        }
    }

    /// Waits until `text` is on the screen.
    pub fn wait_text(&mut self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    /// Types `keys`.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("type");
        self.writer.flush().expect("flush");
    }

    /// Sends a key and waits up to `wait` for the line chosen by `probe`
    /// to change (a key that may do nothing, like Home at the top);
    /// whether it changed.
    pub fn send_and_try_change(
        &mut self,
        keys: &str,
        probe: impl Fn(&str) -> String,
        wait: Duration,
    ) -> bool {
        let before = probe(&self.screen());
        self.send(keys);
        let start = Instant::now();
        while start.elapsed() < wait {
            if probe(&self.screen()) != before {
                self.settle();
                return true;
            }
            if !self.pump(Duration::from_millis(20)) {
                break;
            }
        }
        false
    }

    /// Sends a key and waits until the line chosen by `probe` changes.
    pub fn send_and_wait_change(&mut self, keys: &str, probe: impl Fn(&str) -> String) -> String {
        let before = probe(&self.screen());
        self.send(keys);
        self.wait_for("the screen to change", |s| probe(s) != before)
    }
}

/// The line of the move list that carries the selection mark.
pub fn selected_line(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains('▶'))
        .unwrap_or("")
        .to_string()
}

/// The first line of the screen that contains `needle` ("" if none).
pub fn line_with(screen: &str, needle: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or("")
        .to_string()
}

/// Waits for the game to exit and for its last output; its exit status.
pub fn wait_exit(t: &mut Term) -> portable_pty::ExitStatus {
    let start = Instant::now();
    let status = loop {
        if let Some(s) = t.child.try_wait().expect("wait") {
            break s;
        }
        assert!(start.elapsed() < TIMEOUT, "the game did not exit");
        t.pump(Duration::from_millis(50));
    };
    while t.pump(Duration::from_millis(100)) && start.elapsed() < TIMEOUT {}
    status
}

/// The "turn N of M" of the header.
pub fn header_turn(screen: &str) -> String {
    let line = screen.lines().next().unwrap_or("");
    let at = line.find("turn ").unwrap_or(line.len());
    line[at..]
        .split(" │")
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}
