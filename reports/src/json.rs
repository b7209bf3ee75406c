//! The JSON report: a document of its own (not a dump of the model), described field by field in
//! `docs/report-json.md` and by the JSON Schema `docs/report.schema.json`, which the tests hold it to.
//!
//! Fields come in the order the structs below declare them. An optional field is left out when the run
//! does not know it (never written as `null`). [`REPORT_VERSION`] changes when a field is removed or
//! changes meaning; adding a field does not change it.

use crate::summary::{RunSummary, Summary};
use crate::summary::{kind_name, so_far_as_checked, verdict};
use scor_conformance::{
    AdvisorOutcome, EntryRef, FileOutcome, LotOutcome, NotEvaluated, PredictedArl, RejectedDossier, Run, Suppressed,
};
use scor_dictionary::{Finding, Location};
use scor_locale::Lang;
use serde::Serialize;

/// Version of the document's shape (`report_version`).
pub const REPORT_VERSION: u32 = 1;

/// The JSON report of `run`, its messages in `lang`, pretty-printed, ending with a newline.
pub fn render(run: &Run, lang: Lang) -> String {
    let mut text = serde_json::to_string_pretty(&document(run, lang)).expect("a report document always serialises");
    text.push('\n');
    text
}

/// The report document of `run`, its messages in `lang`, for callers that embed it in a larger JSON value.
pub fn document(run: &Run, lang: Lang) -> Report<'_> {
    Report {
        report_version: REPORT_VERSION,
        lang,
        tool: ToolDoc { name: run.tool.name, version: run.tool.version },
        dictionary: DictionaryDoc {
            version: run.dictionary.version,
            status: run.dictionary.status.as_str(),
            checksum: run.dictionary.checksum,
        },
        lots: run.lots.iter().map(|l| lot(l, lang)).collect(),
        summary: RunSummary::of(run),
        advisor: run.advisor.as_ref().map(advisor),
    }
}

/// The whole document.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub report_version: u32,
    /// The language of the messages: `fr` or `en`. Rule ids, elements and codes do not change with it.
    pub lang: Lang,
    pub tool: ToolDoc,
    pub dictionary: DictionaryDoc,
    pub lots: Vec<Lot<'a>>,
    pub summary: RunSummary,
    /// The advisor file applied, when one was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advisor: Option<AdvisorDoc<'a>>,
}

/// The advisor file of the run: its hash, its entry count, and the entries expired or unused.
#[derive(Debug, Serialize)]
pub struct AdvisorDoc<'a> {
    pub file: &'a str,
    pub sha256: &'a str,
    pub entries: usize,
    pub expired: Vec<AdviceDoc<'a>>,
    pub unused: Vec<AdviceDoc<'a>>,
}

fn advisor(advisor: &AdvisorOutcome) -> AdvisorDoc<'_> {
    AdvisorDoc {
        file: &advisor.file,
        sha256: &advisor.sha256,
        entries: advisor.entries,
        expired: advisor.expired.iter().map(advice).collect(),
        unused: advisor.unused.iter().map(advice).collect(),
    }
}

/// An entry of the advisor file: where it is, its rule, reason and expiry.
#[derive(Debug, Serialize)]
pub struct AdviceDoc<'a> {
    pub file: &'a str,
    pub line: u32,
    pub rule: &'a str,
    pub reason: &'a str,
    pub expires: &'a str,
}

fn advice(entry: &EntryRef) -> AdviceDoc<'_> {
    AdviceDoc { file: &entry.file, line: entry.line, rule: &entry.rule, reason: &entry.reason, expires: &entry.expires }
}

/// A finding an advisor entry suppressed: the finding as it was, and the entry.
#[derive(Debug, Serialize)]
pub struct SuppressedDoc<'a> {
    pub finding: FindingDoc<'a>,
    pub advice: AdviceDoc<'a>,
}

fn suppressed(item: &Suppressed, lang: Lang) -> SuppressedDoc<'_> {
    SuppressedDoc { finding: finding(&item.finding, lang), advice: advice(&item.advice) }
}

/// The program that produced the run.
#[derive(Debug, Serialize)]
pub struct ToolDoc {
    pub name: &'static str,
    pub version: &'static str,
}

/// The dictionary the lots were checked against.
#[derive(Debug, Serialize)]
pub struct DictionaryDoc {
    pub version: &'static str,
    /// `applicable` (the version the seeds call applicable) or `modelled`.
    pub status: &'static str,
    pub checksum: &'static str,
}

/// One lot.
#[derive(Debug, Serialize)]
pub struct Lot<'a> {
    pub input: &'a str,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identification: Option<&'a str>,
    pub verdict: &'static str,
    pub summary: Summary,
    pub files: Vec<File<'a>>,
    pub findings: Vec<FindingDoc<'a>>,
    pub not_evaluated: Vec<NotEvaluatedDoc<'a>>,
    /// Findings an advisor file suppressed (not counted); absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<SuppressedDoc<'a>>,
    /// Absent for a PJ checked alone: the receiving side never answers a PJ by itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arl: Option<Arl<'a>>,
    /// The second verdict: whether the caisse can use the PJ when it pays (never part of the ARL).
    pub caisse: Caisse<'a>,
}

/// Whether the caisse can use the lot's PJ, with the findings of the rules it decides.
#[derive(Debug, Serialize)]
pub struct Caisse<'a> {
    /// `usable`, `not-usable` or `not-fully-evaluated`.
    pub verdict: &'static str,
    pub findings: Vec<CaisseFinding<'a>>,
}

/// A finding of a rule the caisse decides, with the public text the rule comes from.
#[derive(Debug, Serialize)]
pub struct CaisseFinding<'a> {
    pub rule: &'static str,
    pub severity: &'static str,
    pub location: LocationDoc<'a>,
    pub message: String,
    pub source: &'static str,
}

fn caisse(lot: &LotOutcome, lang: Lang) -> Caisse<'_> {
    let findings = lot
        .caisse_findings()
        .map(|f| CaisseFinding {
            rule: f.rule,
            severity: f.severity.as_str(),
            location: location(&f.location),
            message: f.text.render(lang),
            source: crate::summary::rule_source(f.rule).unwrap_or_default(),
        })
        .collect();
    Caisse { verdict: lot.caisse_verdict().as_str(), findings }
}

fn lot(lot: &LotOutcome, lang: Lang) -> Lot<'_> {
    Lot {
        input: &lot.input,
        kind: kind_name(lot.kind),
        identification: lot.identification.as_deref(),
        verdict: verdict(lot),
        summary: Summary::of(lot),
        files: lot.files.iter().map(file).collect(),
        findings: lot.findings.iter().enumerate().map(|(index, f)| regraded(lot, index, finding(f, lang))).collect(),
        not_evaluated: lot.not_evaluated.iter().map(|item| not_evaluated(item, lang)).collect(),
        suppressed: lot.suppressed.iter().map(|item| suppressed(item, lang)).collect(),
        arl: arl(lot, lang),
        caisse: caisse(lot, lang),
    }
}

/// One file of the lot.
#[derive(Debug, Serialize)]
pub struct File<'a> {
    pub name: &'a str,
    pub role: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dossier: Option<u32>,
    pub bytes: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plain_bytes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
}

fn file(file: &FileOutcome) -> File<'_> {
    File {
        name: &file.name,
        role: file.role.as_str(),
        dossier: file.dossier,
        bytes: file.bytes,
        plain_bytes: file.plain_bytes,
        pages: file.pages,
    }
}

/// One finding.
#[derive(Debug, Serialize)]
pub struct FindingDoc<'a> {
    pub rule: &'static str,
    pub severity: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub element: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<&'static str>,
    pub provenance: &'static str,
    /// `pair` (the receiving point: its errors make the ARL), `caisse` or `ps`.
    pub decided_by: &'static str,
    pub location: LocationDoc<'a>,
    pub message: String,
    /// The rule's own severity, when an advisor entry gave the finding another.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regraded_from: Option<&'static str>,
    /// The advisor entry that re-graded the finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advice: Option<AdviceDoc<'a>>,
}

/// `doc` with the advisor entry that re-graded the finding at `index`, if one did.
fn regraded<'a>(lot: &'a LotOutcome, index: usize, mut doc: FindingDoc<'a>) -> FindingDoc<'a> {
    if let Some(regraded) = lot.regrade_of(index) {
        doc.regraded_from = Some(regraded.from.as_str());
        doc.advice = Some(advice(&regraded.advice));
    }
    doc
}

fn finding(finding: &Finding, lang: Lang) -> FindingDoc<'_> {
    FindingDoc {
        rule: finding.rule,
        severity: finding.severity.as_str(),
        element: finding.element,
        clause: finding.clause.as_deref(),
        cause: finding.cause,
        provenance: finding.provenance.as_str(),
        decided_by: finding.decided_by.as_str(),
        location: location(&finding.location),
        message: finding.text.render(lang),
        regraded_from: None,
        advice: None,
    }
}

/// Where a finding is. `file` is empty for a finding about the whole lot.
#[derive(Debug, Serialize)]
pub struct LocationDoc<'a> {
    pub file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xpath: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byte_offset: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

fn location(location: &Location) -> LocationDoc<'_> {
    LocationDoc {
        file: &location.file,
        xpath: location.xpath.as_deref(),
        line: location.line,
        column: location.column,
        byte_offset: location.byte_offset,
        page: location.page,
    }
}

/// A check that could not be run.
#[derive(Debug, Serialize)]
pub struct NotEvaluatedDoc<'a> {
    pub file: &'a str,
    pub checks: String,
    pub reason: String,
    /// The rules the entry stands for.
    pub rules: &'a [&'static str],
}

fn not_evaluated(item: &NotEvaluated, lang: Lang) -> NotEvaluatedDoc<'_> {
    let (checks, reason) = (item.checks.render(lang), item.reason.render(lang));
    NotEvaluatedDoc { file: &item.file, checks, reason, rules: &item.rules }
}

/// The predicted ARL. `dossiers` is present for a dossier rejection only.
#[derive(Debug, Serialize)]
pub struct Arl<'a> {
    pub outcome: &'static str,
    pub cause: &'static str,
    pub label: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dossiers: Option<Vec<Dossier<'a>>>,
    /// True when the lot was not fully evaluated: the outcome holds only for what could be checked.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub so_far_as_checked: bool,
    /// Values of the ARL documents not read from the lot header (it could not be read), and their origin.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fallbacks: Vec<String>,
}

/// The predicted ARL of `lot`, when it has one.
pub(crate) fn arl(lot: &LotOutcome, lang: Lang) -> Option<Arl<'_>> {
    let arl = lot.arl.as_ref()?;
    let dossiers = match arl {
        PredictedArl::DossierRejection { dossiers, .. } => Some(dossiers.iter().map(dossier).collect()),
        _ => None,
    };
    let so_far_as_checked = so_far_as_checked(lot);
    Some(Arl {
        outcome: arl.outcome(),
        cause: arl.cause(),
        label: arl.label(),
        dossiers,
        so_far_as_checked,
        fallbacks: lot.arl_fallbacks.iter().map(|text| text.render(lang)).collect(),
    })
}

/// A rejected dossier of a dossier rejection.
#[derive(Debug, Serialize)]
pub struct Dossier<'a> {
    pub dossier: u32,
    pub file: &'a str,
    pub cause: &'static str,
    pub label: &'static str,
}

fn dossier(dossier: &RejectedDossier) -> Dossier<'_> {
    Dossier { dossier: dossier.dossier, file: &dossier.file, cause: dossier.cause, label: dossier.label }
}
