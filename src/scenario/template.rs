//! The starting scenario `flashpoint new` writes: valid, playable, and
//! commented line by line with pointers into `docs/scenario-format.md`,
//! so a teacher starts from something that works and changes one thing at
//! a time.
//!
//! Only ids come from the user; everything else is fixed text. Nothing
//! here names a particular actor: the first two actors are rivals, any
//! others are neighbours who want calm.

use std::fmt::Write as _;

use super::expr::GLOBAL_NAMES;
use super::validate::id_problem;

/// Actors used when none are given.
pub const DEFAULT_ACTORS: [&str; 3] = ["westland", "eastland", "northport"];

/// Ids the template gives its tracks; actors may not take them.
pub const TRACK_IDS: [&str; 2] = ["talks", "unrest"];

/// Fewest and most actors `new` accepts.
pub const ACTORS: std::ops::RangeInclusive<usize> = 2..=super::validate::MAX_ACTORS;

/// Why these actor ids cannot be used, if they cannot.
pub fn check_actor_ids(ids: &[String]) -> Result<(), String> {
    if !ACTORS.contains(&ids.len()) {
        return Err(format!(
            "a scenario made by `flashpoint new` needs {} to {} actors; got {}",
            ACTORS.start(),
            ACTORS.end(),
            ids.len()
        ));
    }
    for (i, id) in ids.iter().enumerate() {
        if let Some((why, help)) = id_problem(id) {
            return Err(format!(
                "actor id `{id}` is not valid: {why}\n  help: {help}"
            ));
        }
        if GLOBAL_NAMES.contains(&id.as_str()) || TRACK_IDS.contains(&id.as_str()) {
            return Err(format!(
                "`{id}` cannot be an actor id: it is a word of the scenario language or a track of the template\n  help: choose another id, e.g. `{id}_state`"
            ));
        }
        if super::Stat::from_name(id).is_some()
            || super::expr::ACTOR_ATTRIBUTES.contains(&id.as_str())
        {
            return Err(format!(
                "`{id}` cannot be an actor id: it is the name of an actor value\n  help: choose another id, e.g. `{id}_state`"
            ));
        }
        if ids[..i].contains(id) {
            return Err(format!(
                "actor id `{id}` is given twice\n  help: give each actor its own id"
            ));
        }
    }
    Ok(())
}

/// A scenario id made from a file name: `My Crisis.toml` → `my-crisis`.
pub fn scenario_id(stem: &str) -> String {
    let mut id = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_matches('-');
    if id.is_empty() {
        "new-scenario".into()
    } else {
        id.chars().take(60).collect()
    }
}

/// "north_korea" → "North Korea".
fn display_name(id: &str) -> String {
    id.split('_')
        .filter(|w| !w.is_empty())
        .map(super::names::capitalise)
        .collect::<Vec<_>>()
        .join(" ")
}

/// "north_korea" → "NOR": at most 4 capitals.
fn short_name(id: &str) -> String {
    id.chars()
        .filter(char::is_ascii_alphanumeric)
        .take(3)
        .collect::<String>()
        .to_uppercase()
}

const COLORS: [&str; 8] = [
    "lightblue",
    "lightred",
    "green",
    "yellow",
    "magenta",
    "cyan",
    "white",
    "lightgreen",
];

/// The scenario text. `schema` is the `#:schema` path to put on the first
/// line, if the caller found one.
pub fn scenario_text(scenario_id: &str, actors: &[String], schema: Option<&str>) -> String {
    let mut t = String::new();
    let a = &actors[0];
    let b = &actors[1];
    let (an, bn) = (display_name(a), display_name(b));
    if let Some(path) = schema {
        let _ = writeln!(t, "#:schema {path}");
    }
    let _ = write!(
        t,
        r#"# A new Flashpoint scenario, made by `flashpoint new`.
#
# It is valid and plays as it is: change one thing at a time, and check
# after each change. Every section is explained in docs/scenario-format.md;
# the comments give the section numbers. Lines starting with # are
# comments, which the game ignores.
#
#   flashpoint validate FILE              every mistake, with its line
#   flashpoint simulate FILE --seed 1     the computer plays it, turn by turn
#   flashpoint simulate FILE --runs 100   how 100 games end
#   flashpoint play FILE                  play it yourself
#
# An editor can check the file while you type: see "Editor set-up" in
# docs/scenario-format.md.

# =============================================================== scenario
# Section 5: the title, the dates, how long the game lasts.

[scenario]
id = "{scenario_id}"
title = "A New Crisis"
summary = """
Write two or three sentences that set the scene: who quarrels with whom,
over what, and what is at stake. Players read this when they pick the
scenario."""
author = ""
start = "2030-01"        # the month of turn 1, "YYYY-MM"
months_per_turn = 1      # each turn is one month
turns = 12               # the game ends after this many turns at the latest
seed = 1                 # the same seed and orders always give the same game
discussion = [
  "Which move changed the course of the crisis most, and why?",
  "What would {an} and {bn} each have needed to settle sooner?",
  "Did sanctions and shows of force make the region safer or more dangerous?",
]

# ============================================================= escalation
# Section 6: names for bands of regional tension (0-100), calmest first.
# An armed clash ends the game when tension reaches clash_at (below).

[[escalation]]
name = "Calm"
from = 0
color = "green"

[[escalation]]
name = "Friction"
from = 20
color = "cyan"

[[escalation]]
name = "Confrontation"
from = 40
color = "yellow"

[[escalation]]
name = "Crisis"
from = 60
color = "lightred"

[[escalation]]
name = "Brink"
from = 80
color = "red"

# ================================================================ tension
# Section 7: the tension model. Every key is optional; these are the
# defaults. Section 21 explains what each number does during a turn.

[tension]
decay = 0.12             # share of the way back to calm each turn
baseline = 5             # the tension a friendly pair relaxes to
clash_at = 100           # regional tension at which an armed clash ends the game

# ================================================================= actors
# Section 8. Each [[actors]] entry is one actor; the order of the entries
# is the order in which their orders resolve. [actors.ai] and
# [[actors.objectives]] belong to the [[actors]] entry above them.
"#
    );
    for (i, id) in actors.iter().enumerate() {
        let name = display_name(id);
        let rival = match i {
            0 => Some(b),
            1 => Some(a),
            _ => None,
        };
        let (mil, eco) = match i {
            0 => (52, 58),
            1 => (50, 52),
            _ => (35, 62),
        };
        let briefing = match rival {
            Some(r) => format!(
                "You lead {name}. Your quarrel with {} is the heart of this crisis.\nWrite here what {name} wants, what it fears, and what it may do.\nPlayers of {name} read this before the game.",
                display_name(r)
            ),
            None => format!(
                "You lead {name}, a neighbour of {an} and {bn}. You want the region calm\nand trade flowing. Write here what {name} wants and fears."
            ),
        };
        let _ = write!(
            t,
            r#"
[[actors]]
id = "{id}"
name = "{name}"
short = "{short}"             # for tables and reports, at most 8 columns
# in_sentence = "the {name}"  # how the name reads inside a sentence, if it needs "the"
color = "{color}"
stats = {{ military = {mil}, economy = {eco}, stability = 55, prestige = 50, intel = 50 }}
capital = {{ start = 6, income = 3, max = 12 }}   # political capital: what moves cost
briefing = """
{briefing}"""

[actors.ai]              # how the computer plays {name} (section 8)
"#,
            short = short_name(id),
            color = COLORS[i % COLORS.len()],
        );
        match rival {
            Some(r) => {
                let _ = write!(
                    t,
                    r#"hawkishness = {hawk}        # 0-1: taste for hostile moves
risk_tolerance = 0.5     # 0-1: how much tension it accepts
reciprocity = 0.3        # 0-1: how much it answers others' recent conduct in kind
regard = {{ {r} = -0.3 }}  # -1 to 1: how much it cares for (or against) another's fortunes

[[actors.objectives]]    # what {name} wants; its score at the end (section 8)
text = "A signed agreement"
weight = 2
condition = "talks >= 100"

[[actors.objectives]]
text = "Stay stronger than {rn}"
condition = "self.military > {r}.military"

[[actors.objectives]]
text = "Weaken {rn}'s economy"
condition = "{r}.economy < 48"

[[actors.objectives]]
text = "Keep the streets quiet"
condition = "self.unrest < 35"
over = "game"            # judged on every turn: the share of turns it held
"#,
                    hawk = if i == 0 { "0.6" } else { "0.5" },
                    rn = display_name(r),
                );
            }
            None => {
                let _ = write!(
                    t,
                    r#"hawkishness = 0.3
risk_tolerance = 0.3
regard = {{ {a} = 0.1, {b} = 0.1 }}

[[actors.objectives]]
text = "A calm region"
weight = 2
condition = "tension < 40"
over = "game"

[[actors.objectives]]
text = "A growing economy"
condition = "self.economy >= 78"
"#
                );
            }
        }
    }
    let _ = write!(
        t,
        r#"
# ===================================================== starting situation
# Section 9: how actors regard each other when the game starts (-100 to
# 100; pairs not listed start at 0), and sanctions already in force (0-5).

[[relations]]
from = "{a}"
to = "{b}"
value = -40
mutual = true            # also {b} -> {a}
tension = 30             # the pair's starting tension (0-100)
"#
    );
    for c in &actors[2..] {
        let _ = write!(
            t,
            r#"
[[relations]]
from = "{c}"
to = "{a}"
value = 15
mutual = true

[[relations]]
from = "{c}"
to = "{b}"
value = 15
mutual = true
"#
        );
    }
    let _ = write!(
        t,
        r#"
[[sanctions]]
from = "{a}"
to = "{b}"
level = 1

# ================================================================= tracks
# Section 10: the scenario's own meters. Moves and events change them;
# conditions and objectives read them (`talks >= 100`, `self.unrest`).

[[tracks]]
id = "talks"
name = "Peace talks"
description = "Progress toward an agreement between {an} and {bn}."
initial = 0
stages = [
  {{ at = 50, name = "Draft agreement" }},
  {{ at = 100, name = "Agreement signed", headline = "{{{a}}} and {{{b}}} sign an agreement" }},
]

[[tracks]]
id = "unrest"
name = "Public unrest"
description = "Anger in the streets, one value per actor."
scope = "actor"          # one value per actor: write self.unrest or {a}.unrest
initial = 20
stages = [{{ at = 60, name = "Mass protests" }}]

# ================================================================== moves
# Section 11: what actors can order. Section 12 lists every kind of effect.
# Each move has a category (when it resolves in the turn), a Goldstein
# value (-10 hostile to +10 cooperative; it moves tension by itself), a
# cost in political capital, and a headline with placeholders (section 19).

[[moves]]
id = "hold_talks"
name = "Hold talks"
category = "diplomacy"
goldstein = 4
actors = ["{a}", "{b}"]
targets = ["{a}", "{b}"]
level = {{ min = 1, max = 3, label = "rounds", default = 1 }}   # a tunable move
cost = "level"
chance = "clamp(0.5 + relation(target, self) / 200, 0.1, 0.9)"  # an expression (section 18)
effects = [
  {{ track = "talks", add = "8 * level" }},
  {{ relation = "target", toward = "self", add = 3, mutual = true }},
]
headline = "{{actor}} and {{target}} hold {{level}} {{label}} of talks"
failure_headline = "Talks between {{actor}} and {{target}} break up"

[[moves]]
id = "send_aid"
name = "Send economic aid"
category = "economic"
goldstein = 5
cost = 2
effects = [
  {{ stat = "economy", of = "target", add = 3 }},
  {{ stat = "economy", add = -1 }},                 # `of` left out: the actor itself
  {{ track = "unrest", of = "target", add = -5 }},
  {{ relation = "target", toward = "self", add = 5 }},
]
headline = "{{actor}} sends aid to {{target}}"

[[moves]]
id = "impose_sanctions"
name = "Impose or tighten sanctions"
category = "sanction"
goldstein = -6
level = {{ min = 1, max = 5, label = "severity", default = 2 }}
cost = "level"
requires = "sanction(self, target) < level"    # only to raise the level
effects = [{{ sanction = "self", on = "target", set = "level" }}]
headline = "{{actor}} imposes {{label}} {{level}} sanctions on {{target}}"

[[moves]]
id = "lift_sanctions"
name = "Lift sanctions"
category = "sanction"
goldstein = 4
cost = 1
requires = "sanction(self, target) > 0"
effects = [{{ sanction = "self", on = "target", set = 0 }}]
headline = "{{actor}} lifts its sanctions on {{target}}"

[[moves]]
id = "sell_arms"
name = "Sell air-defence systems"
category = "arms"
goldstein = -2
cost = 3
effects = [
  {{ ship = "Air-defence systems", to = "target", turns = 2, arrive = [
      {{ stat = "military", of = "target", add = 4 }},
  ] }},
  {{ stat = "economy", add = 2 }},                  # the sale pays
]
headline = "{{actor}} sells air-defence systems to {{target}}"

[[moves]]
id = "military_exercise"
name = "Military exercise"
category = "military"
goldstein = -5
target = "none"          # a move without a target
cost = 2
effects = [
  {{ show_of_force = "self", add = 6 }},
  {{ track = "unrest", of = "self", add = -3 }},
]
headline = "{{actor}} holds a large military exercise"

[[moves]]
id = "surveillance"
name = "Surveillance"
category = "intelligence"
goldstein = -1
covert = true            # no automatic effect; the headline stays secret (section 15)
cost = 1
effects = [{{ surveil = "target", add = 0.3 }}]
headline = "{{actor}} steps up surveillance of {{target}}"

# ================================================================= events
# Section 13: things that happen by themselves when their condition holds.
# Events have no acting actor: name actors by id.

[[events]]
id = "border_incident"
name = "Border incident"
when = "turn >= 3 and tension({a}, {b}) >= 30"
chance = 0.3             # each turn while `when` holds; once per game unless repeat = true
effects = [
  {{ tension = "{a}", with = "{b}", add = 8 }},
  {{ track = "unrest", of = "{b}", add = 10 }},
]
headline = "Shots fired on the border between {{{a}}} and {{{b}}}"

[[events]]
id = "price_protests"
name = "Protests over prices"
when = "turn >= 2"
chance = 0.4
repeat = true            # may happen again on later turns
effects = [
  {{ track = "unrest", of = "{a}", add = 6 }},
  {{ track = "unrest", of = "{b}", add = 6 }},
]
headline = "Crowds protest rising prices in {{{a}}} and {{{b}}}"

# ================================================================ endings
# Section 14: conditions that end the game before the turn limit. An
# armed clash (regional tension at clash_at) always ends it too.

[[endings]]
id = "agreement"
when = "talks >= 100"
text = """
{an} and {bn} sign an agreement. The crisis is over, for now."""

# More to add when you need it: [intelligence] (fog of war, section 15),
# [council] (resolutions and vetoes, section 16), [[deals]] (offers with
# conditions, section 17).
"#
    );
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_template_loads_with_default_and_given_actors() {
        for actors in [
            ids(&DEFAULT_ACTORS),
            ids(&["north_korea", "usa"]),
            (0..24).map(|i| format!("a{i}")).collect(),
        ] {
            let text = scenario_text("t", &actors, None);
            let s = super::super::load_str("new.toml", &text)
                .unwrap_or_else(|e| panic!("{actors:?}:\n{e}"));
            assert_eq!(s.actors.len(), actors.len());
            assert_eq!(s.actors[0].name, display_name(&actors[0]));
        }
    }

    #[test]
    fn bad_ids_are_refused_with_a_reason() {
        let err = |v: &[&str]| check_actor_ids(&ids(v)).unwrap_err();
        assert!(err(&["a"]).contains("needs 2 to 24 actors"));
        assert!(err(&["North Korea", "usa"]).contains("e.g. `north_korea`"));
        assert!(err(&["usa", "usa"]).contains("given twice"));
        assert!(err(&["usa", "tension"]).contains("cannot be an actor id"));
        assert!(err(&["usa", "talks"]).contains("cannot be an actor id"));
        assert!(err(&["usa", "economy"]).contains("cannot be an actor id"));
        assert!(check_actor_ids(&ids(&["usa", "prc"])).is_ok());
    }

    #[test]
    fn scenario_ids_come_from_file_names() {
        assert_eq!(scenario_id("My Crisis"), "my-crisis");
        assert_eq!(scenario_id("river_dam"), "river_dam");
        assert_eq!(scenario_id("***"), "new-scenario");
    }
}
