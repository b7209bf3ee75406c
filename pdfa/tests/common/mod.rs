//! Shared test helpers: limits, sample scans and the writer's objects for byte surgery.
//! Each test binary uses a subset, hence the dead-code allowance.
#![allow(dead_code)]

use scor_pdfa::write::{assemble, scan_objects};
use scor_pdfa::{DocInfo, Limits, Page, PdfDate, Raster, Report, check, scan};

/// Limits for tests: generous but bounded.
pub fn limits() -> Limits {
    Limits {
        max_input_bytes: 64 << 20,
        max_decoded_stream_bytes: 16 << 20,
        max_objects: 100_000,
        max_pages: 1_000,
        max_findings_per_test: 20,
    }
}

/// A bitonal page with a black frame and a diagonal.
pub fn bitonal_page(width: u32, height: u32, dpi: u32) -> Page {
    let row = width.div_ceil(8) as usize;
    let mut bits = vec![0xFFu8; row * height as usize];
    for y in 0..height {
        for x in 0..width {
            let black = x < 4 || y < 4 || x + 4 >= width || y + 4 >= height || x == y;
            if black {
                bits[y as usize * row + (x / 8) as usize] &= !(0x80 >> (x % 8));
            }
        }
    }
    Page { width, height, dpi, raster: Raster::Bitonal(bits) }
}

/// A grey gradient page.
pub fn gray_page(width: u32, height: u32, dpi: u32) -> Page {
    let pixels = (0..width * height).map(|i| ((i % width) * 255 / width.max(1)) as u8).collect();
    Page { width, height, dpi, raster: Raster::Gray(pixels) }
}

pub fn date() -> PdfDate {
    PdfDate { year: 2026, month: 3, day: 14, hour: 9, minute: 26, second: 53, offset_minutes: 60 }
}

pub fn info() -> DocInfo {
    DocInfo {
        title: Some("Ordonnance & pièce".into()),
        author: Some("Dr Test".into()),
        subject: Some("PJ de test".into()),
        keywords: Some("scor, test".into()),
        creator: Some("scor-kit tests".into()),
        producer: Some("scor-pdfa".into()),
        creation_date: Some(date()),
        mod_date: Some(date()),
    }
}

/// A two-page clean scan.
pub fn clean_pdf() -> Vec<u8> {
    scan(&[bitonal_page(200, 280, 100), gray_page(120, 90, 72)], &info()).unwrap()
}

/// The clean scan's objects (index = object number - 1; 5 = first page, 6 its content, 7 its image).
pub fn clean_objects() -> Vec<Vec<u8>> {
    scan_objects(&[bitonal_page(200, 280, 100), gray_page(120, 90, 72)], &info()).unwrap()
}

/// Replaces the first occurrence of `from` in object `index` and reassembles.
pub fn edit(index: usize, from: &str, to: &str) -> Vec<u8> {
    let mut objs = clean_objects();
    objs[index] = replace_first(&objs[index], from.as_bytes(), to.as_bytes());
    assemble(&objs, Some(5))
}

/// Appends objects to the clean scan and reassembles; returns the file.
pub fn with_objects(extra: &[&[u8]], patch: impl FnOnce(&mut Vec<Vec<u8>>)) -> Vec<u8> {
    let mut objs = clean_objects();
    objs.extend(extra.iter().map(|o| o.to_vec()));
    patch(&mut objs);
    assemble(&objs, Some(5))
}

pub fn replace_first(hay: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = hay.windows(from.len()).position(|w| w == from).unwrap_or_else(|| {
        panic!("{:?} not found in {:?}", String::from_utf8_lossy(from), String::from_utf8_lossy(hay))
    });
    let mut out = hay[..at].to_vec();
    out.extend_from_slice(to);
    out.extend_from_slice(&hay[at + from.len()..]);
    out
}

/// Replaces in whole-file bytes (no reassembly).
pub fn patch_bytes(pdf: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    replace_first(pdf, from, to)
}

pub fn run(pdf: &[u8]) -> Report {
    check(pdf, &limits())
}

/// Describes a report for assertion messages.
pub fn describe(r: &Report) -> String {
    let mut s = String::new();
    for v in &r.violations {
        s.push_str(&format!("  {} t{}: {} @ {:?}\n", v.clause, v.test, v.message, v.location));
    }
    for (c, why) in &r.not_evaluated {
        s.push_str(&format!("  not evaluated {c}: {why}\n"));
    }
    for stop in &r.stops {
        s.push_str(&format!("  stopped at {:?} {}: {}\n", stop.limit, stop.value, stop.message));
    }
    for (c, limit) in &r.not_evaluated_at_limit {
        s.push_str(&format!("  not evaluated {c} after {limit:?}\n"));
    }
    s
}

/// The messages of the report's limit stops.
pub fn stops(r: &Report) -> Vec<&str> {
    r.stops.iter().map(|s| s.message.as_str()).collect()
}

/// The clauses a reading limit left unevaluated, with that limit.
pub fn at_limit(r: &Report) -> Vec<(&str, scor_pdfa::ReadingLimit)> {
    r.not_evaluated_at_limit.clone()
}

/// Asserts the report names exactly the given (clause, test) pairs, in any order and number.
#[track_caller]
pub fn assert_only(r: &Report, expected: &[(&str, u32)]) {
    let found: Vec<(&str, u32)> = r.violations.iter().map(|v| (v.clause, v.test)).collect();
    let missing: Vec<_> = expected.iter().filter(|e| !found.contains(e)).collect();
    let extra: Vec<_> = found.iter().filter(|f| !expected.contains(f)).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing {missing:?}, extra {extra:?}\n{}", describe(r));
}

/// Number of objects in the clean scan; appended objects are numbered from `FIRST_EXTRA`.
pub const FIRST_EXTRA: u32 = 12;

/// The clean scan with page 1 changed: extra resource entries, a new content stream, extra page
/// entries, and extra objects numbered from 12.
pub fn page_with(resources: &str, content: Option<&str>, page_entries: &str, extra: &[&[u8]]) -> Vec<u8> {
    with_objects(extra, |objs| {
        let page = replace_first(&objs[5], b"/Resources << ", format!("/Resources << {resources} ").as_bytes());
        objs[5] = replace_first(&page, b"/Type /Page ", format!("/Type /Page {page_entries} ").as_bytes());
        if let Some(c) = content {
            objs[6] = scor_pdfa::write::stream_object("", c.as_bytes());
        }
    })
}

/// The clean scan with extra catalog entries and extra objects.
pub fn catalog_with(entries: &str, extra: &[&[u8]]) -> Vec<u8> {
    with_objects(extra, |objs| {
        objs[0] = replace_first(&objs[0], b"/Type /Catalog ", format!("/Type /Catalog {entries} ").as_bytes());
    })
}

/// The clean scan with the XMP packet replaced.
pub fn with_xmp(xmp: &[u8]) -> Vec<u8> {
    with_objects(&[], |objs| objs[2] = scor_pdfa::write::stream_object("/Type /Metadata /Subtype /XML", xmp))
}

/// The writer's XMP for `info()`.
pub fn clean_xmp() -> String {
    scor_pdfa::write::xmp_packet(&info())
}
