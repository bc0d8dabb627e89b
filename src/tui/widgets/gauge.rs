//! The regional tension gauge: a bar from 0 to the clash threshold, each
//! part in the colour of its escalation level, thresholds marked and named.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::Widget;

use crate::scenario::Scenario;
use crate::tui::text::clean;
use crate::tui::theme::Theme;

/// The gauge: one line of bar, and a line of level names when there is room.
pub struct TensionGauge<'a> {
    pub scn: &'a Scenario,
    pub value: f64,
    pub theme: Theme,
}

impl TensionGauge<'_> {
    fn max(&self) -> f64 {
        let m = self.scn.tension.clash_at;
        if m > 0.0 { m } else { 100.0 }
    }

    /// The column (0-based, within `width`) where a value falls.
    fn column(&self, v: f64, width: u16) -> u16 {
        let x = (v / self.max() * f64::from(width)).floor();
        (x.max(0.0) as u16).min(width.saturating_sub(1))
    }
}

impl Widget for TensionGauge<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let w = area.width;
        let th = self.theme;
        for i in 0..w {
            let mid = (f64::from(i) + 0.5) / f64::from(w) * self.max();
            let level = self.scn.level_index(mid);
            let filled = mid <= self.value;
            let (sym, style) = if filled {
                ("█", th.level(self.scn, level))
            } else {
                ("░", th.level(self.scn, level).add_modifier(Modifier::DIM))
            };
            if let Some(cell) = buf.cell_mut((area.x + i, area.y)) {
                cell.set_symbol(sym).set_style(style);
            }
        }
        let marks: Vec<(u16, usize)> = self
            .scn
            .levels
            .iter()
            .enumerate()
            .filter(|(_, l)| l.from > 0.0 && l.from < self.max())
            .map(|(i, l)| (self.column(l.from, w), i))
            .collect();
        for (x, _) in &marks {
            if let Some(cell) = buf.cell_mut((area.x + x, area.y)) {
                cell.set_symbol("│").set_style(
                    th.fg(ratatui::style::Color::White)
                        .add_modifier(Modifier::BOLD),
                );
            }
        }
        if area.height < 2 {
            return;
        }
        // Level names under the bar, each up to the next threshold.
        let mut starts: Vec<(u16, usize)> = vec![(0, 0)];
        starts.extend(marks.iter().map(|(x, i)| (x + 1, *i)));
        for (k, (x, i)) in starts.iter().enumerate() {
            let end = starts.get(k + 1).map_or(w, |(nx, _)| nx.saturating_sub(1));
            let room = end.saturating_sub(*x) as usize;
            if room < 2 {
                continue;
            }
            let name = clean(&self.scn.levels[*i].name);
            let text = crate::tui::text::fit(&name, room.saturating_sub(1));
            buf.set_stringn(area.x + x, area.y + 1, text, room, th.level(self.scn, *i));
        }
    }
}
