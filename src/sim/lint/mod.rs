//! The balance lint: what a batch of AI games says about a scenario's
//! design — moves nobody orders, events that never fire, endings never
//! reached, objectives that are (almost) never or (almost) always met.
//!
//! Pure: it reads a scenario and the [`BatchStats`] of games already
//! played (by [`super::batch::run_batch`]), so it is tested without a
//! command line. Every finding names its item by id and, where the file
//! says where, the line of the item's table.

use serde::Serialize;

mod names;
mod rules;

use super::batch::BatchStats;
use crate::scenario::Scenario;
use crate::scenario::diagnostic::line_col;
use crate::scenario::raw::{RawScenario, Spanned};

/// An objective met in fewer games than this share is flagged as rare.
pub const RARE: f64 = 0.05;
/// An objective met in more games than this share is flagged as certain.
pub const CERTAIN: f64 = 0.95;

/// How much a finding matters: only errors make `flashpoint lint` fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The scenario cannot be played as it is.
    Error,
    /// Probably a design mistake; the scenario still plays.
    Warning,
    /// Worth knowing; nothing to fix necessarily.
    Info,
}

impl Level {
    /// The word printed before a finding.
    pub fn word(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }
}

/// One thing the lint found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Error, warning or info.
    pub severity: Level,
    /// A stable name of the check (`dead-move`), for scripts and docs.
    pub code: &'static str,
    /// What kind of item it is about (`move`, `event`, `ending`, `objective`,
    /// `actor`, `scenario`).
    pub kind: &'static str,
    /// The item's id (an objective: `actor#n`, counted from 1).
    pub id: String,
    /// Line of the item's table in the file (1-based), when known.
    pub line: Option<usize>,
    /// What was found, in words.
    pub message: String,
    /// What to try.
    pub help: String,
}

/// Where the items of a scenario are written: lines of their tables,
/// read again from the scenario's own text (the typed scenario keeps no
/// positions).
#[derive(Debug, Default)]
struct Lines {
    moves: Vec<(String, usize)>,
    events: Vec<(String, usize)>,
    endings: Vec<(String, usize)>,
    actors: Vec<(String, usize)>,
    /// Per actor, per objective.
    objectives: Vec<Vec<usize>>,
}

impl Lines {
    fn of(scn: &Scenario) -> Lines {
        let Ok(raw) = toml::from_str::<RawScenario>(&scn.source) else {
            return Lines::default();
        };
        let line = |at: usize| line_col(&scn.source, at).0;
        Lines {
            moves: ids(&scn.source, &raw.moves, |m| m.id.get_ref()),
            events: ids(&scn.source, &raw.events, |e| e.id.get_ref()),
            endings: ids(&scn.source, &raw.endings, |e| e.id.get_ref()),
            actors: ids(&scn.source, &raw.actors, |a| a.id.get_ref()),
            objectives: raw
                .actors
                .iter()
                .map(|a| {
                    a.get_ref()
                        .objectives
                        .iter()
                        .map(|o| line(o.span().start))
                        .collect()
                })
                .collect(),
        }
    }

    fn find(list: &[(String, usize)], id: &str) -> Option<usize> {
        list.iter().find(|(i, _)| i == id).map(|(_, l)| *l)
    }
}

/// Each entry's id in one table of the scenario, with the line its entry
/// starts on in `source`.
fn ids<T>(source: &str, list: &[Spanned<T>], id: impl Fn(&T) -> &String) -> Vec<(String, usize)> {
    list.iter()
        .map(|x| (id(x.get_ref()).clone(), line_col(source, x.span().start).0))
        .collect()
}

/// The findings of a batch of `stats.games` AI games of `scn`, most serious
/// first, then in file order.
pub fn lint(scn: &Scenario, stats: &BatchStats) -> Vec<Finding> {
    let lines = Lines::of(scn);
    let games = stats.games;
    let mut out = Vec::new();
    if games == 0 {
        return out;
    }
    let share = |c: u64| c as f64 / games as f64;
    let pct = |c: u64| 100.0 * share(c);

    for (m, mv) in scn.moves.iter().enumerate() {
        let uses = |a: usize| {
            stats
                .move_uses
                .get(a)
                .and_then(|row| row.get(m))
                .copied()
                .unwrap_or(0)
        };
        let may: Vec<usize> = (0..scn.n()).filter(|a| mv.users[*a]).collect();
        let total: u64 = may.iter().map(|a| uses(*a)).sum();
        let line = Lines::find(&lines.moves, &mv.id);
        if total == 0 {
            out.push(Finding {
                severity: Level::Warning,
                code: "dead-move",
                kind: "move",
                id: mv.id.clone(),
                line,
                message: format!(
                    "no actor ordered move `{}` ({}) in {games} games",
                    mv.id, mv.name
                ),
                help: "make it cheaper, likelier to succeed or more useful to some actor's \
                       objectives, loosen its `requires`, or remove it"
                    .into(),
            });
        } else {
            let idle: Vec<&str> = may
                .iter()
                .filter(|a| uses(**a) == 0)
                .map(|a| scn.actors[*a].id.as_str())
                .collect();
            if !idle.is_empty() && may.len() > 1 {
                out.push(Finding {
                    severity: Level::Info,
                    code: "move-unused-by",
                    kind: "move",
                    id: mv.id.clone(),
                    line,
                    message: format!(
                        "move `{}` was never ordered by {} (others ordered it {:.2} times a game)",
                        mv.id,
                        idle.join(", "),
                        total as f64 / games as f64
                    ),
                    help: "fine if those actors have no reason to use it; otherwise \
                           limit `actors` or give them one"
                        .into(),
                });
            }
        }
    }

    for (e, ev) in scn.events.iter().enumerate() {
        if stats.event_fired.get(e).copied().unwrap_or(0) == 0 {
            out.push(Finding {
                severity: Level::Warning,
                code: "dead-event",
                kind: "event",
                id: ev.id.clone(),
                line: Lines::find(&lines.events, &ev.id),
                message: format!("event `{}` never fired in {games} games", ev.id),
                help: "its `when` never held when it rolled, or its `chance` is too low; \
                       check the numbers in `when` against what games reach (`flashpoint simulate --runs`)"
                    .into(),
            });
        }
    }

    for (k, end) in scn.endings.iter().enumerate() {
        if stats.outcomes.get(2 + k).copied().unwrap_or(0) == 0 {
            out.push(Finding {
                severity: Level::Warning,
                code: "unreached-ending",
                kind: "ending",
                id: end.id.clone(),
                line: Lines::find(&lines.endings, &end.id),
                message: format!("ending `{}` was not reached in {games} games", end.id),
                help: "its `when` may never hold, or an earlier ending, a clash or the turn \
                       limit always comes first; more --runs tell a rare ending from an impossible one"
                    .into(),
            });
        }
    }

    for (a, actor) in scn.actors.iter().enumerate() {
        for (k, obj) in actor.objectives.iter().enumerate() {
            let met = stats
                .objectives_met
                .get(a)
                .and_then(|r| r.get(k))
                .copied()
                .unwrap_or(0);
            let s = share(met);
            let line = lines.objectives.get(a).and_then(|r| r.get(k)).copied();
            let id = format!("{}#{}", actor.id, k + 1);
            let over = matches!(obj.over, crate::scenario::Over::Game);
            let how = if over {
                " (held on every turn: `over = \"game\"`)"
            } else {
                ""
            };
            if s < RARE {
                out.push(Finding {
                    severity: Level::Warning,
                    code: "objective-rare",
                    kind: "objective",
                    id,
                    line,
                    message: format!(
                        "{}'s objective \"{}\" was met{how} in {:.1}% of games (under {:.0}%)",
                        actor.id,
                        obj.text,
                        pct(met),
                        RARE * 100.0
                    ),
                    help: "an objective nobody can meet does not steer play; make it easier \
                           or give the actor moves that serve it"
                        .into(),
                });
            } else if s > CERTAIN {
                out.push(Finding {
                    severity: Level::Warning,
                    code: "objective-certain",
                    kind: "objective",
                    id,
                    line,
                    message: format!(
                        "{}'s objective \"{}\" was met{how} in {:.1}% of games (over {:.0}%)",
                        actor.id,
                        obj.text,
                        pct(met),
                        CERTAIN * 100.0
                    ),
                    help: "an objective met whatever anyone does decides nothing; make it harder \
                           or let other actors' moves threaten it"
                        .into(),
                });
            }
        }
    }

    out.extend(names::duplicate_names(scn, &lines));
    out.extend(names::articles_before_names(scn, &lines));
    out.extend(rules::unfelt_alarms(scn, &lines));
    out.sort_by_key(|f| (f.severity, f.line.unwrap_or(usize::MAX)));
    out
}

/// Whether any finding is an error (`flashpoint lint` exits 1).
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Level::Error)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    use super::*;
    use crate::ai::Policy;
    use crate::sim::batch::{BatchSettings, run_batch};

    fn stats_of(scn: &Arc<Scenario>, runs: u64) -> BatchStats {
        let settings = BatchSettings::new(scn, 1, runs, None, vec![Policy::Utility; scn.n()]);
        run_batch(scn, &settings, 0..runs, 1, &AtomicBool::new(false), &|| {}).unwrap()
    }

    const DEAD: &str = r#"
[scenario]
id = "dead"
title = "Dead things"
start = "2030-01"
turns = 3

[[actors]]
id = "red"
name = "Red"
color = "red"
stats = { military = 50, economy = 50, stability = 50, prestige = 50, intel = 50 }
capital = { start = 5, income = 2, max = 10 }

[[actors.objectives]]
text = "Speak"
condition = "self.prestige > 50"

[[moves]]
id = "speech"
name = "Give a speech"
category = "diplomacy"
goldstein = 1
target = "none"
cost = 1
effects = [{ stat = "prestige", add = 1 }]
headline = "{actor} gives a speech"

[[moves]]
id = "gold"
name = "Buy a golden statue"
category = "economic"
goldstein = 0
target = "none"
cost = 9
requires = "turn > 99"
effects = [{ stat = "economy", add = -5 }]
headline = "{actor} buys a statue"

[[events]]
id = "never"
when = "turn > 50"
effects = [{ stat = "economy", of = "red", add = 1 }]
headline = "Never"

[[endings]]
id = "impossible"
when = "red.military > 100"
text = "Cannot happen."
"#;

    #[test]
    fn dead_move_event_and_ending_are_flagged_with_lines() {
        let scn = Arc::new(crate::scenario::load_str("dead.toml", DEAD).unwrap());
        let f = lint(&scn, &stats_of(&scn, 3));
        let codes: Vec<(&str, &str, Option<usize>)> =
            f.iter().map(|f| (f.code, f.id.as_str(), f.line)).collect();
        assert!(
            codes.contains(&("dead-move", "gold", Some(29))),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("dead-event", "never", Some(40))),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("unreached-ending", "impossible", Some(46))),
            "{codes:?}"
        );
        assert!(!codes.iter().any(|c| c.1 == "speech"), "{codes:?}");
        assert!(
            codes.contains(&("objective-certain", "red#1", Some(15))),
            "{codes:?}"
        );
        assert!(!has_errors(&f));
    }

    #[test]
    fn names_players_cannot_tell_apart_are_flagged() {
        let text = DEAD.replace(
            "name = \"Buy a golden statue\"",
            "name = \"give a  Speech\"",
        );
        let scn = crate::scenario::load_str("dup.toml", &text).unwrap();
        let f = lint(&scn, &stats_of(&Arc::new(scn.clone()), 1));
        let dup: Vec<&Finding> = f.iter().filter(|f| f.code == "duplicate-name").collect();
        assert_eq!(dup.len(), 1, "{f:?}");
        assert_eq!(dup[0].id, "gold");
        assert!(dup[0].message.contains("`speech`"), "{}", dup[0].message);
    }

    /// "a {actor} envoy" reads "a the Red Republic envoy": flagged, with
    /// the line and the reading; the same headline with a name that brings
    /// no "the", or reworded, is not.
    #[test]
    fn an_article_before_a_name_with_its_own_the_is_flagged() {
        let bad = DEAD
            .replace(
                "name = \"Red\"",
                "name = \"Red\"\nin_sentence = \"the Red Republic\"",
            )
            .replace(
                "\"{actor} gives a speech\"",
                "\"A {actor} envoy gives a speech\"",
            );
        let scn = crate::scenario::load_str("article.toml", &bad).unwrap();
        let f = lint(&scn, &stats_of(&Arc::new(scn.clone()), 1));
        let hits: Vec<&Finding> = f
            .iter()
            .filter(|f| f.code == "article-before-name")
            .collect();
        assert_eq!(hits.len(), 1, "{f:?}");
        assert_eq!((hits[0].kind, hits[0].id.as_str()), ("move", "speech"));
        assert_eq!(hits[0].line, Some(20));
        assert!(
            hits[0]
                .message
                .contains("it reads \"A the Red Republic envoy gives a speech\""),
            "{}",
            hits[0].message
        );
        assert_eq!(hits[0].severity, Level::Warning);

        for fine in [
            DEAD.replace(
                "\"{actor} gives a speech\"",
                "\"A {actor} envoy gives a speech\"",
            ),
            bad.replace("\"A {actor} envoy", "\"An envoy of {actor}"),
        ] {
            let scn = crate::scenario::load_str("article.toml", &fine).unwrap();
            let f = lint(&scn, &stats_of(&Arc::new(scn.clone()), 1));
            assert!(!f.iter().any(|f| f.code == "article-before-name"), "{f:?}");
        }
    }

    /// The three bundled scenarios, by a short name.
    fn bundled() -> Vec<(&'static str, Scenario)> {
        [
            (
                "korea",
                include_str!("../../../scenarios/korea-arms-deal.toml"),
            ),
            (
                "arctic",
                include_str!("../../../scenarios/arctic-passage.toml"),
            ),
            (
                "strait",
                include_str!("../../../scenarios/strait-standoff.toml"),
            ),
        ]
        .into_iter()
        .map(|(id, text)| (id, crate::scenario::load_str(id, text).expect("valid")))
        .collect()
    }

    /// The bundled scenarios put no article before a name.
    #[test]
    fn bundled_headlines_put_no_article_before_a_name() {
        for (id, scn) in bundled() {
            let hits = names::articles_before_names(&scn, &Lines::of(&scn));
            assert!(hits.is_empty(), "{id}: {hits:?}");
        }
    }

    /// A covert move with an alarm and nothing to discover is flagged on
    /// its line; the same move made overt, or given a shipment, is not.
    #[test]
    fn an_alarm_no_one_can_feel_is_flagged() {
        let talks = DEAD.replace(
            "goldstein = 1\ntarget = \"none\"",
            "goldstein = 1\ntarget = \"none\"\ncovert = true\nalarm = 2",
        );
        assert_ne!(talks, DEAD);
        let scn = crate::scenario::load_str("talks.toml", &talks).expect("valid");
        let hits = rules::unfelt_alarms(&scn, &Lines::of(&scn));
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!((hits[0].id.as_str(), hits[0].line), ("speech", Some(19)));
        let overt = talks.replace("covert = true\n", "");
        let scn = crate::scenario::load_str("overt.toml", &overt).expect("valid");
        assert!(rules::unfelt_alarms(&scn, &Lines::of(&scn)).is_empty());
        for (id, scn) in bundled() {
            let hits = rules::unfelt_alarms(&scn, &Lines::of(&scn));
            assert!(hits.is_empty(), "{id}: {hits:?}");
        }
    }

    #[test]
    fn no_games_no_findings() {
        let scn = crate::scenario::load_str("dead.toml", DEAD).unwrap();
        assert!(lint(&scn, &BatchStats::empty(&scn)).is_empty());
    }
}
