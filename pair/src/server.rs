//! Starting and stopping a PAIR: the SMTP listener (tokio), the index writer that batches acknowledged
//! messages into one synced transaction, and the processor that resumes whatever a crash left pending.

use crate::delivery::Delivery;
use crate::process::{ProcessError, Processor};
use crate::reception::{self, IndexRequest, Reception};
use crate::smtp::Policy;
use crate::spool::{Layout, Names, sweep_orphans};
use crate::store::{Store, StoreError};
use scor_conformance::Keys;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::sync::watch;

/// How a PAIR is set up.
#[derive(Debug, Clone)]
pub struct PairConfig {
    /// Where to listen; loopback by default.
    pub listen: SocketAddr,
    /// The data directory: store, spool, returns, review copies.
    pub data: PathBuf,
    /// Where returns go.
    pub delivery: Delivery,
    /// The folder of the test PKI whose organism keys decrypt the lots (TEST ONLY keys).
    pub keys: PathBuf,
    /// The name the server greets with.
    pub hostname: String,
}

impl PairConfig {
    /// Loopback port 2525, outbox in `data/outbox`, the given test PKI.
    pub fn new(data: PathBuf, keys: PathBuf) -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 2525)),
            delivery: Delivery::Outbox(data.join("outbox")),
            data,
            keys,
            hostname: "pair.scor-kit.invalid".to_owned(),
        }
    }
}

/// Why a PAIR could not start or run.
#[derive(Debug, thiserror::Error)]
pub enum PairError {
    #[error("{0}: {1}")]
    Io(String, #[source] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Process(#[from] ProcessError),
}

fn io(context: &str) -> impl FnOnce(std::io::Error) -> PairError + '_ {
    move |e| PairError::Io(context.to_owned(), e)
}

/// A running PAIR; [`Running::stop`] stops it (dropping it does too, less gracefully).
#[derive(Debug)]
pub struct Running {
    address: SocketAddr,
    runtime: Option<tokio::runtime::Runtime>,
    stop_listener: watch::Sender<bool>,
    stopping: Arc<AtomicBool>,
    wake: Sender<()>,
    threads: Vec<JoinHandle<()>>,
}

impl Running {
    /// Opens the data directory, sets crash orphans aside, binds the listener and starts processing
    /// (first whatever a previous run left pending).
    pub fn start(config: &PairConfig) -> Result<Self, PairError> {
        let layout = Layout::create(&config.data).map_err(io("data directory"))?;
        let store = Store::open(&layout.database())?;
        sweep_orphans(&layout, &store.spool_names()?).map_err(io("spool"))?;
        let keys = Arc::new(Keys::test_pki(&config.keys).map_err(io("test PKI"))?);
        let processor = Processor::new(layout.clone(), keys, config.delivery.clone())?;
        let stopping = Arc::new(AtomicBool::new(false));
        let (wake, woken) = mpsc::channel();
        let (index, requests) = mpsc::channel();
        let threads = vec![
            spawn("pair-index", index_writer(store, requests, wake.clone())),
            spawn("pair-process", process_loop(processor, woken, Arc::clone(&stopping))),
        ];
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("pair-smtp")
            .enable_all()
            .build()
            .map_err(io("tokio runtime"))?;
        let listener = runtime.block_on(tokio::net::TcpListener::bind(config.listen)).map_err(io("listen"))?;
        let address = listener.local_addr().map_err(io("listen"))?;
        let reception = Arc::new(Reception {
            policy: Policy::from_tables(&config.hostname),
            layout,
            names: Names::default(),
            index: Mutex::new(index),
        });
        let (stop_listener, stop) = watch::channel(false);
        runtime.spawn(reception::serve(listener, reception, stop));
        Ok(Self { address, runtime: Some(runtime), stop_listener, stopping, wake, threads })
    }

    /// The address the listener is bound to.
    pub fn local_addr(&self) -> SocketAddr {
        self.address
    }

    /// Stops accepting, lets the processor finish its current group of messages, and waits for the threads.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let _ = self.stop_listener.send(true);
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_secs(2));
        }
        self.stopping.store(true, Ordering::SeqCst);
        let _ = self.wake.send(());
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Runs a PAIR until Ctrl-C or SIGTERM.
pub fn serve(config: &PairConfig) -> Result<(), PairError> {
    let running = Running::start(config)?;
    eprintln!("scor-pair listening on {} (data {})", running.local_addr(), config.data.display());
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(io("signals"))?;
    runtime
        .block_on(async {
            #[cfg(unix)]
            {
                let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
                Ok::<(), std::io::Error>(())
            }
            #[cfg(not(unix))]
            tokio::signal::ctrl_c().await
        })
        .map_err(io("signals"))?;
    running.stop();
    Ok(())
}

fn spawn(name: &str, body: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    std::thread::Builder::new().name(name.to_owned()).spawn(body).expect("a thread can be started")
}

/// Writes index rows: each wait gathers every request queued meanwhile into one synced transaction
/// (group commit), then answers each session and wakes the processor.
fn index_writer(mut store: Store, requests: Receiver<IndexRequest>, wake: Sender<()>) -> impl FnOnce() {
    move || {
        while let Ok(first) = requests.recv() {
            let batch: Vec<IndexRequest> = std::iter::once(first).chain(requests.try_iter()).collect();
            let messages: Vec<_> = batch.iter().map(|(m, _)| m.clone()).collect();
            match store.insert_received(&messages) {
                Ok(ids) => {
                    for ((_, reply), id) in batch.into_iter().zip(ids) {
                        let _ = reply.send(Ok(id));
                    }
                }
                Err(error) => {
                    for (_, reply) in batch {
                        let _ = reply.send(Err(error.to_string()));
                    }
                }
            }
            let _ = wake.send(());
        }
    }
}

/// Processes pending messages whenever woken, and every half second (delivery retries).
fn process_loop(mut processor: Processor, woken: Receiver<()>, stopping: Arc<AtomicBool>) -> impl FnOnce() {
    move || {
        while !stopping.load(Ordering::SeqCst) {
            if let Err(error) = processor.drain_while(|| !stopping.load(Ordering::SeqCst)) {
                eprintln!("scor-pair: processing: {error}");
            }
            match woken.recv_timeout(Duration::from_millis(500)) {
                Ok(()) | Err(RecvTimeoutError::Timeout) => while woken.try_recv().is_ok() {},
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
    }
}
