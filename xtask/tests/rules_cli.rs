//! `cargo xtask explain RULE` and `cargo xtask coverage SAMPLES…` as a user runs them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf()
}

fn xtask(args: &[&str]) -> Output {
    common::xtask_in(root()).args(args).output().expect("xtask runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn explain_gives_the_rule_its_cause_limits_and_examples() {
    let output = xtask(&["explain", "FIELD-SPECIALITE"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = stdout(&output);
    let rule = scor_dictionary::applicable::DICTIONARY.rule_by_id("FIELD-SPECIALITE").unwrap();
    assert!(text.starts_with(&format!("FIELD-SPECIALITE — {}\n", rule.description)), "{text}");
    assert!(text.contains(&format!("provenance: {} — {}", rule.provenance, rule.source)), "{text}");
    assert!(text.contains("ARL cause at header level: 5113 "), "{text}");
    assert!(text.contains("decided by: pair"), "{text}");
    assert!(text.contains("data element: EF_PA_002_02"), "{text}");
    assert!(text.contains("failing example: tests/conform/header.rs:"), "{text}");
    assert!(
        text.contains(
            "passing example: examples/lot — the bundled example lot, checked now, raises no FIELD-SPECIALITE"
        ),
        "{text}"
    );
    assert!(text.contains("generated/vectors/2.13/arl/5113-header-rejection.eml"), "{text}");
}

#[test]
fn explain_names_the_limits_a_rule_reads_in_markdown() {
    let output = xtask(&["explain", "LOT-SIZE", "--format", "markdown"]);
    let text = stdout(&output);
    assert!(text.starts_with("# `LOT-SIZE` — "), "{text}");
    assert!(text.contains("- limit read: `lot_max_bytes` = "), "{text}");
    let output = xtask(&["explain", "NO-SUCH-RULE"]);
    assert!(!output.status.success());
}

/// The lot sent before the example lot (no EXTERNE piece: fully evaluated without a history), and a
/// copy of the example lot whose header has specialty code 99, in one folder.
fn two_lots(dir: &Path) {
    for (name, source, edit) in [("a-earlier", "examples/lot-earlier", false), ("b-specialty", "examples/lot", true)] {
        let lot = dir.join(name);
        std::fs::create_dir_all(&lot).unwrap();
        for entry in std::fs::read_dir(root().join(source)).unwrap() {
            let entry = entry.unwrap();
            let mut bytes = std::fs::read(entry.path()).unwrap();
            if edit && entry.file_name().to_string_lossy().ends_with(".xml") {
                bytes = String::from_utf8(bytes)
                    .unwrap()
                    .replace("<CodeSpecialite>01<", "<CodeSpecialite>99<")
                    .into_bytes();
            }
            std::fs::write(lot.join(entry.file_name()), bytes).unwrap();
        }
    }
}

#[test]
fn coverage_of_two_lots_in_json_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    two_lots(dir.path());
    let samples = dir.path().to_str().unwrap();
    let output = xtask(&["coverage", samples, "--format", "json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let coverage: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(coverage["samples"], 2);
    assert_eq!(coverage["arl_causes"], serde_json::json!({ "0000": 1, "5113": 1 }));
    let rules = coverage["rules"].as_array().unwrap();
    assert_eq!(rules.len(), scor_dictionary::latest::DICTIONARY.rules.len());
    let raised: Vec<(&str, u64)> = rules
        .iter()
        .filter(|r| r["raised"].as_u64() > Some(0))
        .map(|r| (r["rule"].as_str().unwrap(), r["raised"].as_u64().unwrap()))
        .collect();
    assert_eq!(raised, [("FIELD-SPECIALITE", 1), ("PJ-EXTERNE", 1)]);
    let markdown = stdout(&xtask(&["coverage", samples, "--format", "markdown"]));
    assert!(markdown.contains("| `FIELD-SPECIALITE` | lot | 1 | 1 |"), "{markdown}");
    assert!(markdown.contains("## Lot rules no sample exercised (") && markdown.contains("- `MAIL-TO`"), "{markdown}");
}
