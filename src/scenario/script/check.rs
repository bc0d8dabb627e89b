//! Checking scripted orders against a scenario: every actor, move, target
//! and level by id, each mistake a diagnostic at its line and column with
//! "did you mean" where a name is close. Shared by orders files and the
//! `[[tests]]` of a scenario, so both say the same thing.

use super::raw::{RawOrder, RawTurn};
use super::{Entry, ScriptedOrder};
use crate::scenario::diagnostic::{Diagnostic, line_col};
use crate::scenario::raw::Spanned;
use crate::scenario::suggest::did_you_mean;
use crate::scenario::validate::shorten;
use crate::scenario::{ActorId, Move, MoveId, Scenario};

/// What a script is checked against.
pub(crate) struct Lookup<'a> {
    /// The text of the file the script is in (for line numbers).
    pub text: &'a str,
    /// Actor ids in scenario order.
    pub actors: Vec<String>,
    pub moves: &'a [Move],
    /// The game's length in turns.
    pub turns: u32,
}

impl<'a> Lookup<'a> {
    /// Checks against a loaded scenario; `text` is the orders file's.
    pub fn of(text: &'a str, scn: &'a Scenario) -> Self {
        Lookup {
            text,
            actors: scn.actors.iter().map(|a| a.id.clone()).collect(),
            moves: &scn.moves,
            turns: scn.meta.turns,
        }
    }

    fn line(&self, offset: usize) -> u32 {
        line_col(self.text, offset).0 as u32
    }

    fn list(ids: impl Iterator<Item = impl AsRef<str>>) -> String {
        ids.map(|s| format!("`{}`", s.as_ref()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Resolves an actor id, or explains.
    fn actor(&self, s: &Spanned<String>, extra: &[&str]) -> Result<ActorId, Diagnostic> {
        if let Some(i) = self.actors.iter().position(|a| a == s.get_ref()) {
            return Ok(ActorId(i as u16));
        }
        let candidates = self
            .actors
            .iter()
            .map(String::as_str)
            .chain(extra.iter().copied());
        let guess = did_you_mean(s.get_ref(), candidates);
        let list = format!("actors are: {}", Self::list(self.actors.iter()));
        Err(Diagnostic::new(
            format!("unknown actor `{}`", shorten(s.get_ref())),
            s.span(),
        )
        .label("not an actor of this scenario")
        .help(match guess {
            Some(g) => format!("did you mean `{g}`? {list}"),
            None => list,
        }))
    }

    /// Resolves a move id, or explains.
    fn mv(&self, s: &Spanned<String>) -> Result<MoveId, Diagnostic> {
        if let Some(i) = self.moves.iter().position(|m| &m.id == s.get_ref()) {
            return Ok(MoveId(i as u16));
        }
        let guess = did_you_mean(s.get_ref(), self.moves.iter().map(|m| m.id.as_str()));
        let list = format!(
            "moves are: {}",
            Self::list(self.moves.iter().map(|m| m.id.as_str()))
        );
        Err(
            Diagnostic::new(format!("unknown move `{}`", shorten(s.get_ref())), s.span())
                .label("not a move of this scenario")
                .help(match guess {
                    Some(g) => format!("did you mean `{g}`? {list}"),
                    None => list,
                }),
        )
    }

    /// A turn number: 1 up to the game's length.
    fn turn(&self, what: &str, v: &Spanned<i64>) -> Result<u32, Diagnostic> {
        let t = *v.get_ref();
        if t < 1 || t > i64::from(self.turns) {
            return Err(Diagnostic::new(
                format!("{what} {t} is not a turn of this game"),
                v.span(),
            )
            .label("out of range")
            .help(format!("turns run from 1 to {}", self.turns)));
        }
        Ok(t as u32)
    }
}

/// Resolves a list of actor ids (`ai = [...]`), reporting unknown ones.
pub(crate) fn actors(
    l: &Lookup,
    ids: &[Spanned<String>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<ActorId> {
    let mut out = Vec::new();
    for id in ids {
        match l.actor(id, &[]) {
            Ok(a) if !out.contains(&a) => out.push(a),
            Ok(_) => {}
            Err(d) => diags.push(d),
        }
    }
    out
}

/// Checks `[[turn]]` entries, giving one [`Entry`] per actor named.
pub(crate) fn entries(
    l: &Lookup,
    raw: &[Spanned<RawTurn>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    let mut out = Vec::new();
    for t in raw {
        let Some((from, to)) = range(l, t, diags) else {
            continue;
        };
        for (key, orders) in &t.get_ref().orders {
            let actor = match l.actor(key, &["turn", "from", "to"]) {
                Ok(a) => a,
                Err(d) => {
                    diags.push(d);
                    continue;
                }
            };
            let list = orders
                .get_ref()
                .iter()
                .filter_map(|o| match order(l, actor, o) {
                    Ok(x) => Some(x),
                    Err(d) => {
                        diags.push(d);
                        None
                    }
                })
                .collect();
            out.push(Entry {
                from,
                to,
                actor,
                orders: list,
                line: l.line(key.span().start),
            });
        }
    }
    out
}

/// The turns a `[[turn]]` entry covers.
fn range(l: &Lookup, t: &Spanned<RawTurn>, diags: &mut Vec<Diagnostic>) -> Option<(u32, u32)> {
    let r = t.get_ref();
    let at = |d: Diagnostic, diags: &mut Vec<Diagnostic>| {
        diags.push(d);
        None
    };
    match (&r.turn, &r.from, &r.to) {
        (Some(turn), None, None) => match l.turn("turn", turn) {
            Ok(n) => Some((n, n)),
            Err(d) => at(d, diags),
        },
        (None, Some(from), to) => {
            let from_n = match l.turn("from", from) {
                Ok(n) => n,
                Err(d) => return at(d, diags),
            };
            let Some(to) = to else {
                return Some((from_n, u32::MAX));
            };
            match l.turn("to", to) {
                Ok(n) if n >= from_n => Some((from_n, n)),
                Ok(n) => at(
                    Diagnostic::new(format!("`to = {n}` is before `from = {from_n}`"), to.span())
                        .help("a range runs from its first turn to its last"),
                    diags,
                ),
                Err(d) => at(d, diags),
            }
        }
        (Some(turn), Some(_), _) | (Some(turn), None, Some(_)) => at(
            Diagnostic::new("give either `turn` or `from`/`to`, not both", turn.span())
                .help("`turn = 3` for one turn; `from = 1` and `to = 6` for a range"),
            diags,
        ),
        (None, None, _) => at(
            Diagnostic::new(
                "this [[turn]] entry does not say which turn it is for",
                t.span(),
            )
            .help("add `turn = N` (1 is the first turn), or `from = N` with an optional `to = M`"),
            diags,
        ),
    }
}

/// Checks one order of `actor`'s.
fn order(l: &Lookup, actor: ActorId, o: &Spanned<RawOrder>) -> Result<ScriptedOrder, Diagnostic> {
    let raw = o.get_ref();
    let mv = l.mv(&raw.mv)?;
    let m = &l.moves[mv.index()];
    let me = &l.actors[actor.index()];
    if !m.usable_by(actor) {
        let who = l
            .actors
            .iter()
            .enumerate()
            .filter(|(i, _)| m.usable_by(ActorId(*i as u16)))
            .map(|(_, a)| a.as_str());
        return Err(
            Diagnostic::new(format!("`{me}` may not order `{}`", m.id), raw.mv.span())
                .help(format!("it may be ordered by: {}", Lookup::list(who))),
        );
    }
    let target = match (&raw.target, m.targeted) {
        (None, true) => {
            return Err(
                Diagnostic::new(format!("`{}` needs a target", m.id), o.span())
                    .help("add `target = \"<actor id>\"` to the order"),
            );
        }
        (Some(t), false) => {
            return Err(
                Diagnostic::new(format!("`{}` takes no target", m.id), t.span())
                    .help("remove `target` from this order"),
            );
        }
        (None, false) => None,
        (Some(t), true) => {
            let a = l.actor(t, &[])?;
            if a == actor {
                return Err(Diagnostic::new(
                    format!("`{me}` cannot aim `{}` at itself", m.id),
                    t.span(),
                )
                .help("name another actor as the target"));
            }
            if !m.targets[a.index()] {
                let ok = l
                    .actors
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| m.targets[*i] && *i != actor.index())
                    .map(|(_, a)| a.as_str());
                return Err(Diagnostic::new(
                    format!("`{}` cannot be aimed at `{}`", m.id, t.get_ref()),
                    t.span(),
                )
                .help(format!("its targets are: {}", Lookup::list(ok))));
            }
            Some(a)
        }
    };
    let level = match &raw.level {
        None => m.level.default,
        Some(v) => {
            let x = *v.get_ref();
            if x < i64::from(m.level.min) || x > i64::from(m.level.max) {
                return Err(Diagnostic::new(
                    format!("level {x} is outside `{}`'s range", m.id),
                    v.span(),
                )
                .label("out of range")
                .help(if m.level.min == m.level.max {
                    format!(
                        "this move has one level, {}; leave `level` out",
                        m.level.min
                    )
                } else {
                    format!(
                        "its {} runs from {} to {}",
                        m.level.label, m.level.min, m.level.max
                    )
                }));
            }
            x as i32
        }
    };
    Ok(ScriptedOrder {
        mv,
        target,
        level,
        line: l.line(o.span().start),
    })
}
