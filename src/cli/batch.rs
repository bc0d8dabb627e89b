//! `simulate --runs N` and `flashpoint merge`: the shell around
//! [`crate::sim::batch`] — threads, the progress bar, Ctrl-C, shard files
//! and the printed statistics.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::{Value, json};

use crate::ai::Policy;
use crate::scenario::Scenario;
use crate::sim::batch::{self, BatchSettings, BatchStats, Labels, Shard, ShardFile};
use crate::sim::render::Format;

/// Set by Ctrl-C: no new game starts; what was played is printed.
static STOP: AtomicBool = AtomicBool::new(false);

/// Installs the Ctrl-C handler (once): the first press stops the batch
/// after the games in progress, the second ends the program at once.
fn catch_ctrl_c() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            if STOP.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    });
}

/// What `simulate --runs` was asked for.
pub struct BatchRequest<'a> {
    pub scn: Arc<Scenario>,
    pub seed: u64,
    pub runs: u64,
    pub turns: Option<u32>,
    pub policies: Vec<Policy>,
    pub threads: usize,
    pub shard: Option<&'a str>,
    pub out: Option<&'a Path>,
    pub format: Format,
    /// Put the AI's thinking time in the printed output (`--timing`).
    pub timing: bool,
}

/// Runs a batch (or one shard of it) and prints or writes its statistics.
pub fn run(req: BatchRequest<'_>) -> ExitCode {
    if req.runs == 0 {
        eprintln!("error: --runs must be at least 1");
        return ExitCode::from(2);
    }
    if req.runs > batch::MAX_RUNS {
        eprintln!(
            "error: --runs {} is more than {} games, which would take thousands of \
             core-years; split a study that size into several batches",
            req.runs,
            batch::MAX_RUNS
        );
        return ExitCode::from(2);
    }
    let shard = match req.shard.map(Shard::parse).transpose() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if shard.is_some() && req.out.is_none() {
        eprintln!(
            "error: --shard needs --out FILE: each shard writes its statistics to a file, \
             and `flashpoint merge FILES...` combines them"
        );
        return ExitCode::from(2);
    }
    let shard = shard.unwrap_or(Shard::WHOLE);
    let settings = BatchSettings::new(&req.scn, req.seed, req.runs, req.turns, req.policies);
    let games = shard.games(req.runs);
    let total = games.end - games.start;
    catch_ctrl_c();
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(total);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{elapsed_precise} {wide_bar} {human_pos}/{human_len} games, {per_sec}, ETA {eta}",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let result = batch::run_batch_timed(&req.scn, &settings, games, req.threads, &STOP, &|| {
        bar.inc(1)
    });
    bar.finish_and_clear();
    let (stats, times) = match result {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let file = ShardFile::new(settings, shard, Labels::of(&req.scn), stats);
    if file.partial {
        eprintln!(
            "interrupted: statistics of the {} of {total} games finished (marked partial)",
            file.stats.games
        );
    }
    let code = if file.partial {
        ExitCode::from(130)
    } else {
        ExitCode::SUCCESS
    };
    match req.out {
        Some(path) => match write_file(path, &file) {
            Ok(()) => {
                eprintln!("{}", times.line());
                eprintln!(
                    "wrote the statistics of {} games (shard {}/{}) to {}",
                    file.stats.games,
                    shard.index,
                    shard.count,
                    path.display()
                );
                code
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                ExitCode::FAILURE
            }
        },
        None => {
            let out = match req.format {
                Format::Json if req.timing => {
                    let mut v = batch_json(&file);
                    v["timing"] = crate::sim::render::timing_json(&times);
                    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
                }
                Format::Json => render(&file, req.format),
                Format::Text => crate::sim::render::with_timing_line(
                    render(&file, req.format),
                    &times,
                    req.timing,
                ),
            };
            print!("{out}");
            code
        }
    }
}

/// Writes a statistics file atomically (a temporary file beside it, then
/// renamed), so a scheduler that reruns a shard never leaves half a file.
fn write_file(path: &Path, file: &ShardFile) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(file).map_err(std::io::Error::other)? + "\n";
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

/// The printed statistics of a batch: JSON or text.
pub fn render(f: &ShardFile, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(&batch_json(f)).unwrap_or_default() + "\n",
        Format::Text => batch_text(f),
    }
}

/// Options of `flashpoint merge`.
#[derive(Debug, Clone, clap::Args)]
pub struct MergeArgs {
    /// Statistics files written by `simulate --runs N --shard I/K --out FILE`.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the merged statistics file here (to merge again later)
    /// instead of printing the statistics.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// `flashpoint merge FILES...`: the statistics of the whole batch, exactly
/// as one run over all shards prints them.
pub fn merge(args: &MergeArgs) -> ExitCode {
    let mut files = Vec::new();
    for p in &args.files {
        let name = p.display().to_string();
        let text = match read_capped(p) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: cannot read {name}: {e}");
                return ExitCode::FAILURE;
            }
        };
        match ShardFile::parse(&name, &text) {
            Ok(f) => files.push((name, f)),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let merged = match ShardFile::merge(&files) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let missing = merged.missing();
    if !missing.is_empty() {
        let list: Vec<String> = missing.iter().map(u32::to_string).collect();
        eprintln!(
            "warning: shards {} of {} are missing; the statistics cover {} of {} games (marked partial)",
            list.join(", "),
            merged.shard_count,
            merged.stats.games,
            merged.settings.runs
        );
    }
    match &args.out {
        Some(path) => {
            if let Err(e) = write_file(path, &merged) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
            eprintln!(
                "wrote the statistics of {} games to {}",
                merged.stats.games,
                path.display()
            );
        }
        None => print!("{}", render(&merged, args.format)),
    }
    ExitCode::SUCCESS
}

/// Reads a file of at most 64 MiB (statistics files are a few KB), never
/// blocking on a FIFO or a device.
fn read_capped(p: &Path) -> std::io::Result<String> {
    crate::files::read_text_capped(p, 64 << 20).map_err(|e| std::io::Error::other(e.to_string()))
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn is_partial(f: &ShardFile) -> bool {
    f.partial || !f.missing().is_empty()
}

fn batch_json(f: &ShardFile) -> Value {
    let b = &f.stats;
    let l = &f.labels;
    let n = b.games.max(1) as f64;
    let offered = b.offered_to_shares();
    let top3 = b.top3_shares();
    json!({
        "scenario": f.settings.scenario,
        "base_seed": f.settings.base_seed,
        "runs": b.games,
        "partial": is_partial(f),
        "outcomes": l.outcomes.iter().zip(&b.outcomes).map(|(k, c)| json!({"kind": k, "count": c})).collect::<Vec<_>>(),
        "final_regional": {
            "mean": round2(b.regional_mean()),
            "p10": round2(b.regional_percentile(0.1)),
            "p50": round2(b.regional_percentile(0.5)),
            "p90": round2(b.regional_percentile(0.9)),
        },
        "mechanics": b.mechanics().iter().map(|(k, v)| json!({"what": k, "value": round2(*v)})).collect::<Vec<_>>(),
        "assessment_error": l.actors.iter().zip(b.assessment_means()).map(|(a, e)| json!({"actor": a.id, "mean": (e * 1000.0).round() / 1000.0})).collect::<Vec<_>>(),
        "peak_level_share": l.levels.iter().zip(&b.peak_levels).map(|(name, c)| json!({"level": name, "share": round2(*c as f64 / n)})).collect::<Vec<_>>(),
        "actors": l.actors.iter().zip(b.score_means()).zip(&b.objectives_met).enumerate().map(|(i, ((a, mean), met))| json!({
            "actor": a.id,
            "mean_score": round2(mean),
            "offered_to_share": round2(offered.get(i).copied().unwrap_or(0.0)),
            "top3_share": round2(top3.get(i).copied().unwrap_or(0.0)),
            "objectives_met": a.objectives.iter().zip(met).map(|(o, c)| json!({"text": o, "share": round2(*c as f64 / n)})).collect::<Vec<_>>(),
            "moves_per_game": l.moves.iter().zip(b.move_uses.get(i).map(Vec::as_slice).unwrap_or(&[])).filter(|(_, c)| **c > 0).map(|(m, c)| json!({"move": m, "per_game": round2(*c as f64 / n)})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "events_per_game": l.events.iter().zip(&b.event_fired).map(|(e, c)| json!({"event": e, "per_game": round2(*c as f64 / n)})).collect::<Vec<_>>(),
        "crisis_stage_reached": l.stages.iter().zip(BatchStats::reached(&b.peak_stage, b.games)).map(|(s, x)| json!({"stage": s, "share": round2(x)})).collect::<Vec<_>>(),
        "pairs": pair_names(l).into_iter().zip(&b.pair_peak_stage).map(|(p, counts)| json!({
            "pair": p,
            "stage_reached": l.stages.iter().zip(BatchStats::reached(counts, b.games)).map(|(s, x)| json!({"stage": s, "share": round2(x)})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// "us–dprk" for every pair a < b, row by row (the order of
/// [`BatchStats::pair_peak_stage`]).
fn pair_names(l: &Labels) -> Vec<String> {
    let n = l.actors.len();
    let mut out = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            out.push(format!("{}–{}", l.actors[a].id, l.actors[b].id));
        }
    }
    out
}

fn batch_text(f: &ShardFile) -> String {
    let b = &f.stats;
    let l = &f.labels;
    let n = b.games.max(1) as f64;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} — {} games from seed {}{}",
        l.title,
        b.games,
        f.settings.base_seed,
        if is_partial(f) {
            " (partial: interrupted or shards missing)"
        } else {
            ""
        }
    );
    let _ = writeln!(s, "\nHow games ended:");
    for (k, c) in l.outcomes.iter().zip(&b.outcomes).filter(|(_, c)| **c > 0) {
        let _ = writeln!(s, "  {k:<24} {c:>5}  ({:.1}%)", 100.0 * *c as f64 / n);
    }
    let _ = writeln!(
        s,
        "\nFinal regional tension: mean {:.1}, p10 {:.1}, median {:.1}, p90 {:.1}",
        b.regional_mean(),
        b.regional_percentile(0.1),
        b.regional_percentile(0.5),
        b.regional_percentile(0.9)
    );
    let _ = writeln!(s, "Highest escalation level reached:");
    for (name, c) in l.levels.iter().zip(&b.peak_levels) {
        let _ = writeln!(s, "  {:<16} {:>5.1}%", name, *c as f64 / n * 100.0);
    }
    if !l.stages.is_empty() {
        let _ = writeln!(s, "Highest crisis stage of any pair:");
        for (name, x) in l
            .stages
            .iter()
            .zip(BatchStats::reached(&b.peak_stage, b.games))
        {
            let _ = writeln!(s, "  {:<16} {:>5.1}%", name, x * 100.0);
        }
        let hot: Vec<String> = pair_names(l)
            .into_iter()
            .zip(&b.pair_peak_stage)
            .filter_map(|(p, counts)| {
                let top = BatchStats::reached(counts, b.games).last().copied()?;
                (top > 0.0).then(|| format!("{p} {:.1}%", top * 100.0))
            })
            .collect();
        if !hot.is_empty() {
            let _ = writeln!(s, "  pairs that reached the top: {}", hot.join(", "));
        }
    }
    let _ = writeln!(s, "\nMechanics:");
    for (k, v) in b.mechanics() {
        if k.starts_with("games") || k.starts_with("share") {
            let _ = writeln!(s, "  {:>6.1}%  {k}", v * 100.0);
        } else {
            let _ = writeln!(s, "  {v:>7.2}  {k}");
        }
    }
    let offered = b.offered_to_shares();
    if !offered.is_empty() {
        let _ = writeln!(s, "Games in which another actor offered it a deal:");
        for (a, x) in l.actors.iter().zip(&offered) {
            let _ = writeln!(s, "  {:<7} {:>5.1}%", a.short, x * 100.0);
        }
    }
    let _ = writeln!(
        s,
        "Mean assessment error (share of each hidden value's range):"
    );
    for (a, e) in l.actors.iter().zip(b.assessment_means()) {
        let _ = writeln!(s, "  {:<7} {:.3}", a.short, e);
    }
    let _ = writeln!(s, "\nObjectives:");
    for ((a, mean), met) in l.actors.iter().zip(b.score_means()).zip(&b.objectives_met) {
        let _ = writeln!(s, "  {:<7} mean score {mean:>5.1}", a.short);
        for (o, c) in a.objectives.iter().zip(met) {
            let _ = writeln!(s, "          {:>5.1}% met: {}", *c as f64 / n * 100.0, o);
        }
    }
    let _ = writeln!(
        s,
        "\nOrders per game (top 3: share of its orders taken by its three most frequent moves):"
    );
    for ((a, uses), top3) in l.actors.iter().zip(&b.move_uses).zip(b.top3_shares()) {
        let mut v: Vec<(&String, u64)> = l
            .moves
            .iter()
            .zip(uses)
            .filter(|(_, c)| **c > 0)
            .map(|(m, c)| (m, *c))
            .collect();
        v.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
        let line: Vec<String> = v
            .iter()
            .map(|(m, c)| format!("{m} {:.1}", *c as f64 / n))
            .collect();
        if line.is_empty() {
            let _ = writeln!(s, "  {:<7} (no orders)", a.short);
        } else {
            let _ = writeln!(
                s,
                "  {:<7} top 3 {:>5.1}% | {}",
                a.short,
                top3 * 100.0,
                line.join(", ")
            );
        }
    }
    let _ = writeln!(s, "\nScripted events fired per game:");
    for (e, c) in l.events.iter().zip(&b.event_fired) {
        let _ = writeln!(s, "  {:>6.2}  {e}", *c as f64 / n);
    }
    s
}
