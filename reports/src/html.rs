//! The HTML report: one self-contained page per run (inline CSS, thumbnails as PNG data URIs, no script,
//! nothing fetched), per lot its files by dossier with page thumbnails and each finding next to its page.
//!
//! Every text of the run is escaped; control characters are replaced as in the text report. The page
//! declares a Content-Security-Policy that allows inline styles and `data:` images only. Patient data
//! appears only if the run holds it (index sources and page thumbnails are filled by the engine only
//! when patient data is revealed).

use scor_locale::Lang;
use crate::excerpt::{self, printable};
use crate::summary::{RunSummary, Summary};
use crate::summary::{arl_words, kind_name, verdict};
use scor_conformance::{FileOutcome, LotOutcome, NotEvaluated, PageView, PredictedArl, Run, Source};
use scor_dictionary::{Finding, Severity};
use std::fmt::Write as _;

/// The HTML report of `run`.
pub fn render(run: &Run) -> String {
    let mut out = String::new();
    let total = RunSummary::of(run);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src \
         'unsafe-inline'\">\n",
    );
    out.push_str("<title>SCOR conformance report</title>\n<style>\n");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<header>\n<h1>SCOR conformance report</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"total\">{} lot{} ({} conformant, {} NOT conformant, {} not fully evaluated); {}</p>",
        total.lots,
        if total.lots == 1 { "" } else { "s" },
        total.conformant,
        total.not_conformant,
        total.not_fully_evaluated,
        counts(&Summary {
            errors: total.errors,
            warnings: total.warnings,
            infos: total.infos,
            not_evaluated: total.not_evaluated
        })
    );
    if let Some(advisor) = &run.advisor {
        let _ = writeln!(
            out,
            "<p class=\"advisor\">advisor file <code>{}</code> (sha256 <code>{}</code>), {} entries</p>",
            text(&advisor.file),
            text(&advisor.sha256),
            advisor.entries
        );
        for warning in advisor.warnings() {
            let _ = writeln!(out, "<p class=\"advisor warning\">warning: {}</p>", text(&warning.render(Lang::En)));
        }
    }
    if !run.lots.is_empty() {
        out.push_str("<nav><ol class=\"toc\">\n");
        for (i, lot) in run.lots.iter().enumerate() {
            let _ = writeln!(
                out,
                "<li><a href=\"#lot-{}\">{}</a> <span class=\"verdict {}\">{}</span></li>",
                i + 1,
                text(&lot.input),
                verdict(lot),
                verdict_words(lot)
            );
        }
        out.push_str("</ol></nav>\n");
    }
    out.push_str("</header>\n<main>\n");
    for (i, lot) in run.lots.iter().enumerate() {
        lot_section(&mut out, lot, i + 1);
    }
    out.push_str("</main>\n<footer>\n");
    let _ = writeln!(
        out,
        "<p>{} {}, SCOR dictionary {} (checksum <code>{}</code>)</p>",
        text(run.tool.name),
        text(run.tool.version),
        text(&run.dictionary.version_label()),
        text(run.dictionary.checksum)
    );
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

const CSS: &str = "\
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#f5f5f7}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin:0 0 .3rem}h3{font-size:1.05rem;margin:1rem 0 .4rem}
h4{font-size:.95rem;margin:.2rem 0 .4rem}
code,pre{font-family:ui-monospace,monospace;font-size:.88em}
pre{background:#f0f0f3;padding:.4rem .6rem;overflow-x:auto;margin:.3rem 0}
.lot{background:#fff;border-radius:8px;padding:1rem 1.2rem;margin:1rem 0;box-shadow:0 1px 3px #0002}
.verdict{font-weight:700;padding:0 .4rem;border-radius:4px}
.conformant{color:#0a6b2d;background:#e3f6e8}.not-conformant{color:#a3140f;background:#fde6e4}
.not-fully-evaluated{color:#6b4a00;background:#fff1c7}
.arl{border-left:4px solid #888;padding:.3rem .7rem;background:#fafafa}
.arl.rejected{border-color:#c62828}.arl.accepted{border-color:#2e7d32}
.dossier{border-top:1px solid #ddd;margin-top:.8rem}
.file{margin:.5rem 0 .8rem}.file .meta{color:#555;font-weight:400;font-size:.85em}
.pages{display:flex;flex-wrap:wrap;gap:1rem;margin:.4rem 0}
.page{margin:0;padding:.5rem;background:#fafafa;border:1px solid #ddd;border-radius:6px;max-width:24rem}
.page img{display:block;border:1px solid #999;background:#fff;image-rendering:auto}
.page.flagged{border-color:#c62828}
figcaption{font-size:.85em;color:#444;margin:.3rem 0}
ul.findings{list-style:none;padding:0;margin:.3rem 0}
.finding{margin:.25rem 0;padding:.2rem .5rem;border-left:4px solid #999;background:#fff}
.finding.error{border-color:#c62828}.finding.warning{border-color:#ef6c00}.finding.info{border-color:#1565c0}
.severity{font-weight:700;text-transform:uppercase;font-size:.75em;margin-right:.3rem}
.error .severity{color:#c62828}.warning .severity{color:#ef6c00}.info .severity{color:#1565c0}
.where{color:#555;font-size:.85em}
.not-evaluated li{margin:.2rem 0}
.counts{color:#333}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
";

fn verdict_words(lot: &LotOutcome) -> &'static str {
    lot.verdict().words()
}

fn lot_section(out: &mut String, lot: &LotOutcome, number: usize) {
    let _ = writeln!(out, "<section class=\"lot\" id=\"lot-{number}\">");
    let _ = writeln!(
        out,
        "<h2><span class=\"verdict {}\">{}</span> lot <code>{}</code></h2>",
        verdict(lot),
        verdict_words(lot),
        text(&lot.input)
    );
    let identification = lot.identification.as_deref().map_or_else(|| "unknown".to_owned(), text);
    let _ = writeln!(out, "<p>{}, identification <code>{identification}</code></p>", kind_name(lot.kind));
    arl_block(out, lot);
    let _ = writeln!(out, "<p class=\"counts\">{}</p>", counts(&Summary::of(lot)));

    let mut shown = vec![false; lot.findings.len()];
    // Findings about the whole lot, then the files outside dossiers (header, stray files).
    let whole: Vec<usize> = indices(lot, |f| f.location.file.is_empty());
    if !whole.is_empty() {
        out.push_str("<h3>Whole lot</h3>\n");
        findings_list(out, lot, &whole, &mut shown);
    }
    let lot_files: Vec<&FileOutcome> = lot.files.iter().filter(|f| f.dossier.is_none()).collect();
    if !lot_files.is_empty() {
        out.push_str("<h3>Lot files</h3>\n");
        for file in lot_files {
            file_block(out, lot, file, &mut shown);
        }
    }
    let mut dossiers: Vec<u32> = lot.files.iter().filter_map(|f| f.dossier).collect();
    dossiers.dedup();
    for dossier in dossiers {
        let _ = writeln!(out, "<section class=\"dossier\" id=\"lot-{number}-dossier-{dossier:03}\">");
        let _ = writeln!(out, "<h3>Dossier {dossier:03}</h3>");
        for file in lot.files.iter().filter(|f| f.dossier == Some(dossier)) {
            file_block(out, lot, file, &mut shown);
        }
        out.push_str("</section>\n");
    }
    // Findings about files the inventory does not list.
    let others: Vec<usize> = (0..lot.findings.len()).filter(|&i| !shown[i]).collect();
    if !others.is_empty() {
        out.push_str("<h3>Other findings</h3>\n");
        findings_list(out, lot, &others, &mut shown);
    }
    not_evaluated_block(out, &lot.not_evaluated);
    suppressed_block(out, lot);
    out.push_str("</section>\n");
}

fn arl_block(out: &mut String, lot: &LotOutcome) {
    let Some(arl) = &lot.arl else { return };
    let class = if matches!(arl, PredictedArl::Accepted { .. }) { "accepted" } else { "rejected" };
    let _ = write!(
        out,
        "<div class=\"arl {class}\"><strong>Predicted ARL:</strong> {}, cause <code>{}</code> ({})",
        text(&arl_words(lot, arl)),
        text(arl.cause()),
        text(arl.label())
    );
    if let PredictedArl::DossierRejection { dossiers, .. } = arl {
        out.push_str("\n<table><tr><th>dossier</th><th>file</th><th>cause</th></tr>\n");
        for dossier in dossiers {
            let _ = writeln!(
                out,
                "<tr><td>{:03}</td><td><code>{}</code></td><td><code>{}</code> ({})</td></tr>",
                dossier.dossier,
                text(&dossier.file),
                text(dossier.cause),
                text(dossier.label)
            );
        }
        out.push_str("</table>");
    }
    for fallback in &lot.arl_fallbacks {
        let _ = write!(out, "\n<p>written without the header: {}</p>", text(&fallback.render(Lang::En)));
    }
    out.push_str("</div>\n");
    caisse_block(out, lot);
}

/// The second verdict: whether the caisse can use the PJ, with the findings of the rules it decides
/// and their public source; never part of the ARL.
fn caisse_block(out: &mut String, lot: &LotOutcome) {
    let verdict = lot.caisse_verdict();
    let class = if verdict == scor_conformance::CaisseVerdict::NotUsable { "rejected" } else { "accepted" };
    let _ = write!(out, "<div class=\"arl {class}\"><strong>{}</strong> (not part of the ARL)", text(verdict.words()));
    let findings: Vec<_> = lot.caisse_findings().collect();
    if !findings.is_empty() {
        out.push_str("\n<ul>\n");
        for finding in findings {
            let source = crate::summary::rule_source(finding.rule).unwrap_or_default();
            let _ = writeln!(
                out,
                "<li><code>{}</code> {}: {} <small>(source: {})</small></li>",
                text(finding.rule),
                text(&finding.location.file),
                text(&finding.message),
                text(source)
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</div>\n");
}

/// One file: its heading, its page thumbnails with the findings of each page, then its other findings.
fn file_block(out: &mut String, lot: &LotOutcome, file: &FileOutcome, shown: &mut [bool]) {
    let mut meta = vec![file.role.as_str().to_owned(), format!("{} bytes", file.bytes)];
    if let Some(plain) = file.plain_bytes {
        meta.push(format!("{plain} bytes decrypted"));
    }
    if let Some(pages) = file.pages {
        meta.push(format!("{pages} page{}", if pages == 1 { "" } else { "s" }));
    }
    let _ = writeln!(
        out,
        "<article class=\"file\"><h4><code>{}</code> <span class=\"meta\">{}</span></h4>",
        text(&file.name),
        text(&meta.join(", "))
    );
    let views: Vec<&PageView> = lot.pages.iter().filter(|p| p.file == file.name).collect();
    if !views.is_empty() {
        out.push_str("<div class=\"pages\">\n");
        for view in views {
            let on_page = indices(lot, |f| f.location.file == file.name && f.location.page == Some(view.page));
            let flagged = if on_page.is_empty() { "" } else { " flagged" };
            let _ = writeln!(out, "<figure class=\"page{flagged}\" id=\"{}\">", page_id(&file.name, view.page));
            let _ = writeln!(
                out,
                "<img src=\"data:image/png;base64,{}\" width=\"{}\" height=\"{}\" alt=\"page {} of {}\">",
                base64(&view.png),
                view.width,
                view.height,
                view.page,
                text(&file.name)
            );
            let _ = writeln!(out, "<figcaption>page {}</figcaption>", view.page);
            if !on_page.is_empty() {
                findings_list(out, lot, &on_page, shown);
            }
            out.push_str("</figure>\n");
        }
        out.push_str("</div>\n");
    }
    let rest: Vec<usize> = indices(lot, |f| f.location.file == file.name);
    let rest: Vec<usize> = rest.into_iter().filter(|&i| !shown[i]).collect();
    if !rest.is_empty() {
        findings_list(out, lot, &rest, shown);
    }
    out.push_str("</article>\n");
}

/// An id for a page's figure: the file name with anything but ASCII letters and digits replaced.
fn page_id(file: &str, page: u32) -> String {
    let name: String = file.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("page-{name}-{page}")
}

fn indices(lot: &LotOutcome, keep: impl Fn(&Finding) -> bool) -> Vec<usize> {
    lot.findings.iter().enumerate().filter(|(_, f)| keep(f)).map(|(i, _)| i).collect()
}

fn findings_list(out: &mut String, lot: &LotOutcome, which: &[usize], shown: &mut [bool]) {
    out.push_str("<ul class=\"findings\">\n");
    for &i in which {
        shown[i] = true;
        let note = lot.regrade_of(i).map(|regraded| {
            let advice = &regraded.advice;
            format!(
                "re-graded from {} by advisor entry {advice}: {} (until {})",
                regraded.from, advice.reason, advice.expires
            )
        });
        finding_item(out, &lot.findings[i], &lot.sources, note.as_deref());
    }
    out.push_str("</ul>\n");
}

fn finding_item(out: &mut String, finding: &Finding, sources: &[Source], note: Option<&str>) {
    let severity = finding.severity.as_str();
    let _ = write!(
        out,
        "<li class=\"finding {severity}\"><span class=\"severity\">{severity}</span><code class=\"rule\">{}</code>",
        text(finding.rule)
    );
    let about: Vec<String> = finding.element.map(str::to_owned).into_iter().chain(finding.clause.clone()).collect();
    if !about.is_empty() {
        let _ = write!(out, " <span class=\"about\">{}</span>", text(&about.join(", ")));
    }
    let _ = write!(out, ": <span class=\"message\">{}</span>", text(&finding.message));
    if finding.severity == Severity::Error
        && let Some(cause) = finding.cause
    {
        let _ = write!(out, " <span class=\"cause\">(ARL cause <code>{}</code>)</span>", text(cause));
    }
    if let Some(place) = crate::text::location_text(&finding.location) {
        let _ = write!(out, "<div class=\"where\">{}</div>", text(&place));
    }
    if let Some(note) = note {
        let _ = write!(out, "<div class=\"advice\">{}</div>", text(note));
    }
    let source = sources.iter().find(|s| s.file == finding.location.file);
    if let (Some(source), Some(line)) = (source, finding.location.line) {
        let lines = excerpt::render(&source.text, line, finding.location.column, "");
        if !lines.is_empty() {
            let lines: Vec<String> = lines.iter().map(|line| text(line)).collect();
            let _ = write!(out, "<pre>{}</pre>", lines.join("\n"));
        }
    }
    out.push_str("</li>\n");
}

/// The findings an advisor file suppressed: shown, marked, not counted.
fn suppressed_block(out: &mut String, lot: &LotOutcome) {
    if lot.suppressed.is_empty() {
        return;
    }
    out.push_str("<h3>Suppressed by the advisor file (not counted)</h3>\n<ul class=\"findings suppressed\">\n");
    for item in &lot.suppressed {
        let advice = &item.advice;
        let note = format!("suppressed by advisor entry {advice}: {} (until {})", advice.reason, advice.expires);
        finding_item(out, &item.finding, &lot.sources, Some(&note));
    }
    out.push_str("</ul>\n");
}

fn not_evaluated_block(out: &mut String, items: &[NotEvaluated]) {
    if items.is_empty() {
        return;
    }
    out.push_str("<h3>Not evaluated (never to be read as passed)</h3>\n<ul class=\"not-evaluated\">\n");
    for item in items {
        let file = if item.file.is_empty() { crate::text::WHOLE_LOT } else { &item.file };
        let _ = writeln!(out, "<li><code>{}</code>: {}: {}</li>", text(file), text(&item.checks.render(Lang::En)), text(&item.reason.render(Lang::En)));
    }
    out.push_str("</ul>\n");
}

/// `1 error, 2 warnings, 0 infos, 1 not evaluated`.
fn counts(summary: &Summary) -> String {
    let plural =
        |count: usize, word: &str| if count == 1 { format!("{count} {word}") } else { format!("{count} {word}s") };
    format!(
        "{}, {}, {}, {} not evaluated",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
        summary.not_evaluated
    )
}

/// `value` with control characters replaced (as in the text report) and HTML's special characters escaped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in printable(value).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Standard base64 with padding (RFC 4648 §4), for data URIs.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_test_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, expected) in vectors {
            assert_eq!(base64(input.as_bytes()), expected);
        }
    }

    #[test]
    fn text_escapes_markup_and_controls() {
        assert_eq!(text("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
        assert!(!text("bad \u{1b}[2J value").contains('\u{1b}'));
    }

    #[test]
    fn page_ids_keep_letters_and_digits_only() {
        assert_eq!(page_id("P-001-002.pkcs7", 3), "page-P-001-002-pkcs7-3");
        assert_eq!(page_id("\"><script>", 1), "page----script--1");
    }
}
