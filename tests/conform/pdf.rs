//! PJ that are not PDF/A-1b: one change to dossier 001's scan before the lot is built.

use crate::support::*;
use scor_tests::lots::*;

/// The example lot with dossier 001's PJ (a one-page scan: objects 1-5, page 6, content 7, image 8)
/// changed by `change`.
fn with_pdf(change: impl FnOnce(&[u8]) -> Vec<u8>) -> scor_conformance::Checked {
    let mut plan = example_plan();
    let piece = &mut plan.dossiers[0].pieces[0];
    piece.pdf = Some(change(piece.pdf.as_deref().expect("an INTERNE piece")));
    check(&build(&plan).files)
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

pub const DEVIATIONS: &[Deviation] = &[
    ("pdf_syntax", pdf_syntax),
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
    assert!(skipped.iter().any(|n| n.file == "P-001-001.pkcs7" && n.checks.contains("6.5-6.9")), "{skipped:?}");
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
