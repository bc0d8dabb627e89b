//! The debrief's sentences about single things (an order, its outcome, a
//! covert act, a secret's witnesses), in plain words shared by the tables,
//! the documents and the TUI's debrief screen.

use crate::referee::{CovertDebrief, OrderLine, OrderOutcome, SecretSeries};

/// An order in words, e.g. "Sanctions → North Korea (level 3)".
pub fn order_words(o: &OrderLine) -> String {
    let target = o
        .target_name
        .as_ref()
        .map(|t| format!(" → {t}"))
        .unwrap_or_default();
    let covert = if o.covert { ", covert" } else { "" };
    format!(
        "{}{target} ({} {}{covert})",
        o.move_name, o.level_label, o.level
    )
}

/// What became of an order, in words.
pub fn outcome_words(o: &OrderLine) -> String {
    let chance = o
        .chance
        .map(|c| format!(" ({:.0}% chance)", 100.0 * c))
        .unwrap_or_default();
    let mut s = match &o.outcome {
        OrderOutcome::Succeeded => format!("succeeded{chance}"),
        OrderOutcome::Failed => format!("failed{chance}"),
        OrderOutcome::Rejected(why) => format!("not carried out: {why}"),
    };
    if o.covert && o.outcome != OrderOutcome::Failed {
        match o.revealed {
            Some(t) => s.push_str(&format!(
                "; came to light in turn {t} to {}",
                o.revealed_to.join(", ")
            )),
            None if matches!(o.outcome, OrderOutcome::Succeeded) => {
                s.push_str("; never came to light")
            }
            None => {}
        }
    }
    s
}

/// Who learnt of a covert act and when, in words.
pub fn revealed_words(c: &CovertDebrief) -> String {
    if c.never_discovered() {
        return "never — no one outside the parties found out".to_string();
    }
    let mut parts: Vec<String> = c
        .found
        .iter()
        .map(|(who, t)| format!("{who} in turn {t}"))
        .collect();
    if let Some(p) = c.published {
        parts.push(format!("published to everyone in turn {p}"));
    }
    parts.join("; ")
}

/// Who saw a secret exactly, in words ("nobody" when no one did).
pub fn known_words(s: &SecretSeries) -> String {
    if s.known_to.is_empty() {
        "nobody".to_string()
    } else {
        s.known_to.join(", ")
    }
}
