//! Counts every format reports: per lot (errors, warnings, infos, not evaluated) and for the whole run.
//! Kept in one place so that text, JSON, JUnit and SARIF can never disagree on a number.

use scor_conformance::{LotKind, LotOutcome, Run};
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
        let conformant = usize::from(lot.is_conformant());
        Self {
            lots: self.lots + 1,
            conformant: self.conformant + conformant,
            not_conformant: self.not_conformant + 1 - conformant,
            errors: self.errors + counts.errors,
            warnings: self.warnings + counts.warnings,
            infos: self.infos + counts.infos,
            not_evaluated: self.not_evaluated + counts.not_evaluated,
        }
    }
}

/// `conformant` or `not-conformant`: the verdict word of the machine-readable formats.
pub(crate) fn verdict(lot: &LotOutcome) -> &'static str {
    if lot.is_conformant() { "conformant" } else { "not-conformant" }
}

/// `folder`, `eml` or `archive`: how the lot reached the checker.
pub(crate) fn kind_name(kind: LotKind) -> &'static str {
    match kind {
        LotKind::Folder => "folder",
        LotKind::Eml => "eml",
        LotKind::Archive => "archive",
    }
}
