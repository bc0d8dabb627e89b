//! The turn report: every actor's orders with their outcome, the news,
//! and what changed in the meters and why (the cause ledger). The AI's
//! reasons are shown for the AI's orders only.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::engine::Event;
use crate::engine::ledger::{self, Meter};
use crate::scenario::{ActorId, Stat};
use crate::sim::TurnRecord;
use crate::tui::draft;
use crate::tui::model::Session;
use crate::tui::text::{arrow, clean, signed};
use crate::tui::theme::Theme;

/// How an order of the turn turned out.
fn outcome(rec: &TurnRecord, index: usize, th: Theme) -> Span<'static> {
    for e in &rec.events {
        match e {
            Event::OrderResolved {
                index: i,
                success,
                chance,
                ..
            } if *i as usize == index => {
                return if *success {
                    Span::styled(format!("succeeded ({:.0}%)", chance * 100.0), th.good())
                } else {
                    Span::styled(format!("failed ({:.0}%)", chance * 100.0), th.bad())
                };
            }
            Event::OrderRejected {
                index: i, reason, ..
            } if *i as usize == index => {
                return Span::styled(format!("rejected: {}", clean(reason)), th.bad());
            }
            _ => {}
        }
    }
    Span::styled("no result", th.dim())
}

fn why(s: &Session, rec: &TurnRecord, meter: Meter, max: usize) -> String {
    let c = ledger::explain(&rec.changes, meter);
    clean(&ledger::summary_line(&s.game.scenario, &c, max))
}

fn total(rec: &TurnRecord, meter: Meter) -> f64 {
    rec.changes
        .iter()
        .filter(|c| c.meter == meter)
        .map(|c| c.delta)
        .sum()
}

/// Every line of the report of the last turn.
pub fn lines(s: &Session, th: Theme) -> Vec<Line<'static>> {
    let Some(rec) = &s.game.last else {
        return vec![
            Line::styled("No turn has been played yet.", th.heading()),
            Line::raw("Give your orders (2) and end the turn (e): the report of what happened appears here."),
        ];
    };
    let scn = &s.game.scenario;
    let st = &s.game.state;
    let short = |a: ActorId| clean(&scn.actor(a).short);
    let mut out = Vec::new();
    let d = st.regional - rec.regional_before;
    let level = scn.levels.get(st.level).map_or(String::new(), |l| clean(&l.name));
    out.push(Line::from(vec![
        Span::styled(
            format!("Turn {} report — {}", rec.turn, scn.date_of(rec.turn)),
            th.heading(),
        ),
        Span::raw(format!(
            "   regional tension {:.1} → {:.1} ",
            rec.regional_before, st.regional
        )),
        Span::styled(arrow(d), th.tension_delta(d)),
        Span::raw(" "),
        Span::styled(level, th.level(scn, st.level).add_modifier(Modifier::BOLD)),
    ]));
    out.push(Line::from(vec![
        Span::styled("Why: ", th.dim()),
        Span::raw(why(s, rec, Meter::Regional, 6)),
    ]));
    out.push(Line::default());
    out.push(Line::styled("ORDERS", th.heading()));
    for a in scn.actor_ids() {
        let human = s.game.humans.get(a.index()).copied().unwrap_or(false);
        let who = if human { "player" } else { "AI" };
        let mine: Vec<(usize, &crate::engine::Order)> = rec
            .orders
            .list
            .iter()
            .enumerate()
            .filter(|(_, o)| o.actor == a)
            .collect();
        if mine.is_empty() {
            out.push(Line::from(vec![
                Span::styled(format!(" {:<5}", short(a)), th.actor(scn, a)),
                Span::styled(format!("({who}) no orders"), th.dim()),
            ]));
        }
        for (i, o) in mine {
            out.push(Line::from(vec![
                Span::styled(format!(" {:<5}", short(a)), th.actor(scn, a)),
                Span::raw(format!("{} — ", draft::describe(scn, o))),
                outcome(rec, i, th),
            ]));
            if !human {
                if let Some(r) = rec.reasons.get(i) {
                    out.push(Line::styled(format!("       AI's reason: {}", clean(r)), th.dim()));
                }
            }
        }
    }
    out.push(Line::default());
    out.push(Line::styled("NEWS", th.heading()));
    let mut any = false;
    for e in &rec.events {
        if let Some(h) = e.public_headline() {
            any = true;
            out.push(Line::from(vec![Span::styled(" • ", th.key()), Span::raw(clean(h))]));
        }
    }
    if !any {
        out.push(Line::styled(" no public news", th.dim()));
    }
    out.push(Line::default());
    out.push(Line::styled("WHAT CHANGED, AND WHY", th.heading()));
    for a in scn.actor_ids() {
        let m = Meter::Threat { actor: a };
        let d = total(rec, m);
        if d.abs() >= 0.05 {
            out.push(Line::from(vec![
                Span::raw(format!(" {} threat perception ", short(a))),
                Span::styled(arrow(d), th.tension_delta(d)),
                Span::styled(format!("  {}", why(s, rec, m, 3)), th.dim()),
            ]));
        }
    }
    let mut pairs: Vec<(Meter, f64)> = Vec::new();
    for a in scn.actor_ids() {
        for b in scn.actor_ids().filter(|b| *b > a) {
            let m = Meter::Tension { a, b };
            let d = total(rec, m);
            if d.abs() >= 0.5 {
                pairs.push((m, d));
            }
        }
    }
    pairs.sort_by(|x, y| y.1.abs().total_cmp(&x.1.abs()).then(x.0.cmp(&y.0)));
    for (m, d) in pairs.iter().take(6) {
        out.push(Line::from(vec![
            Span::raw(format!(" {} ", crate::tui::preview::meter_name(scn, *m))),
            Span::styled(arrow(*d), th.tension_delta(*d)),
            Span::styled(format!("  {}", why(s, rec, *m, 3)), th.dim()),
        ]));
    }
    for a in scn.actor_ids() {
        for stat in Stat::ALL {
            let m = Meter::Stat { actor: a, stat };
            let d = total(rec, m);
            if d.abs() >= 0.5 {
                out.push(Line::from(vec![
                    Span::raw(format!(" {} {} {} ", short(a), stat.name(), signed(d))),
                    Span::styled(format!(" {}", why(s, rec, m, 3)), th.dim()),
                ]));
            }
        }
    }
    for a in scn.actor_ids() {
        for b in scn.actor_ids() {
            let d = total(rec, Meter::Sanction { from: a, to: b });
            if d.abs() >= 0.5 {
                out.push(Line::raw(format!(
                    " {} sanctions on {} now at level {} ({})",
                    short(a),
                    short(b),
                    st.sanctions.get(a, b),
                    signed(d)
                )));
            }
        }
    }
    out
}

/// Draws the report into `area`, scrolled.
pub fn draw(s: &Session, th: Theme, f: &mut Frame, area: Rect) {
    let lines = lines(s, th);
    let max = lines.len().saturating_sub(1) as u16;
    let block = Block::bordered()
        .border_style(th.border())
        .title(Span::styled(" Turn report ", th.heading()));
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((s.report_scroll.min(max), 0))
            .block(block),
        area,
    );
}
