//! `scor`: scor-kit's installed command. Checks SCOR lots, PJ and returns, runs the PAIR simulator and
//! the HTTP service, anywhere: the test PKI, the example lot and every dictionary version are compiled in.

use clap::Parser;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "scor", version, about = "Check SCOR lots against the dictionary and predict their ARL")]
struct Cli {
    #[command(subcommand)]
    command: scor_kit::Command,
}

fn main() -> ExitCode {
    scor_kit::run(Cli::parse().command, &scor_kit::Context::installed())
}
