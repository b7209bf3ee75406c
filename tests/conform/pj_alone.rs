//! One PJ checked alone (`check_pj`): the checks of a PJ, and no ARL, since the receiving side
//! answers lots, not PJ.

use scor_conformance::{LotKind, Verdict};
use scor_tests::lots::*;

#[test]
fn the_example_pj_alone_is_conformant_and_has_no_arl() {
    let pdf = example_plan().dossiers[0].pieces[0].pdf.clone().expect("the first piece is carried");
    let outcome = scor_conformance::check_pj("scan.pdf".to_owned(), &pdf, &config());
    assert_eq!(outcome.kind, LotKind::Pj);
    assert_eq!(outcome.verdict(), Verdict::Conformant, "{:#?}", outcome.findings);
    assert!(outcome.arl.is_none());
    assert_eq!(outcome.files.len(), 1);
    assert_eq!(outcome.files[0].pages, Some(1));
    let run = scor_conformance::Run {
        tool: scor_conformance::Tool::SCOR_KIT,
        dictionary: &scor_dictionary::latest::DICTIONARY,
        lots: vec![outcome],
        advisor: None,
    };
    let json: serde_json::Value =
        serde_json::from_slice(&scor_reports::render(&run, scor_reports::Format::Json, &Default::default())).unwrap();
    assert_eq!(json["lots"][0]["kind"], "pj");
    assert!(json["lots"][0].get("arl").is_none(), "{json}");
}

#[test]
fn a_pj_that_is_no_pdf_is_not_conformant() {
    let outcome = scor_conformance::check_pj("scan.pdf".to_owned(), b"GIF89a", &config());
    assert_eq!(outcome.verdict(), Verdict::NotConformant);
    assert!(outcome.findings.iter().any(|f| f.rule == "PDF-SYNTAX"), "{:#?}", outcome.findings);
}
