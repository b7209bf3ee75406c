//! `cargo xtask conform --evidence DIR` and `cargo xtask verify-evidence DIR`: the reports in every
//! format and a manifest of hashed inputs; one altered input byte is found and named.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf()
}

fn xtask(dir: &Path, args: &[&str]) -> Output {
    common::xtask_in(dir).args(args).output().expect("xtask runs")
}

fn copy_example(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(root().join("examples/lot")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

const ADVISOR: &str = "[[advice]]\nrule = \"PJ-EXTERNE\"\nseverity = \"warning\"\nreason = \"we check external PJ ourselves\"\nexpires = 2999-12-31\n";

#[test]
fn evidence_holds_every_format_and_a_manifest_that_names_an_altered_input() {
    let dir = tempfile::tempdir().unwrap();
    copy_example(&dir.path().join("lot"));
    std::fs::write(dir.path().join("scor-advisor.toml"), ADVISOR).unwrap();
    let output = xtask(dir.path(), &["conform", "lot", "--evidence", "evidence", "--no-color"]);
    // Not fully evaluated (exit 3): without a history, its EXTERNE reference cannot be looked up.
    assert_eq!(output.status.code(), Some(3), "{}", String::from_utf8_lossy(&output.stderr));
    let evidence = dir.path().join("evidence");
    for name in ["report.txt", "report.json", "report.xml", "report.sarif", "report.html", "manifest.json"] {
        assert!(evidence.join(name).is_file(), "{name} in the evidence folder");
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(evidence.join("manifest.json")).unwrap()).unwrap();
    let inputs = manifest["inputs"].as_array().unwrap();
    let lot_files = std::fs::read_dir(dir.path().join("lot")).unwrap().count();
    assert_eq!(inputs.len(), lot_files, "{inputs:?}");
    let header = inputs.iter().find(|i| i["path"].as_str().unwrap().ends_with(".xml")).unwrap();
    let bytes = std::fs::read(dir.path().join(header["path"].as_str().unwrap())).unwrap();
    assert_eq!(header["bytes"], bytes.len());
    assert_eq!(header["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(manifest["tool"]["name"], "scor-kit");
    assert_eq!(manifest["dictionary"]["version"], scor_dictionary::applicable::VERSION);
    assert_eq!(manifest["dictionary"]["checksum"], scor_dictionary::applicable::DICTIONARY.checksum);
    assert_eq!(manifest["advisor"]["entries"][0]["rule"], "PJ-EXTERNE");
    assert_eq!(manifest["advisor"]["entries"][0]["action"], "warning");
    assert_eq!(manifest["advisor"]["file"]["bytes"], ADVISOR.len());
    let command_line: Vec<&str> =
        manifest["command_line"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert_eq!(&command_line[1..], ["conform", "lot", "--evidence", "evidence", "--no-color"]);
    assert!(manifest["created"].as_str().unwrap().ends_with('Z'));
    assert_eq!(manifest["patient_data_revealed"], false);
    // No patient data: the example's NIRs appear in no file of the evidence.
    for entry in std::fs::read_dir(&evidence).unwrap() {
        let text = String::from_utf8_lossy(&std::fs::read(entry.unwrap().path()).unwrap()).into_owned();
        assert!(!text.contains("1850675123456") && !text.contains("292072A123456"));
    }

    let verified = xtask(dir.path(), &["verify-evidence", "evidence"]);
    assert_eq!(verified.status.code(), Some(0), "{}", String::from_utf8_lossy(&verified.stdout));

    // One byte of one PJ changed: verify-evidence names that file, and only it.
    let pj = inputs.iter().map(|i| i["path"].as_str().unwrap()).find(|p| p.contains("P-001-001")).unwrap();
    let mut bytes = std::fs::read(dir.path().join(pj)).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(dir.path().join(pj), bytes).unwrap();
    let verified = xtask(dir.path(), &["verify-evidence", "evidence"]);
    let out = String::from_utf8_lossy(&verified.stdout).into_owned();
    assert_eq!(verified.status.code(), Some(1), "{out}");
    assert!(out.contains(&format!("changed: {pj} ")), "{out}");
    assert_eq!(out.matches("changed:").count(), 1, "{out}");
}

#[test]
fn verify_evidence_without_a_manifest_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = xtask(dir.path(), &["verify-evidence", "nowhere"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("manifest.json"));
}
