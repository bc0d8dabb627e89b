//! Plain-text and JSON renderings of played games for the command line:
//! one game in detail (`simulate --seed`, `replay`, orders files), what one
//! actor saw (`simulate --perspective`), and the AI timing line. Shared by
//! the commands that print games, so each is written once.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::engine::Event;
use crate::engine::ledger::{self, Meter};
use crate::engine::turn::TurnRecord;
use crate::narrate;
use crate::referee::Match;
use crate::scenario::{ActorId, Scenario, Stat};
use crate::sim::GameRecord;
use crate::sim::timing::TurnTimes;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// The AI's thinking time as JSON (`--timing` only): milliseconds.
pub fn timing_json(t: &TurnTimes) -> Value {
    json!({
        "what": "AI thinking per turn (all computer actors), wall time in ms",
        "turns": t.turns(),
        "p50_ms": t.percentile_ms(0.5),
        "p95_ms": t.percentile_ms(0.95),
        "max_ms": t.percentile_ms(1.0),
    })
}

/// Text output with the timing line: at its end with `--timing`, else on
/// standard error (standard output stays the same in every run).
pub fn with_timing_line(mut text: String, t: &TurnTimes, timing: bool) -> String {
    if timing {
        let _ = writeln!(text, "\n{}", t.line());
    } else {
        eprintln!("{}", t.line());
    }
    text
}

/// JSON as the commands print it: pretty, with a final newline.
pub fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

fn fmt_delta(d: f64) -> String {
    if d > 0.05 {
        format!("▲{d:.1}")
    } else if d < -0.05 {
        format!("▼{:.1}", -d)
    } else {
        "=".into()
    }
}

fn order_line<'t>(scn: &Scenario, t: &'t TurnRecord, index: usize) -> (String, Option<&'t Event>) {
    let o = &t.orders.list[index];
    let ev = t.events.iter().find(|e| match e {
        Event::OrderResolved { index: i, .. } | Event::OrderRejected { index: i, .. } => {
            *i as usize == index
        }
        _ => false,
    });
    (
        format!(
            "{:<7} {}",
            scn.actor(o.actor).short,
            crate::narrate::order_words(scn, o)
        ),
        ev,
    )
}

/// The text report of one game.
pub fn game_text(scn: &Scenario, g: &GameRecord) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} — seed {}", scn.meta.title, g.seed);
    for t in &g.turns {
        let after = g
            .log
            .snapshot(t.turn)
            .map_or(g.state.regional, |h| h.regional);
        let level = scn.level_index(after);
        let _ = writeln!(
            s,
            "\n== Turn {} ({}) — regional tension {:.1} {} [{}]",
            t.turn,
            scn.date_of(t.turn),
            after,
            fmt_delta(after - t.regional_before),
            scn.levels[level].name
        );
        let _ = writeln!(s, "Orders:");
        if t.orders.list.is_empty() {
            let _ = writeln!(s, "  (none)");
        }
        for i in 0..t.orders.list.len() {
            let (line, ev) = order_line(scn, t, i);
            let outcome = match ev {
                Some(Event::OrderResolved {
                    success: true,
                    chance,
                    ..
                }) => format!("succeeded ({:.0}%)", chance * 100.0),
                Some(Event::OrderResolved {
                    success: false,
                    chance,
                    ..
                }) => format!("FAILED ({:.0}%)", chance * 100.0),
                Some(Event::OrderRejected { reason, .. }) => {
                    format!("rejected: {}", narrate::order_error(scn, reason))
                }
                _ => String::new(),
            };
            let _ = writeln!(s, "  {line} — {outcome}");
            if let Some(Some(r)) = t.reasons.get(i) {
                let _ = writeln!(s, "          why: {r}");
            }
        }
        let news: Vec<String> = t
            .events
            .iter()
            .filter_map(|e| narrate::public_headline(scn, t.turn, e))
            .collect();
        if !news.is_empty() {
            let _ = writeln!(s, "Headlines:");
            for h in news {
                let _ = writeln!(s, "  * {h}");
            }
        }
        let why = ledger::explain(&t.changes, Meter::Regional);
        if !why.is_empty() {
            let _ = writeln!(s, "Tension: {}", narrate::summary_line(scn, &why, 5));
        }
        let _ = writeln!(s, "Meters:");
        let snap = g.log.snapshot(t.turn);
        if let Some(snap) = snap {
            for a in scn.actor_ids() {
                let st = snap.stats[a.index()];
                let _ = writeln!(
                    s,
                    "  {:<7} mil {:>3.0} eco {:>3.0} stab {:>3.0} pres {:>3.0} intel {:>3.0} | threat {:>3.0} capital {:>2.0}",
                    scn.actor(a).short,
                    st[Stat::Military.index()],
                    st[Stat::Economy.index()],
                    st[Stat::Stability.index()],
                    st[Stat::Prestige.index()],
                    st[Stat::Intel.index()],
                    snap.threat[a.index()],
                    snap.capital[a.index()],
                );
            }
            let tracks: Vec<String> = scn
                .tracks
                .iter()
                .zip(&snap.tracks)
                .map(|(t, v)| {
                    if v.len() == 1 {
                        format!("{} {:.0}", t.id, v[0])
                    } else {
                        let per: Vec<String> = scn
                            .actor_ids()
                            .map(|a| format!("{}:{:.0}", scn.actor(a).id, v[a.index()]))
                            .collect();
                        format!("{} [{}]", t.id, per.join(" "))
                    }
                })
                .collect();
            if !tracks.is_empty() {
                let _ = writeln!(s, "  tracks: {}", tracks.join(", "));
            }
        }
    }
    let _ = writeln!(s, "\n== Result: {}", outcome_text(scn, g));
    for sc in &g.scores {
        let _ = writeln!(
            s,
            "  {:<7} score {:>5.1}",
            scn.actor(sc.actor).short,
            sc.score
        );
        for (o, met) in scn.actor(sc.actor).objectives.iter().zip(&sc.objectives) {
            let mark = if *met >= 1.0 {
                "met"
            } else if *met > 0.0 {
                "part"
            } else {
                "not met"
            };
            let _ = writeln!(s, "          [{mark:^7}] {} (weight {})", o.text, o.weight);
        }
    }
    s
}

fn outcome_text(scn: &Scenario, g: &GameRecord) -> String {
    match &g.state.outcome {
        None => format!("stopped after turn {} (game not finished)", g.state.turn),
        Some(o) => {
            let text = match o {
                crate::engine::Outcome::TurnLimit => "turn limit reached".to_string(),
                crate::engine::Outcome::Clash => "ARMED CLASH — everyone loses".to_string(),
                crate::engine::Outcome::Ending { index } => scn.endings[*index].text.clone(),
            };
            format!("{} after turn {}: {text}", o.key(scn), g.state.turn)
        }
    }
}

fn actor_json(scn: &Scenario, a: ActorId) -> Value {
    json!(scn.actor(a).id)
}

/// What each actor believed about the values hidden from it when it gave
/// its orders (its picture after the previous turn), beside the truth:
/// `{observer: [{value, estimate, spread, truth}]}`.
fn estimates_json(scn: &Scenario, log: &crate::engine::GameLog, before: u32) -> Value {
    let mut out = serde_json::Map::new();
    let Some(s) = log.snapshot(before) else {
        return Value::Object(out);
    };
    for o in scn.actor_ids() {
        let Some(v) = log.picture(before, o) else {
            continue;
        };
        let mut rows = Vec::new();
        for t in scn.actor_ids().filter(|t| *t != o) {
            for stat in [Stat::Military, Stat::Economy] {
                let e = v.stats[t.index()][stat.index()];
                rows.push(json!({
                    "value": format!("{}.{}", scn.actor(t).id, stat.name()),
                    "estimate": round2(e.value), "spread": round2(e.spread), "truth": round2(s.stats[t.index()][stat.index()]),
                }));
            }
        }
        for (ti, tr) in scn.tracks.iter().enumerate() {
            for (k, e) in v.tracks[ti]
                .iter()
                .enumerate()
                .filter(|(_, e)| e.spread > 0.0)
            {
                let name = if s.tracks[ti].len() > 1 {
                    format!("{}.{}", scn.actor(ActorId(k as u16)).id, tr.id)
                } else {
                    tr.id.clone()
                };
                rows.push(json!({"value": name, "estimate": round2(e.value), "spread": round2(e.spread), "truth": round2(s.tracks[ti][k])}));
            }
        }
        out.insert(scn.actor(o).id.clone(), Value::Array(rows));
    }
    Value::Object(out)
}

/// The JSON document of one game (see docs/simulate-json.md).
pub fn game_json(scn: &Scenario, g: &GameRecord) -> Value {
    let turns: Vec<Value> = g
        .turns
        .iter()
        .map(|t| {
            let orders: Vec<Value> = (0..t.orders.list.len())
                .map(|i| {
                    let o = &t.orders.list[i];
                    let (_, ev) = order_line(scn, t, i);
                    let mut v = json!({
                        "actor": actor_json(scn, o.actor),
                        "move": scn.mv(o.mv).id,
                        "target": o.target.map(|x| actor_json(scn, x)),
                        "level": o.level,
                        "reason": t.reasons.get(i).cloned().flatten(),
                    });
                    match ev {
                        Some(e @ Event::OrderResolved { success, chance, cost, covert, .. }) => {
                            v["status"] = json!(if *success { "success" } else { "failure" });
                            v["chance"] = json!(chance);
                            v["cost"] = json!(cost);
                            v["covert"] = json!(covert);
                            v["headline"] = json!(narrate::headline(scn, t.turn, e));
                        }
                        Some(Event::OrderRejected { reason, .. }) => {
                            v["status"] = json!("rejected");
                            v["rejected_because"] = json!(narrate::order_error(scn, reason));
                        }
                        _ => {}
                    }
                    v
                })
                .collect();
            let snap = g.log.snapshot(t.turn);
            let why: Vec<Value> = ledger::explain(&t.changes, Meter::Regional)
                .iter()
                .map(|c| json!({"cause": narrate::describe_cause(scn, c.cause, c.rule), "rule": c.rule, "delta": round2(c.delta)}))
                .collect();
            json!({
                "turn": t.turn,
                "date": scn.date_of(t.turn),
                "orders": orders,
                "headlines": t.events.iter().filter_map(|e| narrate::public_headline(scn, t.turn, e)).collect::<Vec<_>>(),
                "events": t.events.iter().map(|e| narrate::event_json(scn, t.turn, e)).collect::<Vec<_>>(),
                "regional": {
                    "before": round2(t.regional_before),
                    "after": snap.map(|s| round2(s.regional)),
                    "level": snap.map(|s| scn.levels[s.level].name.clone()),
                    "causes": why,
                },
                "meters": snap.map(|s| meters_json(scn, s)),
                "estimates": estimates_json(scn, &g.log, t.turn - 1),
            })
        })
        .collect();
    json!({
        "scenario": scn.meta.id,
        "seed": g.seed,
        "actors": scn.actors.iter().map(|a| json!({"id": a.id, "name": a.name})).collect::<Vec<_>>(),
        "turns": turns,
        "outcome": g.state.outcome.as_ref().map(|o| json!({"kind": o.key(scn), "turn": g.state.turn, "text": outcome_text(scn, g)})),
        "scores": g.scores.iter().map(|s| json!({"actor": actor_json(scn, s.actor), "score": round2(s.score), "objectives": s.objectives})).collect::<Vec<_>>(),
    })
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn meters_json(scn: &Scenario, s: &crate::engine::state::Snapshot) -> Value {
    let actors: serde_json::Map<String, Value> = scn
        .actor_ids()
        .map(|a| {
            let st = s.stats[a.index()];
            let mut m = serde_json::Map::new();
            for stat in Stat::ALL {
                m.insert(stat.name().into(), json!(round2(st[stat.index()])));
            }
            m.insert("threat".into(), json!(round2(s.threat[a.index()])));
            m.insert("capital".into(), json!(round2(s.capital[a.index()])));
            (scn.actor(a).id.clone(), Value::Object(m))
        })
        .collect();
    let tracks: serde_json::Map<String, Value> = scn
        .tracks
        .iter()
        .zip(&s.tracks)
        .map(|(t, v)| {
            (
                t.id.clone(),
                if v.len() == 1 {
                    json!(round2(v[0]))
                } else {
                    json!(v.iter().map(|x| round2(*x)).collect::<Vec<_>>())
                },
            )
        })
        .collect();
    json!({"regional": round2(s.regional), "actors": actors, "tracks": tracks})
}

/// One order as `observer` saw it, in words and ids.
fn seen_order_json(scn: &Scenario, o: &crate::perspective::SeenOrder) -> Value {
    use crate::perspective::SeenOutcome;
    let mut v = json!({
        "actor": actor_json(scn, o.order.actor),
        "move": scn.mv(o.order.mv).id,
        "target": o.order.target.map(|x| actor_json(scn, x)),
        "level": o.order.level,
        "covert": o.covert,
        "discovered": o.discovered,
    });
    match &o.outcome {
        SeenOutcome::Succeeded => v["status"] = json!("success"),
        SeenOutcome::Failed => v["status"] = json!("failure"),
        SeenOutcome::Rejected { reason } => {
            v["status"] = json!("rejected");
            v["rejected_because"] = json!(narrate::order_error(scn, reason));
        }
    }
    if let Some(c) = o.chance {
        v["chance"] = json!(c);
    }
    if let Some(c) = o.cost {
        v["cost"] = json!(c);
    }
    if let Some(r) = &o.reason {
        v["reason"] = json!(r);
    }
    v
}

/// The game as `observer` saw it, turn by turn (see docs/simulate-json.md):
/// built only from its [`PlayerView`](crate::perspective::PlayerView) and
/// [`TurnReport`](crate::perspective::TurnReport)s as of each turn, never
/// from the truth.
pub fn perspective_json(scn: &Scenario, m: &mut Match, observer: ActorId, limit: u32) -> Value {
    let start = m.view(observer);
    let mut turns = Vec::new();
    while !m.is_over() && m.turn() < limit {
        m.play_turn();
        let now = m.turn();
        let Some(report) = m.report(observer, now) else {
            break;
        };
        // Orders of earlier turns that came to light this turn.
        let came_to_light: Vec<Value> = (1..now)
            .filter_map(|u| m.report(observer, u))
            .flat_map(|r| {
                r.orders
                    .into_iter()
                    .filter(|o| o.discovered == Some(now))
                    .map(move |o| {
                        let mut v = seen_order_json(scn, &o);
                        v["turn"] = json!(r.turn);
                        v
                    })
            })
            .collect();
        let view = m.view(observer);
        turns.push(json!({
            "turn": now,
            "date": scn.date_of(now),
            "orders": report.orders.iter().map(|o| seen_order_json(scn, o)).collect::<Vec<_>>(),
            "came_to_light": came_to_light,
            "news": report.news(scn),
            "regional": {
                "before": round2(report.regional_before),
                "after": round2(report.regional_after),
            },
            "report": report,
            "view": view,
        }));
    }
    json!({
        "scenario": scn.meta.id,
        "perspective": scn.actor(observer).id,
        "actors": scn.actors.iter().map(|a| json!({"id": a.id, "name": a.name})).collect::<Vec<_>>(),
        "start": start,
        "turns": turns,
        "outcome": m.outcome().map(|o| json!({"kind": o.key(scn), "turn": m.turn()})),
    })
}
