//! `scor-pair serve|status`: the PAIR simulator as a program of its own (the tests run it as a child
//! process to kill it); `cargo xtask pair` is the same command line.

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "scor-pair", about = "SCOR receiving-side simulator (PAIR) over SMTP")]
struct Cli {
    #[command(subcommand)]
    command: scor_pair::cli::Command,
}

fn main() -> ExitCode {
    scor_conformance::panics::note_caught();
    let keys = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../test-pki");
    scor_pair::cli::run(Cli::parse().command, &keys)
}
