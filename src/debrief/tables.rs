//! The CSV exports (RFC 4180, one header row, written with the `csv`
//! crate): `meters.csv`, `orders.csv`, `objectives.csv`, `estimates.csv`.
//! The columns are documented in `docs/debrief.md`.

use crate::referee::{Analysis, Debrief};
use crate::scenario::{Scenario, Scope, Stat};

/// Header of `meters.csv`.
pub const METERS: [&str; 6] = ["turn", "date", "meter", "actor", "other", "value"];
/// Header of `orders.csv`.
pub const ORDERS: [&str; 14] = [
    "turn",
    "date",
    "actor",
    "move",
    "target",
    "level",
    "outcome",
    "chance",
    "cost",
    "covert",
    "revealed_turn",
    "revealed_to",
    "played_by",
    "reason",
];
/// Header of `objectives.csv`.
pub const OBJECTIVES: [&str; 10] = [
    "actor",
    "actor_name",
    "played_by",
    "objective",
    "text",
    "weight",
    "judged",
    "progress",
    "met",
    "score",
];
/// Header of `estimates.csv`.
pub const ESTIMATES: [&str; 8] = [
    "turn", "observer", "value", "actor", "truth", "estimate", "spread", "error",
];

fn table<const N: usize>(header: [&str; N], rows: Vec<[String; N]>) -> Result<String, String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(header).map_err(|e| e.to_string())?;
    for r in rows {
        w.write_record(&r).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// A number for a spreadsheet: up to 4 decimals, no trailing zeros.
pub fn num(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// How many rows `meters.csv` has per recorded turn: regional tension and
/// level; five stats, threat and capital per actor; every track value;
/// pair tension and crisis stage per pair; relation and sanction per
/// ordered pair.
pub fn meters_per_turn(scn: &Scenario) -> usize {
    let n = scn.n();
    let tracks: usize = scn
        .tracks
        .iter()
        .map(|t| if t.scope == Scope::PerActor { n } else { 1 })
        .sum();
    2 + 7 * n + tracks + 3 * n * n.saturating_sub(1)
}

/// `meters.csv`: one row per turn (0 = the start) and meter.
pub fn meters(scn: &Scenario, d: &Debrief) -> Result<String, String> {
    let n = scn.n();
    let id = |i: usize| scn.actors[i].id.clone();
    let mut rows = Vec::new();
    for s in &d.log.snapshots {
        let date = if s.turn == 0 {
            "start".to_string()
        } else {
            scn.date_of(s.turn)
        };
        let mut row = |meter: String, actor: String, other: String, value: String| {
            rows.push([s.turn.to_string(), date.clone(), meter, actor, other, value]);
        };
        row(
            "regional".into(),
            String::new(),
            String::new(),
            num(s.regional),
        );
        row(
            "level".into(),
            String::new(),
            String::new(),
            s.level.to_string(),
        );
        for a in 0..n {
            for st in Stat::ALL {
                let v = s.stats.get(a).map_or(0.0, |x| x[st.index()]);
                row(format!("stat:{}", st.name()), id(a), String::new(), num(v));
            }
            let v = s.threat.get(a).copied().unwrap_or(0.0);
            row("threat".into(), id(a), String::new(), num(v));
            let v = s.capital.get(a).copied().unwrap_or(0.0);
            row("capital".into(), id(a), String::new(), num(v));
        }
        for (ti, t) in scn.tracks.iter().enumerate() {
            let k = if t.scope == Scope::PerActor { n } else { 1 };
            for j in 0..k {
                let v = s.tracks.get(ti).and_then(|r| r.get(j)).copied();
                let owner = if t.scope == Scope::PerActor {
                    id(j)
                } else {
                    String::new()
                };
                row(
                    format!("track:{}", t.id),
                    owner,
                    String::new(),
                    num(v.unwrap_or(0.0)),
                );
            }
        }
        let cell = |v: &[f64], a: usize, b: usize| v.get(a * n + b).copied().unwrap_or(0.0);
        for a in 0..n {
            for b in a + 1..n {
                row("tension".into(), id(a), id(b), num(cell(&s.tension, a, b)));
                let stage = s.stage.get(a * n + b).copied().unwrap_or(0);
                row("stage".into(), id(a), id(b), stage.to_string());
            }
        }
        for a in 0..n {
            for b in (0..n).filter(|b| *b != a) {
                row(
                    "relation".into(),
                    id(a),
                    id(b),
                    num(cell(&s.relations, a, b)),
                );
                let sanc = s.sanctions.get(a * n + b).copied().unwrap_or(0);
                row("sanction".into(), id(a), id(b), sanc.to_string());
            }
        }
    }
    table(METERS, rows)
}

/// `orders.csv`: one row per order.
pub fn orders(a: &Analysis) -> Result<String, String> {
    let mut rows = Vec::new();
    for t in &a.orders {
        for o in &t.orders {
            rows.push([
                t.turn.to_string(),
                t.date.clone(),
                o.actor_id.clone(),
                o.move_id.clone(),
                o.target_id.clone().unwrap_or_default(),
                o.level.to_string(),
                o.outcome.key().to_string(),
                o.chance.map(num).unwrap_or_default(),
                o.cost.map(num).unwrap_or_default(),
                o.covert.to_string(),
                o.revealed.map(|t| t.to_string()).unwrap_or_default(),
                o.revealed_to.join("; "),
                if o.by_person { "person" } else { "computer" }.to_string(),
                match &o.outcome {
                    crate::referee::OrderOutcome::Rejected(why) if o.reason.is_none() => {
                        why.clone()
                    }
                    _ => o.reason.clone().unwrap_or_default(),
                },
            ]);
        }
    }
    table(ORDERS, rows)
}

/// `objectives.csv`: one row per actor and objective.
pub fn objectives(a: &Analysis) -> Result<String, String> {
    let mut rows = Vec::new();
    for x in &a.actors {
        for (i, o) in x.objectives.iter().enumerate() {
            rows.push([
                x.id.clone(),
                x.name.clone(),
                if x.human { "person" } else { "computer" }.to_string(),
                (i + 1).to_string(),
                o.text.clone(),
                num(o.weight),
                o.over.to_string(),
                num(o.progress),
                o.met().to_string(),
                num(x.score),
            ]);
        }
    }
    table(OBJECTIVES, rows)
}

/// How many rows `estimates.csv` has: one per recorded turn, observer and
/// value it could only estimate (a non-zero spread).
pub fn estimate_rows(d: &Debrief) -> usize {
    d.log
        .pictures
        .iter()
        .flatten()
        .map(|p| {
            p.stats
                .iter()
                .flatten()
                .chain(p.threat.iter())
                .chain(p.tracks.iter().flatten())
                .filter(|e| e.spread > 0.0)
                .count()
        })
        .sum()
}

/// `estimates.csv`: every estimate an actor held of a value hidden from
/// it, beside the truth, turn by turn.
pub fn estimates(scn: &Scenario, d: &Debrief) -> Result<String, String> {
    let n = scn.n();
    let mut rows = Vec::new();
    for (turn, pics) in d.log.pictures.iter().enumerate() {
        let Some(snap) = d.log.snapshots.get(turn) else {
            continue;
        };
        for p in pics {
            let obs = scn.actors[p.observer.index()].id.clone();
            let mut row = |what: String, actor: String, truth: f64, e: &crate::engine::Estimate| {
                if e.spread > 0.0 {
                    rows.push([
                        turn.to_string(),
                        obs.clone(),
                        what,
                        actor,
                        num(truth),
                        num(e.value),
                        num(e.spread),
                        num((e.value - truth).abs()),
                    ]);
                }
            };
            for a in 0..n.min(p.stats.len()) {
                for st in Stat::ALL {
                    let truth = snap.stats.get(a).map_or(0.0, |x| x[st.index()]);
                    row(
                        format!("stat:{}", st.name()),
                        scn.actors[a].id.clone(),
                        truth,
                        &p.stats[a][st.index()],
                    );
                }
                if let Some(e) = p.threat.get(a) {
                    let truth = snap.threat.get(a).copied().unwrap_or(0.0);
                    row("threat".into(), scn.actors[a].id.clone(), truth, e);
                }
            }
            for (ti, t) in scn.tracks.iter().enumerate() {
                let Some(est) = p.tracks.get(ti) else {
                    continue;
                };
                for (k, e) in est.iter().enumerate() {
                    let truth = snap.tracks.get(ti).and_then(|r| r.get(k)).copied();
                    let owner = if t.scope == Scope::PerActor {
                        scn.actors.get(k).map(|x| x.id.clone()).unwrap_or_default()
                    } else {
                        String::new()
                    };
                    row(format!("track:{}", t.id), owner, truth.unwrap_or(0.0), e);
                }
            }
        }
    }
    table(ESTIMATES, rows)
}
