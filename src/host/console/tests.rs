//! The console's tests: its screen, and the instructor's keys acting on
//! a hosted game.

use super::*;
use crate::engine::Inject;
use crate::engine::turn::Keep;
use crate::host::game::Host;
use crate::referee::Match;
use crate::referee::Seat;
use crate::tui::theme::Theme;
use crossterm::event::KeyEventState;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::time::Duration;

fn host() -> Host {
    let scn = Arc::new(crate::scenario::resolve(None).expect("bundled"));
    let mut seats = vec![Seat::Human; scn.n()];
    seats[1] = Seat::Ai(crate::ai::Policy::Utility);
    let game = Match::new(scn, 3, seats, Keep::Everything);
    Host::new(
        game,
        crate::save::GameId::parse("0123456789abcdef").expect("id"),
        Some(Duration::from_secs(8 * 60)),
    )
}

fn info() -> ServerInfo {
    ServerInfo {
        how: "ssh -p 2222 SEAT@192.168.1.20".into(),
        fingerprint: "SHA256:TESTFINGERPRINTtestfingerprint0123456789abc".into(),
        codes: vec![
            ("us".into(), "orbit-maple-tunnel-sugar".into()),
            ("dprk".into(), "amber-cloud-ferry-lemon".into()),
            ("china".into(), "basket-drum-echo-frost".into()),
            ("japan".into(), "giant-harbor-island-jelly".into()),
            ("projector".into(), "kettle-lunar-magnet-noble".into()),
        ],
        screens: vec![
            ("us".into(), 2),
            ("dprk".into(), 1),
            ("projector".into(), 1),
        ],
    }
}

fn press(c: &mut Console, h: &Host, code: KeyCode) {
    let k = KeyEvent {
        code,
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    };
    key(c, h, k, &mut |_| 0);
}

fn screen(c: &mut Console, h: &Host) -> String {
    let mut t = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let g = h.lock();
    t.draw(|f| draw(c, &g, &info(), f)).expect("draw");
    format!("{}", t.backend())
}

#[test]
fn console_shows_seats_codes_clock_and_fingerprint() {
    let h = host();
    let mut c = Console::new(Theme { color: false });
    insta::assert_snapshot!(screen(&mut c, &h));
}

#[test]
fn instructor_actions_are_logged_and_injects_queued() {
    let h = host();
    let mut c = Console::new(Theme { color: false });
    press(&mut c, &h, KeyCode::Char('p'));
    assert!(!h.lock().clock.paused(), "p starts the clock");
    press(&mut c, &h, KeyCode::Char('p'));
    assert!(h.lock().clock.paused());
    press(&mut c, &h, KeyCode::Char('+'));
    press(&mut c, &h, KeyCode::Char('i'));
    assert!(matches!(c.mode, Mode::Inject(0)));
    press(&mut c, &h, KeyCode::Enter);
    assert_eq!(h.lock().pending_injects().len(), 1);
    let g = h.lock();
    let what: Vec<&str> = g.actions.iter().map(|a| a.what.as_str()).collect();
    assert_eq!(what.len(), 4, "{what:?}");
    assert!(what[3].starts_with("injected event "), "{what:?}");
    // The same record is in the game, so it goes into the save.
    let noted: Vec<&str> = g
        .game()
        .instructor_notes()
        .iter()
        .map(|n| n.what.as_str())
        .collect();
    assert_eq!(noted, what, "the save's instructor log");
    drop(g);
    let text = screen(&mut c, &h);
    assert!(text.contains("Queued for the coming turn"), "{text}");
    // A news item from the form.
    press(&mut c, &h, KeyCode::Char('n'));
    for ch in "Ferry sinks".chars() {
        press(&mut c, &h, KeyCode::Char(ch));
    }
    press(&mut c, &h, KeyCode::Enter);
    assert_eq!(h.lock().pending_injects().len(), 2);
    assert!(matches!(
        &h.lock().pending_injects()[1],
        Inject::News { headline, effects } if headline == "Ferry sinks" && effects.len() == 1
    ));
    // r before the end reveals nothing.
    press(&mut c, &h, KeyCode::Char('r'));
    assert!(!h.lock().revealed);
}
