//! Holds the JSON report to its documentation: the output of several runs validates against
//! `docs/report.schema.json`, and every field the schema names is described in `docs/report-json.md`.

mod common;

use common::{accepted, dossier_rejection, header_rejection, representative_run, run_of, service_message};
use scor_conformance::{LotKind, LotOutcome, NotEvaluated, PredictedArl, Run};
use scor_dictionary::{Finding, Level, Location};
use scor_locale::Lang;
use serde_json::Value;
use std::path::PathBuf;

fn docs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs")
}

fn schema() -> Value {
    let text = std::fs::read_to_string(docs().join("report.schema.json")).expect("docs/report.schema.json");
    serde_json::from_str(&text).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema())
        .expect("the schema is a valid draft 2020-12 schema")
}

fn report_of(run: &Run) -> Value {
    serde_json::from_str(&scor_reports::json::render(run, Lang::En)).expect("the report is JSON")
}

/// The validation errors of `instance`, one line each, with where they are.
fn errors(instance: &Value) -> Vec<String> {
    validator().iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

fn assert_valid(run: &Run) {
    let report = report_of(run);
    let errors = errors(&report);
    assert!(errors.is_empty(), "the JSON report does not match docs/report.schema.json:\n{}", errors.join("\n"));
}

/// A lot with every optional field the report can hold, and a lot-level finding.
fn everything_lot() -> LotOutcome {
    let mut lot = dossier_rejection();
    lot.kind = LotKind::Archive;
    let mut stray = common::file("notes.txt", scor_conformance::FileRole::Stray, None, 12);
    stray.pages = Some(1);
    lot.files.push(stray);
    let location = Location {
        line: Some(3),
        column: Some(1),
        byte_offset: Some(0),
        page: Some(1),
        ..Location::file("P-002-001.pkcs7").with_xpath("/x")
    };
    lot.findings
        .push(Finding::new(common::rule("PDFA-FILE"), Level::Dossier, location, "all of it").under_clause("6.1"));
    lot.findings.push(Finding::new(common::rule("LOT-SIZE"), Level::Header, Location::file(""), "too big"));
    lot
}

#[test]
fn representative_run_matches_the_schema() {
    assert_valid(&representative_run());
}

#[test]
fn each_kind_of_lot_alone_matches_the_schema() {
    for lot in [header_rejection(), dossier_rejection(), accepted(), service_message(), everything_lot()] {
        assert_valid(&run_of(vec![lot]));
    }
}

#[test]
fn an_empty_run_matches_the_schema() {
    assert_valid(&run_of(Vec::new()));
}

#[test]
fn a_lot_with_nothing_known_matches_the_schema() {
    let lot = LotOutcome {
        input: String::new(),
        kind: LotKind::Eml,
        identification: None,
        files: Vec::new(),
        findings: Vec::new(),
        not_evaluated: vec![NotEvaluated {
            file: String::new(),
            checks: "all".into(),
            reason: "unreadable".into(),
            rules: vec![],
        }],
        arl_fallbacks: Vec::new(),
        arl: Some(PredictedArl::ServiceMessage { cause: "9001", label: "Message illisible" }),
        sources: Vec::new(),
        pages: Vec::new(),
        suppressed: Vec::new(),
        regraded: Vec::new(),
    };
    assert_valid(&run_of(vec![lot]));
}

#[test]
fn the_schema_is_strict() {
    let mut report = report_of(&representative_run());
    report["lots"][0]["surprise"] = Value::Bool(true);
    assert!(!errors(&report).is_empty(), "an unknown field must not validate");

    let mut report = report_of(&representative_run());
    report["lots"][0]["arl"]["dossiers"] = serde_json::json!([]);
    assert!(!errors(&report).is_empty(), "dossiers belong to dossier rejections only");

    let mut report = report_of(&representative_run());
    report["lots"][1]["arl"].as_object_mut().unwrap().remove("dossiers");
    assert!(!errors(&report).is_empty(), "a dossier rejection names its dossiers");
}

/// Every property name in the schema, wherever it is declared.
fn property_names(schema: &Value, names: &mut Vec<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                names.extend(properties.keys().cloned());
            }
            map.values().for_each(|value| property_names(value, names));
        }
        Value::Array(items) => items.iter().for_each(|value| property_names(value, names)),
        _ => {}
    }
}

fn doc_page() -> String {
    std::fs::read_to_string(docs().join("report-json.md")).expect("docs/report-json.md")
}

#[test]
fn every_schema_field_is_described_in_the_doc() {
    let page = doc_page();
    let mut names = Vec::new();
    property_names(&schema(), &mut names);
    let missing: Vec<&String> = names.iter().filter(|name| !page.contains(&format!("| `{name}` |"))).collect();
    assert!(missing.is_empty(), "fields of report.schema.json without a row in report-json.md: {missing:?}");
}

#[test]
fn every_field_the_report_writes_is_in_the_schema() {
    let mut names = Vec::new();
    property_names(&schema(), &mut names);
    let mut written = Vec::new();
    keys(&report_of(&run_of(vec![everything_lot(), header_rejection()])), &mut written);
    let unknown: Vec<&String> = written.iter().filter(|key| !names.contains(key)).collect();
    assert!(unknown.is_empty(), "fields written but not in the schema: {unknown:?}");
}

fn keys(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(key, value)| {
            out.push(key.clone());
            keys(value, out);
        }),
        Value::Array(items) => items.iter().for_each(|value| keys(value, out)),
        _ => {}
    }
}

#[test]
fn the_doc_example_matches_the_schema() {
    let page = doc_page();
    let example = page.split("```json").nth(1).and_then(|rest| rest.split("```").next()).expect("an example");
    let mut example: Value = serde_json::from_str(example).expect("the example is JSON");
    example["dictionary"]["checksum"] = Value::from(common::DICTIONARY.checksum);
    let errors = errors(&example);
    assert!(errors.is_empty(), "the example of report-json.md does not match the schema:\n{}", errors.join("\n"));
}

#[test]
fn an_advised_run_matches_the_schema() {
    let run = common::advised_run();
    assert_valid(&run);
    let report = report_of(&run);
    assert_eq!(report["lots"][0]["suppressed"][0]["finding"]["rule"], "FIELD-SPECIALITE");
    assert_eq!(report["lots"][0]["suppressed"][0]["advice"]["line"], 1);
    let metadata = &report["lots"][1]["findings"][0];
    assert_eq!((metadata["rule"].as_str(), metadata["severity"].as_str()), (Some("PDFA-METADATA"), Some("warning")));
    assert_eq!(metadata["regraded_from"], "error");
    assert_eq!(metadata["advice"]["line"], 8);
    assert_eq!(report["advisor"]["expired"][0]["rule"], "CMS-DECRYPT");
    assert_eq!(report["advisor"]["unused"][0]["rule"], "LOT-SIZE");
    // The expired entry no longer applies: the decryption error is still an error (beside the blank page,
    // an error the caisse decides).
    assert_eq!(report["lots"][1]["summary"]["errors"], 2);
}
