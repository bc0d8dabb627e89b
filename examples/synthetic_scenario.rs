//! Prints a generated scenario (`flashpoint::sim::synthetic`) as TOML, for
//! trying the terminal game at scale: its computer players take seconds a
//! turn, so the screen must keep answering while they think.
//!
//! ```sh
//! cargo run --release --example synthetic_scenario > /tmp/big.toml          # every documented limit
//! cargo run --release --example synthetic_scenario -- 10 80 100 20 > /tmp/mid.toml  # actors moves events tracks
//! target/release/flashpoint play /tmp/big.toml --as a0
//! ```

use flashpoint::sim::synthetic::{self, Size};

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| match a.parse() {
            Ok(n) => n,
            Err(_) => {
                eprintln!("usage: synthetic_scenario [ACTORS MOVES EVENTS TRACKS]");
                std::process::exit(2);
            }
        })
        .collect();
    let size = match args.as_slice() {
        [] => Size::LIMITS,
        [actors, moves, events, tracks] => Size {
            actors: *actors,
            moves: *moves,
            events: *events,
            tracks: *tracks,
        },
        _ => {
            eprintln!("usage: synthetic_scenario [ACTORS MOVES EVENTS TRACKS]");
            std::process::exit(2);
        }
    };
    print!("{}", synthetic::text(size));
}
