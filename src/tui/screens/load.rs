//! The load screen: every save in the saves folder, newest first, with
//! what it holds; a save that does not load is listed, dimmed, with why.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::save::SaveInfo;
use crate::tui::model::Model;
use crate::tui::text::{clean, clean_lines, fit, wrap};

/// The parts of the load screen.
pub struct Areas {
    pub list: Rect,
    pub details: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// Splits the load screen: the list, the selected save's details below.
pub fn areas(area: Rect) -> Areas {
    let (body, status, footer) = super::chrome::split_simple(area);
    let [list, details] = body.layout(&Layout::vertical([
        Constraint::Min(5),
        Constraint::Length(8),
    ]));
    Areas {
        list,
        details,
        status,
        footer,
    }
}

/// Rows of saves that fit in the list (inside the border, under the
/// column headings).
fn visible(list: Rect) -> usize {
    list.height.saturating_sub(3).max(1) as usize
}

/// The first save shown, so that the selected one is in view.
fn offset(m: &Model, list: Rect) -> usize {
    let v = visible(list);
    (m.load.selected + 1).saturating_sub(v)
}

/// The save under a click at row `y`, if any.
pub fn row_at(m: &Model, list: Rect, y: u16) -> Option<usize> {
    let first = list.y + 2;
    let i = y.checked_sub(first)? as usize;
    let n = offset(m, list) + i;
    (y + 1 < list.bottom() && i < visible(list) && n < m.load.saves.len()).then_some(n)
}

/// Column widths: name, scenario, turns played, date of the last one,
/// people, modified.
fn columns(width: usize) -> [usize; 6] {
    const TURN: usize = 7;
    const DATE: usize = 9;
    const MODIFIED: usize = 16;
    // Selection mark (2) and five gaps of two.
    let rest = width.saturating_sub(2 + 10 + TURN + DATE + MODIFIED);
    let name = rest * 40 / 100;
    let scenario = rest * 35 / 100;
    let people = rest - name - scenario;
    [name, scenario, TURN, DATE, people, MODIFIED]
}

/// A save's name without `.toml`; a game's autosave is "autosave" with
/// its game id (the scenario column says which scenario).
fn display_name(info: &SaveInfo) -> String {
    let n = info.name.strip_suffix(".toml").unwrap_or(&info.name);
    match (&info.summary, info.autosave) {
        (Ok(s), true) => format!("autosave {}", clean(&s.game_id)),
        _ => clean(n),
    }
}

/// How far a saved game went, in the header's terms (the header shows
/// the turn being played: one more than the turns played).
pub fn progress(s: &crate::save::SaveSummary) -> String {
    let n = s.turn;
    let played = format!(
        "{n} turn{} played (the last in {})",
        if n == 1 { "" } else { "s" },
        clean(&s.date)
    );
    if n == 0 {
        "No turn played yet".into()
    } else if s.over {
        format!("{played} — the game is over")
    } else {
        format!("{played}; it goes on at turn {}", n + 1)
    }
}

/// The actors played by people, by id as `--as` takes them (one case for
/// all), or who else played.
pub fn people(humans: &[String], none: &str) -> String {
    if humans.is_empty() {
        none.to_string()
    } else {
        clean(&humans.join(", "))
    }
}

fn pad(s: &str, w: usize) -> String {
    format!("{:<w$}", fit(s, w))
}

/// Why a save does not load, without the file's path in front (the row
/// already names it).
fn reason<'a>(info: &SaveInfo, e: &'a str) -> &'a str {
    let prefix = format!("{}: ", info.path.display());
    e.strip_prefix(prefix.as_str()).unwrap_or(e)
}

/// One row of the list.
fn row(info: &SaveInfo, width: usize) -> String {
    let [nw, sw, tw, dw, pw, mw] = columns(width);
    let name = pad(&display_name(info), nw);
    match &info.summary {
        Ok(s) => {
            let turn = if s.over {
                format!("{} over", s.turn)
            } else {
                s.turn.to_string()
            };
            let people = people(&s.humans, "AI only");
            format!(
                "{name}  {}  {:>tw$}  {}  {}  {}",
                pad(&clean(&s.scenario_title), sw),
                fit(&turn, tw),
                pad(&clean(&s.date), dw),
                pad(&people, pw),
                fit(&info.modified_label(), mw),
            )
        }
        Err(e) => {
            let room = sw + tw + dw + pw + 6;
            format!(
                "{name}  {}  {}",
                pad(&format!("does not load: {}", clean(reason(info, e))), room),
                fit(&info.modified_label(), mw),
            )
        }
    }
}

fn headings(width: usize) -> String {
    let [nw, sw, tw, dw, pw, mw] = columns(width);
    format!(
        "  {}  {}  {:>tw$}  {}  {}  {}",
        pad("name", nw),
        pad("scenario", sw),
        "played",
        pad("last turn", dw),
        pad("people", pw),
        fit("modified (UTC)", mw),
    )
}

/// Draws the load screen.
pub fn draw(m: &Model, f: &mut Frame, area: Rect) {
    let th = m.theme;
    let a = areas(area);
    let dir = m
        .saves_dir
        .as_deref()
        .map_or_else(|| "(none)".to_string(), |d| clean(&d.display().to_string()));
    let inner_w = a.list.width.saturating_sub(2) as usize;
    let saves = &m.load.saves;
    let mut lines = vec![Line::styled(fit(&headings(inner_w), inner_w), th.dim())];
    if saves.is_empty() {
        lines.push(Line::default());
        lines.push(Line::raw(fit(
            "  No saves yet. A game is autosaved after every turn; press s in a game to save under a name.",
            inner_w,
        )));
    }
    let first = offset(m, a.list);
    for (i, info) in saves.iter().enumerate().skip(first).take(visible(a.list)) {
        let on = i == m.load.selected;
        let text = format!("{}{}", if on { "▶ " } else { "  " }, row(info, inner_w));
        let text = fit(&text, inner_w);
        let style = match (on, info.summary.is_ok()) {
            (true, true) => th.selected(),
            (true, false) => th.selected().patch(th.dim()),
            (false, true) => ratatui::style::Style::new(),
            (false, false) => th.dim(),
        };
        lines.push(Line::styled(text, style));
    }
    let more = if saves.len() > visible(a.list) {
        format!(" {} of {} ", m.load.selected + 1, saves.len())
    } else {
        String::new()
    };
    f.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(th.border_focus())
                .title(Span::styled(
                    format!(" Saved games in {} — newest first ", fit(&dir, 40)),
                    th.heading(),
                ))
                .title_bottom(Line::styled(more, th.dim()).right_aligned()),
        ),
        a.list,
    );
    let dw = a.details.width.saturating_sub(2) as usize;
    let details: Vec<Line> = match saves.get(m.load.selected) {
        None => Vec::new(),
        Some(info) => match &info.summary {
            Ok(s) => {
                let people = people(&s.humans, "the computer only");
                vec![
                    Line::styled(
                        fit(
                            &format!(
                                "{} · {} ({})",
                                clean(&info.name),
                                clean(&s.scenario_title),
                                clean(&s.scenario_id)
                            ),
                            dw,
                        ),
                        th.heading(),
                    ),
                    Line::raw(fit(&progress(s), dw)),
                    Line::raw(fit(&format!("Played by: {people}"), dw)),
                    Line::styled(
                        fit(
                            &format!(
                                "Saved {} · {}",
                                crate::tui::text::utc(&s.created),
                                clean(&info.path.display().to_string())
                            ),
                            dw,
                        ),
                        th.dim(),
                    ),
                    Line::default(),
                    if s.over {
                        Line::from(vec![
                            Span::styled("d", th.key()),
                            Span::raw(" opens its debrief; "),
                            Span::styled("Enter", th.key()),
                            Span::raw(" its end screen."),
                        ])
                    } else {
                        Line::from(vec![
                            Span::styled("Enter", th.key()),
                            Span::raw(" loads it and continues the game."),
                        ])
                    },
                ]
            }
            Err(e) => {
                let mut out = vec![Line::styled(
                    fit(&format!("{} cannot be loaded:", display_name(info)), dw),
                    th.bad(),
                )];
                for l in clean_lines(reason(info, e)).lines() {
                    out.extend(wrap(l, dw).into_iter().map(Line::raw));
                }
                out
            }
        },
    };
    f.render_widget(
        Paragraph::new(details).block(
            Block::bordered()
                .border_style(th.border())
                .title(Span::styled(" Save ", th.heading())),
        ),
        a.details,
    );
    super::chrome::draw_status(m, None, f, a.status);
}
