//! "Why did it move?": the causes of a meter's change in a player's turn
//! report, in words. Contributions that read the same (one order through
//! two rules, say) are shown as one; causes the player may not know read
//! "cause unknown".

use crate::engine::ledger::Meter;
use crate::perspective::{SeenCause, SeenChange};
use crate::scenario::Scenario;

use super::text::clean;

/// The causes of a meter's change, biggest first: (words, amount).
pub fn causes(scn: &Scenario, changes: &[SeenChange], meter: Meter) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = Vec::new();
    for c in changes.iter().filter(|c| c.meter == meter) {
        let text = match c.cause {
            SeenCause::Known { cause } => {
                clean(&crate::narrate::describe_cause(scn, cause, c.rule))
            }
            SeenCause::Unknown => "cause unknown".to_string(),
        };
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
pub fn summary(scn: &Scenario, changes: &[SeenChange], meter: Meter, max: usize) -> String {
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
