//! The history survives closing and reopening its file, and enforces the seed's rule: a lot can be
//! retransmitted only once, whatever the rejection (seed 003 §8 TA).

use scor_answering::history::SCHEMA_VERSION;
use scor_answering::{History, HistoryError, LotState, ReceivedReturn, Retransmission, SentLot, analyze, read_eml};
use scor_dictionary::latest::DICTIONARY;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("answering lives in the repository").to_path_buf()
}

fn sent(identification: &str, sent_at: i64) -> SentLot {
    SentLot { identification: identification.to_owned(), sent_at, retransmits: None, pjs: Vec::new() }
}

/// The header-rejection vector of cause 5113 and the lot it answers.
fn rejection() -> (scor_answering::Received, String) {
    let path = root().join(scor_answering::vectors::folder(DICTIONARY.version)).join("5113-header-rejection.eml");
    let received = read_eml(&DICTIONARY, "5113.eml".to_owned(), &std::fs::read(path).unwrap());
    let lot = scor_answering::classify(&received).lot.unwrap();
    (received, lot)
}

#[test]
fn sent_lots_and_returns_survive_closing_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite");
    let (received, lot) = rejection();
    {
        let mut history = History::open(&path).unwrap();
        history.record_sent(&sent(&lot, 100)).unwrap();
        let answer = analyze(&received, Some(&mut history), 200).unwrap();
        assert_eq!(answer.retransmission, Retransmission::Allowed { lot: lot.clone() });
    }
    let mut history = History::open(&path).unwrap();
    assert_eq!(history.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(history.sent_lot(&lot).unwrap(), Some(sent(&lot, 100)));
    let returns = history.returns(&lot).unwrap();
    assert_eq!(returns.len(), 1);
    assert_eq!((returns[0].outcome.as_str(), returns[0].cause.as_deref()), ("header-rejection", Some("5113")));
    // The same return analysed again is not recorded twice.
    analyze(&received, Some(&mut history), 300).unwrap();
    assert_eq!(history.returns(&lot).unwrap().len(), 1);
}

#[test]
fn a_lot_can_be_retransmitted_only_once_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite");
    let (received, lot) = rejection();
    {
        let mut history = History::open(&path).unwrap();
        history.record_sent(&sent(&lot, 100)).unwrap();
        history.record_retransmission(&lot, "L-RETRANSMITTED", 300).unwrap();
    }
    let mut history = History::open(&path).unwrap();
    let refused = history.record_retransmission(&lot, "L-SECOND", 400).unwrap_err();
    assert!(
        matches!(&refused, HistoryError::AlreadyRetransmitted { original, retransmission }
            if original == &lot && retransmission == "L-RETRANSMITTED"),
        "{refused}"
    );
    assert!(refused.to_string().contains("only once"), "{refused}");
    // Nor can the retransmission be retransmitted in turn.
    let refused = history.record_retransmission("L-RETRANSMITTED", "L-THIRD", 500).unwrap_err();
    assert!(matches!(refused, HistoryError::IsRetransmission { .. }), "{refused}");
    assert_eq!(history.sent_lot("L-SECOND").unwrap(), None);
    // A rejection of the original now says the retransmission is refused.
    let answer = analyze(&received, Some(&mut history), 600).unwrap();
    assert_eq!(
        answer.retransmission,
        Retransmission::Refused {
            lot: lot.clone(),
            original: lot.clone(),
            retransmission: "L-RETRANSMITTED".to_owned()
        }
    );
    assert!(answer.retransmission.describe().starts_with("refused"));
}

#[test]
fn a_rejected_retransmission_cannot_be_retransmitted_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut history = History::open(&dir.path().join("history.sqlite")).unwrap();
    history.record_sent(&sent("L1", 1)).unwrap();
    history.record_retransmission("L1", "L2", 2).unwrap();
    assert_eq!(
        history.retransmission("L2").unwrap(),
        Retransmission::Refused { lot: "L2".to_owned(), original: "L1".to_owned(), retransmission: "L2".to_owned() }
    );
}

#[test]
fn retransmitting_an_unknown_lot_or_recording_a_lot_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut history = History::open(&dir.path().join("history.sqlite")).unwrap();
    assert!(matches!(history.record_retransmission("NOPE", "L2", 1), Err(HistoryError::UnknownLot(_))));
    history.record_sent(&sent("L1", 1)).unwrap();
    assert!(matches!(history.record_sent(&sent("L1", 2)), Err(HistoryError::AlreadySent(_))));
}

#[test]
fn without_a_history_a_rejection_says_it_cannot_tell() {
    let (received, _) = rejection();
    let answer = analyze(&received, None, 0).unwrap();
    assert!(matches!(answer.retransmission, Retransmission::Unknown { .. }));
}

#[test]
fn a_database_of_a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite");
    drop(History::open(&path).unwrap());
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    drop(connection);
    assert!(matches!(History::open(&path), Err(HistoryError::NewerSchema { .. })));
}

fn received(lot: &str, reference: &str, outcome: &str) -> ReceivedReturn {
    let (lot, reference, outcome) = (lot.to_owned(), reference.to_owned(), outcome.to_owned());
    ReceivedReturn { lot, reference, outcome, cause: None, received_at: 10 }
}

#[test]
fn a_lot_and_the_pj_it_carried_stand_as_its_returns_say() {
    let mut history = History::in_memory().unwrap();
    let pjs = vec!["PJ-1".to_owned(), "PJ-2".to_owned()];
    history.record_sent(&SentLot { pjs: pjs.clone(), ..sent("L1", 1) }).unwrap();
    assert_eq!(history.sent_lot("L1").unwrap().unwrap().pjs, pjs, "the PJ read back in order");
    let awaiting = LotState::Awaiting { lot: "L1".to_owned() };
    assert_eq!((history.lot_state("L1").unwrap(), history.pj_state("PJ-2").unwrap()), (awaiting.clone(), awaiting));
    assert_eq!(history.lot_state("L9").unwrap(), LotState::Unknown);
    assert_eq!(history.pj_state("PJ-9").unwrap(), LotState::Unknown);
    history.record_return(&received("L1", "ARL-1", "header-rejection")).unwrap();
    assert_eq!(history.pj_state("PJ-1").unwrap(), LotState::Rejected { lot: "L1".to_owned() });
    // The same PJ carried again by a retransmission that was accepted: the furthest lot counts.
    history
        .record_sent(&SentLot { pjs: vec!["PJ-1".to_owned()], retransmits: Some("L1".to_owned()), ..sent("L2", 2) })
        .unwrap();
    history.record_return(&received("L2", "ARL-2", "accepted")).unwrap();
    assert_eq!(history.pj_state("PJ-1").unwrap(), LotState::Accepted { lot: "L2".to_owned() });
    assert_eq!(history.pj_state("PJ-2").unwrap(), LotState::Rejected { lot: "L1".to_owned() });
    assert_eq!(history.lot_state("L2").unwrap(), LotState::Accepted { lot: "L2".to_owned() });
}

#[test]
fn a_history_of_the_previous_schema_is_migrated_and_keeps_its_lots() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite");
    drop(History::open(&path).unwrap());
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection.execute_batch("DROP TABLE sent_pj; PRAGMA user_version = 2;").unwrap();
    connection.execute("INSERT INTO sent_lot (identification, sent_at) VALUES ('L1', 5)", []).unwrap();
    drop(connection);
    let mut history = History::open(&path).unwrap();
    assert_eq!(history.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(history.sent_lot("L1").unwrap(), Some(sent("L1", 5)));
    history.record_sent(&SentLot { pjs: vec!["PJ-1".to_owned()], ..sent("L2", 6) }).unwrap();
    assert_eq!(history.pj_state("PJ-1").unwrap(), LotState::Awaiting { lot: "L2".to_owned() });
}

#[test]
fn conform_history_needs_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("none.sqlite");
    assert!(matches!(History::open_existing(&path), Err(HistoryError::Missing(_))));
    assert!(!path.exists());
}
