//! The dashboard: tension (regional gauge with its "why", threat
//! perceptions, tensest pairs), news, the player's orders so far, and on a
//! large terminal the relations matrix and the shipments on their way.
//! Actor lists scroll together (↑↓) when the actors outnumber the rows.

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
use crate::tui::widgets::{gauge::TensionGauge, meters, relations};

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

/// A panel of actor rows that scrolls (↑↓ on the dashboard) when they do
/// not all fit: the first `head` lines stay (a header), the rest start at
/// `offset`, and the title says which rows are shown and how to see more.
fn scrolled_panel(
    title: &str,
    lines: Vec<Line<'static>>,
    head: usize,
    offset: usize,
    th: Theme,
    f: &mut Frame,
    area: Rect,
) {
    let rows = (area.height as usize).saturating_sub(2 + head);
    let body = lines.len().saturating_sub(head);
    if body <= rows || rows == 0 {
        lines_panel(title, lines, th, f, area);
        return;
    }
    let off = offset.min(body - rows);
    let title = format!("{title} · {}–{} of {body} ↑↓", off + 1, off + rows);
    let shown: Vec<Line<'static>> = lines
        .iter()
        .take(head)
        .chain(lines.iter().skip(head + off).take(rows))
        .cloned()
        .collect();
    lines_panel(&title, shown, th, f, area);
}

/// The relations matrix in `area`: rows scroll, and when not every column
/// fits, the columns scroll with them (the title says which are shown).
fn relations_panel(s: &Session, th: Theme, f: &mut Frame, area: Rect, legend: bool) {
    let n = s.scenario().n();
    let cols = relations::columns_in(s, area.width.saturating_sub(2)).min(n);
    let first = s.dash_scroll.min(n - cols);
    let mut lines = relations::matrix_window(s, th, first, cols);
    let title = if cols < n {
        format!("Relations · columns {}–{} of {n}", first + 1, first + cols)
    } else {
        "Relations".to_string()
    };
    if legend && (area.height as usize) >= n + 4 {
        lines.push(Line::styled("row regards column; $n = sanctions", th.dim()));
    }
    scrolled_panel(&title, lines, 1, s.dash_scroll, th, f, area);
}

/// Shipments the player knows to be on their way, one line each.
pub fn transit_lines(s: &Session, th: Theme) -> Vec<Line<'static>> {
    let scn = s.scenario();
    let short = |a: crate::scenario::ActorId| clean(&scn.actor(a).short);
    s.view()
        .shipments
        .iter()
        .map(|x| {
            let when = match x.turns_left {
                0 => "arrives this turn".to_string(),
                1 => "arrives next turn".to_string(),
                t => format!("arrives in {t} turns"),
            };
            let mut spans = vec![Span::raw(format!(
                "{} {}→{}, {when}",
                clean(scn.system(x.system)),
                short(x.from),
                short(x.to)
            ))];
            if x.covert {
                spans.push(Span::styled(
                    match x.discovered {
                        Some(t) => format!(" (covert, found turn {t})"),
                        None => " (covert)".to_string(),
                    },
                    th.key(),
                ));
            }
            Line::from(spans)
        })
        .collect()
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
    let threat_h = (n + 2).min(left.height / 2).max(3);
    let rel_h = n + 4;
    let show_rel = left.height >= threat_h + 7 + rel_h;
    let [threats, pairs, rel] = left.layout(&Layout::vertical([
        Constraint::Length(threat_h),
        Constraint::Min(3),
        Constraint::Length(if show_rel { rel_h } else { 0 }),
    ]));
    scrolled_panel(
        "Threat perception",
        meters::threat_lines(s, th, threats.width.saturating_sub(2)),
        0,
        s.dash_scroll,
        th,
        f,
        threats,
    );
    scrolled_panel(
        "Tensest pairs",
        meters::pair_lines(s, th, pairs.width.saturating_sub(2), usize::MAX),
        0,
        s.dash_scroll,
        th,
        f,
        pairs,
    );
    if show_rel {
        relations_panel(s, th, f, rel, true);
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
    // The left column: threats and the tensest pairs, each scrolling when
    // the actors outnumber the rows. The middle: the relations matrix (the
    // map showed little the panels do not, and never changed), shipments
    // on their way, then the news.
    let [threats, pairs] = left.layout(&Layout::vertical([
        Constraint::Length((n + 2).min(left.height / 2)),
        Constraint::Min(4),
    ]));
    scrolled_panel(
        "Threat perception",
        meters::threat_lines(s, th, threats.width.saturating_sub(2)),
        0,
        s.dash_scroll,
        th,
        f,
        threats,
    );
    scrolled_panel(
        "Tensest pairs",
        meters::pair_lines(s, th, pairs.width.saturating_sub(2), usize::MAX),
        0,
        s.dash_scroll,
        th,
        f,
        pairs,
    );
    let transit = transit_lines(s, th);
    let transit_h = if transit.is_empty() {
        0
    } else {
        (transit.len() as u16 + 2).min(6)
    };
    let [rel, ships, news] = middle.layout(&Layout::vertical([
        Constraint::Length((n + 4).min(middle.height * 3 / 5)),
        Constraint::Length(transit_h),
        Constraint::Min(5),
    ]));
    relations_panel(s, th, f, rel, true);
    if transit_h > 0 {
        lines_panel("On their way", transit, th, f, ships);
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
/// or `[   ?]` for one judged each turn before any turn was played. With
/// `doubt` (the player's estimates leave it open) the mark is `[~met]`,
/// `[~50%]` or `[ ~no]`: met or not as far as the player can tell, but it
/// could be otherwise.
pub fn objective_mark(p: f64, judged: bool, doubt: bool, th: Theme) -> Span<'static> {
    let tilde = if doubt { "~" } else { " " };
    if !judged {
        Span::styled("[   ?] ", th.dim())
    } else if p >= 0.999 {
        Span::styled(format!("[{tilde}met] "), th.good())
    } else if p <= 0.001 {
        Span::styled(format!("[ {tilde}no] "), th.bad())
    } else {
        let pct = p * 100.0;
        let mark = if doubt {
            format!("[~{pct:>2.0}%] ")
        } else {
            format!("[{pct:>3.0}%] ")
        };
        Span::styled(mark, th.key())
    }
}

/// The current player's objectives with how far each is met now, as far
/// as it can tell (judged on the game as it believes it to be); with
/// `when`, each says whether it is judged every turn or at the end. An
/// objective is in doubt when judging it with every estimate at the low
/// end, or at the high end, of its uncertainty gives another grade.
pub fn objective_lines(s: &Session, th: Theme, when: bool) -> Vec<Line<'static>> {
    let scn = s.scenario();
    let st = s.believed();
    let progress = crate::engine::score::objective_progress(scn, st, s.current);
    let at_ends: Vec<Vec<f64>> = [-1.0, 1.0]
        .iter()
        .map(|&shift| {
            let world = s.view().believed_state_shifted(scn, shift);
            crate::engine::score::objective_progress(scn, &world, s.current)
        })
        .collect();
    scn.actor(s.current)
        .objectives
        .iter()
        .zip(progress)
        .enumerate()
        .map(|(k, (o, p))| {
            let every_turn = o.over == crate::scenario::Over::Game;
            let judged = !(every_turn && st.turn == 0);
            let doubt = at_ends
                .iter()
                .any(|end| end.get(k).is_some_and(|q| (q - p).abs() > 0.001));
            let mut spans = vec![
                objective_mark(p, judged, doubt, th),
                Span::raw(clean(&o.text)),
            ];
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
