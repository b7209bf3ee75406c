//! Rule coverage of a corpus of lots: for every rule of a dictionary version, how many samples raised it
//! or read its input and passed, which lot rules no sample exercised, and the ARL causes the corpus gives.

use crate::outcome::{FileRole, LotOutcome};
use scor_dictionary::{Dictionary, Rule, Scope};
use serde::Serialize;
use std::collections::BTreeMap;

/// The coverage of a corpus.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Coverage {
    pub dictionary: &'static str,
    pub samples: usize,
    /// Every rule of the dictionary, in table order.
    pub rules: Vec<RuleCoverage>,
    /// Rules about lots that no sample exercised.
    pub unexercised: Vec<&'static str>,
    /// Predicted ARL causes (the header-level cause or service-message code) and how many samples get each.
    pub arl_causes: BTreeMap<&'static str, usize>,
}

/// How many samples exercised one rule.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RuleCoverage {
    pub rule: &'static str,
    /// `lot`, `return` or `history`: only lot rules can be exercised by lots.
    pub applies_to: Scope,
    /// Samples with at least one finding of the rule.
    pub raised: usize,
    /// Samples that did not raise it though the input it reads was there and evaluated.
    pub passed: usize,
}

impl RuleCoverage {
    pub fn exercised(&self) -> bool {
        self.raised + self.passed > 0
    }
}

impl Coverage {
    /// The coverage of `samples` (checked without an advisor file) against `dictionary`.
    pub fn of(dictionary: &'static Dictionary, samples: &[&LotOutcome]) -> Self {
        let rules: Vec<RuleCoverage> = dictionary.rules.iter().map(|rule| rule_coverage(rule, samples)).collect();
        let unexercised =
            rules.iter().filter(|r| r.applies_to == Scope::Lot && !r.exercised()).map(|r| r.rule).collect();
        let mut arl_causes = BTreeMap::new();
        for arl in samples.iter().filter_map(|sample| sample.arl.as_ref()) {
            *arl_causes.entry(arl.cause()).or_insert(0) += 1;
        }
        Self { dictionary: dictionary.version, samples: samples.len(), rules, unexercised, arl_causes }
    }
}

fn rule_coverage(rule: &'static Rule, samples: &[&LotOutcome]) -> RuleCoverage {
    let raised = |sample: &LotOutcome| sample.findings.iter().any(|finding| finding.rule == rule.id);
    let lot_rule = rule.applies_to == Scope::Lot;
    RuleCoverage {
        rule: rule.id,
        applies_to: rule.applies_to,
        raised: samples.iter().filter(|s| lot_rule && raised(s)).count(),
        passed: samples.iter().filter(|s| lot_rule && !raised(s) && input_evaluated(rule, s)).count(),
    }
}

/// What a rule reads, by its check family and data element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    /// The SMTP message (`mail-` checks).
    Message,
    /// The lot's files as a whole (`lot-`, `inventory-`).
    Lot,
    /// A CMS envelope (`cms-`).
    Envelope,
    /// A decrypted index (`index-`, and validator checks of an `EF_IX_` element).
    Index,
    /// A decrypted PJ (`pj-size`, `pj-digest`).
    Pj,
    /// A PJ parsed as PDF (`pdf-`, `pdfa-`, `quality-`).
    PjPages,
    /// The header (every other check: the validator's and the header's cross-field rules).
    Header,
}

fn input_of(rule: &Rule) -> Input {
    let check = rule.check.as_str();
    let family = |prefix: &str| check.starts_with(prefix);
    if family("mail-") {
        Input::Message
    } else if family("lot-") || family("inventory-") {
        Input::Lot
    } else if family("cms-") {
        Input::Envelope
    } else if family("index-") || rule.element.is_some_and(|e| e.starts_with("EF_IX_")) {
        Input::Index
    } else if check == "pj-size" || check == "pj-digest" {
        Input::Pj
    } else if family("pdf") || family("quality-") {
        Input::PjPages
    } else {
        Input::Header
    }
}

/// Whether `sample` held the input `rule` reads, and it was evaluated (not listed as not evaluated).
fn input_evaluated(rule: &Rule, sample: &LotOutcome) -> bool {
    let skipped = |name: &str| sample.not_evaluated.iter().any(|item| item.file == name);
    let evaluated = |role: FileRole, keep: &dyn Fn(&crate::outcome::FileOutcome) -> bool| {
        sample.files.iter().any(|file| file.role == role && keep(file) && !skipped(&file.name))
    };
    match input_of(rule) {
        Input::Message => sample.kind == scor_lot::LotKind::Eml,
        Input::Lot => sample.kind != scor_lot::LotKind::Pj,
        Input::Envelope => sample.files.iter().any(|f| f.name.ends_with(".pkcs7") && !skipped(&f.name)),
        Input::Index => evaluated(FileRole::Index, &|f| f.plain_bytes.is_some()),
        Input::Pj => evaluated(FileRole::Pj, &|f| f.plain_bytes.is_some()),
        Input::PjPages => evaluated(FileRole::Pj, &|f| f.pages.is_some()),
        Input::Header => evaluated(FileRole::Header, &|_| true),
    }
}
