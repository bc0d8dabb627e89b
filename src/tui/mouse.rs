//! Mouse clicks: the same layout functions the screens draw with tell
//! what is under the pointer.

use ratatui::layout::{Position, Rect};

use super::model::{Focus, Model, Screen, Tab};
use super::screens::{chrome, dossier, load, orders, setup, title, too_small};

/// Handles a left click at (x, y).
pub fn click(m: &mut Model, x: u16, y: u16) {
    let area = Rect::new(0, 0, m.size.0, m.size.1);
    if m.popup.is_some() || too_small::is_too_small(area) {
        return;
    }
    let p = Position::new(x, y);
    match m.screen {
        Screen::Title => {
            let a = title::areas(area);
            if a.list.contains(p)
                && let Some(i) = title::entry_at(m, a.list, y)
            {
                if m.title.selected == i {
                    super::update::open_title_item(m);
                } else {
                    m.title.selected = i;
                }
            }
        }
        Screen::Setup => {
            let a = setup::areas(area);
            if let Some(s) = m.setup.as_mut()
                && a.actors.contains(p)
                && let Some(i) = setup::row_at(s, a.actors, y)
            {
                s.row = i;
                if setup::on_strength(s, a.actors, i, x) {
                    s.cycle_strength(i, true);
                } else if let Some(h) = s.humans.get_mut(i) {
                    *h = !*h;
                }
            }
        }
        Screen::Load => {
            let a = load::areas(area);
            if a.list.contains(p)
                && let Some(i) = load::row_at(m, a.list, y)
            {
                if m.load.selected == i {
                    super::update::load_selected(m);
                } else {
                    m.load.selected = i;
                }
            }
        }
        Screen::Game(tab) => game(m, tab, area, p),
        Screen::Handoff | Screen::End | Screen::Debrief => {}
    }
}

fn game(m: &mut Model, tab: Tab, area: Rect, p: Position) {
    let c = chrome::split(area);
    let Some(s) = m.session.as_mut() else {
        return;
    };
    if c.tabs.contains(p) {
        if let Some((t, ..)) = chrome::tab_ranges(s, c.tabs)
            .into_iter()
            .find(|(_, _, x0, x1)| p.x >= *x0 && p.x < *x1)
        {
            m.screen = Screen::Game(t);
        }
        return;
    }
    match tab {
        Tab::Orders if !s.is_over() => {
            let a = orders::areas(s, c.body);
            if a.moves.contains(p) {
                if let Some(i) = orders::move_at(s, a.moves, p.y) {
                    let ui = s.ui_mut();
                    ui.selected = i;
                    ui.focus = Focus::Moves;
                }
            } else if a.drafts.contains(p)
                && let Some(i) = orders::draft_at(s, a.drafts, p.y)
            {
                let ui = s.ui_mut();
                ui.draft_selected = i;
                ui.focus = Focus::Drafts;
            }
        }
        Tab::Dossier => {
            let (list, _) = dossier::areas(s, c.body);
            if list.contains(p) {
                let rows = list.height.saturating_sub(2) as usize;
                let i = p.y.saturating_sub(list.y + 1) as usize + dossier::list_offset(s, rows);
                if p.y > list.y && i < s.scenario().n() {
                    let ui = s.ui_mut();
                    ui.dossier = i;
                    ui.dossier_scroll = 0;
                }
            }
        }
        _ => {}
    }
}
