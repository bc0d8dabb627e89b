//! Scenario expressions: conditions (`tension >= 60 and arms_deal > 50`) and
//! amounts (`-2 * level`).
//!
//! Text is parsed once at load time ([`parse`]) and compiled against the
//! scenario's names ([`compile`]), so an unknown actor or track is an error
//! with a column, never a surprise in the middle of a game. Evaluation uses
//! only `+ - * /`, comparisons, `min`/`max`/`abs`/`clamp`: the same bits on
//! every machine.

mod parse;

pub use parse::{Ast, AstKind, BinOp, ExprError, MAX_EXPR_LEN, parse};

use crate::scenario::ids::{ActorId, Stat, TrackId};

/// Which actor a name refers to: a fixed one, or the one a move is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Who {
    /// A named actor of the scenario.
    Actor(ActorId),
    /// The actor giving the order (`self`), or owning the objective.
    Me,
    /// The target of the order (`target`).
    Target,
}

/// A value of the game state an expression can read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Var {
    /// The number of the current turn, starting at 1.
    Turn,
    /// Turns left before the turn limit.
    TurnsLeft,
    /// Regional tension, 0–100.
    Regional,
    /// The level the player chose for this move.
    Level,
    /// One of an actor's five stats.
    Stat(Who, Stat),
    /// Political capital available.
    Capital(Who),
    /// Threat perception, 0–100.
    Threat(Who),
    /// Factories producing in this actor's territory.
    Factories(Who),
    /// Arms shipments on their way to this actor.
    Incoming(Who),
    /// A global track (`None`) or an actor's own track.
    Track(TrackId, Option<Who>),
    /// How the first actor regards the second, −100–100.
    Relation(Who, Who),
    /// Tension between two actors, 0–100.
    PairTension(Who, Who),
    /// Sanction level the first actor imposes on the second, 0–5.
    Sanction(Who, Who),
    /// Deals offered by the first actor to the second, awaiting an answer.
    Offered(Who, Who),
    /// Demands pending from the first actor to the second (deals of kind "demand").
    Demanded(Who, Who),
    /// Council resolutions against this actor awaiting their vote.
    Proposed(Who),
    /// Council sanction level on this actor, 0–5.
    CouncilSanction(Who),
    /// The crisis stage of a pair (0: no crisis; see `[crisis]`).
    Stage(Who, Who),
    /// How many of a track's named stages its value has reached
    /// (`stage(arms_deal)`, `stage(dprk.plants)`): 0 before the first.
    TrackStage(TrackId, Option<Who>),
    /// Whether the game has ended, and how (`ended()`, `ended(clash)`,
    /// `ended(grand_bargain)`): 1 or 0. Only `[[tests]]` expectations may
    /// read it, since endings and events are what make a game end.
    Ended(End),
}

/// How a game may have ended, as `ended(...)` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// In any way (`ended()`).
    Any,
    /// On the turn limit (`ended(turn_limit)`).
    TurnLimit,
    /// In an armed clash (`ended(clash)`).
    Clash,
    /// With the scenario's ending of this index (`ended(<ending id>)`).
    Ending(u16),
}

/// The functions an expression may call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    Min,
    Max,
    Abs,
    Clamp,
    /// `if(condition, then, else)`: a number chosen by a condition.
    If,
}

/// A compiled expression: names resolved to typed references.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Num(f64),
    Var(Var),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

/// Whether an expression yields a number or a truth value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Num,
    Bool,
}

/// Where a track lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrackScope {
    /// One value for the whole game.
    Global,
    /// One value per actor.
    PerActor,
}

/// The names an expression may use in one place of the scenario.
pub struct Names<'a> {
    /// Actor ids in scenario order.
    pub actors: &'a [String],
    /// Track ids in scenario order, with their scope.
    pub tracks: &'a [(String, TrackScope)],
    /// `self` is allowed (moves, objectives).
    pub me: bool,
    /// `target` is allowed (moves aimed at an actor).
    pub target: bool,
    /// `level` is allowed (moves).
    pub level: bool,
    /// Ending ids, when `ended(...)` is allowed (`[[tests]]` expectations
    /// only); `None` elsewhere.
    pub endings: Option<&'a [String]>,
}

/// Actor attributes that are not stats and not tracks; track ids may not reuse them.
pub const ACTOR_ATTRIBUTES: [&str; 4] = ["capital", "threat", "factories", "incoming"];
/// Global names built into every scenario; track and actor ids may not reuse them.
pub const GLOBAL_NAMES: [&str; 12] = [
    "turn",
    "turns_left",
    "tension",
    "level",
    "self",
    "target",
    "true",
    "false",
    "and",
    "or",
    "not",
    "track",
];

/// Reads the game state for an evaluation; the engine implements it.
pub trait Env {
    /// The current value of a variable.
    fn var(&self, v: Var) -> f64;
}

/// Parses and compiles `src`, checking it yields `want`.
pub fn compile(src: &str, names: &Names, want: Type) -> Result<Expr, ExprError> {
    let ast = parse(src)?;
    let (expr, ty) = resolve(&ast, names)?;
    if ty != want {
        let (msg, help) = match want {
            Type::Bool => (
                "this must be a condition (true or false), but it is a number",
                "compare it with something, e.g. `tension >= 60`",
            ),
            Type::Num => (
                "this must be a number, but it is a condition",
                "remove the comparison, or use a number",
            ),
        };
        return Err(ExprError::new(msg, ast.span.clone()).with_help(help));
    }
    Ok(expr)
}

fn resolve(ast: &Ast, names: &Names) -> Result<(Expr, Type), ExprError> {
    let num = |e: &Ast, names: &Names| -> Result<Expr, ExprError> {
        let (x, t) = resolve(e, names)?;
        if t != Type::Num {
            return Err(ExprError::new(
                "expected a number here, found a condition",
                e.span.clone(),
            ));
        }
        Ok(x)
    };
    let boolean = |e: &Ast, names: &Names| -> Result<Expr, ExprError> {
        let (x, t) = resolve(e, names)?;
        if t != Type::Bool {
            return Err(ExprError::new(
                "expected a condition here, found a number",
                e.span.clone(),
            )
            .with_help("compare it with something, e.g. `x > 0`"));
        }
        Ok(x)
    };
    Ok(match &ast.kind {
        AstKind::Num(v) => (Expr::Num(*v), Type::Num),
        AstKind::Bool(b) => (Expr::Num(if *b { 1.0 } else { 0.0 }), Type::Bool),
        AstKind::Neg(e) => (Expr::Neg(Box::new(num(e, names)?)), Type::Num),
        AstKind::Not(e) => (Expr::Not(Box::new(boolean(e, names)?)), Type::Bool),
        AstKind::Bin(op, l, r) => match op {
            BinOp::And | BinOp::Or => (
                Expr::Bin(
                    *op,
                    Box::new(boolean(l, names)?),
                    Box::new(boolean(r, names)?),
                ),
                Type::Bool,
            ),
            _ => {
                let e = Expr::Bin(*op, Box::new(num(l, names)?), Box::new(num(r, names)?));
                (
                    e,
                    if op.is_comparison() {
                        Type::Bool
                    } else {
                        Type::Num
                    },
                )
            }
        },
        AstKind::Path(parts) => (Expr::Var(resolve_path(parts, ast, names)?), Type::Num),
        AstKind::Call(name, args) => resolve_call(name, args, ast, names)?,
    })
}

fn who(name: &str, span: &std::ops::Range<usize>, names: &Names) -> Result<Who, ExprError> {
    match name {
        "self" if names.me => Ok(Who::Me),
        "self" => Err(ExprError::new("`self` has no meaning here", span.clone())
            .with_help("`self` is the acting actor, known only in moves and objectives; name an actor id instead")),
        "target" if names.target => Ok(Who::Target),
        "target" => Err(ExprError::new("`target` has no meaning here", span.clone())
            .with_help("`target` exists only in moves aimed at an actor; name an actor id instead")),
        _ => names
            .actors
            .iter()
            .position(|a| a == name)
            .map(|i| Who::Actor(ActorId(i as u16)))
            .ok_or_else(|| {
                let guess = crate::scenario::suggest::did_you_mean(
                    name,
                    names.actors.iter().map(String::as_str),
                );
                let all = format!("actors are: {}", list(names.actors.iter(), names));
                ExprError::new(format!("unknown actor `{}`", short(name)), span.clone()).with_help(
                    match guess {
                        Some(g) => format!("did you mean `{g}`? {all}"),
                        None => all,
                    },
                )
            }),
    }
}

fn list<'a>(ids: impl Iterator<Item = &'a String>, names: &Names) -> String {
    let mut v: Vec<String> = ids.map(|s| format!("`{s}`")).collect();
    if names.me {
        v.push("`self`".into());
    }
    if names.target {
        v.push("`target`".into());
    }
    v.join(", ")
}

fn resolve_path(parts: &[String], ast: &Ast, names: &Names) -> Result<Var, ExprError> {
    let span = ast.span.clone();
    match parts {
        [one] => match one.as_str() {
            "turn" => Ok(Var::Turn),
            "turns_left" => Ok(Var::TurnsLeft),
            "tension" => Ok(Var::Regional),
            "level" if names.level => Ok(Var::Level),
            "level" => Err(
                ExprError::new("`level` has no meaning here", span).with_help(
                    "`level` is the strength a player picks for a move; it exists only in moves",
                ),
            ),
            name => {
                if let Some(i) = names.tracks.iter().position(|(t, _)| t == name) {
                    if names.tracks[i].1 == TrackScope::Global {
                        return Ok(Var::Track(TrackId(i as u16), None));
                    }
                    return Err(ExprError::new(
                        format!("`{name}` is kept per actor; say whose"),
                        span,
                    )
                    .with_help(format!(
                        "write e.g. `{}.{name}`",
                        names.actors.first().map_or("self", |s| s)
                    )));
                }
                Err(unknown_name(name, span, names))
            }
        },
        [actor, attr] => {
            let w = who(actor, &(span.start..span.start + actor.len()), names)?;
            if let Some(stat) = Stat::from_name(attr) {
                return Ok(Var::Stat(w, stat));
            }
            match attr.as_str() {
                "capital" => return Ok(Var::Capital(w)),
                "threat" => return Ok(Var::Threat(w)),
                "factories" => return Ok(Var::Factories(w)),
                "incoming" => return Ok(Var::Incoming(w)),
                _ => {}
            }
            if let Some(i) = names
                .tracks
                .iter()
                .position(|(t, s)| t == attr && *s == TrackScope::PerActor)
            {
                return Ok(Var::Track(TrackId(i as u16), Some(w)));
            }
            let per_actor: Vec<&str> = names
                .tracks
                .iter()
                .filter(|(_, s)| *s == TrackScope::PerActor)
                .map(|(t, _)| t.as_str())
                .collect();
            let mut valid: Vec<&str> = Stat::ALL.iter().map(|s| s.name()).collect();
            valid.extend(ACTOR_ATTRIBUTES);
            valid.extend(per_actor);
            let guess = crate::scenario::suggest::did_you_mean(attr, valid.iter().copied());
            let list = format!("an actor has: {}", valid.join(", "));
            Err(ExprError::new(
                format!("`{}` has no value `{}`", short(actor), short(attr)),
                span.start + actor.len() + 1..span.end,
            )
            .with_help(match guess {
                Some(g) => format!("did you mean `{g}`? {list}"),
                None => list,
            }))
        }
        _ => Err(
            ExprError::new(format!("`{}` has too many parts", parts.join(".")), span).with_help(
                "names have the form `tension`, `arms_deal` (a global track) or `actor.value`",
            ),
        ),
    }
}

fn unknown_name(name: &str, span: std::ops::Range<usize>, names: &Names) -> ExprError {
    let mut valid = vec!["turn", "turns_left", "tension"];
    if names.level {
        valid.push("level");
    }
    let globals: Vec<&str> = names
        .tracks
        .iter()
        .filter(|(_, s)| *s == TrackScope::Global)
        .map(|(t, _)| t.as_str())
        .collect();
    valid.extend(globals);
    let hint = if names.actors.iter().any(|a| a == name) {
        format!("`{name}` is an actor: write one of its values, e.g. `{name}.economy`")
    } else {
        match crate::scenario::suggest::did_you_mean(name, valid.iter().copied()) {
            Some(g) => format!("did you mean `{g}`? known names: {}", valid.join(", ")),
            None => format!("known names: {}", valid.join(", ")),
        }
    };
    ExprError::new(format!("unknown name `{}`", short(name)), span).with_help(hint)
}

fn resolve_call(
    name: &str,
    args: &[Ast],
    ast: &Ast,
    names: &Names,
) -> Result<(Expr, Type), ExprError> {
    let span = ast.span.clone();
    let arity = |n: usize| -> Result<(), ExprError> {
        if args.len() != n {
            return Err(ExprError::new(
                format!("`{name}` takes {n} values, found {}", args.len()),
                span.clone(),
            ));
        }
        Ok(())
    };
    let pair = |f: fn(Who, Who) -> Var| -> Result<(Expr, Type), ExprError> {
        arity(2)?;
        let mut ws = [Who::Me; 2];
        for (i, a) in args.iter().enumerate() {
            match &a.kind {
                AstKind::Path(p) if p.len() == 1 => ws[i] = who(&p[0], &a.span, names)?,
                _ => {
                    return Err(ExprError::new(
                        format!(
                            "`{name}` takes two actors, e.g. `{name}({}, {})`",
                            example(names, 0),
                            example(names, 1)
                        ),
                        a.span.clone(),
                    ));
                }
            }
        }
        Ok((Expr::Var(f(ws[0], ws[1])), Type::Num))
    };
    let numeric_args = |names: &Names| -> Result<Vec<Expr>, ExprError> {
        args.iter()
            .map(|a| {
                let (e, t) = resolve(a, names)?;
                if t != Type::Num {
                    return Err(ExprError::new("expected a number here", a.span.clone()));
                }
                Ok(e)
            })
            .collect()
    };
    match name {
        "relation" => pair(Var::Relation),
        "offered" => pair(Var::Offered),
        "demanded" => pair(Var::Demanded),
        "proposed" | "council" => {
            arity(1)?;
            let a = &args[0];
            let w = match &a.kind {
                AstKind::Path(p) if p.len() == 1 => who(&p[0], &a.span, names)?,
                _ => {
                    return Err(ExprError::new(format!("`{name}` takes one actor, e.g. `{name}({})`", example(names, 0)), a.span.clone()));
                }
            };
            Ok((Expr::Var(if name == "proposed" { Var::Proposed(w) } else { Var::CouncilSanction(w) }), Type::Num))
        }
        "tension" => pair(Var::PairTension),
        "stage" if args.len() == 1 => {
            let (t, w) = track_arg(&args[0], names)?;
            Ok((Expr::Var(Var::TrackStage(t, w)), Type::Num))
        }
        "stage" => pair(Var::Stage),
        "ended" => Ok((Expr::Var(Var::Ended(ended_arg(args, &span, names)?)), Type::Bool)),
        "sanction" => pair(Var::Sanction),
        "min" | "max" => {
            if args.len() < 2 {
                return Err(ExprError::new(format!("`{name}` takes at least 2 values"), span));
            }
            let f = if name == "min" { Func::Min } else { Func::Max };
            Ok((Expr::Call(f, numeric_args(names)?), Type::Num))
        }
        "abs" => {
            arity(1)?;
            Ok((Expr::Call(Func::Abs, numeric_args(names)?), Type::Num))
        }
        "clamp" => {
            arity(3)?;
            Ok((Expr::Call(Func::Clamp, numeric_args(names)?), Type::Num))
        }
        "if" => {
            arity(3)?;
            let (cond, t) = resolve(&args[0], names)?;
            if t != Type::Bool {
                return Err(ExprError::new("the first value of `if` must be a condition", args[0].span.clone())
                    .with_help("e.g. `if(tension > 60, 2, 1)`"));
            }
            let mut v = vec![cond];
            for a in &args[1..] {
                let (e, t) = resolve(a, names)?;
                if t != Type::Num {
                    return Err(ExprError::new("expected a number here", a.span.clone()));
                }
                v.push(e);
            }
            Ok((Expr::Call(Func::If, v), Type::Num))
        }
        _ => Err(ExprError::new(format!("unknown function `{}`", short(name)), span).with_help(
            "functions are: min, max, abs, clamp, if, relation(a, b), tension(a, b), stage(a, b), stage(track), sanction(a, b), offered(a, b), demanded(a, b), proposed(a), council(a); in [[tests]] also ended(), ended(ending)",
        )),
    }
}

/// The one argument of `stage(track)`: a global track, or `actor.track`.
fn track_arg(a: &Ast, names: &Names) -> Result<(TrackId, Option<Who>), ExprError> {
    let bad = || {
        ExprError::new(
            "`stage` takes a track (`stage(arms_deal)`, `stage(us.plants)`) or two actors (`stage(us, dprk)`)",
            a.span.clone(),
        )
    };
    match &a.kind {
        AstKind::Path(p) => match resolve_path(p, a, names)? {
            Var::Track(t, w) => Ok((t, w)),
            _ => Err(bad()),
        },
        _ => Err(bad()),
    }
}

/// The argument of `ended(...)`: nothing, `turn_limit`, `clash` or an ending id.
fn ended_arg(args: &[Ast], span: &std::ops::Range<usize>, names: &Names) -> Result<End, ExprError> {
    let Some(endings) = names.endings else {
        return Err(ExprError::new("`ended` has no meaning here", span.clone()).with_help(
            "`ended(...)` is for [[tests]] expectations; endings and events are what end a game",
        ));
    };
    let mut valid = vec!["turn_limit", "clash"];
    valid.extend(endings.iter().map(String::as_str));
    match args {
        [] => Ok(End::Any),
        [a] => {
            let AstKind::Path(p) = &a.kind else {
                return Err(ExprError::new(
                    "`ended` takes an ending id, e.g. `ended(turn_limit)`",
                    a.span.clone(),
                )
                .with_help(format!("endings are: {}", valid.join(", "))));
            };
            let name = p.join(".");
            if let Some(i) = endings.iter().position(|e| *e == name) {
                return Ok(End::Ending(i as u16));
            }
            match name.as_str() {
                "turn_limit" => Ok(End::TurnLimit),
                "clash" => Ok(End::Clash),
                _ => {
                    let all = format!("endings are: {}", valid.join(", "));
                    Err(ExprError::new(
                        format!("unknown ending `{}`", short(&name)),
                        a.span.clone(),
                    )
                    .with_help(
                        match crate::scenario::suggest::did_you_mean(&name, valid.iter().copied()) {
                            Some(g) => format!("did you mean `{g}`? {all}"),
                            None => all,
                        },
                    ))
                }
            }
        }
        _ => Err(ExprError::new(
            format!("`ended` takes at most one ending, found {}", args.len()),
            span.clone(),
        )),
    }
}

/// A name from the expression as it may appear in a message (cut when long).
fn short(s: &str) -> String {
    crate::scenario::validate::shorten(s)
}

/// An actor id of the scenario for examples in messages.
fn example<'a>(names: &'a Names, i: usize) -> &'a str {
    names
        .actors
        .get(i)
        .or(names.actors.first())
        .map_or("self", |s| s.as_str())
}

/// How far from the threshold a comparison must be to count as fully met
/// when the AI grades how close it is to an objective.
const SOFT_SCALE: f64 = 20.0;

impl Expr {
    /// The value of the expression; conditions give 1 for true and 0 for false.
    /// Division by zero gives 0, so no NaN can reach the game state.
    pub fn eval<E: Env + ?Sized>(&self, env: &E) -> f64 {
        let v = match self {
            Expr::Num(v) => *v,
            Expr::Var(v) => env.var(*v),
            Expr::Neg(e) => -e.eval(env),
            Expr::Not(e) => bool_num(e.eval(env) == 0.0),
            Expr::Bin(op, l, r) => {
                let a = l.eval(env);
                match op {
                    BinOp::And => bool_num(a != 0.0 && r.eval(env) != 0.0),
                    BinOp::Or => bool_num(a != 0.0 || r.eval(env) != 0.0),
                    _ => {
                        let b = r.eval(env);
                        match op {
                            BinOp::Add => a + b,
                            BinOp::Sub => a - b,
                            BinOp::Mul => a * b,
                            BinOp::Div if b == 0.0 => 0.0,
                            BinOp::Div => a / b,
                            BinOp::Lt => bool_num(a < b),
                            BinOp::Le => bool_num(a <= b),
                            BinOp::Gt => bool_num(a > b),
                            BinOp::Ge => bool_num(a >= b),
                            BinOp::Eq => bool_num(a == b),
                            BinOp::Ne => bool_num(a != b),
                            BinOp::And | BinOp::Or => unreachable!("handled above"),
                        }
                    }
                }
            }
            Expr::Call(f, args) => {
                let vals = args.iter().map(|a| a.eval(env));
                match f {
                    Func::Min => vals.fold(f64::INFINITY, f64::min),
                    Func::Max => vals.fold(f64::NEG_INFINITY, f64::max),
                    Func::Abs => args[0].eval(env).abs(),
                    Func::If => {
                        if args[0].eval(env) != 0.0 {
                            args[1].eval(env)
                        } else {
                            args[2].eval(env)
                        }
                    }
                    Func::Clamp => {
                        let (x, lo, hi) = (args[0].eval(env), args[1].eval(env), args[2].eval(env));
                        x.max(lo).min(hi.max(lo))
                    }
                }
            }
        };
        if v.is_finite() { v } else { 0.0 }
    }

    /// True when a condition holds.
    pub fn holds<E: Env + ?Sized>(&self, env: &E) -> bool {
        self.eval(env) != 0.0
    }

    /// The parts of a condition joined by its top-level `and`s, left to
    /// right: what a player must bring about, one by one.
    pub fn terms(&self) -> Vec<&Expr> {
        match self {
            Expr::Bin(BinOp::And, l, r) => {
                let mut out = l.terms();
                out.extend(r.terms());
                out
            }
            e => vec![e],
        }
    }

    /// The parts ([`Expr::terms`]) of a condition that do not hold, each
    /// as (its position, the value of its left side now, the value its
    /// right side asks for). A part that is not a comparison reports NaN
    /// for both values.
    pub fn failing<E: Env + ?Sized>(&self, env: &E) -> Vec<(usize, f64, f64)> {
        self.terms()
            .into_iter()
            .enumerate()
            .filter(|(_, t)| !t.holds(env))
            .map(|(i, t)| match t {
                Expr::Bin(op, l, r) if op.is_comparison() => (i, l.eval(env), r.eval(env)),
                _ => (i, f64::NAN, f64::NAN),
            })
            .collect()
    }

    /// The expression written out, with every variable put into words by
    /// `var` (operators as symbols: ≥, ≤, ≠).
    pub fn render(&self, var: &dyn Fn(Var) -> String) -> String {
        fn go(e: &Expr, var: &dyn Fn(Var) -> String, top: bool) -> String {
            match e {
                Expr::Num(x) => {
                    if x.fract() == 0.0 && x.abs() < 1e15 {
                        format!("{x:.0}")
                    } else {
                        format!("{x}")
                    }
                }
                Expr::Var(v) => var(*v),
                Expr::Neg(e) => format!("−{}", go(e, var, false)),
                Expr::Not(e) => format!("not {}", go(e, var, false)),
                Expr::Bin(op, l, r) => {
                    let sym = match op {
                        BinOp::Add => "+",
                        BinOp::Sub => "−",
                        BinOp::Mul => "×",
                        BinOp::Div => "/",
                        BinOp::Lt => "<",
                        BinOp::Le => "≤",
                        BinOp::Gt => ">",
                        BinOp::Ge => "≥",
                        BinOp::Eq => "=",
                        BinOp::Ne => "≠",
                        BinOp::And => "and",
                        BinOp::Or => "or",
                    };
                    let text = format!("{} {sym} {}", go(l, var, false), go(r, var, false));
                    if top { text } else { format!("({text})") }
                }
                Expr::Call(f, args) => {
                    let name = match f {
                        Func::Min => "min",
                        Func::Max => "max",
                        Func::Abs => "abs",
                        Func::Clamp => "clamp",
                        Func::If => "if",
                    };
                    let args: Vec<String> = args.iter().map(|a| go(a, var, true)).collect();
                    format!("{name}({})", args.join(", "))
                }
            }
        }
        go(self, var, true)
    }

    /// How nearly a condition holds, from 0 to 1: comparisons grade the
    /// distance to their threshold, so the AI can tell "almost" from "far".
    pub fn soft<E: Env + ?Sized>(&self, env: &E) -> f64 {
        match self {
            Expr::Not(e) => 1.0 - e.soft(env),
            Expr::Bin(BinOp::And, l, r) => l.soft(env).min(r.soft(env)),
            Expr::Bin(BinOp::Or, l, r) => l.soft(env).max(r.soft(env)),
            Expr::Bin(op, l, r) if op.is_comparison() => {
                let (a, b) = (l.eval(env), r.eval(env));
                let margin = match op {
                    BinOp::Lt | BinOp::Le => b - a,
                    BinOp::Gt | BinOp::Ge => a - b,
                    BinOp::Eq => -(a - b).abs(),
                    _ => (a - b).abs(),
                };
                // Met: 0.7 rising toward 1 with the margin; unmet: at most
                // 0.3, falling toward 0 with the distance — never flat, so
                // every step toward a goal counts, and crossing the line
                // counts most, as it does in the score.
                if self.holds(env) {
                    let m = margin.max(0.0);
                    0.7 + 0.3 * m / (m + SOFT_SCALE)
                } else {
                    let d = (-margin).max(0.0);
                    0.3 / (1.0 + d / SOFT_SCALE)
                }
            }
            _ => bool_num(self.holds(env)),
        }
    }
}

fn bool_num(b: bool) -> f64 {
    if b { 1.0 } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed;
    impl Env for Fixed {
        fn var(&self, v: Var) -> f64 {
            match v {
                Var::Regional => 55.0,
                Var::Level => 3.0,
                Var::Track(_, _) => 40.0,
                Var::Stat(Who::Actor(ActorId(1)), Stat::Economy) => 70.0,
                _ => 0.0,
            }
        }
    }

    fn names() -> (Vec<String>, Vec<(String, TrackScope)>) {
        (
            vec!["alpha".into(), "beta".into()],
            vec![
                ("deal".into(), TrackScope::Global),
                ("plants".into(), TrackScope::PerActor),
            ],
        )
    }

    fn c(src: &str, want: Type, in_move: bool) -> Result<Expr, ExprError> {
        let (a, t) = names();
        let n = Names {
            actors: &a,
            tracks: &t,
            me: in_move,
            target: in_move,
            level: in_move,
            endings: None,
        };
        compile(src, &n, want)
    }

    #[test]
    fn evaluates_conditions_and_amounts() {
        let e = c("tension >= 50 and deal < 60", Type::Bool, false).unwrap();
        assert!(e.holds(&Fixed));
        let e = c("-2 * level + beta.economy / 10", Type::Num, true).unwrap();
        assert_eq!(e.eval(&Fixed), 1.0);
        let e = c(
            "clamp(level * 50, 0, 100) + min(1, 2, 3) + abs(-1)",
            Type::Num,
            true,
        )
        .unwrap();
        assert_eq!(e.eval(&Fixed), 102.0);
        let e = c(
            "if(tension > 50, 2, 1) + if(level < 1, 10, 0)",
            Type::Num,
            true,
        )
        .unwrap();
        assert_eq!(e.eval(&Fixed), 2.0);
        assert!(c("if(tension, 1, 2)", Type::Num, false).is_err());
        let e = c("1 / (level - 3)", Type::Num, true).unwrap();
        assert_eq!(e.eval(&Fixed), 0.0, "division by zero gives 0, not inf");
    }

    #[test]
    fn unknown_names_are_errors_with_columns() {
        let e = c("tension > 5 and gamma.economy > 3", Type::Bool, false).unwrap_err();
        assert_eq!(e.span, 16..21);
        assert!(e.help.unwrap().contains("`alpha`"));
        let e = c("alpha.wealth > 3", Type::Bool, false).unwrap_err();
        assert_eq!(e.span, 6..12);
        let e = c("level > 1", Type::Bool, false).unwrap_err();
        assert!(e.message.contains("level"));
        let e = c("plants > 1", Type::Bool, false).unwrap_err();
        assert!(e.message.contains("per actor"));
        assert!(c("alpha.plants > 1", Type::Bool, false).is_ok());
        assert!(c("relation(alpha, gamma) > 1", Type::Bool, false).is_err());
        assert!(c("relation(alpha, beta) > -10", Type::Bool, false).is_ok());
    }

    #[test]
    fn ended_is_for_tests_only_and_names_endings() {
        let (a, t) = names();
        let endings = vec!["accord".to_string()];
        let n = Names {
            actors: &a,
            tracks: &t,
            me: false,
            target: false,
            level: false,
            endings: Some(&endings),
        };
        let e = compile("ended(accord) and not ended(clash)", &n, Type::Bool).unwrap();
        assert!(matches!(e, Expr::Bin(BinOp::And, ..)));
        assert!(compile("ended()", &n, Type::Bool).is_ok());
        assert!(compile("ended(turn_limit)", &n, Type::Bool).is_ok());
        let err = compile("ended(acord)", &n, Type::Bool).unwrap_err();
        assert!(err.help.unwrap().contains("did you mean `accord`"));
        assert!(compile("ended(accord, clash)", &n, Type::Bool).is_err());
        let err = c("ended(clash)", Type::Bool, false).unwrap_err();
        assert!(err.message.contains("no meaning here"), "{}", err.message);
    }

    #[test]
    fn stage_of_a_track_or_of_a_pair() {
        let e = c("stage(deal) >= 1", Type::Bool, false).unwrap();
        assert!(matches!(
            e,
            Expr::Bin(_, ref l, _) if matches!(**l, Expr::Var(Var::TrackStage(TrackId(0), None)))
        ));
        assert!(c("stage(alpha.plants) >= 1", Type::Bool, false).is_ok());
        assert!(c("stage(alpha, beta) >= 1", Type::Bool, false).is_ok());
        assert!(c("stage(tension) >= 1", Type::Bool, false).is_err());
        assert!(c("stage(plants) >= 1", Type::Bool, false).is_err());
    }

    #[test]
    fn types_are_checked() {
        assert!(c("tension", Type::Bool, false).is_err());
        assert!(c("tension > 3", Type::Num, false).is_err());
        assert!(c("1 + (2 > 1)", Type::Num, false).is_err());
        assert!(c("not tension", Type::Bool, false).is_err());
    }

    #[test]
    fn soft_grades_distance() {
        let near = c("tension < 60", Type::Bool, false).unwrap().soft(&Fixed);
        let far = c("tension < 90", Type::Bool, false).unwrap().soft(&Fixed);
        let unmet = c("tension < 50", Type::Bool, false).unwrap().soft(&Fixed);
        assert!(
            far > near && near >= 0.5 && unmet < 0.5,
            "{far} {near} {unmet}"
        );
    }
}
