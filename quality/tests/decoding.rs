//! Decoding paths and limits: CCITT G4 (encoded here with the `fax` crate), Decode arrays, image masks,
//! colour, JBIG2, pixel and byte limits, pages without images, thumbnails, input that is not a PDF.

mod common;

use common::*;
use scor_dictionary::Limit;
use scor_pdfa::write::{DocInfo, Page, Raster, assemble, flate, flate_zeros, scan_objects, stream_object};
use scor_quality::{Anomaly, LimitStop, Limits, ReadingLimit, Report, analyze};

fn page() -> Page {
    Spec::text(A6, 200, 3).render()
}

fn bits(page: &Page) -> &[u8] {
    match &page.raster {
        Raster::Bitonal(bits) => bits,
        Raster::Gray(_) => panic!("a bitonal page"),
    }
}

fn run(pdf: &[u8]) -> Report {
    analyze(pdf, &LIMITS, &thresholds())
}

#[test]
fn ccitt_g4_decodes_to_the_same_measures_as_flate() {
    let page = page();
    let flate_report = run(&pdf(std::slice::from_ref(&page)));
    let dict = format!(
        "/Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 1 \
         /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns {w} /Rows {h} >>",
        w = page.width,
        h = page.height
    );
    let g4_report = run(&with_image(&page, &dict, &g4(page.width, bits(&page))));
    assert!(g4_report.not_evaluated.is_empty(), "{:?}", g4_report.not_evaluated);
    let (a, b) = (&flate_report.pages[0], &g4_report.pages[0]);
    assert_eq!(b.encoding, "CCITTFaxDecode");
    assert!(b.bitonal);
    assert_eq!(a.metrics, b.metrics);
    assert_eq!(a.thumbnail_png, b.thumbnail_png);
}

#[test]
fn ccitt_black_is_1_with_an_inverting_decode_array_reads_the_same() {
    let page = page();
    let plain = run(&pdf(std::slice::from_ref(&page)));
    // BlackIs1: the filter outputs the encoded black runs as 1 bits; Decode [1 0] shows 1 bits black.
    let dict = format!(
        "/Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 1 \
         /Decode [1 0] /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns {w} /Rows {h} /BlackIs1 true >>",
        w = page.width,
        h = page.height
    );
    let report = run(&with_image(&page, &dict, &g4(page.width, bits(&page))));
    assert_eq!(report.pages[0].metrics, plain.pages[0].metrics);
}

#[test]
fn decode_array_and_image_mask_invert_as_pdf_says() {
    let page = page();
    let plain = run(&pdf(std::slice::from_ref(&page)));
    let inverted: Vec<u8> = bits(&page).iter().map(|b| !b).collect();
    let (w, h) = (page.width, page.height);
    let decode = format!(
        "/Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 1 \
         /Decode [1 0] /Filter /FlateDecode"
    );
    // A stencil mask paints where samples are 0 (default Decode): the page's bits as they are.
    let mask = format!("/Type /XObject /Subtype /Image /Width {w} /Height {h} /ImageMask true /Filter /FlateDecode");
    for pdf in [with_image(&page, &decode, &flate(&inverted)), with_image(&page, &mask, &flate(bits(&page)))] {
        let report = run(&pdf);
        assert!(report.not_evaluated.is_empty(), "{:?}", report.not_evaluated);
        assert_eq!(report.pages[0].metrics, plain.pages[0].metrics);
    }
}

#[test]
fn colour_images_are_flagged_as_colour() {
    let page = Spec::text(A6, 150, 4).tone(Tone::PureGrey).render();
    let Raster::Gray(grey) = &page.raster else { panic!("grey") };
    // Blue ink on white paper.
    let rgb: Vec<u8> = grey.iter().flat_map(|&g| if g == 0 { [20, 40, 200] } else { [255, 255, 255] }).collect();
    let dict = format!(
        "/Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace /DeviceRGB /BitsPerComponent 8 \
         /Filter /FlateDecode",
        page.width, page.height
    );
    let report = run(&with_image(&page, &dict, &flate(&rgb)));
    let issues: Vec<_> = report.pages[0].issues.iter().collect();
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].anomaly, Anomaly::Grey);
    assert!(issues[0].message.starts_with("the page holds colour"), "{}", issues[0].message);
}

#[test]
fn jbig2_and_jpx_are_not_evaluated() {
    let page = page();
    for (filter, words) in [("JBIG2Decode", "no JBIG2 decoder"), ("JPXDecode", "JPEG 2000")] {
        let dict = format!(
            "/Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace /DeviceGray /BitsPerComponent 1 \
             /Filter /{filter}",
            page.width, page.height
        );
        let report = run(&with_image(&page, &dict, b"\x00\x01\x02"));
        assert!(report.pages.is_empty());
        assert_eq!(report.not_evaluated.len(), 1);
        let (number, reason) = &report.not_evaluated[0];
        assert_eq!(*number, Some(1));
        assert!(reason.contains(words), "{reason}");
    }
}

#[test]
fn limits_stop_large_images_before_decoding() {
    let page = Spec::text(A6, 150, 5).tone(Tone::PureGrey).render();
    let bytes = pdf(std::slice::from_ref(&page));
    let pixels = u64::from(page.width) * u64::from(page.height);
    let small = Limits { max_pixels_per_page: pixels - 1, ..LIMITS };
    let report = analyze(&bytes, &small, &thresholds());
    assert!(report.not_evaluated[0].1.contains("over the limit"), "{:?}", report.not_evaluated);
    // An image whose data decodes past the decoded-bytes limit is a limit stop naming its stream.
    let few_bytes = Limits { max_decoded_bytes: pixels / 2, ..LIMITS };
    let report = analyze(&bytes, &few_bytes, &thresholds());
    assert!(report.pages.is_empty() && report.not_evaluated.is_empty(), "{:?}", report.not_evaluated);
    assert_eq!(report.stops, [LimitStop::stream(Some((8, 0)), (pixels / 2) as usize)]);
    assert_eq!(report.not_evaluated_at_limit, [(Some(1), ReadingLimit::DecodedStreamBytes)]);
}

#[test]
fn an_image_bomb_decodes_no_further_than_the_limit() {
    // 480 MB of zeros declared as an A6 page image: a limit stop, and the next page is still analysed.
    let page = page();
    let bomb = flate_zeros(480_000_000);
    let dict = format!(
        "/Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace /DeviceGray /BitsPerComponent 8 \
         /Filter /FlateDecode",
        page.width, page.height
    );
    let mut objects = scan_objects(&[page.clone(), page.clone()], &DocInfo::default()).unwrap();
    objects[7] = stream_object(&dict, &bomb);
    let report = run(&assemble(&objects, Some(5)));
    let message = "stream 8 0 R decodes past 50000000 bytes";
    assert_eq!(report.stops.iter().map(|s| s.message.as_str()).collect::<Vec<_>>(), [message]);
    assert_eq!(report.not_evaluated_at_limit, [(Some(1), ReadingLimit::DecodedStreamBytes)]);
    assert_eq!((report.page_count, report.pages.len(), report.pages[0].page), (2, 1, 2));
    assert!(report.not_evaluated.is_empty(), "{:?}", report.not_evaluated);
}

#[test]
fn a_content_bomb_of_two_flate_stages_is_a_limit_stop() {
    let page = page();
    let mut objects = scan_objects(std::slice::from_ref(&page), &DocInfo::default()).unwrap();
    objects[6] = stream_object("/Filter [/FlateDecode /FlateDecode]", &flate(&flate_zeros(2_000_000_000)));
    let report = run(&assemble(&objects, Some(5)));
    assert_eq!(report.stops, [LimitStop::stream(Some((7, 0)), 50_000_000)]);
    assert_eq!(report.not_evaluated_at_limit, [(Some(1), ReadingLimit::DecodedStreamBytes)]);
    assert!(report.pages.is_empty() && report.not_evaluated.is_empty(), "{:?}", report.not_evaluated);
}

#[test]
fn the_test_limits_are_the_spec_tables() {
    let d = &scor_dictionary::v2_13::DICTIONARY;
    assert_eq!(LIMITS.max_pixels_per_page, d.limit(Limit::QualityMaxPagePixels));
    assert_eq!(LIMITS.max_decoded_bytes, d.limit(Limit::PdfMaxDecodedStreamBytes));
    assert_eq!(u64::from(LIMITS.max_pages), d.limit(Limit::PdfMaxPages));
}

#[test]
fn pages_beyond_the_page_limit_are_not_evaluated() {
    let pages = [page(), page(), page()];
    let report = analyze(&pdf(&pages), &Limits { max_pages: 2, ..LIMITS }, &thresholds());
    assert_eq!((report.page_count, report.pages.len()), (2, 2));
    assert_eq!(report.stops, [LimitStop::pages(2)]);
    assert_eq!(report.not_evaluated_at_limit, [(None, ReadingLimit::Pages)]);
    assert!(report.not_evaluated.is_empty(), "{:?}", report.not_evaluated);
}

#[test]
fn a_page_without_image_and_a_file_that_is_not_a_pdf() {
    let page = page();
    let mut objects = scan_objects(std::slice::from_ref(&page), &DocInfo::default()).unwrap();
    objects[5] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 7 0 R >>".to_vec();
    objects[6] = stream_object("", b"BT /F1 12 Tf 72 700 Td (Ordonnance) Tj ET");
    let report = run(&assemble(&objects, Some(5)));
    assert_eq!(
        report.not_evaluated,
        vec![(Some(1), "the page draws no image: only scanned pages are analysed".to_owned())]
    );

    let report = run(b"not a PDF at all");
    assert_eq!(report.page_count, 0);
    assert_eq!(report.not_evaluated.len(), 1);
    assert_eq!(report.not_evaluated[0].0, None);
    assert!(report.not_evaluated[0].1.starts_with("the PDF could not be read"));
}

#[test]
fn thumbnails_are_small_grey_pngs() {
    let report = run(&pdf(&[Spec::text(A4, 250, 6).render()]));
    let page = &report.pages[0];
    assert!(page.thumbnail_png.starts_with(b"\x89PNG\r\n\x1a\n"));
    // Whole blocks of the work image: at most 200 pixels, and not much less.
    assert!((150..=200).contains(&page.thumbnail_height), "{}", page.thumbnail_height);
    let ratio = f64::from(page.thumbnail_width) / f64::from(page.thumbnail_height);
    assert!((ratio - 210.0 / 297.0).abs() < 0.01, "{ratio}");
    assert!(page.thumbnail_png.len() < 40_000, "{} bytes", page.thumbnail_png.len());
    let off = analyze(&pdf(&[page_small()]), &Limits { thumbnail_max_side: 0, ..LIMITS }, &thresholds());
    assert!(off.pages[0].thumbnail_png.is_empty());
}

fn page_small() -> Page {
    Spec::text(A6, 100, 7).render()
}

#[test]
fn dpi_follows_the_drawn_size_not_the_pixel_count() {
    // The same 200 DPI pixels drawn twice as large: 100 DPI.
    let page = page();
    let mut objects = scan_objects(std::slice::from_ref(&page), &DocInfo::default()).unwrap();
    let (w, h) = (f64::from(page.width) * 72.0 / 100.0, f64::from(page.height) * 72.0 / 100.0);
    objects[5] = format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] /Resources << /XObject << /Im0 8 0 R >> >> /Contents 7 0 R >>").into_bytes();
    objects[6] = stream_object("", format!("q {w} 0 0 {h} 0 0 cm /Im0 Do Q").as_bytes());
    let report = run(&assemble(&objects, Some(5)));
    let page = &report.pages[0];
    assert!((page.dpi_x - 100.0).abs() < 0.01 && (page.dpi_y - 100.0).abs() < 0.01, "{} {}", page.dpi_x, page.dpi_y);
    assert!(page.issues.iter().any(|i| i.anomaly == Anomaly::Resolution));
}
