//! Files built here for the clauses the veraPDF corpus covers only partly: XMP properties against the
//! predefined and extension schemas (6.7.8, 6.7.9), Default colour spaces (6.2.3), font subsets (6.3.5).

mod common;

use common::*;
use scor_pdfa::write::stream_object;

/// The clean scan's XMP with `extra` added as one more rdf:Description.
fn xmp_with(namespaces: &str, extra: &str) -> Vec<u8> {
    let description = format!("<rdf:Description rdf:about=\"\" {namespaces}>{extra}</rdf:Description>\n</rdf:RDF>");
    let packet = clean_xmp().replacen("</rdf:RDF>", &description, 1);
    with_xmp(packet.as_bytes())
}

const MY: &str = "xmlns:my=\"http://example.org/ns/my/\"";

/// A PDF/A extension schema describing my:Count (Integer) and my:Note with the given category.
fn extension_schema(category: &str) -> String {
    format!(
        "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\
         <pdfaSchema:schema>Example schema</pdfaSchema:schema>\
         <pdfaSchema:namespaceURI>http://example.org/ns/my/</pdfaSchema:namespaceURI>\
         <pdfaSchema:prefix>my</pdfaSchema:prefix>\
         <pdfaSchema:property><rdf:Seq>\
         <rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>Count</pdfaProperty:name>\
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType><pdfaProperty:category>internal</pdfaProperty:category>\
         <pdfaProperty:description>How many</pdfaProperty:description></rdf:li>\
         <rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>Note</pdfaProperty:name>\
         <pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>{category}</pdfaProperty:category>\
         <pdfaProperty:description>A note</pdfaProperty:description></rdf:li>\
         </rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>"
    )
}

const EXTENSION_NS: &str = "xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" \
     xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" \
     xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\" xmlns:my=\"http://example.org/ns/my/\"";

#[test]
fn the_clean_scan_is_clean() {
    let r = run(&clean_pdf());
    assert!(r.is_clean(), "{}", describe(&r));
}

#[test]
fn an_undeclared_xmp_property_is_a_6_7_9_violation() {
    let pdf = xmp_with(MY, "<my:Count>3</my:Count>");
    only_listed(&pdf, &[("6.7.9", 2)]);
}

#[test]
fn a_predefined_property_of_the_wrong_type_is_a_6_7_9_violation() {
    let pdf = xmp_with("xmlns:tiff=\"http://ns.adobe.com/tiff/1.0/\"", "<tiff:ImageWidth>256 mm</tiff:ImageWidth>");
    only_listed(&pdf, &[("6.7.9", 3)]);
    let dc = "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"";
    only_listed(&xmp_with(dc, "<dc:contributor>Someone</dc:contributor>"), &[("6.7.9", 3)]);
}

#[test]
fn a_property_a_valid_extension_schema_describes_is_clean() {
    let pdf =
        xmp_with(EXTENSION_NS, &format!("{}<my:Count>3</my:Count><my:Note>n</my:Note>", extension_schema("external")));
    let r = run(&pdf);
    assert!(r.is_clean(), "{}", describe(&r));
}

#[test]
fn an_extension_property_keeps_its_declared_type() {
    let pdf = xmp_with(EXTENSION_NS, &format!("{}<my:Count>three</my:Count>", extension_schema("internal")));
    only_listed(&pdf, &[("6.7.9", 3)]);
}

#[test]
fn an_extension_schema_with_a_bad_category_is_a_6_7_8_violation() {
    let pdf = xmp_with(EXTENSION_NS, &format!("{}<my:Note>n</my:Note>", extension_schema("sometimes")));
    only_listed(&pdf, &[("6.7.8", 10)]);
}

/// Page 1 painting DeviceRGB, with extra page resources, and the output intent removed or kept.
fn rgb_page(resources: &str, keep_intent: bool) -> Vec<u8> {
    let pdf = page_with(resources, Some("q 1 0 0 rg 0 0 10 10 re f Q"), "", &[]);
    if keep_intent { pdf } else { patch_bytes(&pdf, b"/OutputIntents", b"/NoIntentsHere") }
}

#[test]
fn default_rgb_covers_device_rgb_without_an_output_intent() {
    let cal_rgb = "/ColorSpace << /DefaultRGB [/CalRGB << /WhitePoint [0.9505 1 1.089] >>] >>";
    let with_default = run(&rgb_page(cal_rgb, false));
    assert!(!with_default.has("6.2.3", 2), "{}", describe(&with_default));
    let without = run(&rgb_page("", false));
    assert!(without.has("6.2.3", 2), "{}", describe(&without));
    let gray_intent = run(&rgb_page("", true));
    assert!(gray_intent.has("6.2.3", 2), "{}", describe(&gray_intent));
}

#[test]
fn a_default_space_that_is_not_a_valid_icc_profile_is_checked_in_its_place() {
    let bad = stream_object("/N 3", b"not an ICC profile");
    let pdf =
        page_with("/ColorSpace << /DefaultRGB [/ICCBased 12 0 R] >>", Some("q 1 0 0 rg 0 0 10 10 re f Q"), "", &[&bad]);
    let r = run(&pdf);
    assert!(r.has("6.2.3", 1) && !r.has("6.2.3", 2), "{}", describe(&r));
}

#[test]
fn a_type1_subset_whose_charset_names_a_missing_glyph_is_never_clean() {
    // The program holds no glyph at all, while CharSet names /a; Type 1 programs are not parsed, so
    // the report lists 6.3.5 as not evaluated instead of calling the file clean.
    let program = stream_object("/Length1 0 /Length2 0 /Length3 0", b"");
    let font = b"<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Example /FirstChar 97 /LastChar 97 \
                 /Widths [500] /FontDescriptor 13 0 R >>";
    let descriptor = b"<< /Type /FontDescriptor /FontName /ABCDEF+Example /Flags 32 /FontBBox [0 0 1000 1000] \
                       /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /CharSet (/a) \
                       /FontFile 14 0 R >>";
    let pdf =
        page_with("/Font << /F1 12 0 R >>", Some("BT /F1 12 Tf 10 10 Td (a) Tj ET"), "", &[font, descriptor, &program]);
    let r = run(&pdf);
    assert!(!r.is_clean(), "{}", describe(&r));
    assert!(r.not_evaluated.iter().any(|(c, _)| *c == "6.3.5"), "{}", describe(&r));
    assert!(r.not_evaluated.iter().any(|(c, _)| *c == "6.3.6"), "{}", describe(&r));
}

/// Asserts the violations are exactly these (clause, test) pairs.
#[track_caller]
fn only_listed(pdf: &[u8], expected: &[(&str, u32)]) {
    assert_only(&run(pdf), expected);
}
