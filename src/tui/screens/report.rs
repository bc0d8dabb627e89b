//! The turn report: every actor's orders with their outcome, the news,
//! and what changed in the meters and why (the cause ledger). The AI's
//! reasons are shown for the AI's orders only.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::engine::Event;
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

/// Is this event one of the turn's big ones, told first and marked in
/// the summary: war and peace, crisis steps up, deals made or broken,
/// council sanctions adopted, shipments seized, covert acts exposed,
/// a scenario track reaching a new stage.
pub fn is_big(e: &Event) -> bool {
    match e {
        Event::GameOver { .. }
        | Event::ArmedClash { .. }
        | Event::DealAccepted { .. }
        | Event::DealBroken { .. }
        | Event::ShipmentSeized { .. }
        | Event::Revealed { .. }
        | Event::Stage { .. } => true,
        Event::Escalation { from, to } => to > from,
        Event::CrisisStage { from, to, .. } => to > from,
        Event::Vote { passed, .. } => *passed,
        _ => false,
    }
}

/// An own order that succeeded against the odds is big news too.
const LONG_ODDS: f64 = 0.25;

/// The meters that moved by half a point or more, as the player may see
/// them: (section, meter, value now, change), sections in report order.
fn changed(s: &Session, rec: &TurnReport) -> Vec<(usize, Meter, f64, f64)> {
    let scn = s.scenario();
    let view = s.view();
    let me = s.current;
    let mut out = Vec::new();
    let mut push = |section: usize, m: Meter, now: f64| {
        let d = total(rec, m);
        if d.abs() >= 0.5 {
            out.push((section, m, now, d));
        }
    };
    push(
        0,
        Meter::Threat { actor: me },
        view.picture.threat[me.index()].value,
    );
    let mut pairs = Vec::new();
    for a in scn.actor_ids() {
        for b in scn.actor_ids().filter(|b| *b > a) {
            let m = Meter::Tension { a, b };
            let d = total(rec, m);
            if d.abs() >= 0.5 {
                pairs.push((1, m, view.tension.get(a, b), d));
            }
        }
    }
    for a in scn.actor_ids() {
        for stat in Stat::ALL {
            push(2, Meter::Stat { actor: a, stat }, view.stat(a, stat).value);
        }
    }
    for a in scn.actor_ids() {
        for b in scn.actor_ids() {
            push(
                3,
                Meter::Sanction { from: a, to: b },
                f64::from(view.sanctions.get(a, b)),
            );
        }
    }
    for (ti, t) in scn.tracks.iter().enumerate() {
        let track = crate::scenario::TrackId(ti as u16);
        let who: Vec<Option<ActorId>> = match t.scope {
            crate::scenario::Scope::Global => vec![None],
            crate::scenario::Scope::PerActor => scn.actor_ids().map(Some).collect(),
        };
        for actor in who {
            push(
                3,
                Meter::Track { track, actor },
                view.track(track, actor).value,
            );
        }
    }
    pairs.sort_by(|x, y| y.3.abs().total_cmp(&x.3.abs()).then(x.1.cmp(&y.1)));
    pairs.truncate(8);
    out.extend(pairs);
    out.sort_by_key(|c| c.0);
    out
}

/// Width of the meter names of the report's change lines: the longest
/// one's (so "Security Council pressure (DPRK)" is never cut), at least 25.
fn label_width(s: &Session, rec: &TurnReport) -> usize {
    changed(s, rec)
        .iter()
        .map(|c| {
            crate::tui::preview::meter_name(s.scenario(), c.1)
                .chars()
                .count()
        })
        .max()
        .unwrap_or(0)
        .clamp(25, 48)
}

/// The opening of the report: the player's own orders and how they went,
/// the big events marked, and the biggest changes it can see.
fn summary(s: &Session, rec: &TurnReport, th: Theme) -> Vec<Line<'static>> {
    let scn = s.scenario();
    let me = s.current;
    let mut out = vec![Line::styled("SUMMARY", th.heading())];
    let mine: Vec<&crate::perspective::SeenOrder> =
        rec.orders.iter().filter(|o| o.order.actor == me).collect();
    let won = mine
        .iter()
        .filter(|o| o.outcome == SeenOutcome::Succeeded)
        .count();
    out.push(Line::raw(if mine.is_empty() {
        " Your orders: none this turn.".to_string()
    } else {
        format!(" Your orders: {won} of {} succeeded.", mine.len())
    }));
    for o in &mine {
        let mut spans = vec![
            Span::raw(format!("   {} — ", draft::describe(scn, &o.order))),
            outcome(scn, o, th),
        ];
        if o.covert {
            spans.push(Span::styled("  [covert]", th.key()));
        }
        out.push(Line::from(spans));
    }
    let mut big: Vec<String> = mine
        .iter()
        .filter(|o| o.outcome == SeenOutcome::Succeeded && o.chance.is_some_and(|c| c <= LONG_ODDS))
        .map(|o| {
            format!(
                "{} — against the odds ({:.0}%)",
                clean(&crate::narrate::order_headline(scn, &o.order, true)),
                o.chance.unwrap_or(0.0) * 100.0
            )
        })
        .collect();
    big.extend(
        rec.events
            .iter()
            .filter(|e| is_big(e))
            .map(|e| clean(&crate::narrate::headline(scn, rec.turn, e))),
    );
    for b in crate::narrate::collapse(big) {
        out.push(Line::from(vec![
            Span::styled(" ! ", th.bad().add_modifier(Modifier::BOLD)),
            Span::styled(b, Style::new().add_modifier(Modifier::BOLD)),
        ]));
    }
    let mut moved = changed(s, rec);
    moved.sort_by(|x, y| y.3.abs().total_cmp(&x.3.abs()).then(x.1.cmp(&y.1)));
    if !moved.is_empty() {
        out.push(Line::styled(" Biggest changes:", th.dim()));
    }
    for (section, m, now, d) in moved.into_iter().take(3) {
        out.push(change(s, rec, m, now, d, section < 2, th));
    }
    out
}

/// The report of the last turn as the current player may know it: a
/// summary (its own orders' outcomes, the big events, the biggest
/// changes), the news with repeats told once, then — with `details` —
/// every actor's orders it may know of (with the computer's reasons for
/// its own seat) and every change it sees, with its causes.
pub fn lines(s: &Session, th: Theme, width: u16, details: bool) -> Vec<Line<'static>> {
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
            "   regional tension {} → {} ",
            crate::tui::text::tenths(rec.regional_before),
            crate::tui::text::tenths(rec.regional_after)
        )),
        Span::styled(arrow(d), th.tension_delta(d)),
        Span::raw(" "),
        Span::styled(
            level,
            th.level(scn, view.level).add_modifier(Modifier::BOLD),
        ),
    ]));
    let because = why(s, rec, Meter::Regional, 6);
    out.push(Line::from(vec![
        Span::styled("Why: ", th.dim()),
        Span::raw(if because.is_empty() {
            "regional tension did not move.".to_string()
        } else {
            because
        }),
    ]));
    out.push(Line::default());
    out.extend(summary(s, rec, th));
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
    let mut more = Vec::new();
    more.push(Line::styled("ORDERS", th.heading()));
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
            more.push(Line::from(vec![
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
            more.push(Line::from(spans));
            if let Some(r) = &o.reason {
                let text = format!("Why: {}", clean(r));
                for l in crate::tui::text::wrap(&text, (width as usize).saturating_sub(8)) {
                    more.push(Line::styled(format!("       {l}"), th.dim()));
                }
            }
        }
    }
    more.push(Line::default());
    more.push(Line::styled("WHAT CHANGED, AND WHY", th.heading()));
    let titles = [
        "Your threat perception",
        "Pair tension",
        "Stats (yours, and everyone's prestige)",
        "Sanctions and tracks you can see",
    ];
    let all = changed(s, rec);
    for (k, title) in titles.iter().enumerate() {
        let lines = all
            .iter()
            .filter(|c| c.0 == k)
            .map(|(_, m, now, d)| change(s, rec, *m, *now, *d, k < 2, th))
            .collect();
        section(&mut more, title, lines, th);
    }
    if details {
        out.extend(more);
    } else {
        out.push(Line::from(vec![
            Span::raw("Press "),
            Span::styled("f", th.key()),
            Span::raw(format!(
                " for every order of every actor, and what changed and why ({} more lines)",
                more.len()
            )),
        ]));
    }
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
    let name = crate::tui::preview::meter_name(scn, m);
    Line::from(vec![
        Span::raw(format!("   {name:<w$} ", w = label_width(s, rec))),
        Span::raw(format!("{:>4.0} → {:<4.0}", now - d, now)),
        Span::styled(format!("{:<7}", arrow(d)), style),
        Span::styled(why(s, rec, m, 3), th.dim()),
    ])
}

/// Draws the report into `area`, scrolled.
pub fn draw(s: &Session, th: Theme, f: &mut Frame, area: Rect) {
    let lines = lines(s, th, area.width.saturating_sub(2), s.report_details);
    let max = crate::tui::text::max_scroll(
        &lines,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
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
