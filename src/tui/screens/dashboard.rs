//! The dashboard: tension (regional gauge with its "why", threat
//! perceptions, tensest pairs), news, the player's orders so far, and on a
//! large terminal the map and the relations matrix.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::engine::ledger::{self, Meter};
use crate::tui::draft;
use crate::tui::model::Session;
use crate::tui::text::{amount, arrow, clean, signed};
use crate::tui::theme::Theme;
use crate::tui::widgets::{gauge::TensionGauge, map, meters, relations};

/// A titled panel.
pub fn panel(title: &str, th: Theme) -> Block<'static> {
    Block::bordered()
        .border_style(th.border())
        .title(Span::styled(format!(" {title} "), th.heading()))
}

/// The line that says why regional tension moved last turn.
pub fn why_line(s: &Session, max: usize) -> String {
    let Some(last) = &s.game.last else {
        return "No turn played yet.".into();
    };
    let contrib = ledger::explain(&last.changes, Meter::Regional);
    if contrib.is_empty() {
        return "Regional tension did not move.".into();
    }
    clean(&ledger::summary_line(&s.game.scenario, &contrib, max))
}

/// Public headlines of the last turn.
pub fn headlines(s: &Session) -> Vec<String> {
    s.game.last.as_ref().map_or_else(Vec::new, |r| {
        r.events
            .iter()
            .filter_map(|e| e.public_headline())
            .map(clean)
            .collect()
    })
}

fn tension_block(s: &Session, th: Theme, f: &mut Frame, area: Rect) {
    let st = &s.game.state;
    let scn = &s.game.scenario;
    let change = s
        .game
        .last
        .as_ref()
        .map_or(0.0, |r| st.regional - r.regional_before);
    let level = scn.levels.get(st.level).map_or(String::new(), |l| clean(&l.name));
    let title = Line::from(vec![
        Span::styled(" Regional tension ", th.heading()),
        Span::styled(
            format!("{:.1} {level} ", st.regional),
            th.level(scn, st.level).add_modifier(ratatui::style::Modifier::BOLD),
        ),
        Span::styled(format!("{} ", arrow(change)), th.tension_delta(change)),
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
    let lines: Vec<Line> = if s.game.last.is_none() {
        vec![
            Line::styled("The crisis begins.", th.heading()),
            Line::raw(clean(&s.game.scenario.meta.summary)),
        ]
    } else if heads.is_empty() {
        vec![Line::styled("A quiet month: no public news.", th.dim())]
    } else {
        heads
            .into_iter()
            .map(|h| Line::from(vec![Span::styled("• ", th.key()), Span::raw(h)]))
            .collect()
    };
    let title = match &s.game.last {
        Some(r) => format!("News — {}", s.game.scenario.date_of(r.turn)),
        None => "News".to_string(),
    };
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(panel(&title, th)),
        area,
    );
}

/// The player's orders so far and their capital.
pub fn orders_lines(s: &Session, th: Theme) -> Vec<Line<'static>> {
    let scn = &s.game.scenario;
    let st = &s.game.state;
    let capital = st.actor(s.current).capital;
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
    lines.push(Line::from(vec![
        Span::styled("Enter", th.key()),
        Span::raw(" give orders · "),
        Span::styled("e", th.key()),
        Span::raw(" end the turn"),
    ]));
    lines
}

/// Draws the dashboard into `area`.
pub fn draw(s: &Session, th: Theme, f: &mut Frame, area: Rect) {
    let n = s.game.scenario.n() as u16;
    let large = area.width >= 120 && area.height >= 34;
    if large {
        draw_large(s, th, f, area, n);
    } else {
        draw_small(s, th, f, area, n);
    }
}

fn draw_small(s: &Session, th: Theme, f: &mut Frame, area: Rect, n: u16) {
    let [top, rest] = area.layout(&Layout::vertical([
        Constraint::Length(5),
        Constraint::Min(0),
    ]));
    tension_block(s, th, f, top);
    let [left, right] = rest.layout(&Layout::horizontal([
        Constraint::Percentage(45),
        Constraint::Percentage(55),
    ]));
    let [threats, pairs] = left.layout(&Layout::vertical([
        Constraint::Length(n + 2),
        Constraint::Min(3),
    ]));
    lines_panel("Threat perception", meters::threat_lines(s, th, threats.width.saturating_sub(2)), th, f, threats);
    let pair_rows = pairs.height.saturating_sub(2) as usize;
    lines_panel("Tensest pairs", meters::pair_lines(s, th, pairs.width.saturating_sub(2), pair_rows), th, f, pairs);
    let orders = orders_lines(s, th);
    let [news, mine] = right.layout(&Layout::vertical([
        Constraint::Min(3),
        Constraint::Length((orders.len() as u16 + 2).min(rest.height / 2)),
    ]));
    news_panel(s, th, f, news);
    let title = format!("Your orders — {}", clean(&s.game.scenario.actor(s.current).short));
    f.render_widget(
        Paragraph::new(orders).wrap(Wrap { trim: true }).block(panel(&title, th)),
        mine,
    );
}

fn draw_large(s: &Session, th: Theme, f: &mut Frame, area: Rect, n: u16) {
    let [left, middle, right] = area.layout(&Layout::horizontal([
        Constraint::Percentage(32),
        Constraint::Min(40),
        Constraint::Percentage(28),
    ]));
    let [top, threats, pairs, rel] = left.layout(&Layout::vertical([
        Constraint::Length(6),
        Constraint::Length(n + 2),
        Constraint::Length(8),
        Constraint::Min(n + 3),
    ]));
    tension_block(s, th, f, top);
    lines_panel("Threat perception", meters::threat_lines(s, th, threats.width.saturating_sub(2)), th, f, threats);
    lines_panel("Tensest pairs", meters::pair_lines(s, th, pairs.width.saturating_sub(2), 6), th, f, pairs);
    let mut rel_lines = relations::matrix_lines(s, th);
    rel_lines.push(Line::styled("row regards column; $n = sanctions", th.dim()));
    lines_panel("Relations", rel_lines, th, f, rel);
    let [map_area, news] = middle.layout(&Layout::vertical([
        Constraint::Percentage(62),
        Constraint::Min(6),
    ]));
    match s.game.scenario.meta.region {
        Some(region) => {
            let legend = Line::from(vec![
                Span::styled(" Map ", th.heading()),
                Span::styled("━ sanctions ", th.bad()),
                Span::styled("━ arms in transit ", th.key()),
            ]);
            let block = panel("", th).title(legend);
            f.render_widget(map::map(s, region, th, block), map_area);
        }
        None => {
            lines_panel("Relations", relations::matrix_lines(s, th), th, f, map_area);
        }
    }
    news_panel(s, th, f, news);
    let title = format!("Your orders — {}", clean(&s.game.scenario.actor(s.current).name));
    let mut lines = orders_lines(s, th);
    lines.push(Line::default());
    lines.push(Line::styled("Last turn's tension, cause by cause:", th.dim()));
    if let Some(last) = &s.game.last {
        for c in ledger::explain(&last.changes, Meter::Regional).iter().take(8) {
            lines.push(Line::from(vec![
                Span::styled(format!("{:>6} ", signed(c.delta)), th.tension_delta(c.delta)),
                Span::raw(clean(&ledger::describe_cause(&s.game.scenario, c.cause, c.rule))),
            ]));
        }
    }
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(panel(&title, th)),
        right,
    );
}
