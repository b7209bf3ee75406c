//! The checker's result types: violations by ISO 19005-1 clause, clauses left unevaluated, limits and
//! where they stopped the reading. Findings go through `Findings`, which caps repeats of one test.
//! Each message is a [`Text`], kept rendered in English and re-rendered in another language by `localize`.

use std::collections::HashMap;

use scor_locale::{Lang, Text, text};

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

/// A reading limit of [`Limits`] that can stop the reading of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReadingLimit {
    /// [`Limits::max_decoded_stream_bytes`]
    DecodedStreamBytes,
    /// [`Limits::max_objects`]
    Objects,
    /// [`Limits::max_pages`]
    Pages,
}

/// Where a reading limit stopped the reading: what went past it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitStop {
    pub limit: ReadingLimit,
    /// The limit's value.
    pub value: u64,
    /// What went past it, in words, e.g. `stream 12 0 R decodes past 50000000 bytes` (English unless
    /// [`LimitStop::localize`] chose another language).
    pub message: String,
    /// The same, to render in any language.
    pub text: Text,
    pub location: PdfLocation,
}

impl LimitStop {
    fn new(limit: ReadingLimit, value: u64, text: Text, location: PdfLocation) -> Self {
        Self { limit, value, message: text.render(Lang::En), text, location }
    }

    /// A stream (`id` when it is an indirect object) decoding past `limit` bytes.
    pub fn stream(id: Option<(u32, u16)>, limit: usize) -> Self {
        let text = match id {
            Some(id) => text!("pdfa-stop-stream-object", object = reference(id), limit = limit),
            None => text!("pdfa-stop-stream", limit = limit),
        };
        let location = id.map(PdfLocation::object).unwrap_or_default();
        Self::new(ReadingLimit::DecodedStreamBytes, limit as u64, text, location)
    }

    /// The content streams of page `page` (object `id`) decoding past `limit` bytes together.
    pub fn page_content(page: u32, id: (u32, u16), limit: usize) -> Self {
        let text = text!("pdfa-stop-page-content", page = page, object = reference(id), limit = limit);
        let location = PdfLocation { object: Some(id), page: Some(page), byte_offset: None };
        Self::new(ReadingLimit::DecodedStreamBytes, limit as u64, text, location)
    }

    /// An object stream decoding past `limit` bytes while the file is loaded: nothing could be read.
    pub fn object_stream(limit: usize) -> Self {
        let text = text!("pdfa-stop-object-stream", limit = limit);
        Self::new(ReadingLimit::DecodedStreamBytes, limit as u64, text, PdfLocation::default())
    }

    /// A file of `total` indirect objects, more than `limit`.
    pub fn objects(total: usize, limit: usize) -> Self {
        let text = text!("pdfa-stop-objects", total = total, limit = limit);
        Self::new(ReadingLimit::Objects, limit as u64, text, PdfLocation::default())
    }

    /// A page tree of more than `limit` pages.
    pub fn pages(limit: u32) -> Self {
        let text = text!("pdfa-stop-pages", limit = limit);
        Self::new(ReadingLimit::Pages, u64::from(limit), text, PdfLocation::default())
    }

    /// Renders [`LimitStop::message`] again, in `lang`.
    pub fn localize(&mut self, lang: Lang) {
        self.message = self.text.render(lang);
    }
}

/// An indirect object's reference as PDF writes it, `12 0 R`: an argument of texts, the same in
/// every language.
pub(crate) fn reference((number, generation): (u32, u16)) -> String {
    format!("{number} {generation} R")
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
    /// What is wrong and what would fix it, in English unless [`Violation::localize`] chose another
    /// language.
    pub message: String,
    /// The same, to render in any language.
    pub text: Text,
    /// Where.
    pub location: PdfLocation,
}

impl Violation {
    /// Renders [`Violation::message`] again, in `lang`.
    pub fn localize(&mut self, lang: Lang) {
        self.message = self.text.render(lang);
    }
}

/// Result of [`crate::check`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Every requirement found broken.
    pub violations: Vec<Violation>,
    /// Clauses that could not be checked, with the reason (in English unless [`Report::localize`]
    /// chose another language).
    pub not_evaluated: Vec<(&'static str, String)>,
    /// The reason of each entry of `not_evaluated`, in the same order, to render in any language.
    pub not_evaluated_texts: Vec<Text>,
    /// Number of distinct pages the page tree reaches (within the page limit), when the file loaded.
    pub pages: Option<u32>,
    /// Where reading limits stopped the reading.
    pub stops: Vec<LimitStop>,
    /// Clauses that could not be checked because a reading limit stopped the reading.
    pub not_evaluated_at_limit: Vec<(&'static str, ReadingLimit)>,
}

impl Report {
    /// No violation, no limit reached and every clause evaluated.
    pub fn is_clean(&self) -> bool {
        self.violations.is_empty()
            && self.not_evaluated.is_empty()
            && self.stops.is_empty()
            && self.not_evaluated_at_limit.is_empty()
    }

    /// Renders every message and reason again, in `lang`.
    pub fn localize(&mut self, lang: Lang) {
        self.violations.iter_mut().for_each(|v| v.localize(lang));
        self.stops.iter_mut().for_each(|s| s.localize(lang));
        for ((_, reason), text) in self.not_evaluated.iter_mut().zip(&self.not_evaluated_texts) {
            *reason = text.render(lang);
        }
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
    pub(crate) fn add(&mut self, clause: &'static str, test: u32, text: Text, location: PdfLocation) {
        let duplicate = self
            .report
            .violations
            .iter()
            .any(|v| v.clause == clause && v.test == test && v.location == location && v.text == text);
        if duplicate {
            return;
        }
        let count = self.counts.entry((clause, test)).or_insert(0);
        *count += 1;
        if *count <= self.cap {
            self.push(clause, test, text, location);
        } else if *count == self.cap + 1 {
            let text = text!("pdfa-further-findings", clause = clause, test = test.to_string());
            self.push(clause, test, text, PdfLocation::default());
        }
    }

    fn push(&mut self, clause: &'static str, test: u32, text: Text, location: PdfLocation) {
        let message = text.render(Lang::En);
        self.report.violations.push(Violation { clause, test, message, text, location });
    }

    /// Records where a reading limit stopped the reading (once each).
    pub(crate) fn stop(&mut self, stop: LimitStop) {
        if !self.report.stops.contains(&stop) {
            self.report.stops.push(stop);
        }
    }

    /// Records clauses that could not be checked because `limit` stopped the reading (once each).
    pub(crate) fn skip_at_limit(&mut self, clauses: &[&'static str], limit: ReadingLimit) {
        for clause in clauses {
            if !self.report.not_evaluated_at_limit.contains(&(*clause, limit)) {
                self.report.not_evaluated_at_limit.push((*clause, limit));
            }
        }
    }

    /// Records a clause that could not be checked (once per clause and reason).
    pub(crate) fn skip(&mut self, clause: &'static str, reason: Text) {
        let report = &mut self.report;
        let seen = report
            .not_evaluated
            .iter()
            .zip(&report.not_evaluated_texts)
            .any(|((c, _), r)| *c == clause && *r == reason);
        if !seen {
            report.not_evaluated.push((clause, reason.render(Lang::En)));
            report.not_evaluated_texts.push(reason);
        }
    }
}
