//! `flashpoint scenarios`: what can be played.

use std::process::ExitCode;

use crate::catalog::discover;

/// Prints the list.
pub fn run() -> ExitCode {
    for l in discover() {
        match &l.error {
            None => println!("{:<34} {}", l.name, l.title),
            Some(e) => println!(
                "{:<34} (invalid: {e}; run `flashpoint validate {}`)",
                l.name, l.name
            ),
        }
    }
    ExitCode::SUCCESS
}
