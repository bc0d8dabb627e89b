//! The turn report: every actor's orders with their outcome, the news,
//! and what changed in the meters and why (the cause ledger). The AI's
//! reasons are shown for the AI's orders only.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::engine::ledger::Meter;
use crate::perspective::{SeenOutcome, TurnReport};
use crate::scenario::{ActorId, Stat};
use crate::tui::draft;
use crate::tui::model::Session;
use crate::tui::text::{arrow, clean};
use crate::tui::theme::Theme;

/// How an order of the turn turned out, as the player may know it.
fn outcome(
    scn: &crate::scenario::Scenario,
    o: &crate::perspective::SeenOrder,
    th: Theme,
) -> Span<'static> {
    let pct = |c: Option<f64>| c.map_or_else(String::new, |c| format!(" ({:.0}%)", c * 100.0));
    match &o.outcome {
        SeenOutcome::Succeeded => Span::styled(format!("succeeded{}", pct(o.chance)), th.good()),
        SeenOutcome::Failed => Span::styled(format!("failed{}", pct(o.chance)), th.bad()),
        SeenOutcome::Rejected { reason } => {
            let why = crate::narrate::order_error(scn, reason);
            Span::styled(format!("rejected: {}", clean(&why)), th.bad())
        }
    }
}

fn why(s: &Session, rec: &TurnReport, meter: Meter, max: usize) -> String {
    crate::tui::why::summary(s.scenario(), &rec.changes, meter, max)
}

fn total(rec: &TurnReport, meter: Meter) -> f64 {
    rec.changes
        .iter()
        .filter(|c| c.meter == meter)
        .map(|c| c.delta)
        .sum()
}

/// Every line of the report of the last turn, as the current player may
/// know it: its own orders with chance and outcome, others' overt orders
/// (and covert ones it has uncovered), the news it may see, and the
/// changes to what it sees, with their causes where it may know them.
pub fn lines(s: &Session, th: Theme, width: u16) -> Vec<Line<'static>> {
    let Some(rec) = s.last_report() else {
        return vec![
            Line::styled("No turn has been played yet.", th.heading()),
            Line::raw(
                "Give your orders (2) and end the turn (e): the report of what happened appears here.",
            ),
        ];
    };
    let scn = s.scenario();
    let view = s.view();
    let me = s.current;
    let short = |a: ActorId| clean(&scn.actor(a).short);
    let mut out = Vec::new();
    let d = rec.regional_after - rec.regional_before;
    let level = scn
        .levels
        .get(view.level)
        .map_or(String::new(), |l| clean(&l.name));
    out.push(Line::from(vec![
        Span::styled(
            format!("Turn {} report — {}", rec.turn, scn.date_of(rec.turn)),
            th.heading(),
        ),
        Span::raw(format!(
            "   regional tension {:.1} → {:.1} ",
            rec.regional_before, rec.regional_after
        )),
        Span::styled(arrow(d), th.tension_delta(d)),
        Span::raw(" "),
        Span::styled(
            level,
            th.level(scn, view.level).add_modifier(Modifier::BOLD),
        ),
    ]));
    out.push(Line::from(vec![
        Span::styled("Why: ", th.dim()),
        Span::raw(why(s, rec, Meter::Regional, 6)),
    ]));
    out.push(Line::default());
    out.push(Line::styled("ORDERS", th.heading()));
    for a in scn.actor_ids() {
        let who = if a == me {
            "you"
        } else if s.is_human(a) {
            "player"
        } else {
            "computer"
        };
        let theirs: Vec<&crate::perspective::SeenOrder> =
            rec.orders.iter().filter(|o| o.order.actor == a).collect();
        if theirs.is_empty() {
            let none = if a == me {
                "no orders"
            } else {
                "no orders you know of"
            };
            out.push(Line::from(vec![
                Span::styled(format!(" {:<5}", short(a)), th.actor(scn, a)),
                Span::styled(format!("({who}) {none}"), th.dim()),
            ]));
        }
        for o in theirs {
            let mut spans = vec![
                Span::styled(format!(" {:<5}", short(a)), th.actor(scn, a)),
                Span::raw(format!("{} — ", draft::describe(scn, &o.order))),
                outcome(scn, o, th),
            ];
            if o.covert {
                let note = match o.discovered {
                    Some(t) => format!("  [covert, uncovered turn {t}]"),
                    None => "  [covert]".to_string(),
                };
                spans.push(Span::styled(note, th.key()));
            }
            out.push(Line::from(spans));
            if let Some(r) = &o.reason {
                let text = format!("Why: {}", clean(r));
                for l in crate::tui::text::wrap(&text, (width as usize).saturating_sub(8)) {
                    out.push(Line::styled(format!("       {l}"), th.dim()));
                }
            }
        }
    }
    out.push(Line::default());
    out.push(Line::styled("NEWS", th.heading()));
    let mut any = false;
    for h in rec.news(scn) {
        any = true;
        out.push(Line::from(vec![
            Span::styled(" • ", th.key()),
            Span::raw(clean(&h)),
        ]));
    }
    if !any {
        out.push(Line::styled(" no news", th.dim()));
    }
    out.push(Line::default());
    out.push(Line::styled("WHAT CHANGED, AND WHY", th.heading()));
    let mut threat = Vec::new();
    let m = Meter::Threat { actor: me };
    let dt = total(rec, m);
    if dt.abs() >= 0.5 {
        threat.push(change(
            s,
            rec,
            m,
            view.picture.threat[me.index()].value,
            dt,
            true,
            th,
        ));
    }
    section(&mut out, "Your threat perception", threat, th);
    let mut pairs: Vec<(Meter, f64, f64)> = Vec::new();
    for a in scn.actor_ids() {
        for b in scn.actor_ids().filter(|b| *b > a) {
            let m = Meter::Tension { a, b };
            let d = total(rec, m);
            if d.abs() >= 0.5 {
                pairs.push((m, d, view.tension.get(a, b)));
            }
        }
    }
    pairs.sort_by(|x, y| y.1.abs().total_cmp(&x.1.abs()).then(x.0.cmp(&y.0)));
    let pairs = pairs
        .iter()
        .take(8)
        .map(|(m, d, now)| change(s, rec, *m, *now, *d, true, th))
        .collect();
    section(&mut out, "Pair tension", pairs, th);
    let mut stats = Vec::new();
    for a in scn.actor_ids() {
        for stat in Stat::ALL {
            let m = Meter::Stat { actor: a, stat };
            let d = total(rec, m);
            if d.abs() >= 0.5 {
                stats.push(change(s, rec, m, view.stat(a, stat).value, d, false, th));
            }
        }
    }
    section(
        &mut out,
        "Stats (yours, and everyone's prestige)",
        stats,
        th,
    );
    let mut other = Vec::new();
    for a in scn.actor_ids() {
        for b in scn.actor_ids() {
            let m = Meter::Sanction { from: a, to: b };
            let d = total(rec, m);
            if d.abs() >= 0.5 {
                other.push(change(
                    s,
                    rec,
                    m,
                    f64::from(view.sanctions.get(a, b)),
                    d,
                    false,
                    th,
                ));
            }
        }
    }
    for (ti, t) in scn.tracks.iter().enumerate() {
        let track = crate::scenario::TrackId(ti as u16);
        let who: Vec<Option<ActorId>> = match t.scope {
            crate::scenario::Scope::Global => vec![None],
            crate::scenario::Scope::PerActor => scn.actor_ids().map(Some).collect(),
        };
        for actor in who {
            let m = Meter::Track { track, actor };
            let d = total(rec, m);
            if d.abs() >= 0.5 {
                other.push(change(
                    s,
                    rec,
                    m,
                    view.track(track, actor).value,
                    d,
                    false,
                    th,
                ));
            }
        }
    }
    section(&mut out, "Sanctions and tracks you can see", other, th);
    out
}

fn section(out: &mut Vec<Line<'static>>, title: &str, lines: Vec<Line<'static>>, th: Theme) {
    if lines.is_empty() {
        return;
    }
    out.push(Line::styled(
        format!(" {title}"),
        th.dim().add_modifier(Modifier::BOLD),
    ));
    out.extend(lines);
}

/// "  US threat perception  30 → 37 ▲6.8  +7.5 DPRK Missile test, −0.8 decay".
fn change(
    s: &Session,
    rec: &TurnReport,
    m: Meter,
    now: f64,
    d: f64,
    tension: bool,
    th: Theme,
) -> Line<'static> {
    let scn = s.scenario();
    let style = if tension {
        th.tension_delta(d)
    } else {
        ratatui::style::Style::new()
    };
    Line::from(vec![
        Span::raw(format!(
            "   {:<26}",
            crate::tui::text::fit(&crate::tui::preview::meter_name(scn, m), 25)
        )),
        Span::raw(format!("{:>4.0} → {:<4.0}", now - d, now)),
        Span::styled(format!("{:<7}", arrow(d)), style),
        Span::styled(why(s, rec, m, 3), th.dim()),
    ])
}

/// Draws the report into `area`, scrolled.
pub fn draw(s: &Session, th: Theme, f: &mut Frame, area: Rect) {
    let lines = lines(s, th, area.width.saturating_sub(2));
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
