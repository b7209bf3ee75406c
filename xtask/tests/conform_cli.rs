//! `cargo xtask conform` as a user runs it: the bundled example lot, a broken copy, a missing path, and
//! each report format, with the documented exit codes (0 conformant, 1 not, 2 usage or I/O error, 3 not
//! fully evaluated); public certificates (`--certs`) and lots before sealing (`--plain`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf()
}

fn conform(args: &[&str]) -> Output {
    common::xtask_in(root()).arg("conform").args(args).output().expect("xtask runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A history (SQLite) in `dir` where the lot sent before the example lot, carrying the PJ the example
/// lot's EXTERNE piece refers to, got a positive ARL: with it, the example lot is fully evaluated.
fn history(dir: &Path) -> String {
    let path = dir.join("lots.sqlite");
    let mut history = scor_answering::History::open(&path).unwrap();
    let lot = "565038410-2026112309000000001".to_owned();
    let pjs = vec!["565038410.ORDN.565038410.01_751_0001.20261123.000003".to_owned()];
    history
        .record_sent(&scor_answering::SentLot { identification: lot.clone(), sent_at: 1, retransmits: None, pjs })
        .unwrap();
    let arl = scor_answering::ReceivedReturn {
        lot,
        reference: "ARL".to_owned(),
        outcome: "accepted".to_owned(),
        cause: Some("0000".to_owned()),
        received_at: 2,
    };
    history.record_return(&arl).unwrap();
    path.to_str().unwrap().to_owned()
}

/// A copy of the example lot in folder `lot`, with `edit` applied to its header.
fn broken_copy(lot: &Path, edit: impl Fn(String) -> String) -> PathBuf {
    let lot = lot.to_owned();
    std::fs::create_dir_all(&lot).unwrap();
    for entry in std::fs::read_dir(root().join("examples/lot")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(entry.path()).unwrap();
        let bytes = if name.ends_with(".xml") { edit(String::from_utf8(bytes).unwrap()).into_bytes() } else { bytes };
        std::fs::write(lot.join(name), bytes).unwrap();
    }
    lot
}

#[test]
fn with_no_path_the_bundled_example_lot_is_conformant() {
    let dir = tempfile::tempdir().unwrap();
    let output = conform(&["--no-color", "--history", &history(dir.path())]);
    assert_eq!(output.status.code(), Some(0), "{}{}", stdout(&output), String::from_utf8_lossy(&output.stderr));
    let text = stdout(&output);
    assert!(text.contains("conformant"), "{text}");
    assert!(text.contains("predicted ARL: accepted, cause 0000"), "{text}");
    // Without --spec, the version the seeds call applicable, named without "(modelled)".
    let applicable = &scor_dictionary::applicable::DICTIONARY;
    assert_eq!(applicable.status, scor_dictionary::schema::VersionStatus::Applicable);
    assert!(text.contains(&format!("SCOR dictionary {} (checksum", applicable.version)), "{text}");
    // The caisse's verdict stands beside the ARL.
    assert!(text.contains("usable by the caisse (not part of the ARL)"), "{text}");
}

#[test]
fn the_example_as_an_smtp_message_is_conformant() {
    let dir = tempfile::tempdir().unwrap();
    let output = conform(&["examples/lot.eml", "--format", "json", "--history", &history(dir.path())]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    assert_eq!(report["lots"][0]["kind"], "eml");
    assert_eq!(report["lots"][0]["arl"]["outcome"], "accepted");
}

#[test]
fn a_header_rejection_exits_1_and_writes_the_predicted_arl() {
    let dir = tempfile::tempdir().unwrap();
    let lot = broken_copy(&dir.path().join("lot"), |xml| xml.replace("<CodeSpecialite>01<", "<CodeSpecialite>99<"));
    let arl = dir.path().join("arl");
    let output = conform(&[lot.to_str().unwrap(), "--no-color", "--arl-out", arl.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stdout(&output).contains("error[FIELD-SPECIALITE] EF_PA_002_02"), "{}", stdout(&output));
    let diagnostic = std::fs::read_to_string(arl.join("D-ARLSCANORDO.xml")).expect("ARL written");
    assert!(diagnostic.contains("<Cause>5113</Cause>") && diagnostic.contains("<Etat>R</Etat>"), "{diagnostic}");
    assert!(arl.join("E-ARLSCANORDO.xml").exists());
}

#[test]
fn a_missing_path_or_an_unknown_format_exits_2() {
    assert_eq!(conform(&["/nonexistent/lot"]).status.code(), Some(2));
    assert_eq!(conform(&["--format", "pdf"]).status.code(), Some(2));
    assert_eq!(conform(&["--spec", "0.1"]).status.code(), Some(2));
}

#[test]
fn every_format_renders_the_example() {
    let dir = tempfile::tempdir().unwrap();
    let history = history(dir.path());
    for (format, marker) in [("junit", "<testsuites"), ("sarif", "\"version\": \"2.1.0\""), ("json", "\"lots\"")] {
        let output = conform(&["--format", format, "--history", &history]);
        assert_eq!(output.status.code(), Some(0), "{format}");
        assert!(stdout(&output).contains(marker), "{format}: {}", stdout(&output));
    }
}

#[test]
fn a_folder_of_lots_is_checked_as_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    broken_copy(&dir.path().join("a"), |xml| xml);
    broken_copy(&dir.path().join("b"), |xml| xml.replace("<NombreDossiers>2<", "<NombreDossiers>3<"));
    std::fs::copy(root().join("examples/lot.eml"), dir.path().join("c.eml")).unwrap();
    let history_dir = tempfile::tempdir().unwrap();
    let history = history(history_dir.path());
    let output = conform(&[dir.path().to_str().unwrap(), "--format", "json", "--history", &history]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let verdicts: Vec<&str> =
        report["lots"].as_array().unwrap().iter().map(|l| l["verdict"].as_str().unwrap()).collect();
    assert_eq!(verdicts.len(), 3, "{report}");
    assert_eq!(verdicts.iter().filter(|v| **v == "conformant").count(), 2, "{verdicts:?}");
}

#[test]
fn a_lot_with_checks_not_evaluated_is_not_fully_evaluated_in_every_format_and_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    let lot = broken_copy(&dir.path().join("lot"), |xml| xml);
    // Routed to 01.021, whose public certificate (given with --certs) is the one the envelopes are
    // sealed for, and for which the checker has no private key: the recipient is right, nothing is
    // decrypted, so the dossier checks are not evaluated and no error is raised.
    let other_route = broken_copy(&dir.path().join("other"), |xml| {
        xml.replace("<CodeOrganisme>751<", "<CodeOrganisme>021<").replace(".01_751_0001.", ".01_021_0001.")
    });
    let exported = dir.path().join("exported");
    let export = common::xtask_in(root()).args(["pki", "export", exported.to_str().unwrap()]).output().unwrap();
    assert!(export.status.success());
    let certs = dir.path().join("certs");
    std::fs::create_dir(&certs).unwrap();
    std::fs::copy(exported.join("01.751@01.scor.rss.fr.der"), certs.join("01.021@01.scor.rss.fr.der")).unwrap();
    let conform = |args: &[&str]| conform(&[args, &["--certs", certs.to_str().unwrap()]].concat());
    let path = other_route.to_str().unwrap();
    let json = conform(&[path, "--format", "json"]);
    assert_eq!(json.status.code(), Some(3), "{}", stdout(&json));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["lots"][0]["verdict"], "not-fully-evaluated", "{report}");
    assert_eq!(report["lots"][0]["arl"]["so_far_as_checked"], true, "{report}");
    assert_eq!(report["summary"]["not_fully_evaluated"], 1, "{report}");
    assert!(report["lots"][0]["summary"]["not_evaluated"].as_u64().unwrap() > 0, "{report}");
    let text = conform(&[path, "--no-color"]);
    assert_eq!(text.status.code(), Some(3));
    assert!(stdout(&text).contains(": not fully evaluated\n"), "{}", stdout(&text));
    assert!(stdout(&text).contains("predicted ARL: accepted so far as checked, cause 0000"), "{}", stdout(&text));
    let junit = stdout(&conform(&[path, "--format", "junit"]));
    assert!(junit.contains(r#"<property name="verdict" value="not-fully-evaluated"/>"#), "{junit}");
    assert!(junit.contains(r#"failures="0""#) && !junit.contains(r#"skipped="0""#), "{junit}");
    let sarif: serde_json::Value = serde_json::from_slice(&conform(&[path, "--format", "sarif"]).stdout).unwrap();
    assert_eq!(sarif["runs"][0]["properties"]["lots"][0]["verdict"], "not-fully-evaluated", "{sarif}");
    assert_eq!(conform(&[path, "--accept-not-evaluated"]).status.code(), Some(0));
    let history = history(dir.path());
    assert_eq!(conform(&[lot.to_str().unwrap(), "--history", &history]).status.code(), Some(0));
}

#[test]
fn spec_picks_the_dictionary_version_and_the_report_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let history = history(dir.path());
    for dictionary in scor_dictionary::DICTIONARIES {
        let version = dictionary.version;
        let output = conform(&["--no-color", "--spec", version, "--history", &history]);
        assert_eq!(output.status.code(), Some(0), "{version}: {}", stdout(&output));
        // A modelled version says so beside its number: `2.14 (modelled)`.
        let named = format!("SCOR dictionary {} (checksum {})", dictionary.version_label(), dictionary.checksum);
        let modelled = dictionary.status == scor_dictionary::schema::VersionStatus::Modelled;
        assert_eq!(stdout(&output).contains(&format!("{version} (modelled)")), modelled, "{version}");
        assert!(stdout(&output).contains(&named), "{version}: {}", stdout(&output));
    }
}

#[test]
fn exported_test_certificates_given_with_certs_check_the_example_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let certs = dir.path().join("certs");
    let export = common::xtask_in(root()).args(["pki", "export", certs.to_str().unwrap()]).output().unwrap();
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    assert!(certs.join("01.751@01.scor.rss.fr.der").is_file());
    let output = conform(&["--certs", certs.to_str().unwrap(), "--format", "json", "--history", &history(dir.path())]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn plain_names_the_encryption_as_not_evaluated() {
    // The example lot's header alone, given as a lot before sealing: no dossier file to check.
    let dir = tempfile::tempdir().unwrap();
    let lot = broken_copy(&dir.path().join("lot"), |xml| xml);
    for entry in std::fs::read_dir(&lot).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pkcs7") {
            std::fs::remove_file(path).unwrap();
        }
    }
    let output = conform(&[lot.to_str().unwrap(), "--plain", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let checks: Vec<&str> =
        report["lots"][0]["not_evaluated"].as_array().unwrap().iter().map(|n| n["checks"].as_str().unwrap()).collect();
    assert!(checks.iter().any(|c| c.starts_with("the encryption of every index and PJ file")), "{report}");
}

#[test]
fn arl_out_writes_an_arl_even_when_the_header_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let lot = broken_copy(&dir.path().join("lot"), |header| header.replacen("</ENTSCANORDO>", "", 1));
    let out = dir.path().join("arl");
    let output = conform(&["--no-color", lot.to_str().unwrap(), "--arl-out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(text.contains("predicted ARL: header rejection, cause 5101"), "{text}");
    assert!(text.contains("written without the header: Identification (EF_PA_001_01) not read"), "{text}");
    assert!(text.contains("lot 2026-00042, from the header file name"), "{text}");
    let diagnostic = std::fs::read_to_string(out.join("D-ARLSCANORDO.xml")).expect("the ARL diagnostic is written");
    assert!(diagnostic.contains("<Cause>5101</Cause>"), "{diagnostic}");
    assert!(out.join("E-ARLSCANORDO.xml").is_file());
}
