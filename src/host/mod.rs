//! `flashpoint host`: the classroom game over SSH. The game lives here
//! ([`game::Host`]: the referee's match, each seat's drafts, the turn
//! clock); every team connects with `ssh -p PORT SEAT@HOST` and gets the
//! terminal game for its own seat ([`seat`]); a `projector` seat shows
//! public information only ([`projector`]); the instructor runs the
//! exercise from the console in the local terminal ([`console`]). The SSH
//! transport is [`crate::classroom`].

pub mod class_file;
pub mod console;
pub mod game;
pub mod projector;
pub mod seat;
pub mod server;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use crate::ai::Policy;
use crate::classroom::{HostKey, JoinCodes};
use crate::engine::turn::Keep;
use crate::referee::{Match, Seat};
use crate::save::GameId;

pub use game::{Host, HostGame, MissingPolicy, PROJECTOR};
pub use seat::HostLobby;
pub use server::Hosted;

/// Options of `flashpoint host`.
#[derive(Debug, Clone, clap::Args)]
pub struct HostArgs {
    /// A scenario file or a bundled scenario id (default: the Korea scenario).
    pub scenario: Option<String>,
    /// The port students connect to.
    #[arg(long, default_value_t = 2222)]
    pub port: u16,
    /// The address to listen on (default: every interface, for a class on
    /// the LAN; 127.0.0.1 to try it alone).
    #[arg(long, default_value = "0.0.0.0")]
    pub bind: std::net::IpAddr,
    /// Seed of the game (default: the scenario's seed).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Time per turn, e.g. `8m`, `90s`, `1m30s`; `0` for no deadline.
    #[arg(long, default_value = "8m", value_parser = parse_duration)]
    pub deadline: Duration,
    /// Actors the computer plays (comma-separated ids); people play the rest.
    #[arg(long, value_delimiter = ',')]
    pub ai: Vec<String>,
    /// Continue a hosted game from its save (the join codes are kept).
    #[arg(long, conflicts_with_all = ["scenario", "ai", "seed"])]
    pub resume: Option<PathBuf>,
    /// Folder for saves and the host key (default: ./saves).
    #[arg(long)]
    pub saves_dir: Option<PathBuf>,
}

/// `8m`, `90s`, `1m30s`, `2h`, or a number of seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    if let Ok(secs) = t.parse::<u64>() {
        return Ok(Duration::from_secs(secs));
    }
    let mut total = 0u64;
    let mut num = String::new();
    for c in t.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return Err(format!("`{t}`: write a time such as 8m, 90s or 1m30s")),
        };
        let n: u64 = num
            .parse()
            .map_err(|_| format!("`{t}`: a number must come before `{c}`"))?;
        total = total.saturating_add(n.saturating_mul(unit));
        num.clear();
    }
    if !num.is_empty() {
        return Err(format!("`{t}`: end with a unit (h, m or s)"));
    }
    Ok(Duration::from_secs(total))
}

/// The seats that log in: each person's actor, then the projector.
pub fn seat_names(game: &Match) -> Vec<String> {
    let scn = game.scenario();
    let mut out: Vec<String> = game
        .humans()
        .into_iter()
        .map(|a| scn.actor(a).id.clone())
        .collect();
    out.push(PROJECTOR.to_string());
    out
}

/// The game to host, its id and its classroom file, from the options.
fn open_game(
    a: &HostArgs,
    dir: &Path,
) -> Result<(Match, GameId, Option<class_file::ClassFile>), String> {
    if let Some(path) = &a.resume {
        let (game, id) = crate::save::load_with_id(path)
            .map_err(|e| crate::tui::text::clean_lines(&e.to_string()))?;
        let side = class_file::path_for(path);
        let class = if side.exists() {
            Some(class_file::ClassFile::read(&side)?)
        } else {
            None
        };
        let _ = dir;
        return Ok((game, id, class));
    }
    let scn = crate::scenario::resolve(a.scenario.as_deref()).map_err(|e| e.render(false))?;
    let mut seats = vec![Seat::Human; scn.n()];
    for id in &a.ai {
        let Some(x) = scn.actor_by_id(id.trim()) else {
            let ids: Vec<&str> = scn.actors.iter().map(|x| x.id.as_str()).collect();
            return Err(format!(
                "--ai names `{}`, which is not an actor of {}; actors are: {}",
                crate::tui::text::clean(id),
                scn.meta.id,
                ids.join(", ")
            ));
        };
        seats[x.index()] = Seat::Ai(Policy::Utility);
    }
    let seed = a.seed.unwrap_or(scn.meta.seed);
    let game = Match::new(Arc::new(scn), seed, seats, Keep::Everything);
    Ok((game, GameId::random(), None))
}

/// Runs `flashpoint host`: the server, then the console until the
/// instructor quits.
pub fn run(a: &HostArgs) -> ExitCode {
    let dir = crate::save::saves_dir(a.saves_dir.as_deref());
    let (game, id, class) = match open_game(a, &dir) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let seats = seat_names(&game);
    let codes = match class.as_ref().map(class_file::ClassFile::join_codes) {
        Some(Ok(c)) => c,
        Some(Err(e)) => {
            eprintln!("error: {e}; delete the .classroom file to give out new codes");
            return ExitCode::FAILURE;
        }
        None => match JoinCodes::generate(&seats) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("error: cannot make join codes: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let deadline = match &class {
        Some(c) if a.deadline == Duration::from_secs(8 * 60) => c.deadline_secs,
        _ => a.deadline.as_secs(),
    };
    let deadline = (deadline > 0).then(|| Duration::from_secs(deadline));
    let host = Host::new(game, id, deadline);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!(
            "error: cannot create the saves folder {}: {e}",
            dir.display()
        );
        return ExitCode::FAILURE;
    }
    {
        let mut g = host.lock();
        g.saves_dir = Some(dir.clone());
        if let Some(c) = &class {
            g.actions = c.actions.clone();
            g.missing = c.missing;
        }
        let codes_kept = codes.clone();
        let dir2 = dir.clone();
        g.on_save = Some(Arc::new(move |g: &HostGame| {
            let _ = write_class_file(g, &codes_kept, &dir2);
        }));
        // Write the codes now, so a crash before the first turn keeps them.
        let saved = crate::save::autosave_with_id(&dir, g.game(), g.id());
        g.last_save = Some(saved.map_err(|e| e.to_string()));
        if let Err(e) = write_class_file(&g, &codes, &dir) {
            eprintln!("warning: {e}");
        }
        if a.resume.is_some() {
            g.log("resumed the game from its save".into());
        }
    }
    let key = match HostKey::load_or_create(&dir.join("host_key")) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let listen = SocketAddr::new(a.bind, a.port);
    let hosted = match Hosted::start(host, listen, key, codes, |_| {}) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = console::run(&hosted);
    {
        let g = hosted.host.lock();
        if let Err(e) = write_class_file(&g, &hosted.classroom.codes(), &dir) {
            eprintln!("warning: {e}");
        }
    }
    let autosave = hosted.host.lock().game().clone();
    let path = crate::save::autosave_path_with_id(
        &dir,
        &autosave.scenario().meta.id,
        hosted.host.lock().id(),
    );
    hosted.shutdown();
    match result {
        Ok(()) => {
            println!(
                "The class game is saved in {}; continue it with `flashpoint host --resume {}`.",
                path.display(),
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the classroom file beside the game's autosave.
pub fn write_class_file(g: &HostGame, codes: &JoinCodes, dir: &Path) -> Result<(), String> {
    let save = crate::save::autosave_path_with_id(dir, &g.scenario().meta.id, g.id());
    let file = class_file::ClassFile {
        codes: codes
            .iter()
            .map(|(s, c)| (s.to_string(), c.to_string()))
            .collect(),
        deadline_secs: g.clock.per_turn.map_or(0, |d| d.as_secs()),
        missing: g.missing,
        actions: g.actions.clone(),
    };
    file.write(&class_file::path_for(&save))
}
