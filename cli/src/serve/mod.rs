//! `scor serve`: the checks over HTTP (axum on tokio). Stateless: a request carries a lot, a PDF or a
//! return and gets its report; nothing is written to disk, keys come from the command line only.
//!
//! - [`routes`]: the table of endpoints, which builds both the router and the OpenAPI document.
//! - [`gate`]: bounded concurrency (a queue, then 503) and the per-request time limit.
//! - [`input`]: a request body read within the limits, as a lot, a PDF or a return.
//! - [`respond`]: the report in the format asked for, with the status of its verdict.
//! - [`catalog`]: the dictionary and its rules as JSON; [`openapi`]: the OpenAPI document; [`page`]: `/`.

pub mod catalog;
pub mod gate;
pub mod input;
pub mod openapi;
pub mod page;
pub mod respond;
pub mod routes;

use crate::conform::{self, Options};
use crate::error::TaskError;
use gate::Gate;
use scor_conformance::Config;
use scor_dictionary::Limit;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on. Loopback by default; another address needs --allow-remote.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Listen on an address that is not loopback (the service has no authentication).
    #[arg(long)]
    pub allow_remote: bool,
    /// Checks run at once (default: the number of cores).
    #[arg(long)]
    pub workers: Option<usize>,
    /// Requests that may wait for a worker; beyond, 503.
    #[arg(long, default_value_t = 32)]
    pub queue: usize,
    /// Seconds a request may take, from its first byte to its report: 408 while its body is still
    /// arriving, 503 once it waited or was checked that long.
    #[arg(long, default_value_t = 60)]
    pub time_limit: u64,
    /// The organism's certificate (PEM) to decrypt with, instead of the test PKI compiled in.
    #[arg(long, requires = "key")]
    pub cert: Option<PathBuf>,
    /// The organism's private key (PEM), read at start; never sent anywhere.
    #[arg(long, requires = "cert")]
    pub key: Option<PathBuf>,
    /// A folder of the organisms' public certificates, `<routing address>.der` (or `.pem`).
    #[arg(long)]
    pub certs: Option<PathBuf>,
    /// Dictionary version to check against (default: the newest).
    #[arg(long)]
    pub spec: Option<String>,
    /// Show decrypted patient data (NIR, birth date…) in reports. Off by default.
    #[arg(long)]
    pub reveal_patient_data: bool,
}

/// What every request shares: the check configuration, the gate and the limits.
#[derive(Debug)]
pub struct Service {
    pub config: Config,
    pub gate: Gate,
    /// Largest request body: the dictionary's `message_max_bytes`.
    pub max_body_bytes: u64,
    pub time_limit: Duration,
}

impl Service {
    /// The service of `args`, its keys read now.
    pub fn new(args: &Args) -> Result<Self, TaskError> {
        let options = Options {
            spec: args.spec.clone(),
            cert: args.cert.clone(),
            key: args.key.clone(),
            certs: args.certs.clone(),
            plain: false,
            reveal_patient_data: args.reveal_patient_data,
        };
        let config = conform::config(&options)?;
        let workers = args.workers.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
        Ok(Self {
            max_body_bytes: config.dictionary.limit(Limit::MessageMaxBytes),
            config,
            gate: Gate::new(workers.max(1), args.queue),
            time_limit: Duration::from_secs(args.time_limit.max(1)),
        })
    }
}

/// Runs the service until interrupted.
pub fn run(args: &Args) -> Result<(), TaskError> {
    if !args.listen.ip().is_loopback() && !args.allow_remote {
        return Err(format!("{} is not a loopback address: add --allow-remote to listen on it", args.listen).into());
    }
    let service = Arc::new(Service::new(args)?);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.listen).await.map_err(TaskError::about(args.listen))?;
        let address = listener.local_addr()?;
        println!("scor serve: listening on http://{address}/ (dictionary {})", service.config.dictionary.version);
        if service.config.reveal_patient_data {
            println!("scor serve: patient data is shown in reports (--reveal-patient-data)");
        }
        axum::serve(listener, routes::router(service)).with_graceful_shutdown(interrupted()).await?;
        Ok(())
    })
}

async fn interrupted() {
    let _ = tokio::signal::ctrl_c().await;
}
