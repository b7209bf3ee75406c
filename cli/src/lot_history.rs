//! The LPS's history (`arl sent`, `arl analyze --history`) as the conform checks ask it
//! (`conform --history`), behind a lock so that lots checked in parallel can share it.

use crate::error::TaskError;
use scor_answering::{History, HistoryError, LotState, ReceivedReturn, SentLot};
use scor_conformance::{Acknowledged, LotHistory};
use scor_dictionary::latest::DICTIONARY;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The history of the README's loop, in memory: `examples/lot-earlier` sent and accepted, so that the
/// example lot's EXTERNE reference is known (`cargo xtask explain` checks the example lot with it).
pub fn bundled(root: &Path) -> Result<Arc<dyn LotHistory>, TaskError> {
    let facts = scor_conformance::sent::sent_facts(&root.join("examples/lot-earlier"), &DICTIONARY)
        .map_err(TaskError::about("examples/lot-earlier"))?;
    let mut history = History::in_memory().map_err(TaskError::about("history"))?;
    let lot = facts.identification;
    let sent = SentLot { identification: lot.clone(), sent_at: 0, retransmits: None, pjs: facts.pjs };
    history.record_sent(&sent).map_err(TaskError::about("history"))?;
    let accepted = ReceivedReturn {
        reference: format!("ARL {lot}"),
        lot,
        outcome: "accepted".to_owned(),
        cause: None,
        received_at: 0,
    };
    history.record_return(&accepted).map_err(TaskError::about("history"))?;
    Ok(Arc::new(SharedHistory(Mutex::new(history))))
}

/// The history at a path, opened once for the whole run.
#[derive(Debug)]
pub struct SharedHistory(Mutex<History>);

impl SharedHistory {
    /// The history at `path`, which must exist (conform never creates one).
    pub fn open(path: &Path) -> Result<Self, HistoryError> {
        Ok(Self(Mutex::new(History::open_existing(path)?)))
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
