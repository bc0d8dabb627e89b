//! `flashpoint new FILE [--actors a,b,c]`: writes a commented starting
//! scenario that validates and plays, for a teacher to change step by
//! step. Never overwrites a file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::scenario::{self, template};

/// Options of `flashpoint new`.
#[derive(Debug, Clone, clap::Args)]
pub struct NewArgs {
    /// The scenario file to write, e.g. scenarios/my-crisis.toml (it must not exist yet).
    pub file: PathBuf,
    /// Actor ids, comma-separated, 2 to 24 (default: westland,eastland,northport).
    #[arg(long, value_delimiter = ',')]
    pub actors: Vec<String>,
}

/// Writes the starting scenario, or says why it cannot.
pub fn run(args: &NewArgs) -> ExitCode {
    let path = &args.file;
    if path.extension().is_none_or(|e| e != "toml") {
        eprintln!(
            "error: scenario files end in .toml; name it e.g. `{}.toml`",
            path.display()
        );
        return ExitCode::from(2);
    }
    let actors: Vec<String> = if args.actors.is_empty() {
        template::DEFAULT_ACTORS
            .iter()
            .map(|s| s.to_string())
            .collect()
    } else {
        args.actors.iter().map(|s| s.trim().to_string()).collect()
    };
    if let Err(msg) = template::check_actor_ids(&actors) {
        eprintln!("error: {msg}");
        return ExitCode::from(2);
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let id = template::scenario_id(stem.as_deref().unwrap_or(""));
    let schema = schema_path(path);
    let text = template::scenario_text(&id, &actors, schema.as_deref());
    // The template is tested; this check only guards against shipping a
    // broken one to a teacher.
    if let Err(e) = scenario::load_str(&path.display().to_string(), &text) {
        eprintln!("internal error: the starting scenario does not validate; please report it");
        eprint!("{}", e.render(false));
        return ExitCode::FAILURE;
    }
    if let Err(e) = write_new(path, &text) {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    let shown = path.display();
    println!(
        "wrote {shown}: a starting scenario with {} actors ({})",
        actors.len(),
        actors.join(", ")
    );
    println!("next: flashpoint validate {shown}");
    println!("      flashpoint simulate {shown} --seed 1");
    println!("the comments in the file point to the sections of docs/scenario-format.md");
    ExitCode::SUCCESS
}

/// Creates the file; refuses if anything is already there.
fn write_new(path: &Path, text: &str) -> Result<(), String> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(format!(
                "error: {} already exists; `flashpoint new` never overwrites a file\n  help: choose another name, or move the old file away first",
                path.display()
            ));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let parent = path.parent().unwrap_or(Path::new("."));
            return Err(format!(
                "error: the folder `{}` does not exist\n  help: create it first, or name a file in an existing folder",
                parent.display()
            ));
        }
        Err(e) => return Err(format!("error: cannot create {}: {e}", path.display())),
    };
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("error: cannot write {}: {e}", path.display()))
}

/// `#:schema` path from the new file to `docs/scenario.schema.json`, if
/// that file is in the new file's folder or a folder above it (as in the
/// game's source folder), so editors find the schema without set-up.
fn schema_path(file: &Path) -> Option<String> {
    let parent = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = parent.canonicalize().ok()?;
    for (ups, ancestor) in dir.ancestors().enumerate() {
        if ancestor.join("docs/scenario.schema.json").is_file() {
            return Some(format!("{}docs/scenario.schema.json", "../".repeat(ups)));
        }
    }
    None
}
