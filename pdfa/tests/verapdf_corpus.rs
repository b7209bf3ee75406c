//! Runs the PDF/A-1b checker over the veraPDF corpus (PDF/A-1b folder, CC BY 4.0) and compares each
//! verdict with the corpus's: every disagreement must be listed, with its reason, in disagreements.tsv.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/verapdf-pdfa-1b")
}

/// `expected.tsv`: verdict (pass/fail), tab, path.
fn expected() -> Vec<(bool, String)> {
    let text = std::fs::read_to_string(corpus().join("expected.tsv")).expect("expected.tsv is readable");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (verdict, path) = l.split_once('\t').expect("verdict<TAB>path");
            (verdict == "pass", path.to_string())
        })
        .collect()
}

/// `disagreements.tsv`: expected verdict, path, reason (comment lines start with #).
fn listed() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(corpus().join("disagreements.tsv")).expect("disagreements.tsv is readable");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.splitn(3, '\t');
            let _verdict = parts.next();
            let path = parts.next().expect("path column").to_string();
            let reason = parts.next().unwrap_or_default().trim().to_string();
            (path, reason)
        })
        .collect()
}

#[test]
fn verdicts_agree_with_the_verapdf_corpus() {
    let files = expected();
    assert_eq!(files.len(), 568, "the corpus has 568 files");
    let limits = common::limits();
    let mut disagreeing = Vec::new();
    let (mut pass_ok, mut fail_ok, mut passes) = (0, 0, 0);
    for (should_pass, path) in &files {
        let bytes = std::fs::read(corpus().join(path)).expect("corpus file is readable");
        let clean = scor_pdfa::check(&bytes, &limits).is_clean();
        passes += usize::from(*should_pass);
        match (*should_pass, clean) {
            (true, true) => pass_ok += 1,
            (false, false) => fail_ok += 1,
            _ => disagreeing.push(path.clone()),
        }
    }
    let agree = pass_ok + fail_ok;
    println!(
        "agreement {agree}/{}: pass files accepted {pass_ok}/{passes}, fail files rejected {fail_ok}/{}",
        files.len(),
        files.len() - passes
    );
    let listed = listed();
    let unlisted: Vec<&String> = disagreeing.iter().filter(|p| !listed.contains_key(*p)).collect();
    assert!(unlisted.is_empty(), "disagreements not listed in disagreements.tsv: {unlisted:#?}");
    let stale: Vec<&String> = listed.keys().filter(|p| !disagreeing.contains(p)).collect();
    assert!(stale.is_empty(), "files listed in disagreements.tsv that now agree (remove them): {stale:#?}");
    let unexplained: Vec<&String> = listed.iter().filter(|(_, r)| r.is_empty()).map(|(p, _)| p).collect();
    assert!(unexplained.is_empty(), "disagreements without a reason: {unexplained:#?}");
}
