//! The loop through a history of lots as a user runs it: `conform` a lot, `arl sent` it, `arl analyze`
//! its ARL, then `conform --history` the next lot (EXTERNE reference) and the same lot sent again (5105).

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf()
}

fn xtask(args: &[&str]) -> Output {
    common::xtask_in(root()).args(args).output().expect("xtask runs")
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// `conform LOT --format json [--history DB]`: the exit code and the lot's report.
fn conform(lot: &str, history: Option<&Path>) -> (Option<i32>, Value) {
    let mut args = vec!["conform", lot, "--format", "json"];
    if let Some(history) = history {
        args.extend(["--history", history.to_str().unwrap()]);
    }
    let output = xtask(&args);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|_| panic!("{}", text(&output)));
    (output.status.code(), report["lots"][0].clone())
}

/// The findings of a lot's report as (rule, severity, cause).
fn findings(lot: &Value) -> Vec<(String, String, Option<String>)> {
    let findings = lot["findings"].as_array().unwrap();
    let field = |f: &Value, name: &str| f[name].as_str().map(str::to_owned);
    findings.iter().map(|f| (field(f, "rule").unwrap(), field(f, "severity").unwrap(), field(f, "cause"))).collect()
}

fn arl(lot: &Value) -> (&str, &str) {
    (lot["arl"]["outcome"].as_str().unwrap(), lot["arl"]["cause"].as_str().unwrap())
}

const EXTERNE: &str = "565038410.ORDN.565038410.01_751_0001.20261123.000003";

#[test]
fn an_externe_reference_is_known_once_its_lot_got_a_positive_arl_and_a_lot_sent_again_gets_5105() {
    let dir = tempfile::tempdir().unwrap();
    let (db, returned) = (dir.path().join("lots.sqlite"), dir.path().join("arl"));
    let arl_out = ["conform", "examples/lot-earlier", "--arl-out", returned.to_str().unwrap()];
    assert_eq!(xtask(&arl_out).status.code(), Some(0));

    // Without a history: the EXTERNE rules are not evaluated, named, and the lot is not clean.
    let (code, lot) = conform("examples/lot", None);
    assert_eq!(code, Some(3), "{lot}");
    let skipped = lot["not_evaluated"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{lot}");
    let checks = skipped[0]["checks"].as_str().unwrap();
    assert!(checks.contains(EXTERNE), "{checks}");
    assert_eq!(skipped[0]["rules"], serde_json::json!(["PJ-EXTERNE-UNKNOWN", "PJ-EXTERNE-REJECTED"]), "{lot}");

    // Sent, no ARL yet: the reference is unknown (a warning); the lot is conformant.
    let sent = xtask(&["arl", "sent", "examples/lot-earlier", "--history", db.to_str().unwrap()]);
    assert_eq!(sent.status.code(), Some(0), "{}", text(&sent));
    assert!(text(&sent).contains(EXTERNE), "arl sent lists the PJ it recorded: {}", text(&sent));
    let (code, lot) = conform("examples/lot", Some(&db));
    assert_eq!(code, Some(0), "{lot}");
    assert_eq!(findings(&lot), [("PJ-EXTERNE-UNKNOWN".to_owned(), "warning".to_owned(), None)]);
    assert_eq!(lot["not_evaluated"], Value::Array(vec![]));
    assert_eq!(arl(&lot), ("accepted", "0000"));

    // Its positive ARL analysed: the reference is known, nothing left to say.
    let analyzed = xtask(&["arl", "analyze", returned.to_str().unwrap(), "--history", db.to_str().unwrap()]);
    assert_eq!(analyzed.status.code(), Some(0), "{}", text(&analyzed));
    let (code, lot) = conform("examples/lot", Some(&db));
    assert_eq!((code, findings(&lot)), (Some(0), vec![]), "{lot}");
    assert_eq!(lot["verdict"], "conformant");

    // The accepted lot sent again: a duplicate, rejected with 5105.
    let (code, lot) = conform("examples/lot-earlier", Some(&db));
    assert_eq!(code, Some(1), "{lot}");
    assert_eq!(findings(&lot), [("LOT-DUPLICATE".to_owned(), "error".to_owned(), Some("5105".to_owned()))]);
    assert_eq!(arl(&lot), ("header-rejection", "5105"));
}

#[test]
fn a_history_that_does_not_exist_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.sqlite");
    let output = xtask(&["conform", "examples/lot", "--history", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(text(&output).contains("none.sqlite"), "{}", text(&output));
    assert!(!missing.exists(), "conform never creates a history");
}

#[test]
fn arl_sent_refuses_a_path_that_names_no_lot() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lots.sqlite");
    let output = xtask(&["arl", "sent", "no/such/lot", "--history", db.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    let eml = xtask(&["arl", "sent", "examples/lot.eml", "--history", db.to_str().unwrap()]);
    assert_eq!(eml.status.code(), Some(0), "{}", text(&eml));
    assert!(text(&eml).contains("lot 565038410-2026112310150000001 as sent, carrying 2 PJ"), "{}", text(&eml));
}
