//! One or more PDFs per checked clause, each made from the writer's clean scan by one change, and
//! the clause and veraPDF test number the checker must report for it.

mod common;

use common::*;
use scor_pdfa::write::{assemble, flate, stream_object};

fn has(pdf: &[u8], clause: &str, test: u32) {
    let r = run(pdf);
    assert!(r.has(clause, test), "expected {clause} test {test}\n{}", describe(&r));
}

fn only(pdf: &[u8], expected: &[(&str, u32)]) {
    assert_only(&run(pdf), expected);
}

// ---- 6.1.2 header -------------------------------------------------------------------------

#[test]
fn c6_1_2_header_not_at_offset_zero() {
    let mut pdf = b" ".to_vec();
    pdf.extend(clean_pdf());
    has(&pdf, "6.1.2", 1);
}

#[test]
fn c6_1_2_binary_comment_missing() {
    only(&patch_bytes(&clean_pdf(), b"%\xE2\xE3\xCF\xD3", b"%abcd"), &[("6.1.2", 2)]);
}

#[test]
fn c6_1_2_version_is_not_restricted() {
    let r = run(&patch_bytes(&clean_pdf(), b"%PDF-1.4", b"%PDF-1.7"));
    assert!(r.violations.is_empty(), "{}", describe(&r));
}

#[test]
fn c6_1_1_not_a_pdf() {
    let r = run(b"hello, world");
    assert!(r.has(scor_pdfa::PARSE_CLAUSE, 0) && r.has("6.1.2", 1), "{}", describe(&r));
    assert!(!r.not_evaluated.is_empty());
    assert_eq!(r.pages, None);
}

// ---- 6.1.3 trailer ------------------------------------------------------------------------

#[test]
fn c6_1_3_no_id() {
    only(&patch_bytes(&clean_pdf(), b"/ID [", b"/XD ["), &[("6.1.3", 1)]);
}

#[test]
fn c6_1_3_encrypt() {
    has(&patch_bytes(&clean_pdf(), b"/Root 1 0 R", b"/Root 1 0 R /Encrypt << /Filter /Standard /V 1 >>"), "6.1.3", 2);
}

#[test]
fn c6_1_3_data_after_eof() {
    let mut pdf = clean_pdf();
    pdf.extend_from_slice(b"trailing garbage\n");
    only(&pdf, &[("6.1.3", 3)]);
}

#[test]
fn c6_1_3_single_eol_after_eof_is_fine() {
    let mut pdf = clean_pdf();
    pdf.pop();
    pdf.extend_from_slice(b"\r\n");
    only(&pdf, &[]);
}

// ---- 6.1.4 cross-reference ----------------------------------------------------------------

#[test]
fn c6_1_4_subsection_header_spacing() {
    has(&patch_bytes(&clean_pdf(), b"xref\n0 12\n", b"xref\n0  12\n"), "6.1.4", 1);
}

#[test]
fn c6_1_4_xref_keyword_eol() {
    has(&patch_bytes(&clean_pdf(), b"xref\n0 12", b"xref\n\n0 12"), "6.1.4", 2);
}

#[test]
fn c6_1_4_object_stream() {
    let objstm = stream_object("/Type /ObjStm /N 0 /First 0", b"");
    only(&with_objects(&[&objstm], |_| {}), &[("6.1.4", 0)]);
}

#[test]
fn c6_1_4_wrong_offsets() {
    // Shift every object by one byte without fixing the table.
    has(&patch_bytes(&clean_pdf(), b"%\xE2\xE3\xCF\xD3\n", b"%\xE2\xE3\xCF\xD3\n\n"), "6.1.4", 0);
}

// ---- 6.1.6 hex strings, 6.1.7 streams, 6.1.8 objects --------------------------------------

#[test]
fn c6_1_6_odd_hex_digits() {
    let extra = b"<< /Odd <414> >>".as_slice();
    only(&with_objects(&[extra], |_| {}), &[("6.1.6", 1)]);
}

#[test]
fn c6_1_6_non_hex_character() {
    let extra = b"<< /Bad <41 4G> >>".as_slice();
    has(&with_objects(&[extra], |_| {}), "6.1.6", 2);
}

#[test]
fn c6_1_7_wrong_length() {
    let extra = b"<< /Length 5 >>\nstream\n0123456789\nendstream".as_slice();
    only(&with_objects(&[extra], |_| {}), &[("6.1.7", 1)]);
}

#[test]
fn c6_1_7_indirect_length_is_resolved() {
    let extra = [b"<< /Length 13 0 R >>\nstream\n0123456789\nendstream".as_slice(), b"10"];
    only(&with_objects(&extra, |_| {}), &[]);
}

#[test]
fn c6_1_7_no_eol_before_endstream() {
    let extra = b"<< /Length 10 >>\nstream\n0123456789endstream".as_slice();
    only(&with_objects(&[extra], |_| {}), &[("6.1.7", 2)]);
}

#[test]
fn c6_1_7_cr_alone_after_stream() {
    let extra = b"<< /Length 10 >>\nstream\r0123456789\nendstream".as_slice();
    has(&with_objects(&[extra], |_| {}), "6.1.7", 2);
}

#[test]
fn c6_1_7_external_stream_keys() {
    let extra = b"<< /Length 0 /F (data.bin) /FFilter /FlateDecode >>\nstream\n\nendstream".as_slice();
    only(&with_objects(&[extra], |_| {}), &[("6.1.7", 3)]);
}

#[test]
fn c6_1_8_endobj_not_on_own_line() {
    let pdf = clean_pdf();
    let at = pdf.windows(7).position(|w| w == b"\nendobj").unwrap();
    let mut bad = pdf.clone();
    bad[at] = b' ';
    only(&bad, &[("6.1.8", 1)]);
}

#[test]
fn c6_1_8_double_space_in_object_header() {
    has(&patch_bytes(&clean_pdf(), b"\n2 0 obj", b"\n2  0 obj"), "6.1.8", 1);
}

// ---- 6.1.10 LZW, 6.1.11 embedded files, 6.1.12 limits, 6.1.13 optional content ---------------

#[test]
fn c6_1_10_lzw_stream() {
    let extra = b"<< /Filter /LZWDecode /Length 0 >>\nstream\n\nendstream".as_slice();
    only(&with_objects(&[extra], |_| {}), &[("6.1.10", 1)]);
}

#[test]
fn c6_1_10_lzw_inline_image() {
    let content = "q 10 0 0 10 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 /F /LZW ID \u{0}\u{0}\u{0} EI Q";
    has(&page_with("", Some(content), "", &[]), "6.1.10", 2);
}

#[test]
fn c6_1_11_file_spec_with_ef() {
    let extra =
        [b"<< /Type /Filespec /F (a.txt) /EF << /F 13 0 R >> >>".as_slice(), b"<< /Length 0 >>\nstream\n\nendstream"];
    only(&with_objects(&extra, |_| {}), &[("6.1.11", 1)]);
}

#[test]
fn c6_1_11_embedded_files_name_tree() {
    only(&catalog_with("/Names << /EmbeddedFiles << /Names [] >> >>", &[]), &[("6.1.11", 2)]);
}

#[test]
fn c6_1_12_numbers_strings_names() {
    let long_name = "N".repeat(130);
    let long_string = "x".repeat(70_000);
    let obj = format!("<< /Big 3000000000 /Real 40000.5 /{long_name} 1 /S ({long_string}) >>");
    only(&with_objects(&[obj.as_bytes()], |_| {}), &[("6.1.12", 1), ("6.1.12", 2), ("6.1.12", 3), ("6.1.12", 4)]);
}

#[test]
fn c6_1_12_array_and_dict_sizes() {
    let array = format!("[{}]", "0 ".repeat(8192));
    let dict = format!("<< {} >>", (0..4096).map(|i| format!("/K{i} 0")).collect::<Vec<_>>().join(" "));
    only(&with_objects(&[array.as_bytes(), dict.as_bytes()], |_| {}), &[("6.1.12", 5), ("6.1.12", 6)]);
}

#[test]
fn c6_1_12_q_nesting() {
    let content = format!("{}{}", "q ".repeat(29), "Q ".repeat(29));
    only(&page_with("", Some(&content), "", &[]), &[("6.1.12", 8)]);
}

#[test]
fn c6_1_12_q_nesting_of_28_is_fine() {
    let content = format!("{}{}", "q ".repeat(28), "Q ".repeat(28));
    only(&page_with("", Some(&content), "", &[]), &[]);
}

#[test]
fn c6_1_12_devicen_components() {
    let names = (0..9).map(|i| format!("/C{i}")).collect::<Vec<_>>().join(" ");
    let res = format!("/ColorSpace << /CS0 [/DeviceN [{names}] /DeviceGray 12 0 R] >>");
    let func = b"<< /FunctionType 2 /Domain [0 1] /C0 [0] /C1 [1] /N 1 >>".as_slice();
    only(&page_with(&res, Some("/CS0 cs 1 1 1 1 1 1 1 1 1 sc"), "", &[func]), &[("6.1.12", 9)]);
}

#[test]
fn c6_1_13_optional_content() {
    only(&catalog_with("/OCProperties << /OCGs [] /D << >> >>", &[]), &[("6.1.13", 1)]);
}

// ---- 6.2.2 output intent, 6.2.3 colour spaces ----------------------------------------------

#[test]
fn c6_2_2_output_profile_of_wrong_class() {
    let mut objs = clean_objects();
    objs[3] = replace_first(&objs[3], b"mntr", b"scnr");
    only(&assemble(&objs, Some(5)), &[("6.2.2", 1)]);
}

#[test]
fn c6_2_2_output_profile_version_4() {
    let mut objs = clean_objects();
    objs[3] = replace_first(&objs[3], b"\x02\x40\x00\x00mntr", b"\x04\x20\x00\x00mntr");
    only(&assemble(&objs, Some(5)), &[("6.2.2", 1)]);
}

#[test]
fn c6_2_2_output_profile_not_icc() {
    let mut objs = clean_objects();
    objs[3] = replace_first(&objs[3], b"acsp", b"xxxx");
    has(&assemble(&objs, Some(5)), "6.2.2", 1);
}

#[test]
fn c6_2_2_two_intents_two_profiles() {
    let mut objs = clean_objects();
    objs.push(objs[3].clone());
    let second = "<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (X) /DestOutputProfile 12 0 R >>]";
    objs[0] = replace_first(&objs[0], b">>]", format!(">> {second}").as_bytes());
    only(&assemble(&objs, Some(5)), &[("6.2.2", 2)]);
}

#[test]
fn c6_2_3_device_gray_without_output_intent() {
    let mut objs = clean_objects();
    let cat = String::from_utf8(objs[0].clone()).unwrap();
    let start = cat.find("/OutputIntents").unwrap();
    objs[0] = format!("{}>>", &cat[..start]).into_bytes();
    only(&assemble(&objs, Some(5)), &[("6.2.3", 4)]);
}

#[test]
fn c6_2_3_device_rgb_with_gray_intent() {
    only(&page_with("", Some("1 0 0 rg 0 0 10 10 re f"), "", &[]), &[("6.2.3", 2)]);
}

#[test]
fn c6_2_3_device_cmyk_with_gray_intent() {
    only(&page_with("", Some("0 0 0 1 K 0 0 m 10 10 l S"), "", &[]), &[("6.2.3", 3)]);
}

#[test]
fn c6_2_3_device_rgb_image() {
    let mut objs = clean_objects();
    objs[7] = replace_first(&objs[7], b"/DeviceGray", b"/DeviceRGB");
    // The image data no longer fits an RGB image, but 6.2.3 is about the colour space.
    has(&assemble(&objs, Some(5)), "6.2.3", 2);
}

#[test]
fn c6_2_3_icc_based_v4_and_wrong_n() {
    let mut profile = scor_pdfa::icc::gray_profile();
    profile[8] = 4;
    let v4 = stream_object("/N 1", &profile);
    let wrong_n = stream_object("/N 3", &scor_pdfa::icc::gray_profile());
    let res = "/ColorSpace << /A [/ICCBased 12 0 R] /B [/ICCBased 13 0 R] >>";
    let content = Some("/A cs 0.5 sc 0 0 1 1 re f /B CS 0.5 SC");
    only(&page_with(res, content, "", &[&v4, &wrong_n]), &[("6.2.3", 1), ("6.2.3", 5)]);
    // Declared but never selected: veraPDF checks colour spaces where they are used.
    only(&page_with(res, None, "", &[&v4, &wrong_n]), &[]);
}

// ---- 6.2.4 - 6.2.10 images, XObjects, ExtGState, rendering intents, operators -----------------

#[test]
fn c6_2_4_image_keys() {
    let mut objs = clean_objects();
    objs[7] = replace_first(&objs[7], b"/Type /XObject", b"/Type /XObject /Alternates [] /OPI << >> /Interpolate true");
    only(&assemble(&objs, Some(5)), &[("6.2.4", 1), ("6.2.4", 2), ("6.2.4", 3)]);
}

#[test]
fn c6_2_4_inline_image_interpolate() {
    let content = "q 10 0 0 10 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 /I true ID \u{7f} EI Q";
    only(&page_with("", Some(content), "", &[]), &[("6.2.4", 3)]);
}

fn form(entries: &str) -> Vec<u8> {
    stream_object(&format!("/Type /XObject /Subtype /Form /BBox [0 0 1 1] {entries}"), b"")
}

/// The clean scan with page 1 painting XObject 12 (`extra[0]`).
fn painted(extra: &[&[u8]]) -> Vec<u8> {
    with_objects(extra, |objs| {
        objs[5] = replace_first(&objs[5], b"/XObject << ", b"/XObject << /X9 12 0 R ");
        objs[6] = stream_object("", b"q /X9 Do Q");
    })
}

#[test]
fn c6_2_5_form_with_ps() {
    only(&painted(&[&form("/PS 13 0 R"), &stream_object("", b"")]), &[("6.2.5", 1)]);
}

#[test]
fn c6_2_6_reference_xobject() {
    only(&painted(&[&form("/Ref << /F (other.pdf) /Page 0 >>")]), &[("6.2.6", 1)]);
}

#[test]
fn c6_2_7_postscript_xobject() {
    let ps = stream_object("/Type /XObject /Subtype /PS", b"showpage");
    only(&painted(&[&ps]), &[("6.2.7", 1)]);
}

#[test]
fn xobjects_no_content_paints_are_exempt() {
    // ISO 19005-1 Cor.2: a resource that content does not use is not used for rendering.
    let ps = stream_object("/Type /XObject /Subtype /PS", b"showpage");
    only(&with_objects(&[&form("/PS 13 0 R"), &ps], |_| {}), &[]);
    let named_not_painted = with_objects(&[&form("/PS 13 0 R"), &ps], |objs| {
        objs[5] = replace_first(&objs[5], b"/XObject << ", b"/XObject << /X9 12 0 R ");
    });
    only(&named_not_painted, &[]);
}

fn gstate(entries: &str) -> Vec<u8> {
    page_with(
        "/ExtGState << /G0 12 0 R >>",
        Some("/G0 gs"),
        "",
        &[format!("<< /Type /ExtGState {entries} >>").as_bytes()],
    )
}

#[test]
fn c6_2_8_transfer_functions() {
    only(&gstate("/TR /Identity /TR2 /Identity"), &[("6.2.8", 1), ("6.2.8", 2)]);
}

#[test]
fn c6_2_8_tr2_default_is_fine() {
    only(&gstate("/TR2 /Default"), &[]);
}

#[test]
fn c6_2_9_rendering_intents() {
    only(&gstate("/RI /Vivid"), &[("6.2.9", 1)]);
    only(&page_with("", Some("/Vivid ri"), "", &[]), &[("6.2.9", 1)]);
}

#[test]
fn c6_2_10_undefined_operator() {
    only(&page_with("", Some("q foo Q"), "", &[]), &[("6.2.10", 1)]);
    only(&page_with("", Some("BX (x) PS EX"), "", &[]), &[("6.2.10", 1)]);
}

// ---- 6.3 fonts -------------------------------------------------------------------------------

fn font(dict: &str, extra: &[&[u8]]) -> Vec<u8> {
    let mut objs: Vec<&[u8]> = vec![dict.as_bytes()];
    objs.extend_from_slice(extra);
    page_with("/Font << /F1 12 0 R >>", Some("BT /F1 12 Tf 10 10 Td (Hi) Tj ET"), "", &objs)
}

#[test]
fn c6_3_4_font_not_embedded() {
    only(&font("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", &[]), &[("6.3.4", 1)]);
}

#[test]
fn c6_3_2_font_dictionary_entries() {
    let r = run(&font(
        "<< /Subtype /Type1 /BaseFont /ABCDEF+MyFont /FontDescriptor 13 0 R >>",
        &[b"<< /Type /FontDescriptor /FontFile 14 0 R >>", &stream_object("", b"")],
    ));
    for test in [1, 4, 5, 6] {
        assert!(r.has("6.3.2", test), "6.3.2 test {test}\n{}", describe(&r));
    }
    assert!(r.has("6.3.5", 2), "{}", describe(&r));
}

#[test]
fn c6_3_7_truetype_encoding() {
    let desc = b"<< /Type /FontDescriptor /Flags 32 /FontFile2 14 0 R >>".as_slice();
    let dict = "<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 72 /LastChar 73 /Widths [1 1] \
                /FontDescriptor 13 0 R >>";
    has(&font(dict, &[desc, &stream_object("", b"")]), "6.3.7", 1);
    let symbolic = b"<< /Type /FontDescriptor /Flags 4 /FontFile2 14 0 R >>".as_slice();
    let dict = dict.replace("/FontDescriptor", "/Encoding /WinAnsiEncoding /FontDescriptor");
    has(&font(&dict, &[symbolic, &stream_object("", b"")]), "6.3.7", 2);
}

#[test]
fn c6_3_3_composite_font() {
    let dict = "<< /Type /Font /Subtype /Type0 /BaseFont /F /Encoding /UniJIS-UCS2-H /DescendantFonts [13 0 R] >>";
    let cid = b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /F /FontDescriptor 14 0 R >>".as_slice();
    let desc = b"<< /Type /FontDescriptor /FontFile2 15 0 R >>".as_slice();
    only(&font(dict, &[cid, desc, &stream_object("", b"")]), &[("6.3.3", 2), ("6.3.3", 3)]);
}

// ---- 6.4 transparency ------------------------------------------------------------------------

#[test]
fn c6_4_ext_gstate_transparency() {
    only(
        &gstate("/SMask << /S /Luminosity >> /BM /Multiply /CA 0.5 /ca 0.5"),
        &[("6.4", 1), ("6.4", 4), ("6.4", 5), ("6.4", 6)],
    );
    only(&gstate("/SMask /None /BM /Compatible /CA 1 /ca 1.0"), &[]);
}

#[test]
fn c6_4_image_smask_and_page_group() {
    let mut objs = clean_objects();
    objs[7] = replace_first(&objs[7], b"/Type /XObject", b"/Type /XObject /SMask 10 0 R");
    objs[5] = replace_first(&objs[5], b"/Type /Page", b"/Type /Page /Group << /S /Transparency >>");
    only(&assemble(&objs, Some(5)), &[("6.4", 2), ("6.4", 3)]);
}

// ---- 6.5 annotations, 6.6 actions, 6.9 forms ---------------------------------------------------

fn annot(dict: &str, extra: &[&[u8]]) -> Vec<u8> {
    let mut objs: Vec<&[u8]> = vec![dict.as_bytes()];
    objs.extend_from_slice(extra);
    page_with("", None, "/Annots [12 0 R]", &objs)
}

#[test]
fn c6_5_annotations() {
    only(&annot("<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 1 1] /F 4 >>", &[]), &[("6.5.2", 1)]);
    only(&annot("<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /F 4 /CA 0.5 >>", &[]), &[("6.5.3", 1)]);
    only(&annot("<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] >>", &[]), &[("6.5.3", 2)]);
    only(&annot("<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /F 6 >>", &[]), &[("6.5.3", 2)]);
    only(&annot("<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /F 4 /C [1 0 0] >>", &[]), &[("6.5.3", 3)]);
    let ap = stream_object("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", b"");
    let dict = "<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /F 4 /AP << /N 13 0 R /D 13 0 R >> >>";
    only(&annot(dict, &[&ap]), &[("6.5.3", 4)]);
    let dict = "<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /F 4 /AP << /N 13 0 R >> >>";
    only(&annot(dict, &[&ap]), &[]);
}

#[test]
fn c6_6_1_actions() {
    let link = |action: &str| format!("<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /F 4 /A {action} >>");
    only(&annot(&link("<< /S /JavaScript /JS (app.alert(1)) >>"), &[]), &[("6.6.1", 1)]);
    only(&annot(&link("<< /S /Launch /F (calc.exe) >>"), &[]), &[("6.6.1", 1)]);
    only(&annot(&link("<< /S /URI /URI (http://x) /Next << /S /Hide /T (a) >> >>"), &[]), &[("6.6.1", 1)]);
    only(&annot(&link("<< /S /Named /N /Print >>"), &[]), &[("6.6.1", 2)]);
    only(&annot(&link("<< /S /Named /N /NextPage >>"), &[]), &[]);
    only(&catalog_with("/OpenAction << /S /ResetForm >>", &[]), &[("6.6.1", 1)]);
    only(&catalog_with("/Names << /JavaScript << /Names [] >> >>", &[]), &[("6.6.1", 1)]);
}

#[test]
fn c6_6_2_additional_actions() {
    only(&catalog_with("/AA << /WC << /S /GoTo /D [5 0 R /Fit] >> >>", &[]), &[("6.6.2", 3)]);
}

#[test]
fn c6_6_and_6_9_widgets_and_fields() {
    let ap = stream_object("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", b"");
    let widget = "<< /Type /Annot /Subtype /Widget /FT /Tx /T (f) /Rect [0 0 1 1] /F 4 /AP << /N 13 0 R >> \
                  /A << /S /URI /URI (http://x) >> /AA << /K << /S /URI /URI (http://y) >> >> >>";
    let pdf = with_objects(&[widget.as_bytes(), &ap], |objs| {
        objs[5] = replace_first(&objs[5], b"/Type /Page", b"/Type /Page /Annots [12 0 R]");
        objs[0] = replace_first(
            &objs[0],
            b"/Type /Catalog",
            b"/Type /Catalog /AcroForm << /Fields [14 0 R] /NeedAppearances true >>",
        );
        objs.push(b"<< /FT /Tx /T (g) /AA << /K << /S /URI /URI (http://z) >> >> /Kids [12 0 R] >>".to_vec());
    });
    only(&pdf, &[("6.6.1", 3), ("6.6.2", 1), ("6.6.2", 2), ("6.9", 1)]);
    let bare = "<< /Type /Annot /Subtype /Widget /FT /Tx /T (f) /Rect [0 0 1 1] /F 4 >>";
    only(&annot(bare, &[]), &[("6.9", 2)]);
}

// ---- 6.7 metadata ----------------------------------------------------------------------------

#[test]
fn c6_7_2_no_metadata() {
    let pdf = with_objects(&[], |objs| objs[0] = replace_first(&objs[0], b"/Metadata 3 0 R", b""));
    only(&pdf, &[("6.7.2", 1), ("6.7.3", 1), ("6.7.11", 1)]);
}

#[test]
fn c6_7_2_compressed_metadata() {
    let pdf = with_objects(&[], |objs| {
        objs[2] = stream_object("/Type /Metadata /Subtype /XML /Filter /FlateDecode", &flate(clean_xmp().as_bytes()))
    });
    only(&pdf, &[("6.7.2", 2)]);
}

#[test]
fn c6_7_3_info_differs_from_xmp() {
    let xmp = clean_xmp().replace("Dr Test", "Dr Other").replace("2026-03-14T09:26:53+01:00", "2026-03-14T09:26:53Z");
    let r = run(&with_xmp(xmp.as_bytes()));
    assert_only(&r, &[("6.7.3", 1)]);
    assert_eq!(r.violations.len(), 3, "{}", describe(&r));
}

#[test]
fn c6_7_3_same_instant_in_another_zone_is_fine() {
    let xmp = clean_xmp().replace("2026-03-14T09:26:53+01:00", "2026-03-14T08:26:53Z");
    only(&with_xmp(xmp.as_bytes()), &[]);
}

#[test]
fn c6_7_5_packet_header_attributes() {
    let xmp = clean_xmp()
        .replace("id=\"W5M0MpCehiHzreSzNTczkc9d\"", "id=\"W5M0MpCehiHzreSzNTczkc9d\" bytes=\"1\" encoding=\"UTF-8\"");
    only(&with_xmp(xmp.as_bytes()), &[("6.7.5", 1), ("6.7.5", 2)]);
}

#[test]
fn c6_7_9_malformed_xmp() {
    let xmp = clean_xmp().replace("</pdfaid:part>", "</pdfaid:prat>");
    only(&with_xmp(xmp.as_bytes()), &[("6.7.9", 1)]);
}

#[test]
fn c6_7_xmp_in_utf16_and_utf32_is_read() {
    let xmp = clean_xmp();
    let utf16: Vec<u8> = xmp.encode_utf16().flat_map(u16::to_be_bytes).collect();
    only(&with_xmp(&utf16), &[]);
    let utf32: Vec<u8> = xmp.chars().flat_map(|c| u32::from(c).to_le_bytes()).collect();
    only(&with_xmp(&utf32), &[]);
}

#[test]
fn c6_7_11_identification() {
    let xmp = clean_xmp();
    only(
        &with_xmp(xmp.replace("<pdfaid:part>1</pdfaid:part>", "<pdfaid:part>2</pdfaid:part>").as_bytes()),
        &[("6.7.11", 2)],
    );
    only(&with_xmp(xmp.replace(">B</pdfaid:conformance>", ">U</pdfaid:conformance>").as_bytes()), &[("6.7.11", 3)]);
    let renamed = xmp.replace("xmlns:pdfaid=", "xmlns:id=").replace("pdfaid:", "id:");
    only(&with_xmp(renamed.as_bytes()), &[("6.7.11", 4)]);
    let start = xmp.find("  <rdf:Description rdf:about=\"\" xmlns:pdfaid").unwrap();
    let end = xmp[start..].find("</rdf:Description>\n").unwrap() + start + 19;
    let without = format!("{}{}", &xmp[..start], &xmp[end..]);
    only(&with_xmp(without.as_bytes()), &[("6.7.11", 1)]);
    let attrs = xmp.replace("<pdfaid:part>1</pdfaid:part>", "").replace(
        "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"",
        "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" pdfaid:part=\"1\"",
    );
    only(&with_xmp(attrs.as_bytes()), &[]);
}
