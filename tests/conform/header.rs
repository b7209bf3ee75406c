//! The header's cross-field rules: identification, file name, counts, numbering, pieces, dates.

use crate::support::*;
use scor_tests::lots::*;

fn with_plan(change: impl FnOnce(&mut scor_sender::LotPlan)) -> scor_conformance::Checked {
    let mut plan = example_plan();
    change(&mut plan);
    check(&build(&plan).files)
}

fn with_header(
    change: impl FnOnce(&mut scor_dictionary::latest::entscanordo::Entscanordo),
) -> scor_conformance::Checked {
    let mut lot = build(&example_plan());
    rewrite_header(&mut lot, change);
    check(&lot.files)
}

deviation!(
    /// The Identification starts with another PS number than Emetteur's.
    header_identification,
    { with_plan(|plan| plan.identification = "123456789-2026112310150000001".to_owned()) }
);

deviation!(
    /// The header file named with Compostage 00043 while the header says 00042.
    header_file_name,
    {
        let mut files = build(&example_plan()).files;
        rename(&mut files, HEADER, "E-2026-ENTSCANORDO-00043.xml");
        check(&files)
    }
);

deviation!(
    /// NombreDossiers says 3 for two Dossier elements.
    header_dossier_count,
    { with_header(|h| h.lot.nombre_dossiers = "3".to_owned()) }
);

deviation!(
    /// The two Dossier elements in reverse order (002 then 001).
    header_dossier_numbers,
    { with_header(|h| h.dossiers.dossier.swap(0, 1)) }
);

deviation!(
    /// Dossier 002's second piece has indice 001 too.
    header_piece_indices,
    { with_header(|h| h.dossiers.dossier[1].piece[1].indice = "001".to_owned()) }
);

deviation!(
    /// Dossier 002's pieces are numbered 001 and 003.
    header_piece_indices_gap,
    { with_header(|h| h.dossiers.dossier[1].piece[1].indice = "003".to_owned()) }
);

deviation!(
    /// Dossier 002 carries a second PJ of nature FSDE (piece 003, a copy of piece 001 with its own
    /// identifier).
    pj_nature_count,
    {
        with_plan(|plan| {
            let mut second = plan.dossiers[1].pieces[0].clone();
            second.identifier = second.identifier.replace(".000002", ".000009");
            plan.dossiers[1].pieces.push(second);
        })
    }
);

deviation!(
    /// IndexLot 3 of NombreLots 2.
    header_index_lot,
    {
        with_plan(|plan| {
            plan.index_lot = "3".to_owned();
            plan.nombre_lots = "2".to_owned();
        })
    }
);

deviation!(
    /// An INTERNE piece without Taille.
    header_lien,
    { with_header(|h| h.dossiers.dossier[0].piece[0].taille = None) }
);

deviation!(
    /// An EXTERNE piece with an Empreinte.
    header_lien_externe,
    { with_header(|h| h.dossiers.dossier[1].piece[1].empreinte = Some("0".repeat(64))) }
);

deviation!(
    /// The lot is dated before its FSE lot was sent.
    header_date_fse,
    { with_plan(|plan| plan.fse_sent = "2026-11-24".to_owned()) }
);

deviation!(
    /// Dossier 001's invoice is 53 days older than the lot.
    header_date_invoice,
    { with_plan(|plan| plan.dossiers[0].invoice_date = "2026-10-01".to_owned()) }
);

deviation!(
    /// Dossier 002's invoice is dated after the lot.
    header_date_invoice_future,
    { with_plan(|plan| plan.dossiers[1].invoice_date = "2026-11-24".to_owned()) }
);

deviation!(
    /// A specialty code the table does not have: the header's finding only, not each PJ's nature.
    field_specialite,
    { with_plan(|plan| plan.specialty = "99".to_owned()) }
);

pub const DEVIATIONS: &[Deviation] = &[
    ("header_identification", header_identification),
    ("header_file_name", header_file_name),
    ("header_dossier_count", header_dossier_count),
    ("header_dossier_numbers", header_dossier_numbers),
    ("header_piece_indices", header_piece_indices),
    ("header_piece_indices_gap", header_piece_indices_gap),
    ("pj_nature_count", pj_nature_count),
    ("header_index_lot", header_index_lot),
    ("header_lien", header_lien),
    ("header_lien_externe", header_lien_externe),
    ("header_date_fse", header_date_fse),
    ("header_date_invoice", header_date_invoice),
    ("header_date_invoice_future", header_date_invoice_future),
    ("field_specialite", field_specialite),
];

#[test]
fn header_identification_of_another_ps() {
    let checked = header_identification();
    let want = Want::error("HEADER-IDENTIFICATION", HEADER, "5102").element("EF_PA_001_01");
    finding(checked, want.at("/ENTSCANORDO/Identification", 3));
    errors(checked, &["HEADER-IDENTIFICATION"]);
    header_rejection(checked, "5102");
}

#[test]
fn header_file_name_with_another_compostage() {
    let checked = header_file_name();
    let want = Want::error("HEADER-FILE-NAME", "E-2026-ENTSCANORDO-00043.xml", "5106").element("EF_PA_001_06");
    finding(checked, want.at("/ENTSCANORDO/Lot/Compostage", 8));
    errors(checked, &["HEADER-FILE-NAME"]);
    header_rejection(checked, "5106");
}

#[test]
fn header_dossier_count_three_for_two() {
    let checked = header_dossier_count();
    let want = Want::error("HEADER-DOSSIER-COUNT", HEADER, "5106").element("EF_PA_001_09");
    finding(checked, want.at("/ENTSCANORDO/Lot/NombreDossiers", 11));
    errors(checked, &["HEADER-DOSSIER-COUNT"]);
    header_rejection(checked, "5106");
}

#[test]
fn header_dossier_numbers_out_of_order() {
    let checked = header_dossier_numbers();
    let want = Want::error("HEADER-DOSSIER-NUMBERS", HEADER, "5106").element("EF_PA_004_01");
    finding(checked, want.at("/ENTSCANORDO/Dossiers/Dossier[1]", 33));
    finding(checked, want.at("/ENTSCANORDO/Dossiers/Dossier[2]", 52));
    errors(checked, &["HEADER-DOSSIER-NUMBERS"]);
    header_rejection(checked, "5106");
}

#[test]
fn header_piece_indices_repeated() {
    let checked = header_piece_indices();
    let want = Want::error("HEADER-PIECE-INDICES", HEADER, "5106").element("EF_PA_005_01");
    finding(checked, want.at("/ENTSCANORDO/Dossiers/Dossier[2]/Piece[2]", 58));
    errors(checked, &["HEADER-PIECE-INDICES"]);
    header_rejection(checked, "5106");
}

#[test]
fn header_piece_indices_with_a_gap() {
    let checked = header_piece_indices_gap();
    let want = Want::error("HEADER-PIECE-INDICES", HEADER, "5106").element("EF_PA_005_01");
    let found = finding(checked, want.at("/ENTSCANORDO/Dossiers/Dossier[2]", 46));
    assert!(found.message.contains("002 to 002 missing"), "{found}");
    errors(checked, &["HEADER-PIECE-INDICES"]);
    header_rejection(checked, "5106");
}

#[test]
fn two_pj_of_one_nature_in_a_dossier() {
    let checked = pj_nature_count();
    let want = Want::error("PJ-NATURE-COUNT", "P-002-003.pkcs7", "5206").element("EF_PA_005_02");
    let found = finding(checked, want);
    assert!(found.message.contains("more than 1 PJ of nature FSDE"), "{found}");
    errors(checked, &["PJ-NATURE-COUNT"]);
    dossier_rejection(checked, &[(2, "P-002-003.pkcs7", "5206")]);
}

#[test]
fn header_index_lot_above_nombre_lots() {
    let checked = header_index_lot();
    let want = Want::error("HEADER-INDEX-LOT", HEADER, "5102").element("EF_PA_001_07");
    finding(checked, want.at("/ENTSCANORDO/Lot/IndexLot", 9));
    errors(checked, &["HEADER-INDEX-LOT"]);
    header_rejection(checked, "5102");
}

#[test]
fn header_lien_interne_without_taille() {
    let checked = header_lien();
    let want = Want::error("HEADER-LIEN", HEADER, "5102").element("EF_PA_005_03");
    finding(checked, want.at("/ENTSCANORDO/Dossiers/Dossier[1]/Piece[1]", 37));
    errors(checked, &["HEADER-LIEN"]);
    header_rejection(checked, "5102");
}

#[test]
fn header_lien_externe_with_empreinte() {
    let checked = header_lien_externe();
    let want = Want::error("HEADER-LIEN", HEADER, "5102").element("EF_PA_005_03");
    finding(checked, want.at("/ENTSCANORDO/Dossiers/Dossier[2]/Piece[2]", 58));
    errors(checked, &["HEADER-LIEN"]);
    header_rejection(checked, "5102");
}

#[test]
fn header_date_before_the_fse_lot() {
    let checked = header_date_fse();
    let want = Want::error("HEADER-DATE-FSE", HEADER, "5107").element("EF_PA_001_02");
    finding(checked, want.at("/ENTSCANORDO/Temps", 4));
    errors(checked, &["HEADER-DATE-FSE"]);
    header_rejection(checked, "5107");
}

#[test]
fn header_date_too_long_after_the_invoice() {
    let checked = header_date_invoice();
    let want = Want::error("HEADER-DATE-INVOICE", HEADER, "5107").element("EF_PA_004_03");
    let found = finding(checked, want.at("/ENTSCANORDO/Dossiers/Dossier[1]/DateFacture", 36));
    assert!(found.message.contains("53 days"), "{found}");
    errors(checked, &["HEADER-DATE-INVOICE"]);
    header_rejection(checked, "5107");
}

#[test]
fn header_date_before_the_invoice() {
    let checked = header_date_invoice_future();
    let want = Want::error("HEADER-DATE-INVOICE", HEADER, "5107").element("EF_PA_004_03");
    finding(checked, want.at("/ENTSCANORDO/Dossiers/Dossier[2]/DateFacture", 49));
    errors(checked, &["HEADER-DATE-INVOICE"]);
    header_rejection(checked, "5107");
}

#[test]
fn an_unknown_specialty_is_the_headers_finding_not_each_pjs() {
    let checked = field_specialite();
    let want = Want::error("FIELD-SPECIALITE", HEADER, "5113").element("EF_PA_002_02");
    finding(checked, want.at("/ENTSCANORDO/Emetteur/CodeSpecialite", 24));
    errors(checked, &["FIELD-SPECIALITE"]);
    header_rejection(checked, "5113");
}

/// The example plan with dossier 001 repeated `count` times: a header far over the dossier limit.
fn header_of_dossiers(count: usize) -> scor_lot::files::LotFile {
    let mut plan = example_plan();
    plan.dossiers = vec![plan.dossiers[0].clone(); count];
    scor_sender::header_file(&plan).expect("the header is written")
}

/// A 3.9 MB header of 8,000 dossiers, within the lot's size limits, is read in time linear in its size
/// (the figure is in `cargo bench -p scor-conformance`, `header_of_8000_dossiers`), and each rule it
/// breaks lists at most `findings_max_per_rule` findings, then says how many more there are.
#[test]
fn a_header_of_8000_dossiers_is_read_once_and_its_findings_bounded() {
    let header = header_of_dossiers(8_000);
    assert!((3_500_000..4_000_000).contains(&header.bytes.len()), "{} bytes", header.bytes.len());
    let checked = check(std::slice::from_ref(&header));
    let findings = &checked.outcome.findings;
    let count = |rule: &str| findings.iter().filter(|f| f.rule == rule).count();
    let rules: std::collections::BTreeSet<&str> = findings.iter().map(|f| f.rule).collect();
    assert_eq!(
        rules.into_iter().collect::<Vec<_>>(),
        ["FIELD-LENGTH", "FIELD-RANGE", "INVENTORY-HEADER-MISMATCH", "XML-REPEAT"],
        "{}",
        describe(&checked)
    );
    let max = scor_dictionary::latest::DICTIONARY.limit(scor_dictionary::Limit::FindingsMaxPerRule) as usize;
    // 8,000 dossiers with no index file, and 8,000 INTERNE pieces with no PJ file.
    assert_eq!(count("INVENTORY-HEADER-MISMATCH"), max + 1);
    let summary = findings.iter().rfind(|f| f.rule == "INVENTORY-HEADER-MISMATCH").unwrap();
    assert_eq!(
        summary.message,
        format!(
            "{} more findings of INVENTORY-HEADER-MISMATCH in {} are not listed (findings_max_per_rule: {max})",
            16_000 - max,
            header.name
        )
    );
}

/// Attributes on the header's inner elements: not well formed (an unquoted value, a name without
/// value), or well formed but unknown (only the root has attributes). Each rejects the header (5101);
/// the lot is never conformant, as it was when the validator did not read them.
#[test]
fn attributes_on_inner_elements_reject_the_header() {
    for (tag, rule) in
        [("<Emetteur a=1>", "XML-SYNTAX"), ("<Emetteur junk>", "XML-SYNTAX"), (r#"<Emetteur a="1">"#, "XML-ATTRIBUTE")]
    {
        let mut files = build(&example_plan()).files;
        let header = String::from_utf8(files[0].bytes.clone()).unwrap();
        files[0].bytes = header.replacen("<Emetteur>", tag, 1).into_bytes();
        let checked = check(&files);
        errors(&checked, &[rule]);
        header_rejection(&checked, "5101");
    }
}
