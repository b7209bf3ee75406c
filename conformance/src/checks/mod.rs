//! The checks of a lot, one module per stage of reading it (transport, inventory, header, dossiers,
//! PJ), all raising findings through the [`Collector`], which finds each check's rule in the dictionary.

pub mod deprecation;
pub mod dossier;
pub mod envelope;
pub mod header;
pub mod history;
pub mod inventory;
pub mod pj;
pub mod requires;
pub mod transport;

use crate::header::Header;
use crate::keys::Keys;
use crate::outcome::NotEvaluated;
use scor_dictionary::{Check, Dictionary, Finding, Level, Limit, Location};
use scor_locale::{Text, text};
use std::collections::HashMap;

/// What the checks of one dossier need around them.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub header: Option<&'a Header>,
    /// The organism keys and certificates the checker knows.
    pub keys: &'a Keys,
    /// The lot is given before sealing: its dossier files are plain XML and PDF.
    pub plain: bool,
    pub reveal: bool,
    /// Make the pages' thumbnails (only when patient data may be shown).
    pub thumbnails: bool,
    /// A history of earlier lots, for EXTERNE references.
    pub history: Option<&'a dyn crate::history::LotHistory>,
}

/// Gathers the findings and not-evaluated checks of one lot (or of one dossier, absorbed later).
#[derive(Debug)]
pub struct Collector {
    pub dictionary: &'static Dictionary,
    pub findings: Vec<Finding>,
    pub not_evaluated: Vec<NotEvaluated>,
    /// Thumbnails of PJ pages (only filled when patient data may be shown).
    pub pages: Vec<crate::outcome::PageView>,
    /// Findings raised per rule and file, and how many past `findings_max_per_rule` were left out.
    raised: HashMap<(&'static str, String), (u64, u64)>,
    /// Where a finding left out goes, so that callers can still set its element or clause.
    left_out: Option<Finding>,
}

impl Collector {
    pub fn new(dictionary: &'static Dictionary) -> Self {
        Self {
            dictionary,
            findings: Vec::new(),
            not_evaluated: Vec::new(),
            pages: Vec::new(),
            raised: HashMap::new(),
            left_out: None,
        }
    }

    /// Raises the rule of `check` at `location`, with the ARL cause the rule has at `level`. Past
    /// `findings_max_per_rule` findings of one rule in one file, the finding is only counted.
    pub fn raise(&mut self, check: Check, level: Level, location: Location, message: impl Into<Text>) -> &mut Finding {
        let rule = self.dictionary.rule(check, None);
        let finding = Finding::new(rule, level, location, message);
        let max = self.dictionary.limit(Limit::FindingsMaxPerRule);
        let (kept, left_out) = self.raised.entry((rule.id, finding.location.file.clone())).or_default();
        if *kept >= max {
            *left_out += 1;
            return self.left_out.insert(finding);
        }
        *kept += 1;
        self.findings.push(finding);
        self.findings.last_mut().expect("just pushed")
    }

    /// Ends the collection: for each rule and file with findings left out, one more finding of that
    /// rule says how many.
    pub fn finish(&mut self) {
        let max = self.dictionary.limit(Limit::FindingsMaxPerRule);
        let mut left: Vec<(&'static str, &str, u64)> = self
            .raised
            .iter()
            .filter(|(_, (_, left_out))| *left_out > 0)
            .map(|((rule, file), (_, left_out))| (*rule, file.as_str(), *left_out))
            .collect();
        left.sort_unstable();
        let mut summaries = Vec::new();
        for (rule, file, left_out) in left {
            let Some(last) = self.findings.iter().rev().find(|f| f.rule == rule && f.location.file == file) else {
                continue;
            };
            let text = text!("findings-left-out", count = left_out, rule = rule, file = file, max = max);
            let mut summary = Finding { location: Location::file(file), ..last.clone() };
            summary.retell(|_| text);
            summaries.push(summary);
        }
        self.findings.extend(summaries);
        self.raised.clear();
    }

    /// Takes in the findings, not-evaluated checks, pages and counts of `other`, after its own, as if
    /// they had been raised here: for the files of one dossier, checked apart. Each raises findings
    /// on its own file only, so the per-rule limit counts the same.
    pub fn merge(&mut self, other: Collector) {
        self.findings.extend(other.findings);
        self.not_evaluated.extend(other.not_evaluated);
        self.pages.extend(other.pages);
        for (key, (kept, left_out)) in other.raised {
            let counts = self.raised.entry(key).or_default();
            counts.0 += kept;
            counts.1 += left_out;
        }
    }

    /// Takes in the findings, not-evaluated checks and pages of `other` (a dossier's), after its own.
    pub fn absorb(&mut self, mut other: Collector) {
        other.finish();
        self.findings.extend(other.findings);
        self.not_evaluated.extend(other.not_evaluated);
        self.pages.extend(other.pages);
    }

    /// Records that `checks` (the rules of `stages`) could not be run on `file`, and why.
    pub fn skip(&mut self, file: &str, stages: &[&[Check]], checks: impl Into<Text>, reason: impl Into<Text>) {
        let mut rules: Vec<&'static str> = Vec::new();
        for check in stages.iter().flat_map(|stage| stage.iter()) {
            let by_element =
                self.dictionary.rules_by_element.iter().filter(|(c, _, _)| c == check).map(|(_, _, r)| r.id);
            for id in std::iter::once(self.dictionary.rule(*check, None).id).chain(by_element) {
                if !rules.contains(&id) {
                    rules.push(id);
                }
            }
        }
        let (file, checks, reason) = (file.to_owned(), checks.into(), reason.into());
        self.not_evaluated.push(NotEvaluated { file, checks, reason, rules });
    }

    /// Whether any finding so far is an error in `file`.
    pub fn has_error_in(&self, file: &str) -> bool {
        self.findings.iter().any(|f| f.location.file == file && f.severity == scor_dictionary::Severity::Error)
    }
}

/// The checks each stage of reading a lot runs: what a not-evaluated entry stands for, by rule.
pub mod stage {
    use scor_dictionary::Check::{self, *};

    /// Reading one XML document (header or index) against its message.
    pub const XML: &[Check] = &[
        Syntax,
        Limit,
        Dtd,
        Root,
        Attribute,
        Namespace,
        Unknown,
        Order,
        Missing,
        Repeat,
        Content,
        Length,
        Format,
        Pattern,
        Range,
        Code,
        Grammar,
        CodeDeprecated,
        CodeRequires,
    ];
    /// The header's rules across its fields and against the lot's files.
    pub const HEADER: &[Check] = &[
        HeaderIdentification,
        HeaderFileName,
        HeaderDossierCount,
        HeaderDossierNumbers,
        HeaderPieceIndices,
        HeaderIndexLot,
        HeaderLien,
        HeaderDateFse,
        HeaderDateInvoice,
        InventoryHeaderMismatch,
        RoutingUnknown,
        MailTo,
        MailSubject,
        PjNatureCount,
    ];
    /// The envelope of an index or PJ file.
    pub const ENVELOPE: &[Check] =
        &[CmsStructure, CmsRecipient, CmsAlgorithm, CmsAlgorithmWeak, CmsDecrypt, CmsCertificate];
    /// A decrypted index against its dossier.
    pub const INDEX: &[Check] = &[IndexNirKey, IndexHeader, PjIdentifier];
    /// A decrypted PJ against its header Piece.
    pub const PJ: &[Check] = &[PjSize, PjDigest, PjNature];
    /// PDF reading and PDF/A-1b.
    pub const PDF: &[Check] =
        &[PdfSyntax, PdfLimit, Pdfa6_1, Pdfa6_2, Pdfa6_3, Pdfa6_4, Pdfa6_5, Pdfa6_6, Pdfa6_7, Pdfa6_9];
    /// Scan quality of the pages of a PJ.
    pub const QUALITY: &[Check] = &[
        QualityBlank,
        QualityBlack,
        QualityContrast,
        QualityTruncated,
        QualitySkew,
        QualityDuplicate,
        QualityResolution,
        QualityPageSize,
        QualityGrey,
    ];
    /// Every check of a dossier's files once opened.
    pub const CONTENT: &[&[Check]] = &[XML, INDEX, PJ, PDF, QUALITY];
    /// Every check of a PJ once opened.
    pub const PJ_CONTENT: &[&[Check]] = &[PJ, PDF, QUALITY];
}

/// Whether the validator's findings say the document could not be read at all (syntax, reading limit,
/// DTD, wrong root): cross-field rules then have nothing to work on.
pub fn unreadable(dictionary: &Dictionary, findings: &[Finding]) -> bool {
    let fatal = [Check::Syntax, Check::Limit, Check::Dtd, Check::Root].map(|check| dictionary.rule(check, None).id);
    findings.iter().any(|f| fatal.contains(&f.rule))
}

/// Texts in a row, separated by commas (`a, b, c`), each rendered in the language of the whole.
pub fn list(items: impl IntoIterator<Item = Text>) -> Text {
    let items: Vec<Text> = items.into_iter().collect();
    let mut rest = items.into_iter().rev();
    let Some(last) = rest.next() else { return Text::verbatim("") };
    rest.fold(last, |tail, item| text!("list-join", first = item, rest = tail))
}

/// A finding about dossier file `file` found in the header at `element`: the ARL names the dossier's
/// file; the XPath, rooted at the header's ENTSCANORDO, says where in the header.
pub fn in_header(file: &str, element: &crate::document::Element) -> Location {
    Location::file(file).with_xpath(element.xpath.clone())
}

#[cfg(test)]
mod tests {
    use super::list;
    use scor_locale::{Lang, text};

    #[test]
    fn a_list_of_texts_renders_each_in_the_language_of_the_whole() {
        let reasons = list([text!("skip-quality"), text!("skip-quality-page", page = 2)]);
        assert_eq!(reasons.render(Lang::En), "scan quality, scan quality of page 2");
        assert_eq!(reasons.render(Lang::Fr), "la qualité de numérisation, la qualité de numérisation de la page 2");
        assert_eq!(list([]).render(Lang::Fr), "");
    }

    #[test]
    fn counts_choose_the_plural_in_each_language() {
        let one = text!("skip-pdfa-clauses", count = 1, clauses = "6.1.2");
        let two = text!("skip-pdfa-clauses", count = 2, clauses = "6.1.2, 6.3.4");
        assert_eq!(one.render(Lang::En), "PDF/A-1b clause 6.1.2");
        assert_eq!(two.render(Lang::En), "PDF/A-1b clauses 6.1.2, 6.3.4");
        assert_eq!(two.render(Lang::Fr), "les clauses PDF/A-1b 6.1.2, 6.3.4");
        let left = text!("findings-left-out", count = 1, rule = "PDFA-6.2", file = "P-001-001.pdf", max = 50);
        assert_eq!(
            left.render(Lang::En),
            "1 more findings of PDFA-6.2 in P-001-001.pdf are not listed (findings_max_per_rule: 50)"
        );
        assert_eq!(
            left.render(Lang::Fr),
            "1 autre constat de PDFA-6.2 dans P-001-001.pdf n'est pas listé (findings_max_per_rule : 50)"
        );
    }
}
