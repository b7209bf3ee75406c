//! The checks only a history of earlier lots can make: a lot already accepted (a duplicate), and each
//! EXTERNE reference against the PJ of acknowledged lots (seed 003 §6).

use super::Collector;
use crate::document::Element;
use crate::header::Header;
use crate::history::{Acknowledged, LotHistory};
use scor_dictionary::{Check, Dictionary, FileNameKind, Level};
use scor_locale::{Text, text};

/// The lot's Identification is not that of a lot the history records as accepted.
pub fn duplicate(header: &Header, history: Option<&dyn LotHistory>, c: &mut Collector) {
    let (Some(history), Some(element)) = (history, header.document.field("EF_PA_001_01")) else { return };
    match history.lot(&element.text) {
        Ok(Acknowledged::Accepted { .. }) => {
            let message = text!("lot-duplicate", lot = element.text.as_str());
            c.raise(Check::LotDuplicate, Level::Header, header.document.location(element), message);
        }
        Ok(_) => {}
        Err(reason) => unreadable(&header.document.file, &[Check::LotDuplicate], &reason, c),
    }
}

/// An EXTERNE piece of the header: its identifier element, and the file of the dossier a rejection
/// names (the PJ file the piece would have had).
#[derive(Debug, Clone, Copy)]
pub struct Reference<'a> {
    pub header: &'a Header,
    pub identifier: &'a Element,
    pub dossier_file: &'a str,
}

/// The PJ an EXTERNE piece refers to, against the history. Without one (or with one that keeps no
/// PJ), an information that only the receiving side can tell, and the history rules not evaluated.
pub fn externe(reference: Reference<'_>, history: Option<&dyn LotHistory>, c: &mut Collector) {
    let Reference { header, identifier, dossier_file } = reference;
    let document = &header.document;
    let pj = &identifier.text;
    let known = match history.map(|h| h.pj(pj)) {
        None => Err(text!("reason-no-history")),
        Some(Ok(Some(known))) => Ok(known),
        Some(Ok(None)) => Err(text!("reason-history-without-pj")),
        Some(Err(reason)) => Err(unreadable_history(&reason)),
    };
    let (check, message) = match known {
        Err(reason) => {
            let message = text!("externe-unknown-without-history", pj = pj);
            c.raise(Check::PjExterne, Level::Dossier, document.location(identifier), message);
            return not_evaluated(&document.file, pj, reason, c);
        }
        Ok(Acknowledged::Accepted { .. }) => return,
        Ok(Acknowledged::Unknown) => (Check::PjExterneUnknown, text!("externe-unknown", pj = pj)),
        Ok(Acknowledged::Awaiting { lot }) => (Check::PjExterneUnknown, text!("externe-awaiting", pj = pj, lot = lot)),
        Ok(Acknowledged::Rejected { lot }) => {
            let message = text!("externe-rejected", pj = pj, lot = lot);
            let location = super::in_header(dossier_file, identifier);
            c.raise(Check::PjExterneRejected, Level::Dossier, location, message);
            return;
        }
    };
    c.raise(check, Level::Dossier, document.location(identifier), message);
}

/// The rules that look an EXTERNE reference up in a history, not evaluated for PJ `pj`.
fn not_evaluated(file: &str, pj: &str, reason: Text, c: &mut Collector) {
    let checks = [Check::PjExterneUnknown, Check::PjExterneRejected];
    c.skip(file, &[&checks], text!("skip-externe-reference", pj = pj), reason);
}

/// Why a history could not answer: its own words (a database's or a file's error), as given.
fn unreadable_history(reason: &str) -> Text {
    text!("reason-history-unreadable", detail = Text::verbatim(reason))
}

/// The history could not answer: the rules of `checks` are not evaluated on `file`.
fn unreadable(file: &str, checks: &[Check], reason: &str, c: &mut Collector) {
    c.skip(file, &[checks], text!("skip-history"), unreadable_history(reason));
}

/// The name the PJ file of piece `indice` of dossier `dossier` has, or would have: the `pj` pattern's
/// example (`pj_plain` before sealing) with both numbers, zero-padded to the example's widths.
pub fn piece_file(dictionary: &Dictionary, plain: bool, dossier: u32, indice: u32) -> String {
    let pattern = dictionary.file_name(if plain { FileNameKind::PjPlain } else { FileNameKind::Pj });
    let mut name = pattern.example.to_owned();
    let Some(caps) = pattern.captures(pattern.example) else { return name };
    let mut groups: Vec<(std::ops::Range<usize>, u32)> = [("dossier", dossier), ("indice", indice)]
        .into_iter()
        .filter_map(|(group, number)| Some((caps.name(group)?.range(), number)))
        .collect();
    groups.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    for (range, number) in groups {
        let width = range.len();
        name.replace_range(range, &format!("{number:0width$}"));
    }
    name
}
