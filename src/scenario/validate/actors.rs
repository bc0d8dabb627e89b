//! Validation of actors (stats, capital, AI personality, objectives) and tracks.

use super::{Ctx, Validator, clean_text, stat_array};
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::expr::Type;
use crate::scenario::model::{Actor, Capital, Objective, Over, Personality, Scope, Stage, Track};
use crate::scenario::names::{MAX_ACTOR_NAME, MAX_NAME, MAX_SHORT_NAME};
use crate::scenario::raw::{RawAi, RawScenario};

impl Validator<'_> {
    pub(super) fn actors(&mut self, raw: &RawScenario) -> Vec<Actor> {
        let n = self.actor_ids.len();
        let mut out = Vec::new();
        for a in raw.actors.iter().take(n) {
            let a = a.get_ref();
            self.name("actor name", &a.name, MAX_ACTOR_NAME);
            if let Some(short) = &a.short {
                self.name("short name", short, MAX_SHORT_NAME);
            }
            if let Some(text) = &a.in_sentence {
                self.name("name in a sentence", text, MAX_ACTOR_NAME);
            }
            self.color(&a.color);
            let (mut veto, mut council) = (false, false);
            for f in &a.flags {
                match f.get_ref().as_str() {
                    "veto" => veto = true,
                    "council" => council = true,
                    other => self.err(
                        Diagnostic::new(
                            format!("unknown flag `{}`", super::shorten(other)),
                            f.span(),
                        )
                        .help(super::effects::with_guess(
                            crate::scenario::suggest::did_you_mean(other, ["council", "veto"]),
                            "flags are: \"council\" (sits on the council), \"veto\" (holds a veto)"
                                .into(),
                        )),
                    ),
                }
            }
            let stats = stat_array(self, a.stats.get_ref());
            let c = a.capital.get_ref();
            let capital = Capital {
                start: self.range("capital.start", &c.start, 0.0, 1000.0),
                income: self.range("capital.income", &c.income, 0.0, 1000.0),
                max: self.range("capital.max", &c.max, 1.0, 1000.0),
            };
            if capital.start > capital.max {
                self.err(
                    Diagnostic::new("capital.start is above capital.max", c.start.span())
                        .help("an actor cannot start with more capital than it may hold"),
                );
            }
            let threat = self.opt_range("threat", &a.threat, 10.0, 0.0, 100.0);
            let location = a.location.as_ref().and_then(|l| {
                let g = l.get_ref();
                if (-180.0..=180.0).contains(&g.lon) && (-90.0..=90.0).contains(&g.lat) {
                    Some((g.lon, g.lat))
                } else {
                    self.err(
                        Diagnostic::new("location is off the map", l.span())
                            .help("lon is -180..180, lat is -90..90"),
                    );
                    None
                }
            });
            let default_ai = RawAi::default();
            let ai_raw = a.ai.as_ref().map_or(&default_ai, |x| x.get_ref());
            let mut regard = vec![0.0; n];
            for (k, v) in &ai_raw.regard {
                let val = self.range("regard", v, -1.0, 1.0);
                if let Some(t) = self.actor_ref(k) {
                    regard[t.index()] = val;
                }
            }
            let ai = Personality {
                hawkishness: self.opt_range("hawkishness", &ai_raw.hawkishness, 0.5, 0.0, 1.0),
                risk_tolerance: self.opt_range(
                    "risk_tolerance",
                    &ai_raw.risk_tolerance,
                    0.5,
                    0.0,
                    1.0,
                ),
                activity: self.opt_range("activity", &ai_raw.activity, 0.8, 0.0, 1.0),
                regard,
                reciprocity: self.opt_range("reciprocity", &ai_raw.reciprocity, 0.0, 0.0, 1.0),
            };
            if a.objectives.len() > 20 {
                self.err(Diagnostic::new(
                    "more than 20 objectives for one actor",
                    a.objectives[20].span(),
                ));
            }
            let mut objectives = Vec::new();
            for o in a.objectives.iter().take(20) {
                let o = o.get_ref();
                let weight = self.opt_range("weight", &o.weight, 1.0, 0.0, 100.0);
                let over = match o.over.as_ref().map(|s| s.get_ref().as_str()) {
                    None | Some("end") => Over::End,
                    Some("game") => Over::Game,
                    Some(other) => {
                        let span = o.over.as_ref().map_or(0..0, |s| s.span());
                        self.err(Diagnostic::new(format!("unknown `over = \"{}\"`", super::shorten(other)), span).help(
                            "\"end\" judges the objective on the last turn; \"game\" scores the share of turns it held",
                        ));
                        Over::End
                    }
                };
                if let Some(condition) = self.expr(&o.condition, Ctx::OBJECTIVE, Type::Bool) {
                    objectives.push(Objective {
                        text: clean_text(o.text.get_ref(), false),
                        weight,
                        condition,
                        over,
                    });
                }
            }
            if !a.objectives.is_empty()
                && objectives.iter().all(|o| o.weight == 0.0)
                && objectives.len() == a.objectives.len()
            {
                self.err(
                    Diagnostic::new(format!("every objective of `{}` has weight 0", a.id.get_ref()), a.objectives[0].span())
                        .help("an actor whose objectives weigh nothing can never score; give at least one a positive weight"),
                );
            }
            out.push(Actor {
                id: a.id.get_ref().clone(),
                name: clean_text(a.name.get_ref(), false),
                short: a.short.as_ref().map_or_else(
                    || a.id.get_ref().to_uppercase(),
                    |s| clean_text(s.get_ref(), false),
                ),
                in_sentence: clean_text(a.in_sentence.as_ref().unwrap_or(&a.name).get_ref(), false),
                color: a.color.get_ref().clone(),
                veto,
                council,
                stats,
                capital,
                threat,
                location,
                briefing: clean_text(&a.briefing, true),
                ai,
                objectives,
            });
        }
        out
    }

    pub(super) fn tracks(&mut self, raw: &RawScenario) -> Vec<Track> {
        let n = self.actor_ids.len();
        let mut out = Vec::new();
        for (t, (_, scope)) in raw.tracks.iter().zip(self.track_names.clone()) {
            let t = t.get_ref();
            self.name("track name", &t.name, MAX_NAME);
            let scope = match scope {
                crate::scenario::expr::TrackScope::Global => Scope::Global,
                crate::scenario::expr::TrackScope::PerActor => Scope::PerActor,
            };
            let min = self.opt_range("min", &t.min, 0.0, -1e6, 1e6);
            let max = self.opt_range("max", &t.max, 100.0, -1e6, 1e6);
            if min >= max {
                let span = t
                    .max
                    .as_ref()
                    .or(t.min.as_ref())
                    .map_or(t.id.span(), |x| x.span());
                self.err(
                    Diagnostic::new(
                        format!("track `{}` has min {min} and max {max}", t.id.get_ref()),
                        span,
                    )
                    .help("min must be below max"),
                );
            }
            let init = t
                .initial
                .as_ref()
                .map_or(min, |v| self.range("initial", v, min, max.max(min)));
            let mut initial = match scope {
                Scope::Global => vec![init],
                Scope::PerActor => vec![init; n],
            };
            for (k, v) in &t.initial_for {
                if scope == Scope::Global {
                    self.err(
                        Diagnostic::new(
                            "initial_for is only for tracks with scope = \"actor\"",
                            k.span(),
                        )
                        .help("use initial for a global track"),
                    );
                    continue;
                }
                let val = self.range("initial", v, min, max.max(min));
                if let Some(a) = self.actor_ref(k) {
                    initial[a.index()] = val;
                }
            }
            let mut known_to = vec![false; n];
            for k in &t.known_to {
                if let Some(a) = self.actor_ref(k) {
                    known_to[a.index()] = true;
                }
            }
            if !t.known_to.is_empty() && !t.secret {
                self.err(
                    Diagnostic::new(
                        "known_to only matters for a secret track",
                        t.known_to[0].span(),
                    )
                    .help("add secret = true, or remove known_to"),
                );
            }
            let mut stages = Vec::new();
            let mut last = f64::NEG_INFINITY;
            for s in &t.stages {
                let s = s.get_ref();
                self.name("stage name", &s.name, MAX_NAME);
                let at = self.range("stage start", &s.at, min, max.max(min));
                if at <= last {
                    self.err(Diagnostic::new(
                        "stages must be listed in rising order",
                        s.at.span(),
                    ));
                }
                last = at;
                stages.push(Stage {
                    at,
                    name: clean_text(s.name.get_ref(), false),
                    headline: s.headline.as_ref().map(|h| self.template(h, Ctx::WORLD)),
                });
            }
            out.push(Track {
                id: t.id.get_ref().clone(),
                name: clean_text(t.name.get_ref(), false),
                description: clean_text(&t.description, true),
                scope,
                min,
                max: max.max(min + 1.0),
                initial,
                secret: t.secret,
                known_to,
                stages,
            });
        }
        out
    }
}
