//! The checks of a lot, one module per stage of reading it (transport, inventory, header, dossiers,
//! PJ), all raising findings through the [`Collector`], which finds each check's rule in the dictionary.

pub mod deprecation;
pub mod dossier;
pub mod header;
pub mod inventory;
pub mod pj;
pub mod requires;
pub mod transport;

use crate::outcome::NotEvaluated;
use scor_dictionary::{Dictionary, Finding, Level, Location};

/// Every check of the engine, each raised through the one rule of `rules.csv` whose `check` column
/// names it (scor-codegen's `CONFORMANCE_CHECKS` holds the same list; a test compares them).
pub const ALL: [&str; 64] = [
    "mail-unreadable",
    "mail-no-attachment",
    "mail-multipart",
    "mail-attachment-name",
    "mail-attachment-type",
    "mail-subject",
    "mail-to",
    "routing-unknown",
    "lot-size",
    "lot-message-size",
    "inventory-header",
    "inventory-stray",
    "inventory-extension",
    "inventory-duplicate",
    "inventory-numbering",
    "inventory-pj-missing",
    "inventory-header-mismatch",
    "header-identification",
    "header-file-name",
    "header-dossier-count",
    "header-dossier-numbers",
    "header-piece-indices",
    "header-index-lot",
    "header-lien",
    "header-date-fse",
    "header-date-invoice",
    // Codes the lot uses: validity dates and required elements of the code lists.
    "code-deprecated",
    "code-requires",
    "pj-identifier",
    "pj-externe",
    "pj-nature",
    "cms-structure",
    "cms-recipient",
    "cms-algorithm",
    "cms-algorithm-weak",
    "cms-decrypt",
    "index-nir-key",
    "index-header",
    "pj-size",
    "pj-digest",
    "pdf-syntax",
    "pdfa-6.1",
    "pdfa-6.2",
    "pdfa-6.3",
    "pdfa-6.4",
    "pdfa-6.5",
    "pdfa-6.6",
    "pdfa-6.7",
    "pdfa-6.9",
    // Reading a return (scor-answering).
    "arl-file-missing",
    "arl-file-stray",
    "arl-inconsistent",
    "arl-dossier-file",
    "arl-mismatch",
    "service-message-code",
    // Scan quality of PJ pages (scor-quality).
    "quality-blank",
    "quality-black",
    "quality-contrast",
    "quality-truncated",
    "quality-skew",
    "quality-duplicate",
    "quality-resolution",
    "quality-grey",
    // The receiving side (scor-pair).
    "lot-retransmission",
];

/// Gathers the findings and not-evaluated checks of one lot.
#[derive(Debug)]
pub struct Collector {
    pub dictionary: &'static Dictionary,
    pub findings: Vec<Finding>,
    pub not_evaluated: Vec<NotEvaluated>,
    /// Thumbnails of PJ pages (only filled when patient data may be shown).
    pub pages: Vec<crate::outcome::PageView>,
}

impl Collector {
    pub fn new(dictionary: &'static Dictionary) -> Self {
        Self { dictionary, findings: Vec::new(), not_evaluated: Vec::new(), pages: Vec::new() }
    }

    /// Raises the rule of `check` at `location`, with the ARL cause the rule has at `level`.
    pub fn raise(&mut self, check: &str, level: Level, location: Location, message: impl Into<String>) -> &mut Finding {
        let rule = self.dictionary.rule_for(check);
        self.findings.push(Finding::new(rule, level, location, message));
        self.findings.last_mut().expect("just pushed")
    }

    /// Records that `checks` could not be run on `file`, and why.
    pub fn skip(&mut self, file: &str, checks: impl Into<String>, reason: impl Into<String>) {
        self.not_evaluated.push(NotEvaluated { file: file.to_owned(), checks: checks.into(), reason: reason.into() });
    }

    /// Whether any finding so far is an error in `file`.
    pub fn has_error_in(&self, file: &str) -> bool {
        self.findings.iter().any(|f| f.location.file == file && f.severity == scor_dictionary::Severity::Error)
    }
}

/// Whether the validator's findings say the document could not be read at all (syntax, reading limit,
/// DTD, wrong root): cross-field rules then have nothing to work on.
pub fn unreadable(dictionary: &Dictionary, findings: &[Finding]) -> bool {
    use scor_dictionary::schema::Check;
    let fatal = [Check::Syntax, Check::Limit, Check::Dtd, Check::Root].map(|check| dictionary.rule(check, None).id);
    findings.iter().any(|f| fatal.contains(&f.rule))
}
