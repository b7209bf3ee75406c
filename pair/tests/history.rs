//! The whole TT–TA loop over SMTP: a lot sent to the PAIR, its ARL analysed into the LPS's history, the
//! next lot's EXTERNE reference checked against that history, and the accepted lot sent again: 5105
//! from both the PAIR (its store) and `conform --history` (the LPS's history).

mod common;

use common::*;
use scor_answering::history::{History, SentLot};
use scor_answering::read_eml;
use scor_conformance::{Checked, Config};
use scor_dictionary::latest::DICTIONARY;
use scor_test_tools::require_tool;
use std::path::Path;
use std::sync::Arc;

/// `raw` checked as `conform --history DB` checks it.
fn conform_with_history(raw: &[u8], db: &Path) -> Checked {
    let history = scor_conformance::SharedHistory::open(db).expect("the history exists");
    let config = Config { history: Some(Arc::new(history)), ..scor_tests::lots::config_without_history() };
    scor_conformance::check_eml("lot.eml".to_owned(), raw, &config)
}

/// The findings of `checked` as (rule, cause).
fn rules(checked: &Checked) -> Vec<(&str, Option<&str>)> {
    checked.outcome.findings.iter().map(|f| (f.rule, f.cause)).collect()
}

/// The return the PAIR delivered for the `n`th message.
fn returned(pair: &Pair, n: usize) -> Vec<u8> {
    let returns = delivered(&pair.outbox());
    let prefix = format!("{n}.");
    returns.into_iter().find(|(_, name, _)| name.starts_with(&prefix)).expect("the return was delivered").2
}

#[test]
fn an_externe_reference_is_known_after_the_positive_arl_and_an_accepted_lot_sent_again_gets_5105() {
    let Some(python) = require_tool("python3") else { return };
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::start(&dir.path().join("data"), None);
    let earlier_plan = scor_sender::example::earlier_plan(&DICTIONARY);
    let earlier = write(dir.path(), "earlier.eml", &built(&earlier_plan, |_| {}));
    let next = example_lot();
    let db = dir.path().join("lots.sqlite");

    // The LPS sends the earlier lot and records it (`cargo xtask arl sent earlier.eml`).
    assert_eq!(send_with_smtplib(python, pair.address, std::slice::from_ref(&earlier)), [250]);
    let facts = scor_conformance::sent::sent_facts(&earlier, &DICTIONARY).unwrap();
    assert_eq!(facts.pjs, ["565038410.ORDN.565038410.01_751_0001.20261123.000003"]);
    let lot = SentLot { identification: facts.identification, sent_at: 1, retransmits: None, pjs: facts.pjs };
    History::open(&db).unwrap().record_sent(&lot).unwrap();

    // Before its ARL is analysed, the next lot's EXTERNE reference is unknown to the history.
    let before = conform_with_history(&next, &db);
    assert_eq!(rules(&before), [("PJ-EXTERNE-UNKNOWN", None)], "{:#?}", before.outcome.findings);
    assert!(before.outcome.not_evaluated.is_empty(), "{:#?}", before.outcome.not_evaluated);

    // The PAIR's ARL accepts the lot; `arl analyze --history` records it.
    let status = wait_finished(&pair.data, 1, 60);
    assert_eq!(status.lots[0].outcome.as_deref(), Some("accepted"), "{status}");
    let arl = read_eml(&DICTIONARY, "1.eml".to_owned(), &returned(&pair, 1));
    let mut history = History::open(&db).unwrap();
    let answer = scor_answering::analyze(&arl, Some(&mut history), 2).unwrap();
    assert_eq!(answer.analysis.classification.outcome(), "accepted");
    drop(history);

    // After: the reference is to a PJ whose lot got a positive ARL; nothing left to report.
    let after = conform_with_history(&next, &db);
    assert_eq!(rules(&after), [], "{:#?}", after.outcome.findings);
    assert!(after.outcome.is_conformant());

    // The accepted lot sent a second time: a duplicate for `conform --history` and for the PAIR.
    let raw = std::fs::read(&earlier).unwrap();
    let again = conform_with_history(&raw, &db);
    assert_eq!(rules(&again), [("LOT-DUPLICATE", Some("5105"))], "{:#?}", again.outcome.findings);
    assert_eq!((again.prediction.outcome(), again.prediction.cause()), ("header-rejection", "5105"));
    assert_eq!(send_with_smtplib(python, pair.address, &[earlier]), [250]);
    let status = wait_finished(&pair.data, 2, 60);
    let second = &status.lots[1];
    assert_eq!((second.reception, second.outcome.as_deref()), (Some(2), Some("header-rejection")), "{status}");
    assert_eq!(second.cause.as_deref(), Some("5105"));
    let (outcome, cause, _) = classified(&returned(&pair, 2));
    assert_eq!((outcome.as_str(), cause.as_str()), ("header-rejection", "5105"));
    pair.stop();
}

#[test]
fn a_rejected_lot_sent_again_is_a_retransmission_not_a_duplicate() {
    let Some(python) = require_tool("python3") else { return };
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::start(&dir.path().join("data"), None);
    let lot = write(dir.path(), "header.eml", &header_rejection_lot(21));
    assert_eq!(send_with_smtplib(python, pair.address, &[lot.clone(), lot]), [250, 250]);
    let status = wait_finished(&pair.data, 2, 60);
    let causes: Vec<_> = status.lots.iter().map(|m| (m.reception, m.cause.clone())).collect();
    assert_eq!(causes, [(Some(1), Some("5113".to_owned())), (Some(2), Some("5113".to_owned()))], "{status}");
    pair.stop();
}
