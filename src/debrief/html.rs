//! `debrief.html`: one self-contained page (no scripts, no network) with
//! inline SVG charts, laid out to print cleanly on paper.

use std::fmt::Write as _;

use super::charts;
use super::grid::{self, Grid};
use crate::referee::Analysis;

/// Escapes text for HTML (kept under this name for callers).
pub use super::escape::html as escape;

/// A table: numbers right-aligned (`num`), every cell escaped, with the
/// classes the grid gives its rows and cells.
pub fn table(g: &Grid) -> String {
    let mut h = String::from("<table><thead><tr>");
    for c in &g.columns {
        let class = if c.num { " class=\"num\"" } else { "" };
        let _ = write!(h, "<th{class}>{}</th>", escape(&c.title));
    }
    h.push_str("</tr></thead><tbody>\n");
    for r in &g.rows {
        match r.class {
            Some(class) => {
                let _ = write!(h, "<tr class=\"{class}\">");
            }
            None => h.push_str("<tr>"),
        }
        for (i, (cell, col)) in r.cells.iter().zip(&g.columns).enumerate() {
            let tag = if g.row_heads && i == 0 { "th" } else { "td" };
            let classes: Vec<&str> = col
                .num
                .then_some("num")
                .into_iter()
                .chain(cell.class)
                .collect();
            let class = if classes.is_empty() {
                String::new()
            } else {
                format!(" class=\"{}\"", classes.join(" "))
            };
            let text = if cell.fixed {
                cell.text.clone()
            } else {
                escape(&cell.text)
            };
            match cell.span {
                Some(span) => {
                    let _ = write!(
                        h,
                        "<{tag}{class}><span class=\"{span}\">{text}</span></{tag}>"
                    );
                }
                None => {
                    let _ = write!(h, "<{tag}{class}>{text}</{tag}>");
                }
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table>\n");
    h
}

/// Paragraphs of a text: blank lines separate them.
pub fn paragraphs(s: &str) -> String {
    let mut out = String::new();
    for p in s.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let _ = writeln!(out, "<p>{}</p>", escape(&p.replace('\n', " ")));
    }
    out
}

/// The page's style sheet: screen and print.
pub const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       max-width: 60rem; margin: 0 auto; padding: 1.5rem; color: #1a1a1a; line-height: 1.45; background: #fff; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #333; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
.meta { color: #555; margin: 0 0 1rem; }
.ending { border-left: 6px solid #333; padding: .4rem .9rem; background: #f4f4f4; }
.ending.clash { border-color: #b00; background: #fbeaea; }
.ending .headline { font-weight: bold; font-size: 1.1rem; margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #bbb; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
.chart { width: 100%; height: auto; display: block; margin: .4rem 0 .8rem; border: 1px solid #ddd; }
figure { margin: 0 0 1rem; }
figcaption { font-size: .85rem; color: #444; }
.actor { border: 1px solid #ccc; border-left-width: 8px; padding: .3rem .9rem .6rem; margin: 1rem 0; }
.actor h3 { margin-top: .4rem; }
.played { color: #555; font-size: .9rem; }
.met { color: #176317; font-weight: bold; }
.unmet { color: #9a1c1c; }
.hidden-act { background: #fff3cd; }
.reason { color: #444; font-size: .85rem; }
ol.questions li { margin: .5rem 0; }
nav ol { columns: 2; font-size: .95rem; }
@media print {
  @page { margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  figure, .chart, .actor, tr, .ending { break-inside: avoid; page-break-inside: avoid; }
  section { break-inside: auto; }
  thead { display: table-header-group; }
  #orders table, #covert table { font-size: 8.5pt; }
  .reason { font-size: 8pt; }
  a { color: inherit; text-decoration: none; }
  .ending, th, .hidden-act { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The whole page.
pub fn render(a: &Analysis) -> Result<String, String> {
    let mut h = String::new();
    let title = format!("Debrief — {}", a.scenario_title);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    let _ = writeln!(
        h,
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">Scenario <code>{}</code> · seed {} · {} of {} turns played · {}</p>\n</header>",
        escape(&title),
        escape(&a.scenario_id),
        a.seed,
        a.turns_played,
        a.turns_max,
        escape(&a.dates.last().cloned().unwrap_or_default()),
    );
    h.push_str(
        "<nav><ol>\
         <li><a href=\"#ending\">How it ended</a></li>\
         <li><a href=\"#tension\">Regional tension and turning points</a></li>\
         <li><a href=\"#pairs\">The tensest pairs</a></li>\
         <li><a href=\"#secrets\">Secrets and estimates</a></li>\
         <li><a href=\"#actors\">Actors, briefings, objectives and scores</a></li>\
         <li><a href=\"#covert\">Covert acts</a></li>\
         <li><a href=\"#orders\">Orders turn by turn</a></li>\
         <li><a href=\"#discussion\">Questions for discussion</a></li>\
         </ol></nav>\n",
    );

    // Ending.
    let _ = writeln!(
        h,
        "<section id=\"ending\">\n<h2>How it ended</h2>\n<div class=\"ending{}\">\n<p class=\"headline\">{}</p>\n{}</div>",
        if a.clash { " clash" } else { "" },
        escape(&a.headline),
        paragraphs(&a.ending_text)
    );
    let peak = a.regional.iter().copied().fold(0.0, f64::max);
    let _ = writeln!(
        h,
        "<p>Regional tension started at {:.0}, peaked at {peak:.0} and ended at {:.0}; the highest escalation level reached was <strong>{}</strong>.</p>\n</section>",
        a.regional.first().copied().unwrap_or(0.0),
        a.regional.last().copied().unwrap_or(0.0),
        escape(a.levels.get(a.peak_level).map_or("", |l| l.0.as_str())),
    );

    // Tension.
    let _ = writeln!(
        h,
        "<section id=\"tension\">\n<h2>Regional tension and turning points</h2>\n<figure>{}<figcaption>Regional tension after each turn; the shaded bands are the escalation levels.</figcaption></figure>",
        charts::regional(a)?
    );
    h.push_str("<h3>Turning points</h3>\n");
    if a.turning_points.is_empty() {
        h.push_str("<p>Regional tension never moved.</p>\n");
    } else {
        h.push_str(&table(&grid::turning_points(a)));
    }
    h.push_str("</section>\n");

    // Pairs.
    let _ = writeln!(
        h,
        "<section id=\"pairs\">\n<h2>The tensest pairs</h2>\n<figure>{}<figcaption>Tension between the {} pairs that ran highest.</figcaption></figure>",
        charts::pairs(a)?,
        a.tensest.len()
    );
    if !a.pair_points.is_empty() {
        h.push_str("<h3>What moved each pair most</h3>\n");
        h.push_str(&table(&grid::pair_points(a)));
    }
    h.push_str("</section>\n");

    // Secrets.
    h.push_str("<section id=\"secrets\">\n<h2>Secrets and estimates</h2>\n");
    h.push_str("<p>Each secret value beside what the actors who could not see it believed. The thick black line is the truth.</p>\n");
    for s in &a.secrets {
        let _ = writeln!(h, "<h3>{}</h3>", escape(&s.label));
        let known = super::words::known_words(s);
        let _ = writeln!(
            h,
            "<figure>{}<figcaption>Seen exactly by {}; estimated by the others.</figcaption></figure>",
            charts::secret(a, s)?,
            escape(&known)
        );
        if !s.estimates.is_empty() {
            h.push_str(&table(&grid::estimates(s)));
        }
    }
    if a.secrets.is_empty() {
        h.push_str("<p>This scenario has no secret tracks.</p>\n");
    }
    h.push_str("<h3>Assessment error</h3>\n<p>How wrong each actor's picture of everything hidden from it was (other actors' stats and the secrets it could not see), as a share of each value's range: 0% is perfectly informed.</p>\n");
    h.push_str(&table(&grid::assessment(a)));
    h.push_str("</section>\n");

    // Actors.
    let _ = writeln!(
        h,
        "<section id=\"actors\">\n<h2>Actors, briefings, objectives and scores</h2>\n<figure>{}<figcaption>Scores, 0–100: the weighted share of each actor's objectives met{}.</figcaption></figure>",
        charts::scores(a)?,
        if a.clash {
            " (0 for everyone after an armed clash)"
        } else {
            ""
        }
    );
    for x in &a.actors {
        let _ = writeln!(
            h,
            "<div class=\"actor\" style=\"border-left-color: {}\">\n<h3>{} — {:.0}/100</h3>\n<p class=\"played\">Played by {} · {} of {} objectives met</p>\n<h4>Briefing</h4>\n{}",
            charts::css(&x.color),
            escape(&x.name),
            x.score,
            escape(&x.played_by),
            x.met(),
            x.objectives.len(),
            paragraphs(&x.briefing)
        );
        h.push_str(&table(&grid::objectives(x)));
        h.push_str("</div>\n");
    }
    h.push_str("</section>\n");

    // Covert.
    h.push_str("<section id=\"covert\">\n<h2>Covert acts</h2>\n");
    if a.covert.is_empty() {
        h.push_str(
            "<p>No covert act — shipment, factory or covert order — was made in this game.</p>\n",
        );
    } else {
        let never = a.covert.iter().filter(|c| c.never_discovered()).count();
        let _ = writeln!(
            h,
            "<p>{} covert act(s); {never} never came to light outside the parties (highlighted).</p>",
            a.covert.len()
        );
        h.push_str(&table(&grid::covert(a)));
    }
    h.push_str("</section>\n");

    // Orders.
    h.push_str("<section id=\"orders\">\n<h2>Orders turn by turn</h2>\n<p>Every order of every actor, with its outcome; the computer players' reasons in grey.</p>\n");
    for t in &a.orders {
        let _ = writeln!(h, "<h3>Turn {} ({})</h3>", t.turn, escape(&t.date));
        if t.orders.is_empty() {
            h.push_str("<p>No orders.</p>\n");
            continue;
        }
        h.push_str(&table(&grid::orders(&t.orders)));
    }
    h.push_str("</section>\n");

    // Discussion.
    h.push_str("<section id=\"discussion\">\n<h2>Questions for discussion</h2>\n");
    if a.discussion.is_empty() {
        h.push_str("<p>This scenario has no discussion questions.</p>\n");
    } else {
        h.push_str("<ol class=\"questions\">\n");
        for q in &a.discussion {
            let _ = writeln!(h, "<li>{}</li>", escape(q));
        }
        h.push_str("</ol>\n");
    }
    h.push_str("</section>\n");
    let _ = writeln!(
        h,
        "<footer><p class=\"meta\">Made by Flashpoint {} with <code>flashpoint debrief</code>.</p></footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION")
    );
    Ok(h)
}
