//! Generated scenarios of any size, for benchmarks and scale tests: how fast
//! the engine and the AI are at 5, 10, 20 and 24 actors and at the format's
//! documented limits. The text is ordinary scenario TOML (it goes through
//! the same validation as a teacher's file), built deterministically from
//! the sizes alone.

use std::fmt::Write as _;

/// The size of a generated scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub actors: usize,
    pub moves: usize,
    pub events: usize,
    /// Global tracks (each actor also gets one per-actor track).
    pub tracks: usize,
}

impl Size {
    /// A scenario at every documented limit: 24 actors, 200 moves, 500
    /// events, 100 tracks (99 global and the per-actor one).
    pub const LIMITS: Size = Size {
        actors: 24,
        moves: 200,
        events: 500,
        tracks: 99,
    };
}

/// The TOML text of a generated scenario. Actors form a ring of rivals
/// (each hostile to its neighbours, friendly to the ones two steps away);
/// moves cycle through eight kinds (sanctions, talks, a summit, aid, arms
/// shipments, exercises, surveillance, condemnation); events fire on
/// track values and pair tensions.
pub fn text(size: Size) -> String {
    let n = size.actors.max(2);
    let tracks = size.tracks.max(1);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "[scenario]\nid = \"synthetic\"\ntitle = \"Synthetic {n}-actor crisis\"\n\
         start = \"2030-01\"\nmonths_per_turn = 1\nturns = 24\nseed = 7\n"
    );
    for i in 0..n {
        let mil = 30 + (i * 37) % 60;
        let eco = 35 + (i * 53) % 55;
        let _ = writeln!(
            s,
            "[[actors]]\nid = \"a{i}\"\nname = \"Actor {i}\"\ncolor = \"cyan\"\n\
             stats = {{ military = {mil}, economy = {eco}, stability = 60, prestige = 50, intel = {} }}\n\
             capital = {{ start = 6, income = 4, max = 12 }}\nthreat = 30\n\
             briefing = \"Generated actor {i}.\"\n",
            40 + (i * 29) % 50
        );
        let _ = writeln!(
            s,
            "[actors.ai]\nhawkishness = {:.2}\nrisk_tolerance = 0.5\nactivity = 0.8\n",
            0.2 + 0.6 * ((i * 7) % 10) as f64 / 10.0
        );
        let _ = writeln!(
            s,
            "[[actors.objectives]]\ntext = \"Push track g{t}\"\nweight = 30\ncondition = \"g{t} >= 40\"\n",
            t = i % tracks
        );
        let _ = writeln!(
            s,
            "[[actors.objectives]]\ntext = \"Keep the region out of crisis\"\nweight = 30\n\
             condition = \"tension < 60\"\nover = \"game\"\n"
        );
        let _ = writeln!(
            s,
            "[[actors.objectives]]\ntext = \"Be liked by a neighbour\"\nweight = 20\n\
             condition = \"relation(a{}, self) >= 20\"\n",
            (i + 2) % n
        );
        let _ = writeln!(
            s,
            "[[actors.objectives]]\ntext = \"Keep pressure low\"\nweight = 20\n\
             condition = \"self.pressure < 40\"\n"
        );
    }
    for i in 0..n {
        let j = (i + 1) % n;
        if j != i {
            let _ = writeln!(
                s,
                "[[relations]]\nfrom = \"a{i}\"\nto = \"a{j}\"\nvalue = -45\nmutual = true\ntension = 40\n"
            );
        }
        let k = (i + 2) % n;
        if k != i && k != j && (k + 1) % n != i {
            let _ = writeln!(
                s,
                "[[relations]]\nfrom = \"a{i}\"\nto = \"a{k}\"\nvalue = 35\n"
            );
        }
    }
    for t in 0..tracks {
        let secret = if t % 3 == 0 {
            "secret = true\nknown_to = [\"a0\"]\n"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "[[tracks]]\nid = \"g{t}\"\nname = \"Track {t}\"\ninitial = {}\n{secret}\
             stages = [{{ at = 50, name = \"Half way\" }}]\n",
            (t * 13) % 30
        );
    }
    let _ = writeln!(
        s,
        "[[tracks]]\nid = \"pressure\"\nname = \"Pressure\"\nscope = \"actor\"\ninitial = 10\n"
    );
    for m in 0..size.moves.max(1) {
        let t = m % tracks;
        let body = match m % 8 {
            0 =>                 "category = \"sanction\"\ngoldstein = -8\nlevel = { min = 1, max = 5, label = \"severity\", default = 2 }\n\
                 cost = \"1 + level / 2\"\nrequires = \"sanction(self, target) < 5 and relation(self, target) < 30\"\n\
                 effects = [{ sanction = \"self\", on = \"target\", set = \"max(level, sanction(self, target))\" }, { track = \"pressure\", of = \"target\", add = \"level\" }]\n"
                .to_string(),
            1 => format!(
                "category = \"diplomacy\"\ngoldstein = 4\ncost = 1\nchance = \"clamp(0.5 + relation(target, self) / 200, 0.1, 0.9)\"\n\
                 effects = [{{ track = \"g{t}\", add = 4 }}, {{ relation = \"self\", toward = \"target\", add = 3, mutual = true }}]\n"
            ),
            2 => "category = \"diplomacy\"\ngoldstein = 3\ncost = 3\nchance = 0.5\n\
                 effects = [{ relation = \"self\", toward = \"target\", add = 8, mutual = true }, { tension = \"self\", with = \"target\", add = -4 }]\n\
                 on_failure = [{ stat = \"prestige\", add = -2 }]\n"
                .to_string(),
            3 => "category = \"economic\"\ngoldstein = 6\nlevel = { min = 1, max = 3, label = \"size\", default = 1 }\ncost = \"level\"\n\
                 requires = \"relation(self, target) > -20\"\n\
                 effects = [{ stat = \"economy\", of = \"target\", add = \"2 * level\" }, { relation = \"target\", toward = \"self\", add = \"level\" }]\n"
                .to_string(),
            4 => format!(
                "category = \"arms\"\ngoldstein = 8\nlevel = {{ min = 1, max = 3, label = \"batches\", default = 1 }}\ncost = \"1 + level\"\n\
                 covert = {}\nrequires = \"relation(self, target) > 20\"\n\
                 effects = [{{ ship = \"Systems {}\", to = \"target\", turns = 2, arrive = [{{ stat = \"military\", of = \"target\", add = \"2 * level\" }}] }}]\n",
                m % 3 == 0,
                m % 5
            ),
            5 => "category = \"military\"\ngoldstein = -7\ntarget = \"none\"\ncost = 2\n\
                 effects = [{ show_of_force = \"self\", add = 6 }, { stat = \"military\", add = 1 }]\n"
                .to_string(),
            6 => "category = \"intelligence\"\ngoldstein = -1\ncost = 1\n\
                 effects = [{ surveil = \"target\", add = 0.5 }]\n"
                .to_string(),
            _ => format!(
                "category = \"diplomacy\"\ngoldstein = -2\ncost = 1\nrequires = \"relation(self, target) < 30\"\n\
                 effects = [{{ track = \"pressure\", of = \"target\", add = 2 }}, {{ track = \"g{t}\", add = -2 }}]\n"
            ),
        };
        let toward = if m % 8 == 5 { "" } else { " toward {target}" };
        let _ = writeln!(
            s,
            "[[moves]]\nid = \"m{m}\"\nname = \"Move {m}\"\n{body}headline = \"{{actor}} makes move {m}{toward}\"\n"
        );
    }
    for e in 0..size.events {
        let (a, b) = (e % n, (e + 1) % n);
        let t = e % tracks;
        let _ = writeln!(
            s,
            "[[events]]\nid = \"e{e}\"\nname = \"Event {e}\"\n\
             when = \"g{t} >= {} and tension(a{a}, a{b}) > {}\"\nchance = 0.1\nrepeat = {}\n\
             effects = [{{ tension = \"a{a}\", with = \"a{b}\", add = 3 }}, {{ stat = \"economy\", of = \"a{a}\", add = -1 }}, {{ track = \"g{t}\", add = 1 }}]\n\
             headline = \"Incident {e} between {{a{a}}} and {{a{b}}}\"\n",
            (e * 7) % 40,
            20 + (e * 11) % 40,
            e % 2 == 0
        );
    }
    let _ = writeln!(
        s,
        "[[endings]]\nid = \"settled\"\nwhen = \"g0 >= 95 and tension < 20\"\ntext = \"The region settles its quarrels.\"\n"
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_scenarios_validate_at_every_size() {
        for size in [
            Size {
                actors: 5,
                moves: 30,
                events: 10,
                tracks: 3,
            },
            Size {
                actors: 12,
                moves: 60,
                events: 100,
                tracks: 10,
            },
            Size::LIMITS,
        ] {
            let text = text(size);
            let scn = crate::scenario::load_str("synthetic", &text)
                .unwrap_or_else(|e| panic!("{size:?}: {}", e.render(false)));
            assert_eq!(scn.n(), size.actors);
            assert_eq!(scn.moves.len(), size.moves);
            assert_eq!(scn.events.len(), size.events);
        }
    }
}
