//! The `flashpoint` binary: parse arguments, hand over to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    flashpoint::cli::run(flashpoint::cli::Cli::parse())
}
