//! The hostile lots of `scor_tests::hostile`, written to disk and read back as `conform` reads them:
//! each gets its finding, nothing is written outside the lot, and nothing panics. Time and memory are
//! measured by `scripts/hostile-inputs.sh`, not here.

use crate::support::*;
use scor_conformance::Checked;
use scor_tests::hostile::{self, Hostile};
use scor_tests::lots::config;

fn checked(hostile: &Hostile) -> (Checked, Vec<std::path::PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let path = hostile::write(dir.path(), hostile).unwrap();
    let before = tree(dir.path());
    let checked = scor_conformance::check_path(&path, &config()).unwrap();
    assert_eq!(tree(dir.path()), before, "{}: checking wrote files", hostile.name);
    (checked, before)
}

/// Every path under `dir`, sorted.
fn tree(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut paths = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path.clone());
            }
            paths.push(path);
        }
    }
    paths.sort();
    paths
}

#[test]
fn every_hostile_lot_gets_its_finding() {
    let expected: &[(&str, &[&str], &str)] = &[
        ("header-8000-dossiers", &["FIELD-LENGTH", "FIELD-RANGE", "INVENTORY-HEADER-MISMATCH", "XML-REPEAT"], "5102"),
        ("header-entities", &["XML-DTD"], "5101"),
        ("header-deep", &["XML-LIMIT", "XML-UNKNOWN"], "5101"),
        ("header-over-4mb", &["LOT-SIZE"], "5104"),
        ("files-over-limit", &["INVENTORY-STRAY", "LOT-SIZE"], "5104"),
        ("tar-traversal", &["INVENTORY-STRAY"], "5106"),
        ("eml-traversal", &["INVENTORY-STRAY", "MAIL-ATTACHMENT-NAME"], "5106"),
        ("eml-190000-parts", &["LOT-MESSAGE-PARTS"], "5104"),
        ("eml-oversize", &["LOT-MESSAGE-SIZE"], "5104"),
    ];
    let catalogue = hostile::catalogue();
    assert_eq!(catalogue.iter().map(|h| h.name).collect::<Vec<_>>(), expected.iter().map(|e| e.0).collect::<Vec<_>>());
    for (hostile, (_, rules, cause)) in catalogue.iter().zip(expected) {
        let (checked, _) = checked(hostile);
        errors(&checked, rules);
        header_rejection(&checked, cause);
    }
}

#[test]
fn names_with_paths_are_kept_as_plain_names() {
    let catalogue = hostile::catalogue();
    for name in ["tar-traversal", "eml-traversal"] {
        let hostile = catalogue.iter().find(|h| h.name == name).unwrap();
        let (checked, _) = checked(hostile);
        for file in &checked.outcome.files {
            assert!(scor_lot::mail::is_plain_name(&file.name), "{name}: {:?}", file.name);
        }
    }
}
