//! Bounded concurrency: at most `workers` checks at once, at most `queue` more requests admitted and
//! waiting (503 beyond), and every check run off the async threads within the request's deadline.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::Semaphore;
use tokio::time::Instant;

/// The admission counter and the workers' permits.
#[derive(Debug)]
pub struct Gate {
    admitted: Arc<AtomicUsize>,
    capacity: usize,
    workers: Arc<Semaphore>,
}

/// A request admitted: it may hold its body in memory. Dropping it frees its place.
#[derive(Debug)]
pub struct Ticket {
    admitted: Arc<AtomicUsize>,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.admitted.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Why a check gave no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The deadline passed while waiting for a worker.
    QueueTimeout,
    /// The deadline passed while checking (the check finishes in the background, holding its worker).
    CheckTimeout,
    /// The check panicked.
    Failed,
}

impl Gate {
    pub fn new(workers: usize, queue: usize) -> Self {
        Self {
            admitted: Arc::new(AtomicUsize::new(0)),
            capacity: workers + queue,
            workers: Arc::new(Semaphore::new(workers)),
        }
    }

    /// A ticket while fewer than `workers + queue` requests are admitted; `None` means 503.
    pub fn admit(&self) -> Option<Ticket> {
        let previous = self.admitted.fetch_add(1, Ordering::AcqRel);
        let ticket = Ticket { admitted: Arc::clone(&self.admitted) };
        (previous < self.capacity).then_some(ticket)
    }

    /// Runs `check` on a blocking thread once a worker is free, if both happen before `deadline`.
    pub async fn run<T: Send + 'static>(
        &self,
        deadline: Instant,
        check: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Refusal> {
        let acquired = tokio::time::timeout_at(deadline, Arc::clone(&self.workers).acquire_owned()).await;
        let Ok(Ok(permit)) = acquired else { return Err(Refusal::QueueTimeout) };
        let task = tokio::task::spawn_blocking(move || {
            let result = check();
            drop(permit);
            result
        });
        match tokio::time::timeout_at(deadline, task).await {
            Ok(Ok(result)) => Ok(result),
            Ok(Err(_)) => Err(Refusal::Failed),
            Err(_) => Err(Refusal::CheckTimeout),
        }
    }
}
