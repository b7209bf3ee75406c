//! PJ that are not PDF/A-1b, or that a reading limit stops: one change to dossier 001's scan before the
//! lot is built (page trees that are no tree, decompression bombs within pj_max_bytes).

use crate::support::*;
use scor_tests::lots::*;

/// The example lot with dossier 001's PJ (a one-page scan: objects 1-5, page 6, content 7, image 8)
/// changed by `change`.
fn with_pdf(change: impl FnOnce(&[u8]) -> Vec<u8>) -> scor_conformance::Checked {
    check(&files_with_pdf(change))
}

/// The example lot's files with dossier 001's PJ changed by `change`.
fn files_with_pdf(change: impl FnOnce(&[u8]) -> Vec<u8>) -> Vec<scor_lot::files::LotFile> {
    let mut plan = example_plan();
    let piece = &mut plan.dossiers[0].pieces[0];
    piece.pdf = Some(change(piece.pdf.as_deref().expect("an INTERNE piece")));
    build(&plan).files
}

/// Dossier 001's PJ with its page tree node (object 2) written as `node`, and `extra` objects after 8.
fn page_tree(pdf: &[u8], node: &str, extra: &[&str]) -> Vec<u8> {
    pdf_with(pdf, |objects| {
        objects[1] = node.as_bytes().to_vec();
        objects.extend(extra.iter().map(|o| o.as_bytes().to_vec()));
    })
}

/// Dossier 001's PJ with its stream object `number` replaced by `dict` and `data`.
fn stream_replaced(pdf: &[u8], number: usize, dict: &str, data: &[u8]) -> Vec<u8> {
    pdf_with(pdf, |objects| objects[number - 1] = scor_pdfa::write::stream_object(dict, data))
}

/// The example scan's image dictionary (A4 at 250 DPI, bitonal) with its data decoding to `bytes` zeros.
fn image_bomb(pdf: &[u8], bytes: u64) -> Vec<u8> {
    let image = String::from_utf8_lossy(&pdf_objects(pdf)[7]).into_owned();
    let dict = &image[image.find("<< ").unwrap() + 3..image.find(" /Length").unwrap()];
    stream_replaced(pdf, 8, dict, &scor_pdfa::write::flate_zeros(bytes))
}

deviation!(
    /// The PJ is a JPEG image, not a PDF.
    pdf_syntax,
    { with_pdf(|_| b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\xFA\x00\xFA\x00\x00\xFF\xD9".to_vec()) }
);

deviation!(
    /// 6.1.3: the trailer has no ID.
    pdfa_6_1,
    { with_pdf(|pdf| replace_first(pdf, "/ID [", "/XD [")) }
);

deviation!(
    /// 6.2.3: a DeviceGray image without the PDF/A-1 output intent.
    pdfa_6_2,
    {
        with_pdf(|pdf| {
            pdf_with(pdf, |objects| {
                let catalog = String::from_utf8(objects[0].clone()).unwrap();
                let start = catalog.find("/OutputIntents").unwrap();
                objects[0] = format!("{}>>", &catalog[..start]).into_bytes();
            })
        })
    }
);

deviation!(
    /// 6.3.4: text in a font that is not embedded.
    pdfa_6_3,
    {
        with_pdf(|pdf| {
            pdf_with(pdf, |objects| {
                objects[5] = replace_first(&objects[5], "/Resources << ", "/Resources << /Font << /F1 9 0 R >> ");
                objects[6] = scor_pdfa::write::stream_object("", b"BT /F1 12 Tf 10 10 Td (Hi) Tj ET");
                objects.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
            })
        })
    }
);

deviation!(
    /// 6.4: the image has a soft mask.
    pdfa_6_4,
    { with_pdf(|pdf| pdf_with(pdf, |objects| objects[7] = replace_first(&objects[7], "/Type /XObject", "/Type /XObject /SMask 8 0 R"))) }
);

deviation!(
    /// 6.5.3: an annotation without the print flag.
    pdfa_6_5,
    {
        with_pdf(|pdf| {
            pdf_with(pdf, |objects| {
                objects[5] = replace_first(&objects[5], "/Type /Page ", "/Type /Page /Annots [9 0 R] ");
                objects.push(b"<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] >>".to_vec());
            })
        })
    }
);

deviation!(
    /// 6.6.1: the catalog opens with a JavaScript action.
    pdfa_6_6,
    {
        with_pdf(|pdf| {
            pdf_with(pdf, |objects| {
                objects[0] = replace_first(
                    &objects[0],
                    "/Type /Catalog ",
                    "/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> ",
                );
            })
        })
    }
);

deviation!(
    /// 6.7.11: the XMP says PDF/A part 2.
    pdfa_6_7,
    {
        with_pdf(|pdf| {
            pdf_with(pdf, |objects| {
                objects[2] = replace_first(&objects[2], "<pdfaid:part>1</pdfaid:part>", "<pdfaid:part>2</pdfaid:part>");
            })
        })
    }
);

deviation!(
    /// 6.9: a form field widget without an appearance.
    pdfa_6_9,
    {
        with_pdf(|pdf| {
            pdf_with(pdf, |objects| {
                objects[5] = replace_first(&objects[5], "/Type /Page ", "/Type /Page /Annots [9 0 R] ");
                objects.push(b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (f) /Rect [0 0 1 1] /F 4 >>".to_vec());
            })
        })
    }
);

deviation!(
    /// The page tree holds no page.
    pdf_no_page,
    { with_pdf(|pdf| page_tree(pdf, "<< /Type /Pages /Kids [] /Count 0 >>", &[])) }
);

deviation!(
    /// The only page object does not parse (its dictionary is never closed).
    pdf_page_unparsable,
    { with_pdf(|pdf| pdf_with(pdf, |objects| objects[5] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1 1 >> )".to_vec())) }
);

deviation!(
    /// The page tree node lists itself among its Kids.
    pdf_tree_self_loop,
    { with_pdf(|pdf| page_tree(pdf, "<< /Type /Pages /Kids [6 0 R 2 0 R 2 0 R 2 0 R] /Count 4 >>", &[])) }
);

deviation!(
    /// A page tree node under the root lists the root among its Kids.
    pdf_tree_parent_loop,
    {
        with_pdf(|pdf| {
            let child = "<< /Type /Pages /Parent 2 0 R /Kids [6 0 R 2 0 R] /Count 1 >>";
            page_tree(pdf, "<< /Type /Pages /Kids [9 0 R] /Count 1 >>", &[child])
        })
    }
);

deviation!(
    /// The page image's data inflates to 240 MB (a PJ of under pj_max_bytes).
    pdf_image_bomb,
    { with_pdf(|pdf| image_bomb(pdf, 240_000_000)) }
);

deviation!(
    /// The page's content stream is Flate of Flate, inflating to 2 GB.
    pdf_double_flate_bomb,
    {
        with_pdf(|pdf| {
            let bomb = scor_pdfa::write::flate(&scor_pdfa::write::flate_zeros(2_000_000_000));
            stream_replaced(pdf, 7, "/Filter [/FlateDecode /FlateDecode]", &bomb)
        })
    }
);

deviation!(
    /// The output intent's ICC profile inflates to 240 MB.
    pdf_icc_bomb,
    { with_pdf(|pdf| stream_replaced(pdf, 4, "/N 1 /Filter /FlateDecode", &scor_pdfa::write::flate_zeros(240_000_000))) }
);

pub const DEVIATIONS: &[Deviation] = &[
    ("pdf_syntax", pdf_syntax),
    ("pdf_no_page", pdf_no_page),
    ("pdf_page_unparsable", pdf_page_unparsable),
    ("pdf_tree_self_loop", pdf_tree_self_loop),
    ("pdf_tree_parent_loop", pdf_tree_parent_loop),
    ("pdf_image_bomb", pdf_image_bomb),
    ("pdf_double_flate_bomb", pdf_double_flate_bomb),
    ("pdf_icc_bomb", pdf_icc_bomb),
    ("pdfa_6_1", pdfa_6_1),
    ("pdfa_6_2", pdfa_6_2),
    ("pdfa_6_3", pdfa_6_3),
    ("pdfa_6_4", pdfa_6_4),
    ("pdfa_6_5", pdfa_6_5),
    ("pdfa_6_6", pdfa_6_6),
    ("pdfa_6_7", pdfa_6_7),
    ("pdfa_6_9", pdfa_6_9),
];

/// Asserts that dossier 001's PJ breaks exactly one PDF/A-1b rule, `rule` under `clause`, located
/// at `xpath` (a PDF object) when given, and that dossier 001 is rejected naming its PJ.
#[track_caller]
fn one_pdfa_violation(checked: &scor_conformance::Checked, rule: &str, clause: &str, xpath: Option<&str>) {
    let want = Want { xpath, ..Want::error(rule, "P-001-001.pkcs7", "5204").clause(clause) };
    finding(checked, want);
    errors(checked, &[rule]);
    assert_eq!(count(checked, rule), 1, "{}", describe(checked));
    dossier_rejection(checked, &[(1, "P-001-001.pkcs7", "5204")]);
}

#[test]
fn pdf_syntax_a_jpeg_instead_of_a_pdf() {
    let checked = pdf_syntax();
    let found = finding(checked, Want::error("PDF-SYNTAX", "P-001-001.pkcs7", "5204").clause("ISO 19005-1 6.1.1"));
    assert!(found.message.contains("could not be parsed as PDF"), "{found}");
    // What a non-PDF also breaks of the file structure (header, %%EOF, startxref), same file and cause.
    errors(checked, &["PDF-SYNTAX", "PDFA-FILE"]);
    let structure: Vec<_> = checked.outcome.findings.iter().filter(|f| f.rule == "PDFA-FILE").collect();
    assert!(structure.iter().all(|f| f.location.file == "P-001-001.pkcs7" && f.cause == Some("5204")));
    dossier_rejection(checked, &[(1, "P-001-001.pkcs7", "5204")]);
    let skipped = &checked.outcome.not_evaluated;
    assert!(
        skipped
            .iter()
            .any(|n| n.file == "P-001-001.pkcs7" && n.checks.render(scor_locale::Lang::En).contains("6.5-6.9")),
        "{skipped:?}"
    );
    assert_eq!(checked.outcome.files[2].pages, None);
}

#[test]
fn pdfa_6_1_trailer_without_id() {
    one_pdfa_violation(pdfa_6_1(), "PDFA-FILE", "ISO 19005-1 6.1.3 (veraPDF test 1)", None);
}

#[test]
fn pdfa_6_2_device_gray_without_output_intent() {
    one_pdfa_violation(pdfa_6_2(), "PDFA-GRAPHICS", "ISO 19005-1 6.2.3 (veraPDF test 4)", Some("object 8 0 R"));
}

#[test]
fn pdfa_6_3_font_not_embedded() {
    one_pdfa_violation(pdfa_6_3(), "PDFA-FONTS", "ISO 19005-1 6.3.4 (veraPDF test 1)", Some("object 9 0 R"));
}

#[test]
fn pdfa_6_4_image_soft_mask() {
    one_pdfa_violation(pdfa_6_4(), "PDFA-TRANSPARENCY", "ISO 19005-1 6.4 (veraPDF test 2)", Some("object 8 0 R"));
}

#[test]
fn pdfa_6_5_annotation_not_printed() {
    let checked = pdfa_6_5();
    one_pdfa_violation(checked, "PDFA-ANNOTATIONS", "ISO 19005-1 6.5.3 (veraPDF test 2)", Some("object 9 0 R"));
    let found = checked.outcome.findings.iter().find(|f| f.rule == "PDFA-ANNOTATIONS").unwrap();
    assert_eq!(found.location.page, Some(1));
}

#[test]
fn pdfa_6_6_javascript_open_action() {
    one_pdfa_violation(pdfa_6_6(), "PDFA-ACTIONS", "ISO 19005-1 6.6.1 (veraPDF test 1)", None);
}

#[test]
fn pdfa_6_7_xmp_declares_part_2() {
    one_pdfa_violation(pdfa_6_7(), "PDFA-METADATA", "ISO 19005-1 6.7.11 (veraPDF test 2)", Some("object 3 0 R"));
}

#[test]
fn pdfa_6_9_widget_without_appearance() {
    one_pdfa_violation(pdfa_6_9(), "PDFA-FORMS", "ISO 19005-1 6.9 (veraPDF test 2)", Some("object 9 0 R"));
}

/// The PJ file of dossier 001, its reported page count, its findings of `rule` as (xpath, page,
/// message), and its not-evaluated checks as (checks, reason).
struct Pj<'c> {
    pages: Option<u32>,
    found: Vec<(Option<&'c str>, Option<u32>, &'c str)>,
    skipped: Vec<(String, String)>,
}

const PJ: &str = "P-001-001.pkcs7";

/// Pairs of texts as the owned strings a report renders.
fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

fn pj<'c>(checked: &'c scor_conformance::Checked, rule: &str) -> Pj<'c> {
    let file = checked.outcome.files.iter().find(|f| f.name == PJ).expect("the PJ is in the lot");
    let found = checked.outcome.findings.iter().filter(|f| f.rule == rule && f.location.file == PJ);
    let skipped = checked.outcome.not_evaluated.iter().filter(|n| n.file == PJ);
    Pj {
        pages: file.pages,
        found: found.map(|f| (f.location.xpath.as_deref(), f.location.page, f.message.as_str())).collect(),
        skipped: skipped
            .map(|n| (n.checks.render(scor_locale::Lang::En), n.reason.render(scor_locale::Lang::En)))
            .collect(),
    }
}

/// Asserts that the PJ's only error rule is `rule`, that dossier 001 is rejected naming the PJ with
/// cause 5204, and that each of the PJ's findings of `rule` is 6.1.1 when it is PDF-SYNTAX.
#[track_caller]
fn rejected_for(checked: &scor_conformance::Checked, rule: &str) {
    errors(checked, &[rule]);
    dossier_rejection(checked, &[(1, PJ, "5204")]);
    for f in checked.outcome.findings.iter().filter(|f| f.rule == rule) {
        let clause = (rule == "PDF-SYNTAX").then_some("ISO 19005-1 6.1.1");
        assert_eq!((f.location.file.as_str(), f.cause, f.clause.as_deref()), (PJ, Some("5204"), clause), "{f}");
    }
}

const AFTER_BYTES: &str = "not evaluated after the limit pdf_max_decoded_stream_bytes";

#[test]
fn pdf_no_page_is_no_pj() {
    let checked = pdf_no_page();
    rejected_for(checked, "PDF-SYNTAX");
    let pj = pj(checked, "PDF-SYNTAX");
    assert_eq!(pj.found, [(None, None, "the page tree holds no page: a PDF without a page is no PJ")]);
    assert_eq!((pj.pages, pj.skipped), (Some(0), vec![]));
}

#[test]
fn pdf_page_that_does_not_parse_is_named() {
    let checked = pdf_page_unparsable();
    rejected_for(checked, "PDF-SYNTAX");
    let pj = pj(checked, "PDF-SYNTAX");
    let missing = "a Kids entry of 2 0 R refers to 6 0 R, an object that is absent or does not parse";
    let none = "the page tree holds no page: a PDF without a page is no PJ";
    assert_eq!(pj.found, [(Some("object 6 0 R"), None, missing), (None, None, none)]);
    assert_eq!((pj.pages, pj.skipped), (Some(0), vec![]));
}

#[test]
fn pdf_tree_self_loop_counts_its_one_page_once() {
    let checked = pdf_tree_self_loop();
    rejected_for(checked, "PDF-SYNTAX");
    let pj = pj(checked, "PDF-SYNTAX");
    let loops = "the page tree loops: a Kids entry of 2 0 R refers to 2 0 R itself";
    assert_eq!(pj.found, [(Some("object 2 0 R"), None, loops)]);
    assert_eq!((pj.pages, pj.skipped), (Some(1), vec![]));
    // The scan analysis reads the same single page: one page view, page 1.
    let files =
        files_with_pdf(|pdf| page_tree(pdf, "<< /Type /Pages /Kids [6 0 R 2 0 R 2 0 R 2 0 R] /Count 4 >>", &[]));
    let revealed = check_revealing(&files);
    let views: Vec<u32> = revealed.outcome.pages.iter().filter(|p| p.file == PJ).map(|p| p.page).collect();
    assert_eq!(views, [1]);
}

#[test]
fn pdf_tree_parent_loop_is_named() {
    let checked = pdf_tree_parent_loop();
    rejected_for(checked, "PDF-SYNTAX");
    let pj = pj(checked, "PDF-SYNTAX");
    let loops = "the page tree loops: a Kids entry of 9 0 R refers to 2 0 R, which contains it";
    assert_eq!(pj.found, [(Some("object 2 0 R"), None, loops)]);
    assert_eq!((pj.pages, pj.skipped), (Some(1), vec![]));
}

#[test]
fn pdf_image_bomb_names_pdf_max_decoded_stream_bytes() {
    let checked = pdf_image_bomb();
    rejected_for(checked, "PDF-LIMIT");
    let pj = pj(checked, "PDF-LIMIT");
    let stop = "stream 8 0 R decodes past 50000000 bytes (limit pdf_max_decoded_stream_bytes)";
    assert_eq!(pj.found, [(Some("object 8 0 R"), None, stop)]);
    assert_eq!((pj.pages, pj.skipped), (Some(1), owned(&[("scan quality of page 1", AFTER_BYTES)])));
}

#[test]
fn pdf_double_flate_bomb_is_one_finding_for_both_readers() {
    let checked = pdf_double_flate_bomb();
    rejected_for(checked, "PDF-LIMIT");
    let pj = pj(checked, "PDF-LIMIT");
    // The PDF/A checker and the scan analysis both stop at stream 7: one finding.
    let stop = "stream 7 0 R decodes past 50000000 bytes (limit pdf_max_decoded_stream_bytes)";
    assert_eq!(pj.found, [(Some("object 7 0 R"), None, stop)]);
    let skipped =
        vec![("PDF/A-1b clauses 6.1.12, 6.2.3, 6.2.10", AFTER_BYTES), ("scan quality of page 1", AFTER_BYTES)];
    assert_eq!((pj.pages, pj.skipped), (Some(1), owned(&skipped)));
}

#[test]
fn pdf_icc_bomb_is_a_limit_not_a_missing_output_intent() {
    let checked = pdf_icc_bomb();
    rejected_for(checked, "PDF-LIMIT");
    let pj = pj(checked, "PDF-LIMIT");
    let stop = "stream 4 0 R decodes past 50000000 bytes (limit pdf_max_decoded_stream_bytes)";
    assert_eq!(pj.found, [(Some("object 4 0 R"), None, stop)]);
    assert_eq!((pj.pages, pj.skipped), (Some(1), owned(&[("PDF/A-1b clauses 6.2.2, 6.2.3, 6.5.3", AFTER_BYTES)])));
}

#[test]
fn the_bombs_stay_within_pj_max_bytes() {
    // Each bomb is a PJ the size limit lets through: only the decoded-bytes limit stops it.
    let limit = scor_dictionary::latest::DICTIONARY.limit(scor_dictionary::Limit::PjMaxBytes) as usize;
    for (name, checked) in
        [("image", pdf_image_bomb()), ("Flate of Flate", pdf_double_flate_bomb()), ("ICC", pdf_icc_bomb())]
    {
        let plain = checked.outcome.files.iter().find(|f| f.name == PJ).and_then(|f| f.plain_bytes).unwrap();
        assert!(plain as usize <= limit, "the {name} bomb is {plain} bytes");
    }
}
