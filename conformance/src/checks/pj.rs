//! One PJ once decrypted: size, digest and size against the header's Piece, nature against the PS
//! specialty, then, on one parse and page list, PDF/A-1b (scor-pdfa) and scan quality (scor-quality).

use super::{Collector, Context, stage};
use crate::header::HeaderDossier;
use scor_dictionary::schema::CodeEntry;
use scor_dictionary::{Check, CodeListKey, Dictionary, Level, Limit, Location};
use scor_locale::{Text, text};
use scor_lot::files::LotFile;
use scor_pdfa::{LimitStop, Parsed, ReadError, ReadingLimit};
use scor_quality::Anomaly;
use sha2::{Digest, Sha256};

/// Checks one decrypted PJ; returns its page count when it parsed as PDF.
pub fn check(
    file: &LotFile,
    plain: &[u8],
    indice: u32,
    dossier: Option<&HeaderDossier>,
    cx: Context<'_>,
    c: &mut Collector,
) -> Option<u32> {
    let mut nature_code = None;
    if let (Some(header), Some(dossier)) = (cx.header, dossier)
        && let Some(piece) = dossier.pieces.iter().find(|p| p.indice == Some(indice))
    {
        let group = header.document.group_of("EF_PA_005_05").unwrap_or_default();
        let value = |id| header.document.field_in(&piece.element, group, id).map(|e| e.text.as_str());
        digest(file, plain, value("EF_PA_005_05"), value("EF_PA_005_06"), c);
        nature(file, value("EF_PA_005_02"), header.value("EF_PA_002_02"), c);
        nature_code = value("EF_PA_005_02");
    }
    size(file, plain, c.dictionary.code_list(CodeListKey::NaturePj).get(nature_code.unwrap_or_default()), c);
    let limits = pdfa_limits(c.dictionary);
    let parsed = scor_pdfa::parse(plain, &limits);
    let report = scor_pdfa::check_parsed(plain, parsed.as_ref(), &limits);
    let mut stops = Vec::new();
    pdfa(file, &report, &mut stops, c);
    let profession = profession(c.dictionary, cx.header.and_then(|h| h.value("EF_PA_002_02")));
    quality(file, parsed.as_ref(), cx.thumbnails, profession, &mut stops, c);
    report.pages
}

/// The largest plain PDF piece `indice` of `dossier` may be: the `max_bytes` of its nature
/// (codes/nature-pj.csv), `pj_max_bytes` when the nature is unknown; and the nature's code.
pub fn max_bytes(
    d: &'static Dictionary,
    header: Option<&crate::header::Header>,
    dossier: Option<&HeaderDossier>,
    indice: u32,
) -> (u64, Option<&'static str>) {
    let entry = (|| {
        let (header, piece) = (header?, dossier?.pieces.iter().find(|p| p.indice == Some(indice))?);
        let group = header.document.group_of("EF_PA_005_02").unwrap_or_default();
        let nature = header.document.field_in(&piece.element, group, "EF_PA_005_02")?;
        d.code_list(CodeListKey::NaturePj).get(&nature.text)
    })();
    let limit = entry.and_then(|e| e.bound("max_bytes")).unwrap_or_else(|| d.limit(Limit::PjMaxBytes));
    (limit, entry.map(|e| e.code))
}

/// The plain PDF is at most the `max_bytes` of its nature (codes/nature-pj.csv), `pj_max_bytes` when the
/// nature is unknown.
fn size(file: &LotFile, plain: &[u8], entry: Option<&CodeEntry>, c: &mut Collector) {
    let limit = entry.and_then(|e| e.bound("max_bytes")).unwrap_or_else(|| c.dictionary.limit(Limit::PjMaxBytes));
    if plain.len() as u64 > limit {
        let message = match entry {
            Some(entry) => text!("pj-too-large-nature", size = plain.len(), limit = limit, nature = entry.code),
            None => text!("pj-too-large", size = plain.len(), limit = limit),
        };
        c.raise(Check::PjSize, Level::Dossier, Location::file(&file.name), message);
    }
}

/// The largest PJ any nature allows: how far a PJ is read before its nature's limit is applied.
pub fn pj_read_max(d: &Dictionary) -> u64 {
    let natures = d.code_list(CodeListKey::NaturePj).entries.iter().filter_map(|e| e.bound("max_bytes"));
    natures.chain([d.limit(Limit::PjMaxBytes)]).max().unwrap_or(0)
}

/// The profession of the PS specialty `specialty` (codes/specialite.csv), whose scanning thresholds
/// apply (codes/profession.csv).
fn profession(d: &Dictionary, specialty: Option<&str>) -> Option<&'static CodeEntry> {
    let specialty = d.code_list(CodeListKey::Specialite).get(specialty?)?;
    d.code_list(CodeListKey::Profession).get(specialty.extra("profession").first()?)
}

/// The PDF-LIMIT finding of a limit stop, once per stop whichever of the PDF/A checker and the
/// scan-quality analysis met it first.
fn limit_stop(file: &LotFile, stop: &LimitStop, stops: &mut Vec<LimitStop>, c: &mut Collector) {
    if stops.contains(stop) {
        return;
    }
    stops.push(stop.clone());
    let location = Location {
        page: stop.location.page,
        xpath: stop.location.object.map(|(n, g)| format!("object {n} {g} R")),
        ..Location::file(&file.name)
    };
    let message = text!("at-limit", problem = stop.text.clone(), limit = reading_limit(stop.limit).as_str());
    c.raise(Check::PdfLimit, Level::Dossier, location, message);
}

/// The `limits.csv` limit behind each reading limit of scor-pdfa and scor-quality.
fn reading_limit(limit: ReadingLimit) -> Limit {
    match limit {
        ReadingLimit::DecodedStreamBytes => Limit::PdfMaxDecodedStreamBytes,
        ReadingLimit::Objects => Limit::PdfMaxObjects,
        ReadingLimit::Pages => Limit::PdfMaxPages,
    }
}

/// The reason given for what a reading limit left unchecked.
fn after_limit(limit: ReadingLimit) -> Text {
    text!("reason-after-limit", limit = reading_limit(limit).as_str())
}

/// Thumbnails are at most this many pixels on their long side (a report setting, not a SCOR value).
const THUMBNAIL_MAX_SIDE: u32 = 200;

/// Scan quality of each page (scor-quality), thresholds from `limits.csv`; thumbnails are made only
/// when asked (the HTML report, with patient data shown: a scan shows the patient).
fn quality(
    file: &LotFile,
    parsed: Result<&Parsed, &ReadError>,
    thumbnails: bool,
    profession: Option<&'static CodeEntry>,
    stops: &mut Vec<LimitStop>,
    c: &mut Collector,
) {
    if let Err(ReadError::TooLarge { .. }) = parsed {
        let reason = text!("reason-pj-limit", limit = Limit::PjMaxBytes.as_str());
        c.skip(&file.name, &[stage::QUALITY], text!("skip-quality"), reason);
        return;
    }
    let (limits, mut thresholds) = quality_settings(c.dictionary, if thumbnails { THUMBNAIL_MAX_SIDE } else { 0 });
    if let Some(dpi) = profession.and_then(|p| p.bound("scan_dpi_min")) {
        thresholds.min_dpi = dpi;
    }
    let report = scor_quality::analyze_parsed(parsed, &limits, &thresholds);
    for stop in &report.stops {
        limit_stop(file, stop, stops, c);
    }
    for page in &report.pages {
        for issue in &page.issues {
            let location = Location { page: Some(page.page), ..Location::file(&file.name) };
            c.raise(quality_check(issue.anomaly), Level::Dossier, location, issue.text.clone());
        }
        page_size(file, page, profession, c);
        if thumbnails {
            c.pages.push(crate::outcome::PageView {
                file: file.name.clone(),
                page: page.page,
                width: page.thumbnail_width,
                height: page.thumbnail_height,
                png: page.thumbnail_png.clone(),
            });
        }
    }
    let checks =
        |page: &Option<u32>| page.map_or_else(|| text!("skip-quality"), |p| text!("skip-quality-page", page = p));
    for ((page, _), reason) in report.not_evaluated.iter().zip(&report.not_evaluated_texts) {
        c.skip(&file.name, &[stage::QUALITY], checks(page), reason.clone());
    }
    for (page, limit) in &report.not_evaluated_at_limit {
        c.skip(&file.name, &[stage::QUALITY], checks(page), after_limit(*limit));
    }
}

/// The page is at least the size the profession's convention asks (codes/profession.csv
/// `page_min_short_side_mm`, `page_min_long_side_mm`), measured on the scan (pixels / DPI).
fn page_size(file: &LotFile, page: &scor_quality::PageReport, profession: Option<&CodeEntry>, c: &mut Collector) {
    let Some(profession) = profession else { return };
    let (Some(short_min), Some(long_min)) =
        (profession.bound("page_min_short_side_mm"), profession.bound("page_min_long_side_mm"))
    else {
        return;
    };
    if page.dpi_x <= 0.0 || page.dpi_y <= 0.0 {
        return;
    }
    let mm = |pixels: u32, dpi: f64| (f64::from(pixels) / dpi * MM_PER_INCH).round();
    let (w, h) = (mm(page.width_px, page.dpi_x), mm(page.height_px, page.dpi_y));
    let (short, long) = (w.min(h), w.max(h));
    #[allow(clippy::cast_precision_loss)]
    if short < short_min as f64 || long < long_min as f64 {
        let message = text!(
            "quality-page-size",
            short = short,
            long = long,
            profession = profession.label,
            short_min = short_min,
            long_min = long_min
        );
        let location = Location { page: Some(page.page), ..Location::file(&file.name) };
        c.raise(Check::QualityPageSize, Level::Dossier, location, message);
    }
}

/// Millimetres in an inch (ISO 216 sizes are given in mm, scan resolutions in dots per inch).
const MM_PER_INCH: f64 = 25.4;

/// A PJ that could not be decrypted (its organism's public certificate only): the header's Taille
/// must fit the encrypted size, which with CBC padding holds `len - block ..= len - 1` plain bytes.
pub fn sealed_size(
    file: &LotFile,
    sealed: &scor_lot::cms::CmsEnvelope,
    indice: u32,
    dossier: Option<&HeaderDossier>,
    cx: Context<'_>,
    c: &mut Collector,
) {
    let (Some(header), Some(dossier)) = (cx.header, dossier) else { return };
    let Some(piece) = dossier.pieces.iter().find(|p| p.indice == Some(indice)) else { return };
    let group = header.document.group_of("EF_PA_005_05").unwrap_or_default();
    let Some(taille) = header.document.field_in(&piece.element, group, "EF_PA_005_05") else { return };
    let (Ok(size), Some((low, high))) = (taille.text.parse::<u64>(), scor_lot::cms::plain_size_bounds(sealed)) else {
        return;
    };
    if !(low..=high).contains(&size) {
        let message = text!("pj-sealed-size", size = size, low = low, high = high);
        c.raise(Check::PjDigest, Level::Dossier, Location::file(&file.name), message).element = Some("EF_PA_005_05");
    }
}

/// The reading limits and decision thresholds of the scan-quality analysis, from `limits.csv`.
pub fn quality_settings(d: &Dictionary, thumbnail_max_side: u32) -> (scor_quality::Limits, scor_quality::Thresholds) {
    let limits = scor_quality::Limits {
        max_pixels_per_page: d.limit(Limit::QualityMaxPagePixels),
        max_decoded_bytes: d.limit(Limit::PdfMaxDecodedStreamBytes),
        max_pages: u32::try_from(d.limit(Limit::PdfMaxPages)).unwrap_or(u32::MAX),
        thumbnail_max_side,
    };
    let thresholds = scor_quality::Thresholds {
        blank_max_content_permille: d.limit(Limit::QualityBlankMaxContentPermille),
        black_min_dark_permille: d.limit(Limit::QualityBlackMinDarkPermille),
        contrast_min_permille: d.limit(Limit::QualityContrastMinPermille),
        truncated_max_margin_permille: d.limit(Limit::QualityTruncatedMaxMarginPermille),
        skew_max_tenths_of_degree: d.limit(Limit::QualitySkewMaxTenthsOfDegree),
        duplicate_max_distance_permille: d.limit(Limit::QualityDuplicateMaxDistancePermille),
        min_dpi: d.limit(Limit::ScanDpiMin),
        grey_max_permille: d.limit(Limit::QualityGreyMaxPermille),
    };
    (limits, thresholds)
}

/// Taille and Empreinte of the header equal the plain PDF's size and SHA-256.
fn digest(file: &LotFile, plain: &[u8], size: Option<&str>, sha256: Option<&str>, c: &mut Collector) {
    if let Some(size) = size
        && size != plain.len().to_string()
    {
        let message = text!("pj-size-differs", size = size, actual = plain.len());
        c.raise(Check::PjDigest, Level::Dossier, Location::file(&file.name), message).element = Some("EF_PA_005_05");
    }
    let actual = hex(&Sha256::digest(plain));
    if let Some(expected) = sha256
        && !expected.eq_ignore_ascii_case(&actual)
    {
        let message = text!("pj-digest-differs", expected = expected, actual = actual);
        c.raise(Check::PjDigest, Level::Dossier, Location::file(&file.name), message);
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The nature's `allowed_specialties` (codes/nature-pj.csv) hold the PS specialty.
fn nature(file: &LotFile, nature: Option<&str>, specialty: Option<&str>, c: &mut Collector) {
    let (Some(nature), Some(specialty)) = (nature, specialty) else { return };
    if !c.dictionary.code_list(CodeListKey::Specialite).contains(specialty) {
        return; // an unknown specialty is the header's finding, not each PJ's
    }
    let Some(entry) = c.dictionary.code_list(CodeListKey::NaturePj).get(nature) else { return };
    if !entry.extra("allowed_specialties").contains(&specialty) {
        let message = text!("pj-nature-specialty", nature = nature, label = entry.label, specialty = specialty);
        c.raise(Check::PjNature, Level::Dossier, Location::file(&file.name), message);
    }
}

/// PDF/A-1b clause by clause; each violation raises the rule of its clause's section, each limit stop
/// PDF-LIMIT.
fn pdfa(file: &LotFile, report: &scor_pdfa::Report, stops: &mut Vec<LimitStop>, c: &mut Collector) {
    for stop in &report.stops {
        limit_stop(file, stop, stops, c);
    }
    for violation in &report.violations {
        let check = section_check(violation.clause);
        let location = Location {
            page: violation.location.page,
            byte_offset: violation.location.byte_offset,
            xpath: violation.location.object.map(|(n, g)| format!("object {n} {g} R")),
            ..Location::file(&file.name)
        };
        let clause = match violation.test {
            0 => format!("ISO 19005-1 {}", violation.clause),
            test => format!("ISO 19005-1 {} (veraPDF test {test})", violation.clause),
        };
        c.raise(check, Level::Dossier, location, violation.text.clone()).clause = Some(clause);
    }
    skip_clauses(file, report, c);
}

/// The clauses left unevaluated, one entry per reason (a reading limit's named after it).
fn skip_clauses(file: &LotFile, report: &scor_pdfa::Report, c: &mut Collector) {
    let reasons = report.not_evaluated.iter().zip(&report.not_evaluated_texts);
    let skipped = reasons.map(|((clause, _), reason)| (*clause, reason.clone()));
    let at_limit = report.not_evaluated_at_limit.iter().map(|(clause, limit)| (*clause, after_limit(*limit)));
    let mut reasons: Vec<(Text, Vec<&str>)> = Vec::new();
    for (clause, reason) in skipped.chain(at_limit) {
        match reasons.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, clauses)) => clauses.push(clause),
            None => reasons.push((reason, vec![clause])),
        }
    }
    for (reason, clauses) in reasons {
        let sections: Vec<Check> = clauses.iter().map(|clause| section_check(clause)).collect();
        let checks = text!("skip-pdfa-clauses", count = clauses.len(), clauses = clauses.join(", "));
        c.skip(&file.name, &[&sections], checks, reason);
    }
}

/// The reading limits of the PDF/A-1b checker, from `limits.csv`.
pub fn pdfa_limits(d: &Dictionary) -> scor_pdfa::Limits {
    let limit = |limit| usize::try_from(d.limit(limit)).unwrap_or(usize::MAX);
    scor_pdfa::Limits {
        max_input_bytes: usize::try_from(pj_read_max(d)).unwrap_or(usize::MAX),
        max_decoded_stream_bytes: limit(Limit::PdfMaxDecodedStreamBytes),
        max_objects: limit(Limit::PdfMaxObjects),
        max_pages: u32::try_from(d.limit(Limit::PdfMaxPages)).unwrap_or(u32::MAX),
        max_findings_per_test: limit(Limit::PdfMaxFindingsPerRule),
    }
}

/// The check of a clause's section (`6.2.3` → `pdfa-6.2`); what is not a PDF/A clause is a PDF syntax
/// problem.
fn section_check(clause: &str) -> Check {
    if clause == scor_pdfa::PARSE_CLAUSE {
        return Check::PdfSyntax;
    }
    let mut parts = clause.split('.');
    match (parts.next(), parts.next()) {
        (Some("6"), Some("1")) => Check::Pdfa6_1,
        (Some("6"), Some("2")) => Check::Pdfa6_2,
        (Some("6"), Some("3")) => Check::Pdfa6_3,
        (Some("6"), Some("4")) => Check::Pdfa6_4,
        (Some("6"), Some("5")) => Check::Pdfa6_5,
        (Some("6"), Some("6")) => Check::Pdfa6_6,
        (Some("6"), Some("7")) => Check::Pdfa6_7,
        (Some("6"), Some("9")) => Check::Pdfa6_9,
        _ => Check::PdfSyntax,
    }
}

/// The rule of each scan-quality anomaly.
fn quality_check(anomaly: Anomaly) -> Check {
    match anomaly {
        Anomaly::Blank => Check::QualityBlank,
        Anomaly::Black => Check::QualityBlack,
        Anomaly::Contrast => Check::QualityContrast,
        Anomaly::Truncated => Check::QualityTruncated,
        Anomaly::Skew => Check::QualitySkew,
        Anomaly::Duplicate => Check::QualityDuplicate,
        Anomaly::Resolution => Check::QualityResolution,
        Anomaly::Grey => Check::QualityGrey,
    }
}
