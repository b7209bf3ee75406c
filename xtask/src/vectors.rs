//! `cargo xtask arl`: the user commands `analyze` and `sent` of `scor arl`, and the maintainer task
//! `vectors`, which writes or checks the golden ARL vectors of each dictionary version.

use scor_kit::TaskError;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    #[command(flatten)]
    User(scor_kit::arl::Command),
    /// Write the golden ARL vectors of the diagnostic table of each dictionary version into
    /// generated/vectors/<version>/arl/.
    ///
    /// Exit code: 0 written (or fresh, with --check); 1 stale, missing or orphan vectors with --check;
    /// 2 error.
    Vectors {
        /// Compare instead of writing; fail naming every stale, missing or orphan vector.
        #[arg(long)]
        check: bool,
    },
}

pub fn run(root: &Path, args: Args) -> ExitCode {
    match args.command {
        Command::User(command) => scor_kit::arl::run(command),
        Command::Vectors { check } => match write_vectors(root, check) {
            Ok(code) => ExitCode::from(code),
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
    }
}

fn write_vectors(root: &Path, check: bool) -> Result<u8, TaskError> {
    let changed = scor_answering::vectors::sync_all(root, check)?;
    for change in &changed {
        println!("{} {change}", if check { "stale:" } else { "wrote" });
    }
    if check && !changed.is_empty() {
        eprintln!("{} ARL vector(s) are stale: run `cargo xtask arl vectors`", changed.len());
        return Ok(1);
    }
    if changed.is_empty() {
        println!("ARL vectors are fresh");
    }
    Ok(0)
}
