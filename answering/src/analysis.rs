//! Answering a return for the LPS: its classification, recorded in the history, and whether the lot
//! may still be retransmitted (a lot can be retransmitted only once, seed 003 §8 TA).

use crate::classify::{Analysis, classify};
use crate::history::{History, HistoryError, ReceivedReturn, Retransmission};
use crate::input::Received;
use scor_locale::{Text, text};
use serde::Serialize;

/// A return analysed for the LPS: its classification, and what the history says about retransmitting
/// its lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnalyzedReturn {
    #[serde(flatten)]
    pub analysis: Analysis,
    pub retransmission: Retransmission,
}

/// Classifies `received`; with a history, records the return (received at `received_at`, seconds
/// since the Unix epoch) and says whether its lot may still be retransmitted.
pub fn analyze(
    received: &Received,
    history: Option<&mut History>,
    received_at: i64,
) -> Result<AnalyzedReturn, HistoryError> {
    let analysis = classify(received);
    let retransmission = retransmission(&analysis, history, received_at)?;
    Ok(AnalyzedReturn { analysis, retransmission })
}

fn retransmission(
    analysis: &Analysis,
    history: Option<&mut History>,
    received_at: i64,
) -> Result<Retransmission, HistoryError> {
    let classification = &analysis.classification;
    let unknown = |reason: Text| Ok(Retransmission::Unknown { reason });
    let Some(lot) = analysis.lot.as_deref().filter(|_| classification.outcome() != "unreadable") else {
        return unknown(text!("retransmission-unclassified"));
    };
    let Some(history) = history else {
        return if classification.is_rejection() {
            unknown(text!("retransmission-no-history"))
        } else {
            Ok(Retransmission::NotNeeded)
        };
    };
    history.record_return(&ReceivedReturn {
        lot: lot.to_owned(),
        reference: analysis.reference.clone().unwrap_or_default(),
        outcome: classification.outcome().to_owned(),
        cause: classification.cause().map(str::to_owned),
        received_at,
    })?;
    if classification.is_rejection() { history.retransmission(lot) } else { Ok(Retransmission::NotNeeded) }
}
