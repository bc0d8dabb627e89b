//! `flashpoint debrief`: the debrief of a finished save as files a teacher
//! can hand out — `debrief.md`, a self-contained `debrief.html` with SVG
//! charts, and CSV tables for grading — and, given several saves of one
//! scenario, the sections compared side by side.
//!
//! Shell code: it reads saves and writes files. Everything it shows comes
//! from the [`Debrief`] perspective through [`Debrief::analyse`]; each file
//! is rendered in memory first and then written atomically, so a failure
//! never leaves half a file. See `docs/debrief.md`.

pub mod charts;
pub mod compare;
pub mod escape;
pub mod grid;
pub mod html;
pub mod markdown;
pub mod tables;
pub mod words;

/// The words of single things, at their old paths (the TUI's debrief screen uses them).
pub use words::{known_words, order_words, outcome_words, revealed_words};

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use crate::referee::{Analysis, Debrief};
use crate::scenario::Scenario;

/// Options of `flashpoint debrief`.
#[derive(Debug, Clone, clap::Args)]
pub struct DebriefArgs {
    /// A finished save; several saves of one scenario are compared.
    #[arg(required = true, num_args = 1..)]
    pub saves: Vec<PathBuf>,
    /// Folder for the files (made if missing; files in it with the same
    /// names are replaced). Default: `debrief` (one save) or
    /// `debrief-compare` (several).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// A finished game read from a save, ready to report.
#[derive(Debug, Clone)]
pub struct Finished {
    /// The save it was read from.
    pub path: PathBuf,
    /// The scenario embedded in the save.
    pub scenario: Arc<Scenario>,
    /// The whole truth of the game.
    pub debrief: Debrief,
    /// The debrief in words and numbers.
    pub analysis: Analysis,
}

/// Loads a save (with every check of `play --load`) and makes its
/// debrief; an unfinished game is refused with a message naming the file.
pub fn open(path: &Path) -> Result<Finished, String> {
    let game = crate::save::load(path).map_err(|e| e.to_string())?;
    let Some(debrief) = game.debrief() else {
        return Err(format!(
            "{}: the game is not finished (turn {} of at most {}); a debrief needs a finished game — play it to the end first (`flashpoint play --load {}`)",
            path.display(),
            game.turn(),
            game.scenario().meta.turns,
            path.display()
        ));
    };
    let scenario = game.scenario().clone();
    let analysis = debrief.analyse(&scenario);
    Ok(Finished {
        path: path.to_path_buf(),
        scenario,
        debrief,
        analysis,
    })
}

/// The files of one game's debrief: (file name, contents), in the order
/// they are written.
pub fn files(f: &Finished) -> Result<Vec<(&'static str, String)>, String> {
    let a = &f.analysis;
    Ok(vec![
        ("debrief.md", markdown::render(a)),
        ("debrief.html", html::render(a)?),
        ("meters.csv", tables::meters(&f.scenario, &f.debrief)?),
        ("orders.csv", tables::orders(a)?),
        ("objectives.csv", tables::objectives(a)?),
        ("estimates.csv", tables::estimates(&f.scenario, &f.debrief)?),
    ])
}

/// The files comparing several sections.
pub fn compare_files(games: &[Finished]) -> Result<Vec<(&'static str, String)>, String> {
    check_same_scenario(games)?;
    let sections: Vec<compare::Section> = games
        .iter()
        .map(|g| compare::Section {
            name: section_name(&g.path),
            analysis: g.analysis.clone(),
        })
        .collect();
    Ok(vec![
        ("compare.md", compare::markdown(&sections)),
        ("compare.html", compare::html(&sections)?),
    ])
}

/// Refuses saves of different scenarios, naming the files.
pub fn check_same_scenario(games: &[Finished]) -> Result<(), String> {
    let Some(first) = games.first() else {
        return Err("no saves to compare".into());
    };
    for g in &games[1..] {
        if g.scenario.meta.id != first.scenario.meta.id {
            return Err(format!(
                "{} is a game of `{}` but {} is a game of `{}`: only saves of one scenario can be compared",
                g.path.display(),
                g.scenario.meta.id,
                first.path.display(),
                first.scenario.meta.id
            ));
        }
    }
    Ok(())
}

/// A section's name: the save's file name without `.toml`.
pub fn section_name(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// Writes the files into `dir` (made if missing), each atomically.
pub fn write(dir: &Path, files: &[(&'static str, String)]) -> Result<Vec<PathBuf>, String> {
    if dir.exists() && !dir.is_dir() {
        return Err(format!("{}: not a folder", dir.display()));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("{}: cannot make the folder: {e}", dir.display()))?;
    let mut out = Vec::with_capacity(files.len());
    for (name, text) in files {
        let path = dir.join(name);
        crate::save::write::write_atomic(&path, text.as_bytes(), true)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        out.push(path);
    }
    Ok(out)
}

/// `flashpoint debrief SAVE... [--out DIR]`.
pub fn run(args: &DebriefArgs) -> ExitCode {
    match run_inner(args) {
        Ok(paths) => {
            println!("Wrote:");
            for p in paths {
                println!(
                    "  {}",
                    crate::save::text::escape(&p.display().to_string(), false)
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}", crate::save::text::escape(&e, true));
            ExitCode::FAILURE
        }
    }
}

fn run_inner(args: &DebriefArgs) -> Result<Vec<PathBuf>, String> {
    let games = args
        .saves
        .iter()
        .map(|p| open(p))
        .collect::<Result<Vec<_>, _>>()?;
    let (files, default) = if games.len() == 1 {
        (files(&games[0])?, "debrief")
    } else {
        (compare_files(&games)?, "debrief-compare")
    };
    let dir = args.out.clone().unwrap_or_else(|| PathBuf::from(default));
    write(&dir, &files)
}
