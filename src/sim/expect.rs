//! Running a scenario's `[[tests]]`: play the test's script (see
//! [`super::script`]), check each expectation when it is due, and say for
//! every failure what the parts of its condition were worth.

use std::sync::Arc;

use crate::engine::State;
use crate::engine::env::Bound;
use crate::engine::turn::Keep;
use crate::referee::Match;
use crate::scenario::Scenario;
use crate::scenario::expr::{self, Ast, AstKind, BinOp, Expr};
use crate::scenario::script::{Expectation, ScenarioTest, Script, When};

use super::script::{Cast, Refusal, play_turn};

/// One part of a failed condition and its value when it was judged
/// (each side of each comparison).
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The part as written.
    pub text: String,
    pub value: f64,
}

/// An expectation that did not hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Line and column of the condition in the scenario file.
    pub line: u32,
    pub column: u32,
    /// The condition as written.
    pub text: String,
    pub when: When,
    /// The turn after which it was judged (0: before the first).
    pub judged_after: u32,
    /// Why it could not be judged when it was due, if so (the game ended first).
    pub note: Option<String>,
    pub parts: Vec<Part>,
}

/// What one test did.
#[derive(Debug, Clone, PartialEq)]
pub struct TestResult {
    pub name: String,
    /// Line of the test's name in the scenario file.
    pub line: u32,
    pub seed: u64,
    pub turns_played: u32,
    /// How the game ended (`turn_limit`, `clash`, an ending id), if it did.
    pub outcome: Option<String>,
    pub failures: Vec<Failure>,
    /// Scripted orders the engine refused (reported, not failures).
    pub refusals: Vec<Refusal>,
}

impl TestResult {
    /// True when every expectation held.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

enum Status {
    Pending,
    Passed,
    Failed(Failure),
}

/// Plays `test` on `scn` and judges its expectations. `file` is the
/// script of its `orders_file`, if it has one (already loaded and checked).
pub fn run(scn: &Arc<Scenario>, test: &ScenarioTest, file: Option<&Script>) -> TestResult {
    let script = match file {
        Some(f) => f.clone().then(&test.script),
        None => test.script.clone(),
    };
    let cast = Cast::for_test(scn, &script);
    let seed = test.seed.unwrap_or(scn.meta.seed);
    let mut m = Match::new(scn.clone(), seed, cast.seats(), Keep::Events);
    let limit = test.turns.unwrap_or(u32::MAX);
    let mut status: Vec<Status> = test.expect.iter().map(|_| Status::Pending).collect();
    let mut refusals = Vec::new();
    while !m.is_over() && m.turn() < limit {
        refusals.extend(play_turn(&mut m, &script, &cast));
        let t = m.turn();
        let state = m.truth().state;
        for (e, st) in test.expect.iter().zip(status.iter_mut()) {
            if !matches!(st, Status::Pending) {
                continue;
            }
            match e.when {
                When::At(n) if n == t => *st = judge(scn, state, e),
                When::By(n) if t <= n => {
                    let s = judge(scn, state, e);
                    if matches!(s, Status::Passed) || t == n {
                        *st = s;
                    }
                }
                _ => {}
            }
        }
    }
    let state = m.truth().state;
    let t = m.turn();
    let stopped = if m.is_over() {
        format!("the game ended after turn {t}")
    } else {
        format!("the test stops after turn {t}")
    };
    let failures = test
        .expect
        .iter()
        .zip(status)
        .filter_map(|(e, st)| {
            let st = match (st, e.when) {
                (Status::Pending, When::End) => judge(scn, state, e),
                (Status::Pending, When::At(n)) => {
                    judge_failed(scn, state, e, format!("{stopped}, before turn {n}"))
                }
                (Status::Pending, When::By(n)) => judge_failed(
                    scn,
                    state,
                    e,
                    format!("it never held, and {stopped}, before turn {n}"),
                ),
                (s, _) => s,
            };
            match st {
                Status::Failed(f) => Some(f),
                _ => None,
            }
        })
        .collect();
    TestResult {
        name: test.name.clone(),
        line: test.line,
        seed,
        turns_played: t,
        outcome: state.outcome.as_ref().map(|o| o.key(scn)),
        failures,
        refusals,
    }
}

/// Judges an expectation on `state` (after the turn just played).
fn judge(scn: &Scenario, state: &State, e: &Expectation) -> Status {
    let env = Bound::world(scn, state).at_turn(state.turn);
    if e.that.holds(&env) {
        return Status::Passed;
    }
    Status::Failed(Failure {
        line: e.line,
        column: e.column,
        text: e.text.clone(),
        when: e.when,
        judged_after: state.turn,
        note: None,
        parts: parts(&e.text, &e.that, &env),
    })
}

/// A failure whatever the condition says now: it was not judged when due.
fn judge_failed(scn: &Scenario, state: &State, e: &Expectation, note: String) -> Status {
    let env = Bound::world(scn, state).at_turn(state.turn);
    Status::Failed(Failure {
        line: e.line,
        column: e.column,
        text: e.text.clone(),
        when: e.when,
        judged_after: state.turn,
        note: Some(note),
        parts: parts(&e.text, &e.that, &env),
    })
}

/// Each side of each comparison in `that` (through `and`, `or` and `not`)
/// with its value, or the whole condition when it has no comparison.
/// The parse tree gives the text of each side; the compiled expression,
/// whose shape is the same, gives its value.
pub fn parts(text: &str, that: &Expr, env: &Bound) -> Vec<Part> {
    fn go(text: &str, ast: &Ast, e: &Expr, env: &Bound, out: &mut Vec<Part>) {
        let src = |a: &Ast| text.get(a.span.clone()).unwrap_or("?").trim().to_string();
        match (&ast.kind, e) {
            (AstKind::Bin(BinOp::And | BinOp::Or, la, ra), Expr::Bin(_, le, re)) => {
                go(text, la, le, env, out);
                go(text, ra, re, env, out);
            }
            (AstKind::Bin(op, la, ra), Expr::Bin(_, le, re)) if op.is_comparison() => {
                out.push(Part {
                    text: src(la),
                    value: le.eval(env),
                });
                out.push(Part {
                    text: src(ra),
                    value: re.eval(env),
                });
            }
            (AstKind::Not(a), Expr::Not(x)) => go(text, a, x, env, out),
            _ => out.push(Part {
                text: src(ast),
                value: e.eval(env),
            }),
        }
    }
    let mut out = Vec::new();
    match expr::parse(text) {
        Ok(ast) => go(text, &ast, that, env, &mut out),
        Err(_) => out.push(Part {
            text: text.to_string(),
            value: that.eval(env),
        }),
    }
    out
}
