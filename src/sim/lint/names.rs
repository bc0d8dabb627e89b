//! Lint checks of how names read to players: names they cannot tell
//! apart, and headlines whose placeholders make bad English.

use super::{Finding, Level, Lines};
use crate::narrate;
use crate::scenario::model::{Piece, Template};
use crate::scenario::{ActorId, Scenario};

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

/// One headline as the article check reads it: the item it belongs to,
/// and who may stand for its `{actor}` and `{target}`.
struct Headline<'a> {
    kind: &'static str,
    id: &'a str,
    line: Option<usize>,
    template: &'a Template,
    users: &'a [bool],
    targets: &'a [bool],
    level: i32,
    label: &'a str,
}

/// Headlines that put "a" or "an" right before a name placeholder whose
/// name brings its own "the" ("a {actor} destroyer" reads "a the United
/// States destroyer"). The validator cannot refuse it (the words are the
/// author's), so lint points at it, with the headline as the game would
/// print it ([`narrate::render`]).
pub(super) fn articles_before_names(scn: &Scenario, lines: &Lines) -> Vec<Finding> {
    let all: Vec<bool> = vec![true; scn.n()];
    let anyone = |kind, id, line, template| Headline {
        kind,
        id,
        line,
        template,
        users: &all,
        targets: &all,
        level: 1,
        label: "",
    };
    let mut heads = Vec::new();
    for m in &scn.moves {
        for t in std::iter::once(&m.headline).chain(m.failure_headline.as_ref()) {
            heads.push(Headline {
                users: &m.users,
                targets: &m.targets,
                level: m.level.min,
                label: &m.level.label,
                ..anyone("move", &m.id, Lines::find(&lines.moves, &m.id), t)
            });
        }
    }
    for d in &scn.deals {
        heads.push(anyone("deal", &d.id, None, &d.headline));
    }
    for e in &scn.events {
        let line = Lines::find(&lines.events, &e.id);
        for t in std::iter::once(&e.headline).chain(&e.more_headlines) {
            heads.push(anyone("event", &e.id, line, t));
        }
    }
    for e in &scn.endings {
        if let Some(t) = &e.headline {
            heads.push(anyone(
                "ending",
                &e.id,
                Lines::find(&lines.endings, &e.id),
                t,
            ));
        }
    }
    heads
        .iter()
        .filter_map(|h| {
            let (me, target) = article_before_name(scn, h)?;
            let reads = narrate::render(scn, h.template, me, target, h.level, h.label);
            Some(Finding {
                severity: Level::Warning,
                code: "article-before-name",
                kind: h.kind,
                id: h.id.to_string(),
                line: h.line,
                message: format!(
                    "{} `{}`'s headline \"{}\" puts an article before a name: it reads \"{reads}\"",
                    h.kind,
                    h.id,
                    written(scn, h.template)
                ),
                help: "reword around the article: \"a destroyer of {actor}\", not \"a {actor} destroyer\" \
                       (placeholders give the actor's `in_sentence` name)"
                    .into(),
            })
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

/// The actors (for `{actor}`, `{target}`) with which `h` reads "a the …",
/// if any: a piece of text ending in "a"/"an" followed by a placeholder
/// that may stand for a name starting with "the".
fn article_before_name(scn: &Scenario, h: &Headline) -> Option<(Option<ActorId>, Option<ActorId>)> {
    let may = |set: &[bool], a: ActorId| set.get(a.index()).copied().unwrap_or(false);
    let first = |set: &[bool]| scn.actor_ids().find(|a| may(set, *a));
    let has_the = |a: &ActorId| scn.actor(*a).in_sentence.to_lowercase().starts_with("the ");
    h.template.0.windows(2).find_map(|w| {
        let Piece::Text(before) = &w[0] else {
            return None;
        };
        let last = before.trim_end().rsplit(' ').next()?.to_lowercase();
        if !before.ends_with(' ') || !(last == "a" || last == "an") {
            return None;
        }
        let pick = |set: &[bool]| scn.actor_ids().filter(|a| may(set, *a)).find(has_the);
        match &w[1] {
            Piece::Actor => Some((Some(pick(h.users)?), first(h.targets))),
            Piece::Target => Some((first(h.users), Some(pick(h.targets)?))),
            Piece::Name(a) if has_the(a) => Some((first(h.users), first(h.targets))),
            _ => None,
        }
    })
}
