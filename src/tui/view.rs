//! `view`: draws the model. Pure: it reads the model and never changes it.

use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::keymap::{self, Context};
use super::model::{Model, Popup, Screen, Tab};
use super::screens::{
    chrome, confirm, dashboard, dossier, end, handoff, help, history, orders, report, setup, title,
    too_small,
};
use super::text::{amount, clean};

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
            Screen::Setup => setup::draw(m, f, area),
            Screen::Handoff => handoff::draw(m, f, area),
            Screen::End => end::draw(m, f, area),
            Screen::Game(tab) => game(m, tab, f),
        }
        if !matches!(m.screen, Screen::Game(_)) {
            let (_, _, footer) = chrome::split_simple(area);
            chrome::draw_footer(keymap::screen_context(m, false), th, f, footer);
        }
    }
    match m.popup {
        Some(Popup::Help) => {
            help::draw(keymap::screen_context(m, small), th, f, area);
        }
        Some(Popup::ConfirmQuit) => confirm::draw(
            "Quit?",
            vec![Line::raw(
                "Quit Flashpoint? The game in progress is not saved.",
            )],
            "quit",
            "keep playing",
            th,
            f,
            area,
        ),
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
    if m.busy.is_some() {
        confirm::notice("Resolving the turn…", th, f, area);
    }
}

fn end_turn_lines(m: &Model) -> Vec<Line<'static>> {
    let th = m.theme;
    let Some(s) = &m.session else {
        return Vec::new();
    };
    let scn = &s.game.scenario;
    let st = &s.game.state;
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
        Tab::Dashboard if !s.game.state.is_over() => Some(Line::from(vec![
            Span::styled(" New here? ", th.dim()),
            Span::styled("Enter", th.key()),
            Span::styled(" gives orders, ", th.dim()),
            Span::styled("e", th.key()),
            Span::styled(" ends the turn, ", th.dim()),
            Span::styled("?", th.key()),
            Span::styled(" lists every key.", th.dim()),
        ])),
        Tab::Dossier if s.game.state.turn == 0 => Some(Line::from(vec![
            Span::styled(" Read your briefing, then ", th.dim()),
            Span::styled("Enter", th.key()),
            Span::styled(" for the dashboard.", th.dim()),
        ])),
        _ => None,
    };
    chrome::draw_status(m, hint, f, c.status);
    let ctx: Context = keymap::screen_context(m, false);
    chrome::draw_footer(ctx, th, f, c.footer);
}
