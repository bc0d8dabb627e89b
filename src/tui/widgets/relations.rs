//! The relations matrix: how each actor (row) regards each other (column),
//! −100 hostile … +100 friendly, coloured; sanctions in force marked.

use ratatui::text::{Line, Span};

use crate::tui::model::Session;
use crate::tui::text::{clean, fit};
use crate::tui::theme::Theme;

/// Narrowest column of the matrix.
const CELL: usize = 6;

/// One cell's text without padding: the value, and `$n` for sanctions.
fn cell_text(v: f64, sanc: u8) -> String {
    if sanc > 0 {
        format!("{v:>+4.0}${sanc}")
    } else {
        format!("{v:>+5.0} ")
    }
}

/// Column width: [`CELL`], wider when a cell (−100 with sanctions,
/// "-100$3") would otherwise touch its neighbour, so that columns are
/// always apart by at least one space.
fn cell_width(s: &Session) -> usize {
    let scn = s.scenario();
    let st = s.believed();
    let mut widest = 0;
    for a in scn.actor_ids() {
        for b in scn.actor_ids() {
            if a != b {
                let t = cell_text(st.relations.get(a, b), st.sanctions.get(a, b));
                widest = widest.max(t.trim_start().chars().count());
            }
        }
    }
    CELL.max(widest + 1)
}

/// The matrix as lines: a header row, then one row per actor. A `$n`
/// after a value marks sanctions of level n from the row on the column.
pub fn matrix_lines(s: &Session, th: Theme) -> Vec<Line<'static>> {
    matrix_window(s, th, 0, usize::MAX)
}

/// How many columns of the matrix fit in `width` cells (at least one).
pub fn columns_in(s: &Session, width: u16) -> usize {
    ((width as usize).saturating_sub(CELL) / cell_width(s)).max(1)
}

/// The matrix with only the columns `first..first + cols` (every row), for
/// a panel too narrow for all of them.
pub fn matrix_window(s: &Session, th: Theme, first: usize, cols: usize) -> Vec<Line<'static>> {
    let scn = s.scenario();
    let st = s.believed();
    let cell = cell_width(s);
    let shown =
        |b: &crate::scenario::ActorId| b.index() >= first && b.index() < first.saturating_add(cols);
    let mut out = Vec::new();
    let mut head = vec![Span::styled(format!("{:<6}", "→"), th.dim())];
    for b in scn.actor_ids().filter(shown) {
        head.push(Span::styled(
            format!(
                "{:>w$}",
                fit(&clean(&scn.actor(b).short), cell - 1),
                w = cell
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
        for b in scn.actor_ids().filter(shown) {
            if a == b {
                row.push(Span::styled(format!("{:>w$}", "·", w = cell), th.dim()));
                continue;
            }
            let v = st.relations.get(a, b);
            let sanc = st.sanctions.get(a, b);
            let text = cell_text(v, sanc);
            row.push(Span::styled(
                format!("{text:>w$}", w = cell),
                th.relation(v),
            ));
        }
        out.push(Line::from(row));
    }
    out
}

/// Width the matrix needs.
pub fn width(s: &Session) -> u16 {
    ((s.scenario().n() + 1) * cell_width(s)) as u16
}

#[cfg(test)]
mod tests {
    use super::{CELL, cell_text};

    #[test]
    fn the_widest_cell_needs_a_wider_column_to_keep_a_space() {
        // "-100$3" leaves no space in a column of CELL: the matrix
        // widens for it (cell_width counts the text without its padding).
        assert_eq!(cell_text(-100.0, 3).trim_start().chars().count(), CELL);
        assert!(cell_text(-55.0, 3).trim_start().chars().count() < CELL);
        assert_eq!(cell_text(-49.0, 2), " -49$2");
        assert!(cell_text(-100.0, 0).starts_with(' '));
    }
}
