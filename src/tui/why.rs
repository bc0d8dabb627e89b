//! "Why did it move?": the ledger's contributions to a meter, in words.
//! Contributions that read the same (one order through two rules, say)
//! are shown as one.

use crate::engine::ledger::{self, Change, Meter};
use crate::scenario::Scenario;

use super::text::clean;

/// The causes of a meter's change, biggest first: (words, amount).
pub fn causes(scn: &Scenario, changes: &[Change], meter: Meter) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = Vec::new();
    for c in ledger::explain(changes, meter) {
        let text = clean(&crate::narrate::describe_cause(scn, c.cause, c.rule));
        match out.iter_mut().find(|(t, _)| *t == text) {
            Some((_, d)) => *d += c.delta,
            None => out.push((text, c.delta)),
        }
    }
    out.retain(|(_, d)| d.abs() >= 0.05);
    out.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
    out
}

/// One line such as "+4.0 DPRK Missile test, −1.2 decay, +0.3 other".
pub fn summary(scn: &Scenario, changes: &[Change], meter: Meter, max: usize) -> String {
    let all = causes(scn, changes, meter);
    let mut parts: Vec<String> = all
        .iter()
        .take(max)
        .map(|(t, d)| format!("{} {t}", super::text::signed(*d)))
        .collect();
    if all.len() > max {
        let rest: f64 = all[max..].iter().map(|(_, d)| d).sum();
        if rest.abs() >= 0.05 {
            parts.push(format!("{} other", super::text::signed(rest)));
        }
    }
    parts.join(", ")
}
