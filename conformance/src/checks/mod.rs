//! The checks of a lot, one module per stage of reading it (transport, inventory, header, dossiers,
//! PJ), all raising findings through the [`Collector`], which finds each check's rule in the dictionary.

pub mod deprecation;
pub mod dossier;
pub mod header;
pub mod inventory;
pub mod pj;
pub mod requires;
pub mod transport;

use crate::header::Header;
use crate::outcome::NotEvaluated;
use scor_dictionary::{Check, Dictionary, Finding, Level, Location};
use scor_lot::Key;

/// What the checks of one dossier need around them.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub header: Option<&'a Header>,
    /// The organism key of the lot's routing address, when one is known.
    pub key: Option<&'a Key>,
    pub reveal: bool,
}

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
    pub fn raise(
        &mut self,
        check: Check,
        level: Level,
        location: Location,
        message: impl Into<String>,
    ) -> &mut Finding {
        let rule = self.dictionary.rule(check, None);
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
    let fatal = [Check::Syntax, Check::Limit, Check::Dtd, Check::Root].map(|check| dictionary.rule(check, None).id);
    findings.iter().any(|f| fatal.contains(&f.rule))
}
