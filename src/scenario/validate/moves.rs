//! Validation of moves: who may order them, at what level, at what cost
//! and chance, with which effects and headlines.

use super::{Ctx, MAX_MOVES, Validator, clean_text};
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::effect_kinds::Place;
use crate::scenario::expr::{Expr, Type};
use crate::scenario::model::{Category, LevelSpec, Move};
use crate::scenario::names::MAX_NAME;
use crate::scenario::raw::{RawExpr, RawScenario, Spanned};

impl Validator<'_> {
    pub(super) fn moves(&mut self, raw: &RawScenario) -> Vec<Move> {
        let n = self.actor_ids.len();
        if raw.moves.is_empty() {
            self.err(
                Diagnostic::new("the scenario has no moves", raw.scenario.span())
                    .help("add at least one [[moves]] table; players need something to order"),
            );
        }
        self.unique("move", raw.moves.iter().map(|m| &m.get_ref().id));
        let mut out = Vec::new();
        for m in raw.moves.iter().take(MAX_MOVES) {
            let m = m.get_ref();
            self.ident("move", &m.id);
            self.name("move name", &m.name, MAX_NAME);
            let category = Category::from_name(m.category.get_ref()).unwrap_or_else(|| {
                self.err(
                    Diagnostic::new(format!("unknown category `{}`", super::shorten(m.category.get_ref())), m.category.span())
                        .help(super::effects::with_guess(
                            crate::scenario::suggest::did_you_mean(
                                m.category.get_ref(),
                                Category::ALL.iter().map(|c| c.name()),
                            ),
                            "categories are: diplomacy, economic, sanction, arms, military, intelligence".into(),
                        )),
                );
                Category::Diplomacy
            });
            let goldstein = self.range("goldstein", &m.goldstein, -10.0, 10.0);
            let users = match &m.actors {
                None => vec![true; n],
                Some(list) => {
                    let mut v = vec![false; n];
                    for a in list {
                        if let Some(id) = self.actor_ref(a) {
                            v[id.index()] = true;
                        }
                    }
                    if list.is_empty() {
                        self.err(
                            Diagnostic::new(
                                format!(
                                    "move `{}` has an empty actors list",
                                    super::shorten(m.id.get_ref())
                                ),
                                m.id.span(),
                            )
                            .help("leave `actors` out to let every actor use the move"),
                        );
                    }
                    v
                }
            };
            let targeted = match m.target.as_ref().map(|t| t.get_ref().as_str()) {
                None | Some("actor") => true,
                Some("none") => false,
                Some(other) => {
                    let span = m.target.as_ref().map_or(0..0, |t| t.span());
                    self.err(
                        Diagnostic::new(
                            format!("unknown target kind `{}`", super::shorten(other)),
                            span,
                        )
                        .help("target is \"actor\" (aimed at another actor) or \"none\""),
                    );
                    true
                }
            };
            let targets = match &m.targets {
                None => vec![true; n],
                Some(list) => {
                    if !targeted {
                        self.err(Diagnostic::new(
                            "`targets` given for a move with target = \"none\"",
                            m.id.span(),
                        ));
                    }
                    let mut v = vec![false; n];
                    for a in list {
                        if let Some(id) = self.actor_ref(a) {
                            v[id.index()] = true;
                        }
                    }
                    v
                }
            };
            let level = match &m.level {
                None => LevelSpec {
                    min: 1,
                    max: 1,
                    label: "level".into(),
                    default: 1,
                },
                Some(l) => {
                    let l = l.get_ref();
                    let (lo, hi) = (*l.min.get_ref(), *l.max.get_ref());
                    if !(0..=100).contains(&lo) || !(0..=100).contains(&hi) || lo > hi {
                        self.err(Diagnostic::new(format!("level range {lo}–{hi} is not valid"), l.min.span()).help("levels are whole numbers from 0 to 100 with min ≤ max, e.g. min = 1, max = 5"));
                    }
                    let default = l.default.as_ref().map_or(lo, |d| {
                        let v = *d.get_ref();
                        if v < lo || v > hi {
                            self.err(Diagnostic::new(
                                format!("default level {v} is outside {lo}–{hi}"),
                                d.span(),
                            ));
                        }
                        v
                    });
                    LevelSpec {
                        min: lo.clamp(0, 100) as i32,
                        max: hi.clamp(lo.clamp(0, 100), 100) as i32,
                        label: clean_text(l.label.as_deref().unwrap_or("level"), false),
                        default: default.clamp(lo.clamp(0, 100), hi.clamp(lo.clamp(0, 100), 100))
                            as i32,
                    }
                }
            };
            let ctx = Ctx::of_move(targeted);
            let cost = self.amount(&m.cost, ctx, Type::Num);
            if let RawExpr::Num(c) = m.cost.get_ref()
                && *c < 0.0
            {
                self.err(
                    Diagnostic::new("cost is negative", m.cost.span())
                        .help("a move costs 0 or more political capital"),
                );
            }
            let chance = match &m.chance {
                Some(c) => {
                    if let RawExpr::Num(x) = c.get_ref()
                        && !(0.0..=1.0).contains(x)
                    {
                        self.err(
                            Diagnostic::new(format!("chance {x} is not a probability"), c.span())
                                .help("write a chance from 0 to 1, e.g. 0.75 for three in four"),
                        );
                    }
                    self.amount(c, ctx, Type::Num)
                }
                None => Some(Expr::Num(1.0)),
            };
            let requires = m.requires.as_ref().map(|r| self.expr(r, ctx, Type::Bool));
            let effects = self.effect_list(&m.effects, ctx, Place::Move);
            let on_failure = self.effect_list(&m.on_failure, ctx, Place::Move);
            let headline = self.template(&m.headline, ctx);
            let failure_headline = m.failure_headline.as_ref().map(|h| self.template(h, ctx));
            let target_is_party = m.target_is_party.as_ref().is_some_and(|t| {
                let wanted = *t.get_ref();
                if wanted && !(m.covert && targeted) {
                    self.err(
                        Diagnostic::new("target_is_party needs a covert move with a target", t.span())
                            .help("only a covert move hides its order from its target; add covert = true and a target, or remove target_is_party"),
                    );
                }
                wanted
            });
            if let (Some(cost), Some(chance), Some(requires)) =
                (cost, chance, requires.map_or(Some(None), |r| r.map(Some)))
            {
                out.push(Move {
                    id: m.id.get_ref().clone(),
                    name: clean_text(m.name.get_ref(), false),
                    category,
                    description: clean_text(&m.description, true),
                    cameo: m.cameo.clone(),
                    goldstein,
                    users,
                    targeted,
                    targets,
                    level,
                    cost,
                    chance,
                    requires,
                    covert: m.covert,
                    target_is_party,
                    alarm: self.opt_range("alarm", &m.alarm, 0.0, 0.0, 100.0),
                    effects,
                    on_failure,
                    headline,
                    failure_headline,
                });
            }
        }
        out
    }

    /// Reports a plain-number chance outside 0–1.
    pub(super) fn probability(&mut self, c: &Spanned<RawExpr>) {
        if let RawExpr::Num(x) = c.get_ref()
            && !(0.0..=1.0).contains(x)
        {
            self.err(
                Diagnostic::new(format!("chance {x} is not a probability"), c.span())
                    .help("write a chance from 0 to 1, e.g. 0.75 for three in four"),
            );
        }
    }
}
