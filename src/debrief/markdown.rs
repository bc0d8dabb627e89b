//! `debrief.md`: the debrief as Markdown, readable in any editor and on a
//! code-hosting site (tables in GitHub-flavoured Markdown; charts as small
//! tables of values, since Markdown has no pictures of its own).

use std::fmt::Write as _;

use super::grid::{self, Grid};
use crate::referee::Analysis;

/// Escapes text for a Markdown cell or line (kept under this name for callers).
pub use super::escape::markdown as cell;

/// A table in GitHub-flavoured Markdown: a header row, the alignment row
/// (numbers to the right), then a line per row; every cell escaped.
pub fn table(g: &Grid) -> String {
    let mut m = String::from("|");
    for c in &g.columns {
        if c.title.is_empty() {
            m.push_str(" |");
        } else {
            let _ = write!(m, " {} |", cell(&c.title));
        }
    }
    m.push_str("\n|");
    for c in &g.columns {
        m.push_str(if c.num { "---:|" } else { "---|" });
    }
    m.push('\n');
    for r in &g.rows {
        let cells: Vec<String> = r
            .cells
            .iter()
            .map(|c| {
                if c.fixed {
                    c.text.clone()
                } else {
                    cell(&c.text)
                }
            })
            .collect();
        let _ = writeln!(m, "| {} |", cells.join(" | "));
    }
    m
}

/// A row of values every few turns, so a curve reads as numbers.
fn curve(values: &[f64]) -> (String, String) {
    let n = values.len();
    let step = n.div_ceil(12).max(1);
    let idx: Vec<usize> = (0..n)
        .step_by(step)
        .chain(std::iter::once(n.saturating_sub(1)))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let head = idx
        .iter()
        .map(|i| {
            if *i == 0 {
                "start".to_string()
            } else {
                format!("t{i}")
            }
        })
        .collect::<Vec<_>>();
    let vals = idx
        .iter()
        .map(|i| format!("{:.0}", values[*i]))
        .collect::<Vec<_>>();
    (
        format!("| {} |\n|{}", head.join(" | "), "---:|".repeat(head.len())),
        format!("| {} |", vals.join(" | ")),
    )
}

/// The whole document.
pub fn render(a: &Analysis) -> String {
    let mut m = String::new();
    let _ = writeln!(m, "# Debrief — {}\n", cell(&a.scenario_title));
    let _ = writeln!(
        m,
        "Scenario `{}` · seed {} · {} of {} turns played · last turn {}\n",
        a.scenario_id.replace('`', "'"),
        a.seed,
        a.turns_played,
        a.turns_max,
        cell(&a.dates.last().cloned().unwrap_or_default())
    );

    let _ = writeln!(m, "## How it ended\n\n**{}**\n", cell(&a.headline));
    let _ = writeln!(m, "{}\n", cell(&a.ending_text));
    let peak = a.regional.iter().copied().fold(0.0, f64::max);
    let _ = writeln!(
        m,
        "Regional tension started at {:.0}, peaked at {peak:.0} and ended at {:.0}; the highest escalation level reached was **{}**.\n",
        a.regional.first().copied().unwrap_or(0.0),
        a.regional.last().copied().unwrap_or(0.0),
        cell(a.levels.get(a.peak_level).map_or("", |l| l.0.as_str()))
    );

    let _ = writeln!(m, "## Regional tension and turning points\n");
    let (head, row) = curve(&a.regional);
    let _ = writeln!(m, "{head}\n{row}\n");
    let levels = a
        .levels
        .iter()
        .map(|(n, f, _)| format!("{} from {f:.0}", cell(n)))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = writeln!(m, "Escalation levels: {levels}.\n");
    if a.turning_points.is_empty() {
        let _ = writeln!(m, "Regional tension never moved.\n");
    } else {
        m.push_str(&table(&grid::turning_points(a)));
        m.push('\n');
    }

    let _ = writeln!(m, "## The tensest pairs\n");
    for p in &a.tensest {
        let (head, row) = curve(&p.values);
        let _ = writeln!(
            m,
            "**{}** (peak {:.0})\n\n{head}\n{row}\n",
            cell(&p.label),
            p.peak
        );
    }
    if !a.pair_points.is_empty() {
        m.push_str(&table(&grid::pair_points(a)));
        m.push('\n');
    }

    let _ = writeln!(m, "## Secrets and estimates\n");
    for s in &a.secrets {
        let known = super::words::known_words(s);
        let _ = writeln!(
            m,
            "### {}\n\nSeen exactly by {}; estimated by the others.\n",
            cell(&s.label),
            cell(&known)
        );
        let (head, row) = curve(&s.truth);
        let _ = writeln!(m, "The truth:\n\n{head}\n{row}\n");
        if !s.estimates.is_empty() {
            m.push_str(&table(&grid::estimates(s)));
            m.push('\n');
        }
    }
    if a.secrets.is_empty() {
        let _ = writeln!(m, "This scenario has no secret tracks.\n");
    }
    let _ = writeln!(
        m,
        "### Assessment error\n\nHow wrong each actor's picture of everything hidden from it was, as a share of each value's range (0% is perfectly informed).\n"
    );
    m.push_str(&table(&grid::assessment(a)));
    m.push('\n');

    let _ = writeln!(m, "## Actors, briefings, objectives and scores\n");
    m.push_str(&table(&grid::scores(a)));
    m.push('\n');
    for x in &a.actors {
        let _ = writeln!(
            m,
            "### {} — {:.0}/100\n\nPlayed by {}.\n\n**Briefing**\n",
            cell(&x.name),
            x.score,
            cell(&x.played_by)
        );
        for p in x
            .briefing
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let _ = writeln!(m, "> {}\n>", cell(&p.replace('\n', " ")));
        }
        m.push('\n');
        m.push_str(&table(&grid::objectives(x)));
        m.push('\n');
    }

    let _ = writeln!(m, "## Covert acts\n");
    if a.covert.is_empty() {
        let _ = writeln!(
            m,
            "No covert act — shipment, factory or covert order — was made in this game.\n"
        );
    } else {
        m.push_str(&table(&grid::covert(a)));
        m.push('\n');
    }

    let _ = writeln!(m, "## Orders turn by turn\n");
    for t in &a.orders {
        let _ = writeln!(m, "### Turn {} ({})\n", t.turn, cell(&t.date));
        if t.orders.is_empty() {
            let _ = writeln!(m, "No orders.\n");
            continue;
        }
        m.push_str(&table(&grid::orders(&t.orders)));
        m.push('\n');
    }

    let _ = writeln!(m, "## Questions for discussion\n");
    if a.discussion.is_empty() {
        let _ = writeln!(m, "This scenario has no discussion questions.\n");
    }
    for (i, q) in a.discussion.iter().enumerate() {
        let _ = writeln!(m, "{}. {}", i + 1, cell(q));
    }
    m
}
