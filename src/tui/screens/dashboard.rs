//! The dashboard: tension (regional gauge with its "why", threat
//! perceptions, tensest pairs), news, the player's orders so far, and on a
//! large terminal the map and the relations matrix.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::engine::ledger::Meter;
use crate::tui::draft;
use crate::tui::model::Session;
use crate::tui::text::{amount, arrow, clean, signed};
use crate::tui::theme::Theme;
use crate::tui::why;
use crate::tui::widgets::{gauge::TensionGauge, map, meters, relations};

/// A titled panel.
pub fn panel(title: &str, th: Theme) -> Block<'static> {
    Block::bordered()
        .border_style(th.border())
        .title(Span::styled(format!(" {title} "), th.heading()))
}

/// The line that says why regional tension moved last turn.
pub fn why_line(s: &Session, max: usize) -> String {
    let Some(last) = s.last_report() else {
        return "No turn played yet.".into();
    };
    let line = why::summary(s.scenario(), &last.changes, Meter::Regional, max);
    if line.is_empty() {
        return "Regional tension did not move.".into();
    }
    line
}

/// The headlines of the last turn the current player may see.
pub fn headlines(s: &Session) -> Vec<String> {
    s.last_report().map_or_else(Vec::new, |r| {
        r.news(s.scenario()).iter().map(|h| clean(h)).collect()
    })
}

fn tension_block(s: &Session, th: Theme, f: &mut Frame, area: Rect) {
    let st = s.view();
    let scn = s.scenario();
    let change = s
        .last_report()
        .map_or(0.0, |r| st.regional - r.regional_before);
    let level = scn
        .levels
        .get(st.level)
        .map_or(String::new(), |l| clean(&l.name));
    let title = Line::from(vec![
        Span::styled(" Regional tension ", th.heading()),
        Span::styled(
            format!("{} {level} ", crate::tui::text::tenths(st.regional)),
            th.level(scn, st.level)
                .add_modifier(ratatui::style::Modifier::BOLD),
        ),
        Span::styled(
            if change.abs() < 0.05 {
                String::new()
            } else {
                format!("{} ", arrow(change))
            },
            th.tension_delta(change),
        ),
    ]);
    let block = Block::bordered().border_style(th.border()).title(title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [bar, why] = inner.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
    ]));
    f.render_widget(
        TensionGauge {
            scn,
            value: st.regional,
            theme: th,
        },
        bar,
    );
    let text = Line::from(vec![
        Span::styled("why: ", th.dim()),
        Span::raw(why_line(s, 4)),
    ]);
    f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), why);
}

fn lines_panel(title: &str, lines: Vec<Line<'static>>, th: Theme, f: &mut Frame, area: Rect) {
    f.render_widget(Paragraph::new(lines).block(panel(title, th)), area);
}

fn news_panel(s: &Session, th: Theme, f: &mut Frame, area: Rect) {
    let heads = headlines(s);
    let lines: Vec<Line> = if s.last_report().is_none() {
        vec![
            Line::styled("The crisis begins.", th.heading()),
            Line::raw(clean(&s.scenario().meta.summary)),
        ]
    } else if heads.is_empty() {
        vec![Line::styled("A quiet month: no public news.", th.dim())]
    } else {
        heads
            .into_iter()
            .map(|h| Line::from(vec![Span::styled("• ", th.key()), Span::raw(h)]))
            .collect()
    };
    let title = match s.last_report() {
        Some(r) => format!("News — {}", s.scenario().date_of(r.turn)),
        None => "News".to_string(),
    };
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(panel(&title, th)),
        area,
    );
}

/// The player's orders so far and their capital, with the keys to give
/// and end them.
pub fn orders_lines(s: &Session, th: Theme) -> Vec<Line<'static>> {
    let mut lines = draft_lines(s, th);
    lines.push(Line::from(vec![
        Span::styled("Enter", th.key()),
        Span::raw(" give orders · "),
        Span::styled("e", th.key()),
        Span::raw(" end the turn"),
    ]));
    lines
}

/// The player's capital left and its orders so far, numbered, with
/// their cost (the dashboard's panel and plain mode's `orders`).
pub fn draft_lines(s: &Session, th: Theme) -> Vec<Line<'static>> {
    let scn = s.scenario();
    let st = s.believed();
    let capital = s.view().capital;
    let spent = draft::committed(scn, st, s.draft());
    let mut lines = vec![Line::from(vec![
        Span::raw("Capital "),
        Span::styled(amount(capital - spent), th.key()),
        Span::raw(format!(" left of {}", amount(capital))),
    ])];
    if s.draft().is_empty() {
        lines.push(Line::styled("No orders yet.", th.dim()));
    }
    for (i, o) in s.draft().iter().enumerate() {
        let cost = crate::engine::orders::cost(scn, st, o);
        lines.push(Line::raw(format!(
            "{}. {} · {}",
            i + 1,
            draft::describe(scn, o),
            amount(cost)
        )));
    }
    lines
}

/// Draws the dashboard into `area`.
pub fn draw(s: &Session, th: Theme, f: &mut Frame, area: Rect) {
    let n = s.scenario().n() as u16;
    let large = area.width >= 120 && area.height >= 34;
    if large {
        draw_large(s, th, f, area, n);
    } else {
        draw_small(s, th, f, area, n);
    }
}

fn draw_small(s: &Session, th: Theme, f: &mut Frame, area: Rect, n: u16) {
    let [top, rest] = area.layout(&Layout::vertical([
        Constraint::Length(6),
        Constraint::Min(0),
    ]));
    tension_block(s, th, f, top);
    let [left, right] = rest.layout(&Layout::horizontal([
        Constraint::Percentage(45),
        Constraint::Percentage(55),
    ]));
    // Relations get the room left under five pairs, when there is enough.
    let rel_h = n + 4;
    let show_rel = left.height >= (n + 2) + 7 + rel_h;
    let [threats, pairs, rel] = left.layout(&Layout::vertical([
        Constraint::Length(n + 2),
        Constraint::Min(3),
        Constraint::Length(if show_rel { rel_h } else { 0 }),
    ]));
    lines_panel(
        "Threat perception",
        meters::threat_lines(s, th, threats.width.saturating_sub(2)),
        th,
        f,
        threats,
    );
    let pair_rows = pairs.height.saturating_sub(2) as usize;
    lines_panel(
        "Tensest pairs",
        meters::pair_lines(s, th, pairs.width.saturating_sub(2), pair_rows),
        th,
        f,
        pairs,
    );
    if show_rel {
        let mut rel_lines = relations::matrix_lines(s, th);
        rel_lines.push(Line::styled("row regards column; $n = sanctions", th.dim()));
        lines_panel("Relations", rel_lines, th, f, rel);
    }
    let orders = orders_lines(s, th);
    let [news, mine] = right.layout(&Layout::vertical([
        Constraint::Min(3),
        Constraint::Length((orders.len() as u16 + 2).min(rest.height / 2)),
    ]));
    news_panel(s, th, f, news);
    let title = format!(
        "Your orders — {}",
        clean(&s.scenario().actor(s.current).short)
    );
    f.render_widget(
        Paragraph::new(orders)
            .wrap(Wrap { trim: true })
            .block(panel(&title, th)),
        mine,
    );
}

fn draw_large(s: &Session, th: Theme, f: &mut Frame, area: Rect, n: u16) {
    // The gauge spans the screen, so every level's name fits in full.
    let [top, area] = area.layout(&Layout::vertical([
        Constraint::Length(5),
        Constraint::Min(0),
    ]));
    tension_block(s, th, f, top);
    let [left, middle, right] = area.layout(&Layout::horizontal([
        Constraint::Percentage(32),
        Constraint::Min(40),
        Constraint::Percentage(28),
    ]));
    let [threats, pairs, rel] = left.layout(&Layout::vertical([
        Constraint::Length(n + 2),
        Constraint::Length(8),
        Constraint::Min(n + 3),
    ]));
    lines_panel(
        "Threat perception",
        meters::threat_lines(s, th, threats.width.saturating_sub(2)),
        th,
        f,
        threats,
    );
    lines_panel(
        "Tensest pairs",
        meters::pair_lines(s, th, pairs.width.saturating_sub(2), 6),
        th,
        f,
        pairs,
    );
    let mut rel_lines = relations::matrix_lines(s, th);
    rel_lines.push(Line::styled("row regards column; $n = sanctions", th.dim()));
    lines_panel("Relations", rel_lines, th, f, rel);
    let [map_area, news] = middle.layout(&Layout::vertical([
        Constraint::Percentage(62),
        Constraint::Min(6),
    ]));
    match s.scenario().meta.region {
        Some(region) => {
            let legend = Line::from(vec![
                Span::styled(" Map ", th.heading()),
                Span::styled("━ sanctions ", th.bad()),
                Span::styled("━ arms in transit ", th.key()),
            ]);
            let block = Block::bordered().border_style(th.border()).title(legend);
            let inner = block.inner(map_area);
            let region = map::fit_region(region, inner.width, inner.height);
            f.render_widget(map::map(s, region, th, block), map_area);
        }
        None => {
            lines_panel("Relations", relations::matrix_lines(s, th), th, f, map_area);
        }
    }
    news_panel(s, th, f, news);
    let title = format!(
        "Your orders — {}",
        clean(&s.scenario().actor(s.current).name)
    );
    let mut lines = orders_lines(s, th);
    lines.push(Line::default());
    lines.push(Line::styled(
        "Last turn's tension, cause by cause:",
        th.dim(),
    ));
    if let Some(last) = s.last_report() {
        for (text, d) in why::causes(s.scenario(), &last.changes, Meter::Regional)
            .into_iter()
            .take(8)
        {
            lines.push(Line::from(vec![
                Span::styled(format!("{:>5} ", signed(d)), th.tension_delta(d)),
                Span::raw(text),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("Your objectives, met so far:", th.dim()));
    lines.extend(objective_lines(s, th, false));
    lines.push(Line::default());
    lines.push(Line::styled("Tracks, as you know them:", th.dim()));
    lines.extend(track_lines(s, s.view(), th));
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(panel(&title, th)),
        right,
    );
}

/// The mark for how far an objective is met: `[ met]`, `[ 50%]`, `[  no]`,
/// or `[   ?]` for one judged each turn before any turn was played.
pub fn objective_mark(p: f64, judged: bool, th: Theme) -> Span<'static> {
    if !judged {
        Span::styled("[   ?] ", th.dim())
    } else if p >= 0.999 {
        Span::styled("[ met] ", th.good())
    } else if p <= 0.001 {
        Span::styled("[  no] ", th.bad())
    } else {
        Span::styled(format!("[{:>3.0}%] ", p * 100.0), th.key())
    }
}

/// The current player's objectives with how far each is met now, as far
/// as it can tell (judged on the game as it believes it to be); with
/// `when`, each says whether it is judged every turn or at the end.
pub fn objective_lines(s: &Session, th: Theme, when: bool) -> Vec<Line<'static>> {
    let scn = s.scenario();
    let st = s.believed();
    let progress = crate::engine::score::objective_progress(scn, st, s.current);
    scn.actor(s.current)
        .objectives
        .iter()
        .zip(progress)
        .map(|(o, p)| {
            let every_turn = o.over == crate::scenario::Over::Game;
            let judged = !(every_turn && st.turn == 0);
            let mut spans = vec![objective_mark(p, judged, th), Span::raw(clean(&o.text))];
            if when {
                let note = if every_turn {
                    format!(" · share of turns it holds, weight {:.0}", o.weight)
                } else {
                    format!(" · judged at the end, weight {:.0}", o.weight)
                };
                spans.push(Span::styled(note, th.dim()));
            }
            Line::from(spans)
        })
        .collect()
}

/// The scenario's tracks as the current player knows them: exact values,
/// or estimates with their uncertainty (`~35 ±8`).
pub fn track_lines(
    s: &Session,
    view: &crate::perspective::PlayerView,
    th: Theme,
) -> Vec<Line<'static>> {
    let scn = s.scenario();
    let mut out = Vec::new();
    for (ti, t) in scn.tracks.iter().enumerate() {
        let fmt = |e: &crate::engine::Estimate| {
            if e.spread > 0.05 {
                crate::tui::text::estimate(e.value, e.spread, t.min, t.max)
            } else {
                format!("{:.0}", e.value)
            }
        };
        let Some(row) = view.picture.tracks.get(ti) else {
            continue;
        };
        let text = if row.len() == 1 {
            fmt(&row[0])
        } else {
            row.iter()
                .enumerate()
                .filter(|(_, e)| e.value.abs() >= 0.5 || e.spread > 0.05)
                .map(|(k, e)| {
                    let who = scn.actors.get(k).map_or(String::new(), |a| clean(&a.short));
                    format!("{who} {}", fmt(e))
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let text = if text.is_empty() {
            "0".to_string()
        } else {
            text
        };
        out.push(Line::from(vec![
            Span::styled(format!("{}: ", clean(&t.name)), th.dim()),
            Span::raw(text),
        ]));
    }
    out
}
