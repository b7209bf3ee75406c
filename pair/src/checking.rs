//! Checking received messages on every core: workers read each spool file and run the conform engine
//! (decryption and checks, nothing written); results come back tagged with their row, in any order.

use crate::answer::LotFacts;
use crate::history::EarlierLots;
use crate::spool::Layout;
use crate::store::{MessageRow, Store};
use scor_conformance::{Checked, Config, Keys};
use scor_dictionary::latest::DICTIONARY;
use std::collections::HashSet;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// What running the engine needs: the spool and the organism keys.
#[derive(Debug)]
pub struct Checker {
    pub layout: Layout,
    pub keys: Arc<Keys>,
}

/// A message through the engine: its result, the header's facts and what the engine asked the store.
#[derive(Debug)]
pub struct Examined {
    pub checked: Checked,
    pub facts: LotFacts,
    /// Each lot the engine asked the history about, and the answer (accepted; `None`: not answered).
    pub answers: Vec<(String, Option<bool>)>,
}

impl Checker {
    /// Runs the engine on message `row` as issued at `issued_at`; the history is the store seen
    /// through `earlier`, plus the lots `accepted_meanwhile` (decided before `row`, not yet committed).
    pub fn examine(
        &self,
        row: &MessageRow,
        issued_at: i64,
        earlier: Arc<Mutex<Store>>,
        accepted_meanwhile: HashSet<String>,
    ) -> io::Result<Examined> {
        let raw = std::fs::read(self.layout.spool().join(&row.spool))?;
        let history = Arc::new(EarlierLots::new(earlier, row.id, accepted_meanwhile));
        let config = Config {
            sequence: u32::try_from(row.id).unwrap_or(u32::MAX),
            history: Some(Arc::clone(&history) as Arc<dyn scor_conformance::LotHistory>),
            ..Config::new(&DICTIONARY, Arc::clone(&self.keys), issued_at)
        };
        let checked = scor_conformance::check_eml(format!("message {}", row.id), &raw, &config);
        let facts = LotFacts::of(&checked);
        Ok(Examined { checked, facts, answers: history.answers() })
    }
}

/// A message checked by a worker, for round `round` of the processor.
#[derive(Debug)]
pub struct Prepared {
    pub round: u64,
    pub row: MessageRow,
    /// When the return is issued (the ARL's Temps), fixed when the engine ran.
    pub issued_at: i64,
    pub examined: io::Result<Examined>,
}

type Job = (u64, MessageRow);

/// The pool of checking workers, one per core.
#[derive(Debug)]
pub struct Checking {
    jobs: Option<Sender<Job>>,
    results: Receiver<Prepared>,
    closed: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

impl Checking {
    /// Starts `workers` workers (at least one), each with its own connection to the store at `database`;
    /// fails when a connection cannot be opened or a thread cannot start.
    pub fn start(checker: Arc<Checker>, database: &std::path::Path, workers: usize) -> std::io::Result<Self> {
        configure_engine_pool();
        let (jobs, queue) = mpsc::channel::<Job>();
        let (done, results) = mpsc::channel();
        let queue = Arc::new(Mutex::new(queue));
        let closed = Arc::new(AtomicBool::new(false));
        let mut threads = Vec::new();
        for n in 0..workers.max(1) {
            let earlier = Arc::new(Mutex::new(Store::open(database).map_err(std::io::Error::other)?));
            let worker = Worker {
                checker: Arc::clone(&checker),
                earlier,
                queue: Arc::clone(&queue),
                done: done.clone(),
                closed: Arc::clone(&closed),
            };
            let thread = std::thread::Builder::new().name(format!("pair-check-{n}")).spawn(move || worker.run())?;
            threads.push(thread);
        }
        Ok(Self { jobs: Some(jobs), results, closed, threads })
    }

    /// Queues message `row` for round `round`; false when the workers are gone.
    pub fn submit(&self, round: u64, row: MessageRow) -> bool {
        self.jobs.as_ref().is_some_and(|jobs| jobs.send((round, row)).is_ok())
    }

    /// The next result, waiting for one; `None` when the workers are gone.
    pub fn next(&self) -> Option<Prepared> {
        self.results.recv().ok()
    }

    /// A result already there, if any.
    pub fn ready(&self) -> Option<Prepared> {
        self.results.try_recv().ok()
    }
}

/// The workers skip what is still queued and stop.
impl Drop for Checking {
    fn drop(&mut self) {
        self.closed.store(true, Ordering::SeqCst);
        drop(self.jobs.take());
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

struct Worker {
    checker: Arc<Checker>,
    earlier: Arc<Mutex<Store>>,
    queue: Arc<Mutex<Receiver<Job>>>,
    done: Sender<Prepared>,
    closed: Arc<AtomicBool>,
}

/// Checking yields to the listener: a worker thread (and each thread of the engine's own pool) runs
/// at nice 10, so that the engine busy on every core does not delay the 250 of a message arriving.
pub fn yield_to_reception() {
    #[cfg(unix)]
    {
        let _ = rustix::process::setpriority_process(None, CHECKING_NICE);
    }
}

#[cfg(unix)]
const CHECKING_NICE: i32 = 10;

/// The engine's thread pool (rayon's global one: it checks the dossiers of a lot in parallel) with
/// its threads at the workers' priority. Only the first call in a process configures it.
pub fn configure_engine_pool() {
    let _ = rayon::ThreadPoolBuilder::new().start_handler(|_| yield_to_reception()).build_global();
}

impl Worker {
    /// Takes messages in the order they were queued until the queue closes. The engine runs on this
    /// thread alone: the workers already keep every core busy with a message each, and the engine's own
    /// parallelism (dossiers, PJ) would only add threads waking each other.
    fn run(self) {
        yield_to_reception();
        let alone = rayon::ThreadPoolBuilder::new().num_threads(1).use_current_thread().build();
        loop {
            let job = match self.queue.lock() {
                Ok(queue) => queue.recv(),
                Err(_) => return,
            };
            let Ok((round, row)) = job else { return };
            if self.closed.load(Ordering::SeqCst) {
                return;
            }
            let issued_at = crate::store::now();
            let examine = || self.checker.examine(&row, issued_at, Arc::clone(&self.earlier), HashSet::new());
            let examined = match &alone {
                Ok(pool) => pool.install(examine),
                Err(_) => examine(),
            };
            if self.done.send(Prepared { round, row, issued_at, examined }).is_err() {
                return;
            }
        }
    }
}
