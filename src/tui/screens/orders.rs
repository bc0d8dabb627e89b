//! The orders screen: the actor's moves grouped by category (left), the
//! selected move with its target, level, cost, chance and previewed
//! effects (right), and the orders drafted so far (bottom right).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::engine::orders;
use crate::scenario::MoveId;
use crate::tui::draft::{self, Choice};
use crate::tui::model::{Focus, Session};
use crate::tui::preview::preview;
use crate::tui::text::{amount, clean, fit, signed};
use crate::tui::theme::Theme;

/// A row of the moves list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A category heading.
    Heading(crate::scenario::Category),
    /// A move: its position among the moves, and the move.
    Move(usize, MoveId),
}

/// The rows of the moves list of the current player.
pub fn rows(s: &Session) -> Vec<Row> {
    let scn = s.scenario();
    let mut out = Vec::new();
    let mut last = None;
    for (i, mv) in draft::move_list(scn, s.current).into_iter().enumerate() {
        let cat = scn.mv(mv).category;
        if last != Some(cat) {
            out.push(Row::Heading(cat));
            last = Some(cat);
        }
        out.push(Row::Move(i, mv));
    }
    out
}

/// First row shown so that `selected` is visible in `height` rows.
pub fn offset(selected: usize, height: usize, total: usize) -> usize {
    if height == 0 || total <= height {
        return 0;
    }
    selected.saturating_sub(height / 2).min(total - height)
}

/// The parts of the orders screen.
pub struct Areas {
    pub moves: Rect,
    pub detail: Rect,
    pub drafts: Rect,
}

/// Splits the body of the orders screen.
pub fn areas(s: &Session, body: Rect) -> Areas {
    let [moves, right] = body.layout(&Layout::horizontal([
        Constraint::Percentage(42),
        Constraint::Min(30),
    ]));
    let want = s.draft().len() as u16 + 3;
    let [detail, drafts] = right.layout(&Layout::vertical([
        Constraint::Min(8),
        Constraint::Length(want.clamp(4, right.height / 2)),
    ]));
    Areas {
        moves,
        detail,
        drafts,
    }
}

/// The move under a click at row `y` of the screen, if any.
pub fn move_at(s: &Session, list: Rect, y: u16) -> Option<usize> {
    let inner = list.inner(ratatui::layout::Margin::new(1, 1));
    if y < inner.y || y >= inner.bottom() {
        return None;
    }
    let rows = rows(s);
    let sel_row = selected_row(&rows, s.ui().selected);
    let off = offset(sel_row, inner.height as usize, rows.len());
    match rows.get(off + (y - inner.y) as usize) {
        Some(Row::Move(i, _)) => Some(*i),
        _ => None,
    }
}

/// The draft order under a click at row `y`, if any.
pub fn draft_at(s: &Session, drafts: Rect, y: u16) -> Option<usize> {
    let inner = drafts.inner(ratatui::layout::Margin::new(1, 1));
    let i = y.checked_sub(inner.y)? as usize;
    (y < inner.bottom() && i < s.draft().len()).then_some(i)
}

fn selected_row(rows: &[Row], selected: usize) -> usize {
    rows.iter()
        .position(|r| matches!(r, Row::Move(i, _) if *i == selected))
        .unwrap_or(0)
}

fn choice(s: &Session, mv: MoveId) -> Choice {
    s.ui().choices.get(mv.index()).copied().unwrap_or(Choice {
        level: s.scenario().mv(mv).level.default,
        target: None,
    })
}

fn focus_block(title: String, focused: bool, th: Theme) -> Block<'static> {
    let style = if focused {
        th.border_focus()
    } else {
        th.border()
    };
    Block::bordered()
        .border_style(style)
        .title(Span::styled(title, th.heading()))
}

/// Draws the orders screen into `area`.
pub fn draw(s: &Session, th: Theme, f: &mut Frame, area: Rect) {
    if s.is_over() {
        let p = Paragraph::new("The game is over: no more orders. Press Esc for the result.")
            .block(focus_block(" Orders ".into(), false, th));
        f.render_widget(p, area);
        return;
    }
    let a = areas(s, area);
    draw_moves(s, th, f, a.moves);
    draw_detail(s, th, f, a.detail);
    draw_drafts(s, th, f, a.drafts);
}

fn draw_moves(s: &Session, th: Theme, f: &mut Frame, area: Rect) {
    let scn = s.scenario();
    let st = s.believed();
    let focused = s.ui().focus == Focus::Moves;
    let capital = st.actor(s.current).capital;
    let left = capital - draft::committed(scn, st, s.draft());
    let title = format!(
        " Moves — {} · capital {} left ",
        clean(&scn.actor(s.current).short),
        amount(left)
    );
    let block = focus_block(title, focused, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let rows = rows(s);
    let sel = s.ui().selected;
    let off = offset(selected_row(&rows, sel), inner.height as usize, rows.len());
    let w = inner.width as usize;
    let lines: Vec<Line> = rows
        .iter()
        .skip(off)
        .take(inner.height as usize)
        .map(|r| match r {
            Row::Heading(c) => Line::styled(c.name().to_uppercase(), th.heading()),
            Row::Move(i, mv) => {
                let o = draft::order_for(s.current, *mv, choice(s, *mv));
                let cost = orders::cost(scn, st, &o);
                let ok = draft::check(scn, st, s.draft(), &o).is_ok();
                let mark = if *i == sel { "▶ " } else { "  " };
                let name_w = w.saturating_sub(8);
                let text = format!(
                    "{mark}{:<name_w$} {:>4}",
                    fit(&clean(&scn.mv(*mv).name), name_w),
                    amount(cost)
                );
                let mut style = if ok {
                    ratatui::style::Style::new()
                } else {
                    th.dim()
                };
                if *i == sel {
                    style = if focused {
                        th.selected()
                    } else {
                        style.add_modifier(Modifier::BOLD)
                    };
                }
                Line::styled(text, style)
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

fn draw_detail(s: &Session, th: Theme, f: &mut Frame, area: Rect) {
    let scn = s.scenario();
    let st = s.believed();
    let moves = draft::move_list(scn, s.current);
    let Some(&mv) = moves.get(s.ui().selected) else {
        f.render_widget(
            Paragraph::new("This actor has no moves.").block(focus_block(
                " Move ".into(),
                false,
                th,
            )),
            area,
        );
        return;
    };
    let m = scn.mv(mv);
    let c = choice(s, mv);
    let o = draft::order_for(s.current, mv, c);
    let mut lines = vec![Line::styled(clean(&m.description), th.dim())];
    let target = match c.target {
        Some(t) => Line::from(vec![
            Span::raw("Target   "),
            Span::styled(
                format!("◂ {} ▸", clean(&scn.actor(t).name)),
                th.actor(scn, t).add_modifier(Modifier::BOLD),
            ),
            Span::styled("  t/T change", th.dim()),
        ]),
        None => Line::styled("Target   none (affects the region)", th.dim()),
    };
    lines.push(target);
    let spec = &m.level.label;
    if m.level.max > m.level.min {
        lines.push(Line::from(vec![
            Span::raw(format!("{:<9}", format!("{} ", clean(spec)))),
            Span::styled(format!("◂ {} ▸", o.level), th.key()),
            Span::styled(
                format!("  of {}–{}, ←→ change", m.level.min, m.level.max),
                th.dim(),
            ),
        ]));
    }
    // The preview reads the game as the player believes it (fog of war).
    let p = preview(scn, s.believed(), &o);
    let capital = s.view().capital - draft::committed(scn, st, s.draft());
    lines.push(Line::from(vec![
        Span::raw("Cost     "),
        Span::styled(amount(orders::cost(scn, st, &o)), th.key()),
        Span::raw(format!(" of {} left · chance ", amount(capital))),
        Span::styled(format!("{:.0}%", p.chance * 100.0), th.key()),
        Span::styled(if m.covert { " · covert" } else { "" }, th.dim()),
    ]));
    match draft::check(scn, st, s.draft(), &o) {
        Ok(_) => lines.push(Line::from(vec![
            Span::styled("Enter", th.key()),
            Span::raw(" adds it to your orders."),
        ])),
        Err(e) => lines.push(Line::styled(
            format!("Cannot order it: {}", crate::narrate::order_error(scn, &e)),
            th.bad(),
        )),
    }
    if !p.effects.is_empty() || !p.notes.is_empty() {
        lines.push(Line::styled("If it succeeds, this turn:", th.heading()));
        for (name, d) in &p.effects {
            let style = if name.starts_with("Regional") || name.starts_with("Tension") {
                th.tension_delta(*d)
            } else {
                ratatui::style::Style::new()
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{:>6} ", signed(*d)), style),
                Span::raw(name.clone()),
            ]));
        }
        for n in &p.notes {
            lines.push(Line::raw(format!("   · {n}")));
        }
    }
    let title = match s.ui().editing {
        Some(i) => format!(
            " Editing order {}: {} ({}) — Enter keep, Esc cancel ",
            i + 1,
            clean(&m.name),
            m.category.name()
        ),
        None => format!(" {} ({}) ", clean(&m.name), m.category.name()),
    };
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(focus_block(title, false, th)),
        area,
    );
}

fn draw_drafts(s: &Session, th: Theme, f: &mut Frame, area: Rect) {
    let scn = s.scenario();
    let st = s.believed();
    let focused = s.ui().focus == Focus::Drafts;
    let spent = draft::committed(scn, st, s.draft());
    let title = format!(
        " Your orders this turn — {} of {} capital ",
        amount(spent),
        amount(st.actor(s.current).capital)
    );
    let mut lines: Vec<Line> = s
        .draft()
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let text = format!(
                "{}. {} · {}",
                i + 1,
                draft::describe(scn, o),
                amount(orders::cost(scn, st, o))
            );
            if focused && i == s.ui().draft_selected {
                Line::styled(text, th.selected())
            } else {
                Line::raw(text)
            }
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(
            "None yet: pick a move and press Enter. e ends the turn.",
            th.dim(),
        ));
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(focus_block(title, focused, th)),
        area,
    );
}
