//! The command line shared by `cargo xtask pair` and the `scor-pair` binary: `serve` and `status`.
//! Exit codes: 0 done, 2 usage or I/O error.

use crate::delivery::Delivery;
use crate::server::{PairConfig, serve};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `pair serve` or `pair status`.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Receive lots over SMTP, check them, and deliver each ARL (or service message) exactly once.
    Serve(ServeArgs),
    /// Lots received, their return and delivery state, each PS's onboarding stage.
    Status {
        /// The data directory of a PAIR.
        #[arg(long)]
        data: PathBuf,
        /// JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// `pair serve`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("delivery").args(["relay", "outbox"])))]
pub struct ServeArgs {
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1:2525")]
    pub listen: SocketAddr,
    /// Data directory: store, spool, returns, review copies.
    #[arg(long)]
    pub data: PathBuf,
    /// Deliver returns through this SMTP relay, HOST:PORT.
    #[arg(long)]
    pub relay: Option<String>,
    /// Deliver returns into this folder, one maildir per recipient (default: DATA/outbox).
    #[arg(long)]
    pub outbox: Option<PathBuf>,
    /// The test PKI folder whose organism keys decrypt lots (TEST ONLY keys).
    #[arg(long)]
    pub keys: Option<PathBuf>,
}

/// Runs `command`; `default_keys` is the test PKI used when `--keys` is not given.
pub fn run(command: Command, default_keys: &Path) -> ExitCode {
    let result = match command {
        Command::Serve(args) => serve(&config(args, default_keys)).map_err(|e| e.to_string()),
        Command::Status { data, json } => show_status(&data, json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn config(args: ServeArgs, default_keys: &Path) -> PairConfig {
    let delivery = match (args.relay, args.outbox) {
        (Some(relay), _) => Delivery::Relay(relay),
        (None, Some(outbox)) => Delivery::Outbox(outbox),
        (None, None) => Delivery::Outbox(args.data.join("outbox")),
    };
    let keys = args.keys.unwrap_or_else(|| default_keys.to_path_buf());
    PairConfig { listen: args.listen, delivery, ..PairConfig::new(args.data, keys) }
}

fn show_status(data: &Path, json: bool) -> Result<(), String> {
    if !data.join("pair.sqlite").exists() {
        return Err(format!("{} holds no PAIR store (pair.sqlite)", data.display()));
    }
    let status = crate::status(data, crate::store::now()).map_err(|e| e.to_string())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&status).map_err(|e| e.to_string())?);
    } else {
        print!("{status}");
    }
    Ok(())
}
