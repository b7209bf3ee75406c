//! Checked in parallel, decided in order: a backlog of messages processed in one pass (checked by the
//! workers before any decision of the backlog is in the store) gets exactly the decisions and returns
//! of the same messages processed one at a time, for retransmissions, duplicates and onboarding.

mod common;

use common::*;
use scor_pair::delivery::Delivery;
use scor_pair::process::{Processor, test_keys};
use scor_pair::spool::Layout;
use scor_pair::store::{NewMessage, Store};
use std::path::Path;

/// The messages: an accepted lot three times (then a duplicate, then refused as retransmitted too
/// often) around other lots, a rejected one sent twice (a retransmission, not a duplicate), a message
/// without attachment.
fn backlog() -> Vec<Vec<u8>> {
    let accepted = lot_variant(31);
    let rejected = header_rejection_lot(32);
    vec![
        accepted.clone(),
        lot_variant(33),
        accepted.clone(),
        rejected.clone(),
        no_attachment_message(),
        rejected,
        accepted,
        lot_variant(34),
    ]
}

/// A processor on `data` (outbox `data/outbox`).
fn processor(data: &Path) -> Processor {
    let layout = Layout::create(data).unwrap();
    Processor::new(layout, test_keys(&repo_root().join("test-pki")).unwrap(), Delivery::Outbox(data.join("outbox")))
        .unwrap()
}

/// Stores `raw` as received (spool file and index row), as the listener does before its 250.
fn receive(data: &Path, n: usize, raw: &[u8]) {
    let spool = format!("{n}.eml");
    std::fs::write(data.join("spool").join(&spool), raw).unwrap();
    let message = NewMessage {
        spool,
        received_at: 1,
        mail_from: "cabinet.exemple@example.test".to_owned(),
        rcpt_to: vec!["01.751@01.scor.rss.fr".to_owned()],
        size: raw.len() as u64,
    };
    Store::open(&data.join("pair.sqlite")).unwrap().insert_received(&[message]).unwrap();
}

/// What each message's processing decided and returned, in order (times left out).
fn decisions(data: &Path) -> Vec<String> {
    let status = scor_pair::status(data, 0).unwrap();
    let returns = delivered(&data.join("outbox"));
    status
        .lots
        .iter()
        .map(|m| {
            let prefix = format!("{}.", m.id);
            let (_, _, raw) = returns.iter().find(|(_, name, _)| name.starts_with(&prefix)).expect("a return");
            format!(
                "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                m.state,
                m.identification,
                m.reception,
                m.outcome,
                m.cause,
                m.onboarding,
                m.answer_kind,
                m.answer_to,
                classified(raw)
            )
        })
        .collect()
}

#[test]
fn a_backlog_checked_in_parallel_is_decided_as_one_message_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let messages = backlog();

    let one_by_one = dir.path().join("one-by-one");
    let mut sequential = processor(&one_by_one);
    for (n, raw) in messages.iter().enumerate() {
        receive(&one_by_one, n, raw);
        assert_eq!(sequential.drain().unwrap(), 1);
    }

    let at_once = dir.path().join("at-once");
    std::fs::create_dir_all(at_once.join("spool")).unwrap();
    for (n, raw) in messages.iter().enumerate() {
        receive(&at_once, n, raw);
    }
    assert_eq!(processor(&at_once).drain().unwrap(), messages.len());

    let expected = decisions(&one_by_one);
    assert_eq!(decisions(&at_once), expected);
    let outcomes: Vec<_> = scor_pair::status(&at_once, 0)
        .unwrap()
        .lots
        .iter()
        .map(|m| (m.reception, m.outcome.clone().unwrap(), m.cause.clone().unwrap()))
        .collect();
    let row = |reception: Option<u32>, outcome: &str, cause: &str| (reception, outcome.to_owned(), cause.to_owned());
    assert_eq!(outcomes[0], row(Some(1), "accepted", "0000"));
    assert_eq!(outcomes[2], row(Some(2), "header-rejection", "5105"), "a duplicate of an accepted lot");
    assert_eq!(outcomes[3].0, Some(1));
    assert_eq!(outcomes[5].0, Some(2), "a rejected lot sent again is a retransmission");
    assert_ne!(outcomes[5].2, "5105", "not a duplicate");
    assert_eq!(outcomes[6], row(Some(3), "service-message", "9003"));
}
