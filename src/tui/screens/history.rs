//! The history screen: line charts of regional tension (with the
//! escalation thresholds) and of each actor's stats over the turns.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType};

use crate::scenario::{ActorId, Stat};
use crate::tui::model::Session;
use crate::tui::text::clean;
use crate::tui::theme::Theme;

/// A series the chart can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    Regional,
    /// The tension between the player and each other actor.
    Tension,
    Threat,
    Stat(Stat),
    Capital,
    /// A scenario track (by its index), as the player knew it each turn:
    /// the values objectives and endings are judged on.
    Track(usize),
}

/// Every series, in the order ←→ cycles through them.
pub const SERIES: [Series; 9] = [
    Series::Regional,
    Series::Tension,
    Series::Threat,
    Series::Stat(Stat::Military),
    Series::Stat(Stat::Economy),
    Series::Stat(Stat::Stability),
    Series::Stat(Stat::Prestige),
    Series::Stat(Stat::Intel),
    Series::Capital,
];

/// Number of series: the fixed ones, then one per track of the scenario.
pub fn series_count(scn: &crate::scenario::Scenario) -> usize {
    SERIES.len() + scn.tracks.len()
}

/// The `i`-th series (wrapping): [`SERIES`], then the tracks.
pub fn series_at(scn: &crate::scenario::Scenario, i: usize) -> Series {
    let i = i % series_count(scn);
    match SERIES.get(i) {
        Some(s) => *s,
        None => Series::Track(i - SERIES.len()),
    }
}

impl Series {
    /// Its name on screen.
    pub fn name(self) -> String {
        match self {
            Series::Regional => "Regional tension".into(),
            Series::Tension => "Your tension with each actor".into(),
            Series::Threat => "Threat perception".into(),
            Series::Stat(s) => crate::scenario::names::capitalise(s.name()),
            Series::Capital => "Political capital".into(),
            Series::Track(_) => "Track".into(),
        }
    }

    /// Its name on screen, with the scenario's track names.
    pub fn title(self, scn: &crate::scenario::Scenario) -> String {
        match self {
            Series::Track(t) => scn
                .tracks
                .get(t)
                .map_or_else(|| self.name(), |x| clean(&x.name)),
            _ => self.name(),
        }
    }
}

impl Series {
    /// Whether the series shows values hidden from other players: capital
    /// is charted for the player's own actor only; stats and threat of
    /// others are charted as the player estimated them each turn.
    pub fn hidden(self) -> bool {
        matches!(self, Series::Capital)
    }
}

/// One line of a chart: whose it is (none for regional tension) and its
/// (turn, value) points.
type Curve = (Option<ActorId>, Vec<(f64, f64)>);

/// The data of a series: one curve per line.
fn data(s: &Session, series: Series) -> Vec<Curve> {
    let scn = s.scenario();
    let h = &s.seen().history;
    match series {
        Series::Regional => vec![(
            None,
            h.iter().map(|x| (f64::from(x.turn), x.regional)).collect(),
        )],
        Series::Tension => {
            let (me, n) = (s.current.index(), scn.n());
            scn.actor_ids()
                .filter(|a| *a != s.current)
                .map(|a| {
                    let pts = h
                        .iter()
                        .map(|x| {
                            let v = x.tension.get(me * n + a.index()).copied();
                            (f64::from(x.turn), v.unwrap_or(0.0))
                        })
                        .collect();
                    (Some(a), pts)
                })
                .collect()
        }
        Series::Track(t) => {
            let per_actor = scn
                .tracks
                .get(t)
                .is_some_and(|x| x.scope == crate::scenario::Scope::PerActor);
            let at = |k: usize| -> Vec<(f64, f64)> {
                h.iter()
                    .map(|x| {
                        let v = x.picture.tracks.get(t).and_then(|v| v.get(k));
                        (f64::from(x.turn), v.map_or(0.0, |e| e.value))
                    })
                    .collect()
            };
            if per_actor {
                scn.actor_ids().map(|a| (Some(a), at(a.index()))).collect()
            } else {
                vec![(None, at(0))]
            }
        }
        _ => scn
            .actor_ids()
            .filter(|a| !series.hidden() || *a == s.current)
            .map(|a| {
                let i = a.index();
                let pts = h
                    .iter()
                    .map(|x| {
                        let v = match series {
                            Series::Threat => x.picture.threat.get(i).map(|e| e.value),
                            Series::Stat(st) => x.picture.stats.get(i).map(|v| v[st.index()].value),
                            Series::Capital => Some(x.capital),
                            Series::Regional | Series::Tension | Series::Track(_) => None,
                        };
                        (f64::from(x.turn), v.unwrap_or(0.0))
                    })
                    .collect();
                (Some(a), pts)
            })
            .collect(),
    }
}

/// Draws the chart of the selected series.
pub fn draw(s: &Session, th: Theme, f: &mut Frame, area: Rect) {
    let scn = s.scenario();
    let series = series_at(scn, s.history_series);
    let lines = data(s, series);
    let last_turn = s.turn().max(1);
    let x_max = f64::from(last_turn);
    let y_max = match series {
        Series::Capital => scn
            .actors
            .iter()
            .map(|a| a.capital.max)
            .fold(10.0_f64, f64::max),
        // A track may run past 100 (a count of systems delivered).
        Series::Track(_) => lines
            .iter()
            .flat_map(|(_, p)| p.iter().map(|(_, y)| *y))
            .fold(100.0_f64, f64::max)
            .ceil(),
        _ => 100.0,
    };
    let thresholds: Vec<(usize, [(f64, f64); 2])> = match series {
        Series::Regional => scn
            .levels
            .iter()
            .enumerate()
            .filter(|(_, l)| l.from > 0.0)
            .map(|(i, l)| (i, [(0.0, l.from), (x_max, l.from)]))
            .collect(),
        _ => Vec::new(),
    };
    let mut datasets: Vec<Dataset> = Vec::new();
    for (i, pts) in &thresholds {
        datasets.push(
            Dataset::default()
                .marker(Marker::Dot)
                .graph_type(GraphType::Line)
                .style(th.level(scn, *i))
                .data(pts),
        );
    }
    let mut legend = Vec::new();
    for (who, pts) in &lines {
        let (style, marker) = match who {
            None => (th.fg(ratatui::style::Color::White), Marker::Braille),
            Some(a) => {
                let name = clean(&scn.actor(*a).short);
                let marker = if th.color {
                    Marker::Braille
                } else {
                    Marker::Custom(name.chars().next().unwrap_or('*'))
                };
                legend.push(Span::styled(format!("{name} "), th.actor(scn, *a)));
                (Style::new().fg(th.actor_color(scn, *a)), marker)
            }
        };
        datasets.push(
            Dataset::default()
                .marker(marker)
                .graph_type(GraphType::Line)
                .style(style)
                .data(pts),
        );
    }
    let mut title = vec![
        Span::styled(format!(" History — {} ", series.title(scn)), th.heading()),
        Span::styled("(←→ another chart) ", th.dim()),
    ];
    title.extend(legend);
    let mut bottom = Vec::new();
    if series == Series::Regional {
        bottom.push(Span::styled(" thresholds: ", th.dim()));
        for (i, _) in &thresholds {
            let l = &scn.levels[*i];
            bottom.push(Span::styled(
                format!("{} {:.0} ", clean(&l.name), l.from),
                th.level(scn, *i),
            ));
        }
    } else if series.hidden() {
        bottom.push(Span::styled(" others' capital is hidden ", th.dim()));
    } else if matches!(series, Series::Track(_)) {
        bottom.push(Span::styled(
            " as you knew it each turn: a secret track is your estimate ",
            th.dim(),
        ));
    } else if series == Series::Tension {
        bottom.push(Span::styled(" pair tension is public ", th.dim()));
    } else if series != Series::Stat(Stat::Prestige) {
        bottom.push(Span::styled(
            " others' values as you estimated them each turn ",
            th.dim(),
        ));
    }
    let title = Line::from(title);
    // A middle label only where a whole turn is the middle.
    let x_labels: Vec<Span> = if last_turn >= 2 && last_turn.is_multiple_of(2) {
        vec![
            Span::raw("0"),
            Span::raw(format!("{}", last_turn / 2)),
            Span::raw(format!("{last_turn}")),
        ]
    } else {
        vec![Span::raw("0"), Span::raw(format!("{last_turn}"))]
    };
    let y_labels = vec![
        Span::raw("0"),
        Span::raw(format!("{:.0}", y_max / 2.0)),
        Span::raw(format!("{y_max:.0}")),
    ];
    let chart = Chart::new(datasets)
        .block(
            Block::bordered()
                .border_style(th.border())
                .title(title)
                .title_bottom(Line::from(bottom)),
        )
        .x_axis(
            Axis::default()
                .title("turn")
                .style(th.dim())
                .bounds([0.0, x_max])
                .labels(x_labels),
        )
        .y_axis(
            Axis::default()
                .style(th.dim())
                .bounds([0.0, y_max])
                .labels(y_labels),
        )
        .legend_position(None);
    f.render_widget(chart, area);
}
