//! The news-item form: the instructor writes a headline and one change to
//! a pair's tension, queued as an inject for the coming turn.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::Line;

use crate::engine::Inject;
use crate::scenario::{ActorId, Scenario};
use crate::tui::text::clean;
use crate::tui::theme::Theme;

use super::model::{FormKey, NewsForm};
use crate::host::game::Host;

/// A key on the form: edits a field, moves between fields, or queues the
/// news item (Enter) for the coming turn.
pub(super) fn key(form: &mut NewsForm, host: &Host, k: KeyEvent) -> FormKey {
    let stay = FormKey {
        close: false,
        message: None,
    };
    let n = host.lock().scenario().n().max(1);
    match k.code {
        KeyCode::Esc => {
            return FormKey {
                close: true,
                message: None,
            };
        }
        KeyCode::Tab | KeyCode::Down => form.field = (form.field + 1) % 4,
        KeyCode::BackTab | KeyCode::Up => form.field = (form.field + 3) % 4,
        KeyCode::Backspace if form.field == 0 => {
            form.headline.pop();
        }
        KeyCode::Char(ch)
            if form.field == 0 && !ch.is_control() && form.headline.chars().count() < 100 =>
        {
            form.headline.push(ch);
        }
        KeyCode::Left | KeyCode::Right => {
            let up = k.code == KeyCode::Right;
            let step = |i: usize| if up { (i + 1) % n } else { (i + n - 1) % n };
            match form.field {
                1 => form.a = step(form.a),
                2 => form.b = step(form.b),
                3 => form.amount = (form.amount + if up { 5 } else { -5 }).clamp(-50, 50),
                _ => {}
            }
        }
        KeyCode::Enter => {
            let headline = form.headline.trim().to_string();
            if headline.is_empty() || form.a == form.b || form.amount == 0 {
                return FormKey {
                    close: false,
                    message: Some(
                        "A news item needs a headline, two different actors and a change".into(),
                    ),
                };
            }
            let (a, b) = (ActorId(form.a as u16), ActorId(form.b as u16));
            let words = {
                let g = host.lock();
                format!(
                    "news \"{headline}\" (tension {}–{} {:+})",
                    g.scenario().actor(a).id,
                    g.scenario().actor(b).id,
                    form.amount
                )
            };
            let effects = vec![crate::engine::state::Delta::Tension {
                a,
                b,
                amount: f64::from(form.amount),
            }];
            host.inject(Inject::News { headline, effects }, words.clone());
            return FormKey {
                close: true,
                message: Some(format!("Queued for the coming turn: {words}")),
            };
        }
        _ => {}
    }
    stay
}

/// The form's lines, for the popup.
pub(super) fn lines(form: &NewsForm, scn: &Scenario, th: Theme) -> Vec<Line<'static>> {
    let mark = |i: usize| if form.field == i { "▶ " } else { "  " };
    let name = |i: usize| clean(scn.actors.get(i).map_or("?", |x| x.name.as_str()));
    vec![
        Line::raw(format!("{}Headline: {}_", mark(0), clean(&form.headline))),
        Line::raw(format!("{}Between:  ◂ {} ▸", mark(1), name(form.a))),
        Line::raw(format!("{}and:      ◂ {} ▸", mark(2), name(form.b))),
        Line::raw(format!("{}Tension:  ◂ {:+} ▸", mark(3), form.amount)),
        Line::styled(
            "Tab/↑↓ field · ←→ change · Enter queues it for the coming turn · Esc cancels",
            th.key(),
        ),
    ]
}
