//! The debrief's tables as plain data: each table is built once, here, as
//! a [`Grid`] of plain-text cells, and `markdown` and `html` only render
//! it (escaping, alignment, classes), so the two documents cannot say
//! different things.

use crate::referee::{Analysis, OrderLine, OrderOutcome, SecretSeries};

/// A column: its title, and whether it holds numbers (right-aligned).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header text (plain, escaped by the renderer).
    pub title: String,
    /// Numbers: right-aligned in both formats.
    pub num: bool,
}

/// One cell: plain text, and how the HTML page marks it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// The text (plain, escaped by the renderer).
    pub text: String,
    /// An HTML class for the cell, besides `num` (`nowrap`, `met`, …).
    pub class: Option<&'static str>,
    /// An HTML class for a `<span>` around the text (`reason`).
    pub span: Option<&'static str>,
    /// The program's own words, safe in every format: written as they
    /// are, never escaped.
    pub fixed: bool,
}

impl Cell {
    /// A cell of plain text.
    pub fn new(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    /// A cell of the program's own words (written as they are).
    pub fn fixed(text: &'static str) -> Self {
        Cell {
            fixed: true,
            ..Cell::new(text)
        }
    }

    /// The same cell with an HTML class.
    pub fn class(self, class: &'static str) -> Self {
        Cell {
            class: Some(class),
            ..self
        }
    }
}

/// A row: its cells, and an HTML class for the whole row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// An HTML class for the row (`hidden-act`).
    pub class: Option<&'static str>,
}

impl Row {
    /// A row of cells.
    pub fn new(cells: Vec<Cell>) -> Self {
        Row { cells, class: None }
    }
}

/// A table: columns and rows; when `row_heads` is set, the first cell of
/// each row names the row (a `<th>` in HTML).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grid {
    /// The columns, left to right.
    pub columns: Vec<Column>,
    /// The rows, top to bottom.
    pub rows: Vec<Row>,
    /// The first cell of each row is its label.
    pub row_heads: bool,
}

impl Grid {
    /// A grid with these columns (`(title, numeric)`) and no rows yet.
    pub fn new(columns: &[(&str, bool)]) -> Self {
        Grid {
            columns: columns
                .iter()
                .map(|(title, num)| Column {
                    title: (*title).to_string(),
                    num: *num,
                })
                .collect(),
            ..Grid::default()
        }
    }

    /// Adds a row of plain cells.
    pub fn push(&mut self, cells: Vec<Cell>) {
        self.rows.push(Row::new(cells));
    }
}

/// A share as a whole percentage.
pub fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// The main causes of a change, e.g. `+3.0 embargo, -1.5 talks`.
pub fn causes(c: &[(String, f64)]) -> String {
    c.iter()
        .map(|(d, v)| format!("{v:+.1} {d}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The turns that moved regional tension most.
pub fn turning_points(a: &Analysis) -> Grid {
    let mut g = Grid::new(&[
        ("Turn", true),
        ("Date", false),
        ("Change", true),
        ("Main causes", false),
    ]);
    for p in &a.turning_points {
        g.push(vec![
            Cell::new(p.turn.to_string()),
            Cell::new(p.date.clone()).class("nowrap"),
            Cell::new(format!(
                "{:+.1} ({:.0} → {:.0})",
                p.delta(),
                p.before,
                p.after
            )),
            Cell::new(causes(&p.causes)),
        ]);
    }
    g
}

/// What moved each of the tensest pairs most.
pub fn pair_points(a: &Analysis) -> Grid {
    let mut g = Grid::new(&[
        ("Pair", false),
        ("Total movement", true),
        ("Biggest turn", true),
        ("Change", true),
        ("Main causes", false),
    ]);
    for p in &a.pair_points {
        g.push(vec![
            Cell::new(p.label.clone()).class("nowrap"),
            Cell::new(format!("{:.1}", p.movement)),
            Cell::new(format!("{} ({})", p.turn, p.date)),
            Cell::new(format!("{:+.1}", p.delta)),
            Cell::new(causes(&p.causes)),
        ]);
    }
    g
}

/// How well the actors who could not see a secret estimated it.
pub fn estimates(s: &SecretSeries) -> Grid {
    let mut g = Grid::new(&[
        ("Estimated by", false),
        ("Mean error", true),
        ("Final estimate", true),
        ("Final truth", true),
    ]);
    for e in &s.estimates {
        g.push(vec![
            Cell::new(e.observer_name.clone()),
            Cell::new(format!("{:.1}", e.mean_error(&s.truth))),
            Cell::new(
                e.values
                    .last()
                    .copied()
                    .flatten()
                    .map_or_else(|| "—".to_string(), |v| format!("{v:.1}")),
            ),
            Cell::new(format!("{:.1}", s.truth.last().copied().unwrap_or(0.0))),
        ]);
    }
    g
}

/// Each actor's assessment error, over the game and at the end.
pub fn assessment(a: &Analysis) -> Grid {
    let mut g = Grid::new(&[
        ("Actor", false),
        ("Mean over the game", true),
        ("At the end", true),
    ]);
    for x in &a.actors {
        g.push(vec![
            Cell::new(x.name.clone()),
            Cell::new(pct(x.mean_assessment())),
            Cell::new(pct(x.assessment.last().copied().unwrap_or(0.0))),
        ]);
    }
    g
}

/// Every actor's player, score and objectives met.
pub fn scores(a: &Analysis) -> Grid {
    let mut g = Grid::new(&[
        ("Actor", false),
        ("Played by", false),
        ("Score", true),
        ("Objectives met", true),
    ]);
    for x in &a.actors {
        g.push(vec![
            Cell::new(x.name.clone()),
            Cell::new(x.played_by.clone()),
            Cell::new(format!("{:.0}", x.score)),
            Cell::new(format!("{} of {}", x.met(), x.objectives.len())),
        ]);
    }
    g
}

/// One actor's objectives: weight, how each is judged, and how far it was
/// met.
pub fn objectives(x: &crate::referee::ActorDebrief) -> Grid {
    let mut g = Grid::new(&[
        ("Objective", false),
        ("Weight", true),
        ("Judged", false),
        ("Met", true),
    ]);
    for o in &x.objectives {
        g.push(vec![
            Cell::new(o.text.clone()),
            Cell::new(o.weight.to_string()),
            Cell::fixed(if o.over == "game" {
                "share of turns held"
            } else {
                "at the end"
            }),
            Cell::new(pct(o.progress)).class(if o.met() { "met" } else { "unmet" }),
        ]);
    }
    g
}

/// The covert acts, those that never came to light marked.
pub fn covert(a: &Analysis) -> Grid {
    let mut g = Grid::new(&[
        ("What", false),
        ("Turn", true),
        ("Set in motion by", false),
        ("Parties (always knew)", false),
        ("Came to light", false),
    ]);
    for c in &a.covert {
        let mut row = Row::new(vec![
            Cell::new(c.what.clone()),
            Cell::new(format!("{} ({})", c.turn, c.date)),
            Cell::new(c.by.clone()),
            Cell::new(c.parties.join(", ")),
            Cell::new(super::words::revealed_words(c)),
        ]);
        if c.never_discovered() {
            row.class = Some("hidden-act");
        }
        g.rows.push(row);
    }
    g
}

/// One turn's orders: who, what, how it went, and why.
pub fn orders(orders: &[OrderLine]) -> Grid {
    let mut g = Grid::new(&[
        ("Actor", false),
        ("Order", false),
        ("Outcome", false),
        ("Why", false),
    ]);
    for o in orders {
        let why = match (&o.reason, o.by_person) {
            (Some(r), _) => Cell::new(r.clone()),
            (None, true) => Cell::fixed("a person's order"),
            (None, false) => Cell::default(),
        };
        let outcome = Cell::new(super::words::outcome_words(o));
        g.push(vec![
            Cell::new(o.actor_name.clone()).class("nowrap"),
            Cell::new(super::words::order_words(o)),
            if matches!(o.outcome, OrderOutcome::Succeeded) {
                outcome
            } else {
                outcome.class("unmet")
            },
            if why.text.is_empty() {
                why
            } else {
                Cell {
                    span: Some("reason"),
                    ..why
                }
            },
        ]);
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debrief::{html, markdown};

    fn sample() -> Grid {
        let mut g = Grid::new(&[("Who", false), ("Share", true)]);
        g.push(vec![Cell::new("A|B <x>"), Cell::new("50%").class("met")]);
        g.rows.push(Row {
            cells: vec![Cell::fixed("a person's order"), Cell::default()],
            class: Some("hidden-act"),
        });
        g
    }

    #[test]
    fn markdown_aligns_numbers_right_and_escapes_all_but_fixed_words() {
        assert_eq!(
            markdown::table(&sample()),
            "| Who | Share |\n|---|---:|\n| A\\|B \\<x\\> | 50% |\n| a person's order |  |\n"
        );
    }

    #[test]
    fn html_marks_numbers_and_classes_and_escapes_all_but_fixed_words() {
        assert_eq!(
            html::table(&sample()),
            "<table><thead><tr><th>Who</th><th class=\"num\">Share</th></tr></thead><tbody>\n\
             <tr><td>A|B &lt;x&gt;</td><td class=\"num met\">50%</td></tr>\n\
             <tr class=\"hidden-act\"><td>a person's order</td><td class=\"num\"></td></tr>\n\
             </tbody></table>\n"
        );
    }
}
