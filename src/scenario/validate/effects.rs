//! Validation of effects, driven by the table of effect kinds.
//!
//! What each kind needs and allows (keys, defaults, amounts, places) is
//! read from [`crate::scenario::effect_kinds::KINDS`]; the one `match` here
//! only says which [`Effect`] each kind becomes.

use std::ops::Range;

use super::{Ctx, MAX_EFFECTS, Validator, clean_text};
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::effect_kinds::{Amount, EffectKind, Key, KindSpec, Need, Place};
use crate::scenario::expr::{Expr, TrackScope, Type, Who};
use crate::scenario::ids::{Stat, TrackId};
use crate::scenario::model::{Effect, Op};
use crate::scenario::raw::{RawEffect, Spanned};
use crate::scenario::suggest::did_you_mean;

/// One effect being validated: the raw table, its kind's row, where it is.
struct Cx<'r> {
    r: &'r RawEffect,
    spec: &'static KindSpec,
    ctx: Ctx,
    span: Range<usize>,
}

impl Validator<'_> {
    /// Validates a list of effects standing in `place`.
    pub(super) fn effect_list(
        &mut self,
        list: &[Spanned<RawEffect>],
        ctx: Ctx,
        place: Place,
    ) -> Vec<Effect> {
        if list.len() > MAX_EFFECTS {
            self.err(
                Diagnostic::new(
                    format!(
                        "{} effects in one list; the limit is {MAX_EFFECTS}",
                        list.len()
                    ),
                    list[MAX_EFFECTS].span(),
                )
                .help("split the move or event in two, or merge effects"),
            );
        }
        list.iter()
            .take(MAX_EFFECTS)
            .filter_map(|e| self.effect(e, ctx, place))
            .collect()
    }

    fn effect(&mut self, e: &Spanned<RawEffect>, ctx: Ctx, place: Place) -> Option<Effect> {
        let r = e.get_ref();
        let present: Vec<(EffectKind, &Spanned<String>)> = EffectKind::ALL
            .into_iter()
            .filter_map(|k| r.kind_value(k).map(|v| (k, v)))
            .collect();
        let (kind, subject) = match present.as_slice() {
            [one] => *one,
            [] => {
                let kinds: Vec<&str> = EffectKind::allowed_in(place).map(|k| k.key()).collect();
                self.err(
                    Diagnostic::new("this effect does not say what it changes", e.span())
                        .help(format!("start it with one of: {}", kinds.join(", "))),
                );
                return None;
            }
            [(first, _), (second, at), ..] => {
                self.err(
                    Diagnostic::new(
                        format!(
                            "one effect changes one thing; this one has `{}` and `{}`",
                            first.key(),
                            second.key()
                        ),
                        at.span(),
                    )
                    .help("split it into two effects"),
                );
                return None;
            }
        };
        let spec = kind.spec();
        if !spec.places.contains(place) {
            self.misplaced(spec, subject, ctx, place);
            return None;
        }
        self.check_keys(r, spec);
        let cx = Cx {
            r,
            spec,
            ctx,
            span: e.span(),
        };
        self.build(&cx, subject)
    }

    /// The one place that says which [`Effect`] each kind becomes.
    fn build(&mut self, cx: &Cx, subject: &Spanned<String>) -> Option<Effect> {
        let ctx = cx.ctx;
        match cx.spec.kind {
            EffectKind::Stat => {
                let stat = self.stat_name(subject);
                let who = self.party(cx, Key::Of);
                let (op, amount) = self.op_amount(cx)?;
                Some(Effect::Stat {
                    who: who?,
                    stat: stat?,
                    op,
                    amount,
                })
            }
            EffectKind::Track => {
                let (track, scope) = self.track_name(subject)?;
                let who = match (scope, &cx.r.of) {
                    (TrackScope::Global, None) => None,
                    (TrackScope::Global, Some(o)) => {
                        self.err(
                            Diagnostic::new(
                                format!(
                                    "track `{}` is global; it has no owner",
                                    super::shorten(subject.get_ref())
                                ),
                                o.span(),
                            )
                            .help(
                                "remove `of`, or make the track per-actor with scope = \"actor\"",
                            ),
                        );
                        return None;
                    }
                    (TrackScope::PerActor, _) => Some(self.party(cx, Key::Of)?),
                };
                let (op, amount) = self.op_amount(cx)?;
                Some(Effect::Track {
                    track,
                    who,
                    op,
                    amount,
                })
            }
            EffectKind::Capital => {
                let who = self.who(subject, ctx);
                let (_, amount) = self.op_amount(cx)?;
                Some(Effect::Capital { who: who?, amount })
            }
            EffectKind::Threat => {
                let who = self.who(subject, ctx);
                let (_, amount) = self.op_amount(cx)?;
                Some(Effect::Threat { who: who?, amount })
            }
            EffectKind::ShowOfForce => {
                let who = self.who(subject, ctx);
                let (_, amount) = self.op_amount(cx)?;
                Some(Effect::ShowOfForce { who: who?, amount })
            }
            EffectKind::Relation => {
                let who = self.who(subject, ctx);
                let toward = self.party(cx, Key::Toward);
                let (_, amount) = self.op_amount(cx)?;
                Some(Effect::Relation {
                    who: who?,
                    toward: toward?,
                    amount,
                    mutual: cx.r.mutual.as_ref().is_some_and(|m| *m.get_ref()),
                })
            }
            EffectKind::Tension => {
                let who = self.who(subject, ctx);
                let with = self.party(cx, Key::With);
                let (_, amount) = self.op_amount(cx)?;
                Some(Effect::Tension {
                    who: who?,
                    with: with?,
                    amount,
                })
            }
            EffectKind::Sanction => {
                let who = self.who(subject, ctx);
                let on = self.party(cx, Key::On);
                let (op, amount) = self.op_amount(cx)?;
                Some(Effect::Sanction {
                    who: who?,
                    on: on?,
                    op,
                    amount,
                })
            }
            EffectKind::Ship => {
                let from = self.party(cx, Key::From);
                let to = self.party(cx, Key::To);
                let turns = self.amount_or_default(cx, Key::Turns);
                let arrive = self.nested(cx, Key::Arrive);
                Some(Effect::Ship {
                    system: clean_text(subject.get_ref(), false),
                    from: from?,
                    to: to?,
                    turns: turns?,
                    arrive,
                })
            }
            EffectKind::Factory => {
                let at = self.party(cx, Key::At);
                let owner = self.party(cx, Key::Of);
                let each_turn = self.nested(cx, Key::EachTurn);
                Some(Effect::Factory {
                    name: clean_text(subject.get_ref(), false),
                    at: at?,
                    owner: owner?,
                    each_turn,
                })
            }
            EffectKind::Interdict => {
                let target = self.who(subject, ctx);
                let count = self.amount_or_default(cx, Key::Count);
                Some(Effect::Interdict {
                    target: target?,
                    count: count?,
                })
            }
            EffectKind::Dismantle => {
                let at = self.who(subject, ctx);
                let count = self.amount_or_default(cx, Key::Count);
                Some(Effect::Dismantle {
                    at: at?,
                    count: count?,
                })
            }
            EffectKind::Surveil => {
                let target = self.who(subject, ctx);
                let (_, amount) = self.op_amount(cx)?;
                Some(Effect::Surveil {
                    target: target?,
                    amount,
                })
            }
            EffectKind::Publish => Some(Effect::Publish {
                target: self.who(subject, ctx)?,
            }),
            EffectKind::Accept | EffectKind::Refuse => {
                let from = self.who(subject, ctx);
                let deal = match &cx.r.deal {
                    Some(d) => Some(self.deal_name(d)?),
                    None => None,
                };
                let from = from?;
                Some(if cx.spec.kind == EffectKind::Accept {
                    Effect::Accept { from, deal }
                } else {
                    Effect::Refuse { from, deal }
                })
            }
            EffectKind::Resolution => {
                let on = self.who(subject, ctx);
                let (_, level) = self.op_amount(cx)?;
                Some(Effect::Resolution { on: on?, level })
            }
            EffectKind::Vote => {
                let yes = match subject.get_ref().as_str() {
                    "yes" => Some(true),
                    "no" => Some(false),
                    other => {
                        self.err(
                            Diagnostic::new(
                                format!(
                                    "a vote is \"yes\" or \"no\", not `{}`",
                                    super::shorten(other)
                                ),
                                subject.span(),
                            )
                            .help("write vote = \"yes\" or vote = \"no\""),
                        );
                        None
                    }
                };
                let on = self.party(cx, Key::On);
                Some(Effect::Vote { on: on?, yes: yes? })
            }
            EffectKind::Offer => {
                let deal = self.deal_name(subject);
                let to = self.party(cx, Key::To);
                Some(Effect::Offer {
                    deal: deal?,
                    to: to?,
                })
            }
        }
    }

    /// Reports a kind used where it is not allowed.
    fn misplaced(&mut self, spec: &KindSpec, subject: &Spanned<String>, ctx: Ctx, place: Place) {
        let allowed: Vec<&str> = EffectKind::allowed_in(place).map(|k| k.key()).collect();
        let d = if spec.needs_actor() && !ctx.me {
            Diagnostic::new(
                format!(
                    "`{}` needs an acting actor, so it works only in moves",
                    spec.key
                ),
                subject.span(),
            )
            .help("use it in a [[moves]] entry; events have no actor")
        } else {
            let where_ = match place {
                Place::Nested => "inside arrive or each_turn",
                Place::Deal => "in a deal's give or take",
                Place::Event => "in an event",
                Place::Move => "in a move",
            };
            Diagnostic::new(
                format!("`{}` cannot be used {where_}", spec.key),
                subject.span(),
            )
            .help(format!("effects allowed here: {}", allowed.join(", ")))
        };
        self.err(d);
    }

    /// Reports keys the kind does not take.
    fn check_keys(&mut self, r: &RawEffect, spec: &KindSpec) {
        let takes: Vec<&str> = spec.allowed_keys().iter().map(|k| k.name()).collect();
        for key in Key::ALL {
            let Some(at) = r.key_span(key) else { continue };
            if spec.need(key).is_some() {
                continue;
            }
            let help = if takes.is_empty() {
                format!("a `{}` effect takes no other keys", spec.key)
            } else {
                format!("a `{}` effect takes: {}", spec.key, takes.join(", "))
            };
            self.err(
                Diagnostic::new(
                    format!("`{}` does not go with `{}`", key.name(), spec.key),
                    at,
                )
                .help(help),
            );
        }
    }

    /// The actor named by an actor key, or its default from the table.
    fn party(&mut self, cx: &Cx, key: Key) -> Option<Who> {
        if let Some(s) = cx.r.actor_key(key) {
            return self.who(s, cx.ctx);
        }
        match cx.spec.need(key) {
            Some(Need::SelfInMoves | Need::TrackOwner) if cx.ctx.me => Some(Who::Me),
            Some(Need::SelfInMoves | Need::TrackOwner) => {
                let d = Diagnostic::new(
                    format!("say whose: add {} = \"<actor id>\"", key.name()),
                    cx.span.clone(),
                )
                .help(format!(
                    "events have no acting actor, so `{}` has no default here; actors are: {}",
                    key.name(),
                    self.actor_list()
                ));
                self.err(d);
                None
            }
            _ => {
                self.err(
                    Diagnostic::new(
                        format!("`{}` needs `{}`", cx.spec.key, key.name()),
                        cx.span.clone(),
                    )
                    .help(format!(
                        "add {} = \"target\" (or an actor id): {}",
                        key.name(),
                        key.meaning()
                    )),
                );
                None
            }
        }
    }

    /// `add` or `set`, as the kind's amount rule asks.
    fn op_amount(&mut self, cx: &Cx) -> Option<(Op, Expr)> {
        let (add, set) = (cx.r.add.as_ref(), cx.r.set.as_ref());
        let key = cx.spec.key;
        let missing = match (cx.spec.amount, add, set) {
            (Amount::None, _, _) => return None,
            (Amount::AddOrSet, Some(_), Some(s)) => {
                self.err(
                    Diagnostic::new("an effect either adds or sets, not both", s.span())
                        .help("remove `add` or `set`"),
                );
                return None;
            }
            (Amount::Add | Amount::AddOrSet, Some(a), _) => {
                return self.amount(a, cx.ctx, Type::Num).map(|x| (Op::Add, x));
            }
            (Amount::Set(_) | Amount::AddOrSet, _, Some(s)) => {
                return self.amount(s, cx.ctx, Type::Num).map(|x| (Op::Set, x));
            }
            (Amount::Add, None, _) => format!("`{key}` needs an amount: add = …"),
            (Amount::AddOrSet, None, None) => {
                format!("`{key}` needs an amount: add = … or set = …")
            }
            (Amount::Set(what), _, None) => format!("`{key}` needs {what}"),
        };
        self.err(Diagnostic::new(missing, cx.span.clone()).help(
            "amounts are numbers or expressions in quotes, e.g. add = -2 or add = \"-2 * level\"",
        ));
        None
    }

    /// `turns` or `count`, or the table's default.
    fn amount_or_default(&mut self, cx: &Cx, key: Key) -> Option<Expr> {
        match (cx.r.amount_key(key), cx.spec.need(key)) {
            (Some(a), _) => self.amount(a, cx.ctx, Type::Num),
            (None, Some(Need::Number(x))) => Some(Expr::Num(x)),
            (None, _) => Some(Expr::Num(1.0)),
        }
    }

    /// The nested effects of `arrive` or `each_turn`, which are required.
    fn nested(&mut self, cx: &Cx, key: Key) -> Vec<Effect> {
        let list = cx.r.nested(key);
        if list.is_empty() {
            self.err(
                Diagnostic::new(
                    format!(
                        "`{}` needs `{} = [...]`: {}",
                        cx.spec.key,
                        key.name(),
                        key.meaning()
                    ),
                    cx.span.clone(),
                )
                .help(format!(
                    "e.g. {} = [{{ stat = \"military\", of = \"target\", add = 2 }}]",
                    key.name()
                )),
            );
        }
        self.effect_list(list, cx.ctx, Place::Nested)
    }

    fn stat_name(&mut self, s: &Spanned<String>) -> Option<Stat> {
        let stat = Stat::from_name(s.get_ref());
        if stat.is_none() {
            let names: Vec<&str> = Stat::ALL.iter().map(|s| s.name()).collect();
            self.err(
                Diagnostic::new(
                    format!("unknown stat `{}`", super::shorten(s.get_ref())),
                    s.span(),
                )
                .help(with_guess(
                    did_you_mean(s.get_ref(), names.iter().copied()),
                    format!("stats are: {}", names.join(", ")),
                )),
            );
        }
        stat
    }

    fn track_name(&mut self, s: &Spanned<String>) -> Option<(TrackId, TrackScope)> {
        let found = self.track_names.iter().position(|(t, _)| t == s.get_ref());
        if let Some(i) = found {
            return Some((TrackId(i as u16), self.track_names[i].1));
        }
        let known: Vec<&str> = self.track_names.iter().map(|(t, _)| t.as_str()).collect();
        let help = if known.is_empty() {
            "this scenario declares no [[tracks]]".to_string()
        } else {
            with_guess(
                did_you_mean(s.get_ref(), known.iter().copied()),
                format!("tracks are: {}", backticks(&known)),
            )
        };
        self.err(
            Diagnostic::new(
                format!("unknown track `{}`", super::shorten(s.get_ref())),
                s.span(),
            )
            .help(help),
        );
        None
    }

    fn deal_name(&mut self, s: &Spanned<String>) -> Option<usize> {
        let found = self.deal_ids.iter().position(|d| d == s.get_ref());
        if found.is_none() {
            let known: Vec<&str> = self.deal_ids.iter().map(String::as_str).collect();
            let help = if known.is_empty() {
                "declare the terms in a [[deals]] table first".to_string()
            } else {
                with_guess(
                    did_you_mean(s.get_ref(), known.iter().copied()),
                    format!("deals are: {}", backticks(&known)),
                )
            };
            self.err(
                Diagnostic::new(
                    format!("unknown deal `{}`", super::shorten(s.get_ref())),
                    s.span(),
                )
                .help(help),
            );
        }
        found
    }
}

/// "did you mean `x`? " before a list, when there is a guess.
pub(super) fn with_guess(guess: Option<&str>, rest: String) -> String {
    match guess {
        Some(g) => format!("did you mean `{g}`? {rest}"),
        None => rest,
    }
}

/// `a`, `b`, `c`
pub(super) fn backticks(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
