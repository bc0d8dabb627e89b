//! Error reports for scenario authors: file, line, column, what is wrong,
//! and what would be right, rendered the way rustc and cargo render theirs.

use std::fmt;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// How serious a problem is. Validation reports only errors (a file with
/// one is not played); warnings are for checks that advise, such as a lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The file cannot be played until it is fixed.
    Error,
    /// Worth a look; the file still plays.
    Warning,
}

/// One problem in a scenario file, at a byte range of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// Byte range in the file the problem is about (may be empty).
    pub span: Range<usize>,
    /// Short text under the caret.
    pub label: Option<String>,
    /// What would be valid instead.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at `span`.
    pub fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            label: None,
            help: None,
        }
    }

    /// Adds a short label under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Makes it a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Adds advice on what to write instead.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Why a scenario could not be loaded: every problem found, with the file
/// text so each one can be shown in context.
#[derive(Debug, Clone)]
pub struct ScenarioError {
    /// The file name as the user gave it (or `bundled:<id>`).
    pub origin: String,
    /// The file's text (empty when it could not be read as UTF-8).
    pub text: String,
    /// The problems, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl ScenarioError {
    /// An error with a single problem.
    pub fn single(origin: &str, text: &str, d: Diagnostic) -> Self {
        ScenarioError {
            origin: origin.to_string(),
            text: text.to_string(),
            diagnostics: vec![d],
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text, offset)
    }

    /// Renders every problem; `color` adds terminal colours.
    pub fn render(&self, color: bool) -> String {
        self.render_then(color, &format!("flashpoint validate {}", self.origin))
    }

    /// Like [`Self::render`], ending with advice to run `again` after the
    /// fix (for files that are not scenarios, such as orders files).
    pub fn render_then(&self, color: bool, again: &str) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = String::new();
        for d in &self.diagnostics {
            let (line, col) = self.line_col(d.span.start);
            let title = format!("{} ({}:{line}:{col})", d.message, self.origin);
            let start = d.span.start.min(self.text.len());
            let end = d.span.end.clamp(start, self.text.len());
            let level = match d.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
            };
            let title = level.primary_title(title.as_str());
            let group = if self.text.is_empty() {
                Group::with_title(title)
            } else {
                let mut ann = AnnotationKind::Primary.span(start..end);
                if let Some(l) = &d.label {
                    ann = ann.label(l.as_str());
                }
                title.element(
                    Snippet::source(self.text.as_str())
                        .path(self.origin.as_str())
                        .fold(true)
                        .annotation(ann),
                )
            };
            let mut report = vec![group];
            if let Some(h) = &d.help {
                report.push(Group::with_title(Level::HELP.secondary_title(h.as_str())));
            }
            out.push_str(&renderer.render(&report));
            out.push('\n');
        }
        let n = self.diagnostics.len();
        out.push_str(&format!(
            "{}: {n} problem{} found; fix {} and run `{again}` again\n",
            self.origin,
            if n == 1 { "" } else { "s" },
            if n == 1 { "it" } else { "them" },
        ));
        out
    }
}

impl ScenarioError {
    /// Every problem as a JSON object for editors and CI, in the shape
    /// documented in docs/scenario-format.md ("validate --format json"):
    /// `file`, `line`, `column`, `end_line`, `end_column` (1-based; columns
    /// count characters), `severity`, `message`, `label`, `help`.
    pub fn json(&self) -> Vec<serde_json::Value> {
        self.diagnostics
            .iter()
            .map(|d| {
                let (line, column) = self.line_col(d.span.start);
                let (end_line, end_column) = self.line_col(d.span.end.max(d.span.start));
                serde_json::json!({
                    "file": self.origin,
                    "line": line,
                    "column": column,
                    "end_line": end_line,
                    "end_column": end_column,
                    "severity": d.severity,
                    "message": d.message,
                    "label": d.label,
                    "help": d.help,
                })
            })
            .collect()
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for ScenarioError {}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut line = 1;
    let mut line_start = 0;
    for (i, b) in text.bytes().enumerate() {
        if i >= offset {
            break;
        }
        if b == b'\n' {
            line += 1;
            line_start = i + 1;
        }
    }
    let col = text
        .get(line_start..offset)
        .map_or(offset - line_start, |s| s.chars().count())
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based() {
        let t = "a = 1\nbb = 2\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 6), (2, 1));
        assert_eq!(line_col(t, 8), (2, 3));
        assert_eq!(line_col(t, 999), (3, 1));
    }

    #[test]
    fn render_names_file_line_and_column() {
        let e = ScenarioError::single(
            "x.toml",
            "a = 1\nbb = 2\n",
            Diagnostic::new("bad value", 11..12)
                .label("here")
                .help("use 3"),
        );
        let s = e.render(false);
        assert!(s.contains("x.toml:2:6"), "{s}");
        assert!(s.contains("use 3"), "{s}");
        assert!(s.contains("1 problem found"), "{s}");
    }
}
