//! The console's terminal loop: draws it, reads the instructor's keys and
//! the server's log, until the instructor stops the class.

use std::time::Duration;

use crossterm::event::{self, Event};

use crate::host::server::Hosted;
use crate::tui::theme::Theme;

use super::draw::draw;
use super::keys::key;
use super::model::{Console, ServerInfo};

/// Runs the console in the local terminal until the instructor quits.
pub fn run(hosted: &Hosted) -> std::io::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return Err(std::io::Error::other(
            "the instructor console needs a terminal",
        ));
    }
    let mut terminal = ratatui::init();
    let mut c = Console::new(Theme::from_env());
    let addr = hosted.classroom.local_addr();
    let host_name = if addr.ip().is_unspecified() {
        "THIS-COMPUTER".to_string()
    } else {
        addr.ip().to_string()
    };
    let mut info = ServerInfo {
        how: format!("ssh -p {} SEAT@{host_name}", addr.port()),
        fingerprint: hosted.classroom.fingerprint().to_string(),
        codes: hosted
            .classroom
            .codes()
            .iter()
            .map(|(s, k)| (s.to_string(), k.to_string()))
            .collect(),
        screens: Vec::new(),
    };
    let result = (|| -> std::io::Result<()> {
        loop {
            for e in hosted.classroom.drain_log() {
                let at =
                    e.at.duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs() as i64);
                c.push_log(at, e.event.to_string());
            }
            info.screens = hosted
                .classroom
                .connections()
                .into_iter()
                .map(|k| (k.seat, 1))
                .collect();
            {
                let g = hosted.host.lock();
                terminal.draw(|f| draw(&mut c, &g, &info, f))?;
            }
            if event::poll(Duration::from_millis(250))? {
                if let Event::Key(k) = event::read()? {
                    let classroom = &hosted.classroom;
                    key(&mut c, &hosted.host, k, &mut |seat| {
                        classroom.kick_seat(
                            seat,
                            "the instructor closed this screen; reconnect with your code",
                        )
                    });
                }
                if c.quit {
                    let mut g = hosted.host.lock();
                    g.log("stopped the class".into());
                    return Ok(());
                }
            }
        }
    })();
    ratatui::restore();
    result
}
