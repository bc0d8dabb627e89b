//! Lint checks of rules written so that they can never take effect.

use super::{Finding, Level, Lines};
use crate::scenario::Scenario;
use crate::scenario::model::Effect;

/// Covert moves whose `alarm` is never felt. A covert move alarms third
/// parties only when a shipment or factory it made comes to light
/// (docs/scenario-format.md §11), so a covert move that makes neither
/// (secret talks, surveillance) never raises the alarm its author wrote.
pub(super) fn unfelt_alarms(scn: &Scenario, lines: &Lines) -> Vec<Finding> {
    scn.moves
        .iter()
        .filter(|m| m.covert && m.alarm > 0.0)
        .filter(|m| {
            !m.effects
                .iter()
                .chain(&m.on_failure)
                .any(|e| matches!(e, Effect::Ship { .. } | Effect::Factory { .. }))
        })
        .map(|m| Finding {
            severity: Level::Warning,
            code: "unfelt-alarm",
            kind: "move",
            id: m.id.clone(),
            line: Lines::find(&lines.moves, &m.id),
            message: format!(
                "covert move `{}` has alarm = {} but makes no shipment or factory: nothing of it \
                 ever comes to light, so the alarm is never felt",
                m.id, m.alarm
            ),
            help: "remove `alarm`, make the move overt (no `covert`) so the alarm is felt when it \
                   succeeds, or give it a `ship` or `factory` effect"
                .into(),
        })
        .collect()
}
