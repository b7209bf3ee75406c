//! The text report, for people: per lot a verdict, findings by file with source excerpts, what was not
//! evaluated, the predicted ARL and counts; then totals, the tool and the dictionary.

use crate::excerpt::{self, printable};
use crate::format::Options;
use crate::summary::{RunSummary, Summary};
use crate::summary::{arl_words, kind_name};
use anstyle::{AnsiColor, Style};
use scor_conformance::{LotOutcome, PredictedArl, Run, Source, Verdict};
use scor_dictionary::{Finding, Location, Severity};

/// Indentation of the blocks under a lot title.
const INDENT: &str = "  ";
/// Indentation of findings under their file.
const FINDING_INDENT: &str = "    ";
/// Indentation of a finding's location and excerpt.
const DETAIL_INDENT: &str = "      ";

/// The text report of `run`. With `options.color`, severities and verdicts carry ANSI colours.
pub fn render(run: &Run, options: &Options) -> String {
    let mut out = Out { lines: Vec::new(), color: options.color };
    for lot in &run.lots {
        lot_section(&mut out, lot);
        out.blank();
    }
    run_footer(&mut out, run);
    let mut text = out.lines.join("\n");
    text.push('\n');
    text
}

/// The lines being written, and whether to colour them.
struct Out {
    lines: Vec<String>,
    color: bool,
}

impl Out {
    fn line(&mut self, line: impl Into<String>) {
        self.lines.push(line.into());
    }

    fn blank(&mut self) {
        self.lines.push(String::new());
    }

    /// `text` in `style` when colouring, as is otherwise.
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color { format!("{style}{text}{style:#}") } else { text.to_owned() }
    }
}

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Blue,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

fn verdict_style(verdict: Verdict) -> Style {
    let color = match verdict {
        Verdict::Conformant => AnsiColor::Green,
        Verdict::NotConformant => AnsiColor::Red,
        Verdict::NotFullyEvaluated => AnsiColor::Yellow,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

fn lot_section(out: &mut Out, lot: &LotOutcome) {
    lot_title(out, lot);
    for (file, findings) in findings_by_file(lot) {
        out.blank();
        out.line(format!("{INDENT}{}", file_heading(file)));
        for finding in findings {
            finding_block(out, finding, &lot.sources);
            regraded_line(out, lot, finding);
        }
    }
    not_evaluated_block(out, lot);
    suppressed_block(out, lot);
    arl_block(out, lot);
    caisse_block(out, lot);
    out.blank();
    out.line(format!("{INDENT}{}{}", counts_line(&Summary::of(lot)), suppressed_count(lot.suppressed.len())));
}

/// `, 2 suppressed` when an advisor file suppressed findings; nothing otherwise.
fn suppressed_count(count: usize) -> String {
    if count == 0 { String::new() } else { format!(", {count} suppressed") }
}

/// Under a finding an advisor entry re-graded: from which severity, by which entry, why, until when.
fn regraded_line(out: &mut Out, lot: &LotOutcome, finding: &Finding) {
    let index = lot.findings.iter().position(|f| std::ptr::eq(f, finding));
    let Some(regraded) = index.and_then(|index| lot.regrade_of(index)) else { return };
    let advice = &regraded.advice;
    out.line(printable(&format!(
        "{DETAIL_INDENT}re-graded from {} by advisor entry {advice}: {} (until {})",
        regraded.from, advice.reason, advice.expires
    )));
}

/// The findings an advisor file suppressed: still shown, never counted.
fn suppressed_block(out: &mut Out, lot: &LotOutcome) {
    if lot.suppressed.is_empty() {
        return;
    }
    out.blank();
    out.line(format!("{INDENT}suppressed by the advisor file (not counted):"));
    for suppressed in &lot.suppressed {
        let finding = &suppressed.finding;
        let place = location_text(&finding.location).unwrap_or_else(|| WHOLE_LOT.to_owned());
        let advice = &suppressed.advice;
        out.line(printable(&format!(
            "{FINDING_INDENT}suppressed {}[{}] {place}: {}",
            finding.severity, finding.rule, finding.message
        )));
        out.line(printable(&format!(
            "{DETAIL_INDENT}by advisor entry {advice}: {} (until {})",
            advice.reason, advice.expires
        )));
    }
}

fn lot_title(out: &mut Out, lot: &LotOutcome) {
    let verdict = lot.verdict();
    let verdict = out.paint(verdict_style(verdict), verdict.words());
    out.line(format!("lot {}: {verdict}", printable(&lot.input)));
    let kind = kind_name(lot.kind);
    match &lot.identification {
        Some(identification) => out.line(format!("{INDENT}{kind}, identification {}", printable(identification))),
        None => out.line(format!("{INDENT}{kind}, identification unknown")),
    }
}

/// What a finding about no file in particular is about.
pub(crate) const WHOLE_LOT: &str = "whole lot";

/// The heading of a group of findings: the file name, or [`WHOLE_LOT`].
fn file_heading(file: &str) -> String {
    if file.is_empty() { WHOLE_LOT.to_owned() } else { printable(file) }
}

/// The lot's findings grouped by file: findings about the whole lot first, then files in lot order,
/// then files the inventory does not list, in the order findings name them. Findings keep their order.
pub(crate) fn findings_by_file(lot: &LotOutcome) -> Vec<(&str, Vec<&Finding>)> {
    let mut order: Vec<&str> = vec![""];
    order.extend(lot.files.iter().map(|file| file.name.as_str()));
    for finding in &lot.findings {
        if !order.contains(&finding.location.file.as_str()) {
            order.push(&finding.location.file);
        }
    }
    order
        .into_iter()
        .map(|file| (file, lot.findings.iter().filter(|f| f.location.file == file).collect::<Vec<_>>()))
        .filter(|(_, findings)| !findings.is_empty())
        .collect()
}

fn finding_block(out: &mut Out, finding: &Finding, sources: &[Source]) {
    let label = out.paint(severity_style(finding.severity), &format!("{}[{}]", finding.severity, finding.rule));
    out.line(format!("{FINDING_INDENT}{label}{}: {}", about(finding), printable(&finding.message)));
    if let Some(location) = location_text(&finding.location).filter(|_| !is_file_only(&finding.location)) {
        out.line(format!("{DETAIL_INDENT}--> {location}"));
    }
    for line in finding_excerpt(finding, sources) {
        out.line(line);
    }
}

/// ` EF_PA_002_02, ISO 19005-1 6.1.3`: the data element and the clause, when the finding has them.
fn about(finding: &Finding) -> String {
    let parts: Vec<String> = finding.element.map(str::to_owned).into_iter().chain(finding.clause.clone()).collect();
    if parts.is_empty() { String::new() } else { format!(" {}", printable(&parts.join(", "))) }
}

/// Whether `location` names a file and nothing more: the heading above the finding already says it.
fn is_file_only(location: &Location) -> bool {
    *location == Location::file(location.file.as_str())
}

/// `file:line:column, XPath, page N, byte N`, with what is known; `None` when nothing is.
pub(crate) fn location_text(location: &Location) -> Option<String> {
    let mut place = location.file.clone();
    if let Some(line) = location.line {
        place = format!("{place}:{line}");
        if let Some(column) = location.column {
            place = format!("{place}:{column}");
        }
    }
    let parts: Vec<String> = [
        Some(place).filter(|place| !place.is_empty()),
        location.xpath.clone(),
        location.page.map(|page| format!("page {page}")),
        location.byte_offset.map(|offset| format!("byte {offset}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() { None } else { Some(printable(&parts.join(", "))) }
}

/// The excerpt under a finding: only for a file whose source the lot holds, and a known line.
fn finding_excerpt(finding: &Finding, sources: &[Source]) -> Vec<String> {
    let location = &finding.location;
    let source = sources.iter().find(|source| source.file == location.file);
    match (source, location.line) {
        (Some(source), Some(line)) => excerpt::render(&source.text, line, location.column, DETAIL_INDENT),
        _ => Vec::new(),
    }
}

fn not_evaluated_block(out: &mut Out, lot: &LotOutcome) {
    if lot.not_evaluated.is_empty() {
        return;
    }
    out.blank();
    out.line(format!("{INDENT}not evaluated (never to be read as passed):"));
    for item in &lot.not_evaluated {
        let file = file_heading(&item.file);
        out.line(printable(&format!("{FINDING_INDENT}{file}: {}: {}", item.checks, item.reason)));
        if !item.rules.is_empty() {
            out.line(format!("{DETAIL_INDENT}rules: {}", item.rules.join(", ")));
        }
    }
}

fn arl_block(out: &mut Out, lot: &LotOutcome) {
    let Some(arl) = &lot.arl else { return };
    out.blank();
    let outcome = arl_words(lot, arl);
    out.line(format!("{INDENT}predicted ARL: {outcome}, cause {} ({})", arl.cause(), arl.label()));
    if let PredictedArl::DossierRejection { dossiers, .. } = arl {
        for dossier in dossiers {
            let file = printable(&dossier.file);
            out.line(format!(
                "{FINDING_INDENT}dossier {:03}: {file}, cause {} ({})",
                dossier.dossier, dossier.cause, dossier.label
            ));
        }
    }
    if !lot.suppressed.is_empty() || !lot.regraded.is_empty() {
        out.line(format!("{FINDING_INDENT}(the receiving side does not read the advisor file: this ARL ignores it)"));
    }
    for fallback in &lot.arl_fallbacks {
        out.line(printable(&format!("{FINDING_INDENT}written without the header: {fallback}")));
    }
}

/// The second verdict: whether the caisse can use the PJ when it pays, with each finding of a rule the
/// caisse decides and the public text behind the rule (none of them makes the ARL).
fn caisse_block(out: &mut Out, lot: &LotOutcome) {
    if lot.arl.is_none() && lot.findings.is_empty() && lot.not_evaluated.is_empty() {
        return;
    }
    out.blank();
    out.line(format!("{INDENT}{} (not part of the ARL)", lot.caisse_verdict().words()));
    for finding in lot.caisse_findings() {
        let place = location_text(&finding.location).unwrap_or_default();
        out.line(printable(&format!(
            "{FINDING_INDENT}{}[{}] {place}: {}",
            finding.severity, finding.rule, finding.message
        )));
        if let Some(source) = crate::summary::rule_source(finding.rule) {
            out.line(printable(&format!("{DETAIL_INDENT}source: {source}")));
        }
    }
}

/// `1 error, 2 warnings, 0 infos, 1 not evaluated`.
fn counts_line(summary: &Summary) -> String {
    format!(
        "{}, {}, {}, {} not evaluated",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
        summary.not_evaluated
    )
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 { format!("{count} {word}") } else { format!("{count} {word}s") }
}

fn run_footer(out: &mut Out, run: &Run) {
    let total = RunSummary::of(run);
    let lots = plural(total.lots, "lot");
    let counts = Summary {
        errors: total.errors,
        warnings: total.warnings,
        infos: total.infos,
        not_evaluated: total.not_evaluated,
    };
    out.line(format!(
        "total: {lots} ({} conformant, {} NOT conformant, {} not fully evaluated); {}",
        total.conformant,
        total.not_conformant,
        total.not_fully_evaluated,
        counts_line(&counts)
    ));
    out.line(format!(
        "{} {}, SCOR dictionary {} (checksum {})",
        run.tool.name,
        run.tool.version,
        run.dictionary.version_label(),
        run.dictionary.checksum
    ));
    if let Some(advisor) = &run.advisor {
        out.line(printable(&format!(
            "advisor file {} (sha256 {}): {}",
            advisor.file,
            advisor.sha256,
            plural(advisor.entries, "entry").replace("entrys", "entries")
        )));
        for warning in advisor.warnings() {
            let label = out.paint(severity_style(Severity::Warning), "warning");
            out.line(format!("{label}: {}", printable(&warning)));
        }
    }
}
