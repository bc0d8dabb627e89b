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

/// The map canvas for a session whose scenario has a region.
pub fn map<'a>(s: &'a Session, region: Region, th: Theme, block: Block<'a>) -> Canvas<'a, impl Fn(&mut ratatui::widgets::canvas::Context<'_>) + 'a> {
    Canvas::default()
        .block(block)
        .marker(Marker::Braille)
        .x_bounds(region.lon)
        .y_bounds(region.lat)
        .paint(move |ctx| paint(ctx, s, th))
}

fn paint(ctx: &mut ratatui::widgets::canvas::Context<'_>, s: &Session, th: Theme) {
    let scn = &s.game.scenario;
    let st = &s.game.state;
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
    for x in &st.shipments {
        if x.covert && x.from != s.current && x.to != s.current {
            continue;
        }
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
            let style = th.actor(scn, a).add_modifier(ratatui::style::Modifier::BOLD);
            ctx.print(x, y, Span::styled(format!("●{}", clean(&scn.actor(a).short)), style));
        }
    }
}
