//! Turns a [`RawScenario`] into a [`Scenario`], or explains every mistake.
//!
//! Validation collects all problems it can find rather than stopping at the
//! first, so an author fixes a file in one pass. Each problem carries the
//! byte span of the offending value; [`ScenarioError`] turns that into
//! `file:line:col` with the line shown.

mod actors;
mod effects;
mod limits;
mod moves;
mod scenario_tests;
mod world;

use std::ops::Range;

use crate::scenario::raw::Spanned;

use super::diagnostic::{Diagnostic, ScenarioError};
use super::expr::{self, Expr, Names, TrackScope, Type, Who};
use super::model::{Piece, Scenario, Template};
use super::raw::{RawExpr, RawScenario};
use crate::scenario::ids::{ActorId, Stat};

/// Largest scenario file accepted (bytes). Real scenarios are tens of KiB.
pub const MAX_FILE_BYTES: usize = 1 << 20;
/// Most actors a scenario may have.
pub const MAX_ACTORS: usize = 24;
/// Most moves a scenario may have.
pub const MAX_MOVES: usize = 200;
/// Most tracks a scenario may have.
pub const MAX_TRACKS: usize = 100;
/// Most scripted events a scenario may have.
pub const MAX_EVENTS: usize = 500;
/// Most `more_headlines` of one event.
pub const MAX_MORE_HEADLINES: usize = 8;
/// Most endings a scenario may have.
pub const MAX_ENDINGS: usize = 50;
/// Most escalation levels a scenario may have.
pub const MAX_LEVELS: usize = 12;
/// Most turns a game may last.
pub const MAX_TURNS: u32 = 240;
/// Most effects in one list.
pub const MAX_EFFECTS: usize = 40;

/// Parses and validates scenario text. `origin` names the file in messages.
pub fn load_str(origin: &str, text: &str) -> Result<Scenario, ScenarioError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ScenarioError::single(
            origin,
            "",
            Diagnostic::new(
                format!(
                    "the file is {} bytes; a scenario may be at most {MAX_FILE_BYTES} bytes",
                    text.len()
                ),
                0..0,
            )
            .help("is this really a scenario file? Real scenarios are a few dozen KiB"),
        ));
    }
    if text.trim().is_empty() {
        return Err(ScenarioError::single(
            origin,
            text,
            Diagnostic::new("the file is empty", 0..0).help(
                "a scenario needs at least a [scenario] table, one [[actors]] entry and one [[moves]] entry; see docs/scenario-format.md",
            ),
        ));
    }
    let raw: RawScenario = toml::from_str(text).map_err(|e| ScenarioError {
        origin: origin.to_string(),
        text: text.to_string(),
        diagnostics: super::syntax::explain(text, &e),
    })?;
    Validator::new(text).run(origin, raw)
}

/// Like [`load_str`], for bytes that may not be UTF-8.
pub fn load_bytes(origin: &str, bytes: &[u8]) -> Result<Scenario, ScenarioError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(origin, text),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // Show the text up to the bad byte, so line and column are right.
            let text = String::from_utf8_lossy(good).into_owned();
            let at = text.len();
            Err(ScenarioError::single(
                origin,
                &text,
                Diagnostic::new(
                    format!(
                        "the file is not valid UTF-8 (bad byte 0x{:02x})",
                        bytes[e.valid_up_to()]
                    ),
                    at..at,
                )
                .help("save the file as UTF-8 text in your editor"),
            ))
        }
    }
}

/// The state of one validation pass.
pub(crate) struct Validator<'t> {
    text: &'t str,
    diags: Vec<Diagnostic>,
    actor_ids: Vec<String>,
    track_names: Vec<(String, TrackScope)>,
    deal_ids: Vec<String>,
    move_ids: Vec<String>,
}

/// Which names an expression or effect may use.
#[derive(Clone, Copy)]
pub(crate) struct Ctx {
    me: bool,
    target: bool,
    level: bool,
}

impl Ctx {
    /// Events and endings: only named actors.
    pub(crate) const WORLD: Ctx = Ctx {
        me: false,
        target: false,
        level: false,
    };
    /// Objectives: `self` is the owner.
    pub(crate) const OBJECTIVE: Ctx = Ctx {
        me: true,
        target: false,
        level: false,
    };
    /// Moves: `self`, `level`, and `target` when the move has one.
    pub(crate) fn of_move(targeted: bool) -> Ctx {
        Ctx {
            me: true,
            target: targeted,
            level: true,
        }
    }
}

impl<'t> Validator<'t> {
    fn new(text: &'t str) -> Self {
        Validator {
            text,
            diags: Vec::new(),
            actor_ids: Vec::new(),
            track_names: Vec::new(),
            deal_ids: Vec::new(),
            move_ids: Vec::new(),
        }
    }

    fn run(mut self, origin: &str, raw: RawScenario) -> Result<Scenario, ScenarioError> {
        if self.over_limits(&raw) {
            return Err(self.into_error(origin));
        }
        let (meta, levels, tension) = self.world(&raw);
        self.collect_names(&raw);
        let actors = self.actors(&raw);
        let tracks = self.tracks(&raw);
        let (relations, pair_tension, sanctions) = self.relations(&raw);
        let moves = self.moves(&raw);
        let events = self.events(&raw);
        let endings = self.endings(&raw);
        let (intelligence, council, deals) = self.mechanics(&raw);
        let crisis = self.crisis(&raw);
        let tests = self.scenario_tests(&raw, &moves, &endings, meta.turns);
        if !self.diags.is_empty() {
            return Err(self.into_error(origin));
        }
        let systems = super::model::collect_systems(&moves, &events, &deals);
        Ok(Scenario {
            systems,
            origin: origin.to_string(),
            source: self.text.to_string(),
            meta,
            levels,
            tension,
            actors,
            relations,
            pair_tension,
            sanctions,
            tracks,
            moves,
            events,
            endings,
            intelligence,
            council,
            deals,
            crisis,
            tests,
        })
    }

    /// The problems found, in file order.
    fn into_error(self, origin: &str) -> ScenarioError {
        let mut diagnostics = self.diags;
        diagnostics.sort_by_key(|d| d.span.start);
        ScenarioError {
            origin: origin.to_string(),
            text: self.text.to_string(),
            diagnostics,
        }
    }

    /// Checks a name players see: visible, one line, not too wide.
    pub(crate) fn name(&mut self, what: &str, s: &Spanned<String>, max: usize) {
        if let Some((message, help)) = super::names::name_problem(what, s.get_ref(), max) {
            self.err(Diagnostic::new(message, s.span()).help(help));
        }
    }

    /// Records a problem.
    pub(crate) fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Checks `value` lies in `lo..=hi`; returns it clamped either way.
    pub(crate) fn range(&mut self, what: &str, v: &Spanned<f64>, lo: f64, hi: f64) -> f64 {
        let x = *v.get_ref();
        if !(lo..=hi).contains(&x) {
            self.err(
                Diagnostic::new(format!("{what} is {x}, outside {lo}–{hi}"), v.span())
                    .label("out of range")
                    .help(format!("use a value from {lo} to {hi}")),
            );
            return x.clamp(lo, hi);
        }
        x
    }

    /// Like [`Self::range`] for an optional key with a default.
    pub(crate) fn opt_range(
        &mut self,
        what: &str,
        v: &Option<Spanned<f64>>,
        default: f64,
        lo: f64,
        hi: f64,
    ) -> f64 {
        v.as_ref().map_or(default, |v| self.range(what, v, lo, hi))
    }

    /// Checks an id is a lower-case name usable in expressions.
    pub(crate) fn ident(&mut self, what: &str, id: &Spanned<String>) {
        if let Some((why, help)) = id_problem(id.get_ref()) {
            self.err(
                Diagnostic::new(
                    format!("{what} id `{}` is not valid: {why}", shorten(id.get_ref())),
                    id.span(),
                )
                .help(help),
            );
        }
    }

    /// Reports ids that appear twice.
    pub(crate) fn unique<'a>(
        &mut self,
        what: &str,
        ids: impl Iterator<Item = &'a Spanned<String>>,
    ) {
        let mut seen: Vec<&Spanned<String>> = Vec::new();
        for id in ids {
            if let Some(first) = seen.iter().find(|s| s.get_ref() == id.get_ref()) {
                let (line, _) = super::diagnostic::line_col(self.text, first.span().start);
                self.err(
                    Diagnostic::new(
                        format!("duplicate {what} id `{}`", shorten(id.get_ref())),
                        id.span(),
                    )
                    .label("used before")
                    .help(format!(
                        "the first `{}` is on line {line}; give each {what} its own id",
                        shorten(id.get_ref())
                    )),
                );
            } else {
                seen.push(id);
            }
        }
    }

    /// Resolves an actor id string.
    pub(crate) fn actor_ref(&mut self, s: &Spanned<String>) -> Option<ActorId> {
        let found = self.actor_ids.iter().position(|a| a == s.get_ref());
        if found.is_none() {
            let valid = self.actor_list();
            let guess = crate::scenario::suggest::did_you_mean(
                s.get_ref(),
                self.actor_ids.iter().map(String::as_str),
            );
            self.err(
                Diagnostic::new(
                    format!("unknown actor `{}`", shorten(s.get_ref())),
                    s.span(),
                )
                .label("not an actor of this scenario")
                .help(effects::with_guess(guess, format!("actors are: {valid}"))),
            );
        }
        found.map(|i| ActorId(i as u16))
    }

    pub(crate) fn actor_list(&self) -> String {
        self.actor_ids
            .iter()
            .map(|a| format!("`{a}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Resolves `self`, `target` or an actor id, as allowed by `ctx`.
    pub(crate) fn who(&mut self, s: &Spanned<String>, ctx: Ctx) -> Option<Who> {
        match s.get_ref().as_str() {
            "self" if ctx.me => Some(Who::Me),
            "target" if ctx.target => Some(Who::Target),
            "self" | "target" => {
                let valid = self.actor_list();
                self.err(
                    Diagnostic::new(format!("`{}` has no meaning here", s.get_ref()), s.span()).help(
                        if s.get_ref() == "target" && ctx.me {
                            "this move has no target (`target = \"none\"`); name an actor or use `self`".to_string()
                        } else {
                            format!("events and endings have no acting actor; name one of: {valid}")
                        },
                    ),
                );
                None
            }
            _ => self.actor_ref(s).map(Who::Actor),
        }
    }

    /// Byte offset where the content of a quoted string value starts.
    pub(crate) fn content_start(&self, span: Range<usize>) -> usize {
        let src = self.text.get(span.start..).unwrap_or("");
        if src.starts_with("\"\"\"") || src.starts_with("'''") {
            // A newline right after the opening quotes is not part of the value.
            let after = span.start + 3;
            match self.text.get(after..after + 1) {
                Some("\n") => after + 1,
                _ => after,
            }
        } else if src.starts_with('"') || src.starts_with('\'') {
            span.start + 1
        } else {
            span.start
        }
    }

    /// Compiles an expression string, reporting errors at their column in the file.
    pub(crate) fn expr(&mut self, s: &Spanned<String>, ctx: Ctx, want: Type) -> Option<Expr> {
        let names = Names {
            actors: &self.actor_ids,
            tracks: &self.track_names,
            me: ctx.me,
            target: ctx.target,
            level: ctx.level,
            endings: None,
        };
        let compiled = self.compile_with(s, &names, want);
        match compiled {
            Ok(e) => Some(e),
            Err(d) => {
                self.err(d);
                None
            }
        }
    }

    /// Compiles an expression with these names; an error is a diagnostic
    /// at its column in the file.
    pub(crate) fn compile_with(
        &self,
        s: &Spanned<String>,
        names: &Names,
        want: Type,
    ) -> Result<Expr, Diagnostic> {
        match expr::compile(s.get_ref(), names, want) {
            Ok(e) => Ok(e),
            Err(e) => {
                let base = self.content_start(s.span());
                let end = s.span().end;
                let span = (base + e.span.start).min(end)..(base + e.span.end).min(end);
                let mut d = Diagnostic::new(
                    format!("in expression `{}`: {}", shorten(s.get_ref()), e.message),
                    span,
                );
                if let Some(h) = e.help {
                    d = d.help(h);
                }
                Err(d)
            }
        }
    }

    /// Compiles a number-or-expression value.
    pub(crate) fn amount(&mut self, v: &Spanned<RawExpr>, ctx: Ctx, want: Type) -> Option<Expr> {
        match v.get_ref() {
            RawExpr::Num(x) if want == Type::Num => Some(Expr::Num(*x)),
            RawExpr::Num(_) => {
                self.err(
                    Diagnostic::new("expected a condition in quotes, found a number", v.span())
                        .help("write a condition such as \"tension >= 60\""),
                );
                None
            }
            RawExpr::Text(t) => self.expr(&Spanned::new(v.span(), t.clone()), ctx, want),
        }
    }

    /// Parses a headline with `{actor}`, `{target}`, `{level}`, `{label}` or `{<actor id>}`.
    pub(crate) fn template(&mut self, s: &Spanned<String>, ctx: Ctx) -> Template {
        let text = clean_text(s.get_ref(), false);
        let base = self.content_start(s.span());
        let mut pieces = Vec::new();
        let mut rest = text.as_str();
        let mut offset = 0;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                pieces.push(Piece::Text(rest[..open].to_string()));
            }
            let Some(close) = rest[open..].find('}') else {
                self.err(
                    Diagnostic::new(
                        "a `{` in this headline is never closed",
                        base + offset + open..base + offset + open + 1,
                    )
                    .help("placeholders look like {actor}, {target}, {level}, {label} or {us}"),
                );
                return Template(vec![Piece::Text(text.clone())]);
            };
            let name = &rest[open + 1..open + close];
            let span = base + offset + open..base + offset + open + close + 1;
            let piece = match name {
                "actor" if ctx.me => Some(Piece::Actor),
                "target" if ctx.target => Some(Piece::Target),
                "level" if ctx.level => Some(Piece::Level),
                "label" if ctx.level => Some(Piece::Label),
                _ => self
                    .actor_ids
                    .iter()
                    .position(|a| a == name)
                    .map(|i| Piece::Name(ActorId(i as u16))),
            };
            match piece {
                Some(p) => pieces.push(p),
                None => {
                    let mut valid = Vec::new();
                    if ctx.me {
                        valid.push("{actor}");
                    }
                    if ctx.target {
                        valid.push("{target}");
                    }
                    if ctx.level {
                        valid.extend(["{level}", "{label}"]);
                    }
                    let names = self
                        .actor_ids
                        .iter()
                        .map(|a| format!("{{{a}}}"))
                        .collect::<Vec<_>>();
                    let all: Vec<String> =
                        valid.into_iter().map(String::from).chain(names).collect();
                    let wrapped = format!("{{{name}}}");
                    let guess = crate::scenario::suggest::did_you_mean(
                        &wrapped,
                        all.iter().map(String::as_str),
                    );
                    self.err(
                        Diagnostic::new(
                            format!("unknown placeholder `{{{}}}` in headline", shorten(name)),
                            span,
                        )
                        .help(effects::with_guess(
                            guess,
                            format!("placeholders here are: {}", all.join(", ")),
                        )),
                    );
                }
            }
            offset += open + close + 1;
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_string()));
        }
        Template(pieces)
    }
}

/// Why `s` cannot be an id, and a valid id close to it: (why, help).
/// Shared with `flashpoint new`, which checks the ids it is given.
pub fn id_problem(s: &str) -> Option<(String, String)> {
    let why = if s.is_empty() {
        "it is empty".to_string()
    } else if s.chars().count() > 40 {
        format!("it is {} characters long; at most 40", s.chars().count())
    } else if !s.starts_with(|c: char| c.is_ascii_lowercase()) {
        "it must start with a lower-case letter a-z".to_string()
    } else if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_'))
    {
        format!("`{c}` is not allowed in ids")
    } else {
        return None;
    };
    let fixed = id_like(s);
    let example = if fixed.is_empty() || fixed == s {
        "e.g. `north_korea`".to_string()
    } else {
        format!("e.g. `{fixed}`")
    };
    Some((
        why,
        format!(
            "ids start with a lower-case letter and use only a-z, 0-9 and _ (at most 40 characters), {example}"
        ),
    ))
}

/// A valid id made from `s` as well as can be ("North Korea" → `north_korea`).
fn id_like(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if (c == '_' || c == ' ' || c == '-' || c == '.') && !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out
        .trim_matches('_')
        .trim_start_matches(|c: char| c.is_ascii_digit());
    out.chars().take(40).collect()
}

/// Longest user value echoed in a message; longer ones are cut with `…`.
pub(crate) const ECHO_CHARS: usize = 60;

/// A user's value as it may appear inside a message: cut to
/// [`ECHO_CHARS`] characters, so a 400 KB expression or a 10,000-character
/// name is never printed in full (the snippet under the message shows
/// where it is).
pub(crate) fn shorten(s: &str) -> String {
    if s.chars().count() <= ECHO_CHARS {
        return s.to_string();
    }
    let head: String = s.chars().take(ECHO_CHARS - 1).collect();
    format!("{head}…")
}

/// A message with every quoted or back-ticked value in it cut by
/// [`shorten`] (serde's messages quote the user's value in full).
pub(crate) fn shorten_quoted(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len().min(1000));
    let mut rest = msg;
    while let Some(open) = rest.find(['`', '"']) {
        let q = &rest[open..open + 1];
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        match after.find(q) {
            Some(close) => {
                out.push_str(&shorten(&after[..close]));
                out.push_str(q);
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&shorten(after));
                return out;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Removes control characters (escape sequences, bells, …) from scenario
/// text, so a file can never send commands to the player's terminal.
/// Newlines and tabs survive where `multiline` is set.
pub fn clean_text(s: &str, multiline: bool) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\n' if multiline => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            // Bidirectional overrides can disguise text; drop them too.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => None,
            c => Some(c),
        })
        .collect()
}

/// Stats as an array in [`Stat::ALL`] order, from the raw table.
pub(crate) fn stat_array(v: &mut Validator, raw: &super::raw::RawStats) -> [f64; 5] {
    let pairs = [
        (Stat::Military, &raw.military),
        (Stat::Economy, &raw.economy),
        (Stat::Stability, &raw.stability),
        (Stat::Prestige, &raw.prestige),
        (Stat::Intel, &raw.intel),
    ];
    let mut out = [0.0; 5];
    for (s, val) in pairs {
        out[s.index()] = v.range(s.name(), val, 0.0, 100.0);
    }
    out
}
