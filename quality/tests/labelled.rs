//! The labelled test set: synthetic scans and the same pages through img2pdf and Ghostscript (the test
//! fails naming them when they are missing, see scor-test-tools), each page labelled with the checks it
//! must raise; precision and recall per rule.

mod common;

use common::*;
use scor_quality::{Anomaly, analyze};
use scor_test_tools::require_tool;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One PDF of the set: how it is made, and the checks each page must raise.
struct Case {
    name: String,
    pdf: Vec<u8>,
    expected: Vec<Vec<Anomaly>>,
    /// The image encoding the first page must have (checks the producer did what was asked).
    encoding: Option<&'static str>,
}

const BLANK: Anomaly = Anomaly::Blank;
const BLACK: Anomaly = Anomaly::Black;
const CONTRAST: Anomaly = Anomaly::Contrast;
const TRUNCATED: Anomaly = Anomaly::Truncated;
const SKEW: Anomaly = Anomaly::Skew;
const DUPLICATE: Anomaly = Anomaly::Duplicate;
const RESOLUTION: Anomaly = Anomaly::Resolution;
const GREY: Anomaly = Anomaly::Grey;

/// The lowest precision and recall each rule reaches on the set (all tools installed); the test fails
/// below them. Rules in [`Anomaly::ALL`] order.
const FLOOR: [(Anomaly, f64, f64); 8] = [
    (BLANK, 1.0, 1.0),
    (BLACK, 1.0, 1.0),
    (CONTRAST, 1.0, 1.0),
    (TRUNCATED, 1.0, 1.0),
    (SKEW, 1.0, 1.0),
    (DUPLICATE, 1.0, 1.0),
    (RESOLUTION, 1.0, 1.0),
    (GREY, 1.0, 1.0),
];

const GREY_SCAN: Tone = Tone::Grey { paper: 235, ink: 40, noise: 6 };

fn single(name: &str, spec: Spec, expected: &[Anomaly]) -> Case {
    Case { name: name.to_owned(), pdf: pdf(&[spec.render()]), expected: vec![expected.to_vec()], encoding: None }
}

fn several(name: &str, pages: &[(Spec, &[Anomaly])]) -> Case {
    let rendered: Vec<_> = pages.iter().map(|(spec, _)| spec.render()).collect();
    let expected = pages.iter().map(|(_, labels)| labels.to_vec()).collect();
    Case { name: name.to_owned(), pdf: pdf(&rendered), expected, encoding: None }
}

/// The synthetic part of the set: the project's writer (Flate, 1-bit or 8-bit grey).
fn synthetic() -> Vec<Box<dyn FnOnce() -> Case + Send>> {
    let mut cases: Vec<Box<dyn FnOnce() -> Case + Send>> = Vec::new();
    let mut add = |case: Box<dyn FnOnce() -> Case + Send>| cases.push(case);
    // Clean pages.
    for seed in 10..15 {
        add(Box::new(move || single(&format!("clean bitonal A6 seed {seed}"), Spec::text(A6, 250, seed), &[])));
    }
    add(Box::new(|| single("clean bitonal A4", Spec::text(A4, 250, 15), &[])));
    add(Box::new(|| single("clean bitonal A5 300 DPI", Spec::text(A5, 300, 16), &[])));
    add(Box::new(|| single("black and white stored as grey", Spec::text(A6, 250, 17).tone(Tone::PureGrey), &[])));
    add(Box::new(|| single("grey scan", Spec::text(A6, 250, 18).tone(GREY_SCAN), &[GREY])));
    add(Box::new(|| {
        single(
            "grey scan, yellowish paper",
            Spec::text(A6, 250, 19).tone(Tone::Grey { paper: 215, ink: 30, noise: 4 }),
            &[GREY],
        )
    }));
    add(Box::new(|| {
        single("nearly empty page: title, rule and stamp", Spec::text(A6, 250, 28).content(Content::Sparse(28)), &[])
    }));
    add(Box::new(|| single("scanner frame 3 mm", Spec::text(A6, 250, 29).frame(3.0), &[])));
    add(Box::new(|| {
        single("grey scan, scanner frame 2 mm", Spec::text(A6, 250, 30).tone(GREY_SCAN).frame(2.0), &[GREY])
    }));
    // Blank pages.
    add(Box::new(|| single("blank, a few specks", Spec::text(A6, 250, 20).content(Content::Blank), &[BLANK])));
    add(Box::new(|| {
        single("blank, many specks", Spec::text(A6, 250, 21).content(Content::Blank).specks(300, 7), &[BLANK])
    }));
    add(Box::new(|| single("blank grey", Spec::text(A6, 250, 22).content(Content::Blank).tone(GREY_SCAN), &[BLANK])));
    add(Box::new(|| {
        single("blank stored as grey", Spec::text(A6, 250, 23).content(Content::Blank).tone(Tone::PureGrey), &[BLANK])
    }));
    // Black pages.
    add(Box::new(|| single("black bitonal", Spec::text(A6, 250, 24).content(Content::Black), &[BLACK])));
    add(Box::new(|| {
        single(
            "black grey",
            Spec::text(A6, 250, 25).content(Content::Black).tone(Tone::Grey { paper: 235, ink: 12, noise: 8 }),
            &[BLACK],
        )
    }));
    add(Box::new(|| {
        single(
            "dark grey page with text",
            Spec::text(A6, 250, 26).tone(Tone::Grey { paper: 60, ink: 10, noise: 4 }),
            &[BLACK, GREY],
        )
    }));
    // Contrast.
    for (paper, ink, labels) in [
        (205u8, 170u8, &[CONTRAST, GREY][..]),
        (220, 180, &[CONTRAST, GREY]),
        (190, 140, &[CONTRAST, GREY]),
        (230, 175, &[CONTRAST, GREY]),
        (235, 160, &[GREY]),
        (230, 120, &[GREY]),
        (200, 60, &[GREY]),
    ] {
        add(Box::new(move || {
            let spec = Spec::text(A6, 250, 27 + u64::from(ink)).tone(Tone::Grey { paper, ink, noise: 4 });
            single(&format!("ink {ink} on paper {paper}"), spec, labels)
        }));
    }
    // Skew.
    for (angle, labels) in [
        (0.5, &[][..]),
        (1.0, &[]),
        (2.0, &[]),
        (2.5, &[]),
        (-2.5, &[]),
        (2.8, &[]),
        (3.2, &[SKEW]),
        (3.5, &[SKEW]),
        (-4.0, &[SKEW]),
        (5.0, &[SKEW]),
        (-6.0, &[SKEW]),
        (7.0, &[SKEW]),
        (10.0, &[SKEW]),
        (-10.0, &[SKEW]),
    ] {
        add(Box::new(move || single(&format!("skewed {angle}°"), Spec::text(A6, 250, 40).angle(angle), labels)));
    }
    add(Box::new(|| single("grey skewed 1.5°", Spec::text(A6, 250, 41).tone(GREY_SCAN).angle(1.5), &[GREY])));
    add(Box::new(|| single("grey skewed 6°", Spec::text(A6, 250, 42).tone(GREY_SCAN).angle(-6.0), &[SKEW, GREY])));
    // Duplicates.
    let page = Spec::text(A6, 250, 50);
    add(Box::new(move || several("exact duplicate", &[(page, &[]), (page, &[DUPLICATE])])));
    add(Box::new(move || several("rescan with other specks", &[(page, &[]), (page.specks(60, 3), &[DUPLICATE])])));
    add(Box::new(move || several("rescan shifted 1 mm", &[(page, &[]), (page.shift(1.0, -1.0), &[DUPLICATE])])));
    add(Box::new(move || {
        let grey = page.tone(GREY_SCAN);
        several("grey rescan", &[(grey, &[GREY]), (grey.specks(10, 4), &[GREY, DUPLICATE])])
    }));
    for (a, b) in [(51, 52), (53, 54), (55, 56)] {
        add(Box::new(move || {
            several(
                &format!("different pages {a} {b}"),
                &[(Spec::text(A6, 250, a), &[]), (Spec::text(A6, 250, b), &[])],
            )
        }));
    }
    add(Box::new(move || several("rescan rotated 0.3°", &[(page, &[]), (page.angle(0.3), &[DUPLICATE])])));
    for (form, a, b) in [(60, 1, 2), (61, 3, 4), (62, 5, 6)] {
        add(Box::new(move || {
            let filled = |text| Spec::text(A6, 250, form).content(Content::Form { form, text });
            several(&format!("two pages of form {form}"), &[(filled(a), &[]), (filled(b), &[])])
        }));
    }
    add(Box::new(|| {
        let blank = Spec::text(A6, 250, 57).content(Content::Blank);
        several("two blank pages", &[(blank, &[BLANK]), (blank.specks(30, 8), &[BLANK])])
    }));
    add(Box::new(|| {
        let (a, b) = (Spec::text(A6, 250, 58), Spec::text(A6, 250, 59));
        several("a page repeated after another", &[(a, &[]), (b, &[]), (a, &[])])
    }));
    // Resolution.
    for (dpi, labels) in [
        (72, &[RESOLUTION][..]),
        (100, &[RESOLUTION]),
        (120, &[RESOLUTION]),
        (150, &[]),
        (200, &[]),
        (250, &[]),
        (300, &[]),
    ] {
        add(Box::new(move || single(&format!("{dpi} DPI"), Spec::text(A6, dpi, 60), labels)));
    }
    // Truncated or shifted.
    for (dx, dy, labels) in [
        (20.0, 0.0, &[TRUNCATED][..]),
        (-20.0, 0.0, &[TRUNCATED]),
        (0.0, -20.0, &[TRUNCATED]),
        (0.0, 20.0, &[TRUNCATED]),
        (-16.0, 0.0, &[TRUNCATED]),
        (14.0, 14.0, &[TRUNCATED]),
        (8.0, 0.0, &[]),
        (0.0, -8.0, &[]),
        (-9.0, 9.0, &[]),
    ] {
        add(Box::new(move || {
            single(&format!("content shifted {dx} {dy} mm"), Spec::text(A6, 250, 70).shift(dx, dy), labels)
        }));
    }
    add(Box::new(|| {
        single("grey, shifted 20 mm", Spec::text(A6, 250, 71).tone(GREY_SCAN).shift(-20.0, 0.0), &[TRUNCATED, GREY])
    }));
    cases
}

// ---- producers ----

/// The producers' programs, as found by [`require_tool`].
#[derive(Clone, Copy)]
struct Tools {
    img2pdf: &'static str,
    gs: &'static str,
}

fn work_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scor-quality-labelled-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{cmd:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
}

/// A PNG of the page (1-bit or 8-bit grey) with its resolution, for img2pdf.
fn png_file(spec: &Spec, path: &Path) {
    let page = spec.render();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, page.width, page.height);
    encoder.set_color(png::ColorType::Grayscale);
    let data = match page.raster {
        scor_pdfa::write::Raster::Bitonal(bits) => {
            encoder.set_depth(png::BitDepth::One);
            bits
        }
        scor_pdfa::write::Raster::Gray(grey) => {
            encoder.set_depth(png::BitDepth::Eight);
            grey
        }
    };
    let per_metre = (f64::from(spec.dpi) / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions { xppu: per_metre, yppu: per_metre, unit: png::Unit::Meter }));
    encoder.write_header().unwrap().write_image_data(&data).unwrap();
    std::fs::write(path, out).unwrap();
}

/// The sRGB profile img2pdf --pdfa embeds (Ghostscript ships one).
fn icc_profile() -> PathBuf {
    [
        "/usr/share/color/icc/sRGB.icc",
        "/usr/share/color/icc/ghostscript/srgb.icc",
        "/usr/share/color/icc/ghostscript/default_rgb.icc",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
    .expect("an sRGB ICC profile: Ghostscript's is missing (apt-get install --reinstall libgs-common)")
}

fn img2pdf(tools: Tools, input: &Path, output: &Path) -> Vec<u8> {
    let profile = icc_profile();
    run(Command::new(tools.img2pdf).arg(format!("--pdfa={}", profile.display())).arg("-o").arg(output).arg(input));
    std::fs::read(output).unwrap()
}

/// Ghostscript renders the writer's PDF of `spec` to an image file with `device` at the page's DPI.
fn gs_render(tools: Tools, spec: &Spec, device: &str, output: &Path) {
    let input = output.with_extension("src.pdf");
    std::fs::write(&input, pdf(&[spec.render()])).unwrap();
    run(Command::new(tools.gs)
        .args(["-q", "-dBATCH", "-dNOPAUSE", "-dSAFER"])
        .arg(format!("-sDEVICE={device}"))
        .arg(format!("-r{}", spec.dpi))
        .arg(format!("-sOutputFile={}", output.display()))
        .arg(&input));
}

/// Ghostscript's PDF/A-1 output of the writer's PDF of `pages`; grey images re-encoded as JPEG.
fn gs_pdfa(tools: Tools, pages: &[Spec], dir: &Path, name: &str) -> Vec<u8> {
    let missing = "Ghostscript's PDFA_def.ps (apt-get install --reinstall libgs10-common)";
    let template = std::fs::read_dir("/usr/share/ghostscript")
        .expect(missing)
        .filter_map(Result::ok)
        .map(|e| e.path().join("lib/PDFA_def.ps"))
        .find(|p| p.exists())
        .expect(missing);
    let profile = "/usr/share/color/icc/ghostscript/default_gray.icc";
    let def = dir.join(format!("{name}-PDFA_def.ps"));
    std::fs::write(&def, std::fs::read_to_string(template).unwrap().replace("(srgb.icc)", &format!("({profile})")))
        .unwrap();
    let input = dir.join(format!("{name}.src.pdf"));
    std::fs::write(&input, pdf(&pages.iter().map(Spec::render).collect::<Vec<_>>())).unwrap();
    let output = dir.join(format!("{name}.pdf"));
    run(Command::new(tools.gs)
        .args(["-q", "-dPDFA=1", "-dBATCH", "-dNOPAUSE", "-dPDFACompatibilityPolicy=1", "-sDEVICE=pdfwrite"])
        .args(["-sColorConversionStrategy=Gray", "-sProcessColorModel=DeviceGray"])
        .args(["-dDownsampleMonoImages=false", "-dDownsampleGrayImages=false"])
        .args(["-dAutoFilterGrayImages=false", "-dGrayImageFilter=/DCTEncode"])
        .arg("--permit-file-read=/usr/share/color/icc/ghostscript/")
        .arg(format!("-sOutputFile={}", output.display()))
        .arg(&def)
        .arg(&input));
    std::fs::read(output).unwrap()
}

fn produced(name: &str, pdf: Vec<u8>, expected: &[&[Anomaly]], encoding: &'static str) -> Case {
    Case {
        name: name.to_owned(),
        pdf,
        expected: expected.iter().map(|l| l.to_vec()).collect(),
        encoding: Some(encoding),
    }
}

/// The part of the set made by real producers: img2pdf --pdfa (from PNG, from Ghostscript's G4 TIFF
/// and JPEG) and Ghostscript's PDF/A-1 output.
fn producers(tools: Tools) -> Vec<Case> {
    let mut cases = Vec::new();
    let dir = work_dir();
    let pngs: [(&str, Spec, &[Anomaly], &'static str); 5] = [
        // img2pdf copies the PNG's compressed data: Flate with PNG predictors.
        ("img2pdf bitonal png", Spec::text(A6, 250, 80), &[], "FlateDecode"),
        ("img2pdf bitonal png skewed 5°", Spec::text(A6, 250, 81).angle(5.0), &[SKEW], "FlateDecode"),
        ("img2pdf bitonal png blank", Spec::text(A6, 250, 82).content(Content::Blank), &[BLANK], "FlateDecode"),
        ("img2pdf grey png", Spec::text(A6, 250, 83).tone(GREY_SCAN), &[GREY], "FlateDecode"),
        (
            "img2pdf grey png low contrast",
            Spec::text(A6, 250, 84).tone(Tone::Grey { paper: 210, ink: 175, noise: 3 }),
            &[CONTRAST, GREY],
            "FlateDecode",
        ),
    ];
    for (name, spec, labels, encoding) in pngs {
        let input = dir.join(format!("{}.png", name.replace(' ', "-").replace('°', "")));
        png_file(&spec, &input);
        cases.push(produced(name, img2pdf(tools, &input, &input.with_extension("pdf")), &[labels], encoding));
    }
    let tiffs: [(&str, Spec, &[Anomaly]); 3] = [
        ("img2pdf G4 tiff from gs", Spec::text(A6, 250, 85), &[]),
        ("img2pdf G4 tiff shifted", Spec::text(A6, 250, 86).shift(0.0, 20.0), &[TRUNCATED]),
        ("img2pdf G4 tiff 100 DPI", Spec::text(A6, 100, 87), &[RESOLUTION]),
    ];
    for (name, spec, labels) in tiffs {
        let tiff = dir.join(format!("{}.tif", name.replace(' ', "-")));
        gs_render(tools, &spec, "tiffg4", &tiff);
        let pdf = img2pdf(tools, &tiff, &tiff.with_extension("pdf"));
        cases.push(produced(name, pdf, &[labels], "CCITTFaxDecode"));
    }
    let jpegs: [(&str, Spec, &[Anomaly]); 2] = [
        ("img2pdf jpeg from gs", Spec::text(A6, 250, 88).tone(GREY_SCAN), &[GREY]),
        (
            "img2pdf jpeg low contrast",
            Spec::text(A6, 250, 89).tone(Tone::Grey { paper: 215, ink: 180, noise: 3 }),
            &[CONTRAST, GREY],
        ),
    ];
    for (name, spec, labels) in jpegs {
        let jpeg = dir.join(format!("{}.jpg", name.replace(' ', "-")));
        gs_render(tools, &spec, "jpeggray", &jpeg);
        cases.push(produced(name, img2pdf(tools, &jpeg, &jpeg.with_extension("pdf")), &[labels], "DCTDecode"));
    }
    let page = Spec::text(A6, 250, 90);
    let bitonal = [page, page.specks(40, 9), Spec::text(A6, 250, 91).angle(-7.0)];
    let expected: [&[Anomaly]; 3] = [&[], &[DUPLICATE], &[SKEW]];
    let pdf = gs_pdfa(tools, &bitonal, &dir, "gs-bitonal");
    cases.push(produced("gs pdfa bitonal", pdf, &expected, "CCITTFaxDecode"));
    let grey = [Spec::text(A6, 250, 92).tone(GREY_SCAN), Spec::text(A6, 250, 93).tone(GREY_SCAN).shift(20.0, 0.0)];
    let expected: [&[Anomaly]; 2] = [&[GREY], &[TRUNCATED, GREY]];
    cases.push(produced("gs pdfa grey", gs_pdfa(tools, &grey, &dir, "gs-grey"), &expected, "DCTDecode"));
    cases
}

/// Counts per rule over the whole set.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
}

impl Counts {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 { 1.0 } else { f64::from(self.tp) / f64::from(self.tp + self.fp) }
    }

    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 { 1.0 } else { f64::from(self.tp) / f64::from(self.tp + self.fn_) }
    }
}

#[test]
fn precision_and_recall_on_the_labelled_set() {
    let Some(img2pdf) = require_tool("img2pdf") else { return };
    let Some(gs) = require_tool("gs") else { return };
    let thresholds = thresholds();
    let builders = synthetic();
    // Two workers: rendering the pages is most of the time.
    let mut cases: Vec<Case> = std::thread::scope(|scope| {
        let (even, odd): (Vec<_>, Vec<_>) = builders.into_iter().enumerate().partition(|(i, _)| i % 2 == 0);
        let worker = |part: Vec<(usize, Box<dyn FnOnce() -> Case + Send>)>| {
            scope.spawn(move || part.into_iter().map(|(i, build)| (i, build())).collect::<Vec<_>>())
        };
        let (a, b) = (worker(even), worker(odd));
        let mut all: Vec<(usize, Case)> = a.join().unwrap().into_iter().chain(b.join().unwrap()).collect();
        all.sort_by_key(|(i, _)| *i);
        all.into_iter().map(|(_, case)| case).collect()
    });
    cases.extend(producers(Tools { img2pdf, gs }));

    let mut counts: BTreeMap<Anomaly, Counts> = Anomaly::ALL.iter().map(|c| (*c, Counts::default())).collect();
    let mut mismatches = Vec::new();
    let mut pages = 0;
    for case in &cases {
        let report = analyze(&case.pdf, &LIMITS, &thresholds);
        assert!(report.not_evaluated.is_empty(), "{}: {:?}", case.name, report.not_evaluated);
        assert_eq!(report.pages.len(), case.expected.len(), "{}: pages analysed", case.name);
        if let Some(encoding) = case.encoding {
            assert_eq!(report.pages[0].encoding, encoding, "{}: encoding", case.name);
        }
        for (page, expected) in report.pages.iter().zip(&case.expected) {
            pages += 1;
            let found: Vec<Anomaly> = page.issues.iter().map(|i| i.anomaly).collect();
            for rule in Anomaly::ALL {
                let c = counts.get_mut(&rule).unwrap();
                match (expected.contains(&rule), found.contains(&rule)) {
                    (true, true) => c.tp += 1,
                    (false, true) => c.fp += 1,
                    (true, false) => c.fn_ += 1,
                    (false, false) => {}
                }
            }
            let mut sorted_expected = expected.clone();
            sorted_expected.sort_unstable();
            let mut sorted_found = found.clone();
            sorted_found.sort_unstable();
            if std::env::var_os("QUALITY_VERBOSE").is_some() {
                println!("{} page {}: {found:?} {:?}", case.name, page.page, page.metrics);
            }
            if sorted_expected != sorted_found {
                mismatches.push(format!(
                    "{} page {}: expected {expected:?}, found {found:?}\n    {:?}",
                    case.name, page.page, page.metrics
                ));
            }
        }
    }
    println!("labelled set: {} PDFs, {pages} pages", cases.len());
    println!("{:<20} {:>4} {:>4} {:>4} {:>9} {:>7}", "rule", "TP", "FP", "FN", "precision", "recall");
    for (rule, c) in &counts {
        println!(
            "{:<20} {:>4} {:>4} {:>4} {:>9.3} {:>7.3}",
            format!("{rule:?}"),
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall()
        );
    }
    for mismatch in &mismatches {
        println!("MISMATCH {mismatch}");
    }
    for (rule, precision, recall) in FLOOR {
        let c = counts[&rule];
        assert!(c.tp > 0, "{rule:?}: no positive case in the set");
        assert!(c.precision() >= precision, "{rule:?}: precision {:.3} below {precision}", c.precision());
        assert!(c.recall() >= recall, "{rule:?}: recall {:.3} below {recall}", c.recall());
    }
}
