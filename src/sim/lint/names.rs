//! Lint checks of how names read to players: names they cannot tell
//! apart, and headlines whose placeholders make bad English.

use super::{Finding, Level, Lines};
use crate::scenario::Scenario;
use crate::scenario::model::{Piece, Template};

/// Two actors or two moves that players would read as the same name (the
/// validator already refuses blank, invisible and over-wide names).
pub(super) fn duplicate_names(scn: &Scenario, lines: &Lines) -> Vec<Finding> {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let mut out = Vec::new();
    let mut check = |kind: &'static str, items: Vec<(&str, &str)>, list: &[(String, usize)]| {
        for (i, (id, name)) in items.iter().enumerate() {
            if let Some((first, _)) = items[..i].iter().find(|(_, n)| norm(n) == norm(name)) {
                out.push(Finding {
                    severity: Level::Warning,
                    code: "duplicate-name",
                    kind,
                    id: (*id).to_string(),
                    line: Lines::find(list, id),
                    message: format!(
                        "{kind} `{id}` is named \"{name}\", like {kind} `{first}`: players cannot tell them apart"
                    ),
                    help: "give each a name of its own".into(),
                });
            }
        }
    };
    check(
        "actor",
        scn.actors
            .iter()
            .map(|a| (a.id.as_str(), a.name.as_str()))
            .collect(),
        &lines.actors,
    );
    check(
        "actor",
        scn.actors
            .iter()
            .map(|a| (a.id.as_str(), a.short.as_str()))
            .collect(),
        &lines.actors,
    );
    check(
        "move",
        scn.moves
            .iter()
            .map(|m| (m.id.as_str(), m.name.as_str()))
            .collect(),
        &lines.moves,
    );
    out
}

/// Headlines that put "a" or "an" right before a name placeholder whose
/// name brings its own "the" ("a {actor} destroyer" reads "a the United
/// States destroyer"). The validator cannot refuse it (the words are the
/// author's), so lint points at it.
pub(super) fn articles_before_names(scn: &Scenario, lines: &Lines) -> Vec<Finding> {
    let all: Vec<bool> = vec![true; scn.n()];
    let mut found = Vec::new();
    for m in &scn.moves {
        for t in std::iter::once(&m.headline).chain(m.failure_headline.as_ref()) {
            found.extend(article_before_name(scn, t, &m.users, &m.targets).map(|ex| {
                (
                    "move",
                    m.id.as_str(),
                    Lines::find(&lines.moves, &m.id),
                    t,
                    ex,
                )
            }));
        }
    }
    for d in &scn.deals {
        found.extend(
            article_before_name(scn, &d.headline, &all, &all)
                .map(|ex| ("deal", d.id.as_str(), None, &d.headline, ex)),
        );
    }
    for e in &scn.events {
        for t in std::iter::once(&e.headline).chain(&e.more_headlines) {
            found.extend(article_before_name(scn, t, &all, &all).map(|ex| {
                (
                    "event",
                    e.id.as_str(),
                    Lines::find(&lines.events, &e.id),
                    t,
                    ex,
                )
            }));
        }
    }
    for e in &scn.endings {
        if let Some(h) = &e.headline {
            found.extend(article_before_name(scn, h, &all, &all).map(|ex| {
                (
                    "ending",
                    e.id.as_str(),
                    Lines::find(&lines.endings, &e.id),
                    h,
                    ex,
                )
            }));
        }
    }
    found
        .into_iter()
        .map(|(kind, id, line, t, example)| Finding {
            severity: Level::Warning,
            code: "article-before-name",
            kind,
            id: id.to_string(),
            line,
            message: format!(
                "{kind} `{id}`'s headline \"{}\" puts an article before a name: it reads \"{example}\"",
                written(scn, t)
            ),
            help: "reword around the article: \"a destroyer of {actor}\", not \"a {actor} destroyer\" \
                   (placeholders give the actor's `in_sentence` name)"
                .into(),
        })
        .collect()
}

/// A headline as its author wrote it, placeholders and all.
fn written(scn: &Scenario, t: &Template) -> String {
    t.0.iter()
        .map(|p| match p {
            Piece::Text(s) => s.clone(),
            Piece::Actor => "{actor}".into(),
            Piece::Target => "{target}".into(),
            Piece::Level => "{level}".into(),
            Piece::Label => "{label}".into(),
            Piece::Name(a) => format!("{{{}}}", scn.actor(*a).id),
        })
        .collect()
}

/// The first reading of `t` that puts "a"/"an" before a name starting with
/// "the", if any: `{actor}` stands for the actors in `users`, `{target}`
/// for those in `targets`.
fn article_before_name(
    scn: &Scenario,
    t: &Template,
    users: &[bool],
    targets: &[bool],
) -> Option<String> {
    let names_for = |p: &Piece| -> Vec<&str> {
        let pick = |set: &[bool]| {
            scn.actors
                .iter()
                .enumerate()
                .filter(|(i, _)| set.get(*i).copied().unwrap_or(false))
                .map(|(_, a)| a.in_sentence.as_str())
                .collect::<Vec<_>>()
        };
        match p {
            Piece::Actor => pick(users),
            Piece::Target => pick(targets),
            Piece::Name(a) => vec![scn.actor(*a).in_sentence.as_str()],
            _ => Vec::new(),
        }
    };
    t.0.windows(2).enumerate().find_map(|(i, w)| {
        let Piece::Text(before) = &w[0] else {
            return None;
        };
        let last = before.trim_end().rsplit(' ').next()?.to_lowercase();
        if !before.ends_with(' ') || !(last == "a" || last == "an") {
            return None;
        }
        let name = names_for(&w[1])
            .into_iter()
            .find(|n| n.to_lowercase().starts_with("the "))?;
        let from = if i == 0 { "" } else { "…" };
        Some(format!("{from}{}{name}", before.trim_start()))
    })
}
