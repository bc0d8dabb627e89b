//! Format versions: the check, and the chain of migrations that brings an
//! older save up to [`FORMAT_VERSION`] before it is read.
//!
//! Each migration takes the parsed TOML of format `n` and returns format
//! `n + 1`; they run in order, so a save of any older format loads. When the
//! format changes: bump [`FORMAT_VERSION`], add a function here, list it in
//! [`MIGRATIONS`], describe it in `docs/saves.md`, and keep a sample file of
//! the old format in the tests.
//!
//! Formats:
//! * **0** — the draft format (never released): orders as one flat
//!   `[[orders]]` list, each with its `turn`; the scenario hash under
//!   `scenario.hash`; no `injects`.
//! * **1** — orders grouped per turn in `[[turns]]`; `scenario.sha256`;
//!   `injects = []` reserved.
//! * **2** — every computer player's order keeps its `reason` (written by
//!   the later format-1 writers too, so a format-1 file may or may not
//!   have them); `finished = true` marks a game that is over.
//! * **3** — a hosted class keeps the instructor's actions in
//!   `[[instructor]]` (`at`, `turn`, `what`); nothing else changed, so
//!   format 2 migrates as it is.

use toml::{Table, Value};

use super::format::FORMAT_VERSION;

/// A migration from format `n` (its index in [`MIGRATIONS`]) to `n + 1`.
pub type Migration = fn(Table) -> Result<Table, String>;

/// `MIGRATIONS[n]` upgrades format `n` to `n + 1`.
pub const MIGRATIONS: &[Migration] = &[v0_to_v1, v1_to_v2, v2_to_v3];

/// What the version check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionError {
    /// No `format_version` key.
    Missing,
    /// `format_version` is not a non-negative integer.
    NotANumber(String),
    /// Newer than this program reads.
    Newer(i64),
    /// A migration failed.
    Failed { from: i64, why: String },
}

/// Reads `format_version` and migrates the table up to [`FORMAT_VERSION`].
/// Returns the table and the version the file had.
pub fn upgrade(mut table: Table) -> Result<(Table, i64), VersionError> {
    let found = match table.get("format_version") {
        None => return Err(VersionError::Missing),
        Some(Value::Integer(i)) if *i >= 0 => *i,
        Some(v) => return Err(VersionError::NotANumber(v.to_string())),
    };
    if found > i64::from(FORMAT_VERSION) {
        return Err(VersionError::Newer(found));
    }
    for (from, step) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        table = step(table).map_err(|why| VersionError::Failed {
            from: from as i64,
            why,
        })?;
        table.insert("format_version".into(), Value::Integer(from as i64 + 1));
    }
    Ok((table, found))
}

/// Format 0 → 1: group the flat `[[orders]]` list by turn into `[[turns]]`
/// (one entry per turn 1..=`turn`, empty turns included), rename
/// `scenario.hash` to `scenario.sha256`, add `injects = []`.
fn v0_to_v1(mut t: Table) -> Result<Table, String> {
    let turn = match t.get("turn") {
        Some(Value::Integer(i)) if *i >= 0 => *i,
        _ => return Err("`turn` is missing or not a whole number".into()),
    };
    // One entry is made per turn: never trust the count to size a list.
    let most = super::load::MAX_LOG_TURNS as i64;
    if turn > most {
        return Err(format!(
            "`turn` is {turn}; no game lasts more than {most} turns"
        ));
    }
    let orders = match t.remove("orders") {
        None => Vec::new(),
        Some(Value::Array(a)) => a,
        Some(_) => return Err("`orders` is not a list".into()),
    };
    let mut turns: Vec<Vec<Value>> = vec![Vec::new(); turn as usize];
    for (i, o) in orders.into_iter().enumerate() {
        let Value::Table(mut o) = o else {
            return Err(format!("order {} is not a table", i + 1));
        };
        let k = match o.remove("turn") {
            Some(Value::Integer(k)) if k >= 1 && k <= turn => k,
            _ => {
                return Err(format!(
                    "order {} has no `turn` between 1 and {turn}",
                    i + 1
                ));
            }
        };
        turns[k as usize - 1].push(Value::Table(o));
    }
    let turns: Vec<Value> = turns
        .into_iter()
        .enumerate()
        .map(|(i, orders)| {
            let mut e = Table::new();
            e.insert("turn".into(), Value::Integer(i as i64 + 1));
            e.insert("orders".into(), Value::Array(orders));
            Value::Table(e)
        })
        .collect();
    t.insert("turns".into(), Value::Array(turns));
    match t.get_mut("scenario") {
        Some(Value::Table(s)) => {
            if let Some(h) = s.remove("hash") {
                s.insert("sha256".into(), h);
            }
        }
        _ => return Err("the [scenario] table is missing".into()),
    }
    t.entry("injects")
        .or_insert_with(|| Value::Array(Vec::new()));
    Ok(t)
}

/// Format 1 → 2: add `finished`, true when the saved state has an
/// outcome. Reasons are kept as they are: a format-1 file written before
/// reasons were saved has none, and none can be made up.
fn v1_to_v2(mut t: Table) -> Result<Table, String> {
    // A file without a [state] is refused when it is read, with the
    // reader's own message; the migration need not judge it.
    let over = t
        .get("state")
        .and_then(Value::as_table)
        .is_some_and(|s| s.contains_key("outcome"));
    t.insert("finished".into(), Value::Boolean(over));
    Ok(t)
}

/// Format 2 → 3: the optional `[[instructor]]` list is new; a format-2
/// file has none and needs no change.
fn v2_to_v3(t: Table) -> Result<Table, String> {
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_and_missing_versions_are_refused() {
        let t: Table = toml::from_str("format_version = 99").unwrap();
        assert_eq!(upgrade(t), Err(VersionError::Newer(99)));
        let t: Table = toml::from_str("x = 1").unwrap();
        assert_eq!(upgrade(t), Err(VersionError::Missing));
        let t: Table = toml::from_str("format_version = 'one'").unwrap();
        assert!(matches!(upgrade(t), Err(VersionError::NotANumber(_))));
    }

    #[test]
    fn v0_groups_orders_by_turn() {
        let t: Table = toml::from_str(
            r#"
            format_version = 0
            turn = 3
            [scenario]
            hash = "abc"
            [[orders]]
            turn = 3
            actor = "a"
            [[orders]]
            turn = 1
            actor = "b"
            "#,
        )
        .unwrap();
        let (t, from) = upgrade(t).unwrap();
        assert_eq!(from, 0);
        assert_eq!(
            t["format_version"].as_integer(),
            Some(i64::from(FORMAT_VERSION))
        );
        let turns = t["turns"].as_array().unwrap();
        assert_eq!(turns.len(), 3);
        assert_eq!(turns[1]["orders"].as_array().unwrap().len(), 0);
        assert_eq!(turns[2]["orders"][0]["actor"].as_str(), Some("a"));
        assert_eq!(t["scenario"]["sha256"].as_str(), Some("abc"));
        assert!(t["injects"].as_array().unwrap().is_empty());
    }

    #[test]
    fn v0_with_a_huge_turn_fails_without_allocating() {
        let t: Table =
            toml::from_str("format_version = 0\nturn = 9223372036854775807\n[scenario]\n").unwrap();
        assert!(matches!(
            upgrade(t),
            Err(VersionError::Failed { from: 0, .. })
        ));
    }

    #[test]
    fn v0_with_an_order_out_of_range_fails() {
        let t: Table =
            toml::from_str("format_version = 0\nturn = 1\n[scenario]\n[[orders]]\nturn = 5\n")
                .unwrap();
        assert!(matches!(
            upgrade(t),
            Err(VersionError::Failed { from: 0, .. })
        ));
    }

    #[test]
    fn v1_gains_finished_from_the_state() {
        let t: Table = toml::from_str(
            "format_version = 1\n[state]\nturn = 3\n[state.outcome]\nkind = 'clash'\n",
        )
        .unwrap();
        let (t, from) = upgrade(t).unwrap();
        assert_eq!(from, 1);
        assert_eq!(
            t["format_version"].as_integer(),
            Some(i64::from(FORMAT_VERSION))
        );
        assert_eq!(t["finished"].as_bool(), Some(true));
        let t: Table = toml::from_str("format_version = 1\n[state]\nturn = 3\n").unwrap();
        let (t, _) = upgrade(t).unwrap();
        assert_eq!(t["finished"].as_bool(), Some(false));
    }
}
