//! The history of the README's loop, bundled for `explain`: `examples/lot-earlier` sent and accepted.

use crate::error::TaskError;
use scor_answering::{History, ReceivedReturn, SentLot};
use scor_conformance::{LotHistory, SharedHistory};
use scor_dictionary::latest::DICTIONARY;
use std::path::Path;
use std::sync::Arc;

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
    Ok(Arc::new(SharedHistory::new(history)))
}
