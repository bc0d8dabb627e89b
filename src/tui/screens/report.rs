//! The turn report: every actor's orders with their outcome, the news,
//! and what changed in the meters and why (the cause ledger). The AI's
//! reasons are shown for the AI's orders only.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::engine::Event;
use crate::engine::ledger::Meter;
use crate::scenario::{ActorId, Stat};
use crate::sim::TurnRecord;
use crate::tui::draft;
use crate::tui::model::Session;
use crate::tui::text::{arrow, clean};
use crate::tui::theme::Theme;

/// How an order of the turn turned out.
fn outcome(
    scn: &crate::scenario::Scenario,
    rec: &TurnRecord,
    index: usize,
    th: Theme,
) -> Span<'static> {
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
                let why = crate::narrate::order_error(scn, reason);
                return Span::styled(format!("rejected: {}", clean(&why)), th.bad());
            }
            _ => {}
        }
    }
    Span::styled("no result", th.dim())
}

fn why(s: &Session, rec: &TurnRecord, meter: Meter, max: usize) -> String {
    crate::tui::why::summary(&s.game.scenario, &rec.changes, meter, max)
}

fn total(rec: &TurnRecord, meter: Meter) -> f64 {
    rec.changes
        .iter()
        .filter(|c| c.meter == meter)
        .map(|c| c.delta)
        .sum()
}

/// Every line of the report of the last turn.
pub fn lines(s: &Session, th: Theme, width: u16) -> Vec<Line<'static>> {
    let Some(rec) = &s.game.last else {
        return vec![
            Line::styled("No turn has been played yet.", th.heading()),
            Line::raw(
                "Give your orders (2) and end the turn (e): the report of what happened appears here.",
            ),
        ];
    };
    let scn = &s.game.scenario;
    let st = &s.game.state;
    let short = |a: ActorId| clean(&scn.actor(a).short);
    let mut out = Vec::new();
    let d = st.regional - rec.regional_before;
    let level = scn
        .levels
        .get(st.level)
        .map_or(String::new(), |l| clean(&l.name));
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
    // One reason for every AI order (a loaded save keeps no reasoning):
    // said once, not under each order.
    let is_human =
        |a: crate::scenario::ActorId| s.game.humans.get(a.index()).copied().unwrap_or(false);
    let ai_reasons: Vec<&String> = rec
        .orders
        .list
        .iter()
        .enumerate()
        .filter(|(_, o)| !is_human(o.actor))
        .filter_map(|(i, _)| rec.reasons.get(i))
        .collect();
    let shared = ai_reasons.len() > 1 && ai_reasons.windows(2).all(|w| w[0] == w[1]);
    if shared && let Some(r) = ai_reasons.first() {
        let text = format!("AI's reasons: {}", clean(r));
        for l in crate::tui::text::wrap(&text, (width as usize).saturating_sub(2)) {
            out.push(Line::styled(format!(" {l}"), th.dim()));
        }
    }
    for a in scn.actor_ids() {
        let human = is_human(a);
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
                outcome(&s.game.scenario, rec, i, th),
            ]));
            if !human
                && !shared
                && let Some(r) = rec.reasons.get(i)
            {
                let text = format!("AI's reason: {}", clean(r));
                for l in crate::tui::text::wrap(&text, (width as usize).saturating_sub(8)) {
                    out.push(Line::styled(format!("       {l}"), th.dim()));
                }
            }
        }
    }
    out.push(Line::default());
    out.push(Line::styled("NEWS", th.heading()));
    let mut any = false;
    for e in &rec.events {
        if let Some(h) = crate::narrate::public_headline(&s.game.scenario, rec.turn, e) {
            any = true;
            out.push(Line::from(vec![
                Span::styled(" • ", th.key()),
                Span::raw(clean(&h)),
            ]));
        }
    }
    if !any {
        out.push(Line::styled(" no public news", th.dim()));
    }
    out.push(Line::default());
    out.push(Line::styled("WHAT CHANGED, AND WHY", th.heading()));
    let mut threat = Vec::new();
    for a in scn.actor_ids() {
        let m = Meter::Threat { actor: a };
        let d = total(rec, m);
        if d.abs() >= 0.5 {
            threat.push(change(s, rec, m, st.actor(a).threat, d, true, th));
        }
    }
    section(&mut out, "Threat perception", threat, th);
    let mut pairs: Vec<(Meter, f64, f64)> = Vec::new();
    for a in scn.actor_ids() {
        for b in scn.actor_ids().filter(|b| *b > a) {
            let m = Meter::Tension { a, b };
            let d = total(rec, m);
            if d.abs() >= 0.5 {
                pairs.push((m, d, st.tension.get(a, b)));
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
    // Others' stats are hidden (fog of war), except prestige, which is public;
    // a hotseat report is read by everyone, so it shows no hidden stat.
    let open = |a: ActorId, stat: Stat| {
        stat == Stat::Prestige || st.is_over() || (!s.hotseat() && a == s.current)
    };
    let mut stats = Vec::new();
    for a in scn.actor_ids() {
        for stat in Stat::ALL.into_iter().filter(|k| open(a, *k)) {
            let m = Meter::Stat { actor: a, stat };
            let d = total(rec, m);
            if d.abs() >= 0.5 {
                stats.push(change(s, rec, m, st.actor(a).stat(stat), d, false, th));
            }
        }
    }
    section(&mut out, "Stats", stats, th);
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
                    f64::from(st.sanctions.get(a, b)),
                    d,
                    false,
                    th,
                ));
            }
        }
    }
    for (ti, t) in scn.tracks.iter().enumerate() {
        if t.secret {
            continue;
        }
        let track = crate::scenario::TrackId(ti as u16);
        let who: Vec<Option<ActorId>> = match t.scope {
            crate::scenario::Scope::Global => vec![None],
            crate::scenario::Scope::PerActor => scn.actor_ids().map(Some).collect(),
        };
        for actor in who {
            let m = Meter::Track { track, actor };
            let d = total(rec, m);
            if d.abs() >= 0.5 {
                other.push(change(s, rec, m, st.track(track, actor), d, false, th));
            }
        }
    }
    section(&mut out, "Sanctions and public tracks", other, th);
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
    rec: &TurnRecord,
    m: Meter,
    now: f64,
    d: f64,
    tension: bool,
    th: Theme,
) -> Line<'static> {
    let scn = &s.game.scenario;
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
