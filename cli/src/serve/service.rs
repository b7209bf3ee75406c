//! The options of `scor serve`, and what every request shares: the check configuration (dictionary,
//! keys), the gate of workers and queue, and the limits of a request (body size from the dictionary, time).

use super::gate::Gate;
use crate::conform::{self, Options};
use crate::error::TaskError;
use scor_conformance::Config;
use scor_dictionary::Limit;
use std::net::SocketAddr;
use std::path::PathBuf;
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
    /// The language of answers when a request asks for none (`?lang=`, then `Accept-Language`).
    #[command(flatten)]
    pub lang: crate::lang::LangArg,
}

/// What every request shares: the check configuration, the gate and the limits.
#[derive(Debug)]
pub struct Service {
    pub config: Config,
    pub gate: Gate,
    /// Largest request body: the dictionary's `message_max_bytes`.
    pub max_body_bytes: u64,
    pub time_limit: Duration,
    /// The language of answers to a request that asks for none.
    pub lang: scor_locale::Lang,
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
            history: None,
        };
        let config = conform::config(&options)?;
        let workers = args.workers.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
        Ok(Self {
            max_body_bytes: config.dictionary.limit(Limit::MessageMaxBytes),
            config,
            gate: Gate::new(workers.max(1), args.queue),
            time_limit: Duration::from_secs(args.time_limit.max(1)),
            lang: args.lang.resolve(),
        })
    }
}
