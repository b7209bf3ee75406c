//! The history as the conform checks ask it (`conform --history`): a lot already accepted, and where
//! the lots that carried a PJ stand, shared by lots checked in parallel.

use crate::history::{History, HistoryError};
use scor_conformance::{Acknowledged, LotHistory};
use std::path::Path;
use std::sync::Mutex;

/// The history behind a lock, so that lots checked in parallel can ask it.
#[derive(Debug)]
pub struct SharedHistory(Mutex<History>);

impl SharedHistory {
    /// The history at `path`, which must exist.
    pub fn open(path: &Path) -> Result<Self, HistoryError> {
        Ok(Self(Mutex::new(History::open_existing(path)?)))
    }

    /// A history already open (one in memory, for instance).
    pub fn new(history: History) -> Self {
        Self(Mutex::new(history))
    }

    fn ask<T>(&self, query: impl FnOnce(&History) -> Result<T, HistoryError>) -> Result<T, String> {
        let history = self.0.lock().map_err(|_| "a check panicked while asking the history".to_owned())?;
        query(&history).map_err(|error| error.to_string())
    }
}

impl LotHistory for SharedHistory {
    fn lot(&self, identification: &str) -> Result<Acknowledged, String> {
        self.ask(|history| history.lot_state(identification))
    }

    fn pj(&self, identifier: &str) -> Result<Option<Acknowledged>, String> {
        self.ask(|history| history.pj_state(identifier)).map(Some)
    }
}
