//! The answering side's history (scor-answering's SQLite) as the checks ask it, behind a lock so that
//! lots checked in parallel can share one history: `conform --history`, and the tests that check as it does.

use crate::history::{Acknowledged, LotHistory};
use scor_answering::{History, HistoryError, LotState};
use std::path::Path;
use std::sync::Mutex;

/// A history the checks of `conform --history` (and the tests that check lots as it does) ask.
#[derive(Debug)]
pub struct SharedHistory(Mutex<History>);

impl SharedHistory {
    /// A history already open (one in memory, for instance).
    pub fn new(history: History) -> Self {
        Self(Mutex::new(history))
    }

    /// The history at `path`, which must exist (conform never creates one).
    pub fn open(path: &Path) -> Result<Self, HistoryError> {
        Ok(Self::new(History::open_existing(path)?))
    }

    fn ask(&self, query: impl FnOnce(&History) -> Result<LotState, HistoryError>) -> Result<Acknowledged, String> {
        let history = self.0.lock().map_err(|_| "a check panicked while asking the history".to_owned())?;
        query(&history).map(acknowledged).map_err(|error| error.to_string())
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

fn acknowledged(state: LotState) -> Acknowledged {
    match state {
        LotState::Unknown => Acknowledged::Unknown,
        LotState::Awaiting { lot } => Acknowledged::Awaiting { lot },
        LotState::Rejected { lot } => Acknowledged::Rejected { lot },
        LotState::Accepted { lot } => Acknowledged::Accepted { lot },
    }
}
