//! Validation of the scenario-wide parts: metadata, escalation levels, the
//! tension model, relations and sanctions, events and endings.

use std::str::FromStr;

use crate::scenario::raw::Spanned;

use super::{Ctx, MAX_EVENTS, MAX_MORE_HEADLINES, MAX_TURNS, Validator, clean_text};
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::effect_kinds::Place;
use crate::scenario::expr::{ACTOR_ATTRIBUTES, Expr, GLOBAL_NAMES, TrackScope, Type};
use crate::scenario::ids::Stat;
use crate::scenario::model::{
    Category, Council, Crisis, CrisisStage, Deal, DealKind, Ending, EscalationLevel, Intelligence,
    Meta, Region, Richardson, ScriptedEvent, TensionModel,
};
use crate::scenario::names::{MAX_LEVEL_NAME, MAX_NAME, MAX_TITLE};
use crate::scenario::raw::{RawCouncil, RawCrisis, RawIntelligence, RawScenario, RawTension};

impl Validator<'_> {
    pub(super) fn world(
        &mut self,
        raw: &RawScenario,
    ) -> (Meta, Vec<EscalationLevel>, TensionModel) {
        let m = raw.scenario.get_ref();
        if m.id.get_ref().is_empty()
            || !m
                .id
                .get_ref()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            self.err(
                Diagnostic::new(
                    format!(
                        "scenario id `{}` is not valid",
                        super::shorten(m.id.get_ref())
                    ),
                    m.id.span(),
                )
                .help("use lower-case letters, digits, - and _, e.g. `korea-arms-deal`"),
            );
        }
        self.name("title", &m.title, MAX_TITLE);
        let (start_year, start_month) = match parse_month(m.start.get_ref()) {
            Some(ym) => ym,
            None => {
                self.err(
                    Diagnostic::new(
                        format!(
                            "start `{}` is not a month",
                            super::shorten(m.start.get_ref())
                        ),
                        m.start.span(),
                    )
                    .help("write the first month of the game as \"YYYY-MM\", e.g. \"2026-01\""),
                );
                (2000, 1)
            }
        };
        let mpt = *m.months_per_turn.get_ref();
        if !(1..=12).contains(&mpt) {
            self.err(
                Diagnostic::new(
                    format!("months_per_turn is {mpt}"),
                    m.months_per_turn.span(),
                )
                .help("a turn lasts from 1 to 12 months"),
            );
        }
        let turns = *m.turns.get_ref();
        if !(1..=MAX_TURNS).contains(&turns) {
            self.err(
                Diagnostic::new(format!("turns is {turns}"), m.turns.span())
                    .help(format!("a game lasts from 1 to {MAX_TURNS} turns")),
            );
        }
        let region = m.region.as_ref().and_then(|r| {
            let g = r.get_ref();
            let ok = (-180.0..=180.0).contains(&g.lon[0])
                && (-180.0..=180.0).contains(&g.lon[1])
                && (-90.0..=90.0).contains(&g.lat[0])
                && (-90.0..=90.0).contains(&g.lat[1])
                && g.lon[0] < g.lon[1]
                && g.lat[0] < g.lat[1];
            if !ok {
                self.err(
                    Diagnostic::new("region is not a valid rectangle of the map", r.span()).help(
                        "write lon = [west, east] within -180..180 and lat = [south, north] within -90..90, west < east, south < north",
                    ),
                );
                return None;
            }
            Some(Region { lon: g.lon, lat: g.lat })
        });
        let meta = Meta {
            id: m.id.get_ref().clone(),
            title: clean_text(m.title.get_ref(), false),
            summary: clean_text(&m.summary, true),
            author: clean_text(&m.author, false),
            start_year,
            start_month,
            months_per_turn: mpt.clamp(1, 12),
            turns: turns.clamp(1, MAX_TURNS),
            seed: m.seed,
            region,
            discussion: m.discussion.iter().map(|q| clean_text(q, true)).collect(),
        };
        let levels = self.levels(raw);
        let tension = self.tension(raw.tension.as_ref().map(|t| t.get_ref()));
        (meta, levels, tension)
    }

    fn levels(&mut self, raw: &RawScenario) -> Vec<EscalationLevel> {
        if raw.escalation.is_empty() {
            return [
                ("Calm", 0.0, "green"),
                ("Friction", 20.0, "cyan"),
                ("Confrontation", 40.0, "yellow"),
                ("Crisis", 60.0, "lightred"),
                ("Brink", 80.0, "red"),
            ]
            .into_iter()
            .map(|(n, f, c)| EscalationLevel {
                name: n.to_string(),
                from: f,
                color: c.to_string(),
            })
            .collect();
        }
        let mut out = Vec::new();
        let mut last = -1.0;
        for (i, l) in raw.escalation.iter().take(super::MAX_LEVELS).enumerate() {
            let l = l.get_ref();
            self.name("level name", &l.name, MAX_LEVEL_NAME);
            let from = self.range("level start", &l.from, 0.0, 100.0);
            if i == 0 && from != 0.0 {
                self.err(
                    Diagnostic::new("the first escalation level must start at 0", l.from.span())
                        .help("write from = 0"),
                );
            }
            if from <= last {
                self.err(
                    Diagnostic::new(format!("level `{}` starts at {from}, not above the level before it", l.name.get_ref()), l.from.span())
                        .help("list the levels from calmest to most dangerous, each starting higher than the one before"),
                );
            }
            last = from;
            self.color(&l.color);
            out.push(EscalationLevel {
                name: clean_text(l.name.get_ref(), false),
                from,
                color: l.color.get_ref().clone(),
            });
        }
        out
    }

    /// Checks a colour name or `#rrggbb`.
    pub(super) fn color(&mut self, c: &Spanned<String>) {
        const NAMES: [&str; 16] = [
            "black",
            "red",
            "green",
            "yellow",
            "blue",
            "magenta",
            "cyan",
            "gray",
            "darkgray",
            "lightred",
            "lightgreen",
            "lightyellow",
            "lightblue",
            "lightmagenta",
            "lightcyan",
            "white",
        ];
        if ratatui::style::Color::from_str(c.get_ref()).is_err() {
            self.err(
                Diagnostic::new(
                    format!("`{}` is not a colour", super::shorten(c.get_ref())),
                    c.span(),
                )
                .help(super::effects::with_guess(
                    crate::scenario::suggest::did_you_mean(c.get_ref(), NAMES),
                    "use a name (red, green, yellow, blue, magenta, cyan, white, gray, lightred, lightblue, …) or \"#rrggbb\"".into(),
                )),
            );
        }
    }

    fn tension(&mut self, t: Option<&RawTension>) -> TensionModel {
        let default = RawTension::default();
        let t = t.unwrap_or(&default);
        let mut ceiling = [100.0; Category::COUNT];
        ceiling[Category::Sanction.index()] = 55.0;
        ceiling[Category::Diplomacy.index()] = 55.0;
        ceiling[Category::Economic.index()] = 45.0;
        for (k, v) in &t.ceiling {
            match Category::from_name(k.get_ref()) {
                Some(c) => ceiling[c.index()] = self.range("ceiling", v, 0.0, 100.0),
                None => self.err(
                    Diagnostic::new(format!("unknown category `{}`", super::shorten(k.get_ref())), k.span())
                        .help("categories are: diplomacy, economic, sanction, arms, military, intelligence"),
                ),
            }
        }
        let rd = Default::default();
        let r = t.richardson.as_ref().map_or(&rd, |r| r.get_ref());
        let reaction = self.opt_range("richardson.reaction", &r.reaction, 0.03, 0.0, 1.0);
        let restraint = self.opt_range("richardson.restraint", &r.restraint, 0.15, 0.0, 1.0);
        if reaction + restraint >= 2.0 {
            let span = r.reaction.as_ref().map_or(0..0, |x| x.span());
            self.err(Diagnostic::new(
                "reaction + restraint must stay below 2, or the arms race oscillates",
                span,
            ));
        }
        TensionModel {
            decay: self.opt_range("decay", &t.decay, 0.12, 0.0, 1.0),
            baseline: self.opt_range("baseline", &t.baseline, 5.0, 0.0, 100.0),
            hostility: self.opt_range("hostility", &t.hostility, 0.35, 0.0, 1.0),
            goldstein_scale: self.opt_range("goldstein_scale", &t.goldstein_scale, 1.0, 0.0, 10.0),
            relation_scale: self.opt_range("relation_scale", &t.relation_scale, 0.6, 0.0, 10.0),
            failure_share: self.opt_range("failure_share", &t.failure_share, 0.5, 0.0, 1.0),
            threat_decay: self.opt_range("threat_decay", &t.threat_decay, 0.1, 0.0, 1.0),
            buildup_threat: self.opt_range("buildup_threat", &t.buildup_threat, 1.0, 0.0, 10.0),
            pair_share: self.opt_range("pair_share", &t.pair_share, 0.7, 0.0, 1.0),
            clash_at: self.opt_range("clash_at", &t.clash_at, 100.0, 1.0, 100.0),
            sanction_drain: self.opt_range("sanction_drain", &t.sanction_drain, 0.5, 0.0, 10.0),
            sanction_cost: self.opt_range("sanction_cost", &t.sanction_cost, 0.08, 0.0, 10.0),
            ceiling,
            regional_power: match t.regional_power.as_ref() {
                None => 4,
                Some(p) if [2, 4, 8, 16].contains(p.get_ref()) => *p.get_ref(),
                Some(p) => {
                    self.err(
                        Diagnostic::new(format!("regional_power is {}", p.get_ref()), p.span())
                            .help("write 2, 4, 8 or 16 (higher: one hot pair counts for more)"),
                    );
                    4
                }
            },
            memory: self.opt_range("memory", &t.memory, 0.0, 0.0, 1.0),
            richardson: Richardson {
                reaction,
                restraint,
                grievance: self.opt_range("richardson.grievance", &r.grievance, 0.02, 0.0, 1.0),
            },
        }
    }

    /// Gathers actor and track ids so expressions anywhere can refer to them.
    pub(super) fn collect_names(&mut self, raw: &RawScenario) {
        if raw.actors.is_empty() {
            self.err(
                Diagnostic::new("the scenario has no actors", raw.scenario.span()).help(
                    "add at least one [[actors]] table with an id, name, colour, stats and capital",
                ),
            );
        }
        for a in raw.actors.iter().take(super::MAX_ACTORS) {
            let id = &a.get_ref().id;
            self.ident("actor", id);
            if GLOBAL_NAMES.contains(&id.get_ref().as_str()) {
                self.err(Diagnostic::new(
                    format!(
                        "`{}` is a reserved word and cannot be an actor id",
                        id.get_ref()
                    ),
                    id.span(),
                ));
            }
            self.actor_ids.push(id.get_ref().clone());
        }
        self.unique("actor", raw.actors.iter().map(|a| &a.get_ref().id));
        for t in raw.tracks.iter().take(super::MAX_TRACKS) {
            let t = t.get_ref();
            self.ident("track", &t.id);
            let id = t.id.get_ref().as_str();
            let reserved = GLOBAL_NAMES.contains(&id)
                || ACTOR_ATTRIBUTES.contains(&id)
                || Stat::from_name(id).is_some()
                || self.actor_ids.iter().any(|a| a == id);
            if reserved {
                self.err(
                    Diagnostic::new(format!("track id `{id}` is already a name in expressions"), t.id.span())
                        .help("choose another id; stats, actor ids and words like tension, turn, capital, threat are taken"),
                );
            }
            let scope = match t.scope.as_ref().map(|s| s.get_ref().as_str()) {
                None | Some("global") => TrackScope::Global,
                Some("actor") => TrackScope::PerActor,
                Some(other) => {
                    let span = t.scope.as_ref().map_or(0..0, |s| s.span());
                    self.err(
                        Diagnostic::new(format!("unknown scope `{}`", super::shorten(other)), span)
                            .help("scope is \"global\" (one value) or \"actor\" (one per actor)"),
                    );
                    TrackScope::Global
                }
            };
            self.track_names.push((id.to_string(), scope));
        }
        self.unique("track", raw.tracks.iter().map(|t| &t.get_ref().id));
        self.unique("deal", raw.deals.iter().map(|d| &d.get_ref().id));
        for d in &raw.deals {
            self.ident("deal", &d.get_ref().id);
            self.deal_ids.push(d.get_ref().id.get_ref().clone());
        }
        self.move_ids = raw
            .moves
            .iter()
            .map(|m| m.get_ref().id.get_ref().clone())
            .collect();
    }

    /// `[intelligence]`, `[council]` and `[[deals]]`.
    pub(super) fn mechanics(&mut self, raw: &RawScenario) -> (Intelligence, Council, Vec<Deal>) {
        let di = RawIntelligence::default();
        let i = raw.intelligence.as_ref().map_or(&di, |x| x.get_ref());
        let intelligence = Intelligence {
            spread: self.opt_range("spread", &i.spread, 25.0, 0.0, 100.0),
            reveal: self.opt_range("reveal", &i.reveal, 0.3, 0.0, 1.0),
            reveal_tension: self.opt_range("reveal_tension", &i.reveal_tension, 6.0, 0.0, 100.0),
            reveal_prestige: self.opt_range("reveal_prestige", &i.reveal_prestige, 3.0, 0.0, 100.0),
            surveillance_decay: self.opt_range(
                "surveillance_decay",
                &i.surveillance_decay,
                0.2,
                0.0,
                1.0,
            ),
            alarm_jump: self.opt_range("alarm_jump", &i.alarm_jump, 1.5, 0.0, 10.0),
        };
        let dc = RawCouncil::default();
        let c = raw.council.as_ref().map_or(&dc, |x| x.get_ref());
        let council = Council {
            name: c.name.as_ref().map_or_else(
                || "the Council".to_string(),
                |n| clean_text(n.get_ref(), false),
            ),
            strength: self.opt_range("strength", &c.strength, 1.5, 0.0, 10.0),
            veto_tension: self.opt_range("veto_tension", &c.veto_tension, 5.0, 0.0, 100.0),
            abstention: c.abstention.as_ref().is_some_and(|b| *b.get_ref()),
        };
        let mut deals = Vec::new();
        for d in &raw.deals {
            let d = d.get_ref();
            self.name("deal name", &d.name, MAX_NAME);
            let ctx = Ctx::of_move(true);
            let give = self.effect_list(&d.give, ctx, Place::Deal);
            let take = self.effect_list(&d.take, ctx, Place::Deal);
            let on_refuse = self.effect_list(&d.on_refuse, ctx, Place::Deal);
            let kind = match d.kind.as_ref().map(|k| k.get_ref().as_str()) {
                None | Some("offer") => DealKind::Offer,
                Some("demand") => DealKind::Demand,
                Some(other) => {
                    if let Some(k) = d.kind.as_ref() {
                        self.err(
                            Diagnostic::new(
                                format!("deal kind `{}` is not known", super::shorten(other)),
                                k.span(),
                            )
                            .help("write \"offer\" or \"demand\""),
                        );
                    }
                    DealKind::Offer
                }
            };
            let moves_of = |v: &mut Self,
                            list: &[Spanned<String>]|
             -> Vec<crate::scenario::MoveId> {
                list.iter()
                    .filter_map(|m| {
                        let found = v.move_ids.iter().position(|x| x == m.get_ref());
                        if found.is_none() {
                            v.err(
                                Diagnostic::new(
                                    format!("unknown move `{}`", super::shorten(m.get_ref())),
                                    m.span(),
                                )
                                .help(super::effects::with_guess(
                                    crate::scenario::suggest::did_you_mean(
                                        m.get_ref(),
                                        v.move_ids.iter().map(String::as_str),
                                    ),
                                    "list the ids of [[moves]] that break the deal".into(),
                                )),
                            );
                        }
                        found.map(|i| crate::scenario::MoveId(i as u16))
                    })
                    .collect()
            };
            let giver_breaks_with = moves_of(self, &d.giver_breaks_with);
            let taker_breaks_with = moves_of(self, &d.taker_breaks_with);
            let lasts = d.lasts.as_ref().map_or(6, |l| *l.get_ref());
            deals.push(Deal {
                id: d.id.get_ref().clone(),
                name: clean_text(d.name.get_ref(), false),
                description: clean_text(&d.description, true),
                give,
                take,
                lasts: lasts.min(1000),
                giver_breaks_with,
                taker_breaks_with,
                break_prestige: self.opt_range(
                    "break_prestige",
                    &d.break_prestige,
                    5.0,
                    0.0,
                    100.0,
                ),
                break_trust: self.opt_range("break_trust", &d.break_trust, 20.0, 0.0, 200.0),
                headline: self.template(&d.headline, ctx),
                kind,
                on_refuse,
            });
        }
        (intelligence, council, deals)
    }

    /// `[crisis]`: the ladder's stages (thresholds rising) and the clash risk.
    pub(super) fn crisis(&mut self, raw: &RawScenario) -> Crisis {
        let dc = RawCrisis::default();
        let c = raw.crisis.as_ref().map_or(&dc, |x| x.get_ref());
        if c.stages.len() > 8 {
            let span = c.stages[8].span();
            self.err(
                Diagnostic::new(format!("{} crisis stages; at most 8", c.stages.len()), span)
                    .help("merge neighbouring rungs"),
            );
        }
        let mut stages: Vec<CrisisStage> = Vec::new();
        for s in c.stages.iter().take(8) {
            let s = s.get_ref();
            self.name("crisis stage name", &s.name, 24);
            let at = self.range("at", &s.at, 1.0, 100.0);
            if let Some(prev) = stages.last()
                && at <= prev.at
            {
                self.err(
                    Diagnostic::new(
                        format!("stage at {at} is not above the one before ({})", prev.at),
                        s.at.span(),
                    )
                    .help("list the stages from the lowest threshold up"),
                );
            }
            stages.push(CrisisStage {
                name: clean_text(s.name.get_ref(), false),
                at,
            });
        }
        let clash = match &c.clash {
            Some(x) => {
                self.probability(x);
                self.amount(x, Ctx::of_move(true), Type::Num)
                    .unwrap_or(Expr::Num(0.0))
            }
            None => Expr::Num(0.0),
        };
        Crisis {
            stages,
            hysteresis: self.opt_range("hysteresis", &c.hysteresis, 8.0, 0.0, 50.0),
            clash,
        }
    }

    pub(super) fn relations(&mut self, raw: &RawScenario) -> (Vec<f64>, Vec<Option<f64>>, Vec<u8>) {
        let n = self.actor_ids.len();
        let mut rel = vec![0.0; n * n];
        let mut pt = vec![None; n * n];
        let mut sanc = vec![0u8; n * n];
        for r in &raw.relations {
            let r = r.get_ref();
            let from = self.actor_ref(&r.from);
            let to = self.actor_ref(&r.to);
            let value = self.range("relation", &r.value, -100.0, 100.0);
            let tension = r
                .tension
                .as_ref()
                .map(|t| self.range("tension", t, 0.0, 100.0));
            let (Some(a), Some(b)) = (from, to) else {
                continue;
            };
            if a == b {
                self.err(
                    Diagnostic::new("an actor's relation to itself is not a thing", r.to.span())
                        .help("from and to must be different actors"),
                );
                continue;
            }
            rel[a.index() * n + b.index()] = value;
            if r.mutual {
                rel[b.index() * n + a.index()] = value;
            }
            if let Some(t) = tension {
                pt[a.index() * n + b.index()] = Some(t);
                pt[b.index() * n + a.index()] = Some(t);
            }
        }
        for s in &raw.sanctions {
            let s = s.get_ref();
            let from = self.actor_ref(&s.from);
            let to = self.actor_ref(&s.to);
            let level = *s.level.get_ref();
            if !(0..=5).contains(&level) {
                self.err(
                    Diagnostic::new(format!("sanction level {level}"), s.level.span())
                        .help("sanction levels go from 0 (none) to 5 (embargo)"),
                );
                continue;
            }
            let (Some(a), Some(b)) = (from, to) else {
                continue;
            };
            if a == b {
                self.err(Diagnostic::new(
                    "an actor cannot sanction itself",
                    s.to.span(),
                ));
                continue;
            }
            sanc[a.index() * n + b.index()] = level as u8;
        }
        (rel, pt, sanc)
    }

    pub(super) fn events(&mut self, raw: &RawScenario) -> Vec<ScriptedEvent> {
        self.unique("event", raw.events.iter().map(|e| &e.get_ref().id));
        let mut out = Vec::new();
        for e in raw.events.iter().take(MAX_EVENTS) {
            let e = e.get_ref();
            self.ident("event", &e.id);
            let when = self.expr(&e.when, Ctx::WORLD, Type::Bool);
            let chance = match &e.chance {
                Some(c) => {
                    self.probability(c);
                    self.amount(c, Ctx::WORLD, Type::Num)
                }
                None => Some(crate::scenario::expr::Expr::Num(1.0)),
            };
            let effects = self.effect_list(&e.effects, Ctx::WORLD, Place::Event);
            let headline = self.template(&e.headline, Ctx::WORLD);
            if let Some(extra) = e.more_headlines.get(MAX_MORE_HEADLINES) {
                self.err(
                    Diagnostic::new(
                        format!(
                            "event `{}` has {} more headlines; at most {MAX_MORE_HEADLINES}",
                            e.id.get_ref(),
                            e.more_headlines.len()
                        ),
                        extra.span(),
                    )
                    .help("keep the few that read best"),
                );
            }
            let more_headlines = e
                .more_headlines
                .iter()
                .take(MAX_MORE_HEADLINES)
                .map(|h| self.template(h, Ctx::WORLD))
                .collect();
            if let (Some(when), Some(chance)) = (when, chance) {
                out.push(ScriptedEvent {
                    id: e.id.get_ref().clone(),
                    name: clean_text(e.name.as_deref().unwrap_or(e.id.get_ref()), false),
                    when,
                    chance,
                    repeat: e.repeat,
                    injectable: e.injectable,
                    effects,
                    headline,
                    more_headlines,
                });
            }
        }
        out
    }

    pub(super) fn endings(&mut self, raw: &RawScenario) -> Vec<Ending> {
        self.unique("ending", raw.endings.iter().map(|e| &e.get_ref().id));
        let mut out = Vec::new();
        for e in raw.endings.iter().take(super::MAX_ENDINGS) {
            let e = e.get_ref();
            self.ident("ending", &e.id);
            let when = self.expr(&e.when, Ctx::WORLD, Type::Bool);
            let headline = e.headline.as_ref().map(|h| self.template(h, Ctx::WORLD));
            if let Some(when) = when {
                out.push(Ending {
                    id: e.id.get_ref().clone(),
                    when,
                    text: clean_text(e.text.get_ref(), true),
                    headline,
                });
            }
        }
        out
    }
}

/// `"YYYY-MM"` to (year, month).
fn parse_month(s: &str) -> Option<(i32, u32)> {
    let (y, m) = s.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let y: i32 = y.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    (1..=12).contains(&m).then_some((y, m))
}
