//! PJ scans that are valid PDF/A-1b but poor scans: one change to dossier 001's page before the lot
//! is built. Thresholds come from limits.csv (quality_*); the quality crate's own labelled set
//! measures precision and recall, these tests show the engine raises each rule, the ARL left to the
//! receiving point's rules and the PJ's usability to the caisse's.

use crate::support::*;
use scor_pdfa::write::{DocInfo, Page, Raster};
use scor_tests::lots::*;

const DPI: u32 = 250;

/// An A4 page at `dpi` whose pixel (x, y) is black when `ink` says so.
fn bitonal(dpi: u32, ink: impl Fn(u32, u32, u32, u32) -> bool) -> Page {
    let (width, height) = (210 * dpi * 10 / 254, 297 * dpi * 10 / 254);
    let row = width.div_ceil(8) as usize;
    let mut raster = vec![0xFF; row * height as usize];
    for y in 0..height {
        for x in 0..width {
            if ink(x, y, width, height) {
                raster[y as usize * row + x as usize / 8] &= !(0x80 >> (x % 8));
            }
        }
    }
    Page { width, height, dpi, raster: Raster::Bitonal(raster) }
}

/// An A4 grey page at 250 DPI with the grey level `level(x, y)`.
fn grey(level: impl Fn(u32, u32) -> u8) -> Page {
    let (width, height) = (210 * DPI * 10 / 254, 297 * DPI * 10 / 254);
    let pixels = (0..height).flat_map(|y| (0..width).map(move |x| (x, y))).map(|(x, y)| level(x, y)).collect();
    Page { width, height, dpi: DPI, raster: Raster::Gray(pixels) }
}

/// Text-like bars within one-inch margins, each line `slope` pixels down per 1000 across.
fn text(x: u32, y: u32, width: u32, height: u32, dpi: u32, slope: i64) -> bool {
    let margin = dpi;
    if x < margin || x >= width - margin || y < margin || y >= height - margin {
        return false;
    }
    let shifted = i64::from(y) - i64::from(x - margin) * slope / 1000;
    let line = i64::from(dpi / 6);
    shifted.rem_euclid(line * 2) < line / 2
}

fn scan(pages: &[Page]) -> Vec<u8> {
    scor_pdfa::write::scan(pages, &DocInfo::default()).expect("pages are well formed")
}

/// The example lot with dossier 001's PJ replaced by `pages`.
fn with_pages(pages: &[Page]) -> scor_conformance::Checked {
    let mut plan = example_plan();
    plan.dossiers[0].pieces[0].pdf = Some(scan(pages));
    check(&build(&plan).files)
}

deviation!(
    /// A white page.
    quality_blank,
    { with_pages(&[bitonal(DPI, |_, _, _, _| false)]) }
);

deviation!(
    /// A black page.
    quality_black,
    { with_pages(&[bitonal(DPI, |_, _, _, _| true)]) }
);

deviation!(
    /// Text in very light grey on white.
    quality_contrast,
    { with_pages(&[grey(|x, y| if text(x, y, 2066, 2923, DPI, 0) { 170 } else { 215 })]) }
);

deviation!(
    /// Text bars running off the left and right edges (a shifted scan).
    quality_truncated,
    { with_pages(&[bitonal(DPI, |_, y, _, height| y > DPI && y < height - DPI && y % 80 < 20)]) }
);

deviation!(
    /// Text lines slanted by about 5 degrees.
    quality_skew,
    { with_pages(&[bitonal(DPI, |x, y, w, h| text(x, y, w, h, DPI, 87))]) }
);

deviation!(
    /// The same page twice.
    quality_duplicate,
    {
        let page = bitonal(DPI, |x, y, w, h| text(x, y, w, h, DPI, 0));
        with_pages(&[page.clone(), page])
    }
);

deviation!(
    /// A page scanned at 100 DPI.
    quality_resolution,
    { with_pages(&[bitonal(100, |x, y, w, h| text(x, y, w, h, 100, 0))]) }
);

deviation!(
    /// Black text on a mid-grey band: grey levels where a bitonal scan is expected.
    quality_grey,
    { with_pages(&[grey(|x, y| if text(x, y, 2066, 2923, DPI, 0) { 0 } else if y < 1400 { 160 } else { 255 })]) }
);

/// A `width_mm` × `height_mm` bitonal page at `dpi` with text-like bars within one-inch margins.
fn sized(width_mm: u32, height_mm: u32, dpi: u32) -> Page {
    let (width, height) = (width_mm * dpi * 10 / 254, height_mm * dpi * 10 / 254);
    let row = width.div_ceil(8) as usize;
    let mut raster = vec![0xFF; row * height as usize];
    for y in 0..height {
        for x in 0..width {
            if text(x, y, width, height, dpi, 0) {
                raster[y as usize * row + x as usize / 8] &= !(0x80 >> (x % 8));
            }
        }
    }
    Page { width, height, dpi, raster: Raster::Bitonal(raster) }
}

/// The example lot sent by PS specialty `specialty`, dossier 001's PJ replaced by `pages`.
fn by_specialty(specialty: &str, pages: &[Page]) -> scor_conformance::Checked {
    let mut plan = example_plan();
    plan.specialty = specialty.to_owned();
    plan.dossiers[0].pieces[0].pdf = Some(scan(pages));
    check(&build(&plan).files)
}

/// The specialty code of masseurs-kinésithérapeutes (codes/specialite.csv, profession kinesitherapeute).
fn kinesitherapeute() -> &'static str {
    let list = scor_dictionary::latest::DICTIONARY.code_list(scor_dictionary::CodeListKey::Specialite);
    list.entries.iter().find(|e| e.extra("profession") == ["kinesitherapeute"]).expect("the table has it").code
}

deviation!(
    /// A masseur-kinésithérapeute's A4 page at 180 DPI: below the 200 DPI of annexe 4.
    quality_resolution_kinesitherapeute,
    { by_specialty(kinesitherapeute(), &[sized(210, 297, 180)]) }
);

deviation!(
    /// A general practitioner's A4 page at 180 DPI: above the prescribers' 150 DPI.
    quality_resolution_prescripteur,
    { by_specialty("01", &[sized(210, 297, 180)]) }
);

deviation!(
    /// A masseur-kinésithérapeute's A6 page (105 × 148 mm) at 250 DPI: smaller than the A5 of annexe 4.
    quality_page_size,
    { by_specialty(kinesitherapeute(), &[sized(105, 148, 250)]) }
);

pub const DEVIATIONS: &[Deviation] = &[
    ("quality_resolution_kinesitherapeute", quality_resolution_kinesitherapeute),
    ("quality_page_size", quality_page_size),
    ("quality_blank", quality_blank),
    ("quality_black", quality_black),
    ("quality_contrast", quality_contrast),
    ("quality_truncated", quality_truncated),
    ("quality_skew", quality_skew),
    ("quality_duplicate", quality_duplicate),
    ("quality_resolution", quality_resolution),
    ("quality_grey", quality_grey),
];

#[test]
fn a_kinesitherapeute_scans_at_200_dpi_a_prescriber_at_150() {
    let kine = quality_resolution_kinesitherapeute();
    let found =
        finding(kine, Want::notice("QUALITY-RESOLUTION", scor_dictionary::Severity::Warning, "P-001-001.pkcs7"));
    assert!(found.message.contains("200"), "{found}");
    assert_eq!(found.decided_by, scor_dictionary::DecidedBy::Ps);
    errors(kine, &[]);
    accepted(kine);
    let prescriber = quality_resolution_prescripteur();
    assert_eq!(count(prescriber, "QUALITY-RESOLUTION"), 0, "{}", describe(prescriber));
    errors(prescriber, &[]);
    accepted(prescriber);
}

#[test]
fn a_kinesitherapeute_page_smaller_than_a5() {
    let checked = quality_page_size();
    let found =
        finding(checked, Want::notice("QUALITY-PAGE-SIZE", scor_dictionary::Severity::Warning, "P-001-001.pkcs7"));
    assert_eq!(found.location.page, Some(1), "{found}");
    assert!(found.message.contains("105 × 148 mm") && found.message.contains("148 × 210 mm"), "{found}");
    errors(checked, &[]);
    accepted(checked);
    assert_eq!(checked.outcome.caisse_verdict(), scor_conformance::CaisseVerdict::Usable);
}

/// An error of `rule` on page `page` of dossier 001's PJ, decided by the caisse: no ARL cause, the lot
/// accepted by the receiving point, the PJ not usable by the caisse (and the lot still not conformant).
#[track_caller]
fn unusable(checked: &scor_conformance::Checked, rule: &str, page: u32) {
    let found = finding(checked, Want::notice(rule, scor_dictionary::Severity::Error, "P-001-001.pkcs7"));
    assert_eq!(found.location.page, Some(page), "{found}");
    assert_eq!(found.decided_by, scor_dictionary::DecidedBy::Caisse, "{found}");
    accepted(checked);
    not_usable_by_the_caisse(checked, &[rule]);
    assert_eq!(checked.outcome.verdict(), scor_conformance::Verdict::NotConformant);
}

/// A warning of `rule` on page `page` of dossier 001's PJ; the lot stays accepted.
#[track_caller]
fn poor(checked: &scor_conformance::Checked, rule: &str, page: u32) {
    let found = finding(checked, Want::notice(rule, scor_dictionary::Severity::Warning, "P-001-001.pkcs7"));
    assert_eq!(found.location.page, Some(page), "{found}");
    errors(checked, &[]);
    accepted(checked);
}

#[test]
fn quality_blank_page() {
    unusable(quality_blank(), "QUALITY-BLANK", 1);
    errors(quality_blank(), &["QUALITY-BLANK"]);
}

#[test]
fn quality_black_page() {
    unusable(quality_black(), "QUALITY-BLACK", 1);
}

#[test]
fn quality_poor_contrast() {
    unusable(quality_contrast(), "QUALITY-CONTRAST", 1);
}

#[test]
fn quality_truncated_scan() {
    unusable(quality_truncated(), "QUALITY-TRUNCATED", 1);
    errors(quality_truncated(), &["QUALITY-TRUNCATED"]);
}

#[test]
fn quality_skewed_page() {
    poor(quality_skew(), "QUALITY-SKEW", 1);
    warnings(quality_skew(), &["QUALITY-SKEW"]);
}

#[test]
fn quality_page_identical_to_the_previous_one() {
    poor(quality_duplicate(), "QUALITY-DUPLICATE", 2);
    warnings(quality_duplicate(), &["QUALITY-DUPLICATE"]);
}

#[test]
fn quality_low_resolution() {
    poor(quality_resolution(), "QUALITY-RESOLUTION", 1);
    warnings(quality_resolution(), &["QUALITY-RESOLUTION"]);
}

#[test]
fn quality_grey_levels() {
    poor(quality_grey(), "QUALITY-GREY", 1);
    warnings(quality_grey(), &["QUALITY-GREY"]);
}

#[test]
fn thumbnails_only_when_asked_and_patient_data_may_be_shown() {
    assert!(quality_skew().outcome.pages.is_empty(), "a scan shows the patient: no thumbnail by default");
    let mut plan = example_plan();
    plan.dossiers.truncate(1);
    let lot = build(&plan);
    let check = |reveal_patient_data, thumbnails| {
        let config = scor_conformance::Config { reveal_patient_data, thumbnails, ..config() };
        scor_conformance::check_files_in_memory("lot".to_owned(), &lot.files, &config)
    };
    let checked = check(true, true);
    let pages: Vec<(&str, u32)> = checked.outcome.pages.iter().map(|p| (p.file.as_str(), p.page)).collect();
    assert_eq!(pages, [("P-001-001.pkcs7", 1)]);
    assert!(checked.outcome.pages[0].png.starts_with(b"\x89PNG"));
    // Not asked (a report that does not show them), or asked without patient data: none made.
    assert!(check(true, false).outcome.pages.is_empty());
    assert!(check(false, true).outcome.pages.is_empty());
    // Everything else is the same.
    assert_eq!(format!("{:?}", check(true, false).outcome.findings), format!("{:?}", checked.outcome.findings));
}
