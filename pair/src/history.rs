//! What the store tells the conform engine about the lots received before a message: a lot
//! Identification already accepted is a duplicate (LOT-DUPLICATE, the rule `conform --history` applies).

use crate::store::Store;
use scor_conformance::{Acknowledged, LotHistory};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// The lots received before message `before`, as the store records them, and the answers given.
#[derive(Debug)]
pub struct EarlierLots {
    /// A connection of its own to the store (the engine asks it from the checking threads).
    pub store: Arc<Mutex<Store>>,
    pub before: i64,
    /// Lots accepted before `before` whose decision is not in the store yet (decided, not committed).
    pub accepted_meanwhile: HashSet<String>,
    /// Each lot asked about, and whether it was answered as accepted (`None`: the store failed).
    asked: Mutex<Vec<(String, Option<bool>)>>,
}

impl EarlierLots {
    pub fn new(store: Arc<Mutex<Store>>, before: i64, accepted_meanwhile: HashSet<String>) -> Self {
        Self { store, before, accepted_meanwhile, asked: Mutex::new(Vec::new()) }
    }

    /// Each lot Identification the engine asked about, with the answer it got: accepted or not, `None`
    /// when the store could not answer.
    pub fn answers(&self) -> Vec<(String, Option<bool>)> {
        self.asked.lock().map(|asked| asked.clone()).unwrap_or_default()
    }

    fn accepted(&self, identification: &str) -> Result<bool, String> {
        if self.accepted_meanwhile.contains(identification) {
            return Ok(true);
        }
        let store = self.store.lock().map_err(|_| "the store's lock is poisoned".to_owned())?;
        Ok(store.accepted_before(identification, self.before).map_err(|e| e.to_string())?.is_some())
    }
}

impl LotHistory for EarlierLots {
    fn lot(&self, identification: &str) -> Result<Acknowledged, String> {
        let accepted = self.accepted(identification);
        if let Ok(mut asked) = self.asked.lock() {
            asked.push((identification.to_owned(), accepted.as_ref().ok().copied()));
        }
        let accepted = accepted?;
        let lot = identification.to_owned();
        Ok(if accepted { Acknowledged::Accepted { lot } } else { Acknowledged::Unknown })
    }

    /// The store keeps no PJ identifiers: EXTERNE references stay as the engine reports them without a
    /// history.
    fn pj(&self, _identifier: &str) -> Result<Option<Acknowledged>, String> {
        Ok(None)
    }
}
