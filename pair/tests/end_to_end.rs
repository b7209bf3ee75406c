//! End to end with SMTP clients not written here (Python's smtplib, swaks) and an SMTP sink (aiosmtpd):
//! each return delivered must be the one the conform engine predicts for the lot sent.

mod common;

use common::*;
use scor_test_tools::{require_python_module, require_tool};
use std::process::Command;

/// Each row's return, read back from the outbox and classified, matches the engine's prediction for
/// the message in its spool file; each recipient got exactly one return per message.
fn assert_returns_match_predictions(pair: &Pair, status: &scor_pair::Status) {
    let delivered = delivered(&pair.outbox());
    for row in &status.lots {
        let sent = std::fs::read(pair.data.join("spool").join(&row.spool)).unwrap();
        let prefix = format!("{}.", row.id);
        let returns: Vec<_> = delivered.iter().filter(|(_, name, _)| name.starts_with(&prefix)).collect();
        assert_eq!(returns.len(), row.answer_to.len(), "message {}: one return per recipient", row.id);
        for (_, _, raw) in returns {
            assert_eq!(classified(raw), predicted(&sent), "message {} ({:?})", row.id, row.identification);
        }
    }
}

#[test]
fn smtplib_lots_get_the_returns_the_engine_predicts() {
    let Some(python) = require_tool("python3") else { return };
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::start(&dir.path().join("data"), None);
    let files = [
        write(dir.path(), "golden.eml", &example_lot()),
        write(dir.path(), "header.eml", &header_rejection_lot(2)),
        write(dir.path(), "dossier.eml", &dossier_rejection_lot(3)),
        write(dir.path(), "no-attachment.eml", &no_attachment_message()),
    ];
    assert_eq!(send_with_smtplib(python, pair.address, &files), [250, 250, 250, 250]);
    let status = wait_finished(&pair.data, files.len(), 60);
    let outcomes: Vec<_> = status.lots.iter().map(|m| m.outcome.clone().unwrap()).collect();
    assert_eq!(outcomes, ["accepted", "header-rejection", "dossier-rejection", "service-message"]);
    assert_eq!(status.lots[3].cause.as_deref(), Some("9002"));
    assert_eq!(status.lots[3].answer_to, ["cabinet.exemple@example.test"], "to the SMTP envelope sender");
    assert_returns_match_predictions(&pair, &status);
    pair.stop();
}

#[test]
fn swaks_sends_a_lot_and_a_message_without_attachment() {
    let Some(swaks) = require_tool("swaks") else { return };
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::start(&dir.path().join("data"), None);
    let server = pair.address.to_string();
    for (name, bytes) in [("golden.eml", example_lot()), ("plain.eml", no_attachment_message())] {
        let path = write(dir.path(), name, &bytes);
        let output = Command::new(swaks)
            .args(["--server", &server, "--from", "cabinet.exemple@example.test", "--to", "01.751@01.scor.rss.fr"])
            .args(["--helo", "lps.example.test", "--data"])
            .arg(format!("@{}", path.display()))
            .output()
            .unwrap();
        let transcript = String::from_utf8_lossy(&output.stdout);
        assert!(transcript.contains("<-  250 2.0.0 Stored durably"), "{transcript}");
    }
    let refused = Command::new(swaks).args(["--server", &server, "--to", "someone@example.test"]).output().unwrap();
    assert!(String::from_utf8_lossy(&refused.stdout).contains("<** 550 5.1.1"), "no open relay");
    let status = wait_finished(&pair.data, 2, 60);
    assert_returns_match_predictions(&pair, &status);
    pair.stop();
}

#[test]
fn returns_are_relayed_to_an_smtp_sink() {
    let Some(python) = require_python_module("aiosmtpd") else { return };
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let sink_dir = dir.path().join("sink");
    let mut sink = Command::new(python)
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
        .arg(&sink_dir)
        .spawn()
        .unwrap();
    let relay = format!("127.0.0.1:{port}");
    let pair = Pair::start(&dir.path().join("data"), Some(&relay));
    let files =
        [write(dir.path(), "golden.eml", &example_lot()), write(dir.path(), "dossier.eml", &dossier_rejection_lot(3))];
    assert_eq!(send_with_smtplib(python, pair.address, &files), [250, 250]);
    let status = wait_finished(&pair.data, 2, 60);
    pair.stop();
    sink.kill().unwrap();
    sink.wait().unwrap();
    assert!(status.lots.iter().all(|m| m.delivery_reply.as_deref().is_some_and(|r| r.starts_with("250"))), "{status}");
    let mut received: Vec<_> = std::fs::read_dir(sink_dir.join("new"))
        .unwrap()
        .map(|f| classified(&std::fs::read(f.unwrap().path()).unwrap()))
        .collect();
    received.sort();
    let mut expected: Vec<_> = files.iter().map(|f| predicted(&std::fs::read(f).unwrap())).collect();
    expected.sort();
    assert_eq!(received, expected);
}
