//! Options that more than one batch command takes the same way (`lint`,
//! `sweep`): declared once so their names, defaults and help cannot drift.

/// What every batch of AI games starts from: the scenario, the first seed
/// and the threads; flattened into a command's own options.
#[derive(Debug, Clone, clap::Args)]
pub struct GamesArgs {
    /// A scenario file or a bundled scenario id.
    pub scenario: String,
    /// Seed of the first game (default: the scenario's seed); `sweep`
    /// starts every value from it.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Threads for the games (default: one per core); the output does not
    /// depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
}
