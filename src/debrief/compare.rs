//! Several class sections, one scenario: outcomes side by side, tension
//! curves overlaid, objectives met per section, and the first turn where
//! the sections' orders diverged.

use std::fmt::Write as _;

use super::grid::{Cell, Grid};
use super::{charts, html, markdown};
use crate::referee::{Analysis, OrderLine};

/// One section's game.
#[derive(Debug, Clone)]
pub struct Section {
    /// Its name (the save file's name without `.toml`).
    pub name: String,
    /// The analysis of its game.
    pub analysis: Analysis,
}

/// Where the sections first differed.
#[derive(Debug, Clone, PartialEq)]
pub struct Divergence {
    /// The turn (1-based).
    pub turn: u32,
    /// The turn's calendar label.
    pub date: String,
    /// Per section (same order as the sections): its orders that turn
    /// that not every section gave, in words.
    pub orders: Vec<Vec<String>>,
}

fn key(o: &OrderLine) -> (String, String, Option<String>, i32) {
    (
        o.actor_id.clone(),
        o.move_id.clone(),
        o.target_id.clone(),
        o.level,
    )
}

/// The first turn whose orders are not the same in every section (a
/// section whose game had already ended counts as giving none).
pub fn divergence(sections: &[Section]) -> Option<Divergence> {
    let turns = sections
        .iter()
        .map(|s| s.analysis.orders.len())
        .max()
        .unwrap_or(0);
    for t in 0..turns {
        let lists: Vec<Vec<&OrderLine>> = sections
            .iter()
            .map(|s| {
                s.analysis
                    .orders
                    .get(t)
                    .map(|x| x.orders.iter().collect())
                    .unwrap_or_default()
            })
            .collect();
        let keys: Vec<Vec<_>> = lists
            .iter()
            .map(|l| l.iter().map(|o| key(o)).collect())
            .collect();
        if keys.windows(2).all(|w| w[0] == w[1]) {
            continue;
        }
        let orders = lists
            .iter()
            .map(|l| {
                l.iter()
                    .filter(|o| !keys.iter().all(|k| k.contains(&key(o))))
                    .map(|o| format!("{}: {}", o.actor_name, super::words::order_words(o)))
                    .collect()
            })
            .collect();
        let date = sections
            .iter()
            .find_map(|s| s.analysis.orders.get(t).map(|x| x.date.clone()))
            .unwrap_or_default();
        return Some(Divergence {
            turn: t as u32 + 1,
            date,
            orders,
        });
    }
    None
}

/// `compare.md`.
pub fn markdown(sections: &[Section]) -> String {
    let c = markdown::cell;
    let first = &sections[0].analysis;
    let mut m = String::new();
    let _ = writeln!(
        m,
        "# {} sections compared — {}\n",
        sections.len(),
        c(&first.scenario_title)
    );
    let _ = writeln!(m, "## Outcomes side by side\n");
    m.push_str(&markdown::table(&outcomes(sections)));
    m.push('\n');
    let _ = writeln!(m, "## Regional tension\n");
    m.push_str(&markdown::table(&regional(sections)));
    m.push('\n');
    let _ = writeln!(m, "## Objectives met per section\n");
    m.push_str(&markdown::table(&objectives(sections)));
    m.push('\n');
    let _ = writeln!(m, "## Where the sections diverged\n");
    match divergence(sections) {
        None => {
            let _ = writeln!(m, "Every section gave the same orders every turn.\n");
        }
        Some(d) => {
            let _ = writeln!(
                m,
                "The orders first differed in turn {} ({}). Orders not given in every section:\n",
                d.turn,
                c(&d.date)
            );
            for (s, list) in sections.iter().zip(&d.orders) {
                let _ = writeln!(m, "**{}**\n", c(&s.name));
                if list.is_empty() {
                    let _ = writeln!(m, "- (only orders every section gave)");
                }
                for o in list {
                    let _ = writeln!(m, "- {}", c(o));
                }
                m.push('\n');
            }
        }
    }
    m
}

fn objective_cell(a: &Analysis, actor: usize, obj: usize) -> String {
    a.actors
        .get(actor)
        .and_then(|x| x.objectives.get(obj))
        .map_or_else(
            || "—".to_string(),
            |o| {
                if o.met() {
                    "met".to_string()
                } else {
                    format!("{:.0}%", 100.0 * o.progress)
                }
            },
        )
}

/// A column per section, after `first`: (title, numeric).
fn columns<'a>(
    first: &[(&'a str, bool)],
    sections: &'a [Section],
    num: bool,
) -> Vec<(&'a str, bool)> {
    first
        .iter()
        .copied()
        .chain(sections.iter().map(|s| (s.name.as_str(), num)))
        .collect()
}

/// The outcomes side by side: a row per measure, a column per section.
fn outcomes(sections: &[Section]) -> Grid {
    let mut g = Grid::new(&columns(&[("", false)], sections, false));
    g.row_heads = true;
    for (label, f) in rows() {
        g.push(
            std::iter::once(Cell::fixed(label))
                .chain(sections.iter().map(|s| Cell::new(f(&s.analysis))))
                .collect(),
        );
    }
    g
}

/// Regional tension after every turn, a column per section (blank once a
/// section's game is over).
fn regional(sections: &[Section]) -> Grid {
    let mut g = Grid::new(&columns(&[("Turn", true)], sections, true));
    let turns = sections
        .iter()
        .map(|s| s.analysis.regional.len())
        .max()
        .unwrap_or(0);
    for t in 0..turns {
        g.push(
            std::iter::once(Cell::new(t.to_string()))
                .chain(sections.iter().map(|s| {
                    Cell::new(
                        s.analysis
                            .regional
                            .get(t)
                            .map_or_else(String::new, |v| format!("{v:.0}")),
                    )
                }))
                .collect(),
        );
    }
    g
}

/// Every objective of the first section's actors, met (or how far) in
/// each section.
fn objectives(sections: &[Section]) -> Grid {
    let first = &sections[0].analysis;
    let mut g = Grid::new(&columns(
        &[("Actor", false), ("Objective", false)],
        sections,
        true,
    ));
    for (ai, x) in first.actors.iter().enumerate() {
        for (oi, o) in x.objectives.iter().enumerate() {
            g.push(
                [Cell::new(x.name.clone()), Cell::new(o.text.clone())]
                    .into_iter()
                    .chain(sections.iter().map(|s| {
                        let v = objective_cell(&s.analysis, ai, oi);
                        let class = if v == "met" { "met" } else { "unmet" };
                        Cell::new(v).class(class)
                    }))
                    .collect(),
            );
        }
    }
    g
}

type Row = (&'static str, fn(&Analysis) -> String);

fn rows() -> Vec<Row> {
    vec![
        ("Seed", |a| a.seed.to_string()),
        ("Outcome", |a| a.headline.clone()),
        ("Turns played", |a| a.turns_played.to_string()),
        ("Peak tension", |a| {
            format!("{:.0}", a.regional.iter().copied().fold(0.0, f64::max))
        }),
        ("Final tension", |a| {
            format!("{:.0}", a.regional.last().copied().unwrap_or(0.0))
        }),
        ("Highest level", |a| {
            a.levels
                .get(a.peak_level)
                .map_or_else(String::new, |l| l.0.clone())
        }),
        ("Covert acts (never found)", |a| {
            format!(
                "{} ({})",
                a.covert.len(),
                a.covert.iter().filter(|c| c.never_discovered()).count()
            )
        }),
        ("Scores", |a| {
            a.actors
                .iter()
                .map(|x| format!("{} {:.0}", x.short, x.score))
                .collect::<Vec<_>>()
                .join(", ")
        }),
    ]
}

/// `compare.html`.
pub fn html(sections: &[Section]) -> Result<String, String> {
    let e = html::escape;
    let first = &sections[0].analysis;
    let mut h = String::new();
    let title = format!(
        "{} sections compared — {}",
        sections.len(),
        first.scenario_title
    );
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        e(&title),
        html::CSS,
        e(&title)
    );
    h.push_str("<section id=\"outcomes\">\n<h2>Outcomes side by side</h2>\n");
    h.push_str(&html::table(&outcomes(sections)));
    h.push_str("</section>\n");
    let names: Vec<String> = sections.iter().map(|s| s.name.clone()).collect();
    let curves: Vec<Vec<f64>> = sections
        .iter()
        .map(|s| s.analysis.regional.clone())
        .collect();
    let _ = writeln!(
        h,
        "<section id=\"tension\">\n<h2>Regional tension, overlaid</h2>\n<figure>{}<figcaption>Each section's regional tension after every turn, over the escalation bands.</figcaption></figure>\n</section>",
        charts::overlaid(
            "Regional tension of every section",
            &names,
            &curves,
            &first.levels
        )?
    );
    h.push_str("<section id=\"objectives\">\n<h2>Objectives met per section</h2>\n");
    h.push_str(&html::table(&objectives(sections)));
    h.push_str("</section>\n");
    h.push_str("<section id=\"divergence\">\n<h2>Where the sections diverged</h2>\n");
    match divergence(sections) {
        None => h.push_str("<p>Every section gave the same orders every turn.</p>\n"),
        Some(d) => {
            let _ = writeln!(
                h,
                "<p>The orders first differed in <strong>turn {} ({})</strong>. Orders not given in every section:</p>",
                d.turn,
                e(&d.date)
            );
            h.push_str("<table><thead><tr>");
            for s in sections {
                let _ = write!(h, "<th>{}</th>", e(&s.name));
            }
            h.push_str("</tr></thead><tbody><tr>");
            for list in &d.orders {
                h.push_str("<td>");
                if list.is_empty() {
                    h.push_str("(only orders every section gave)");
                }
                for (i, o) in list.iter().enumerate() {
                    if i > 0 {
                        h.push_str("<br>");
                    }
                    h.push_str(&e(o));
                }
                h.push_str("</td>");
            }
            h.push_str("</tr></tbody></table>\n");
        }
    }
    h.push_str("</section>\n</body>\n</html>\n");
    Ok(h)
}
