//! `[[tests]]`: a scenario's tests of its own design, checked at load
//! time like every other table — the script's actors, moves, targets and
//! levels by id, and each expectation as a condition that may also read
//! `ended(...)`.

use super::Validator;
use crate::scenario::diagnostic::{Diagnostic, line_col};
use crate::scenario::expr::{Names, Type};
use crate::scenario::model::{Ending, Move};
use crate::scenario::raw::{RawScenario, Spanned};
use crate::scenario::script::raw::{RawExpect, RawTest};
use crate::scenario::script::{self, Expectation, Lookup, ScenarioTest, Script, When};

/// Most tests a scenario may carry.
pub const MAX_TESTS: usize = 200;

impl Validator<'_> {
    /// Checks every `[[tests]]` entry.
    pub(super) fn scenario_tests(
        &mut self,
        raw: &RawScenario,
        moves: &[Move],
        endings: &[Ending],
        turns: u32,
    ) -> Vec<ScenarioTest> {
        if let Some(extra) = raw.tests.get(MAX_TESTS) {
            self.err(
                Diagnostic::new(
                    format!(
                        "the scenario has {} tests; at most {MAX_TESTS} are allowed",
                        raw.tests.len()
                    ),
                    extra.span(),
                )
                .help("split the tests, or drop the ones that say the same thing"),
            );
            return Vec::new();
        }
        self.unique_names(&raw.tests);
        let ending_ids: Vec<String> = endings.iter().map(|e| e.id.clone()).collect();
        raw.tests
            .iter()
            .map(|t| self.scenario_test(t.get_ref(), moves, &ending_ids, turns))
            .collect()
    }

    fn unique_names(&mut self, tests: &[Spanned<RawTest>]) {
        let mut seen: Vec<&Spanned<String>> = Vec::new();
        for t in tests {
            let name = &t.get_ref().name;
            if let Some(first) = seen.iter().find(|s| s.get_ref() == name.get_ref()) {
                let (line, _) = line_col(self.text, first.span().start);
                self.err(
                    Diagnostic::new("two tests have the same name", name.span())
                        .help(format!("the first is on line {line}; `flashpoint test` reports tests by name, so give each its own")),
                );
            } else {
                seen.push(name);
            }
        }
    }

    fn scenario_test(
        &mut self,
        t: &RawTest,
        moves: &[Move],
        endings: &[String],
        turns: u32,
    ) -> ScenarioTest {
        self.name("test name", &t.name, 120);
        let lookup = Lookup {
            text: self.text,
            actors: self.actor_ids.clone(),
            moves,
            turns,
        };
        let mut diags = Vec::new();
        let script = Script {
            entries: script::entries(&lookup, &t.turn, &mut diags),
            ai: script::actors(&lookup, &t.ai, &mut diags),
        };
        self.diags.extend(diags);
        let test_turns = t
            .turns
            .as_ref()
            .and_then(|v| self.turn_number("turns", v, turns));
        let expect = t
            .expect
            .iter()
            .filter_map(|e| self.expectation(e, endings, test_turns.unwrap_or(turns)))
            .collect();
        ScenarioTest {
            name: super::clean_text(t.name.get_ref(), false),
            line: line_col(self.text, t.name.span().start).0 as u32,
            seed: t.seed.as_ref().map(|s| *s.get_ref()),
            turns: test_turns,
            orders_file: t.orders_file.as_ref().map(|s| s.get_ref().clone()),
            script,
            expect,
        }
    }

    /// A turn number from 1 to `turns`, the last the game (or the test) plays.
    fn turn_number(&mut self, what: &str, v: &Spanned<i64>, turns: u32) -> Option<u32> {
        let x = *v.get_ref();
        if x < 1 || x > i64::from(turns) {
            self.err(
                Diagnostic::new(
                    format!("{what} = {x} is not a turn this test plays"),
                    v.span(),
                )
                .label("out of range")
                .help(format!(
                    "turns run from 1 to {turns} (the game's length, or the test's `turns`)"
                )),
            );
            return None;
        }
        Some(x as u32)
    }

    /// One expectation; `turns` is the last turn the test plays.
    fn expectation(
        &mut self,
        e: &Spanned<RawExpect>,
        endings: &[String],
        turns: u32,
    ) -> Option<Expectation> {
        let raw = e.get_ref();
        let when = match (&raw.at, &raw.by) {
            (Some(_), Some(by)) => {
                self.err(
                    Diagnostic::new("give `at` or `by`, not both", by.span()).help(
                        "`at = 5`: holds after turn 5; `by = 5`: holds after some turn up to 5; neither: holds at the end",
                    ),
                );
                return None;
            }
            (Some(at), None) => When::At(self.turn_number("at", at, turns)?),
            (None, Some(by)) => When::By(self.turn_number("by", by, turns)?),
            (None, None) => When::End,
        };
        let names = Names {
            actors: &self.actor_ids,
            tracks: &self.track_names,
            me: false,
            target: false,
            level: false,
            endings: Some(endings),
        };
        let compiled = self.compile_with(&raw.that, &names, Type::Bool);
        let that = match compiled {
            Ok(x) => x,
            Err(d) => {
                self.err(d);
                return None;
            }
        };
        let start = self.content_start(raw.that.span());
        let (line, column) = line_col(self.text, start);
        Some(Expectation {
            when,
            that,
            text: raw.that.get_ref().clone(),
            line: line as u32,
            column: column as u32,
        })
    }
}
