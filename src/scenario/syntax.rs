//! Problems found while reading the TOML, before validation, in words a
//! scenario author knows.
//!
//! The TOML parser and serde speak of "fields", "i128", "struct RawStats"
//! and "expected `=`". This module turns their messages into what went
//! wrong and what to write instead, names the key of a duplicate, reports
//! a misspelled table name (`[[actor]]`) as an unknown table even when
//! the parser stumbles over a later consequence of it, and adds "did you
//! mean …?" to unknown keys.

use std::ops::Range;

use super::diagnostic::{Diagnostic, line_col};
use super::suggest::did_you_mean;
use super::validate::{shorten, shorten_quoted};

/// The top-level tables of a scenario, as written in files.
pub const TABLES: [&str; 15] = [
    "scenario",
    "escalation",
    "tension",
    "crisis",
    "actors",
    "relations",
    "sanctions",
    "tracks",
    "moves",
    "events",
    "endings",
    "intelligence",
    "council",
    "deals",
    "tests",
];

/// Turns a TOML error into diagnostics. Usually one; several when the
/// file has unknown table names, since they are the likely cause.
pub fn explain(text: &str, e: &toml::de::Error) -> Vec<Diagnostic> {
    explain_in(text, e, true)
}

/// Like [`explain`]; `scenario` says whether the file is a scenario, whose
/// table names are known (an orders file has others).
pub fn explain_in(text: &str, e: &toml::de::Error, scenario: bool) -> Vec<Diagnostic> {
    let span = e.span().unwrap_or(0..0);
    let raw = e.message().trim();
    let first = raw.lines().next().unwrap_or("the file is not valid TOML");
    // A misspelled header comes first: `[[actor]]` followed by
    // `[actors.ai]` makes the parser see a duplicate key lines later.
    let unknown = if scenario {
        unknown_tables(text)
    } else {
        Vec::new()
    };
    if !unknown.is_empty()
        && (first.starts_with("duplicate key") || first.contains("unknown field"))
    {
        return unknown;
    }
    let d = if first.starts_with("duplicate key") {
        duplicate_key(text, span)
    } else if let Some(rest) = first.strip_prefix("unknown field ") {
        unknown_field(text, rest, span)
    } else if let Some(rest) = first.strip_prefix("missing field ") {
        missing_field(rest, span)
    } else if let Some(d) = syntax(text, first, span.clone()) {
        d
    } else {
        value_error(first, span)
    };
    vec![d]
}

/// `duplicate key` with the key named, and where it was first written.
fn duplicate_key(text: &str, span: Range<usize>) -> Diagnostic {
    let key = text
        .get(span.clone())
        .unwrap_or("")
        .trim()
        .trim_matches(['"', '\'']);
    let line_start = text[..span.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let on_header = text[line_start..].trim_start().starts_with('[');
    let key = shorten(key);
    if on_header {
        let header = text[line_start..].lines().next().unwrap_or("").trim();
        Diagnostic::new(
            format!("duplicate key `{key}`: {header} is already given for this entry"),
            span,
        )
        .help(format!(
            "a sub-table belongs to the [[...]] entry above it; if this is a new entry, check that its [[...]] header is spelled like the others (the first {header} is earlier in the file)"
        ))
    } else if text[line_start..span.start.min(text.len())].contains('{') {
        Diagnostic::new(format!("duplicate key `{key}`"), span).help(format!(
            "`{key}` appears twice in this inline table; keep one"
        ))
    } else {
        let help = match first_assignment(text, &key, line_start) {
            Some(line) => format!(
                "`{key}` is already set on line {line} in the same table; keep one of the two"
            ),
            None => format!("`{key}` is already set in this table; keep only one"),
        };
        Diagnostic::new(format!("duplicate key `{key}`"), span).help(help)
    }
}

/// The line of an earlier `key = …` in the same table as `before`.
fn first_assignment(text: &str, key: &str, before: usize) -> Option<usize> {
    let head = &text[..before];
    let mut offset = head.len();
    for line in head.lines().rev() {
        offset = offset.saturating_sub(line.len() + 1);
        let t = line.trim_start();
        if t.starts_with('[') {
            return None;
        }
        if let Some(rest) = t.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return Some(line_col(text, offset + 1).0);
        }
        // Also a key inside an inline table on this line.
        if t.contains(&format!("{{ {key} =")) || t.contains(&format!(", {key} =")) {
            return Some(line_col(text, offset + 1).0);
        }
    }
    None
}

/// `unknown field `x`, expected one of …` as an unknown key or table,
/// with a guess at what was meant.
fn unknown_field(text: &str, rest: &str, span: Range<usize>) -> Diagnostic {
    let (name, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
    let name = name.trim().trim_matches('`');
    let valid: Vec<&str> = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.is_empty())
        .collect();
    let guess = did_you_mean(name, valid.iter().copied());
    let line_start = text[..span.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or("").trim();
    let is_header = line.starts_with('[');
    let top = valid.contains(&"scenario") && valid.contains(&"actors");
    let (message, what) = if is_header {
        let full = header_name(line).unwrap_or_else(|| name.to_string());
        (format!("unknown table `{}`", shorten(&full)), "names")
    } else {
        (format!("unknown key `{}`", shorten(name)), "keys")
    };
    let what = if top { "top-level names" } else { what };
    let list = valid
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let help = match guess {
        Some(g) => format!("did you mean `{g}`? valid {what} here: {list}"),
        None => format!(
            "valid {what} here: {list} — check the spelling against docs/scenario-format.md"
        ),
    };
    Diagnostic::new(message, span).help(help)
}

/// `missing field `x`` as a missing key, or a missing `[scenario]`.
fn missing_field(rest: &str, span: Range<usize>) -> Diagnostic {
    let name = rest.trim().trim_matches('`');
    if name == "scenario" {
        return Diagnostic::new("the file has no [scenario] table", span).help(
            "start the file with [scenario] and its id, title, start and turns; see the quick start in docs/scenario-format.md",
        );
    }
    Diagnostic::new(format!("missing key `{name}`"), span).help(format!(
        "add {name} = … to this table (the line shown starts it); docs/scenario-format.md lists what each table needs"
    ))
}

/// Errors of TOML syntax: plain words and what to write instead.
fn syntax(text: &str, first: &str, span: Range<usize>) -> Option<Diagnostic> {
    let what = first.split(", expected").next().unwrap_or(first).trim();
    let found = shorten(text.get(span.clone()).unwrap_or("").trim());
    let (message, help): (String, String) = match what {
        "string values must be quoted" => {
            let lower = found.to_lowercase();
            if ["yes", "no", "on", "off", "true", "false"].contains(&lower.as_str()) {
                (
                    format!("`{found}` is not a value TOML knows"),
                    "write true or false (lower case, no quotes)".into(),
                )
            } else {
                (
                    "text must be in double quotes".into(),
                    format!("write \"{found}\""),
                )
            }
        }
        "invalid basic string" | "invalid literal string" => (
            "this text is not closed, or holds a character that is not allowed".into(),
            "end the text with a \" on the same line (use \"\"\" … \"\"\" for text over several lines); control characters such as tabs from other programs are not allowed inside quotes".into(),
        ),
        "invalid multi-line basic string" | "invalid multi-line literal string" => (
            "this text over several lines is never closed".into(),
            "end it with \"\"\" (three double quotes)".into(),
        ),
        "key with no value" => (
            "a key needs `=` and a value".into(),
            "write it as key = value, e.g. turns = 12".into(),
        ),
        "missing assignment between key-value pairs" => (
            "a `=` is missing between the key and its value".into(),
            "write key = value, e.g. turns = 12".into(),
        ),
        "missing value" | "missing value for key" => (
            "the value after `=` is missing".into(),
            "write a number, a text in quotes, true or false, a list [ … ] or an inline table { … }".into(),
        ),
        "missing comma between array elements" => (
            "a `,` is missing between two items of a list, or the list's `]` is missing".into(),
            "separate the items with commas and close the list: [1, 2, 3]".into(),
        ),
        "extra assignment between key-value pairs" | "missing comma between key-value pairs" => (
            "a `,` is missing between two keys of an inline table".into(),
            "separate them with commas: { military = 50, economy = 40 }".into(),
        ),
        "extra comma in inline table" | "extra comma in array" => (
            "two commas in a row".into(),
            "remove one of them".into(),
        ),
        "extra `=`" => ("two `=` in a row".into(), "remove one of them".into()),
        "unexpected `=` in array" => (
            "a list holds values, not key = value".into(),
            "for keys, use an inline table inside the list: [{ stat = \"economy\", add = 1 }]".into(),
        ),
        "unclosed array" => (
            "this list is never closed".into(),
            "end it with ]".into(),
        ),
        "unclosed inline table" => (
            "this inline table is never closed".into(),
            "end it with }".into(),
        ),
        "unclosed table" | "unclosed array table" => (
            "this table header is not closed".into(),
            "write [name] for a table or [[name]] for an entry of a list of tables".into(),
        ),
        "invalid unquoted key" | "unquoted keys cannot be empty" => (
            "this is not a key".into(),
            "keys use letters, digits, _ and -, e.g. goldstein; each line holds key = value, a [table] header or a # comment".into(),
        ),
        "unexpected content" | "unexpected key or value" | "invalid key-value pair" => (
            "unexpected text".into(),
            "each line holds one key = value, a [table] header or a # comment".into(),
        ),
        "unexpected content between comment and newline" | "invalid comment character" => (
            "a comment holds a character that is not allowed".into(),
            "remove control characters from the comment".into(),
        ),
        "unexpected leading zero" => (
            "a number cannot start with 0".into(),
            "write 30, not 030".into(),
        ),
        "redundant numeric sign" | "unexpected sign" => (
            "a number has one sign at most".into(),
            "write -30 or 30".into(),
        ),
        "`_` may only go between digits" => (
            "`_` may only stand between digits".into(),
            "write 1_000 or 1000".into(),
        ),
        "missing escaped value" => (
            "a backslash in text starts an escape such as \\n".into(),
            "write \\\\ for a backslash, or put the text in single quotes: 'C:\\path'".into(),
        ),
        "carriage return must be followed by newline" => (
            "a stray carriage-return character".into(),
            "save the file with ordinary line ends".into(),
        ),
        "floating-point number overflowed" => (
            "this number is too large".into(),
            "scenario numbers are small: stats 0–100, chances 0–1".into(),
        ),
        "cannot recurse further; max recursion depth met" => (
            "lists or tables are nested too deeply".into(),
            "scenarios need at most a few levels of nesting".into(),
        ),
        _ if what.contains("newline") => (
            "a line break is not allowed here".into(),
            "keep this value on one line".into(),
        ),
        _ => return None,
    };
    Some(Diagnostic::new(message, span).help(help))
}

/// A value of the wrong type, in the vocabulary of the docs.
fn value_error(first: &str, span: Range<usize>) -> Diagnostic {
    if first.contains("untagged enum RawExpr") {
        return Diagnostic::new(
            "expected a number or an expression in quotes (e.g. 2 or \"1 + level\")",
            span,
        );
    }
    let expected = first.split(", expected ").nth(1).unwrap_or("");
    let wanted = match expected {
        "f64" => "a number",
        "u32" | "u64" => "a whole number of 0 or more",
        "i64" => "a whole number",
        "a boolean" => "true or false",
        "a sequence" => "a list [ … ]",
        "a string" => "a text in quotes",
        e if e.starts_with("struct ") => "a table { … }",
        e if e.starts_with("an array of length") => "a list of two numbers, e.g. [20, 35]",
        _ => "",
    };
    let (message, help) = if first.contains(" as i128") || first.contains(" as u128") {
        let n = first.split('`').nth(1).unwrap_or("");
        (
            format!("the number {} is far too large for this key", shorten(n)),
            if wanted.is_empty() {
                "use a smaller number; docs/scenario-format.md gives the range of each key"
                    .to_string()
            } else {
                format!("write {wanted}; docs/scenario-format.md gives the range of each key")
            },
        )
    } else {
        let found = first
            .strip_prefix("invalid type: ")
            .or_else(|| first.strip_prefix("invalid value: "))
            .and_then(|s| s.split(", expected").next())
            .unwrap_or("");
        let found = match found {
            "map" => "a table".to_string(),
            "sequence" => "a list".to_string(),
            f if f.starts_with("string ") => format!("the text {}", &f[7..]),
            f if f.starts_with("integer ") => format!("the number {}", &f[8..]),
            f if f.starts_with("floating point ") => format!("the number {}", &f[15..]),
            f if f.starts_with("boolean ") => f[8..].to_string(),
            f => f.to_string(),
        };
        if wanted.is_empty() || found.is_empty() {
            (
                first.to_string(),
                "see docs/scenario-format.md for the value this key takes".to_string(),
            )
        } else {
            let hint = if found == "a table" && wanted.starts_with("a list") {
                "a list of tables takes double brackets: write [[name]] for each entry"
            } else if found.starts_with("the text") && wanted.contains("number") {
                "remove the quotes around the number"
            } else if found.starts_with("the number") && wanted.contains("whole") {
                "write a whole number such as 4, without a decimal point or sign"
            } else if wanted.starts_with("a table") {
                "see docs/scenario-format.md for the keys of this table"
            } else {
                "see docs/scenario-format.md for the value this key takes"
            };
            (
                format!("found {found}, expected {wanted}"),
                hint.to_string(),
            )
        }
    };
    Diagnostic::new(shorten_quoted(&message), span).help(help)
}

/// The dotted name of a `[a.b]` or `[[a.b]]` header line, without quotes.
fn header_name(line: &str) -> Option<String> {
    let inner = line
        .trim()
        .trim_start_matches('[')
        .split(']')
        .next()?
        .trim();
    let name: String = inner
        .split('.')
        .map(|p| p.trim().trim_matches(['"', '\'']))
        .collect::<Vec<_>>()
        .join(".");
    (!name.is_empty()).then_some(name)
}

/// Table headers whose first name is not one of [`TABLES`], found by
/// reading the lines of the file (skipping text over several lines).
pub fn unknown_tables(text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut in_multiline: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim();
        if let Some(q) = in_multiline {
            if t.matches(q).count() % 2 == 1 {
                in_multiline = None;
            }
            continue;
        }
        for q in ["\"\"\"", "'''"] {
            if t.matches(q).count() % 2 == 1 {
                in_multiline = Some(q);
            }
        }
        if in_multiline.is_some() || !t.starts_with('[') {
            continue;
        }
        let Some(name) = header_name(t) else {
            continue;
        };
        let first = name.split('.').next().unwrap_or("");
        if TABLES.contains(&first)
            || first
                .chars()
                .any(|c| !(c.is_alphanumeric() || c == '_' || c == '-'))
        {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let bracket = t.len() - t.trim_start_matches('[').len();
        let at = start + indent + bracket;
        let guess = did_you_mean(first, TABLES);
        let help = match guess {
            Some(g) => format!("did you mean `{g}`? tables are: {}", TABLES.join(", ")),
            None => format!("tables are: {}", TABLES.join(", ")),
        };
        out.push(
            Diagnostic::new(
                format!("unknown table `{}`", shorten(first)),
                at..at + first.len(),
            )
            .help(help),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_the_top_level_keys_of_the_schema() {
        let schema = crate::scenario::schema::json_schema();
        let mut keys: Vec<&str> = schema["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .map(String::as_str)
            .collect();
        let mut tables = TABLES.to_vec();
        keys.sort_unstable();
        tables.sort_unstable();
        assert_eq!(keys, tables);
    }

    #[test]
    fn header_names_are_read() {
        assert_eq!(header_name("[[actors]]").as_deref(), Some("actors"));
        assert_eq!(header_name("[actors.ai] # x").as_deref(), Some("actors.ai"));
        assert_eq!(
            header_name("[ \"actors\" . ai ]").as_deref(),
            Some("actors.ai")
        );
    }

    #[test]
    fn unknown_tables_are_found_outside_text() {
        let t =
            "[scenario]\nsummary = \"\"\"\n[[actor]] in text\n\"\"\"\n\n[[actor]]\nid = \"x\"\n";
        let d = unknown_tables(t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "unknown table `actor`");
        assert_eq!(&t[d[0].span.clone()], "actor");
        assert!(
            d[0].help
                .as_deref()
                .unwrap_or("")
                .contains("did you mean `actors`")
        );
    }
}
