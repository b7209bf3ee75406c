//! `cargo xtask conform --advisor`: an advisor file suppresses or re-grades a rule's findings until its
//! expiry date; the findings stay visible in every format, the predicted ARL does not move, expired and
//! unused entries are warned about, and a malformed file is a usage error naming `file:line`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf()
}

fn conform_in(dir: &Path, args: &[&str]) -> Output {
    common::xtask_in(dir).arg("conform").args(args).output().expect("xtask runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A copy of the example lot whose header has specialty code 99: one FIELD-SPECIALITE error, header
/// rejection 5113.
fn lot_with_unknown_specialty(dir: &Path) -> PathBuf {
    let lot = dir.join("lot");
    std::fs::create_dir_all(&lot).unwrap();
    for entry in std::fs::read_dir(root().join("examples/lot-earlier")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(entry.path()).unwrap();
        let bytes = if name.ends_with(".xml") {
            String::from_utf8(bytes).unwrap().replace("<CodeSpecialite>01<", "<CodeSpecialite>99<").into_bytes()
        } else {
            bytes
        };
        std::fs::write(lot.join(name), bytes).unwrap();
    }
    lot
}

/// A far-off expiry, so that the tests do not expire.
const LATER: &str = "2999-12-31";

fn advice(action: &str, expires: &str) -> String {
    format!(
        "# team decisions\n[[advice]]\nrule = \"FIELD-SPECIALITE\"\nfile = \"E-*.xml\"\nxpath = \"/ENTSCANORDO/Emetteur\"\n{action}\nreason = \"specialty 99 accepted by our caisse until the table update\"\nexpires = {expires}\n"
    )
}

struct Case {
    _dir: tempfile::TempDir,
    lot: String,
    advisor: String,
    arl: PathBuf,
}

fn case(advisor_text: &str) -> Case {
    let dir = tempfile::tempdir().unwrap();
    let lot = lot_with_unknown_specialty(dir.path()).to_str().unwrap().to_owned();
    let advisor = dir.path().join("team.toml");
    std::fs::write(&advisor, advisor_text).unwrap();
    let arl = dir.path().join("arl");
    Case { advisor: advisor.to_str().unwrap().to_owned(), lot, arl, _dir: dir }
}

fn run(case: &Case, format: &str) -> Output {
    let arl = case.arl.to_str().unwrap();
    conform_in(&root(), &[&case.lot, "--advisor", &case.advisor, "--format", format, "--arl-out", arl])
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("JSON report: {e}\n{}", stdout(output)))
}

#[test]
fn a_suppressed_finding_no_longer_counts_but_stays_visible_in_every_format() {
    let case = case(&advice("suppress = true", LATER));
    let text = run(&case, "text");
    assert_eq!(text.status.code(), Some(0), "{}{}", stdout(&text), stderr(&text));
    let report = stdout(&text);
    assert!(report.contains("suppressed by the advisor file (not counted):"), "{report}");
    assert!(report.contains("suppressed error[FIELD-SPECIALITE]"), "{report}");
    assert!(report.contains("team.toml:2 (FIELD-SPECIALITE): specialty 99 accepted"), "{report}");
    // The receiving side does not read the advisor file: the predicted ARL is still the rejection.
    assert!(report.contains("predicted ARL: header rejection, cause 5113"), "{report}");
    let diagnostic = std::fs::read_to_string(case.arl.join("D-ARLSCANORDO.xml")).unwrap();
    assert!(diagnostic.contains("<Cause>5113</Cause>"), "{diagnostic}");

    let report = json(&run(&case, "json"));
    let lot = &report["lots"][0];
    assert_eq!(lot["verdict"], "conformant");
    assert_eq!(lot["summary"]["errors"], 0);
    assert!(lot["findings"].as_array().unwrap().iter().all(|f| f["rule"] != "FIELD-SPECIALITE"));
    assert_eq!(lot["suppressed"][0]["finding"]["rule"], "FIELD-SPECIALITE");
    assert_eq!(lot["suppressed"][0]["advice"]["line"], 2);
    assert_eq!(lot["suppressed"][0]["advice"]["expires"], LATER);
    assert_eq!(lot["arl"]["cause"], "5113");
    assert_eq!(report["advisor"]["entries"], 1);

    let sarif = json(&run(&case, "sarif"));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let suppressed = results.iter().find(|r| r["ruleId"] == "FIELD-SPECIALITE").unwrap();
    assert_eq!(suppressed["suppressions"][0]["kind"], "external");
    assert_eq!(
        suppressed["suppressions"][0]["justification"],
        "specialty 99 accepted by our caisse until the table update"
    );

    let junit = stdout(&run(&case, "junit"));
    let case_start = junit.find("<testcase name=\"FIELD-SPECIALITE\"").expect("the rule's case");
    let case_text = &junit[case_start..junit[case_start..].find("</testcase>").unwrap() + case_start];
    assert!(case_text.contains("<skipped") && case_text.contains("specialty 99 accepted"), "{case_text}");

    let html = stdout(&run(&case, "html"));
    assert!(html.contains("Suppressed by the advisor file (not counted)"), "{html}");
}

#[test]
fn a_regraded_finding_has_its_new_severity_and_says_from_which() {
    let case = case(&advice("severity = \"warning\"", LATER));
    let output = run(&case, "json");
    assert_eq!(output.status.code(), Some(0), "{}{}", stdout(&output), stderr(&output));
    let lot = &json(&output)["lots"][0];
    let finding = &lot["findings"][0];
    assert_eq!(finding["rule"], "FIELD-SPECIALITE");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["regraded_from"], "error");
    assert_eq!(lot["summary"]["warnings"], 1);
    assert_eq!(lot["arl"]["outcome"], "header-rejection");
    let text = stdout(&run(&case, "text"));
    assert!(
        text.contains("warning[FIELD-SPECIALITE]") && text.contains("re-graded from error by advisor entry"),
        "{text}"
    );
}

#[test]
fn an_expired_entry_no_longer_applies_and_is_named_in_a_warning() {
    let case = case(&advice("suppress = true", "2020-01-31"));
    let output = run(&case, "json");
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let err = stderr(&output);
    assert!(
        err.contains("warning: advisor entry") && err.contains("team.toml:2 (FIELD-SPECIALITE) expired on 2020-01-31"),
        "{err}"
    );
    let report = json(&output);
    assert_eq!(report["lots"][0]["findings"][0]["severity"], "error");
    assert_eq!(report["advisor"]["expired"][0]["line"], 2);
    assert_eq!(report["advisor"]["unused"].as_array().unwrap().len(), 0);
}

#[test]
fn an_entry_that_matched_nothing_is_reported_unused() {
    let text = format!(
        "{}[[advice]]\nrule = \"PDFA-FORMS\"\nsuppress = true\nreason = \"our scanner writes no forms\"\nexpires = \"{LATER}\"\n",
        advice("suppress = true", LATER)
    );
    let case = case(&text);
    let output = run(&case, "text");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("team.toml:9 (PDFA-FORMS) matched no finding: unused"), "{err}");
    assert!(!err.contains("(FIELD-SPECIALITE) matched no finding"), "{err}");
    assert!(stdout(&output).contains("matched no finding: unused"), "{}", stdout(&output));
}

#[test]
fn a_malformed_advisor_file_is_a_usage_error_naming_file_and_line() {
    let cases = [
        (advice("suppress = true", LATER).replace("reason = ", "# reason = "), "team.toml:2:", "reason"),
        (
            advice("suppress = true", LATER).replace("rule = \"FIELD-SPECIALITE\"", "rule = \"NO-SUCH-RULE\""),
            "team.toml:3:",
            "NO-SUCH-RULE",
        ),
        (advice("suppress = true", "2027-02-30"), "team.toml:8:", "date"),
        (advice("severity = \"fatal\"", LATER), "team.toml:6:", "fatal"),
        (advice("suppress = true", LATER).replace("xpath = \"", "xpath = "), "team.toml:5:", ""),
        (advice("", LATER), "team.toml:2:", "suppress"),
    ];
    for (text, place, word) in cases {
        let case = case(&text);
        let output = run(&case, "text");
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{text}\n{err}");
        assert!(err.contains(place) && err.contains(word), "want {place} … {word} in:\n{err}\nfor:\n{text}");
    }
}

#[test]
fn the_working_directory_advisor_file_is_read_without_the_option() {
    let dir = tempfile::tempdir().unwrap();
    let lot = lot_with_unknown_specialty(dir.path());
    std::fs::write(dir.path().join("scor-advisor.toml"), advice("suppress = true", LATER)).unwrap();
    let output = conform_in(dir.path(), &[lot.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = json(&output);
    assert!(report["advisor"]["file"].as_str().unwrap().ends_with("scor-advisor.toml"));
    assert_eq!(report["lots"][0]["suppressed"][0]["finding"]["rule"], "FIELD-SPECIALITE");
}
