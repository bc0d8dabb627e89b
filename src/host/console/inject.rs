//! The inject list: the scenario's events the instructor may queue for
//! the coming turn, chosen with ↑↓ and Enter.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::Line;

use crate::engine::Inject;
use crate::host::game::{Host, HostGame};
use crate::tui::text::clean;
use crate::tui::theme::Theme;

use super::model::FormKey;

/// The events the instructor may inject: those the scenario marks
/// `injectable = true`, or all of them when it marks none.
pub fn injectables(g: &HostGame) -> (Vec<usize>, bool) {
    let events = &g.scenario().events;
    let marked: Vec<usize> = (0..events.len())
        .filter(|i| events[*i].injectable)
        .collect();
    if marked.is_empty() {
        ((0..events.len()).collect(), false)
    } else {
        (marked, true)
    }
}

/// A key on the list (`i` is the highlighted entry): ↑↓ move, Enter
/// queues the event, any other key closes the list.
pub(super) fn key(i: &mut usize, host: &Host, k: KeyEvent) -> FormKey {
    let g = host.lock();
    let (list, _) = injectables(&g);
    let n = list.len();
    let mut message = None;
    match k.code {
        KeyCode::Up => *i = i.saturating_sub(1),
        KeyCode::Down => *i = (*i + 1).min(n.saturating_sub(1)),
        KeyCode::Enter => {
            if let Some(&e) = list.get(*i) {
                let ev = &g.scenario().events[e];
                let words = format!("event {} ({})", ev.id, clean(&ev.name));
                let id = crate::scenario::EventId(e as u16);
                drop(g);
                host.inject(Inject::Event { event: id }, words.clone());
                message = Some(format!("Queued for the coming turn: {words}"));
            }
        }
        _ => {}
    }
    let close = !matches!(k.code, KeyCode::Up | KeyCode::Down);
    FormKey { close, message }
}

/// The list's lines (`sel` highlighted), for the popup.
pub(super) fn lines(sel: usize, g: &HostGame, th: Theme) -> Vec<Line<'static>> {
    let scn = g.scenario();
    let (list, marked) = injectables(g);
    let mut lines = vec![Line::styled(
        if marked {
            "Events the scenario offers as injects:"
        } else {
            "The scenario marks no event injectable; all its events:"
        },
        th.dim(),
    )];
    for (i, e) in list.iter().enumerate() {
        let ev = &scn.events[*e];
        let style = if i == sel {
            th.selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(
            format!(" {} — {}", ev.id, clean(&ev.name)),
            style,
        ));
    }
    lines.push(Line::styled(
        "Enter queues it for the coming turn · Esc cancels",
        th.key(),
    ));
    lines
}
