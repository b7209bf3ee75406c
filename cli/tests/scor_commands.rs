//! The `scor` binary run outside the repository: what is compiled in (the example lot, the test PKI,
//! every dictionary version) matches the repository's files, and each command runs with its exit code.

mod common;

use common::root;
use std::process::{Command, Output};

/// `scor ARGS` in an empty folder, with no locale in the environment unless `locale` gives one.
fn scor_in(locale: Option<&str>, args: &[&str]) -> Output {
    let elsewhere = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_scor"));
    command.current_dir(elsewhere.path()).args(args).env_remove("LC_ALL").env_remove("LC_MESSAGES");
    match locale {
        Some(locale) => command.env("LANG", locale),
        None => command.env_remove("LANG"),
    };
    command.output().expect("scor runs")
}

fn scor(args: &[&str]) -> Output {
    scor_in(Some("en_US.UTF-8"), args)
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[test]
fn the_compiled_in_test_pki_and_example_lot_are_the_repository_s() {
    let mut addresses: Vec<String> = std::fs::read_dir(root().join("test-pki"))
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok()?.strip_suffix(".cert.pem").map(str::to_owned))
        .collect();
    addresses.sort();
    let embedded: Vec<&str> = scor_kit::embedded::TEST_PKI.iter().map(|(address, _, _)| *address).collect();
    assert_eq!(embedded, addresses, "add the new addresses of test-pki/ to cli/src/embedded.rs");
    for (address, cert, _) in scor_kit::embedded::TEST_PKI {
        assert_eq!(*cert, std::fs::read(root().join(format!("test-pki/{address}.cert.pem"))).unwrap().as_slice());
    }
    let mut files: Vec<String> = std::fs::read_dir(root().join("examples/lot"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    let mut embedded: Vec<&str> = scor_kit::embedded::EXAMPLE_LOT.iter().map(|(name, _)| *name).collect();
    embedded.sort();
    assert_eq!(embedded, files, "the example lot's files changed: update cli/src/embedded.rs");
}

#[test]
fn conform_with_no_path_checks_the_compiled_in_example_anywhere() {
    let output = scor(&["conform", "--no-color"]);
    // Not fully evaluated (exit 3): without a history of lots, its EXTERNE reference cannot be looked up.
    assert_eq!(output.status.code(), Some(3), "{}", text(&output));
    assert!(text(&output).contains("predicted ARL: accepted so far as checked, cause 0000"), "{}", text(&output));
}

#[test]
fn reports_are_french_by_default_and_follow_lang_then_the_environment() {
    let french = text(&scor_in(None, &["conform", "--no-color"]));
    assert!(french.contains("ARL prévu : accepté pour ce qui a pu être vérifié, cause 0000"), "{french}");
    assert!(french.starts_with("lot examples/lot : pas entièrement évalué"), "{french}");
    let c_locale = text(&scor_in(Some("C.UTF-8"), &["conform", "--no-color"]));
    assert_eq!(c_locale, french, "a locale of no language of ours falls back to French");
    let english = text(&scor_in(Some("en_GB.UTF-8"), &["conform", "--no-color"]));
    assert!(english.contains("predicted ARL: accepted so far as checked, cause 0000"), "{english}");
    let asked = text(&scor_in(Some("en_GB.UTF-8"), &["conform", "--no-color", "--lang", "fr"]));
    assert_eq!(asked, french, "--lang wins over the environment");
    let bad = scor_in(None, &["conform", "--lang", "de"]);
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad));
}

#[test]
fn every_command_runs_outside_the_repository() {
    for dictionary in scor_dictionary::DICTIONARIES {
        let output = scor(&["dictionary", "--spec", dictionary.version]);
        assert!(output.status.success() && text(&output).contains(&format!("SCOR dictionary {}", dictionary.version)));
    }
    let pdf = root().join("fuzz/seeds/pdfa/P-001-001.pdf");
    let output = scor(&["pj", pdf.to_str().unwrap(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    let expected = match report["lots"][0]["verdict"].as_str() {
        Some("conformant") => 0,
        Some("not-conformant") => 1,
        _ => 3,
    };
    assert_eq!(output.status.code(), Some(expected), "{}", text(&output));
    let output = scor(&["pj", "/no/such.pdf"]);
    assert_eq!(output.status.code(), Some(2));
    let vector = root().join("generated/vectors/2.14/arl/0000-accepted.eml");
    let output = scor(&["arl", "analyze", vector.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let output = scor(&["spec", "check", "--root", root().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let output = scor(&["spec", "check"]);
    assert_eq!(output.status.code(), Some(2), "no spec/ in an empty folder: {}", text(&output));
    let output = scor(&["pair", "status", "--data", "nowhere"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    let output = scor(&["serve", "--listen", "0.0.0.0:0"]);
    assert_eq!(output.status.code(), Some(2), "not loopback without --allow-remote: {}", text(&output));
}

/// A PJ whose JPEG makes zune-jpeg panic (a fuzzing finding, `tests/fixtures/fuzz/`): `scor pj`
/// reports its page not evaluated and goes on, with one line of note for the panic instead of Rust's
/// message and backtrace.
#[test]
fn a_decoder_panic_is_a_page_not_evaluated_and_one_line_of_note() {
    let pdf = root().join("tests/fixtures/fuzz/pj_image-zune-jpeg-idct.pdf");
    let output = scor(&["pj", pdf.to_str().unwrap()]);
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    // Not conformant for its PDF/A violations; not a crash (101).
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("DCTDecode: the decoder failed on this data"), "{stdout}");
    assert!(stderr.starts_with("note: zune-jpeg failed on an input (zune-jpeg-"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}
