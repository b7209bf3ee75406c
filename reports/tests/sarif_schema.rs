//! Holds the SARIF report to the official SARIF 2.1.0 schema (tests/fixtures), with the `jsonschema`
//! crate and, for a second opinion, Python's `jsonschema` when it is installed; plus the mapping's content.

mod common;

use common::{representative_run, run_of};
use scor_locale::Lang;
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-schema-2.1.0.json")
}

/// The official pattern of `language` (in `run` and `toolComponent`), with a stray `]` (oasis-tcs/sarif-spec#490, #562) that the
/// `jsonschema` crate rightly refuses as an ECMA 262 regex, and the fix proposed there.
const LANGUAGE_PATTERN: (&str, &str) =
    (r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);

/// The official schema for the `jsonschema` crate: the fixture with only the two `language` patterns
/// fixed, in memory (the file stays as published, and Python validates against it unchanged). Scor-kit
/// never writes a `language`, so the fix cannot hide an error of ours.
fn schema() -> Value {
    let text = std::fs::read_to_string(schema_path()).expect("the SARIF schema fixture");
    assert_eq!(text.matches(LANGUAGE_PATTERN.0).count(), 2, "the fixture is not the schema this test knows");
    serde_json::from_str(&text.replace(LANGUAGE_PATTERN.0, LANGUAGE_PATTERN.1)).unwrap()
}

fn sarif_of(run: &scor_reports::Run) -> String {
    scor_reports::sarif::render(run, Lang::En)
}

fn rust_errors(instance: &Value) -> Vec<String> {
    let validator = jsonschema::options().should_validate_formats(true).build(&schema()).expect("the SARIF schema");
    validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

/// The verdict on `sarif` of Python's `jsonschema` package, run by `python`.
fn python_verdict(python: &str, sarif: &str) -> Result<(), String> {
    const SCRIPT: &str = "import json, sys\n\
        import jsonschema\n\
        schema = json.load(open(sys.argv[1]))\n\
        instance = json.load(sys.stdin)\n\
        cls = jsonschema.validators.validator_for(schema)\n\
        errors = [f'{e.message} at {list(e.absolute_path)}' for e in cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(instance)]\n\
        print('\\n'.join(errors))\n\
        sys.exit(1 if errors else 0)\n";
    let mut child = Command::new(python)
        .args(["-c", SCRIPT])
        .arg(schema_path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child.stdin.take().expect("stdin").write_all(sarif.as_bytes()).expect("write to python");
    let output = child.wait_with_output().expect("python3 runs");
    match output.status.code() {
        Some(0) => Ok(()),
        _ => Err(format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))),
    }
}

fn assert_valid(python: &str, run: &scor_reports::Run) {
    let sarif = sarif_of(run);
    let instance: Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let errors = rust_errors(&instance);
    assert!(errors.is_empty(), "SARIF does not match the 2.1.0 schema (jsonschema crate):\n{}", errors.join("\n"));
    if let Err(errors) = python_verdict(python, &sarif) {
        panic!("SARIF does not match the 2.1.0 schema (Python jsonschema):\n{errors}");
    }
}

#[test]
fn sarif_of_runs_matches_the_official_schema() {
    let Some(python) = scor_test_tools::require_python_module("jsonschema") else { return };
    assert_valid(python, &representative_run());
    assert_valid(python, &run_of(Vec::new()));
    assert_valid(python, &run_of(vec![common::service_message()]));
}

#[test]
fn the_schema_catches_a_broken_log() {
    let Some(python) = scor_test_tools::require_python_module("jsonschema") else { return };
    let mut instance: Value = serde_json::from_str(&sarif_of(&representative_run())).unwrap();
    instance["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!rust_errors(&instance).is_empty());
    assert!(python_verdict(python, &instance.to_string()).is_err(), "python must reject the level too");
    let mut instance: Value = serde_json::from_str(&sarif_of(&representative_run())).unwrap();
    instance["runs"][0]["tool"]["driver"]["informationUri"] = Value::from("not a uri");
    assert!(!rust_errors(&instance).is_empty(), "formats are asserted");
}

fn log() -> Value {
    serde_json::from_str(&sarif_of(&representative_run())).unwrap()
}

#[test]
fn driver_and_rules_come_from_the_run_and_its_dictionary() {
    let log = log();
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "scor-kit");
    assert_eq!(driver["version"], "0.1.0");
    assert!(driver["informationUri"].as_str().is_some_and(|uri| uri.starts_with("https://")));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), common::DICTIONARY.rules.len());
    let specialty = rules.iter().find(|rule| rule["id"] == "FIELD-SPECIALITE").unwrap();
    assert_eq!(specialty["shortDescription"]["text"], common::rule("FIELD-SPECIALITE").description);
    assert_eq!(specialty["properties"]["provenance"], "seed");
    assert_eq!(specialty["properties"]["headerCause"], "5113");
    assert_eq!(log["runs"][0]["properties"]["dictionaryVersion"], common::DICTIONARY.version);
    assert_eq!(log["runs"][0]["properties"]["dictionaryChecksum"], common::DICTIONARY.checksum);
}

#[test]
fn results_carry_rule_level_location_and_cause() {
    let log = log();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let first = &results[0];
    assert_eq!(first["ruleId"], "FIELD-SPECIALITE");
    assert_eq!(first["level"], "error");
    let location = &first["locations"][0];
    let physical = &location["physicalLocation"];
    assert_eq!(physical["artifactLocation"]["uri"], "lots/header-5113/E-2026-ENTSCANORDO-00042.xml");
    assert_eq!(physical["region"]["startLine"], 15);
    assert_eq!(physical["region"]["startColumn"], 21);
    assert_eq!(location["logicalLocations"][0]["fullyQualifiedName"], "/ENTSCANORDO/Emetteur/CodeSpecialite");
    assert_eq!(location["logicalLocations"][1]["fullyQualifiedName"], "EF_PA_002_02");
    assert_eq!(first["properties"]["arlCause"], "5113");
    assert_eq!(first["properties"]["provenance"], "seed");

    let pdfa = results.iter().find(|r| r["ruleId"] == "PDFA-METADATA").unwrap();
    assert_eq!(pdfa["locations"][0]["physicalLocation"]["region"]["byteOffset"], 18_734);
    assert_eq!(pdfa["locations"][0]["physicalLocation"]["properties"]["page"], 2);
    assert_eq!(pdfa["locations"][0]["logicalLocations"][0]["kind"], "clause");
    let info = results.iter().find(|r| r["ruleId"] == "PJ-EXTERNE").unwrap();
    assert_eq!(info["level"], "note");
}

#[test]
fn not_evaluated_checks_are_open_results() {
    let log = log();
    let open: Vec<&Value> =
        log["runs"][0]["results"].as_array().unwrap().iter().filter(|r| r["kind"] == "open").collect();
    assert_eq!(open.len(), 2);
    assert_eq!(open[0]["level"], "none");
    assert_eq!(open[0]["properties"]["reason"], "the index could not be decrypted");
    assert_eq!(open[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "mail/empty.eml");
}

#[test]
fn suppressions_and_regrades_match_the_official_schema() {
    let Some(python) = scor_test_tools::require_python_module("jsonschema") else { return };
    let run = common::advised_run();
    assert_valid(python, &run);
    let log: Value = serde_json::from_str(&sarif_of(&run)).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let suppressed = results.iter().find(|r| r["ruleId"] == "FIELD-SPECIALITE").unwrap();
    assert_eq!(suppressed["suppressions"][0]["kind"], "external");
    assert_eq!(suppressed["suppressions"][0]["status"], "accepted");
    assert_eq!(suppressed["suppressions"][0]["justification"], "specialty 99 agreed with the caisse");
    assert_eq!(suppressed["suppressions"][0]["properties"]["expires"], "2999-12-31");
    let regraded = results.iter().find(|r| r["ruleId"] == "PDFA-METADATA").unwrap();
    assert_eq!(regraded["level"], "warning");
    assert_eq!(regraded["properties"]["regradedFrom"], "error");
    assert!(results.iter().filter(|r| r.get("suppressions").is_some()).count() == 1);
    let notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"].as_array().unwrap();
    let texts: Vec<&str> = notes.iter().filter_map(|n| n["message"]["text"].as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("scor-advisor.toml:16 (CMS-DECRYPT) expired on 2020-01-01")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("scor-advisor.toml:22 (LOT-SIZE) matched no finding")), "{texts:?}");
}
