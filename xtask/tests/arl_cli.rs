//! `cargo xtask arl` as a user runs it: analyse the golden vectors and the seed's slide text with the
//! documented exit codes (0 accepted, 1 rejected, 2 unreadable or usage error), record sent lots and
//! a refused second retransmission in a history, and check the vectors are fresh.

mod common;

use std::path::PathBuf;
use std::process::Output;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf()
}

fn arl(args: &[&str]) -> Output {
    common::xtask_in(root()).arg("arl").args(args).output().expect("xtask runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const VECTORS: &str = "generated/vectors/2.13/arl";

#[test]
fn an_accepted_arl_exits_0() {
    let output = arl(&["analyze", &format!("{VECTORS}/0000-accepted.eml")]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("accepted: cause 0000"), "{}", stdout(&output));
}

#[test]
fn a_dossier_rejection_exits_1_and_lists_the_dossiers_in_json() {
    let output = arl(&["analyze", &format!("{VECTORS}/5999-dossier-rejection-multi.eml"), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON answer");
    assert_eq!(answer["classification"]["outcome"], "dossier-rejection");
    assert_eq!(answer["classification"]["dossiers"].as_array().map(Vec::len), Some(2));
    assert_eq!(answer["retransmission"]["status"], "unknown");
}

#[test]
fn a_service_message_exits_1() {
    let output = arl(&["analyze", &format!("{VECTORS}/9002-service-message.eml")]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stdout(&output).contains("service message: code 9002"), "{}", stdout(&output));
}

#[test]
fn the_raw_slide_text_exits_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("tests/fixtures/seed-003-arl-slide.txt"), dir.path().join("D-ARLSCANORDO.xml")).unwrap();
    let output = arl(&["analyze", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(text.contains("unreadable: D-ARLSCANORDO.xml could not be read"), "{text}");
    assert!(text.contains("[XML-SYNTAX]"), "{text}");
}

#[test]
fn a_missing_path_or_a_bad_option_exits_2() {
    assert_eq!(arl(&["analyze", "no/such/return.eml"]).status.code(), Some(2));
    assert_eq!(arl(&["analyze", "x.eml", "--format", "xml"]).status.code(), Some(2));
}

#[test]
fn the_history_refuses_a_second_retransmission() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.sqlite");
    let db = db.to_str().unwrap();
    let lot = "565038410-2026011509000000010"; // the lot of the 5113 vector
    assert_eq!(arl(&["sent", lot, "--history", db]).status.code(), Some(0));
    let vector = format!("{VECTORS}/5113-header-rejection.eml");
    let output = arl(&["analyze", &vector, "--history", db]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("retransmission: allowed"), "{}", stdout(&output));
    assert_eq!(arl(&["sent", "L-NEW", "--retransmits", lot, "--history", db]).status.code(), Some(0));
    let output = arl(&["sent", "L-AGAIN", "--retransmits", lot, "--history", db]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("only once"));
    let output = arl(&["analyze", &vector, "--history", db]);
    assert!(stdout(&output).contains("retransmission: refused"), "{}", stdout(&output));
}

#[test]
fn the_committed_vectors_are_fresh() {
    let output = arl(&["vectors", "--check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}
