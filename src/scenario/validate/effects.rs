//! Validation of moves and of the effects that moves and events have.

use crate::scenario::raw::Spanned;

use super::{Ctx, MAX_EFFECTS, MAX_MOVES, Validator, clean_text};
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::expr::{Expr, TrackScope, Type, Who};
use crate::scenario::ids::{Stat, TrackId};
use crate::scenario::model::{Category, Effect, LevelSpec, Move, Op};
use crate::scenario::raw::{RawEffect, RawExpr, RawScenario};

/// The keys that say what an effect changes.
const KINDS: [&str; 18] = [
    "stat",
    "track",
    "capital",
    "threat",
    "show_of_force",
    "relation",
    "tension",
    "sanction",
    "ship",
    "factory",
    "interdict",
    "dismantle",
    "surveil",
    "publish",
    "resolution",
    "vote",
    "offer",
    "accept",
];

impl Validator<'_> {
    pub(super) fn moves(&mut self, raw: &RawScenario) -> Vec<Move> {
        let n = self.actor_ids.len();
        if raw.moves.is_empty() {
            self.err(
                Diagnostic::new("the scenario has no moves", raw.scenario.span())
                    .help("add at least one [[moves]] table; players need something to order"),
            );
        }
        if raw.moves.len() > MAX_MOVES {
            self.err(
                Diagnostic::new(
                    format!(
                        "{} moves; a scenario may have at most {MAX_MOVES}",
                        raw.moves.len()
                    ),
                    raw.moves[MAX_MOVES].span(),
                )
                .help("players cannot choose among that many; merge similar moves using levels"),
            );
        }
        self.unique("move", raw.moves.iter().map(|m| &m.get_ref().id));
        let mut out = Vec::new();
        for m in raw.moves.iter().take(MAX_MOVES) {
            let m = m.get_ref();
            self.ident("move", &m.id);
            let category = Category::from_name(m.category.get_ref()).unwrap_or_else(|| {
                self.err(
                    Diagnostic::new(format!("unknown category `{}`", m.category.get_ref()), m.category.span())
                        .help("categories are: diplomacy, economic, sanction, arms, military, intelligence"),
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
                                format!("move `{}` has an empty actors list", m.id.get_ref()),
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
                        Diagnostic::new(format!("unknown target kind `{other}`"), span)
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
            let effects = self.effect_list(&m.effects, ctx, true);
            let on_failure = self.effect_list(&m.on_failure, ctx, true);
            let headline = self.template(&m.headline, ctx);
            let failure_headline = m.failure_headline.as_ref().map(|h| self.template(h, ctx));
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
                    effects,
                    on_failure,
                    headline,
                    failure_headline,
                });
            }
        }
        out
    }

    /// Validates a list of effects. `top` is false inside `arrive`/`each_turn`,
    /// where shipments, factories and interdictions cannot nest.
    pub(super) fn effect_list(
        &mut self,
        list: &[Spanned<RawEffect>],
        ctx: Ctx,
        top: bool,
    ) -> Vec<Effect> {
        if list.len() > MAX_EFFECTS {
            self.err(Diagnostic::new(
                format!("more than {MAX_EFFECTS} effects in one list"),
                list[MAX_EFFECTS].span(),
            ));
        }
        list.iter()
            .take(MAX_EFFECTS)
            .filter_map(|e| self.effect(e, ctx, top))
            .collect()
    }

    fn effect(&mut self, e: &Spanned<RawEffect>, ctx: Ctx, top: bool) -> Option<Effect> {
        let span = e.span();
        let r = e.get_ref();
        let kinds: [(&str, &Option<Spanned<String>>); 18] = [
            ("stat", &r.stat),
            ("track", &r.track),
            ("capital", &r.capital),
            ("threat", &r.threat),
            ("show_of_force", &r.show_of_force),
            ("relation", &r.relation),
            ("tension", &r.tension),
            ("sanction", &r.sanction),
            ("ship", &r.ship),
            ("factory", &r.factory),
            ("interdict", &r.interdict),
            ("dismantle", &r.dismantle),
            ("surveil", &r.surveil),
            ("publish", &r.publish),
            ("resolution", &r.resolution),
            ("vote", &r.vote),
            ("offer", &r.offer),
            ("accept", &r.accept),
        ];
        let present: Vec<(&str, &Spanned<String>)> = kinds
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| (*k, v)))
            .collect();
        let (kind, subject) = match present.as_slice() {
            [one] => *one,
            [] => {
                self.err(
                    Diagnostic::new("this effect does not say what it changes", span)
                        .help(format!("start it with one of: {}", KINDS.join(", "))),
                );
                return None;
            }
            [_, second, ..] => {
                self.err(
                    Diagnostic::new(
                        format!(
                            "one effect changes one thing; this one has `{}` and `{}`",
                            present[0].0, second.0
                        ),
                        second.1.span(),
                    )
                    .help("split it into two effects"),
                );
                return None;
            }
        };
        let needs_actor = matches!(
            kind,
            "interdict" | "surveil" | "publish" | "resolution" | "vote" | "offer" | "accept"
        );
        if needs_actor && !ctx.me {
            self.err(
                Diagnostic::new(
                    format!("`{kind}` needs an acting actor, so it works only in moves"),
                    subject.span(),
                )
                .help("use it in a [[moves]] entry; events have no actor"),
            );
            return None;
        }
        if !top && (needs_actor || matches!(kind, "ship" | "factory" | "dismantle")) {
            self.err(Diagnostic::new(
                format!("`{kind}` cannot be nested inside arrive, each_turn or a deal's give/take"),
                subject.span(),
            ));
            return None;
        }
        let allowed: &[&str] = match kind {
            "stat" | "track" => &["of", "add", "set"],
            "capital" | "threat" | "show_of_force" => &["add"],
            "relation" => &["toward", "add", "mutual"],
            "tension" => &["with", "add"],
            "sanction" => &["on", "add", "set"],
            "ship" => &["from", "to", "turns", "arrive"],
            "factory" => &["at", "of", "each_turn"],
            "surveil" => &["add"],
            "resolution" => &["set"],
            "vote" => &["on"],
            "offer" => &["to"],
            "publish" | "accept" => &[],
            _ => &["count"],
        };
        self.check_modifiers(r, kind, allowed);
        let who_of = |v: &mut Self, s: &Option<Spanned<String>>, key: &str| -> Option<Who> {
            match s {
                Some(s) => v.who(s, ctx),
                None if ctx.me => Some(Who::Me),
                None => {
                    v.err(
                        Diagnostic::new(
                            format!("say whose: add {key} = \"<actor id>\""),
                            span.clone(),
                        )
                        .help(format!("actors are: {}", v.actor_list())),
                    );
                    None
                }
            }
        };
        let required = |v: &mut Self, s: &Option<Spanned<String>>, key: &str| -> Option<Who> {
            match s {
                Some(s) => v.who(s, ctx),
                None => {
                    v.err(
                        Diagnostic::new(format!("`{kind}` needs `{key}`"), span.clone())
                            .help(format!("add {key} = \"target\" (or an actor id)")),
                    );
                    None
                }
            }
        };
        let add_only = |v: &mut Self| -> Option<Expr> {
            match &r.add {
                Some(a) => v.amount(a, ctx, Type::Num),
                None => {
                    v.err(Diagnostic::new(
                        format!("`{kind}` needs an amount: add = …"),
                        span.clone(),
                    ));
                    None
                }
            }
        };
        let op_amount = |v: &mut Self| -> Option<(Op, Expr)> {
            match (&r.add, &r.set) {
                (Some(a), None) => v.amount(a, ctx, Type::Num).map(|x| (Op::Add, x)),
                (None, Some(s)) => v.amount(s, ctx, Type::Num).map(|x| (Op::Set, x)),
                (Some(_), Some(s)) => {
                    v.err(Diagnostic::new(
                        "an effect either adds or sets, not both",
                        s.span(),
                    ));
                    None
                }
                (None, None) => {
                    v.err(Diagnostic::new(
                        format!("`{kind}` needs an amount: add = … or set = …"),
                        span.clone(),
                    ));
                    None
                }
            }
        };
        let whom = |v: &mut Self, s: &Spanned<String>| -> Option<Who> { v.who(s, ctx) };
        match kind {
            "stat" => {
                let stat = Stat::from_name(subject.get_ref());
                if stat.is_none() {
                    self.err(
                        Diagnostic::new(
                            format!("unknown stat `{}`", subject.get_ref()),
                            subject.span(),
                        )
                        .help("stats are: military, economy, stability, prestige, intel"),
                    );
                }
                let who = who_of(self, &r.of, "of");
                let (op, amount) = op_amount(self)?;
                Some(Effect::Stat {
                    who: who?,
                    stat: stat?,
                    op,
                    amount,
                })
            }
            "track" => {
                let found = self
                    .track_names
                    .iter()
                    .position(|(t, _)| t == subject.get_ref());
                let Some(i) = found else {
                    let known = self
                        .track_names
                        .iter()
                        .map(|(t, _)| format!("`{t}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    self.err(
                        Diagnostic::new(
                            format!("unknown track `{}`", subject.get_ref()),
                            subject.span(),
                        )
                        .help(if known.is_empty() {
                            "this scenario declares no [[tracks]]".to_string()
                        } else {
                            format!("tracks are: {known}")
                        }),
                    );
                    return None;
                };
                let who = match (self.track_names[i].1, &r.of) {
                    (TrackScope::Global, None) => None,
                    (TrackScope::Global, Some(o)) => {
                        self.err(
                            Diagnostic::new(
                                format!("track `{}` is global; it has no owner", subject.get_ref()),
                                o.span(),
                            )
                            .help("remove `of`"),
                        );
                        return None;
                    }
                    (TrackScope::PerActor, of) => Some(who_of(self, of, "of")?),
                };
                let (op, amount) = op_amount(self)?;
                Some(Effect::Track {
                    track: TrackId(i as u16),
                    who,
                    op,
                    amount,
                })
            }
            "capital" => {
                let who = whom(self, subject);
                Some(Effect::Capital {
                    who: who?,
                    amount: add_only(self)?,
                })
            }
            "threat" => {
                let who = whom(self, subject);
                Some(Effect::Threat {
                    who: who?,
                    amount: add_only(self)?,
                })
            }
            "show_of_force" => {
                let who = whom(self, subject);
                Some(Effect::ShowOfForce {
                    who: who?,
                    amount: add_only(self)?,
                })
            }
            "relation" => {
                let who = whom(self, subject);
                let toward = required(self, &r.toward, "toward");
                Some(Effect::Relation {
                    who: who?,
                    toward: toward?,
                    amount: add_only(self)?,
                    mutual: r.mutual.as_ref().is_some_and(|m| *m.get_ref()),
                })
            }
            "tension" => {
                let who = whom(self, subject);
                let with = required(self, &r.with, "with");
                Some(Effect::Tension {
                    who: who?,
                    with: with?,
                    amount: add_only(self)?,
                })
            }
            "sanction" => {
                let who = whom(self, subject);
                let on = required(self, &r.on, "on");
                let (op, amount) = op_amount(self)?;
                Some(Effect::Sanction {
                    who: who?,
                    on: on?,
                    op,
                    amount,
                })
            }
            "ship" => {
                let from = who_of(self, &r.from, "from");
                let to = required(self, &r.to, "to");
                let turns = match &r.turns {
                    Some(t) => self.amount(t, ctx, Type::Num),
                    None => Some(Expr::Num(1.0)),
                };
                if r.arrive.is_empty() {
                    self.err(Diagnostic::new("a shipment needs `arrive = [...]`: what happens when it arrives", span.clone()).help("e.g. arrive = [{ stat = \"military\", of = \"target\", add = \"2 * level\" }]"));
                }
                let arrive = self.effect_list(&r.arrive, ctx, false);
                Some(Effect::Ship {
                    system: clean_text(subject.get_ref(), false),
                    from: from?,
                    to: to?,
                    turns: turns?,
                    arrive,
                })
            }
            "factory" => {
                let at = required(self, &r.at, "at");
                let owner = who_of(self, &r.of, "of");
                if r.each_turn.is_empty() {
                    self.err(Diagnostic::new(
                        "a factory needs `each_turn = [...]`: what it produces",
                        span.clone(),
                    ));
                }
                let each_turn = self.effect_list(&r.each_turn, ctx, false);
                Some(Effect::Factory {
                    name: clean_text(subject.get_ref(), false),
                    at: at?,
                    owner: owner?,
                    each_turn,
                })
            }
            "surveil" => {
                let target = whom(self, subject);
                Some(Effect::Surveil {
                    target: target?,
                    amount: add_only(self)?,
                })
            }
            "publish" => Some(Effect::Publish {
                target: whom(self, subject)?,
            }),
            "accept" => Some(Effect::Accept {
                from: whom(self, subject)?,
            }),
            "resolution" => {
                let on = whom(self, subject);
                let level = match &r.set {
                    Some(l) => self.amount(l, ctx, Type::Num),
                    None => {
                        self.err(Diagnostic::new("`resolution` needs the sanction level it proposes: set = \"level\" (0 lifts council sanctions)", span.clone()));
                        None
                    }
                };
                Some(Effect::Resolution {
                    on: on?,
                    level: level?,
                })
            }
            "vote" => {
                let yes = match subject.get_ref().as_str() {
                    "yes" => Some(true),
                    "no" => Some(false),
                    other => {
                        self.err(Diagnostic::new(
                            format!("a vote is \"yes\" or \"no\", not `{other}`"),
                            subject.span(),
                        ));
                        None
                    }
                };
                let on = required(self, &r.on, "on");
                Some(Effect::Vote { on: on?, yes: yes? })
            }
            "offer" => {
                let deal = self.deal_ids.iter().position(|d| d == subject.get_ref());
                if deal.is_none() {
                    let known = self
                        .deal_ids
                        .iter()
                        .map(|d| format!("`{d}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    self.err(
                        Diagnostic::new(
                            format!("unknown deal `{}`", subject.get_ref()),
                            subject.span(),
                        )
                        .help(if known.is_empty() {
                            "declare the terms in a [[deals]] table first".to_string()
                        } else {
                            format!("deals are: {known}")
                        }),
                    );
                }
                let to = required(self, &r.to, "to");
                Some(Effect::Offer {
                    deal: deal?,
                    to: to?,
                })
            }
            "interdict" | "dismantle" => {
                let target = whom(self, subject);
                let count = match &r.count {
                    Some(c) => self.amount(c, ctx, Type::Num),
                    None => Some(Expr::Num(1.0)),
                };
                if kind == "interdict" {
                    Some(Effect::Interdict {
                        target: target?,
                        count: count?,
                    })
                } else {
                    Some(Effect::Dismantle {
                        at: target?,
                        count: count?,
                    })
                }
            }
            _ => None,
        }
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

    fn check_modifiers(&mut self, r: &RawEffect, kind: &str, allowed: &[&str]) {
        let present: [(&str, Option<std::ops::Range<usize>>); 13] = [
            ("of", r.of.as_ref().map(|s| s.span())),
            ("from", r.from.as_ref().map(|s| s.span())),
            ("toward", r.toward.as_ref().map(|s| s.span())),
            ("with", r.with.as_ref().map(|s| s.span())),
            ("on", r.on.as_ref().map(|s| s.span())),
            ("to", r.to.as_ref().map(|s| s.span())),
            ("at", r.at.as_ref().map(|s| s.span())),
            ("add", r.add.as_ref().map(|s| s.span())),
            ("set", r.set.as_ref().map(|s| s.span())),
            ("turns", r.turns.as_ref().map(|s| s.span())),
            ("count", r.count.as_ref().map(|s| s.span())),
            ("arrive", r.arrive.first().map(|s| s.span())),
            ("each_turn", r.each_turn.first().map(|s| s.span())),
        ];
        for (key, span) in present {
            if let Some(span) = span
                && !allowed.contains(&key)
            {
                self.err(
                    Diagnostic::new(format!("`{key}` does not go with `{kind}`"), span)
                        .help(format!("a `{kind}` effect takes: {}", allowed.join(", "))),
                );
            }
        }
        if let Some(m) = &r.mutual
            && !allowed.contains(&"mutual")
        {
            self.err(Diagnostic::new(
                format!("`mutual` does not go with `{kind}`"),
                m.span(),
            ));
        }
    }
}
