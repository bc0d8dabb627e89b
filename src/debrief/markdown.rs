//! `debrief.md`: the debrief as Markdown, readable in any editor and on a
//! code-hosting site (tables in GitHub-flavoured Markdown; charts as small
//! tables of values, since Markdown has no pictures of its own).

use std::fmt::Write as _;

use crate::perspective::Analysis;

/// Escapes text for a Markdown table cell or line: pipes, markup
/// characters and line breaks.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
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
        let _ = writeln!(
            m,
            "| Turn | Date | Change | Main causes |\n|---:|---|---:|---|"
        );
        for p in &a.turning_points {
            let _ = writeln!(
                m,
                "| {} | {} | {:+.1} ({:.0} → {:.0}) | {} |",
                p.turn,
                cell(&p.date),
                p.delta(),
                p.before,
                p.after,
                cell(&causes(&p.causes))
            );
        }
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
        let _ = writeln!(
            m,
            "| Pair | Total movement | Biggest turn | Change | Main causes |\n|---|---:|---:|---:|---|"
        );
        for p in &a.pair_points {
            let _ = writeln!(
                m,
                "| {} | {:.1} | {} ({}) | {:+.1} | {} |",
                cell(&p.label),
                p.movement,
                p.turn,
                cell(&p.date),
                p.delta,
                cell(&causes(&p.causes))
            );
        }
        m.push('\n');
    }

    let _ = writeln!(m, "## Secrets and estimates\n");
    for s in &a.secrets {
        let known = if s.known_to.is_empty() {
            "nobody".to_string()
        } else {
            s.known_to.join(", ")
        };
        let _ = writeln!(
            m,
            "### {}\n\nSeen exactly by {}; estimated by the others.\n",
            cell(&s.label),
            cell(&known)
        );
        let (head, row) = curve(&s.truth);
        let _ = writeln!(m, "The truth:\n\n{head}\n{row}\n");
        if !s.estimates.is_empty() {
            let _ = writeln!(
                m,
                "| Estimated by | Mean error | Final estimate | Final truth |\n|---|---:|---:|---:|"
            );
            for e in &s.estimates {
                let _ = writeln!(
                    m,
                    "| {} | {:.1} | {} | {:.1} |",
                    cell(&e.observer_name),
                    e.mean_error(&s.truth),
                    e.values
                        .last()
                        .copied()
                        .flatten()
                        .map_or_else(|| "—".to_string(), |v| format!("{v:.1}")),
                    s.truth.last().copied().unwrap_or(0.0)
                );
            }
            m.push('\n');
        }
    }
    if a.secrets.is_empty() {
        let _ = writeln!(m, "This scenario has no secret tracks.\n");
    }
    let _ = writeln!(
        m,
        "### Assessment error\n\nHow wrong each actor's picture of everything hidden from it was, as a share of each value's range (0% is perfectly informed).\n\n| Actor | Mean over the game | At the end |\n|---|---:|---:|"
    );
    for x in &a.actors {
        let _ = writeln!(
            m,
            "| {} | {} | {} |",
            cell(&x.name),
            pct(x.mean_assessment()),
            pct(x.assessment.last().copied().unwrap_or(0.0))
        );
    }
    m.push('\n');

    let _ = writeln!(m, "## Actors, briefings, objectives and scores\n");
    let _ = writeln!(
        m,
        "| Actor | Played by | Score | Objectives met |\n|---|---|---:|---:|"
    );
    for x in &a.actors {
        let _ = writeln!(
            m,
            "| {} | {} | {:.0} | {} of {} |",
            cell(&x.name),
            cell(&x.played_by),
            x.score,
            x.met(),
            x.objectives.len()
        );
    }
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
        let _ = writeln!(
            m,
            "| Objective | Weight | Judged | Met |\n|---|---:|---|---:|"
        );
        for o in &x.objectives {
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} |",
                cell(&o.text),
                o.weight,
                if o.over == "game" {
                    "share of turns held"
                } else {
                    "at the end"
                },
                pct(o.progress)
            );
        }
        m.push('\n');
    }

    let _ = writeln!(m, "## Covert acts\n");
    if a.covert.is_empty() {
        let _ = writeln!(
            m,
            "No covert act — shipment, factory or covert order — was made in this game.\n"
        );
    } else {
        let _ = writeln!(
            m,
            "| What | Turn | Set in motion by | Parties (always knew) | Came to light |\n|---|---:|---|---|---|"
        );
        for c in &a.covert {
            let _ = writeln!(
                m,
                "| {} | {} ({}) | {} | {} | {} |",
                cell(&c.what),
                c.turn,
                cell(&c.date),
                cell(&c.by),
                cell(&c.parties.join(", ")),
                cell(&super::revealed_words(c))
            );
        }
        m.push('\n');
    }

    let _ = writeln!(m, "## Orders turn by turn\n");
    for t in &a.orders {
        let _ = writeln!(m, "### Turn {} ({})\n", t.turn, cell(&t.date));
        if t.orders.is_empty() {
            let _ = writeln!(m, "No orders.\n");
            continue;
        }
        let _ = writeln!(m, "| Actor | Order | Outcome | Why |\n|---|---|---|---|");
        for o in &t.orders {
            let why = match (&o.reason, o.by_person) {
                (Some(r), _) => cell(r),
                (None, true) => "a person's order".to_string(),
                (None, false) => String::new(),
            };
            let _ = writeln!(
                m,
                "| {} | {} | {} | {why} |",
                cell(&o.actor_name),
                cell(&super::order_words(o)),
                cell(&super::outcome_words(o))
            );
        }
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

fn causes(c: &[(String, f64)]) -> String {
    c.iter()
        .map(|(d, v)| format!("{v:+.1} {d}"))
        .collect::<Vec<_>>()
        .join(", ")
}
