//! `update`: the only place the model changes. Each message is handled by
//! the popup that has the keyboard, else by the current screen.

use std::sync::Arc;
use std::sync::mpsc;

use crate::engine::turn::Keep;
use crate::referee::{Match, Missing};
use crate::save::Table;
use crate::scenario::ActorId;

use super::draft;
use super::model::{
    Focus, LoadList, Model, Popup, SaveForm, Screen, Session, Setup, Tab, Thinking, TitleItem,
};
use super::msg::Msg;

/// Applies one message to the model.
pub fn update(m: &mut Model, msg: Msg) {
    match msg {
        Msg::Resize(w, h) => {
            m.size = (w, h);
            return;
        }
        Msg::Tick => {
            tick(m);
            return;
        }
        Msg::Click(x, y) => {
            super::mouse::click(m, x, y);
            return;
        }
        _ => {}
    }
    m.status = None;
    if let Some(p) = m.popup {
        popup(m, p, msg);
        return;
    }
    match msg {
        Msg::Help => {
            m.popup = Some(Popup::Help);
            return;
        }
        Msg::Quit | Msg::Interrupt => {
            m.popup = Some(Popup::ConfirmQuit);
            return;
        }
        _ => {}
    }
    if msg == Msg::Save && m.session.is_some() {
        open_save(m);
        return;
    }
    match m.screen {
        Screen::Title => title(m, msg),
        Screen::Load => load_screen(m, msg),
        Screen::Setup => setup(m, msg),
        Screen::Handoff => handoff(m, msg),
        Screen::End => end(m, msg),
        Screen::Debrief => debrief(m, msg),
        Screen::Game(tab) => game(m, tab, msg),
    }
}

/// The debrief screen: the section and scroll change; Esc goes back.
fn debrief(m: &mut Model, msg: Msg) {
    let Some(ui) = m.debrief.as_mut() else {
        m.screen = Screen::Title;
        return;
    };
    if ui.update(msg) {
        m.screen = ui.back;
        m.debrief = None;
        if m.screen == Screen::Load {
            // Back to the list the finished save was opened from.
            let selected = m.load.selected;
            m.session = None;
            open_load(m);
            m.load.selected = selected.min(m.load.saves.len().saturating_sub(1));
        }
    }
}

fn popup(m: &mut Model, p: Popup, msg: Msg) {
    match (p, msg) {
        (Popup::Help, Msg::Help | Msg::Back | Msg::Select) => m.popup = None,
        (Popup::ConfirmQuit, Msg::Yes | Msg::Interrupt) => confirm_quit(m),
        (Popup::ConfirmQuit, Msg::No | Msg::Back) => {
            m.popup = None;
            m.quit_error = None;
        }
        (Popup::ConfirmEndTurn, Msg::Yes) => {
            m.popup = None;
            end_turn(m);
        }
        (Popup::ConfirmEndTurn, Msg::No | Msg::Back) => m.popup = None,
        (Popup::SaveAs, msg) => save_form(m, msg),
        (Popup::Error, Msg::Back | Msg::Select | Msg::Yes | Msg::No) => {
            m.popup = None;
            m.dialog = None;
        }
        _ => {}
    }
}

/// The player confirmed quitting: an unfinished game is saved first. If
/// that fails the dialog stays up with the error, and a second yes quits
/// without saving.
fn confirm_quit(m: &mut Model) {
    if m.quit_error.is_none()
        && let (Some(dir), Some(s)) = (m.saves_dir.as_deref(), m.session.as_ref())
    {
        match s.table().save_on_quit(dir) {
            Ok(Some(path)) => m.farewell = Some(farewell(dir, &path)),
            Ok(None) => {}
            Err(e) => {
                m.quit_error = Some(e.to_string());
                return;
            }
        }
    }
    m.quit = true;
}

/// Saves an unfinished game now, as quitting would, because a signal or
/// a lost terminal ends the session; the farewell saying where, if a
/// file was written. A failure is part of the farewell: nobody is left
/// to ask.
pub fn save_now(m: &Model) -> Option<String> {
    let (dir, s) = (m.saves_dir.as_deref()?, m.session.as_ref()?);
    match s.table().save_on_quit(dir) {
        Ok(Some(path)) => Some(farewell(dir, &path)),
        Ok(None) => None,
        Err(e) => Some(format!("The game could not be saved: {e}")),
    }
}

/// Text pasted into the terminal (bracketed paste: one event however
/// long). Only the save popup's name field takes text; it keeps the
/// printable characters up to its cap, so a long paste costs time in
/// proportion to what is kept, not to the square of its length.
pub fn paste(m: &mut Model, text: &str) {
    if m.popup != Some(Popup::SaveAs) {
        return;
    }
    let Some(form) = m.save_form.as_mut() else {
        return;
    };
    if form.overwrite.is_some() {
        return;
    }
    let room = MAX_TYPED.saturating_sub(form.name.chars().count());
    form.name
        .extend(text.chars().filter(|c| !c.is_control()).take(room));
    form.error = None;
    m.status = None;
}

/// Whether the title screen of a plain `flashpoint` run here finds the
/// saves in `dir` (it looks in the default folder only).
pub fn title_finds(dir: &std::path::Path) -> bool {
    dir == std::path::Path::new(crate::save::DEFAULT_DIR)
}

/// What to print after quitting: where the game is and how to go on.
fn farewell(dir: &std::path::Path, path: &std::path::Path) -> String {
    let p = path.display();
    if title_finds(dir) {
        format!(
            "Game saved to {p}. To continue, run `flashpoint` here and choose Continue, \
             or `flashpoint play --load {p}`."
        )
    } else {
        format!(
            "Game saved to {p}. To continue: `flashpoint play --load {p} --saves-dir {}`.",
            dir.display()
        )
    }
}

/// Opens the save popup with the suggested name.
fn open_save(m: &mut Model) {
    let Some(s) = m.session.as_ref() else {
        return;
    };
    if m.saves_dir.is_none() {
        m.status = Some("Saving is off in this session (no saves folder)".into());
        return;
    }
    m.save_form = Some(SaveForm {
        name: s.table().default_save_name(),
        error: None,
        overwrite: None,
    });
    m.popup = Some(Popup::SaveAs);
}

/// Longest name the save popup accepts while typing or pasting (the
/// save library refuses names over its own limit with a clear message).
pub const MAX_TYPED: usize = 64;

/// A key in the save popup: typing, saving, the overwrite question.
fn save_form(m: &mut Model, msg: Msg) {
    let Some(form) = m.save_form.as_mut() else {
        m.popup = None;
        return;
    };
    if form.overwrite.is_some() {
        match msg {
            Msg::Yes => try_save(m, true),
            Msg::No | Msg::Back => form.overwrite = None,
            _ => {}
        }
        return;
    }
    match msg {
        Msg::Char(c) if !c.is_control() => {
            if form.name.chars().count() < MAX_TYPED {
                form.name.push(c);
            }
            form.error = None;
        }
        Msg::Backspace => {
            form.name.pop();
            form.error = None;
        }
        Msg::Select => try_save(m, false),
        Msg::Back => {
            m.popup = None;
            m.save_form = None;
            m.status = Some("Not saved".into());
        }
        Msg::Interrupt => {
            m.save_form = None;
            m.popup = Some(Popup::ConfirmQuit);
        }
        _ => {}
    }
}

/// Saves under the typed name; an existing save asks before `overwrite`.
fn try_save(m: &mut Model, overwrite: bool) {
    let (Some(dir), Some(s), Some(form)) = (
        m.saves_dir.as_deref(),
        m.session.as_ref(),
        m.save_form.as_mut(),
    ) else {
        m.popup = None;
        return;
    };
    match s.table().save_as(dir, &form.name, overwrite) {
        Ok(path) => {
            let drafts = s.drafts.iter().any(|d| !d.is_empty());
            m.status = Some(format!(
                "Saved to {}{}",
                path.display(),
                if drafts {
                    " (orders drafted this turn are not in saves)"
                } else {
                    ""
                }
            ));
            m.save_form = None;
            m.popup = None;
        }
        Err(crate::save::SaveError::Exists { path }) if !overwrite => {
            form.overwrite = Some(path);
            form.error = None;
        }
        Err(e) => {
            form.overwrite = None;
            form.error = Some(e.to_string());
        }
    }
}

/// Moves a page of the moves list jumps.
const PAGE: usize = 8;

/// Selects move `i` of the current player's list; a move that may be
/// aimed at the target the player chose last (the engine accepting it)
/// is aimed at it, so the order goes where the player was just looking,
/// not to an older choice.
fn select_move(s: &mut Session, i: usize) {
    let me = s.current;
    let scn = s.scenario().clone();
    let moves = draft::move_list(&scn, me);
    s.ui_mut().selected = i;
    let (Some(&mv), Some(t)) = (moves.get(i), s.ui().last_target) else {
        return;
    };
    let Some(&c) = s.ui().choices.get(mv.index()) else {
        return;
    };
    let aimed = draft::Choice {
        target: Some(t),
        ..c
    };
    let ok = draft::targets(&scn, me, mv).contains(&t)
        && draft::check(
            &scn,
            s.believed(),
            s.draft(),
            &draft::order_for(me, mv, aimed),
        )
        .is_ok();
    if ok && let Some(slot) = s.ui_mut().choices.get_mut(mv.index()) {
        *slot = aimed;
    }
}

fn step(i: usize, n: usize, up: bool) -> usize {
    if n == 0 {
        0
    } else if up {
        i.saturating_sub(1)
    } else {
        (i + 1).min(n - 1)
    }
}

fn title(m: &mut Model, msg: Msg) {
    let n = m.title.items().len();
    match msg {
        Msg::Up | Msg::Down => m.title.selected = step(m.title.selected, n, msg == Msg::Up),
        Msg::Select => open_title_item(m),
        // Esc on the title screen quits, as its help says: no game is
        // open, so there is nothing to confirm or save.
        Msg::Back => m.quit = true,
        _ => {}
    }
}

/// Opens the highlighted choice of the title screen.
pub fn open_title_item(m: &mut Model) {
    match m.title.item() {
        Some(TitleItem::Continue) => continue_autosave(m),
        Some(TitleItem::Load) => open_load(m),
        Some(TitleItem::Scenario(i)) => open_setup(m, i),
        None => {
            m.status = Some("No scenario to play: put a .toml file in ./scenarios".into());
        }
    }
}

/// Loads the latest autosave and continues its game.
fn continue_autosave(m: &mut Model) {
    let Some(path) = m.title.autosave.as_ref().map(|a| a.path.clone()) else {
        m.status = Some("No autosave yet".into());
        return;
    };
    load_and_resume(m, &path);
}

/// Loads the save at `path` into a game; an error opens a dialog.
pub fn load_and_resume(m: &mut Model, path: &std::path::Path) {
    match Table::load(path) {
        Ok(game) => m.resume(game, path),
        Err(e) => m.error("This save does not load", e.to_string()),
    }
}

/// Opens the list of saves.
pub fn open_load(m: &mut Model) {
    let saves = m
        .saves_dir
        .as_deref()
        .map(crate::save::list)
        .unwrap_or_default();
    m.load = LoadList { saves, selected: 0 };
    m.screen = Screen::Load;
}

fn load_screen(m: &mut Model, msg: Msg) {
    let n = m.load.saves.len();
    match msg {
        Msg::Up | Msg::Down => m.load.selected = step(m.load.selected, n, msg == Msg::Up),
        Msg::PageUp | Msg::PageDown => {
            for _ in 0..10 {
                m.load.selected = step(m.load.selected, n, msg == Msg::PageUp);
            }
        }
        Msg::Select => load_selected(m),
        Msg::Debrief => debrief_selected(m),
        Msg::Back => {
            m.refresh_saves();
            m.screen = Screen::Title;
        }
        _ => {}
    }
}

/// Loads the highlighted save of the load screen.
pub fn load_selected(m: &mut Model) {
    let Some(info) = m.load.saves.get(m.load.selected) else {
        m.status = Some("No save to load".into());
        return;
    };
    if info.summary.is_err() {
        m.status = Some("This save does not load: the reason is shown below the list".into());
        return;
    }
    let path = info.path.clone();
    load_and_resume(m, &path);
    if m.session.is_none() {
        // It failed: the folder changed since the list was read.
        let selected = m.load.selected;
        open_load(m);
        m.load.selected = selected.min(m.load.saves.len().saturating_sub(1));
    }
}

/// Opens the debrief of the highlighted save of the load screen, if its
/// game is finished.
pub fn debrief_selected(m: &mut Model) {
    let Some(info) = m.load.saves.get(m.load.selected) else {
        m.status = Some("No save to debrief".into());
        return;
    };
    match &info.summary {
        Err(_) => {
            m.status = Some("This save does not load: the reason is shown below the list".into());
            return;
        }
        Ok(s) if !s.over => {
            m.status = Some("This game is not finished: only a finished game has a debrief".into());
            return;
        }
        Ok(_) => {}
    }
    let path = info.path.clone();
    let selected = m.load.selected;
    match Table::load(&path) {
        Ok(game) => {
            m.resume(game, &path);
            if !m.open_debrief(Screen::Load) {
                m.status =
                    Some("This game is not finished: only a finished game has a debrief".into());
            }
            m.load.selected = selected;
        }
        Err(e) => m.error("This save does not load", e.to_string()),
    }
}

/// Opens the setup screen for scenario `i` of the title screen.
pub fn open_setup(m: &mut Model, i: usize) {
    let Some(entry) = m.title.entries.get(i) else {
        m.status = Some("No scenario to play: put a .toml file in ./scenarios".into());
        return;
    };
    if let Some(e) = &entry.error {
        m.status = Some(format!(
            "This scenario has errors ({}); run `flashpoint validate {}`",
            super::text::clean(e),
            super::text::clean(&entry.name)
        ));
        return;
    }
    match crate::scenario::resolve(Some(&entry.name)) {
        Ok(scn) => {
            m.setup = Some(Setup::new(entry.name.clone(), scn, m.ai));
            m.screen = Screen::Setup;
        }
        Err(e) => {
            let first = e
                .diagnostics
                .first()
                .map_or_else(String::new, |d| d.message.clone());
            m.status = Some(format!("Cannot load it: {}", super::text::clean(&first)));
        }
    }
}

fn setup(m: &mut Model, msg: Msg) {
    let Some(s) = m.setup.as_mut() else {
        m.screen = Screen::Title;
        return;
    };
    let n = s.humans.len();
    match msg {
        Msg::Up | Msg::Down => s.row = step(s.row, n, msg == Msg::Up),
        Msg::Toggle => {
            if let Some(h) = s.humans.get_mut(s.row) {
                *h = !*h;
            }
        }
        Msg::Left | Msg::Right => {
            if s.humans.get(s.row).copied().unwrap_or(true) {
                let name = s
                    .scenario
                    .actors
                    .get(s.row)
                    .map_or("", |a| a.in_sentence.as_str());
                m.status = Some(format!(
                    "{} is played by a person: Space gives it to the computer first",
                    crate::scenario::names::capitalise(&super::text::clean(name))
                ));
            } else {
                let row = s.row;
                s.cycle_strength(row, msg == Msg::Right);
            }
        }
        Msg::Digit(d) if s.seed.len() < 19 => s.seed.push(char::from(b'0' + d)),
        Msg::Backspace => {
            s.seed.pop();
        }
        Msg::Back => m.screen = Screen::Title,
        Msg::Select => start_from_setup(m),
        _ => {}
    }
}

/// Starts the game the setup screen describes, if it is complete.
pub fn start_from_setup(m: &mut Model) {
    let Some(s) = m.setup.as_ref() else {
        return;
    };
    if !s.humans.iter().any(|h| *h) {
        m.status = Some("Choose at least one actor for a person to play (Space)".into());
        return;
    }
    let Ok(seed) = s.seed.parse::<u64>() else {
        m.status = Some("Type a seed (a whole number)".into());
        return;
    };
    let game = Match::new(
        Arc::new(s.scenario.clone()),
        seed,
        s.seats(),
        Keep::Everything,
    );
    m.start(Table::new(game));
}

fn handoff(m: &mut Model, msg: Msg) {
    if msg == Msg::Select
        && let Some(s) = &m.session
    {
        // A player's turn opens on their briefing at the start, then on
        // their own report of the turn just played.
        m.screen = if s.turn() == 0 {
            Screen::Game(Tab::Dossier)
        } else {
            Screen::Game(Tab::Report)
        };
    }
}

fn end(m: &mut Model, msg: Msg) {
    match msg {
        Msg::Up | Msg::Down => {
            if let Some(s) = m.session.as_mut() {
                s.report_scroll = if msg == Msg::Up {
                    s.report_scroll.saturating_sub(1)
                } else {
                    s.report_scroll.saturating_add(1).min(200)
                };
            }
        }
        Msg::GoTo(tab) => {
            if let Some(s) = m.session.as_mut() {
                s.report_scroll = 0;
            }
            m.screen = Screen::Game(tab);
        }
        Msg::Debrief => {
            m.open_debrief(Screen::End);
        }
        Msg::NewGame => {
            m.session = None;
            m.screen = Screen::Title;
            if m.title.entries.is_empty() {
                m.title.entries = crate::catalog::discover();
            }
            m.refresh_saves();
        }
        _ => {}
    }
}

fn game(m: &mut Model, tab: Tab, msg: Msg) {
    let Some(s) = m.session.as_mut() else {
        m.screen = Screen::Title;
        return;
    };
    let over = s.is_over();
    match msg {
        Msg::GoTo(t) => {
            m.screen = Screen::Game(t);
            return;
        }
        Msg::EndTurn => {
            if over {
                m.screen = Screen::End;
            } else {
                m.popup = Some(Popup::ConfirmEndTurn);
            }
            return;
        }
        Msg::NextPanel | Msg::PrevPanel if tab != Tab::Orders => {
            let dir = if msg == Msg::NextPanel { 1 } else { -1 };
            m.screen = Screen::Game(tab.cycle(dir));
            return;
        }
        Msg::Back if tab != Tab::Orders => {
            m.screen = if over {
                Screen::End
            } else {
                Screen::Game(Tab::Dashboard)
            };
            return;
        }
        _ => {}
    }
    match tab {
        Tab::Dashboard => {
            let n = s.scenario().n() * s.scenario().n().saturating_sub(1) / 2;
            match msg {
                Msg::Up => s.dash_scroll = s.dash_scroll.saturating_sub(1),
                Msg::Down => s.dash_scroll = (s.dash_scroll + 1).min(n.saturating_sub(1)),
                Msg::PageUp => s.dash_scroll = s.dash_scroll.saturating_sub(PAGE),
                Msg::PageDown => s.dash_scroll = (s.dash_scroll + PAGE).min(n.saturating_sub(1)),
                _ => {}
            }
            if msg == Msg::Select {
                m.screen = if over {
                    Screen::End
                } else {
                    Screen::Game(Tab::Orders)
                };
            }
        }
        Tab::Orders => orders(m, msg),
        Tab::Report => report(m, msg),
        Tab::History => {
            let n = super::screens::history::series_count(s.scenario());
            let i = s.history_series;
            s.history_series = match msg {
                Msg::Left | Msg::Up => (i + n - 1) % n,
                Msg::Right | Msg::Down => (i + 1) % n,
                _ => i,
            };
        }
        Tab::Dossier => {
            let n = s.scenario().n();
            let ui = s.ui_mut();
            match msg {
                Msg::Up | Msg::Down => {
                    ui.dossier = step(ui.dossier, n, msg == Msg::Up);
                    ui.dossier_scroll = 0;
                }
                Msg::PageUp => ui.dossier_scroll = ui.dossier_scroll.saturating_sub(8),
                Msg::PageDown => ui.dossier_scroll = ui.dossier_scroll.saturating_add(8).min(500),
                Msg::Select => {
                    m.screen = if over {
                        Screen::End
                    } else {
                        Screen::Game(Tab::Dashboard)
                    }
                }
                _ => {}
            }
        }
    }
}

fn report(m: &mut Model, msg: Msg) {
    let Some(s) = m.session.as_mut() else {
        return;
    };
    match msg {
        Msg::Up => s.report_scroll = s.report_scroll.saturating_sub(1),
        Msg::Down => s.report_scroll = s.report_scroll.saturating_add(1).min(2000),
        Msg::PageUp => s.report_scroll = s.report_scroll.saturating_sub(10),
        Msg::PageDown => s.report_scroll = s.report_scroll.saturating_add(10).min(2000),
        Msg::Toggle => s.report_details = !s.report_details,
        Msg::Select => {
            if s.is_over() {
                s.report_scroll = 0;
            }
            m.screen = if s.is_over() {
                Screen::End
            } else {
                Screen::Game(Tab::Dashboard)
            };
        }
        _ => {}
    }
}

fn orders(m: &mut Model, msg: Msg) {
    let Some(s) = m.session.as_mut() else {
        return;
    };
    if s.is_over() {
        if msg == Msg::Back {
            m.screen = Screen::End;
        }
        return;
    }
    let me = s.current;
    let scn = s.scenario().clone();
    let moves = draft::move_list(&scn, me);
    let focus = s.ui().focus;
    match (focus, msg) {
        (_, Msg::NextPanel | Msg::PrevPanel) => {
            let ui = s.ui_mut();
            ui.focus = match ui.focus {
                Focus::Moves => Focus::Drafts,
                Focus::Drafts => Focus::Moves,
            };
        }
        (
            Focus::Moves,
            Msg::Up
            | Msg::Down
            | Msg::PageUp
            | Msg::PageDown
            | Msg::First
            | Msg::Last
            | Msg::PrevGroup
            | Msg::NextGroup,
        ) => {
            let i = s.ui().selected;
            let n = moves.len();
            let cat = |k: usize| moves.get(k).map(|mv| scn.mv(*mv).category);
            let to = match msg {
                Msg::Up | Msg::Down => step(i, n, msg == Msg::Up),
                Msg::PageUp => i.saturating_sub(PAGE),
                Msg::PageDown => (i + PAGE).min(n.saturating_sub(1)),
                Msg::First => 0,
                Msg::Last => n.saturating_sub(1),
                Msg::NextGroup => (i..n).find(|k| cat(*k) != cat(i)).unwrap_or(i),
                _ => {
                    // The start of this category, or of the one before when
                    // already at its start.
                    let start = |k: usize| (0..=k).rev().take_while(|j| cat(*j) == cat(k)).last();
                    let here = start(i).unwrap_or(0);
                    if here < i {
                        here
                    } else {
                        here.checked_sub(1).and_then(start).unwrap_or(0)
                    }
                }
            };
            select_move(s, to);
        }
        (Focus::Moves, Msg::Left | Msg::Right) => {
            let Some(&mv) = moves.get(s.ui().selected) else {
                return;
            };
            let delta = if msg == Msg::Left { -1 } else { 1 };
            let ui = &mut s.players[me.index()];
            if let Some(c) = ui.choices.get_mut(mv.index()) {
                c.level = draft::step_level(&scn, mv, c.level, delta);
            }
        }
        (Focus::Moves, Msg::NextTarget | Msg::PrevTarget) => {
            let Some(&mv) = moves.get(s.ui().selected) else {
                return;
            };
            let dir = if msg == Msg::NextTarget { 1 } else { -1 };
            let ui = &mut s.players[me.index()];
            if let Some(c) = ui.choices.get_mut(mv.index()) {
                c.target = draft::step_target(&scn, me, mv, c.target, dir);
                ui.last_target = c.target;
            }
        }
        (Focus::Moves, Msg::Select) => {
            m.status = Some(add_selected(s));
        }
        (Focus::Moves, Msg::Back) if s.ui().editing.is_some() => {
            s.ui_mut().editing = None;
            m.status = Some("Edit cancelled: the order is unchanged".into());
        }
        (Focus::Moves, Msg::Back) => m.screen = Screen::Game(Tab::Dashboard),
        (Focus::Drafts, Msg::Select) => {
            let i = s.ui().draft_selected;
            let Some(o) = s.draft().get(i).cloned() else {
                return;
            };
            let Some(pos) = moves.iter().position(|mv| *mv == o.mv) else {
                return;
            };
            let ui = s.ui_mut();
            ui.selected = pos;
            if let Some(c) = ui.choices.get_mut(o.mv.index()) {
                c.level = o.level;
                c.target = o.target;
            }
            ui.editing = Some(i);
            ui.focus = Focus::Moves;
            m.status = Some(format!(
                "Editing order {}: change its move, target or level, Enter to keep it, Esc to cancel",
                i + 1
            ));
        }
        (Focus::Drafts, Msg::Up | Msg::Down) => {
            let n = s.draft().len();
            let ui = s.ui_mut();
            ui.draft_selected = step(ui.draft_selected, n, msg == Msg::Up);
        }
        (Focus::Drafts, Msg::Remove) => {
            let i = s.ui().draft_selected;
            s.ui_mut().editing = None;
            let list = &mut s.drafts[me.index()];
            if i < list.len() {
                let o = list.remove(i);
                let n = list.len();
                m.status = Some(format!("Removed: {}", draft::describe(&scn, &o)));
                let ui = s.ui_mut();
                ui.draft_selected = ui.draft_selected.min(n.saturating_sub(1));
                if n == 0 {
                    ui.focus = Focus::Moves;
                }
            }
        }
        (Focus::Drafts, Msg::Back) => s.ui_mut().focus = Focus::Moves,
        _ => {}
    }
}

/// Adds the selected move at its chosen level and target to the current
/// player's draft, if the engine accepts it; returns the status line.
pub fn add_selected(s: &mut Session) -> String {
    let me = s.current;
    let scn = s.scenario().clone();
    let scn = &*scn;
    let moves = draft::move_list(scn, me);
    let Some(&mv) = moves.get(s.ui().selected) else {
        return "No move selected".into();
    };
    let Some(&choice) = s.ui().choices.get(mv.index()) else {
        return "No move selected".into();
    };
    let order = draft::order_for(me, mv, choice);
    s.ui_mut().last_target = choice.target.or(s.ui().last_target);
    let editing = s.ui().editing.filter(|i| *i < s.draft().len());
    let mut others = s.draft().to_vec();
    if let Some(i) = editing {
        others.remove(i);
    }
    match draft::check(scn, s.believed(), &others, &order) {
        Ok(cost) => {
            let text = draft::describe(scn, &order);
            s.ui_mut().editing = None;
            match editing {
                Some(i) => {
                    s.drafts[me.index()][i] = order;
                    format!(
                        "Changed order {}: {text} for {} capital",
                        i + 1,
                        super::text::amount(cost)
                    )
                }
                None => {
                    s.drafts[me.index()].push(order);
                    format!("Added: {text} for {} capital", super::text::amount(cost))
                }
            }
        }
        Err(e) => format!(
            "Cannot add {}: {}",
            super::text::clean(&scn.mv(mv).name),
            crate::narrate::order_error(scn, &e)
        ),
    }
}

/// The current player is done: its orders go to the table; hand over to
/// the next human, or let the computer players decide when everyone is
/// done.
pub fn end_turn(m: &mut Model) {
    let Some(s) = m.session.as_mut() else {
        return;
    };
    if s.is_over() {
        m.screen = Screen::End;
        return;
    }
    if s.thinking.is_some() {
        // The turn has ended: its orders are in and the computer players
        // are deciding. Ending it again would change orders already given.
        m.status = Some("The turn has ended: the other players are deciding".into());
        return;
    }
    let me = s.current;
    let orders = s.drafts[me.index()].clone();
    if s.is_human(me)
        && let Err(e) = s.table_mut().submit(me, orders)
    {
        let why = match &e {
            crate::referee::SubmitError::Illegal { index, error } => format!(
                "order {} cannot be given: {}",
                index + 1,
                crate::narrate::order_error(s.scenario(), error)
            ),
            other => other.to_string(),
        };
        m.status = Some(format!("Not ended: {why}"));
        return;
    }
    s.waiting.retain(|a| *a != me);
    if let Some(&next) = s.waiting.first() {
        s.current = next;
        m.screen = Screen::Handoff;
        return;
    }
    start_thinking(s);
}

/// Hands the computer players' decisions to a worker thread; the screen
/// keeps drawing and the loop sends [`Msg::Tick`] until they are in.
fn start_thinking(s: &mut Session) {
    let jobs = s.table().ai_jobs(Missing::Nothing);
    let (tx, rx) = mpsc::channel();
    let scn = s.scenario().clone();
    let total = jobs.len();
    std::thread::spawn(move || {
        for job in jobs {
            let d = job.run(&scn);
            if tx.send((job.actor, d)).is_err() {
                return;
            }
        }
    });
    s.thinking = Some(Thinking {
        rx,
        total,
        done: Vec::new(),
        ticks: 0,
    });
}

/// Collects the decisions made so far; once all are in, resolves the turn.
fn tick(m: &mut Model) {
    let Some(s) = m.session.as_mut() else {
        return;
    };
    let Some(t) = s.thinking.as_mut() else {
        return;
    };
    t.ticks = t.ticks.wrapping_add(1);
    loop {
        match t.rx.try_recv() {
            Ok(d) => t.done.push(d),
            Err(mpsc::TryRecvError::Empty) => break,
            Err(mpsc::TryRecvError::Disconnected) => {
                if t.done.len() < t.total {
                    // The worker died: the missing players give no orders.
                    t.total = t.done.len();
                }
                break;
            }
        }
    }
    if t.done.len() < t.total {
        return;
    }
    finish_turn(m);
}

/// Waits for the computer players and resolves the turn (tests and
/// headless drivers; the terminal game ticks instead).
pub fn settle(m: &mut Model) {
    while let Some(t) = m.session.as_mut().and_then(|s| s.thinking.as_mut()) {
        match t.rx.recv() {
            Ok(d) => t.done.push(d),
            Err(_) => t.total = t.done.len(),
        }
        if t.done.len() >= t.total {
            finish_turn(m);
        }
    }
}

/// Resolves the turn with everyone's orders and starts the next one.
fn finish_turn(m: &mut Model) {
    let Some(s) = m.session.as_mut() else {
        return;
    };
    let Some(t) = s.thinking.take() else {
        return;
    };
    s.table_mut().resolve(t.done);
    for d in &mut s.drafts {
        d.clear();
    }
    let humans = s.table().humans();
    s.waiting = if humans.is_empty() {
        vec![s.current]
    } else {
        humans
    };
    s.current = s.waiting.first().copied().unwrap_or(ActorId(0));
    s.report_scroll = 0;
    for ui in &mut s.players {
        ui.draft_selected = 0;
        ui.focus = Focus::Moves;
        ui.editing = None;
    }
    s.refresh();
    let over = s.is_over();
    m.screen = if s.hotseat() {
        Screen::Handoff
    } else {
        Screen::Game(Tab::Report)
    };
    let saved = m.saves_dir.as_deref().map(|dir| s.table().autosave(dir));
    m.status = Some(match saved {
        Some(Err(e)) => format!("Autosave failed (the game goes on): {e}"),
        Some(Ok(_)) if over => {
            "The game is over (autosaved) — read the report, then Enter for the result".into()
        }
        Some(Ok(_)) => {
            "Turn resolved, game autosaved — read what happened, then Enter to continue".into()
        }
        None if over => "The game is over — read the report, then Enter for the result".into(),
        None => "The turn is resolved — read what happened, then Enter to continue".into(),
    });
}
