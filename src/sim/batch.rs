//! Batches of games as statistics that merge exactly.
//!
//! [`run_batch`] plays games `start..end` of a batch (game `i` seeded with
//! `derive_seed(base_seed, i)`) on a rayon pool and folds each finished
//! game into a [`BatchStats`] at once: no game is kept, so memory stays
//! the same for ten games or a billion. Every statistic is an integer —
//! counts, histograms, and sums of real numbers in fixed point — so
//! merging is exact, commutative and associative: the result is the same
//! byte for byte whatever the number of threads, the order in which games
//! finish, or how the seeds were split into shards ([`Shard`]) that ran on
//! different machines and were merged afterwards ([`ShardFile::merge`]).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::timing::{TurnTimes, play_turn_timed};
use super::{Facts, seats};
use crate::ai::Policy;
use crate::engine::turn::Keep;
use crate::engine::{self, rng};
use crate::referee::Match;
use crate::scenario::Scenario;

/// Real numbers are summed as integers of this many parts per unit, so a
/// sum does not depend on the order of its terms.
const FIXED: f64 = 1e9;

/// Most games one batch may ask for. Memory does not grow with the number
/// of games, but time does: at about 20 ms a game on one core this is
/// thousands of core-years, so a larger number is a typing mistake.
pub const MAX_RUNS: u64 = 1_000_000_000_000;

fn fixed(x: f64) -> i128 {
    if x.is_finite() {
        (x * FIXED).round() as i128
    } else {
        0
    }
}

fn unfixed(sum: i128, n: u64) -> f64 {
    if n == 0 {
        0.0
    } else {
        sum as f64 / FIXED / n as f64
    }
}

/// Everything that decides which games a batch plays: two shards merge
/// only when their settings are equal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchSettings {
    /// The scenario's id.
    pub scenario: String,
    /// SHA-256 of the scenario's text: the same id with other rules is
    /// another scenario.
    pub scenario_sha256: String,
    /// Game `i` is seeded with `derive_seed(base_seed, i)`.
    pub base_seed: u64,
    /// Games in the whole batch (all shards together).
    pub runs: u64,
    /// Stop each game after this many turns (`None`: play to the end).
    pub turns: Option<u32>,
    /// Who plays each actor, in scenario order.
    pub policies: Vec<Policy>,
}

impl BatchSettings {
    /// The settings of a batch of `runs` games of `scn`.
    pub fn new(
        scn: &Scenario,
        base_seed: u64,
        runs: u64,
        turns: Option<u32>,
        policies: Vec<Policy>,
    ) -> Self {
        let digest = Sha256::digest(scn.source.as_bytes());
        BatchSettings {
            scenario: scn.meta.id.clone(),
            scenario_sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
            base_seed,
            runs,
            turns,
            policies,
        }
    }
}

/// One of `count` disjoint slices of a batch's games (`index` from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// The whole batch as a single shard.
    pub const WHOLE: Shard = Shard { index: 1, count: 1 };

    /// Reads `I/K` (1 ≤ I ≤ K).
    pub fn parse(s: &str) -> Result<Shard, String> {
        let bad = || format!("--shard takes I/K with 1 ≤ I ≤ K, like 2/8; got `{s}`");
        let (i, k) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = i.trim().parse().map_err(|_| bad())?;
        let count: u32 = k.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// The games of this shard of a batch of `runs`: a contiguous range;
    /// the ranges of shards 1..=K cover `0..runs` without overlap.
    pub fn games(self, runs: u64) -> std::ops::Range<u64> {
        let at = |k: u32| (u128::from(runs) * u128::from(k) / u128::from(self.count)) as u64;
        at(self.index - 1)..at(self.index)
    }
}

/// Names the statistics need to be printed, so that merging shards needs
/// no scenario file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels {
    pub title: String,
    /// Outcome keys: `turn_limit`, `clash`, each ending id, `unfinished`.
    pub outcomes: Vec<String>,
    /// Escalation level names, lowest first.
    pub levels: Vec<String>,
    pub actors: Vec<ActorLabel>,
    /// Move ids, in scenario order.
    #[serde(default)]
    pub moves: Vec<String>,
    /// Scripted event ids, in scenario order.
    #[serde(default)]
    pub events: Vec<String>,
    /// Crisis stage names, lowest first (stage 0, no crisis, is left out).
    #[serde(default)]
    pub stages: Vec<String>,
}

/// An actor's names and objectives, for printing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorLabel {
    pub id: String,
    pub short: String,
    pub objectives: Vec<String>,
}

impl Labels {
    /// The labels of a scenario.
    pub fn of(scn: &Scenario) -> Labels {
        let mut outcomes: Vec<String> = vec!["turn_limit".into(), "clash".into()];
        outcomes.extend(scn.endings.iter().map(|e| e.id.clone()));
        outcomes.push("unfinished".into());
        Labels {
            title: scn.meta.title.clone(),
            outcomes,
            levels: scn.levels.iter().map(|l| l.name.clone()).collect(),
            moves: scn.moves.iter().map(|m| m.id.clone()).collect(),
            events: scn.events.iter().map(|e| e.id.clone()).collect(),
            stages: scn.crisis.stages.iter().map(|s| s.name.clone()).collect(),
            actors: scn
                .actors
                .iter()
                .map(|a| ActorLabel {
                    id: a.id.clone(),
                    short: a.short.clone(),
                    objectives: a.objectives.iter().map(|o| o.text.clone()).collect(),
                })
                .collect(),
        }
    }
}

/// Totals of the mechanics counted in each game ([`Facts`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactTotals {
    pub resolutions: u64,
    pub vetoed: u64,
    pub revelations: u64,
    pub games_with_resolution_passed: u64,
    pub games_with_offer: u64,
    pub games_with_deal_struck: u64,
    pub games_with_deal_broken: u64,
    pub games_with_covert_factory: u64,
    pub games_with_factory_revealed: u64,
    /// Games with at least one council resolution tabled (proposed).
    #[serde(default)]
    pub games_with_resolution_tabled: u64,
}

impl FactTotals {
    fn add(&mut self, f: &Facts) {
        self.resolutions += u64::from(f.resolutions);
        self.vetoed += u64::from(f.vetoed);
        self.revelations += u64::from(f.revelations);
        self.games_with_resolution_passed += u64::from(f.passed > 0);
        self.games_with_offer += u64::from(f.offers > 0);
        self.games_with_deal_struck += u64::from(f.deals_struck > 0);
        self.games_with_deal_broken += u64::from(f.deals_broken > 0);
        self.games_with_covert_factory += u64::from(f.covert_factories > 0);
        self.games_with_factory_revealed += u64::from(f.factories_revealed > 0);
        self.games_with_resolution_tabled += u64::from(f.tabled > 0);
    }

    fn merge(&mut self, o: &FactTotals) {
        self.resolutions += o.resolutions;
        self.vetoed += o.vetoed;
        self.revelations += o.revelations;
        self.games_with_resolution_passed += o.games_with_resolution_passed;
        self.games_with_offer += o.games_with_offer;
        self.games_with_deal_struck += o.games_with_deal_struck;
        self.games_with_deal_broken += o.games_with_deal_broken;
        self.games_with_covert_factory += o.games_with_covert_factory;
        self.games_with_factory_revealed += o.games_with_factory_revealed;
        self.games_with_resolution_tabled += o.games_with_resolution_tabled;
    }
}

/// The statistics of some games of a batch. Integers only (sums of real
/// numbers in fixed point, as decimal strings in files), so
/// [`BatchStats::merge`] is exact and order-independent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchStats {
    /// Games counted.
    pub games: u64,
    /// Per outcome key of [`Labels::outcomes`]: games that ended so.
    pub outcomes: Vec<u64>,
    /// Final regional tension in hundredths → games.
    pub final_regional: BTreeMap<i64, u64>,
    /// Sum of the final regional tension (fixed point).
    #[serde(with = "decimal")]
    pub final_regional_sum: i128,
    /// Per escalation level: games whose regional tension peaked there.
    pub peak_levels: Vec<u64>,
    /// Per actor: sum of its scores (fixed point).
    #[serde(with = "decimals")]
    pub score_sums: Vec<i128>,
    /// Per actor, per objective: games in which it was met.
    pub objectives_met: Vec<Vec<u64>>,
    pub facts: FactTotals,
    /// Per actor: sum of its assessment error over all turns (fixed point)…
    #[serde(with = "decimals")]
    pub assessment_sums: Vec<i128>,
    /// …and how many turns were summed.
    pub assessment_turns: Vec<u64>,
    /// Per actor, per move (scenario order): orders given, over all games.
    #[serde(default)]
    pub move_uses: Vec<Vec<u64>>,
    /// Per scripted event: times it fired, over all games.
    #[serde(default)]
    pub event_fired: Vec<u64>,
    /// Per pair (a < b, row by row), per crisis stage 0…top: games in which
    /// that was the pair's highest stage.
    #[serde(default)]
    pub pair_peak_stage: Vec<Vec<u64>>,
    /// Per crisis stage 0…top: games in which the highest stage of any
    /// pair was that one.
    #[serde(default)]
    pub peak_stage: Vec<u64>,
    /// Sum over games of the highest regional tension of the game (fixed
    /// point), for the mean peak `flashpoint sweep` prints.
    #[serde(default, with = "decimal")]
    pub peak_regional_sum: i128,
    /// Per actor: games in which some other actor offered it a deal.
    #[serde(default)]
    pub offered_to: Vec<u64>,
}

/// i128 as a decimal string (JSON numbers lose precision past 2^53).
mod decimal {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(x: &i128, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&x.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i128, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A list of i128 as decimal strings.
mod decimals {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(x: &[i128], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(x.iter().map(|v| v.to_string()))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<i128>, D::Error> {
        let v = Vec::<String>::deserialize(d)?;
        v.iter()
            .map(|s| s.parse().map_err(serde::de::Error::custom))
            .collect()
    }
}

impl BatchStats {
    /// No games yet, shaped for `scn`.
    pub fn empty(scn: &Scenario) -> Self {
        BatchStats {
            games: 0,
            outcomes: vec![0; scn.endings.len() + 3],
            final_regional: BTreeMap::new(),
            final_regional_sum: 0,
            peak_levels: vec![0; scn.levels.len()],
            score_sums: vec![0; scn.n()],
            objectives_met: scn
                .actors
                .iter()
                .map(|a| vec![0; a.objectives.len()])
                .collect(),
            facts: FactTotals::default(),
            assessment_sums: vec![0; scn.n()],
            assessment_turns: vec![0; scn.n()],
            move_uses: vec![vec![0; scn.moves.len()]; scn.n()],
            event_fired: vec![0; scn.events.len()],
            pair_peak_stage: vec![
                vec![0; scn.crisis.stages.len() + 1];
                scn.n() * scn.n().saturating_sub(1) / 2
            ],
            peak_stage: vec![0; scn.crisis.stages.len() + 1],
            peak_regional_sum: 0,
            offered_to: vec![0; scn.n()],
        }
    }

    /// Counts one finished (or stopped) game.
    pub fn add_game(&mut self, scn: &Scenario, m: &Match) {
        let t = m.truth();
        self.games += 1;
        let slot = match &t.state.outcome {
            None => self.outcomes.len() - 1,
            Some(engine::Outcome::TurnLimit) => 0,
            Some(engine::Outcome::Clash) => 1,
            Some(engine::Outcome::Ending { index }) => 2 + index,
        };
        if let Some(c) = self.outcomes.get_mut(slot) {
            *c += 1;
        }
        let r = t.state.regional;
        *self
            .final_regional
            .entry((r * 100.0).round() as i64)
            .or_insert(0) += 1;
        self.final_regional_sum += fixed(r);
        self.peak_regional_sum +=
            fixed(t.log.snapshots.iter().map(|s| s.regional).fold(r, f64::max));
        if let Some(c) = self.peak_levels.get_mut(t.log.peak_level()) {
            *c += 1;
        }
        for s in engine::score(scn, t.state) {
            let a = s.actor.index();
            self.score_sums[a] += fixed(s.score);
            for (k, met) in s.objectives.iter().enumerate() {
                if *met >= 1.0 {
                    self.objectives_met[a][k] += 1;
                }
            }
        }
        let facts = Facts::of(t.state, t.turns);
        for (games, offers) in self.offered_to.iter_mut().zip(&facts.offered_to) {
            *games += u64::from(*offers > 0);
        }
        self.facts.add(&facts);
        for turn in t.turns {
            for o in &turn.orders.list {
                if let Some(c) = self
                    .move_uses
                    .get_mut(o.actor.index())
                    .and_then(|row| row.get_mut(o.mv.index()))
                {
                    *c += 1;
                }
            }
            for e in &turn.events {
                if let engine::Event::Scripted { event } = e
                    && let Some(c) = self.event_fired.get_mut(event.index())
                {
                    *c += 1;
                }
            }
        }
        let n = scn.n();
        let mut pair = 0;
        let mut highest = 0u8;
        for a in 0..n {
            for b in a + 1..n {
                let top = t
                    .log
                    .snapshots
                    .iter()
                    .map(|s| s.stage.get(a * n + b).copied().unwrap_or(0))
                    .max()
                    .unwrap_or(0);
                highest = highest.max(top);
                if let Some(c) = self
                    .pair_peak_stage
                    .get_mut(pair)
                    .and_then(|row| row.get_mut(usize::from(top)))
                {
                    *c += 1;
                }
                pair += 1;
            }
        }
        if let Some(c) = self.peak_stage.get_mut(usize::from(highest)) {
            *c += 1;
        }
        for turn in &t.log.assessment {
            for (a, e) in turn.iter().enumerate().take(self.assessment_sums.len()) {
                self.assessment_sums[a] += fixed(*e);
                self.assessment_turns[a] += 1;
            }
        }
    }

    /// Adds another part's statistics to these (same scenario).
    pub fn merge(mut self, o: &BatchStats) -> BatchStats {
        self.games += o.games;
        add_all(&mut self.outcomes, &o.outcomes);
        for (k, c) in &o.final_regional {
            *self.final_regional.entry(*k).or_insert(0) += c;
        }
        self.final_regional_sum += o.final_regional_sum;
        add_all(&mut self.peak_levels, &o.peak_levels);
        for (a, b) in self.score_sums.iter_mut().zip(&o.score_sums) {
            *a += b;
        }
        for (a, b) in self.objectives_met.iter_mut().zip(&o.objectives_met) {
            add_all(a, b);
        }
        self.facts.merge(&o.facts);
        for (a, b) in self.assessment_sums.iter_mut().zip(&o.assessment_sums) {
            *a += b;
        }
        add_all(&mut self.assessment_turns, &o.assessment_turns);
        for (a, b) in self.move_uses.iter_mut().zip(&o.move_uses) {
            add_all(a, b);
        }
        add_all(&mut self.event_fired, &o.event_fired);
        for (a, b) in self.pair_peak_stage.iter_mut().zip(&o.pair_peak_stage) {
            add_all(a, b);
        }
        add_all(&mut self.peak_stage, &o.peak_stage);
        self.peak_regional_sum += o.peak_regional_sum;
        add_all(&mut self.offered_to, &o.offered_to);
        self
    }

    /// Whether these statistics have the shape of `labels`' scenario.
    pub fn fits(&self, labels: &Labels) -> bool {
        let n = labels.actors.len();
        self.outcomes.len() == labels.outcomes.len()
            && self.peak_levels.len() == labels.levels.len()
            && self.score_sums.len() == n
            && self.assessment_sums.len() == n
            && self.assessment_turns.len() == n
            && self.objectives_met.len() == n
            && self
                .objectives_met
                .iter()
                .zip(&labels.actors)
                .all(|(m, a)| m.len() == a.objectives.len())
    }

    /// The value at share `p` of the sorted final regional tensions (the
    /// nearest rank, as `sorted[round((n-1)·p)]`), to two decimals.
    pub fn regional_percentile(&self, p: f64) -> f64 {
        if self.games == 0 {
            return 0.0;
        }
        let rank = ((self.games - 1) as f64 * p).round() as u64;
        let mut seen = 0;
        for (k, c) in &self.final_regional {
            seen += c;
            if seen > rank {
                return *k as f64 / 100.0;
            }
        }
        0.0
    }

    /// Mean final regional tension.
    pub fn regional_mean(&self) -> f64 {
        unfixed(self.final_regional_sum, self.games)
    }

    /// Mean over games of the highest regional tension of each game.
    pub fn peak_regional_mean(&self) -> f64 {
        unfixed(self.peak_regional_sum, self.games)
    }

    /// The mechanics as (what, value) rows: shares of games, or means per
    /// game.
    pub fn mechanics(&self) -> Vec<(&'static str, f64)> {
        let n = self.games.max(1) as f64;
        let f = &self.facts;
        let share = |x: u64| x as f64 / n;
        vec![
            (
                "resolutions put to the vote per game",
                f.resolutions as f64 / n,
            ),
            (
                "games with a resolution tabled",
                share(f.games_with_resolution_tabled),
            ),
            (
                "share of resolutions vetoed",
                if f.resolutions == 0 {
                    0.0
                } else {
                    f.vetoed as f64 / f.resolutions as f64
                },
            ),
            (
                "games with a resolution passed",
                share(f.games_with_resolution_passed),
            ),
            ("games with a deal offered", share(f.games_with_offer)),
            ("games with a deal struck", share(f.games_with_deal_struck)),
            ("games with a deal broken", share(f.games_with_deal_broken)),
            (
                "games with a covert factory built",
                share(f.games_with_covert_factory),
            ),
            (
                "games where a covert factory was revealed before the end",
                share(f.games_with_factory_revealed),
            ),
            ("revelations per game", f.revelations as f64 / n),
        ]
    }

    /// Per actor: mean assessment error over all turns and games.
    pub fn assessment_means(&self) -> Vec<f64> {
        self.assessment_sums
            .iter()
            .zip(&self.assessment_turns)
            .map(|(s, n)| unfixed(*s, *n))
            .collect()
    }

    /// Share of games in which `counts` (games per highest stage 0…top)
    /// reached at least each stage 1…top.
    pub fn reached(counts: &[u64], games: u64) -> Vec<f64> {
        (1..counts.len())
            .map(|k| counts[k..].iter().sum::<u64>() as f64 / games.max(1) as f64)
            .collect()
    }

    /// Per actor: share of games in which some other actor offered it a
    /// deal.
    pub fn offered_to_shares(&self) -> Vec<f64> {
        let n = self.games.max(1) as f64;
        self.offered_to.iter().map(|c| *c as f64 / n).collect()
    }

    /// Per actor: share of its orders (over all games) taken by its three
    /// most frequent moves (0 for an actor that gave none).
    pub fn top3_shares(&self) -> Vec<f64> {
        self.move_uses
            .iter()
            .map(|uses| {
                let total: u64 = uses.iter().sum();
                let mut v = uses.clone();
                v.sort_unstable_by(|a, b| b.cmp(a));
                let top: u64 = v.iter().take(3).sum();
                if total == 0 {
                    0.0
                } else {
                    top as f64 / total as f64
                }
            })
            .collect()
    }

    /// Per actor: mean score.
    pub fn score_means(&self) -> Vec<f64> {
        self.score_sums
            .iter()
            .map(|s| unfixed(*s, self.games))
            .collect()
    }
}

fn add_all(a: &mut [u64], b: &[u64]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

/// Plays game `index` of a batch and returns its final match.
pub fn play_one(scn: &Arc<Scenario>, settings: &BatchSettings, index: u64) -> Match {
    play_one_timed(scn, settings, index, &mut TurnTimes::default())
}

/// Like [`play_one`], adding the time each turn's decisions took to
/// `times` (the game is the same: times never feed back into it).
pub fn play_one_timed(
    scn: &Arc<Scenario>,
    settings: &BatchSettings,
    index: u64,
    times: &mut TurnTimes,
) -> Match {
    let mut m = Match::new(
        scn.clone(),
        rng::derive_seed(settings.base_seed, index),
        seats(&settings.policies),
        Keep::Events,
    );
    let limit = settings.turns.unwrap_or(u32::MAX);
    while !m.is_over() && m.turn() < limit {
        play_turn_timed(&mut m, times);
    }
    m
}

/// Plays games `games` of the batch `settings` of `scn` on `threads`
/// threads (0: one per core) and returns their statistics. Each finished
/// game calls `progress`. Once `stop` is set, no new game starts and the
/// statistics of the games finished so far come back (fewer games than
/// asked: the result is partial). The result does not depend on
/// `threads`.
pub fn run_batch(
    scn: &Arc<Scenario>,
    settings: &BatchSettings,
    games: std::ops::Range<u64>,
    threads: usize,
    stop: &AtomicBool,
    progress: &(dyn Fn() + Sync),
) -> Result<BatchStats, String> {
    run_batch_timed(scn, settings, games, threads, stop, progress).map(|(stats, _)| stats)
}

/// Like [`run_batch`], also returning how long the computer players took
/// to decide each turn (each turn timed on the one thread that played its
/// game). The statistics are the same; the times differ from run to run.
pub fn run_batch_timed(
    scn: &Arc<Scenario>,
    settings: &BatchSettings,
    games: std::ops::Range<u64>,
    threads: usize,
    stop: &AtomicBool,
    progress: &(dyn Fn() + Sync),
) -> Result<(BatchStats, TurnTimes), String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| format!("cannot start {threads} threads: {e}"))?;
    let stats = pool.install(|| {
        games
            .into_par_iter()
            .map(|i| (!stop.load(Ordering::Relaxed)).then_some(i))
            .while_some()
            .fold(
                || (BatchStats::empty(scn), TurnTimes::default()),
                |(mut acc, mut times), i| {
                    let m = play_one_timed(scn, settings, i, &mut times);
                    acc.add_game(scn, &m);
                    progress();
                    (acc, times)
                },
            )
            .reduce(
                || (BatchStats::empty(scn), TurnTimes::default()),
                |(a, ta), (b, tb)| (a.merge(&b), ta.merge(&tb)),
            )
    });
    Ok(stats)
}

/// The statistics of one shard with what is needed to merge and print
/// them: the file `simulate --shard I/K --out FILE` writes and `flashpoint
/// merge` reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardFile {
    /// Always [`ShardFile::FORMAT`].
    pub format: String,
    /// Always [`ShardFile::VERSION`].
    pub version: u32,
    pub settings: BatchSettings,
    /// The shards these statistics cover (one, or several once merged).
    pub shards: Vec<u32>,
    /// How many shards the batch was split into.
    pub shard_count: u32,
    /// True when some game of these shards was not played (interrupted).
    pub partial: bool,
    pub labels: Labels,
    pub stats: BatchStats,
}

impl ShardFile {
    /// The `format` field of every statistics file.
    pub const FORMAT: &'static str = "flashpoint-batch-stats";
    /// The version of the file format.
    pub const VERSION: u32 = 1;

    /// The file of one shard's statistics.
    pub fn new(
        settings: BatchSettings,
        shard: Shard,
        labels: Labels,
        stats: BatchStats,
    ) -> ShardFile {
        let partial = stats.games < {
            let r = shard.games(settings.runs);
            r.end - r.start
        };
        ShardFile {
            format: Self::FORMAT.into(),
            version: Self::VERSION,
            settings,
            shards: vec![shard.index],
            shard_count: shard.count,
            partial,
            labels,
            stats,
        }
    }

    /// Reads a statistics file's text; `name` is for messages.
    pub fn parse(name: &str, text: &str) -> Result<ShardFile, String> {
        #[derive(Deserialize)]
        struct Head {
            format: Option<String>,
            version: Option<u32>,
        }
        let head: Head = serde_json::from_str(text).map_err(|_| {
            format!("{name} is not a statistics file of `flashpoint simulate --out` (not JSON)")
        })?;
        if head.format.as_deref() != Some(Self::FORMAT) {
            return Err(format!(
                "{name} is not a statistics file of `flashpoint simulate --out`"
            ));
        }
        if head.version != Some(Self::VERSION) {
            return Err(format!(
                "{name} is statistics file version {}; this flashpoint reads version {}",
                head.version.map_or("unknown".into(), |v| v.to_string()),
                Self::VERSION
            ));
        }
        let f: ShardFile = serde_json::from_str(text)
            .map_err(|e| format!("{name} is a damaged statistics file: {e}"))?;
        if !f.stats.fits(&f.labels) || f.labels.actors.len() != f.settings.policies.len() {
            return Err(format!(
                "{name} is a damaged statistics file: its counts do not fit its scenario"
            ));
        }
        Ok(f)
    }

    /// Combines shard files of one batch into the statistics of all their
    /// games: exactly what one run over the same shards gives. Refuses
    /// files of different batches (scenario, seed, runs, turns, players,
    /// shard count) and a shard given twice, naming the files.
    pub fn merge(files: &[(String, ShardFile)]) -> Result<ShardFile, String> {
        let Some((first_name, first)) = files.first() else {
            return Err("merge needs at least one statistics file".into());
        };
        let mut out = first.clone();
        let mut from: BTreeMap<u32, &str> =
            first.shards.iter().map(|s| (*s, &**first_name)).collect();
        for (name, f) in &files[1..] {
            if let Some(what) = differs(&first.settings, &f.settings) {
                return Err(format!(
                    "{name} and {first_name} are from different batches: {what}; \
                     only shards of the same batch can be merged"
                ));
            }
            if f.shard_count != first.shard_count {
                return Err(format!(
                    "{name} is a shard of {} and {first_name} of {}; \
                     only shards of the same split can be merged",
                    f.shard_count, first.shard_count
                ));
            }
            if f.labels != first.labels {
                return Err(format!(
                    "{name} and {first_name} name the scenario's actors, objectives or levels differently"
                ));
            }
            for s in &f.shards {
                if let Some(other) = from.insert(*s, name) {
                    return Err(format!(
                        "shard {s}/{} is in both {other} and {name}; each shard may be merged once",
                        f.shard_count
                    ));
                }
            }
            out.stats = out.stats.merge(&f.stats);
            out.partial |= f.partial;
        }
        out.shards = from.keys().copied().collect();
        Ok(out)
    }

    /// The shards of the batch these statistics lack.
    pub fn missing(&self) -> Vec<u32> {
        (1..=self.shard_count)
            .filter(|s| !self.shards.contains(s))
            .collect()
    }
}

/// The first setting in which two batches differ, in words.
fn differs(a: &BatchSettings, b: &BatchSettings) -> Option<String> {
    if a.scenario != b.scenario {
        return Some(format!("scenario {} vs {}", b.scenario, a.scenario));
    }
    if a.scenario_sha256 != b.scenario_sha256 {
        return Some(format!(
            "scenario {} with different text (SHA-256 {} vs {})",
            a.scenario,
            &b.scenario_sha256[..b.scenario_sha256.len().min(12)],
            &a.scenario_sha256[..a.scenario_sha256.len().min(12)]
        ));
    }
    if a.base_seed != b.base_seed {
        return Some(format!("--seed {} vs {}", b.base_seed, a.base_seed));
    }
    if a.runs != b.runs {
        return Some(format!("--runs {} vs {}", b.runs, a.runs));
    }
    if a.turns != b.turns {
        let t = |x: Option<u32>| x.map_or("(all)".into(), |v| v.to_string());
        return Some(format!("--turns {} vs {}", t(b.turns), t(a.turns)));
    }
    if a.policies != b.policies {
        return Some("different --random or --policy actors".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_the_runs_without_overlap() {
        for runs in [0, 1, 7, 100, u64::MAX] {
            for k in 1..6 {
                let mut next = 0;
                for i in 1..=k {
                    let r = Shard { index: i, count: k }.games(runs);
                    assert_eq!(r.start, next);
                    next = r.end;
                }
                assert_eq!(next, runs);
            }
        }
    }

    #[test]
    fn shard_parse_refuses_nonsense() {
        assert_eq!(Shard::parse("2/3"), Ok(Shard { index: 2, count: 3 }));
        for bad in ["0/3", "4/3", "1/0", "x/2", "3", ""] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn top3_share_is_the_three_most_used_moves_over_all_orders() {
        let s = BatchStats {
            move_uses: vec![vec![5, 1, 1, 2, 1], vec![0, 0], vec![4]],
            ..BatchStats::default()
        };
        assert_eq!(s.top3_shares(), vec![0.8, 0.0, 1.0]);
    }

    #[test]
    fn percentile_is_the_nearest_rank() {
        let mut s = BatchStats::default();
        for (v, c) in [(1000, 1), (2000, 2), (3000, 1)] {
            s.final_regional.insert(v, c);
            s.games += c;
        }
        assert_eq!(s.regional_percentile(0.0), 10.0);
        assert_eq!(s.regional_percentile(0.5), 20.0);
        assert_eq!(s.regional_percentile(1.0), 30.0);
    }
}
