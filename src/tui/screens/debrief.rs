//! The debrief screen: after the game, the whole truth in seven sections —
//! how it ended; each secret value against every actor's estimates (a
//! chart) with their assessment errors; every actor's briefing,
//! objectives, score and player; the covert acts and who found out when;
//! the turning points of tension; every order with the computer's
//! reasons; the scenario's discussion questions. Drawn from the
//! [`Analysis`] of the [`crate::referee::Debrief`] only.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Tabs};

use crate::referee::{Analysis, OrderOutcome};
use crate::scenario::{ActorId, Scenario};
use crate::tui::model::{Model, Screen};
use crate::tui::msg::Msg;
use crate::tui::text::{clean, wrap};
use crate::tui::theme::Theme;

/// The sections of the debrief, in the order of the keys 1–7.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// How it ended, the scores, who played what.
    Ending,
    /// Each secret value against the estimates; assessment errors.
    Secrets,
    /// Briefings, objectives, scores.
    Actors,
    /// Covert acts and who found out when.
    Covert,
    /// The turns and causes that moved tension most.
    Turning,
    /// Every order with outcomes and reasons.
    Orders,
    /// The scenario's discussion questions.
    Questions,
}

impl Section {
    /// Every section, in order.
    pub const ALL: [Section; 7] = [
        Section::Ending,
        Section::Secrets,
        Section::Actors,
        Section::Covert,
        Section::Turning,
        Section::Orders,
        Section::Questions,
    ];

    /// The word on the section bar.
    pub fn name(self) -> &'static str {
        match self {
            Section::Ending => "Ending",
            Section::Secrets => "Secrets",
            Section::Actors => "Actors",
            Section::Covert => "Covert",
            Section::Turning => "Turning points",
            Section::Orders => "Orders",
            Section::Questions => "Questions",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The debrief screen's state: the analysis (made once) and where the
/// reader is.
#[derive(Debug, Clone)]
pub struct DebriefUi {
    /// The debrief in words and numbers.
    pub analysis: Analysis,
    /// The section on screen.
    pub section: Section,
    /// Scroll of the section's text, in lines.
    pub scroll: u16,
    /// The secret value on the chart (index into `analysis.secrets`).
    pub secret: usize,
    /// Where Esc goes back to.
    pub back: Screen,
}

impl DebriefUi {
    /// The debrief of a finished game, opened on its ending.
    pub fn new(analysis: Analysis, back: Screen) -> Self {
        DebriefUi {
            analysis,
            section: Section::Ending,
            scroll: 0,
            secret: 0,
            back,
        }
    }

    /// Applies a key's message; returns true when the reader leaves.
    pub fn update(&mut self, msg: Msg) -> bool {
        let n = Section::ALL.len();
        let go = |ui: &mut DebriefUi, i: usize| {
            ui.section = Section::ALL[i % n];
            ui.scroll = 0;
        };
        match msg {
            Msg::Back => return true,
            Msg::Right | Msg::NextPanel => go(self, self.section.index() + 1),
            Msg::Left | Msg::PrevPanel => go(self, self.section.index() + n - 1),
            Msg::Digit(d) if (1..=n as u8).contains(&d) => go(self, usize::from(d) - 1),
            Msg::Up => self.scroll = self.scroll.saturating_sub(1),
            Msg::Down => self.scroll = self.scroll.saturating_add(1),
            Msg::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Msg::PageDown => self.scroll = self.scroll.saturating_add(10),
            Msg::NextTarget | Msg::PrevTarget => {
                let k = self.analysis.secrets.len().max(1);
                self.secret = if msg == Msg::NextTarget {
                    (self.secret + 1) % k
                } else {
                    (self.secret + k - 1) % k
                };
                self.section = Section::Secrets;
            }
            _ => {}
        }
        false
    }
}

/// Draws the debrief screen.
pub fn draw(m: &Model, f: &mut Frame, area: Rect) {
    let th = m.theme;
    let (body, status, _) = super::chrome::split_simple(area);
    let (Some(ui), Some(s)) = (m.debrief.as_ref(), m.session.as_ref()) else {
        return;
    };
    let scn = s.scenario();
    let [bar, rest] = body.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
    ]));
    let titles: Vec<Line> = Section::ALL
        .iter()
        .enumerate()
        .map(|(i, sec)| Line::from(format!("{} {}", i + 1, sec.name())))
        .collect();
    f.render_widget(
        Tabs::new(titles)
            .select(ui.section.index())
            .style(th.dim())
            .highlight_style(th.selected())
            .divider("|")
            .padding("", ""),
        bar,
    );
    let text_area = if ui.section == Section::Secrets && !ui.analysis.secrets.is_empty() {
        let chart_h = (rest.height / 2).max(8).min(rest.height.saturating_sub(3));
        let [chart, text] = rest.layout(&Layout::vertical([
            Constraint::Length(chart_h),
            Constraint::Min(1),
        ]));
        draw_secret_chart(ui, scn, th, f, chart);
        text
    } else {
        rest
    };
    let width = text_area.width.saturating_sub(2) as usize;
    let lines = section_lines(&ui.analysis, ui, scn, th, width);
    let max = lines
        .len()
        .saturating_sub(text_area.height.saturating_sub(2) as usize) as u16;
    let scroll = ui.scroll.min(max);
    let more = if scroll < max { " ↓ more " } else { "" };
    let title = format!(
        " Debrief — {} ({}/{}) ",
        ui.section.name(),
        ui.section.index() + 1,
        Section::ALL.len()
    );
    f.render_widget(
        Paragraph::new(lines).scroll((scroll, 0)).block(
            Block::bordered()
                .border_style(th.border_focus())
                .title(Span::styled(title, th.heading()))
                .title_bottom(Span::styled(more, th.dim())),
        ),
        text_area,
    );
    super::chrome::draw_status(m, None, f, status);
}

fn draw_secret_chart(ui: &DebriefUi, scn: &Scenario, th: Theme, f: &mut Frame, area: Rect) {
    let a = &ui.analysis;
    let Some(s) = a
        .secrets
        .get(ui.secret.min(a.secrets.len().saturating_sub(1)))
    else {
        return;
    };
    let pts = |v: &[Option<f64>]| -> Vec<(f64, f64)> {
        v.iter()
            .enumerate()
            .filter_map(|(t, x)| x.map(|x| (t as f64, x)))
            .collect()
    };
    let truth: Vec<(f64, f64)> = pts(&s.truth.iter().map(|v| Some(*v)).collect::<Vec<_>>());
    let estimates: Vec<(usize, Vec<(f64, f64)>)> = s
        .estimates
        .iter()
        .map(|e| (e.observer, pts(&e.values)))
        .collect();
    let mut datasets = vec![
        Dataset::default()
            .name("truth")
            .marker(if th.color {
                Marker::Braille
            } else {
                Marker::Custom('#')
            })
            .graph_type(GraphType::Line)
            .style(
                th.fg(ratatui::style::Color::White)
                    .add_modifier(Modifier::BOLD),
            )
            .data(&truth),
    ];
    let mut legend = vec![Span::styled(
        "truth ",
        Style::new().add_modifier(Modifier::BOLD),
    )];
    for (obs, p) in &estimates {
        let a = ActorId(*obs as u16);
        let name = clean(&scn.actor(a).short);
        let marker = if th.color {
            Marker::Braille
        } else {
            Marker::Custom(name.chars().next().unwrap_or('*'))
        };
        legend.push(Span::styled(format!("{name} "), th.actor(scn, a)));
        datasets.push(
            Dataset::default()
                .marker(marker)
                .graph_type(GraphType::Line)
                .style(Style::new().fg(th.actor_color(scn, a)))
                .data(p),
        );
    }
    let x_max = f64::from(a.turns_played.max(1));
    // Zoomed to the values the game reached, as in debrief.html.
    let range = (s.max - s.min).abs().max(1.0);
    let top = std::iter::once(&truth)
        .chain(estimates.iter().map(|e| &e.1))
        .flat_map(|p| p.iter().map(|x| x.1))
        .fold(s.min, f64::max);
    let top = (top + range * 0.1)
        .max((s.min + range * 0.2).min(s.max))
        .min(s.max);
    let top = if top > s.min { top } else { s.min + 1.0 };
    let mut title = vec![
        Span::styled(
            format!(
                " {} ({}/{}) ",
                clean(&s.label),
                ui.secret + 1,
                a.secrets.len()
            ),
            th.heading(),
        ),
        Span::styled("t next ", th.dim()),
    ];
    title.extend(legend);
    let chart = Chart::new(datasets)
        .block(
            Block::bordered()
                .border_style(th.border())
                .title(Line::from(title)),
        )
        .x_axis(
            Axis::default()
                .title("turn")
                .style(th.dim())
                .bounds([0.0, x_max])
                .labels(vec![
                    Span::raw("0"),
                    Span::raw(format!("{}", a.turns_played)),
                ]),
        )
        .y_axis(
            Axis::default()
                .style(th.dim())
                .bounds([s.min, top])
                .labels(vec![
                    Span::raw(format!("{:.0}", s.min)),
                    Span::raw(format!("{:.0}", (s.min + top) / 2.0)),
                    Span::raw(format!("{top:.0}")),
                ]),
        )
        .legend_position(None);
    f.render_widget(chart, area);
}

/// Wrapped text in one style: the text's own leading spaces indent its
/// first line, `indent` the lines after it.
fn para(out: &mut Vec<Line<'static>>, text: &str, style: Style, width: usize, indent: usize) {
    let lead = text.len() - text.trim_start_matches(' ').len();
    let room = width.saturating_sub(indent.max(lead)).max(10);
    for (i, l) in wrap(&clean(text), room).into_iter().enumerate() {
        let pad = " ".repeat(if i == 0 { lead } else { indent.max(lead) });
        out.push(Line::styled(format!("{pad}{l}"), style));
    }
}

fn heading(out: &mut Vec<Line<'static>>, text: &str, th: Theme) {
    out.push(Line::styled(clean(text), th.heading()));
}

/// The text of a section, wrapped to `width`.
pub fn section_lines(
    a: &Analysis,
    ui: &DebriefUi,
    scn: &Scenario,
    th: Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let mut out: Vec<Line<'static>> = Vec::new();
    let plain = Style::new();
    match ui.section {
        Section::Ending => {
            let style = if a.clash { th.bad() } else { th.heading() };
            para(
                &mut out,
                &a.headline,
                style.add_modifier(Modifier::BOLD),
                width,
                0,
            );
            para(&mut out, &a.ending_text, plain, width, 0);
            out.push(Line::raw(""));
            let peak = a.regional.iter().copied().fold(0.0, f64::max);
            para(
                &mut out,
                &format!(
                    "{} of {} turns played (seed {}). Regional tension started at {:.0}, peaked at {peak:.0} and ended at {:.0}; highest level: {}.",
                    a.turns_played,
                    a.turns_max,
                    a.seed,
                    a.regional.first().copied().unwrap_or(0.0),
                    a.regional.last().copied().unwrap_or(0.0),
                    a.levels.get(a.peak_level).map_or("", |l| l.0.as_str())
                ),
                plain,
                width,
                0,
            );
            out.push(Line::raw(""));
            heading(&mut out, "Scores", th);
            for (i, x) in a.actors.iter().enumerate() {
                out.push(Line::from(vec![
                    Span::styled(
                        format!("{:<18}", crate::tui::text::fit(&clean(&x.name), 17)),
                        th.actor(scn, ActorId(i as u16)),
                    ),
                    Span::raw(format!(
                        "{:>3.0}/100  {} of {} objectives  ",
                        x.score,
                        x.met(),
                        x.objectives.len()
                    )),
                    Span::styled(clean(&x.played_by), th.dim()),
                ]));
            }
            out.push(Line::raw(""));
            para(
                &mut out,
                "Keys: 1–7 or ←→ change section, ↑↓ PgUp PgDn scroll, t the next secret, Esc back. `flashpoint debrief SAVE` writes this as Markdown, HTML and CSV.",
                th.dim(),
                width,
                0,
            );
        }
        Section::Secrets => {
            if a.secrets.is_empty() {
                para(
                    &mut out,
                    "This scenario has no secret tracks.",
                    plain,
                    width,
                    0,
                );
            }
            if let Some(s) = a.secrets.get(ui.secret) {
                let known = if s.known_to.is_empty() {
                    "nobody".to_string()
                } else {
                    s.known_to.join(", ")
                };
                para(
                    &mut out,
                    &format!(
                        "{}: seen exactly by {known}. Final truth {:.1}.",
                        s.label,
                        s.truth.last().copied().unwrap_or(0.0)
                    ),
                    plain,
                    width,
                    0,
                );
                for e in &s.estimates {
                    para(
                        &mut out,
                        &format!(
                            "  {}: final estimate {}, mean error {:.1}",
                            e.observer_name,
                            e.values
                                .last()
                                .copied()
                                .flatten()
                                .map_or_else(|| "—".to_string(), |v| format!("{v:.1}")),
                            e.mean_error(&s.truth)
                        ),
                        th.actor(scn, ActorId(e.observer as u16)),
                        width,
                        4,
                    );
                }
            }
            heading(
                &mut out,
                "Assessment error (share of each hidden value's range; 0% = perfectly informed)",
                th,
            );
            for (i, x) in a.actors.iter().enumerate() {
                out.push(Line::from(vec![
                    Span::styled(
                        format!("  {:<18}", crate::tui::text::fit(&clean(&x.name), 17)),
                        th.actor(scn, ActorId(i as u16)),
                    ),
                    Span::raw(format!(
                        "mean {:>3.0}%  at the end {:>3.0}%",
                        100.0 * x.mean_assessment(),
                        100.0 * x.assessment.last().copied().unwrap_or(0.0)
                    )),
                ]));
            }
        }
        Section::Actors => {
            for (i, x) in a.actors.iter().enumerate() {
                out.push(Line::from(vec![
                    Span::styled(
                        clean(&x.name),
                        th.actor(scn, ActorId(i as u16))
                            .add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(format!(" — {:.0}/100, played by {}", x.score, x.played_by)),
                ]));
                // Objectives first: they are what the score was made of.
                for o in &x.objectives {
                    let (mark, style) = if o.met() {
                        ("✔", th.good())
                    } else {
                        ("✘", th.bad())
                    };
                    para(
                        &mut out,
                        &format!("{mark} {:>3.0}% {}", 100.0 * o.progress, o.text),
                        style,
                        width,
                        7,
                    );
                }
                out.push(Line::styled("Briefing:", th.heading()));
                for p in x.briefing.split("\n\n").filter(|p| !p.trim().is_empty()) {
                    para(&mut out, p, th.dim(), width, 0);
                }
                out.push(Line::raw(""));
            }
        }
        Section::Covert => {
            if a.covert.is_empty() {
                para(
                    &mut out,
                    "No covert act — shipment, factory or covert order — was made in this game.",
                    plain,
                    width,
                    0,
                );
            }
            for c in &a.covert {
                let style = if c.never_discovered() {
                    th.bad()
                } else {
                    plain
                };
                para(
                    &mut out,
                    &format!("Turn {} ({}): {} — by {}", c.turn, c.date, c.what, c.by),
                    style.add_modifier(Modifier::BOLD),
                    width,
                    2,
                );
                // A covert order's only party is the one who gave it.
                let parties = if c.parties.len() == 1 && c.parties[0] == c.by {
                    String::new()
                } else {
                    format!("Parties: {}. ", c.parties.join(", "))
                };
                para(
                    &mut out,
                    &format!(
                        "  {parties}Came to light: {}.",
                        crate::debrief::revealed_words(c)
                    ),
                    style,
                    width,
                    2,
                );
            }
        }
        Section::Turning => {
            heading(&mut out, "Turns that moved regional tension most", th);
            for p in &a.turning_points {
                para(
                    &mut out,
                    &format!(
                        "Turn {} ({}): {:+.1} ({:.0} → {:.0}) — {}",
                        p.turn,
                        p.date,
                        p.delta(),
                        p.before,
                        p.after,
                        causes(&p.causes)
                    ),
                    th.tension_delta(p.delta()),
                    width,
                    2,
                );
            }
            out.push(Line::raw(""));
            heading(&mut out, "What moved each pair most", th);
            for p in &a.pair_points {
                para(
                    &mut out,
                    &format!(
                        "{}: moved {:.0} in all; turn {} {:+.1} — {}",
                        p.label,
                        p.movement,
                        p.turn,
                        p.delta,
                        causes(&p.causes)
                    ),
                    plain,
                    width,
                    2,
                );
            }
        }
        Section::Orders => {
            for t in &a.orders {
                heading(&mut out, &format!("Turn {} ({})", t.turn, t.date), th);
                if t.orders.is_empty() {
                    out.push(Line::styled("  no orders", th.dim()));
                }
                for o in &t.orders {
                    let style = match o.outcome {
                        OrderOutcome::Succeeded => plain,
                        _ => th.dim(),
                    };
                    para(
                        &mut out,
                        &format!(
                            "  {}: {} — {}",
                            o.actor_name,
                            crate::debrief::order_words(o),
                            crate::debrief::outcome_words(o)
                        ),
                        style,
                        width,
                        4,
                    );
                    let why = match (&o.reason, o.by_person) {
                        (Some(r), _) => Some(format!("    why: {r}")),
                        (None, true) => Some("    a person's order".to_string()),
                        (None, false) => None,
                    };
                    if let Some(w) = why {
                        para(&mut out, &w, th.dim(), width, 6);
                    }
                }
            }
        }
        Section::Questions => {
            if a.discussion.is_empty() {
                para(
                    &mut out,
                    "This scenario has no discussion questions.",
                    plain,
                    width,
                    0,
                );
            }
            for (i, q) in a.discussion.iter().enumerate() {
                para(&mut out, &format!("{}. {q}", i + 1), plain, width, 3);
                out.push(Line::raw(""));
            }
        }
    }
    out
}

fn causes(c: &[(String, f64)]) -> String {
    c.iter()
        .map(|(d, v)| format!("{v:+.1} {d}"))
        .collect::<Vec<_>>()
        .join(", ")
}
