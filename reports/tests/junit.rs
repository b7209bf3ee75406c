//! The JUnit mapping: every rule of the dictionary is a test case of each lot, failed by an error
//! finding, passed otherwise (with warnings and infos in system-out); not-evaluated checks are skipped.

mod common;

use common::{DICTIONARY, dossier_rejection, header_rejection, representative_run, run_of, service_message};
use quick_junit::{TestCase, TestCaseStatus, TestSuite};
use scor_dictionary::{Finding, Level, Location};
use scor_locale::Lang;

fn suite_of(lot: scor_conformance::LotOutcome) -> TestSuite {
    scor_reports::junit::report(&run_of(vec![lot]), Lang::En).test_suites.remove(0)
}

fn case<'a>(suite: &'a TestSuite, name: &str) -> &'a TestCase {
    suite.test_cases.iter().find(|case| case.name.as_str() == name).unwrap_or_else(|| panic!("no case {name}"))
}

#[test]
fn one_suite_per_lot_named_by_input() {
    let report = scor_reports::junit::report(&representative_run(), Lang::En);
    let names: Vec<&str> = report.test_suites.iter().map(|suite| suite.name.as_str()).collect();
    assert_eq!(names, ["lots/header-5113", "mail/lot-00043.eml", "lots/ok-00044", "mail/empty.eml"]);
}

#[test]
fn every_lot_rule_of_the_dictionary_is_a_case_in_table_order() {
    let suite = suite_of(header_rejection());
    let names: Vec<&str> = suite.test_cases.iter().map(|case| case.name.as_str()).collect();
    let rules: Vec<&str> = lot_rules().map(|rule| rule.id).collect();
    assert_eq!(names, rules);
    assert!(DICTIONARY.rules.len() > rules.len(), "rules about returns are not cases of a lot");
}

fn lot_rules() -> impl Iterator<Item = &'static &'static scor_dictionary::Rule> {
    DICTIONARY.rules.iter().filter(|rule| rule.applies_to == scor_dictionary::Scope::Lot)
}

#[test]
fn a_rule_with_no_finding_passes() {
    let suite = suite_of(header_rejection());
    let case = case(&suite, "LOT-SIZE");
    assert!(matches!(case.status, TestCaseStatus::Success { .. }));
    assert!(case.system_out.is_none());
}

#[test]
fn a_rule_with_an_error_finding_fails_with_message_and_location() {
    let suite = suite_of(header_rejection());
    let TestCaseStatus::NonSuccess { message, ty, description, .. } = &case(&suite, "FIELD-SPECIALITE").status else {
        panic!("FIELD-SPECIALITE must fail");
    };
    let message = message.as_ref().unwrap().as_str();
    assert!(message.contains("specialty code 99 is not in the specialty table"), "{message}");
    assert!(message.contains("E-2026-ENTSCANORDO-00042.xml:15:21"), "{message}");
    assert!(message.contains("ARL cause 5113"), "{message}");
    assert_eq!(ty.as_ref().unwrap().as_str(), "FIELD-SPECIALITE");
    assert!(description.as_ref().unwrap().as_str().contains("/ENTSCANORDO/Emetteur/CodeSpecialite"));
    assert_eq!(suite.failures, 1);
}

#[test]
fn several_errors_of_one_rule_are_one_failure_listing_them_all() {
    let mut lot = header_rejection();
    let second = Finding::new(common::rule("FIELD-SPECIALITE"), Level::Header, Location::file("x.xml"), "again");
    lot.findings.push(second);
    let suite = suite_of(lot);
    let TestCaseStatus::NonSuccess { message, description, .. } = &case(&suite, "FIELD-SPECIALITE").status else {
        panic!("FIELD-SPECIALITE must fail");
    };
    assert!(message.as_ref().unwrap().as_str().starts_with("2 errors, first: "));
    assert_eq!(description.as_ref().unwrap().as_str().lines().count(), 2);
}

#[test]
fn warnings_pass_with_system_out() {
    let suite = suite_of(header_rejection());
    let case = case(&suite, "INVENTORY-EXTENSION");
    assert!(matches!(case.status, TestCaseStatus::Success { .. }));
    assert!(case.system_out.as_ref().unwrap().as_str().starts_with("warning P-001-001.Pkcs7: extension"));
}

#[test]
fn not_evaluated_checks_are_skipped_cases() {
    let suite = suite_of(dossier_rejection());
    let skipped: Vec<&TestCase> =
        suite.test_cases.iter().filter(|case| matches!(case.status, TestCaseStatus::Skipped { .. })).collect();
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].name.as_str(), "not evaluated: D-002.pkcs7: index checks and dossier 2's PJ checks");
    let TestCaseStatus::Skipped { message, .. } = &skipped[0].status else { unreachable!() };
    assert_eq!(message.as_ref().unwrap().as_str(), "the index could not be decrypted");
    assert_eq!(suite.skipped, 1);
}

#[test]
fn a_finding_of_a_rule_the_dictionary_lacks_is_not_lost() {
    let mut lot = service_message();
    lot.findings[0].rule = "NOT-IN-2.13";
    let suite = suite_of(lot);
    assert_eq!(suite.test_cases.len(), lot_rules().count() + 2);
    assert!(matches!(case(&suite, "NOT-IN-2.13").status, TestCaseStatus::NonSuccess { .. }));
}

#[test]
fn the_xml_is_well_formed_and_deterministic() {
    let run = representative_run();
    let first = scor_reports::junit::render(&run, Lang::En);
    assert_eq!(first, scor_reports::junit::render(&run, Lang::En));
    let parsed = quick_junit::Report::deserialize_from_str(&first).expect("quick-junit reads its own output back");
    assert_eq!(parsed.test_suites.len(), 4);
    // Every error fails its case, the caisse's (QUALITY-BLANK) as much as the receiving point's.
    assert_eq!(parsed.failures, 5);
}

#[test]
fn a_rule_whose_findings_were_all_suppressed_is_skipped_with_the_reason() {
    let run = common::advised_run();
    let report = scor_reports::junit::report(&run, Lang::En);
    let suite = &report.test_suites[0];
    let specialty = case(suite, "FIELD-SPECIALITE");
    match &specialty.status {
        TestCaseStatus::Skipped { message, ty, description } => {
            assert_eq!(message.as_deref(), Some("specialty 99 agreed with the caisse"));
            assert_eq!(ty.as_deref(), Some("suppressed"));
            assert!(description.as_deref().unwrap_or_default().contains("until 2999-12-31"));
        }
        other => panic!("FIELD-SPECIALITE should be skipped, is {other:?}"),
    }
    // The re-graded PDF/A finding is a warning now: its case passes, listing it with where it came from.
    let metadata = case(&report.test_suites[1], "PDFA-METADATA");
    assert!(matches!(metadata.status, TestCaseStatus::Success { .. }), "{:?}", metadata.status);
    let out = metadata.system_out.as_ref().map(|s| s.as_str().to_owned()).unwrap_or_default();
    assert!(out.contains("re-graded from error"), "{out}");
}
