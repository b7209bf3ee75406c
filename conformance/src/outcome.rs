//! What a conformance run produces: per lot, every finding, what could not be evaluated, and the ARL the
//! receiving side would send back. Reports (text, JSON, JUnit, SARIF) are rendered from these types only.

use scor_dictionary::{DecidedBy, Dictionary, Finding, Level, Severity};
use scor_locale::{Text, text};
use scor_lot::LotKind;
use std::fmt;

/// One run of `conform` over one or more lots, against one dictionary version.
#[derive(Debug)]
pub struct Run {
    pub tool: Tool,
    pub dictionary: &'static Dictionary,
    pub lots: Vec<LotOutcome>,
    /// What the advisor file did, when one was applied (`None`: no advisor file).
    pub advisor: Option<AdvisorOutcome>,
}

/// The program that produced a report.
#[derive(Debug, Clone)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

impl Tool {
    pub const SCOR_KIT: Tool = Tool { name: "scor-kit", version: env!("CARGO_PKG_VERSION") };
}

/// What the checks found in one lot (a folder or an SMTP message).
#[derive(Debug, Clone)]
pub struct LotOutcome {
    /// The path the lot was read from, as given.
    pub input: String,
    pub kind: LotKind,
    /// The lot's Identification (EF_PA_001_01), when the header could be read.
    pub identification: Option<String>,
    /// Every file of the lot, in lot order, with the part of the checks it went through.
    pub files: Vec<FileOutcome>,
    /// Every finding, in the order the checks met them (header first, then dossier by dossier).
    pub findings: Vec<Finding>,
    /// Checks that could not be run, and why: never to be read as passed.
    pub not_evaluated: Vec<NotEvaluated>,
    /// The ARL the receiving side would answer with; `None` for a PJ checked alone, which the
    /// receiving side never answers by itself.
    pub arl: Option<PredictedArl>,
    /// What the ARL documents say of the lot without reading it from the header (a header that cannot
    /// be read): each value, and where it came from instead.
    pub arl_fallbacks: Vec<Text>,
    /// XML sources findings can be shown against (header always; indexes only when patient data is
    /// revealed).
    pub sources: Vec<Source>,
    /// Small renderings of PJ pages, for reports that show them (HTML).
    pub pages: Vec<PageView>,
    /// Findings an advisor file suppressed: no longer counted, always shown as suppressed.
    pub suppressed: Vec<Suppressed>,
    /// Findings of `findings` an advisor file gave another severity.
    pub regraded: Vec<Regraded>,
}

impl LotOutcome {
    /// What the checks of the lot add up to.
    pub fn verdict(&self) -> Verdict {
        if self.findings.iter().any(|f| f.severity == Severity::Error) {
            Verdict::NotConformant
        } else if !self.not_evaluated.is_empty() {
            Verdict::NotFullyEvaluated
        } else {
            Verdict::Conformant
        }
    }

    /// Whether the lot is conformant: every applicable check ran, and none found an error.
    pub fn is_conformant(&self) -> bool {
        self.verdict() == Verdict::Conformant
    }

    /// Whether the caisse can use the lot's PJ when it pays the invoice: the errors of the rules it
    /// decides (`decided_by` = `caisse`), which the receiving point does not answer in the ARL.
    pub fn caisse_verdict(&self) -> CaisseVerdict {
        let caisse = |rule: &str| rule_anywhere(rule).is_some_and(|r| r.decided_by == DecidedBy::Caisse);
        if self.caisse_findings().any(|f| f.severity == Severity::Error) {
            CaisseVerdict::NotUsable
        } else if self.not_evaluated.iter().any(|n| n.rules.iter().any(|r| caisse(r))) {
            CaisseVerdict::NotFullyEvaluated
        } else {
            CaisseVerdict::Usable
        }
    }

    /// The findings of the rules the caisse decides.
    pub fn caisse_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.decided_by == DecidedBy::Caisse)
    }

    /// Number of findings of each severity: (errors, warnings, infos).
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |s| self.findings.iter().filter(|f| f.severity == s).count();
        (count(Severity::Error), count(Severity::Warning), count(Severity::Info))
    }
}

/// A finding an advisor entry suppressed, with that entry (its reason and expiry).
#[derive(Debug, Clone)]
pub struct Suppressed {
    pub finding: Finding,
    pub advice: EntryRef,
}

/// A finding an advisor entry re-graded: its position in [`LotOutcome::findings`] and the rule's severity.
#[derive(Debug, Clone)]
pub struct Regraded {
    pub finding: usize,
    pub from: Severity,
    pub advice: EntryRef,
}

impl LotOutcome {
    /// How an advisor entry re-graded the finding at `index` of `findings`, if one did.
    pub fn regrade_of(&self, index: usize) -> Option<&Regraded> {
        self.regraded.iter().find(|regraded| regraded.finding == index)
    }
}

/// Which entry of which advisor file: `scor-advisor.toml:12 (FIELD-LENGTH)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntryRef {
    pub file: String,
    pub line: u32,
    pub rule: String,
    pub reason: String,
    pub expires: String,
}

impl fmt::Display for EntryRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{} ({})", self.file, self.line, self.rule)
    }
}

/// What applying the advisor file to a run found about the file itself: entries past their expiry
/// (no longer applied) and entries that matched no finding.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AdvisorOutcome {
    pub file: String,
    pub sha256: String,
    pub entries: usize,
    pub expired: Vec<EntryRef>,
    pub unused: Vec<EntryRef>,
}

impl AdvisorOutcome {
    /// One warning line per expired or unused entry, for standard error and the text report.
    pub fn warnings(&self) -> Vec<Text> {
        let expired = self
            .expired
            .iter()
            .map(|entry| text!("advisor-expired", entry = entry.to_string(), expires = entry.expires.as_str()));
        let unused = self.unused.iter().map(|entry| text!("advisor-unused", entry = entry.to_string()));
        expired.chain(unused).collect()
    }
}

/// One file of a lot and how far the checks could go with it.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    pub name: String,
    pub role: FileRole,
    /// Dossier number, for index and PJ files.
    pub dossier: Option<u32>,
    /// Size in bytes as found in the lot (encrypted size for `.pkcs7` files).
    pub bytes: u64,
    /// Size of the decrypted content, when it was decrypted.
    pub plain_bytes: Option<u64>,
    /// Number of pages, for a PJ that parsed as PDF.
    pub pages: Option<u32>,
}

/// The verdict on a lot. Conformant is a promise: every applicable check ran and passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Every applicable check ran, and none found an error.
    Conformant,
    /// At least one error.
    NotConformant,
    /// No error, but some checks could not run (listed as not evaluated): never to be read as conformant.
    NotFullyEvaluated,
}

impl Verdict {
    /// `conformant`, `not-conformant` or `not-fully-evaluated`: the word of machine-readable reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Conformant => "conformant",
            Self::NotConformant => "not-conformant",
            Self::NotFullyEvaluated => "not-fully-evaluated",
        }
    }

    /// `conformant`, `NOT conformant` or `not fully evaluated`: the words of reports for people.
    pub fn words(self) -> &'static str {
        match self {
            Self::Conformant => "conformant",
            Self::NotConformant => "NOT conformant",
            Self::NotFullyEvaluated => "not fully evaluated",
        }
    }
}

/// The rule `id` in any dictionary version (rule ids are stable across versions).
fn rule_anywhere(id: &str) -> Option<&'static scor_dictionary::Rule> {
    scor_dictionary::DICTIONARIES.iter().find_map(|d| d.rule_by_id(id))
}

/// Whether the caisse can use the PJ of a lot when the invoice is paid (annexe XV anomalies): a verdict
/// beside the predicted ARL, which only the receiving point's controls make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaisseVerdict {
    /// No rule the caisse decides found an error, and every one of them ran.
    Usable,
    /// A PJ page is unusable (blank, black, without contrast, truncated): the caisse treats the PJ as missing.
    NotUsable,
    /// No error, but a rule the caisse decides could not run on some file.
    NotFullyEvaluated,
}

impl CaisseVerdict {
    /// `usable`, `not-usable` or `not-fully-evaluated`: the word of machine-readable reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Usable => "usable",
            Self::NotUsable => "not-usable",
            Self::NotFullyEvaluated => "not-fully-evaluated",
        }
    }

    /// The words of reports for people.
    pub fn words(self) -> &'static str {
        match self {
            Self::Usable => "usable by the caisse",
            Self::NotUsable => "NOT usable by the caisse",
            Self::NotFullyEvaluated => "usable by the caisse so far as checked",
        }
    }
}

/// What a file is in its lot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileRole {
    Header,
    Index,
    Pj,
    /// A file matching no file-name pattern, or a second file of one name.
    Stray,
}

impl FileRole {
    /// `header`, `index`, `pj` or `stray`, as reports write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Header => "header",
            Self::Index => "index",
            Self::Pj => "pj",
            Self::Stray => "stray",
        }
    }
}

/// A check that could not be run on a file, with the reason (undecryptable file, header unreadable...).
#[derive(Debug, Clone)]
pub struct NotEvaluated {
    pub file: String,
    /// What was not checked, in words (`index and PJ checks`, `PDF/A-1b clause 6.7`...).
    pub checks: Text,
    pub reason: Text,
    /// The rules (`rules.csv` ids) the entry stands for: none of them was evaluated on the file.
    pub rules: Vec<&'static str>,
}

/// The ARL the receiving side would answer with, following SCOR-BRIEF §3 "Which level a rejection is at".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PredictedArl {
    /// Etat A, cause 0000: the lot is passed to the AMO.
    Accepted { cause: &'static str, label: &'static str },
    /// Etat R on the header, cause ≠ 5999: the LPS retransmits with a new header.
    HeaderRejection { cause: &'static str, label: &'static str },
    /// Etat R, cause 5999, one DiagDossier per rejected dossier naming one file.
    DossierRejection { cause: &'static str, label: &'static str, dossiers: Vec<RejectedDossier> },
    /// A service message instead of an ARL (message unreadable, no attachment...).
    ServiceMessage { cause: &'static str, label: &'static str },
}

impl PredictedArl {
    /// The header-level cause (EF_MR_018_03) or service-message code.
    pub fn cause(&self) -> &'static str {
        match self {
            Self::Accepted { cause, .. }
            | Self::HeaderRejection { cause, .. }
            | Self::DossierRejection { cause, .. }
            | Self::ServiceMessage { cause, .. } => cause,
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Self::Accepted { label, .. }
            | Self::HeaderRejection { label, .. }
            | Self::DossierRejection { label, .. }
            | Self::ServiceMessage { label, .. } => label,
        }
    }

    /// Short name of the outcome: `accepted`, `header-rejection`, `dossier-rejection`, `service-message`.
    pub fn outcome(&self) -> &'static str {
        match self {
            Self::Accepted { .. } => "accepted",
            Self::HeaderRejection { .. } => "header-rejection",
            Self::DossierRejection { .. } => "dossier-rejection",
            Self::ServiceMessage { .. } => "service-message",
        }
    }
}

/// A dossier of a dossier-level rejection: its number, the one file the diagnostic names, the cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedDossier {
    pub dossier: u32,
    pub file: String,
    pub cause: &'static str,
    pub label: &'static str,
}

/// One PJ page as a report can show it: a downscaled PNG of the decoded page image.
#[derive(Debug, Clone)]
pub struct PageView {
    pub file: String,
    /// Page number, from 1.
    pub page: u32,
    pub width: u32,
    pub height: u32,
    /// PNG bytes of the thumbnail.
    pub png: Vec<u8>,
}

/// The text of an XML file of the lot, for excerpts next to findings.
#[derive(Debug, Clone)]
pub struct Source {
    pub file: String,
    pub text: String,
    pub level: Level,
}
