//! What the store tells the conform engine about the lots received before a message: a lot
//! Identification already accepted is a duplicate (LOT-DUPLICATE, the rule `conform --history` applies).

use crate::store::Store;
use scor_conformance::{Acknowledged, LotHistory};
use std::sync::{Arc, Mutex};

/// The lots received before message `before`, as the store records them.
#[derive(Debug)]
pub struct EarlierLots {
    /// A connection of its own to the store (the engine asks it from the checking threads).
    pub store: Arc<Mutex<Store>>,
    pub before: i64,
}

impl LotHistory for EarlierLots {
    fn lot(&self, identification: &str) -> Result<Acknowledged, String> {
        let store = self.store.lock().map_err(|_| "the store's lock is poisoned".to_owned())?;
        let accepted = store.accepted_before(identification, self.before).map_err(|e| e.to_string())?;
        let lot = identification.to_owned();
        Ok(if accepted.is_some() { Acknowledged::Accepted { lot } } else { Acknowledged::Unknown })
    }

    /// The store keeps no PJ identifiers: EXTERNE references stay as the engine reports them without a
    /// history.
    fn pj(&self, _identifier: &str) -> Result<Option<Acknowledged>, String> {
        Ok(None)
    }
}
