//! `conform` end to end on lots built by scor-sender: the example lot passes every check, and each
//! deviation gives its rule, its place and the ARL the receiving side would send.

use scor_conformance::PredictedArl;
use scor_tests::lots::{build, check, example_plan};

#[test]
fn the_example_lot_is_conformant_and_accepted() {
    let lot = build(&example_plan());
    let checked = check(&lot.files);
    let errors: Vec<String> = checked
        .outcome
        .findings
        .iter()
        .filter(|f| f.severity == scor_dictionary::Severity::Error)
        .map(|f| f.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(checked.outcome.not_evaluated.is_empty(), "{:#?}", checked.outcome.not_evaluated);
    assert!(matches!(checked.outcome.arl, PredictedArl::Accepted { cause: "0000", .. }), "{:?}", checked.outcome.arl);
    let arl = checked.arl.expect("an accepted lot gets an ARL");
    assert!(arl.diagnostic.contains("<Etat>A</Etat>"), "{}", arl.diagnostic);
}
