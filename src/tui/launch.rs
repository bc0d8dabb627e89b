//! From the command line to the first model: checks everything that can
//! be wrong (scenario, `--as`, `--load`) before the terminal is touched,
//! so errors print as plain text with a non-zero exit code.

use std::process::ExitCode;

use std::sync::Arc;

use crate::engine::turn::Keep;
use crate::referee::{Match, Seat};
use crate::save::Table;

use super::model::Model;
use super::theme::Theme;

/// The model to start with, or the exit code after printing why not.
pub fn model(
    args: Option<&super::PlayOptions>,
    size: (u16, u16),
    theme: Theme,
) -> Result<Model, ExitCode> {
    let Some(a) = args else {
        let dir = crate::save::saves_dir(None);
        let mut m = Model::title(crate::catalog::discover(), size, theme).with_saves_dir(dir);
        m.refresh_saves();
        return Ok(m);
    };
    let dir = crate::save::saves_dir(a.saves_dir.as_deref());
    if let Some(path) = &a.load {
        return match Table::load(path) {
            Ok(game) => {
                let mut m = Model::title(Vec::new(), size, theme).with_saves_dir(dir);
                m.resume(game, path);
                Ok(m)
            }
            Err(e) => {
                eprintln!("error: {}", super::text::clean_lines(&e.to_string()));
                Err(ExitCode::FAILURE)
            }
        };
    }
    let scn = match crate::scenario::resolve(a.scenario.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprint!("{}", e.render(a.color_errors));
            return Err(ExitCode::FAILURE);
        }
    };
    let mut humans = vec![false; scn.n()];
    if a.humans.is_empty()
        && let Some(h) = humans.first_mut()
    {
        *h = true;
    }
    for id in &a.humans {
        match scn.actor_by_id(id.trim()) {
            Some(x) => humans[x.index()] = true,
            None => {
                let ids: Vec<&str> = scn.actors.iter().map(|x| x.id.as_str()).collect();
                eprintln!(
                    "error: --as names `{}`, which is not an actor of {}; actors are: {}",
                    super::text::clean(id),
                    scn.meta.id,
                    ids.join(", ")
                );
                return Err(ExitCode::from(2));
            }
        }
    }
    let seed = a.seed.unwrap_or(scn.meta.seed);
    let seats = humans
        .iter()
        .map(|h| if *h { Seat::Human } else { Seat::Ai(a.ai) })
        .collect();
    let game = Match::new(Arc::new(scn), seed, seats, Keep::Everything);
    Ok(Model::game(Table::new(game), size, theme)
        .with_saves_dir(dir)
        .with_ai(a.ai))
}
