//! scor-quality: the scan quality of PJ pages (blank, black, poor contrast, truncated, skewed, duplicate,
//! low resolution, grey levels), measured on the page images decoded from the PDF, with page thumbnails.
//!
//! [`analyze`] reads the pages of a PDF as scor-pdfa's page-tree walk lists them ([`analyze_parsed`]
//! shares one parse with the PDF/A checker), finds the image each page is drawn from (the largest image
//! XObject the content stream paints, through forms), decodes it within caller-given [`Limits`]
//! (FlateDecode and the other general filters, CCITTFaxDecode G3/G4, DCTDecode; JBIG2 and JPX are
//! reported as not evaluated; a stream past `max_decoded_bytes` is a [`LimitStop`]) and measures it
//! ([`Metrics`]). Each measure is compared with a
//! threshold of [`Thresholds`], which the caller fills from the spec tables (`limits.csv`): this crate
//! holds no SCOR number. A threshold crossed gives an [`Issue`] naming its [`Anomaly`], which the caller
//! raises through its rule of `rules.csv`.
//!
//! What is measured, and what is not:
//! - the anomalies of the arrêté du 31 mars 2022, annexe XV (image entirely white, entirely black,
//!   contrast too poor to read, truncated or shifted scan) and the seed's scanning constraints (not
//!   skewed, not identical to the previous page, resolution, no grey levels);
//! - never what annexe XV says must *not* make an image unusable (wrong or missing dates,
//!   falsification, imprecise prescription, additions or crossings-out, missing identification or
//!   signature...): those are about what the document says, which pixels cannot tell, so no check here
//!   looks at them;
//! - "readable" is approached through contrast, blankness and resolution only: there is no OCR;
//! - of annexe XV's truncated prescriptions, only a scan cut off or shifted at an edge shows in the
//!   pixels: one page scanned of a multi-page prescription does not;
//! - a page drawn with text or vector operators and no image is not evaluated (only scans are).
//!
//! Time and memory are bounded per page: the pixel count and the decoded bytes are checked before
//! anything is allocated for them, and every measure is linear in the number of pixels. A bitonal page
//! is never held as pixels: its rows are counted into the cells of an 800-cell work image as the
//! decoder gives them (`bitonal`), Flate samples inflated 64 kB at a time.

mod bitonal;
mod decode;
mod error;
mod limits;
mod measure;
mod pdf;
mod thumbnail;
mod work;

pub use limits::Limits;
pub use measure::{Margins, Metrics};
pub use scor_pdfa::{LimitStop, ReadingLimit};

/// The third-party decoders whose panics scor-quality catches: the page is then not evaluated, and the
/// check goes on. lopdf's are caught by scor-pdfa ([`scor_pdfa::CAUGHT_PANICS`]).
pub const CAUGHT_PANICS: &[&str] = &["zune-jpeg", "hayro-ccitt"];

use scor_locale::{Arg, Lang, Text, text};
use scor_pdfa::{Parsed, ReadError};

/// What a page can be found to be, each the object of one quality rule of `rules.csv` (the caller
/// maps each to its rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Anomaly {
    /// The page is (almost) entirely white: no marks beyond scanner specks.
    Blank,
    /// The page is (almost) entirely black.
    Black,
    /// Marks differ too little from the background to be read.
    Contrast,
    /// Content reaches an edge of the page: cut off, or the scan shifted.
    Truncated,
    /// The content is rotated by more than the threshold.
    Skew,
    /// The page is identical or nearly identical to the previous page.
    Duplicate,
    /// The scanning resolution is below the threshold.
    Resolution,
    /// The page holds grey levels or colour where a bitonal scan is expected.
    Grey,
}

impl Anomaly {
    /// Every anomaly, in the order they are reported.
    pub const ALL: [Anomaly; 8] = [
        Anomaly::Blank,
        Anomaly::Black,
        Anomaly::Contrast,
        Anomaly::Truncated,
        Anomaly::Skew,
        Anomaly::Duplicate,
        Anomaly::Resolution,
        Anomaly::Grey,
    ];
}

/// Decision thresholds, from the caller (the spec's `limits.csv`).
/// Every value is an integer: ratios are per mille, angles tenths of a degree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// `quality-blank` when at most this per mille of the page holds marks.
    pub blank_max_content_permille: u64,
    /// `quality-black` when at least this per mille of the pixels are dark.
    pub black_min_dark_permille: u64,
    /// `quality-contrast` when marks and background differ by less than this per mille of full scale.
    pub contrast_min_permille: u64,
    /// `quality-truncated` when content comes within this per mille of the page size of an edge.
    pub truncated_max_margin_permille: u64,
    /// `quality-skew` when the content is rotated by more than this, in tenths of a degree.
    pub skew_max_tenths_of_degree: u64,
    /// `quality-duplicate` when the page differs from the previous one by at most this per mille.
    pub duplicate_max_distance_permille: u64,
    /// `quality-resolution` when the resolution is below this, in dots per inch.
    pub min_dpi: u64,
    /// `quality-grey` when more than this per mille of the pixels are grey or coloured.
    pub grey_max_permille: u64,
}

/// What [`analyze`] found in one PDF.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Number of distinct pages the page tree reaches, within the page limit (0 when it could not be read).
    pub page_count: u32,
    /// One entry per page analysed, in page order.
    pub pages: Vec<PageReport>,
    /// What could not be analysed and why: a page number (from 1), or `None` for the whole document.
    pub not_evaluated: Vec<(Option<u32>, String)>,
    /// The reason of each entry of `not_evaluated`, in the same order, to render in any language.
    pub not_evaluated_texts: Vec<Text>,
    /// Where reading limits stopped the reading.
    pub stops: Vec<LimitStop>,
    /// What a reading limit left unanalysed: a page, or `None` for the document or the pages past the limit.
    pub not_evaluated_at_limit: Vec<(Option<u32>, ReadingLimit)>,
}

impl Report {
    /// Every issue, with its page number, in page order.
    pub fn issues(&self) -> impl Iterator<Item = (u32, &Issue)> {
        self.pages.iter().flat_map(|page| page.issues.iter().map(move |issue| (page.page, issue)))
    }
}

/// One analysed page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageReport {
    /// Page number, from 1.
    pub page: u32,
    /// Size of the page image, in pixels.
    pub width_px: u32,
    pub height_px: u32,
    /// Resolution of the image as placed on the page (pixels per inch of its drawn size).
    pub dpi_x: f64,
    pub dpi_y: f64,
    /// Whether the image is stored with one bit per pixel.
    pub bitonal: bool,
    /// The image's compression: the last filter of the stream (`FlateDecode`, `CCITTFaxDecode`...), or
    /// `none`.
    pub encoding: String,
    pub metrics: Metrics,
    /// The thresholds this page crosses, in [`Anomaly::ALL`] order.
    pub issues: Vec<Issue>,
    /// A downscaled 8-bit grey PNG of the page (empty when thumbnails are off), and its size: what a
    /// report's `PageView` holds. At 200 pixels for an A4 page, text is not legible in it.
    pub thumbnail_png: Vec<u8>,
    pub thumbnail_width: u32,
    pub thumbnail_height: u32,
}

/// A threshold the page crosses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub anomaly: Anomaly,
    /// What was measured against what, in words (English).
    pub message: String,
    /// The same, to render in any language.
    pub text: Text,
}

impl Report {
    /// Records that `page` (`None`: the whole document) could not be analysed, for `reason`.
    fn not_evaluated(&mut self, page: Option<u32>, reason: Text) {
        self.not_evaluated.push((page, reason.render(Lang::En)));
        self.not_evaluated_texts.push(reason);
    }
}

/// Analyses every page image of `pdf`. Never fails: what cannot be read is in `not_evaluated`.
pub fn analyze(pdf: &[u8], limits: &Limits, thresholds: &Thresholds) -> Report {
    let max_decoded = usize::try_from(limits.max_decoded_bytes).unwrap_or(usize::MAX);
    analyze_parsed(Parsed::load(pdf, max_decoded, limits.max_pages).as_ref(), limits, thresholds)
}

/// Analyses every page image of a PDF parsed by scor-pdfa, on the pages its page tree walk found.
pub fn analyze_parsed(parsed: Result<&Parsed, &ReadError>, limits: &Limits, thresholds: &Thresholds) -> Report {
    let mut report = Report::default();
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(ReadError::OverLimit { limit }) => {
            report.stops.push(LimitStop::object_stream(*limit));
            report.not_evaluated_at_limit.push((None, ReadingLimit::DecodedStreamBytes));
            return report;
        }
        Err(reason) => {
            report.not_evaluated(None, text!("quality-pdf-unreadable", detail = reason.text()));
            return report;
        }
    };
    if let Some(stop) = &parsed.tree.stop {
        report.stops.push(stop.clone());
        report.not_evaluated_at_limit.push((None, stop.limit));
    }
    let document = pdf::Document::new(parsed);
    report.page_count = document.page_count();
    let mut previous: Option<(u32, measure::Fingerprint)> = None;
    for number in 1..=report.page_count {
        let image = match document.page_image(number, limits) {
            Ok(image) => image,
            Err(error::ImageError::OverLimit(stop)) => {
                report.not_evaluated_at_limit.push((Some(number), stop.limit));
                if !report.stops.contains(&stop) {
                    report.stops.push(stop);
                }
                continue;
            }
            Err(reason) => {
                report.not_evaluated(Some(number), reason.text());
                continue;
            }
        };
        for note in &image.notes {
            report.not_evaluated(Some(number), note.clone());
        }
        let analysis = measure::analyze(&image.raster);
        let previous_fingerprint = previous.as_ref().filter(|(page, _)| *page + 1 == number).map(|(_, f)| f);
        let mut metrics = analysis.metrics.clone();
        metrics.distance_to_previous_permille =
            previous_fingerprint.and_then(|before| before.distance_permille(&analysis.fingerprint));
        let (dpi_x, dpi_y) = image.dpi();
        let issues = issues(&metrics, thresholds, dpi_x, dpi_y, &image.raster);
        let (thumbnail_png, thumbnail_width, thumbnail_height) =
            thumbnail::png(&analysis.work, limits.thumbnail_max_side);
        previous = Some((number, analysis.fingerprint));
        report.pages.push(PageReport {
            page: number,
            width_px: image.raster.width,
            height_px: image.raster.height,
            dpi_x,
            dpi_y,
            bitonal: image.raster.is_bitonal(),
            encoding: image.encoding.clone(),
            metrics,
            issues,
            thumbnail_png,
            thumbnail_width,
            thumbnail_height,
        });
    }
    report
}

/// The issues of one page: black or blank pages get only those two (nothing else can be judged on
/// them) plus resolution and grey levels.
fn issues(metrics: &Metrics, t: &Thresholds, dpi_x: f64, dpi_y: f64, raster: &decode::Raster) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut push = |anomaly: Anomaly, text: Text| issues.push(Issue { anomaly, message: text.render(Lang::En), text });
    let black = metrics.dark_permille >= t.black_min_dark_permille as f64;
    let blank = !black && metrics.content_permille <= t.blank_max_content_permille as f64;
    if blank {
        push(
            Anomaly::Blank,
            text!("quality-blank", content = one_decimal(metrics.content_permille), max = t.blank_max_content_permille),
        );
    }
    if black {
        push(
            Anomaly::Black,
            text!("quality-black", dark = one_decimal(metrics.dark_permille), min = t.black_min_dark_permille),
        );
    }
    let judged = !black && !blank;
    if judged && metrics.contrast_permille < t.contrast_min_permille as f64 {
        let ink = metrics.ink.map_or_else(|| Arg::from(text!("quality-no-ink")), Arg::from);
        push(
            Anomaly::Contrast,
            text!(
                "quality-contrast",
                ink = ink,
                background = metrics.background,
                contrast = one_decimal(metrics.contrast_permille),
                min = t.contrast_min_permille
            ),
        );
    }
    if let Some(margins) = metrics.margins.filter(|_| judged) {
        let limit = t.truncated_max_margin_permille as f64;
        let sides: Vec<Text> = margins
            .sides()
            .into_iter()
            .filter(|(_, margin)| *margin <= limit)
            .map(|(side, margin)| text!("quality-side", side = side_text(side), margin = one_decimal(margin)))
            .collect();
        if let Some(sides) =
            sides.into_iter().rev().reduce(|tail, side| text!("quality-sides", first = side, rest = tail))
        {
            push(Anomaly::Truncated, text!("quality-truncated", sides = sides, max = t.truncated_max_margin_permille));
        }
    }
    if let Some(skew) = metrics.skew_degrees.filter(|_| judged)
        && skew.abs() * 10.0 > t.skew_max_tenths_of_degree as f64
    {
        push(
            Anomaly::Skew,
            text!(
                "quality-skew",
                skew = one_decimal(skew),
                max = one_decimal(t.skew_max_tenths_of_degree as f64 / 10.0)
            ),
        );
    }
    if let Some(distance) = metrics.distance_to_previous_permille.filter(|_| judged)
        && distance <= t.duplicate_max_distance_permille as f64
    {
        push(
            Anomaly::Duplicate,
            text!("quality-duplicate", distance = one_decimal(distance), max = t.duplicate_max_distance_permille),
        );
    }
    let dpi = dpi_x.min(dpi_y).round();
    if dpi < t.min_dpi as f64 {
        push(
            Anomaly::Resolution,
            text!("quality-resolution", x = dpi_x.round().to_string(), y = dpi_y.round().to_string(), min = t.min_dpi),
        );
    }
    let tinted = metrics.grey_permille.max(metrics.colour_permille);
    if !raster.is_bitonal() && tinted > t.grey_max_permille as f64 {
        let grey = one_decimal(metrics.grey_permille);
        let colour = one_decimal(metrics.colour_permille);
        let max = t.grey_max_permille;
        push(
            Anomaly::Grey,
            if metrics.colour_permille > t.grey_max_permille as f64 {
                text!("quality-colour", grey = grey, colour = colour, max = max)
            } else {
                text!("quality-grey", grey = grey, colour = colour, max = max)
            },
        );
    }
    issues
}

/// The name of a side of the page.
fn side_text(side: &str) -> Text {
    match side {
        "top" => text!("quality-side-top"),
        "bottom" => text!("quality-side-bottom"),
        "left" => text!("quality-side-left"),
        _ => text!("quality-side-right"),
    }
}

/// `12.3`, `12`: one decimal, none when it is zero.
fn one_decimal(value: f64) -> String {
    let text = format!("{value:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}
