//! The SARIF 2.1.0 report, for code-scanning tools: one run, the dictionary's rules as the driver's
//! rules, one result per finding and one `open` result per check that could not be evaluated.
//!
//! Mapping:
//!
//! | run | SARIF |
//! |---|---|
//! | tool | `tool.driver` `name`, `version`, `informationUri` (the scor-kit repository) |
//! | a rule of the dictionary | `tool.driver.rules[]`: `id`, `shortDescription` (description), `defaultConfiguration.level`, properties `check`, `element`, `provenance`, `source`, `decidedBy`, `headerCause`, `dossierCause` |
//! | a finding | a result: `ruleId` (+ `ruleIndex` when the dictionary has the rule), `level` (`error`, `warning`, `note` for info), `message`, one location, properties `lot`, `provenance`, `decidedBy`, `arlCause` |
//! | a finding's file | `physicalLocation.artifactLocation.uri`: the lot input joined with the file name, as a percent-encoded URI reference; the lot input alone for a finding about the whole lot |
//! | line, column, byte offset | `physicalLocation.region` `startLine`, `startColumn` (characters, `columnKind` `unicodeCodePoints`), `byteOffset` |
//! | page | `physicalLocation.properties.page` |
//! | XPath, EF element, clause | `logicalLocations[]` with `fullyQualifiedName`, `kind` `element`, `dataElement`, `clause` |
//! | a finding an advisor entry suppressed | a result as above, with `suppressions[0]`: `kind` `external`, `status` `accepted`, `justification` the entry's reason, properties `advisorFile`, `advisorLine`, `expires` |
//! | a finding an advisor entry re-graded | its `level` is the new severity; properties `regradedFrom`, `advisorFile`, `advisorLine`, `advisorReason`, `expires` |
//! | an advisor entry expired or unused | a `warning` notification of `invocations[0].toolExecutionNotifications` naming it |
//! | a not-evaluated check | a result of `kind` `open`, `level` `none`, no rule, properties `lot`, `checks`, `reason` |
//! | a lot not fully evaluated | a `warning` notification of `invocations[0].toolExecutionNotifications`, properties `lot`, `verdict` |
//! | dictionary, lots | `run.properties`: `dictionaryVersion`, `dictionaryStatus`, `dictionaryChecksum`, `lots[]` (input, kind, identification, verdict, summary, arl as in the JSON report, caisse verdict) |

use crate::summary::{kind_name, verdict};
pub use serde_sarif;

use crate::summary::Summary;
use scor_conformance::{EntryRef, LotOutcome, NotEvaluated, Run, Suppressed, Verdict};
use scor_dictionary::{Finding, Location as FindingLocation, Rule, Severity};
use scor_locale::{Lang, text};
use serde_json::{Value, json};
use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, LogicalLocation, Message, MultiformatMessageString, Notification,
    PhysicalLocation, PropertyBag, Region, ReportingConfiguration, ReportingDescriptor, Result as SarifResult,
    ResultKind, ResultLevel, Run as SarifRun, Sarif, Suppression, Tool, ToolComponent,
};
use std::collections::BTreeMap;

/// The `$schema` written in the log: the OASIS schema's own `$id`.
pub const SCHEMA_URI: &str =
    "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";

/// Where people learn about the tool (`tool.driver.informationUri`): the package's repository.
const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

/// The SARIF log of `run`, pretty-printed, ending with a newline.
pub fn render(run: &Run, lang: Lang) -> String {
    let mut text = serde_json::to_string_pretty(&log(run, lang)).expect("a SARIF log always serialises");
    text.push('\n');
    text
}

/// The SARIF log of `run`, its messages in `lang`, for callers that add to it.
pub fn log(run: &Run, lang: Lang) -> Sarif {
    Sarif::builder().schema(SCHEMA_URI).version(json!("2.1.0")).runs(vec![sarif_run(run, lang)]).build()
}

fn sarif_run(run: &Run, lang: Lang) -> SarifRun {
    let results = run.lots.iter().flat_map(|lot| lot_results(run, lot, lang)).collect::<Vec<_>>();
    let mut sarif_run = SarifRun::builder()
        .tool(tool(run, lang))
        .invocations(vec![invocation(run, lang)])
        .results(results)
        .column_kind(json!("unicodeCodePoints"))
        .properties(bag(run_properties(run, lang)))
        .build();
    sarif_run.language = Some(lang.code().to_owned());
    sarif_run
}

/// The run's invocation: it ran to its end, and each lot not fully evaluated is a warning
/// notification, so that a viewer never shows such a lot as clean.
fn invocation(run: &Run, lang: Lang) -> Invocation {
    let notifications: Vec<Notification> = run
        .lots
        .iter()
        .filter(|lot| lot.verdict() == Verdict::NotFullyEvaluated)
        .map(|lot| {
            let text =
                text!("sarif-lot-not-fully-evaluated", lot = lot.input.as_str(), count = lot.not_evaluated.len())
                    .render(lang);
            let properties =
                BTreeMap::from([("lot".to_owned(), json!(lot.input)), ("verdict".to_owned(), json!(verdict(lot)))]);
            Notification::builder()
                .level(json!("warning"))
                .message(Message::from(text.as_str()))
                .properties(bag(properties))
                .build()
        })
        .collect();
    let advisor = run.advisor.iter().flat_map(|advisor| advisor.warnings());
    let advisor = advisor.map(|text| {
        Notification::builder().level(json!("warning")).message(Message::from(text.render(lang).as_str())).build()
    });
    let notifications: Vec<Notification> = notifications.into_iter().chain(advisor).collect();
    let mut invocation = Invocation::builder().execution_successful(true).build();
    invocation.tool_execution_notifications = (!notifications.is_empty()).then_some(notifications);
    invocation
}

fn tool(run: &Run, lang: Lang) -> Tool {
    let mut driver = ToolComponent::builder()
        .name(run.tool.name)
        .version(run.tool.version)
        .rules(run.dictionary.rules.iter().map(|rule| descriptor(rule, lang)).collect::<Vec<_>>())
        .build();
    driver.information_uri = Some(INFORMATION_URI.to_owned()).filter(|uri| !uri.is_empty());
    Tool::from(driver)
}

fn descriptor(rule: &Rule, lang: Lang) -> ReportingDescriptor {
    let configuration = ReportingConfiguration::builder().level(json!(level_name(rule.severity))).build();
    ReportingDescriptor::builder()
        .id(rule.id)
        .short_description(MultiformatMessageString::builder().text(rule.description_in(lang)).build())
        .default_configuration(configuration)
        .properties(bag(rule_properties(rule)))
        .build()
}

fn rule_properties(rule: &Rule) -> BTreeMap<String, Value> {
    let mut properties = BTreeMap::new();
    properties.insert("check".to_owned(), json!(rule.check));
    insert_some(&mut properties, "element", rule.element);
    properties.insert("provenance".to_owned(), json!(rule.provenance.as_str()));
    properties.insert("source".to_owned(), json!(rule.source));
    properties.insert("decidedBy".to_owned(), json!(rule.decided_by.as_str()));
    insert_some(&mut properties, "headerCause", rule.header_cause);
    insert_some(&mut properties, "dossierCause", rule.dossier_cause);
    properties
}

fn lot_results(run: &Run, lot: &LotOutcome, lang: Lang) -> Vec<SarifResult> {
    let findings = lot.findings.iter().enumerate().map(|(index, finding)| {
        let mut result = finding_result(run, lot, finding, lang);
        if let Some(regraded) = lot.regrade_of(index) {
            add_advice(&mut result, &regraded.advice);
            add_property(&mut result, "regradedFrom", json!(regraded.from.as_str()));
            add_property(&mut result, "advisorReason", json!(regraded.advice.reason));
        }
        result
    });
    let suppressed = lot.suppressed.iter().map(|item| suppressed_result(run, lot, item, lang));
    findings.chain(suppressed).chain(lot.not_evaluated.iter().map(|item| open_result(lot, item, lang))).collect()
}

/// A finding an advisor entry suppressed: the finding's result with one external, accepted suppression.
fn suppressed_result(run: &Run, lot: &LotOutcome, item: &Suppressed, lang: Lang) -> SarifResult {
    let mut result = finding_result(run, lot, &item.finding, lang);
    let advice = &item.advice;
    let properties = BTreeMap::from([
        ("advisorFile".to_owned(), json!(advice.file)),
        ("advisorLine".to_owned(), json!(advice.line)),
        ("expires".to_owned(), json!(advice.expires)),
    ]);
    let suppression = Suppression::builder()
        .kind(json!("external"))
        .status(json!("accepted"))
        .justification(advice.reason.as_str())
        .properties(bag(properties))
        .build();
    result.suppressions = Some(vec![suppression]);
    result
}

/// Names the advisor entry in a result's properties.
fn add_advice(result: &mut SarifResult, advice: &EntryRef) {
    add_property(result, "advisorFile", json!(advice.file));
    add_property(result, "advisorLine", json!(advice.line));
    add_property(result, "expires", json!(advice.expires));
}

fn add_property(result: &mut SarifResult, key: &str, value: Value) {
    if let Some(properties) = &mut result.properties {
        properties.additional_properties.insert(key.to_owned(), value);
    }
}

fn finding_result(run: &Run, lot: &LotOutcome, finding: &Finding, lang: Lang) -> SarifResult {
    let mut properties = BTreeMap::from([
        ("lot".to_owned(), json!(lot.input)),
        ("provenance".to_owned(), json!(finding.provenance.as_str())),
        ("decidedBy".to_owned(), json!(finding.decided_by.as_str())),
    ]);
    insert_some(&mut properties, "arlCause", finding.cause);
    let mut result = SarifResult::builder()
        .rule_id(finding.rule)
        .level(result_level(finding.severity))
        .message(Message::from(finding.text.render(lang).as_str()))
        .locations(vec![finding_location(lot, finding)])
        .properties(bag(properties))
        .build();
    result.rule_index = run.dictionary.rules.iter().position(|rule| rule.id == finding.rule).map(|i| i as i64);
    result
}

fn open_result(lot: &LotOutcome, item: &NotEvaluated, lang: Lang) -> SarifResult {
    let (checks, reason) = (item.checks.render(lang), item.reason.render(lang));
    let message = text!("sarif-not-evaluated", checks = checks.as_str(), reason = reason.as_str()).render(lang);
    let properties = BTreeMap::from([
        ("lot".to_owned(), json!(lot.input)),
        ("checks".to_owned(), json!(checks)),
        ("reason".to_owned(), json!(reason)),
    ]);
    let physical = PhysicalLocation::builder().artifact_location(artifact(&lot.input, &item.file)).build();
    SarifResult::builder()
        .kind(ResultKind::Open)
        .level(ResultLevel::None)
        .message(Message::from(message.as_str()))
        .locations(vec![Location::builder().physical_location(physical).build()])
        .properties(bag(properties))
        .build()
}

fn finding_location(lot: &LotOutcome, finding: &Finding) -> Location {
    let place = &finding.location;
    let mut physical = PhysicalLocation::builder().artifact_location(artifact(&lot.input, &place.file)).build();
    physical.region = region(place);
    physical.properties = place.page.map(|page| bag(BTreeMap::from([("page".to_owned(), json!(page))])));
    let mut location = Location::builder().physical_location(physical).build();
    let logical = logical_locations(finding);
    location.logical_locations = (!logical.is_empty()).then_some(logical);
    location
}

fn artifact(input: &str, file: &str) -> ArtifactLocation {
    ArtifactLocation::builder().uri(artifact_uri(input, file)).build()
}

/// The region of a location: start line (and column, only with a line) and byte offset, if known.
fn region(place: &FindingLocation) -> Option<Region> {
    if place.line.is_none() && place.byte_offset.is_none() {
        return None;
    }
    let mut region = Region::builder().build();
    region.start_line = place.line.map(i64::from);
    region.start_column = place.line.and(place.column).map(i64::from);
    region.byte_offset = place.byte_offset.and_then(|offset| i64::try_from(offset).ok());
    Some(region)
}

fn logical_locations(finding: &Finding) -> Vec<LogicalLocation> {
    let xpath = finding.location.xpath.as_deref().map(|xpath| logical(xpath, last_step(xpath), "element"));
    let element = finding.element.map(|element| logical(element, element, "dataElement"));
    let clause = finding.clause.as_deref().map(|clause| logical(clause, clause, "clause"));
    [xpath, element, clause].into_iter().flatten().collect()
}

fn logical(fully_qualified_name: &str, name: &str, kind: &str) -> LogicalLocation {
    LogicalLocation::builder().fully_qualified_name(fully_qualified_name).name(name).kind(kind).build()
}

/// The last step of an XPath: `CodeSpecialite` for `/ENTSCANORDO/Emetteur/CodeSpecialite`.
fn last_step(xpath: &str) -> &str {
    xpath.rsplit('/').find(|step| !step.is_empty()).unwrap_or(xpath)
}

fn run_properties(run: &Run, lang: Lang) -> BTreeMap<String, Value> {
    BTreeMap::from([
        ("dictionaryVersion".to_owned(), json!(run.dictionary.version)),
        ("dictionaryStatus".to_owned(), json!(run.dictionary.status.as_str())),
        ("dictionaryChecksum".to_owned(), json!(run.dictionary.checksum)),
        ("lots".to_owned(), Value::Array(run.lots.iter().map(|lot| lot_properties(lot, lang)).collect())),
    ])
}

fn lot_properties(lot: &LotOutcome, lang: Lang) -> Value {
    let mut value = json!({
        "input": lot.input,
        "kind": kind_name(lot.kind),
        "verdict": verdict(lot),
        "summary": Summary::of(lot),
        "arl": crate::json::arl(lot, lang),
        "caisse": lot.caisse_verdict().as_str(),
    });
    if let Some(identification) = &lot.identification {
        value["identification"] = json!(identification);
    }
    value
}

/// `uri` of a file of a lot: the lot input, `/`, the file name, percent-encoded so that any path is a
/// valid URI reference (backslashes read as `/`, `:` always encoded so no segment reads as a scheme).
pub fn artifact_uri(input: &str, file: &str) -> String {
    let input = input.replace('\\', "/");
    let joined = match (input.trim_end_matches('/'), file) {
        (base, "") => base.to_owned(),
        ("", file) => file.to_owned(),
        (base, file) => format!("{base}/{file}"),
    };
    percent_encode(&joined)
}

fn percent_encode(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

fn result_level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

fn level_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn bag(properties: BTreeMap<String, Value>) -> PropertyBag {
    PropertyBag::builder().additional_properties(properties).build()
}

fn insert_some(properties: &mut BTreeMap<String, Value>, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        properties.insert(key.to_owned(), json!(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_join_and_encode() {
        assert_eq!(artifact_uri("lots/ok", "D-001.pkcs7"), "lots/ok/D-001.pkcs7");
        assert_eq!(artifact_uri("lots/ok/", ""), "lots/ok");
        assert_eq!(artifact_uri("C:\\mes lots\\é", "x.xml"), "C%3A/mes%20lots/%C3%A9/x.xml");
        assert_eq!(artifact_uri("/abs/lot.eml", "P-001-001.pkcs7"), "/abs/lot.eml/P-001-001.pkcs7");
    }

    #[test]
    fn last_step_of_xpaths() {
        assert_eq!(last_step("/ENTSCANORDO/Emetteur/CodeSpecialite"), "CodeSpecialite");
        assert_eq!(last_step("/"), "/");
    }
}
