//! The HTML report: a snapshot of a small run with a tiny thumbnail, escaping, self-containment, and a
//! headless Chromium that loads the page, whose DOM must hold the findings and the thumbnails.

mod common;

use common::{DICTIONARY, dossier_rejection, header_rejection, representative_run, rule, run_of};
use scor_conformance::{LotOutcome, PageView};
use scor_dictionary::{Finding, Level, Location};
use scor_locale::{Lang, Text};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A 2 × 2 grey PNG (white, black / black, white).
const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x00, 0x00, 0x00, 0x00, 0x57, 0xdd, 0x52, 0xf8, 0x00, 0x00, 0x00, 0x0e, 0x49,
    0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0xcf, 0xc0, 0xc0, 0xf0, 0x1f, 0x00, 0x06, 0x00, 0x01, 0xff, 0x65, 0x34,
    0xf8, 0xf7, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];
const TINY_PNG_BASE64: &str =
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAAAAABX3VL4AAAADklEQVR42mP4z8DA8B8ABgAB/2U0+PcAAAAASUVORK5CYII=";

const PJ: &str = "P-001-001.pkcs7";

/// The dossier rejection of the common runs with thumbnails of its PJ's two pages and a quality
/// finding on page 1 (the PDF/A finding is on page 2).
fn lot_with_pages(png: &[u8], size: (u32, u32)) -> LotOutcome {
    let mut lot = dossier_rejection();
    lot.findings.push(Finding::new(
        rule("QUALITY-SKEW"),
        Level::Dossier,
        Location { page: Some(1), ..Location::file(PJ) },
        "the page is skewed by 5.2° (at most 3° expected)",
    ));
    lot.pages = (1..=2)
        .map(|page| PageView { file: PJ.to_owned(), page, width: size.0, height: size.1, png: png.to_vec() })
        .collect();
    lot
}

fn html(lots: Vec<LotOutcome>) -> String {
    scor_reports::html::render(&run_of(lots), Lang::En)
}

#[test]
fn html_report() {
    let text = html(vec![lot_with_pages(TINY_PNG, (2, 2))]).replace(DICTIONARY.checksum, "[checksum]");
    insta::assert_snapshot!(text);
}

#[test]
fn findings_sit_next_to_their_page() {
    let text = html(vec![lot_with_pages(TINY_PNG, (2, 2))]);
    let page = |n: u32| {
        let start = text.find(&format!("id=\"page-P-001-001-pkcs7-{n}\"")).expect("the page's figure");
        &text[start..start + text[start..].find("</figure>").unwrap()]
    };
    assert!(page(1).contains("QUALITY-SKEW") && !page(1).contains("PDFA-METADATA"), "{}", page(1));
    assert!(page(2).contains("PDFA-METADATA") && !page(2).contains("QUALITY-SKEW"), "{}", page(2));
    assert!(page(1).contains(&format!("src=\"data:image/png;base64,{TINY_PNG_BASE64}\"")));
    // The PJ's other findings follow its pages; each finding appears once.
    assert_eq!(text.matches("CMS-ALGORITHM-WEAK").count(), 1);
    assert_eq!(text.matches("<li class=\"finding").count(), 5);
}

#[test]
fn everything_from_the_run_is_escaped() {
    let mut lot = header_rejection();
    lot.input = "lots/<script>alert(1)</script>".to_owned();
    lot.identification = Some("\"><img src=x onerror=alert(2)>".to_owned());
    lot.findings[0].retell(|_| Text::verbatim("value <b>99</b> & 'quoted' \u{1b}[2J"));
    lot.files[2].name = "P-001-001.pkcs7\"><iframe>".to_owned();
    lot.sources[0].text = lot.sources[0].text.replace("<CodeSpecialite>99", "<CodeSpecialite>9<script>9");
    let text = html(vec![lot]);
    for forbidden in ["<script", "<img src=x", "<iframe", "<b>", "\u{1b}"] {
        assert!(!text.contains(forbidden), "`{forbidden}` in:\n{text}");
    }
    assert!(text.contains("lots/&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(text.contains("value &lt;b&gt;99&lt;/b&gt; &amp; &#39;quoted&#39;"));
    // The source excerpt keeps its lines, each escaped.
    let pre = &text[text.find("<pre>").expect("an excerpt")..text.find("</pre>").unwrap()];
    assert!(pre.lines().count() >= 3 && pre.contains("&lt;CodeSpecialite&gt;9&lt;script&gt;9"), "{pre}");
}

#[test]
fn the_page_is_self_contained() {
    let text = html(representative_run().lots);
    for external in ["http://", "https://", "<link", "<script", "@import", "url("] {
        let allowed = external == "http://"
            && text.matches(external).count() == text.matches("http://www.interregime.fr").count();
        assert!(allowed || !text.contains(external), "`{external}` in the report");
    }
    assert!(text.contains("Content-Security-Policy\" content=\"default-src 'none'; img-src data:"));
}

// ---- headless Chromium ----

fn headless(browser: &str, profile: &Path, extra: &[String], page: &Path) -> std::process::Output {
    Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
        .args(["--disable-component-update", "--disable-sync"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs")
}

/// Real thumbnails: pages written by the PDF/A writer, analysed by scor-quality.
fn quality_thumbnails() -> Vec<(Vec<u8>, u32, u32)> {
    let (width, height) = (620u32, 877u32);
    let stride = width.div_ceil(8) as usize;
    let mut bits = vec![0xFFu8; stride * height as usize];
    // Lines of "text": dark bars with gaps, and a title bar.
    for y in 0..height as usize {
        for x in 0..width as usize {
            let title = (60..90).contains(&y) && (60..400).contains(&x);
            let line = y > 140 && y < 800 && (y - 140) % 28 < 10 && (60..560).contains(&x) && (x / 23) % 5 != 4;
            if title || line {
                bits[y * stride + x / 8] &= !(0x80 >> (x % 8));
            }
        }
    }
    let page = scor_pdfa::write::Page { width, height, dpi: 75, raster: scor_pdfa::write::Raster::Bitonal(bits) };
    let pdf = scor_pdfa::write::scan(&[page.clone(), page], &scor_pdfa::write::DocInfo::default()).unwrap();
    let limits = scor_quality::Limits {
        max_pixels_per_page: 10_000_000,
        max_decoded_bytes: 10_000_000,
        max_pages: 10,
        thumbnail_max_side: 200,
    };
    let (_, thresholds) = scor_conformance::checks::pj::quality_settings(DICTIONARY, 200);
    let report = scor_quality::analyze(&pdf, &limits, &thresholds);
    assert_eq!(report.pages.len(), 2, "{:?}", report.not_evaluated);
    report.pages.into_iter().map(|p| (p.thumbnail_png, p.thumbnail_width, p.thumbnail_height)).collect()
}

fn artefact_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/html-report");
    std::fs::create_dir_all(&dir).unwrap();
    dir.canonicalize().unwrap()
}

#[test]
fn chromium_shows_the_findings_and_thumbnails() {
    let Some(browser) = scor_test_tools::require_tool("chromium") else { return };
    let thumbnails = quality_thumbnails();
    let (png, width, height) = thumbnails[0].clone();
    let mut lots = representative_run().lots;
    lots[1] = lot_with_pages(&png, (width, height));
    lots[1].pages[1].png = thumbnails[1].0.clone();
    let dir = artefact_dir();
    let page = dir.join("report.html");
    std::fs::write(&page, html(lots)).unwrap();
    let profile = tempfile::tempdir().unwrap();

    let dom = headless(browser, profile.path(), &["--dump-dom".to_owned()], &page);
    assert!(dom.status.success(), "chromium --dump-dom failed:\n{}", String::from_utf8_lossy(&dom.stderr));
    let dom = String::from_utf8(dom.stdout).unwrap();
    for expected in [
        "FIELD-SPECIALITE",
        "specialty code 99 is not in the specialty table",
        "PDFA-METADATA",
        "QUALITY-SKEW",
        "the page is skewed by 5.2°",
        "CMS-DECRYPT",
        "Predicted ARL:",
        "Rejet au niveau dossier",
        "Not evaluated (never to be read as passed)",
        "MAIL-NO-ATTACHMENT",
    ] {
        assert!(dom.contains(expected), "`{expected}` is not in the DOM");
    }
    let images = dom.matches("<img src=\"data:image/png;base64,").count();
    assert_eq!(images, 2, "two thumbnails in the DOM");
    let figure = &dom[dom.find("id=\"page-P-001-001-pkcs7-1\"").expect("page 1's figure")..];
    let figure = &figure[..figure.find("</figure>").unwrap()];
    assert!(figure.contains("<img") && figure.contains("QUALITY-SKEW"), "the finding sits next to its page: {figure}");

    let screenshot = dir.join("report.png");
    let _ = std::fs::remove_file(&screenshot);
    let shot = headless(
        browser,
        profile.path(),
        &[format!("--screenshot={}", screenshot.display()), "--window-size=1280,2000".to_owned()],
        &page,
    );
    assert!(shot.status.success(), "chromium --screenshot failed:\n{}", String::from_utf8_lossy(&shot.stderr));
    let png = std::fs::read(&screenshot).expect("the screenshot was written");
    assert!(png.starts_with(b"\x89PNG"));
    println!("HTML report: {}\nscreenshot: {}", page.display(), screenshot.display());
}
