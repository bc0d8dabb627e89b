//! The debrief's charts as SVG, drawn with plotters' SVG backend: regional
//! tension over escalation bands, the tensest pairs, each secret value
//! against the estimates, the scores, and (comparing sections) tension
//! curves overlaid. Each function returns one `<svg>` element as text.

use plotters::prelude::*;

use crate::referee::{Analysis, SecretSeries};

/// Width and height of a chart in SVG units (it scales with the page).
const W: u32 = 760;
const H: u32 = 300;

/// A colour as RGB from a scenario colour (a name such as `lightred` or
/// `#rrggbb`), darkened when it is too pale to read on paper.
pub fn rgb(name: &str) -> RGBColor {
    let (r, g, b) = parse(name).unwrap_or((90, 90, 90));
    // Pale colours (the scenario's are chosen for dark terminals) are
    // darkened so that lines read on white paper.
    let lum = 0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b);
    if lum > 150.0 {
        let k = 150.0 / lum;
        let d = |c: u8| (f64::from(c) * k).round() as u8;
        RGBColor(d(r), d(g), d(b))
    } else {
        RGBColor(r, g, b)
    }
}

/// The colour as `#rrggbb` for CSS (darkened like [`rgb`]).
pub fn css(name: &str) -> String {
    let RGBColor(r, g, b) = rgb(name);
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn parse(name: &str) -> Option<(u8, u8, u8)> {
    let n = name.trim().to_ascii_lowercase();
    if let Some(hex) = n.strip_prefix('#') {
        if hex.len() == 6 {
            let v = u32::from_str_radix(hex, 16).ok()?;
            return Some(((v >> 16) as u8, (v >> 8) as u8, v as u8));
        }
        return None;
    }
    Some(match n.replace(['-', '_', ' '], "").as_str() {
        "black" => (0, 0, 0),
        "red" => (190, 30, 30),
        "green" => (30, 140, 50),
        "yellow" => (200, 160, 0),
        "blue" => (40, 80, 200),
        "magenta" => (170, 40, 170),
        "cyan" => (0, 150, 170),
        "gray" | "grey" => (128, 128, 128),
        "darkgray" | "darkgrey" => (80, 80, 80),
        "lightred" => (230, 90, 80),
        "lightgreen" => (90, 190, 90),
        "lightyellow" => (230, 200, 60),
        "lightblue" => (90, 140, 230),
        "lightmagenta" => (210, 110, 210),
        "lightcyan" => (80, 200, 210),
        "white" => (200, 200, 200),
        _ => return None,
    })
}

/// A palette for series without a scenario colour (sections compared).
pub const PALETTE: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
    RGBColor(140, 86, 75),
];

/// Plotters' error, in words.
fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing a chart failed: {e:?}")
}

/// Adds a `<title>` (the chart's accessible name) and a class to the SVG.
fn finish(svg: String, title: &str) -> String {
    let title = super::escape::html(title);
    match svg.find('>') {
        Some(i) => {
            let (head, rest) = svg.split_at(i);
            format!(
                "{head} class=\"chart\" role=\"img\" aria-label=\"{title}\"><title>{title}</title>{}",
                &rest[1..]
            )
        }
        None => svg,
    }
}

/// One line of a chart: a label, a colour, its points, a width.
pub struct Line<'a> {
    /// Its name in the legend.
    pub label: &'a str,
    /// Its colour.
    pub color: RGBColor,
    /// (turn, value) points.
    pub points: Vec<(f64, f64)>,
    /// Stroke width in pixels.
    pub width: u32,
}

/// A line chart of `lines` over turns `0..=turns`, y from `y.0` to `y.1`,
/// with optional background bands `(from, to, colour, label)`.
pub fn lines(
    title: &str,
    y_desc: &str,
    turns: u32,
    y: (f64, f64),
    bands: &[(f64, f64, RGBColor, String)],
    series: &[Line<'_>],
) -> Result<String, String> {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (W, H)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let x_max = f64::from(turns.max(1));
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(34)
            .y_label_area_size(46)
            .build_cartesian_2d(0f64..x_max, y.0..y.1)
            .map_err(err)?;
        for (from, to, color, label) in bands {
            let (lo, hi) = (from.max(y.0), to.min(y.1));
            if hi <= lo {
                continue;
            }
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(0.0, lo), (x_max, hi)],
                    color.mix(0.14).filled(),
                )))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    label.clone(),
                    (x_max * 0.01, hi - (y.1 - y.0) * 0.02),
                    ("sans-serif", 11).into_font().color(&color.mix(0.9)),
                )))
                .map_err(err)?;
        }
        chart
            .configure_mesh()
            .x_desc("turn")
            .y_desc(y_desc)
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| format!("{y:.0}"))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(BLACK.mix(0.12))
            .label_style(("sans-serif", 12))
            .draw()
            .map_err(err)?;
        for s in series {
            let style = ShapeStyle {
                color: s.color.to_rgba(),
                filled: false,
                stroke_width: s.width,
            };
            let legend = style;
            chart
                .draw_series(LineSeries::new(s.points.iter().copied(), style))
                .map_err(err)?
                .label(s.label)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], legend));
        }
        if !series.is_empty() {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK.mix(0.3))
                .label_font(("sans-serif", 12))
                .draw()
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(finish(buf, title))
}

/// Regional tension over the game, on the escalation levels' bands.
pub fn regional(a: &Analysis) -> Result<String, String> {
    let bands: Vec<(f64, f64, RGBColor, String)> = a
        .levels
        .iter()
        .enumerate()
        .map(|(i, (name, from, color))| {
            let to = a.levels.get(i + 1).map_or(100.0, |l| l.1);
            (*from, to, rgb(color), name.clone())
        })
        .collect();
    let points = a
        .regional
        .iter()
        .enumerate()
        .map(|(t, v)| (t as f64, *v))
        .collect();
    lines(
        "Regional tension with escalation bands",
        "regional tension",
        a.turns_played,
        (0.0, 100.0),
        &bands,
        &[Line {
            label: "regional tension",
            color: RGBColor(20, 20, 20),
            points,
            width: 3,
        }],
    )
}

/// The tensest pairs' tension over the game.
pub fn pairs(a: &Analysis) -> Result<String, String> {
    let series: Vec<Line<'_>> = a
        .tensest
        .iter()
        .enumerate()
        .map(|(i, p)| Line {
            label: &p.label,
            color: PALETTE[i % PALETTE.len()],
            points: p
                .values
                .iter()
                .enumerate()
                .map(|(t, v)| (t as f64, *v))
                .collect(),
            width: 2,
        })
        .collect();
    lines(
        "The tensest pairs",
        "pair tension",
        a.turns_played,
        (0.0, 100.0),
        &[],
        &series,
    )
}

/// One secret value: the truth (black, thick) and each outsider's estimates.
pub fn secret(a: &Analysis, s: &SecretSeries) -> Result<String, String> {
    let mut series = vec![Line {
        label: "the truth",
        color: RGBColor(0, 0, 0),
        points: s
            .truth
            .iter()
            .enumerate()
            .map(|(t, v)| (t as f64, *v))
            .collect(),
        width: 3,
    }];
    for e in &s.estimates {
        let color = a
            .actors
            .get(e.observer)
            .map_or(PALETTE[e.observer % PALETTE.len()], |x| rgb(&x.color));
        series.push(Line {
            label: &e.observer_name,
            color,
            points: e
                .values
                .iter()
                .enumerate()
                .filter_map(|(t, v)| v.map(|v| (t as f64, v)))
                .collect(),
            width: 1,
        });
    }
    // Zoomed to the values the game reached (never beyond the track's
    // range), so that small errors can be seen.
    let range = (s.max - s.min).abs().max(1.0);
    let top = series
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.1))
        .fold(s.min, f64::max);
    let top = (top + range * 0.1).min(s.max);
    let top = if top - s.min < range * 0.2 {
        (s.min + range * 0.2).min(s.max)
    } else {
        top
    };
    // A track whose range is a single point still gets a drawable axis.
    let top = if top > s.min { top } else { s.min + 1.0 };
    lines(
        &format!("{}: the truth and the estimates", s.label),
        "value",
        a.turns_played,
        (s.min, top),
        &[],
        &series,
    )
}

/// Each actor's score as a bar, 0–100, the first actor at the top.
pub fn scores(a: &Analysis) -> Result<String, String> {
    let mut buf = String::new();
    {
        let n = a.actors.len().max(1);
        let root = SVGBackend::with_string(&mut buf, (W, 60 + 34 * n as u32)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        // Row k (from the bottom) is centred on y = k, so the mesh's
        // labels at whole numbers fall on the bars.
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(34)
            .y_label_area_size(150)
            .build_cartesian_2d(0f64..100f64, -0.5f64..n as f64 - 0.5)
            .map_err(err)?;
        let names: Vec<String> = a.actors.iter().map(|x| x.name.clone()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(BLACK.mix(0.12))
            .x_desc("score (0–100)")
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_labels(n)
            .y_label_formatter(&|y| {
                let k = y.round();
                if (y - k).abs() < 0.01 && k >= 0.0 && (k as usize) < n {
                    names[n - 1 - k as usize].clone()
                } else {
                    String::new()
                }
            })
            .label_style(("sans-serif", 13))
            .draw()
            .map_err(err)?;
        for (i, x) in a.actors.iter().enumerate() {
            let row = (n - 1 - i) as f64;
            let color = rgb(&x.color);
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(0.0, row - 0.3), (x.score.clamp(0.0, 100.0), row + 0.3)],
                    color.filled(),
                )))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    format!("{:.0}", x.score),
                    ((x.score + 1.0).min(95.0), row + 0.1),
                    ("sans-serif", 13).into_font(),
                )))
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(finish(buf, "Scores"))
}

/// Regional tension of several sections overlaid (compare mode).
pub fn overlaid(
    title: &str,
    names: &[String],
    curves: &[Vec<f64>],
    bands: &[(String, f64, String)],
) -> Result<String, String> {
    let turns = curves
        .iter()
        .map(|c| c.len().saturating_sub(1))
        .max()
        .unwrap_or(1) as u32;
    let bands: Vec<(f64, f64, RGBColor, String)> = bands
        .iter()
        .enumerate()
        .map(|(i, (name, from, color))| {
            let to = bands.get(i + 1).map_or(100.0, |l| l.1);
            (*from, to, rgb(color), name.clone())
        })
        .collect();
    let series: Vec<Line<'_>> = names
        .iter()
        .zip(curves)
        .enumerate()
        .map(|(i, (name, c))| Line {
            label: name,
            color: PALETTE[i % PALETTE.len()],
            points: c.iter().enumerate().map(|(t, v)| (t as f64, *v)).collect(),
            width: 2,
        })
        .collect();
    lines(
        title,
        "regional tension",
        turns,
        (0.0, 100.0),
        &bands,
        &series,
    )
}
