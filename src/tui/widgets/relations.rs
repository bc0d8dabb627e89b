//! The relations matrix: how each actor (row) regards each other (column),
//! −100 hostile … +100 friendly, coloured; sanctions in force marked.

use ratatui::text::{Line, Span};

use crate::tui::model::Session;
use crate::tui::text::{clean, fit};
use crate::tui::theme::Theme;

/// Column width of the matrix.
const CELL: usize = 6;

/// The matrix as lines: a header row, then one row per actor. A `$n`
/// after a value marks sanctions of level n from the row on the column.
pub fn matrix_lines(s: &Session, th: Theme) -> Vec<Line<'static>> {
    let scn = s.scenario();
    let st = s.believed();
    let mut out = Vec::new();
    let mut head = vec![Span::styled(format!("{:<6}", "→"), th.dim())];
    for b in scn.actor_ids() {
        head.push(Span::styled(
            format!(
                "{:>w$}",
                fit(&clean(&scn.actor(b).short), CELL - 1),
                w = CELL
            ),
            th.actor(scn, b),
        ));
    }
    out.push(Line::from(head));
    for a in scn.actor_ids() {
        let mut row = vec![Span::styled(
            format!("{:<6}", fit(&clean(&scn.actor(a).short), CELL - 1)),
            th.actor(scn, a),
        )];
        for b in scn.actor_ids() {
            if a == b {
                row.push(Span::styled(format!("{:>w$}", "·", w = CELL), th.dim()));
                continue;
            }
            let v = st.relations.get(a, b);
            let sanc = st.sanctions.get(a, b);
            let text = if sanc > 0 {
                format!("{v:>+4.0}${sanc}")
            } else {
                format!("{v:>+5.0} ")
            };
            row.push(Span::styled(
                format!("{text:>w$}", w = CELL),
                th.relation(v),
            ));
        }
        out.push(Line::from(row));
    }
    out
}

/// Width the matrix needs.
pub fn width(s: &Session) -> u16 {
    ((s.scenario().n() + 1) * CELL) as u16
}
