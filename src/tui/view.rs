//! `view`: draws the model. Pure: it reads the model and never changes it.

use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::keymap::{self, Context};
use super::model::{Model, Popup, Screen, Tab};
use super::screens::{
    chrome, confirm, dashboard, debrief, dossier, end, handoff, help, history, load, orders,
    report, save, setup, title, too_small,
};
use super::text::{amount, clean, wrap};

/// Draws the whole screen for the model.
pub fn view(m: &Model, f: &mut Frame) {
    let area = f.area();
    let th = m.theme;
    let small = too_small::is_too_small(area);
    if small {
        too_small::draw(th, f, area);
    } else {
        match m.screen {
            Screen::Title => {
                title::draw(m, f, area);
            }
            Screen::Load => load::draw(m, f, area),
            Screen::Setup => setup::draw(m, f, area),
            Screen::Handoff => handoff::draw(m, f, area),
            Screen::End => end::draw(m, f, area),
            Screen::Debrief => debrief::draw(m, f, area),
            Screen::Game(tab) => game(m, tab, f),
        }
        if !matches!(m.screen, Screen::Game(_)) {
            let (_, _, footer) = chrome::split_simple(area);
            chrome::draw_footer(keymap::screen_context(m, false), over(m), th, f, footer);
        }
    }
    match m.popup {
        Some(Popup::Help) => {
            help::draw(keymap::screen_context(m, small), th, f, area);
        }
        Some(Popup::ConfirmQuit) => {
            let yes = if m.quit_error.is_some() {
                "quit without saving"
            } else {
                "quit"
            };
            confirm::draw("Quit?", quit_lines(m), yes, "keep playing", th, f, area);
        }
        Some(Popup::SaveAs) => save::draw(m, f, area),
        Some(Popup::Error) => {
            if let Some((title, text)) = &m.dialog {
                confirm::message(title, text, th, f, area);
            }
        }
        Some(Popup::ConfirmEndTurn) => confirm::draw(
            "End your turn?",
            end_turn_lines(m),
            "end the turn",
            "not yet",
            th,
            f,
            area,
        ),
        None => {}
    }
    if let Some(t) = m.session.as_ref().and_then(|s| s.thinking.as_ref())
        && m.popup.is_none()
    {
        const SPIN: [char; 4] = ['|', '/', '-', '\\'];
        let spin = SPIN[(t.ticks as usize) % SPIN.len()];
        let text = format!(
            "{spin} The other players are deciding ({} of {}) — q quits",
            t.done.len(),
            t.total
        );
        confirm::notice(&text, th, f, area);
    }
}

/// Width of the text in a question box (see `confirm::draw`).
const QUESTION_WIDTH: usize = 56;

/// What quitting does to the game in progress.
fn quit_lines(m: &Model) -> Vec<Line<'static>> {
    let th = m.theme;
    let lines = |text: &str, style: ratatui::style::Style| -> Vec<Line<'static>> {
        wrap(text, QUESTION_WIDTH)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect()
    };
    if let Some(e) = &m.quit_error {
        let mut out = lines(&format!("Saving the game failed: {}", clean(e)), th.bad());
        out.extend(lines(
            "Quit anyway? The game since the last save is lost.",
            th.key(),
        ));
        return out;
    }
    let Some(s) = &m.session else {
        return lines("Quit Flashpoint?", ratatui::style::Style::new());
    };
    let Some(dir) = m.saves_dir.as_deref() else {
        return lines(
            "Quit Flashpoint? The game in progress is not saved.",
            ratatui::style::Style::new(),
        );
    };
    let text = if s.is_over() {
        "Quit Flashpoint? The game is over; its last turn was autosaved.".to_string()
    } else if s.turn() == 0 {
        "Quit Flashpoint? No turn has been played yet, so there is nothing to save.".to_string()
    } else {
        let path = clean(&s.table().autosave_path(dir).display().to_string());
        if super::update::title_finds(dir) {
            format!(
                "Quit? The game will be autosaved to {path} — Continue on the title screen picks it up."
            )
        } else {
            format!(
                "Quit? The game will be autosaved to {path} — continue it with `flashpoint play --load` and that file."
            )
        }
    };
    let mut out = lines(&text, ratatui::style::Style::new());
    if !s.is_over() && s.drafts.iter().any(|d| !d.is_empty()) {
        out.extend(lines("Orders drafted this turn are not saved.", th.dim()));
    }
    out
}

fn end_turn_lines(m: &Model) -> Vec<Line<'static>> {
    let th = m.theme;
    let Some(s) = &m.session else {
        return Vec::new();
    };
    let scn = s.scenario();
    let st = s.believed();
    let spent = super::draft::committed(scn, st, s.draft());
    let n = s.draft().len();
    let mut lines = vec![Line::from(vec![
        Span::styled(clean(&scn.actor(s.current).name), th.actor(scn, s.current)),
        Span::raw(format!(
            ": {n} order{} for {} of {} capital.",
            if n == 1 { "" } else { "s" },
            amount(spent),
            amount(st.actor(s.current).capital)
        )),
    ])];
    if n == 0 {
        lines.push(Line::styled(
            "You give no orders this turn (unspent capital carries over).",
            th.key(),
        ));
    }
    if s.waiting.len() > 1 {
        lines.push(Line::styled(
            "Then the next player gives their orders.",
            th.dim(),
        ));
    } else {
        lines.push(Line::styled("Then the turn is resolved.", th.dim()));
    }
    lines
}

fn game(m: &Model, tab: Tab, f: &mut Frame) {
    let th = m.theme;
    let Some(s) = &m.session else {
        return;
    };
    let c = chrome::split(f.area());
    chrome::draw_top(m, s, tab, f, &c);
    match tab {
        Tab::Dashboard => dashboard::draw(s, th, f, c.body),
        Tab::Orders => orders::draw(s, th, f, c.body),
        Tab::Report => report::draw(s, th, f, c.body),
        Tab::History => history::draw(s, th, f, c.body),
        Tab::Dossier => dossier::draw(s, th, f, c.body),
    }
    let hint = match tab {
        Tab::Dashboard if !s.is_over() => Some(Line::from(vec![
            Span::styled(" New here? ", th.dim()),
            Span::styled("Enter", th.key()),
            Span::styled(" gives orders, ", th.dim()),
            Span::styled("e", th.key()),
            Span::styled(" ends the turn, ", th.dim()),
            Span::styled("?", th.key()),
            Span::styled(" lists every key.", th.dim()),
        ])),
        Tab::Dossier if s.turn() == 0 => Some(Line::from(vec![
            Span::styled(" Read your briefing, then ", th.dim()),
            Span::styled("Enter", th.key()),
            Span::styled(" for the dashboard.", th.dim()),
        ])),
        _ => None,
    };
    chrome::draw_status(m, hint, f, c.status);
    let ctx: Context = keymap::screen_context(m, false);
    chrome::draw_footer(ctx, over(m), th, f, c.footer);
}

/// Whether the game on screen is over (no turn left to end).
fn over(m: &Model) -> bool {
    m.session.as_ref().is_some_and(|s| s.is_over())
}
