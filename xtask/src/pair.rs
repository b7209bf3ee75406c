//! `cargo xtask pair serve|status`: the receiving-side simulator (scor-pair) with the repository's
//! test PKI as its default organism keys.

use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: scor_pair::cli::Command,
}

pub fn run(root: &Path, args: Args) -> ExitCode {
    scor_pair::cli::run(args.command, &root.join("test-pki"))
}
