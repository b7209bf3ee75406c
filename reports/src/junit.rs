//! The JUnit XML report, so CI shows each rule of the dictionary as a test: one test suite per lot, one
//! test case per rule per lot.
//!
//! Mapping:
//!
//! | run | JUnit |
//! |---|---|
//! | the run | `<testsuites name="<tool name>">` |
//! | a lot | `<testsuite name="<lot input>">`, properties `kind`, `identification` (when known), `verdict`, `arl.outcome`, `arl.cause`, `caisse.verdict`, `dictionary.version`, `dictionary.status` |
//! | a rule of the dictionary (`Dictionary::rules`, in table order) | `<testcase name="<rule id>" classname="<lot input>">` |
//! | a rule with at least one error finding | the case fails: `<failure type="<rule id>" message="<first error, or count>">`, the text lists every finding of the rule (all severities) with its location and ARL cause |
//! | a rule with warning or info findings only | the case passes, and its `<system-out>` lists those findings |
//! | a rule with no finding | the case passes, empty |
//! | a finding whose rule the dictionary lacks | a case named by that rule id after the dictionary's, mapped the same way |
//! | a rule whose findings an advisor file all suppressed | a skipped case, type `suppressed`, message the entry's reason, text the findings with the entry and its expiry |
//! | a finding an advisor entry re-graded | listed with its new severity (an error fails the case, a warning no longer does) and `re-graded from <severity>` |
//! | the advisor file | suite properties `advisor.file`, `advisor.sha256`; one `advisor.expired` or `advisor.unused` property per such entry |
//! | a not-evaluated check | a skipped case `not evaluated: <file>: <checks>`, skip message the reason |
//!
//! A passed case therefore means "no finding of that rule in what could be evaluated": read it with the
//! lot's skipped cases. No timestamp or duration is written, so the same run gives the same bytes.

use crate::summary::{kind_name, verdict};
use crate::words;
pub use quick_junit;
use scor_locale::{Lang, text};

use quick_junit::{NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestSuite};
use scor_conformance::{LotOutcome, NotEvaluated, Run, Suppressed};
use scor_dictionary::{Finding, Severity};

/// The JUnit XML report of `run`, its messages in `lang`.
pub fn render(run: &Run, lang: Lang) -> String {
    report(run, lang).to_string().expect("a JUnit report of strings always serialises")
}

/// The JUnit report of `run`, its messages in `lang`, for callers that add to it.
pub fn report(run: &Run, lang: Lang) -> Report {
    let mut report = Report::new(run.tool.name);
    report.add_test_suites(run.lots.iter().map(|lot| suite(run, lot, lang)));
    report
}

fn suite(run: &Run, lot: &LotOutcome, lang: Lang) -> TestSuite {
    let mut suite = TestSuite::new(lot.input.as_str());
    suite.add_properties(suite_properties(run, lot));
    suite.add_test_cases(rule_ids(run, lot).into_iter().map(|rule| rule_case(lot, rule, lang)));
    suite.add_test_cases(lot.not_evaluated.iter().map(|item| skipped_case(lot, item, lang)));
    suite
}

fn suite_properties(run: &Run, lot: &LotOutcome) -> Vec<Property> {
    let mut properties = vec![Property::new("kind", kind_name(lot.kind))];
    if let Some(identification) = &lot.identification {
        properties.push(Property::new("identification", identification.as_str()));
    }
    properties.push(Property::new("verdict", verdict(lot)));
    if let Some(arl) = &lot.arl {
        properties.extend([Property::new("arl.outcome", arl.outcome()), Property::new("arl.cause", arl.cause())]);
    }
    properties.push(Property::new("caisse.verdict", lot.caisse_verdict().as_str()));
    properties.push(Property::new("dictionary.version", run.dictionary.version));
    properties.push(Property::new("dictionary.status", run.dictionary.status.as_str()));
    if let Some(advisor) = &run.advisor {
        properties.push(Property::new("advisor.file", advisor.file.as_str()));
        properties.push(Property::new("advisor.sha256", advisor.sha256.as_str()));
        properties.extend(advisor.expired.iter().map(|entry| Property::new("advisor.expired", entry.to_string())));
        properties.extend(advisor.unused.iter().map(|entry| Property::new("advisor.unused", entry.to_string())));
    }
    properties
}

/// The rule ids to report: every rule of the dictionary that applies to lots, then any rule a finding
/// names that the dictionary lacks (so that no finding is lost).
fn rule_ids<'a>(run: &Run, lot: &'a LotOutcome) -> Vec<&'a str> {
    let lot_rules = run.dictionary.rules.iter().filter(|rule| rule.applies_to == scor_dictionary::Scope::Lot);
    let mut ids: Vec<&str> = lot_rules.map(|rule| rule.id).collect();
    for finding in lot.findings.iter().chain(lot.suppressed.iter().map(|s| &s.finding)) {
        if !ids.contains(&finding.rule) {
            ids.push(finding.rule);
        }
    }
    ids
}

fn rule_case(lot: &LotOutcome, rule: &str, lang: Lang) -> TestCase {
    let findings: Vec<(usize, &Finding)> = lot.findings.iter().enumerate().filter(|(_, f)| f.rule == rule).collect();
    let errors: Vec<&Finding> = findings.iter().map(|(_, f)| *f).filter(|f| f.severity == Severity::Error).collect();
    let suppressed: Vec<&Suppressed> = lot.suppressed.iter().filter(|s| s.finding.rule == rule).collect();
    let listing = findings
        .iter()
        .map(|(index, finding)| regraded_line(lot, *index, finding, lang))
        .chain(suppressed.iter().map(|item| suppressed_line(item, lang)))
        .collect::<Vec<_>>()
        .join("\n");
    let mut case = match (errors.first(), suppressed.first()) {
        (Some(first), _) => TestCase::new(rule, failure(rule, first, errors.len(), &listing, lang)),
        (None, Some(item)) if findings.is_empty() => TestCase::new(rule, skipped_suppressed(item, &listing)),
        (None, _) => TestCase::new(rule, TestCaseStatus::success()),
    };
    case.set_classname(lot.input.as_str());
    if errors.is_empty() && !findings.is_empty() {
        case.set_system_out(listing);
    }
    case
}

/// A rule whose every finding was suppressed: skipped, with the advisor entry's reason.
fn skipped_suppressed(item: &Suppressed, listing: &str) -> TestCaseStatus {
    let mut status = TestCaseStatus::skipped();
    status.set_type("suppressed").set_message(item.advice.reason.as_str()).set_description(listing);
    status
}

/// The finding's line, with the advisor entry that re-graded it, if one did.
fn regraded_line(lot: &LotOutcome, index: usize, finding: &Finding, lang: Lang) -> String {
    match lot.regrade_of(index) {
        Some(regraded) => text!(
            "junit-regraded",
            finding = finding_line(finding, lang),
            from = crate::words::severity(regraded.from),
            entry = regraded.advice.to_string(),
            reason = regraded.advice.reason.as_str(),
            expires = regraded.advice.expires.as_str()
        )
        .render(lang),
        None => finding_line(finding, lang),
    }
}

/// `suppressed error …: message (…) by advisor entry scor-advisor.toml:3 (RULE): reason, until 2027-06-30`.
fn suppressed_line(item: &Suppressed, lang: Lang) -> String {
    let advice = &item.advice;
    text!(
        "junit-suppressed",
        finding = finding_line(&item.finding, lang),
        entry = advice.to_string(),
        reason = advice.reason.as_str(),
        expires = advice.expires.as_str()
    )
    .render(lang)
}

fn failure(rule: &str, first: &Finding, errors: usize, listing: &str, lang: Lang) -> TestCaseStatus {
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
    let message = match errors {
        1 => finding_line(first, lang),
        n => text!("junit-errors-first", errors = n, first = finding_line(first, lang)).render(lang),
    };
    status.set_type(rule).set_message(message).set_description(listing);
    status
}

/// `error E-…xml:14:21, /ENTSCANORDO/…: message (EF_PA_002_02, ARL cause 5113)`.
fn finding_line(finding: &Finding, lang: Lang) -> String {
    let place = words::location(&finding.location, lang).unwrap_or_else(|| words::whole_lot().render(lang));
    let about: Vec<String> = [
        finding.element.map(str::to_owned),
        finding.clause.clone(),
        finding.cause.map(|cause| text!("junit-arl-cause", cause = cause).render(lang)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let about = if about.is_empty() { String::new() } else { format!(" ({})", about.join(", ")) };
    let severity = crate::words::severity(finding.severity);
    let line = text!("junit-finding", severity = severity, place = place, message = finding.text.clone());
    format!("{}{about}", line.render(lang))
}

fn skipped_case(lot: &LotOutcome, item: &NotEvaluated, lang: Lang) -> TestCase {
    let file = words::file_or_lot(&item.file, lang);
    let mut status = TestCaseStatus::skipped();
    status.set_type("not-evaluated").set_message(item.reason.render(lang));
    let name = text!("junit-not-evaluated-case", file = file, checks = item.checks.clone());
    let mut case = TestCase::new(name.render(lang), status);
    case.set_classname(lot.input.as_str());
    case
}
