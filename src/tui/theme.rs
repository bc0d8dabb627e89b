//! Colours and styles, in one place so that `NO_COLOR` turns every colour
//! off at once (bold, reverse and dim stay: they carry meaning without colour).

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::scenario::{ActorId, Scenario};

/// How to paint the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Colours allowed (false when `NO_COLOR` is set).
    pub color: bool,
}

impl Theme {
    /// The theme the environment asks for: no colour when `NO_COLOR` is set
    /// to anything non-empty (<https://no-color.org>).
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    /// A foreground colour, or the plain style without colour.
    pub fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// A scenario colour name (`"red"`, `"#4a86e8"`), defaulting to white.
    pub fn named(self, name: &str) -> Style {
        self.fg(Color::from_str(name).unwrap_or(Color::White))
    }

    /// An escalation level's colour.
    pub fn level(self, scn: &Scenario, level: usize) -> Style {
        scn.levels
            .get(level)
            .map_or_else(Style::new, |l| self.named(&l.color))
    }

    /// An actor's colour.
    pub fn actor(self, scn: &Scenario, a: ActorId) -> Style {
        scn.actors
            .get(a.index())
            .map_or_else(Style::new, |x| self.named(&x.color))
    }

    /// The colour of an actor for charts and the map (plain colour value).
    pub fn actor_color(self, scn: &Scenario, a: ActorId) -> Color {
        if !self.color {
            return Color::Reset;
        }
        scn.actors
            .get(a.index())
            .and_then(|x| Color::from_str(&x.color).ok())
            .unwrap_or(Color::White)
    }

    /// A colour value, or none.
    pub fn color_of(self, c: Color) -> Color {
        if self.color { c } else { Color::Reset }
    }

    /// Headings.
    pub fn heading(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Secondary text.
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// The selected row or item.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// Good news (success, a met objective, falling tension).
    pub fn good(self) -> Style {
        self.fg(Color::Green)
    }

    /// Bad news (failure, rising tension).
    pub fn bad(self) -> Style {
        self.fg(Color::LightRed)
    }

    /// Something to notice (warnings, the key in a hint).
    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// Borders of panels.
    pub fn border(self) -> Style {
        self.fg(Color::Gray)
    }

    /// Borders of the panel that has the keyboard.
    pub fn border_focus(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// A value from −100 to 100: red when hostile, green when friendly.
    pub fn relation(self, v: f64) -> Style {
        let c = if v <= -50.0 {
            Color::Red
        } else if v < -10.0 {
            Color::LightRed
        } else if v < 10.0 {
            Color::Gray
        } else if v < 50.0 {
            Color::LightGreen
        } else {
            Color::Green
        };
        self.fg(c)
    }

    /// A rise in tension is bad, a fall is good.
    pub fn tension_delta(self, d: f64) -> Style {
        if d > 0.05 {
            self.bad()
        } else if d < -0.05 {
            self.good()
        } else {
            self.dim()
        }
    }
}
