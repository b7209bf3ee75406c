//! The words the reports for people share, as texts of the catalogues: severities, verdicts, lot kinds,
//! the ARL's outcome, counts and places. The machine formats keep their fixed values (`not-conformant`).

use crate::summary::{RunSummary, Summary, so_far_as_checked};
use scor_conformance::{CaisseVerdict, LotKind, LotOutcome, PredictedArl, Run, Verdict};
use scor_dictionary::schema::VersionStatus;
use scor_dictionary::{Dictionary, Location, Severity};
use scor_locale::{Lang, Text, text};

/// `error`, `warning`, `info` in words.
pub fn severity(severity: Severity) -> Text {
    match severity {
        Severity::Error => text!("severity-error"),
        Severity::Warning => text!("severity-warning"),
        Severity::Info => text!("severity-info"),
    }
}

/// `conformant`, `NOT conformant`, `not fully evaluated`.
pub(crate) fn verdict(verdict: Verdict) -> Text {
    match verdict {
        Verdict::Conformant => text!("verdict-conformant"),
        Verdict::NotConformant => text!("verdict-not-conformant"),
        Verdict::NotFullyEvaluated => text!("verdict-not-fully-evaluated"),
    }
}

/// Whether the caisse can use the lot's PJ, in words.
pub(crate) fn caisse(verdict: CaisseVerdict) -> Text {
    match verdict {
        CaisseVerdict::Usable => text!("caisse-usable"),
        CaisseVerdict::NotUsable => text!("caisse-not-usable"),
        CaisseVerdict::NotFullyEvaluated => text!("caisse-not-fully-evaluated"),
    }
}

/// How the lot reached the checker: a folder, an `.eml` message, an archive, a PJ alone.
pub(crate) fn kind(kind: LotKind) -> Text {
    match kind {
        LotKind::Folder => text!("kind-folder"),
        LotKind::Eml => text!("kind-eml"),
        LotKind::Archive => text!("kind-archive"),
        LotKind::Pj => text!("kind-pj"),
    }
}

/// The predicted ARL's outcome (`accepted`, `header rejection`…), `so far as checked` for a lot not
/// fully evaluated.
pub(crate) fn arl(lot: &LotOutcome, arl: &PredictedArl) -> Text {
    let outcome = match arl {
        PredictedArl::Accepted { .. } => text!("arl-accepted"),
        PredictedArl::HeaderRejection { .. } => text!("arl-header-rejection"),
        PredictedArl::DossierRejection { .. } => text!("arl-dossier-rejection"),
        PredictedArl::ServiceMessage { .. } => text!("arl-service-message"),
    };
    if so_far_as_checked(lot) { text!("arl-so-far-as-checked", outcome = outcome) } else { outcome }
}

/// `1 error, 2 warnings, 0 infos, 1 not evaluated`.
pub(crate) fn counts(summary: &Summary) -> Text {
    text!(
        "counts",
        errors = summary.errors,
        warnings = summary.warnings,
        infos = summary.infos,
        not_evaluated = summary.not_evaluated
    )
}

/// `2 lots (1 conformant, 1 NOT conformant, 0 not fully evaluated); 1 error, …`: the lots of a run by
/// verdict, then its findings and not-evaluated checks added up.
pub(crate) fn totals(run: &Run) -> Text {
    let total = RunSummary::of(run);
    let added = Summary {
        errors: total.errors,
        warnings: total.warnings,
        infos: total.infos,
        not_evaluated: total.not_evaluated,
    };
    text!(
        "run-totals",
        lots = total.lots,
        conformant = total.conformant,
        not_conformant = total.not_conformant,
        not_fully_evaluated = total.not_fully_evaluated,
        counts = counts(&added)
    )
}

/// What a finding about no file in particular is about.
pub(crate) fn whole_lot() -> Text {
    text!("whole-lot")
}

/// The heading of a group of findings: the file name, or the whole lot.
pub(crate) fn file_or_lot(file: &str, lang: Lang) -> String {
    if file.is_empty() { whole_lot().render(lang) } else { file.to_owned() }
}

/// `file:line:column, XPath, page N, byte N`, with what is known; `None` when nothing is.
pub(crate) fn location(location: &Location, lang: Lang) -> Option<String> {
    let mut place = location.file.clone();
    if let Some(line) = location.line {
        place = format!("{place}:{line}");
        if let Some(column) = location.column {
            place = format!("{place}:{column}");
        }
    }
    let parts: Vec<String> = [
        Some(place).filter(|place| !place.is_empty()),
        location.xpath.clone(),
        location.page.map(|page| text!("place-page", page = page).render(lang)),
        location.byte_offset.map(|offset| text!("place-byte", offset = offset).render(lang)),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() { None } else { Some(parts.join(", ")) }
}

/// `2.13`, or `2.14 (modelled)` for a version the tables model rather than the official dictionary.
pub(crate) fn dictionary_version(dictionary: &Dictionary) -> Text {
    match dictionary.status {
        VersionStatus::Applicable => Text::verbatim(dictionary.version),
        VersionStatus::Modelled => text!("dictionary-version-modelled", version = dictionary.version),
    }
}
