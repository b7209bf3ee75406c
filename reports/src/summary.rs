//! Counts every format reports: per lot (errors, warnings, infos, not evaluated) and for the whole run.
//! Kept in one place so that text, JSON, JUnit and SARIF can never disagree on a number.

use scor_conformance::{LotKind, LotOutcome, Run, Verdict};
use serde::Serialize;

/// The counts of one lot.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub not_evaluated: usize,
}

impl Summary {
    /// The counts of `lot`.
    pub fn of(lot: &LotOutcome) -> Self {
        let (errors, warnings, infos) = lot.counts();
        Self { errors, warnings, infos, not_evaluated: lot.not_evaluated.len() }
    }
}

/// The counts of a whole run: lots by verdict, then findings and not-evaluated checks added up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RunSummary {
    pub lots: usize,
    pub conformant: usize,
    pub not_conformant: usize,
    pub not_fully_evaluated: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub not_evaluated: usize,
}

impl RunSummary {
    /// The counts of `run`.
    pub fn of(run: &Run) -> Self {
        run.lots.iter().fold(Self::default(), |total, lot| total.add(lot))
    }

    fn add(self, lot: &LotOutcome) -> Self {
        let counts = Summary::of(lot);
        let verdict = lot.verdict();
        let of = |v: Verdict| usize::from(verdict == v);
        Self {
            lots: self.lots + 1,
            conformant: self.conformant + of(Verdict::Conformant),
            not_conformant: self.not_conformant + of(Verdict::NotConformant),
            not_fully_evaluated: self.not_fully_evaluated + of(Verdict::NotFullyEvaluated),
            errors: self.errors + counts.errors,
            warnings: self.warnings + counts.warnings,
            infos: self.infos + counts.infos,
            not_evaluated: self.not_evaluated + counts.not_evaluated,
        }
    }
}

/// `conformant`, `not-conformant` or `not-fully-evaluated`: the verdict word of the machine-readable
/// formats.
pub(crate) fn verdict(lot: &LotOutcome) -> &'static str {
    lot.verdict().as_str()
}

/// Whether the predicted ARL holds only so far as the lot was checked: it was not fully evaluated.
pub(crate) fn so_far_as_checked(lot: &LotOutcome) -> bool {
    lot.verdict() == Verdict::NotFullyEvaluated
}

/// `folder`, `eml` or `archive`: how the lot reached the checker.
pub(crate) fn kind_name(kind: LotKind) -> &'static str {
    match kind {
        LotKind::Folder => "folder",
        LotKind::Eml => "eml",
        LotKind::Archive => "archive",
        LotKind::Pj => "pj",
    }
}

/// The source of rule `id` (`rules.csv`), in whichever dictionary version has it.
pub(crate) fn rule_source(id: &str) -> Option<&'static str> {
    scor_dictionary::DICTIONARIES.iter().find_map(|d| d.rule_by_id(id)).map(|r| r.source)
}
