//! The title screen: continue the latest autosave, load a saved game, or
//! pick a scenario for a new game.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::save::SaveSummary;
use crate::tui::model::{Model, TitleItem};
use crate::tui::text::{clean, fit};

/// The parts of the title screen.
pub struct Areas {
    pub banner: Rect,
    pub list: Rect,
    pub about: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// Splits the title screen.
pub fn areas(area: Rect) -> Areas {
    let (body, status, footer) = super::chrome::split_simple(area);
    let [banner, main] = body.layout(&Layout::vertical([
        Constraint::Length(4),
        Constraint::Min(3),
    ]));
    let [list, about] = main.layout(&Layout::horizontal([
        Constraint::Percentage(50),
        Constraint::Min(20),
    ]));
    Areas {
        banner,
        list,
        about,
        status,
        footer,
    }
}

/// The rows of the choice list: the item each row selects, if any
/// (Continue is a row without an item when there is no autosave).
fn rows(m: &Model) -> Vec<Option<usize>> {
    let items = m.title.items();
    let pos = |want: TitleItem| items.iter().position(|i| *i == want);
    let mut out = vec![pos(TitleItem::Continue), pos(TitleItem::Load), None, None];
    out.extend((0..m.title.entries.len()).map(|i| pos(TitleItem::Scenario(i))));
    out
}

/// The choice under a click at row `y`, as a position in `Title::items`.
pub fn entry_at(m: &Model, list: Rect, y: u16) -> Option<usize> {
    let first = list.y + 1;
    let i = y.checked_sub(first)? as usize;
    if y + 1 >= list.bottom() {
        return None;
    }
    rows(m).get(i).copied().flatten()
}

/// A one-line description of what a save holds (the title last, where
/// a narrow screen cuts it).
fn summary_line(s: &SaveSummary) -> String {
    if s.over {
        format!("(finished) · {}", clean(&s.scenario_title))
    } else {
        // The turn as the game's header will show it.
        format!("at turn {} · {}", s.turn + 1, clean(&s.scenario_title))
    }
}

/// Draws the title screen.
pub fn draw(m: &Model, f: &mut Frame, area: Rect) {
    let th = m.theme;
    let a = areas(area);
    let banner = vec![
        Line::default(),
        Line::styled("  F L A S H P O I N T", th.heading()),
        Line::styled(
            "  A crisis game: meet your objectives without pushing the region into war.",
            th.dim(),
        ),
    ];
    f.render_widget(Paragraph::new(banner), a.banner);
    let w = a.list.width.saturating_sub(4) as usize;
    let items = m.title.items();
    let selected = m.title.item();
    let row = |item: TitleItem, label: String, dim: bool| -> Line<'static> {
        let on = selected == Some(item);
        let mark = if on { "▶ " } else { "  " };
        let text = format!("{mark}{}", fit(&label, w));
        if on {
            Line::styled(text, th.selected())
        } else if dim {
            Line::styled(text, th.dim())
        } else {
            Line::raw(text)
        }
    };
    let mut lines: Vec<Line> = Vec::new();
    lines.push(match &m.title.autosave {
        Some(auto) => {
            let label = match &auto.summary {
                Ok(s) => format!("Continue {}", summary_line(s)),
                Err(_) => "Continue · the autosave does not load".into(),
            };
            row(TitleItem::Continue, label, auto.summary.is_err())
        }
        None => Line::styled(
            format!("  {}", fit("Continue (no autosave yet)", w)),
            th.dim(),
        ),
    });
    lines.push(row(TitleItem::Load, "Load a saved game…".into(), false));
    lines.push(Line::default());
    lines.push(Line::styled(" New game — choose a scenario:", th.heading()));
    for (i, e) in m.title.entries.iter().enumerate() {
        // Files are named by their file name, so a copy of the bundled
        // scenario can be told from it.
        let file = std::path::Path::new(&e.name)
            .file_name()
            .filter(|_| e.name.ends_with(".toml"))
            .map(|f| clean(&f.to_string_lossy()));
        let label = match (&e.error, file) {
            (Some(_), _) => format!("{} (has errors)", clean(&e.name)),
            (None, Some(f)) => format!("{} · {f}", clean(&e.title)),
            (None, None) => format!("{} · built in", clean(&e.title)),
        };
        lines.push(row(TitleItem::Scenario(i), label, e.error.is_some()));
    }
    if m.title.entries.is_empty() {
        lines.push(Line::styled("  No scenario found.", th.bad()));
    }
    f.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(th.border_focus())
                .title(Span::styled(" Play ", th.heading())),
        ),
        a.list,
    );
    let dir = m.saves_dir.as_deref().map_or_else(
        || "the saves folder".to_string(),
        |d| clean(&d.display().to_string()),
    );
    let about: Vec<Line> = match items.get(m.title.selected) {
        Some(TitleItem::Continue) => match &m.title.autosave {
            Some(auto) => {
                let path = clean(&auto.path.display().to_string());
                match &auto.summary {
                    Ok(s) => {
                        let people = super::load::people(&s.humans, "the computer only");
                        vec![
                            Line::styled("Continue the last game", th.heading()),
                            Line::styled(path, th.dim()),
                            Line::default(),
                            Line::raw(clean(&s.scenario_title)),
                            Line::raw(super::load::progress(s)),
                            Line::raw(format!("Played by: {people}")),
                            Line::styled(
                                format!("Saved {}", crate::tui::text::utc(&s.created)),
                                th.dim(),
                            ),
                        ]
                    }
                    Err(e) => vec![
                        Line::styled("The latest autosave does not load", th.bad()),
                        Line::styled(path, th.dim()),
                        Line::default(),
                        Line::raw(clean(e)),
                        Line::default(),
                        Line::raw("Its previous version is kept beside it as .bak."),
                    ],
                }
            }
            None => vec![Line::raw(format!(
                "No autosave yet: a game is autosaved in {dir} after every turn."
            ))],
        },
        Some(TitleItem::Load) => vec![
            Line::styled("Load a saved game", th.heading()),
            Line::styled(dir.clone(), th.dim()),
            Line::default(),
            Line::raw(
                "Every save in the saves folder, newest first, with its scenario, \
                 turn, date and players.",
            ),
        ],
        Some(TitleItem::Scenario(i)) => match m.title.entries.get(*i) {
            Some(e) => match &e.error {
                Some(err) => vec![
                    Line::styled(clean(&e.name), th.bad()),
                    Line::raw(format!("This file has errors: {}", clean(err))),
                    Line::raw(format!(
                        "Run `flashpoint validate {}` to see them all.",
                        clean(&e.name)
                    )),
                ],
                None => vec![
                    Line::styled(clean(&e.title), th.heading()),
                    Line::styled(clean(&e.name), th.dim()),
                    Line::default(),
                    Line::raw(clean(&e.summary)),
                ],
            },
            None => Vec::new(),
        },
        None => vec![Line::raw(
            "Put scenario files (.toml) in ./scenarios to play them.",
        )],
    };
    f.render_widget(
        Paragraph::new(about).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .border_style(th.border())
                .title(Span::styled(" About ", th.heading())),
        ),
        a.about,
    );
    super::chrome::draw_status(m, None, f, a.status);
}
