//! The map of the region: the world map zoomed to the scenario's region,
//! actor markers, arms shipments in transit and sanctions as lines.

use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::text::Span;
use ratatui::widgets::Block;
use ratatui::widgets::canvas::{Canvas, Line as CLine, Map, MapResolution};

use crate::scenario::Region;
use crate::tui::model::Session;
use crate::tui::text::clean;
use crate::tui::theme::Theme;

/// The region widened in one direction so that the map keeps its shape
/// in an area of `w`×`h` cells (braille dots are about square: 2×4 a cell).
pub fn fit_region(region: Region, w: u16, h: u16) -> Region {
    let (w, h) = (f64::from(w.max(1)), f64::from(h.max(1)));
    let lon_span = (region.lon[1] - region.lon[0]).abs().max(1e-6);
    let lat_span = (region.lat[1] - region.lat[0]).abs().max(1e-6);
    let lat_mid = (region.lat[0] + region.lat[1]) / 2.0;
    // A degree of longitude is shorter than one of latitude away from the equator.
    let shrink = lat_mid.to_radians().cos().clamp(0.2, 1.0);
    let per_dot_x = lon_span * shrink / (2.0 * w);
    let per_dot_y = lat_span / (4.0 * h);
    let widen = |lo: f64, hi: f64, span: f64| {
        let mid = (lo + hi) / 2.0;
        [mid - span / 2.0, mid + span / 2.0]
    };
    if per_dot_x > per_dot_y {
        let span = lon_span * shrink * 4.0 * h / (2.0 * w);
        Region {
            lon: region.lon,
            lat: widen(region.lat[0], region.lat[1], span),
        }
    } else {
        let span = lat_span * 2.0 * w / (4.0 * h * shrink);
        Region {
            lon: widen(region.lon[0], region.lon[1], span),
            lat: region.lat,
        }
    }
}

/// The map canvas for a session whose scenario has a region.
pub fn map<'a>(
    s: &'a Session,
    region: Region,
    th: Theme,
    block: Block<'a>,
) -> Canvas<'a, impl Fn(&mut ratatui::widgets::canvas::Context<'_>) + 'a> {
    Canvas::default()
        .block(block)
        .marker(Marker::Braille)
        .x_bounds(region.lon)
        .y_bounds(region.lat)
        .paint(move |ctx| paint(ctx, s, th))
}

fn paint(ctx: &mut ratatui::widgets::canvas::Context<'_>, s: &Session, th: Theme) {
    let scn = s.scenario();
    let st = s.believed();
    ctx.draw(&Map {
        resolution: MapResolution::High,
        color: th.color_of(Color::DarkGray),
    });
    ctx.layer();
    let loc = |a: crate::scenario::ActorId| scn.actor(a).location;
    // Sanctions in force: a line from the sender to the target.
    for a in scn.actor_ids() {
        for b in scn.actor_ids() {
            if a == b || st.sanctions.get(a, b) == 0 {
                continue;
            }
            if let (Some((x1, y1)), Some((x2, y2))) = (loc(a), loc(b)) {
                ctx.draw(&CLine {
                    x1,
                    y1,
                    x2,
                    y2,
                    color: th.color_of(Color::Red),
                });
            }
        }
    }
    // Shipments in transit the viewer may know of.
    // Only the shipments the viewer knows of (fog of war).
    let view = s.view();
    for x in &view.shipments {
        if let (Some((x1, y1)), Some((x2, y2))) = (loc(x.from), loc(x.to)) {
            ctx.draw(&CLine {
                x1,
                y1,
                x2,
                y2,
                color: th.color_of(Color::Yellow),
            });
        }
    }
    ctx.layer();
    for a in scn.actor_ids() {
        if let Some((x, y)) = loc(a) {
            let style = th
                .actor(scn, a)
                .add_modifier(ratatui::style::Modifier::BOLD);
            ctx.print(
                x,
                y,
                Span::styled(format!("●{}", clean(&scn.actor(a).short)), style),
            );
        }
    }
}
