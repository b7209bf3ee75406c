//! The checker's result types: violations by ISO 19005-1 clause, clauses left unevaluated, limits.
//! Findings go through `Findings`, which caps how many of one test a report repeats.

use std::collections::HashMap;

/// Bounds the caller sets on the work one check may do; nothing here has a default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Larger inputs get the byte-level checks only and no object model.
    pub max_input_bytes: usize,
    /// Largest decoded size of one stream (decompression bombs stop here).
    pub max_decoded_stream_bytes: usize,
    /// Indirect objects beyond this number are not examined.
    pub max_objects: usize,
    /// Pages beyond this number are not examined.
    pub max_pages: u32,
    /// How many findings of one (clause, test) are listed before the rest are summarised.
    pub max_findings_per_test: usize,
}

/// Where a finding was made; every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfLocation {
    /// Indirect object (number, generation).
    pub object: Option<(u32, u16)>,
    /// Page number, from 1.
    pub page: Option<u32>,
    /// Byte offset in the file.
    pub byte_offset: Option<u64>,
}

impl PdfLocation {
    /// Location of an indirect object.
    pub fn object(id: (u32, u16)) -> Self {
        Self { object: Some(id), ..Self::default() }
    }

    /// Location of a byte offset.
    pub fn offset(offset: usize) -> Self {
        Self { byte_offset: Some(offset as u64), ..Self::default() }
    }

    /// Location of a page.
    pub fn page(page: u32) -> Self {
        Self { page: Some(page), ..Self::default() }
    }
}

/// One broken requirement of ISO 19005-1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// ISO 19005-1 clause, e.g. "6.1.3".
    pub clause: &'static str,
    /// veraPDF PDF/A-1B profile test number within the clause; 0 for a check of the clause
    /// that the profile has no test for.
    pub test: u32,
    /// What is wrong and what would fix it.
    pub message: String,
    /// Where.
    pub location: PdfLocation,
}

/// Result of [`crate::check`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Every requirement found broken.
    pub violations: Vec<Violation>,
    /// Clauses that could not be checked, with the reason.
    pub not_evaluated: Vec<(&'static str, String)>,
    /// Number of pages, when the page tree could be read.
    pub pages: Option<u32>,
}

impl Report {
    /// No violation and every clause evaluated.
    pub fn is_clean(&self) -> bool {
        self.violations.is_empty() && self.not_evaluated.is_empty()
    }

    /// Whether some violation names this clause.
    pub fn has_clause(&self, clause: &str) -> bool {
        self.violations.iter().any(|v| v.clause == clause)
    }

    /// Whether some violation names this clause and test.
    pub fn has(&self, clause: &str, test: u32) -> bool {
        self.violations.iter().any(|v| v.clause == clause && v.test == test)
    }
}

/// Collects findings, capping repeats of one test.
#[derive(Debug)]
pub(crate) struct Findings {
    pub(crate) report: Report,
    counts: HashMap<(&'static str, u32), usize>,
    cap: usize,
}

impl Findings {
    pub(crate) fn new(cap: usize) -> Self {
        Self { report: Report::default(), counts: HashMap::new(), cap: cap.max(1) }
    }

    /// Records a violation unless this test already reached its cap.
    pub(crate) fn add(&mut self, clause: &'static str, test: u32, message: String, location: PdfLocation) {
        let duplicate = self
            .report
            .violations
            .iter()
            .any(|v| v.clause == clause && v.test == test && v.location == location && v.message == message);
        if duplicate {
            return;
        }
        let count = self.counts.entry((clause, test)).or_insert(0);
        *count += 1;
        if *count <= self.cap {
            self.report.violations.push(Violation { clause, test, message, location });
        } else if *count == self.cap + 1 {
            let message = format!("further findings of {clause} test {test} are not listed");
            self.report.violations.push(Violation { clause, test, message, location: PdfLocation::default() });
        }
    }

    /// Records a clause that could not be checked (once per clause and reason).
    pub(crate) fn skip(&mut self, clause: &'static str, reason: impl Into<String>) {
        let reason = reason.into();
        if !self.report.not_evaluated.iter().any(|(c, r)| *c == clause && *r == reason) {
            self.report.not_evaluated.push((clause, reason));
        }
    }
}
