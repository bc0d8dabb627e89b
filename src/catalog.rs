//! The scenarios this machine can play: the bundled ones, then those in
//! `./scenarios`. The title screen and `flashpoint scenarios` list them.

use crate::scenario;

/// One playable scenario found on this machine.
#[derive(Debug, Clone)]
pub struct Listing {
    /// What to pass as SCENARIO: a bundled id or a path.
    pub name: String,
    pub title: String,
    pub summary: String,
    /// Why it cannot be loaded, if it cannot.
    pub error: Option<String>,
}

/// The bundled scenarios, then every `scenarios/*.toml` (sorted by name)
/// that is not a copy of a bundled one.
pub fn discover() -> Vec<Listing> {
    let mut out = Vec::new();
    for (id, file, _) in scenario::BUNDLED {
        if let Some(Ok(s)) = scenario::load_bundled(id) {
            out.push(Listing {
                name: (*id).to_string(),
                title: s.meta.title,
                summary: s.meta.summary,
                error: None,
            });
        }
        let _ = file;
    }
    let mut paths: Vec<_> = std::fs::read_dir("scenarios")
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    for p in paths {
        let bundled_copy = scenario::BUNDLED.iter().any(|(_, file, text)| {
            p.file_name().is_some_and(|n| n == *file)
                && crate::files::read_text_capped(&p, text.len() as u64).is_ok_and(|t| t == *text)
        });
        if bundled_copy {
            continue;
        }
        let name = p.display().to_string();
        match scenario::load_file(&p) {
            Ok(s) => out.push(Listing {
                name,
                title: s.meta.title,
                summary: s.meta.summary,
                error: None,
            }),
            Err(e) => out.push(Listing {
                name,
                title: String::new(),
                summary: String::new(),
                error: Some(
                    e.diagnostics
                        .first()
                        .map_or_else(String::new, |d| d.message.clone()),
                ),
            }),
        }
    }
    out
}
