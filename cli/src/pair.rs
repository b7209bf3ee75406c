//! `scor pair serve|status` (and `cargo xtask pair`): the receiving-side simulator (scor-pair). Its
//! organism keys: `--keys`, else the repository's test PKI, else the test PKI compiled in, written to DATA.

use crate::context::Context;
use crate::embedded;
use scor_pair::cli::Command;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

pub fn run(cx: &Context, args: Args) -> ExitCode {
    let default_keys = match (&cx.repository, &args.command) {
        (Some(root), _) => root.join("test-pki"),
        (None, Command::Serve(serve)) if serve.keys.is_none() => {
            let dir = serve.data.join("test-pki");
            if let Err(error) = embedded::write_test_pki(&dir) {
                eprintln!("error: {}: {error}", dir.display());
                return ExitCode::from(2);
            }
            dir
        }
        (None, _) => PathBuf::from("test-pki"),
    };
    scor_pair::cli::run(args.command, &default_keys)
}
