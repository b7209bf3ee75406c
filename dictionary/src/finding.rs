//! What a check reports: a finding names its rule, the SCOR data element, where it was found and why.
//! Every reader, validator and report in scor-kit speaks in these types.

use scor_locale::{Lang, Text};
use serde::Serialize;
use std::fmt;

/// How serious a finding is. `Error` makes the lot non-conformant; `Warning` does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "info" => Some(Self::Info),
            "warning" => Some(Self::Warning),
            "error" => Some(Self::Error),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a fact of the dictionary comes from (see `spec/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    /// Stated in the seed documents.
    Seed,
    /// A public fact found outside the seeds.
    Public,
    /// A decision of scor-kit where the public material is silent.
    Modelled,
}

impl Provenance {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Seed => "seed",
            Self::Public => "public",
            Self::Modelled => "modelled",
        }
    }
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a file belongs to the lot as a whole (header-level ARL) or to one dossier (dossier-level).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Header,
    Dossier,
}

/// A place in a file: the file name, and as much of XPath, line, column, byte offset and page as is known.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Location {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xpath: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byte_offset: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Self { file: file.into(), ..Self::default() }
    }

    pub fn with_xpath(mut self, xpath: impl Into<String>) -> Self {
        self.xpath = Some(xpath.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        if let Some(xpath) = &self.xpath {
            write!(f, " {xpath}")?;
        }
        if let Some(page) = self.page {
            write!(f, " page {page}")?;
        }
        Ok(())
    }
}

/// What a rule is about: a lot an éditeur sends, a return (ARL, service message) it receives, or the
/// history of lots only the receiving side keeps (retransmissions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Lot,
    Return,
    History,
}

/// Who decides on what a rule finds (`decided_by` column of `rules.csv`): the receiving point's
/// automated controls (only these make the ARL), the caisse when it pays (whether a PJ is usable), or
/// the PS's own duties before sending (scanning advice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DecidedBy {
    Pair,
    Caisse,
    Ps,
}

impl DecidedBy {
    /// `pair`, `caisse` or `ps`, as the tables write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pair => "pair",
            Self::Caisse => "caisse",
            Self::Ps => "ps",
        }
    }
}

impl fmt::Display for DecidedBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule of the dictionary (a row of `rules.csv`), as the generated code declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub id: &'static str,
    /// The check that raises it (`syntax`, `length`, `code`, `lot-size`...).
    pub check: crate::Check,
    /// Whether it checks lots or returns (`applies_to` column).
    pub applies_to: Scope,
    /// The data element the rule is about, when it is about one element only.
    pub element: Option<&'static str>,
    pub severity: Severity,
    /// Who decides on its findings: only `pair` rules carry an ARL cause.
    pub decided_by: DecidedBy,
    /// ARL cause when the finding is in a header-level file.
    pub header_cause: Option<&'static str>,
    /// ARL cause when the finding is in a dossier-level file.
    pub dossier_cause: Option<&'static str>,
    pub provenance: Provenance,
    pub source: &'static str,
    /// What the rule checks, in English (`description` column).
    pub description: &'static str,
    /// What the rule checks, in French (`description_fr` column).
    pub description_fr: &'static str,
}

impl Rule {
    /// The ARL diagnostic code this rule produces in a file of the given level.
    pub fn cause(&self, level: Level) -> Option<&'static str> {
        match level {
            Level::Header => self.header_cause,
            Level::Dossier => self.dossier_cause,
        }
    }

    /// What the rule checks, in `lang`.
    pub fn description_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.description_fr,
            Lang::En => self.description,
        }
    }
}

/// One deviation from the dictionary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Rule id, e.g. `FIELD-PATTERN`.
    pub rule: &'static str,
    pub severity: Severity,
    /// SCOR data element (`EF_PA_001_17`...) the finding is about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub element: Option<&'static str>,
    /// Provenance of the rule that was applied.
    pub provenance: Provenance,
    /// Who decides on the finding: the receiving point (ARL), the caisse (usability) or the PS.
    pub decided_by: DecidedBy,
    /// ARL diagnostic code the receiving side would answer with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<&'static str>,
    /// Clause of a standard the finding follows (`ISO 19005-1 6.1.3`), for rules about PDF/A and the like.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    pub location: Location,
    /// The message in English, rendered from `text`; reports render `text` in their own language.
    pub message: String,
    /// The message as a text of the catalogues, in no language yet.
    #[serde(skip)]
    pub text: Text,
}

impl Finding {
    /// A finding of `rule` at `location`, with the cause that rule has at `level`.
    pub fn new(rule: &Rule, level: Level, location: Location, text: impl Into<Text>) -> Self {
        let text = text.into();
        Self {
            rule: rule.id,
            severity: rule.severity,
            element: rule.element,
            provenance: rule.provenance,
            decided_by: rule.decided_by,
            cause: rule.cause(level),
            clause: None,
            location,
            message: text.render(Lang::En),
            text,
        }
    }

    /// The finding told another way: its text becomes `retold(text)`, the message follows in English.
    pub fn retell(&mut self, retold: impl FnOnce(Text) -> Text) {
        let text = std::mem::replace(&mut self.text, Text::new(""));
        self.text = retold(text);
        self.message = self.text.render(Lang::En);
    }

    /// The same finding, following `clause` of a standard.
    pub fn under_clause(mut self, clause: impl Into<String>) -> Self {
        self.clause = Some(clause.into());
        self
    }

    /// The same finding, about data element `element`.
    pub fn about(mut self, element: &'static str) -> Self {
        self.element = Some(element);
        self
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}", self.location, self.severity, self.rule)?;
        if let Some(element) = self.element {
            write!(f, " {element}")?;
        }
        if let Some(clause) = &self.clause {
            write!(f, " {clause}")?;
        }
        write!(f, "] {}", self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DICTIONARIES;

    #[test]
    fn every_rule_is_described_in_each_language() {
        for dictionary in DICTIONARIES {
            for rule in dictionary.rules {
                assert_eq!(rule.description_in(Lang::En), rule.description, "{}", rule.id);
                assert_eq!(rule.description_in(Lang::Fr), rule.description_fr, "{}", rule.id);
                assert!(!rule.description_fr.trim().is_empty(), "{} {}", dictionary.version, rule.id);
                assert_ne!(rule.description_fr, rule.description, "{} {}: not translated", dictionary.version, rule.id);
            }
        }
    }

    #[test]
    fn a_rule_described_alike_in_english_is_described_alike_in_french() {
        let rules = || DICTIONARIES.iter().flat_map(|d| d.rules.iter());
        for a in rules() {
            for b in rules().filter(|b| b.id == a.id && b.description == a.description) {
                assert_eq!(a.description_fr, b.description_fr, "{}", a.id);
            }
        }
    }
}
