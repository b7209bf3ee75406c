//! What only a history of lots can tell: the example lot's EXTERNE piece against the lot sent before it
//! (accepted, awaiting its ARL, rejected, or no history at all), and the example lot sent again.

use crate::support::*;
use scor_conformance::{Config, PredictedArl, Verdict};
use scor_dictionary::Severity;
use scor_tests::lots::*;

/// The example lot checked with `config`.
fn example_with(config: &Config) -> scor_conformance::Checked {
    scor_conformance::check_files_in_memory("lot".to_owned(), &build(&example_plan()).files, config)
}

fn example_with_history(events: &[Earlier]) -> scor_conformance::Checked {
    example_with(&Config { history: Some(history(events)), ..config() })
}

deviation!(
    /// No history given: the EXTERNE piece cannot be looked up.
    pj_externe_without_history,
    { example_with(&config_without_history()) }
);

deviation!(
    /// The earlier lot was sent and has no ARL yet.
    pj_externe_awaiting,
    { example_with_history(&[Earlier::Sent]) }
);

deviation!(
    /// The earlier lot was rejected (Etat R): the PJ it carried never reached the AMO.
    pj_externe_rejected,
    { example_with_history(&[Earlier::Rejected]) }
);

deviation!(
    /// The example lot itself was already accepted.
    lot_duplicate,
    { example_with_history(&[Earlier::Accepted, Earlier::ExampleAccepted]) }
);

pub const DEVIATIONS: &[Deviation] = &[
    ("pj_externe_without_history", pj_externe_without_history),
    ("pj_externe_awaiting", pj_externe_awaiting),
    ("pj_externe_rejected", pj_externe_rejected),
    ("lot_duplicate", lot_duplicate),
];

/// The example lot's EXTERNE piece, and the identifier it refers to.
const EXTERNE_XPATH: &str = "/ENTSCANORDO/Dossiers/Dossier[2]/Piece[2]/IdentifiantPJ";
const EXTERNE: &str = "565038410.ORDN.565038410.01_751_0001.20261123.000003";

#[test]
fn without_a_history_the_externe_rules_are_not_evaluated_and_named() {
    let checked = pj_externe_without_history();
    let want = Want::notice("PJ-EXTERNE", Severity::Info, HEADER).element("EF_PA_005_04");
    finding(checked, want.at(EXTERNE_XPATH, 62));
    errors(checked, &[]);
    warnings(checked, &[]);
    let [skipped] = checked.outcome.not_evaluated.as_slice() else { panic!("{}", describe(checked)) };
    assert_eq!(skipped.file, HEADER);
    assert_eq!(skipped.checks.render(scor_locale::Lang::En), format!("EXTERNE reference to PJ {EXTERNE}"));
    assert_eq!(skipped.rules, ["PJ-EXTERNE-UNKNOWN", "PJ-EXTERNE-REJECTED"]);
    let reason = skipped.reason.render(scor_locale::Lang::En);
    assert!(reason.contains("--history"), "{reason}");
    assert_eq!(checked.outcome.verdict(), Verdict::NotFullyEvaluated);
    assert!(matches!(checked.prediction, PredictedArl::Accepted { cause: "0000", .. }), "{}", describe(checked));
}

#[test]
fn an_externe_reference_to_a_pj_whose_lot_got_a_positive_arl_is_clean() {
    let checked = example_with_history(&[Earlier::Accepted]);
    assert!(checked.outcome.findings.is_empty(), "{}", describe(&checked));
    assert!(checked.outcome.not_evaluated.is_empty(), "{}", describe(&checked));
    assert_eq!(checked.outcome.verdict(), Verdict::Conformant);
    accepted(&checked);
}

#[test]
fn an_externe_reference_to_a_pj_whose_lot_awaits_its_arl_is_a_warning() {
    let checked = pj_externe_awaiting();
    let want = Want::notice("PJ-EXTERNE-UNKNOWN", Severity::Warning, HEADER).element("EF_PA_005_04");
    let found = finding(checked, want.at(EXTERNE_XPATH, 62));
    assert!(found.message.contains("565038410-2026112309000000001") && found.message.contains("no ARL"), "{found}");
    errors(checked, &[]);
    warnings(checked, &["PJ-EXTERNE-UNKNOWN"]);
    assert!(checked.outcome.not_evaluated.is_empty(), "{}", describe(checked));
    accepted(checked);
}

#[test]
fn an_externe_reference_to_a_pj_no_lot_carried_is_a_warning() {
    let checked = crate::dossier::pj_externe();
    let want = Want::notice("PJ-EXTERNE-UNKNOWN", Severity::Warning, HEADER).element("EF_PA_005_04");
    let found = finding(checked, want.at("/ENTSCANORDO/Dossiers/Dossier[1]/Piece[2]/IdentifiantPJ", 49));
    assert!(found.message.contains("which no lot of the history carried"), "{found}");
    assert_eq!(count(checked, "PJ-EXTERNE-UNKNOWN"), 1, "the reference to the accepted lot's PJ is known");
    errors(checked, &[]);
    warnings(checked, &["PJ-EXTERNE-UNKNOWN"]);
    accepted(checked);
}

#[test]
fn an_externe_reference_to_a_pj_of_a_rejected_lot_rejects_its_dossier_with_5207() {
    let checked = pj_externe_rejected();
    // The ARL names the PJ file the piece would have had (P-002-002); the XPath says where in the header.
    let want = Want::error("PJ-EXTERNE-REJECTED", "P-002-002.pkcs7", "5207").element("EF_PA_005_04");
    let found = finding(checked, want.xpath(EXTERNE_XPATH));
    assert!(found.message.contains("565038410-2026112309000000001"), "{found}");
    errors(checked, &["PJ-EXTERNE-REJECTED"]);
    warnings(checked, &[]);
    dossier_rejection(checked, &[(2, "P-002-002.pkcs7", "5207")]);
}

#[test]
fn a_lot_already_accepted_sent_again_is_a_duplicate_rejected_with_5105() {
    let checked = lot_duplicate();
    let want = Want::error("LOT-DUPLICATE", HEADER, "5105").element("EF_PA_001_01");
    let found = finding(checked, want.at("/ENTSCANORDO/Identification", 3));
    assert!(found.message.contains("565038410-2026112310150000001"), "{found}");
    errors(checked, &["LOT-DUPLICATE"]);
    warnings(checked, &[]);
    header_rejection(checked, "5105");
}

#[test]
fn a_rejected_lot_sent_again_is_no_duplicate() {
    let checked = example_with_history(&[Earlier::Rejected]);
    assert_eq!(count(&checked, "LOT-DUPLICATE"), 0, "{}", describe(&checked));
    let earlier = scor_sender::example::earlier_plan(&scor_dictionary::latest::DICTIONARY);
    let again = scor_conformance::check_files_in_memory(
        "lot".to_owned(),
        &build(&earlier).files,
        &Config { history: Some(history(&[Earlier::Rejected])), ..config() },
    );
    errors(&again, &[]);
    accepted(&again);
}
