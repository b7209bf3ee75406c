//! The text report, for people: per lot a verdict, findings by file with source excerpts, what was not
//! evaluated, the predicted ARL and counts; then totals, the tool and the dictionary.

use crate::excerpt::{self, printable};
use crate::format::Options;
use crate::summary::Summary;
use crate::words::{self, severity};
use anstyle::{AnsiColor, Style};
use scor_conformance::{LotOutcome, PredictedArl, Run, Source, Verdict};
use scor_dictionary::{Finding, Location, Severity};
use scor_locale::{Lang, Text, text};

/// Indentation of the blocks under a lot title.
const INDENT: &str = "  ";
/// Indentation of findings under their file.
const FINDING_INDENT: &str = "    ";
/// Indentation of a finding's location and excerpt.
const DETAIL_INDENT: &str = "      ";

/// The text report of `run`, in `options.lang`. With `options.color`, severities and verdicts carry
/// ANSI colours.
pub fn render(run: &Run, options: &Options) -> String {
    let mut out = Out { lines: Vec::new(), color: options.color, lang: options.lang };
    for lot in &run.lots {
        lot_section(&mut out, lot);
        out.blank();
    }
    run_footer(&mut out, run);
    let mut text = out.lines.join("\n");
    text.push('\n');
    text
}

/// The lines being written, whether to colour them, and their language.
struct Out {
    lines: Vec<String>,
    color: bool,
    lang: Lang,
}

impl Out {
    fn line(&mut self, line: impl Into<String>) {
        self.lines.push(line.into());
    }

    /// `text` in the report's language, indented, with control characters made visible.
    fn say(&mut self, indent: &str, text: Text) {
        let line = printable(&text.render(self.lang));
        self.lines.push(format!("{indent}{line}"));
    }

    fn blank(&mut self) {
        self.lines.push(String::new());
    }

    /// `text` in `style` when colouring, as is otherwise.
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color { format!("{style}{text}{style:#}") } else { text.to_owned() }
    }

    fn words(&self, text: Text) -> String {
        text.render(self.lang)
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
        let heading = printable(&words::file_or_lot(file, out.lang));
        out.line(format!("{INDENT}{heading}"));
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
    let counts = out.words(words::counts(&Summary::of(lot)));
    let suppressed = suppressed_count(out, lot.suppressed.len());
    out.line(format!("{INDENT}{counts}{suppressed}"));
}

/// `, 2 suppressed` when an advisor file suppressed findings; nothing otherwise.
fn suppressed_count(out: &Out, count: usize) -> String {
    if count == 0 { String::new() } else { out.words(text!("text-suppressed-count", count = count)) }
}

/// Under a finding an advisor entry re-graded: from which severity, by which entry, why, until when.
fn regraded_line(out: &mut Out, lot: &LotOutcome, finding: &Finding) {
    let index = lot.findings.iter().position(|f| std::ptr::eq(f, finding));
    let Some(regraded) = index.and_then(|index| lot.regrade_of(index)) else { return };
    let advice = &regraded.advice;
    let text = text!(
        "text-regraded",
        from = severity(regraded.from),
        entry = advice.to_string(),
        reason = advice.reason.as_str(),
        expires = advice.expires.as_str()
    );
    out.say(DETAIL_INDENT, text);
}

/// The findings an advisor file suppressed: still shown, never counted.
fn suppressed_block(out: &mut Out, lot: &LotOutcome) {
    if lot.suppressed.is_empty() {
        return;
    }
    out.blank();
    out.say(INDENT, text!("text-suppressed-heading"));
    for suppressed in &lot.suppressed {
        let finding = &suppressed.finding;
        let place = words::location(&finding.location, out.lang).unwrap_or_else(|| out.words(words::whole_lot()));
        let advice = &suppressed.advice;
        let text = text!(
            "text-suppressed-finding",
            severity = severity(finding.severity),
            rule = finding.rule,
            place = place,
            message = finding.text.clone()
        );
        out.say(FINDING_INDENT, text);
        let by = text!(
            "text-suppressed-by",
            entry = advice.to_string(),
            reason = advice.reason.as_str(),
            expires = advice.expires.as_str()
        );
        out.say(DETAIL_INDENT, by);
    }
}

fn lot_title(out: &mut Out, lot: &LotOutcome) {
    let verdict = lot.verdict();
    let verdict = out.paint(verdict_style(verdict), &out.words(words::verdict(verdict)));
    let title = out.words(text!("text-lot-title", input = printable(&lot.input), verdict = verdict));
    out.line(title);
    let kind = words::kind(lot.kind);
    match &lot.identification {
        Some(identification) => {
            out.say(INDENT, text!("text-lot-identification", kind = kind, identification = identification.as_str()))
        }
        None => out.say(INDENT, text!("text-lot-identification-unknown", kind = kind)),
    }
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
    let severity = out.words(severity(finding.severity));
    let label = out.paint(severity_style(finding.severity), &format!("{severity}[{}]", finding.rule));
    let message = printable(&finding.text.render(out.lang));
    out.line(format!("{FINDING_INDENT}{label}{}: {message}", about(finding)));
    let place = words::location(&finding.location, out.lang).filter(|_| !is_file_only(&finding.location));
    if let Some(place) = place {
        out.line(format!("{DETAIL_INDENT}--> {}", printable(&place)));
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
    out.say(INDENT, text!("text-not-evaluated-heading"));
    for item in &lot.not_evaluated {
        let file = words::file_or_lot(&item.file, out.lang);
        let text =
            text!("text-not-evaluated-item", file = file, checks = item.checks.clone(), reason = item.reason.clone());
        out.say(FINDING_INDENT, text);
        if !item.rules.is_empty() {
            out.say(DETAIL_INDENT, text!("text-rules", rules = item.rules.join(", ")));
        }
    }
}

fn arl_block(out: &mut Out, lot: &LotOutcome) {
    let Some(arl) = &lot.arl else { return };
    out.blank();
    let outcome = words::arl(lot, arl);
    out.say(INDENT, text!("text-predicted-arl", outcome = outcome, cause = arl.cause(), label = arl.label()));
    if let PredictedArl::DossierRejection { dossiers, .. } = arl {
        for dossier in dossiers {
            let text = text!(
                "text-rejected-dossier",
                dossier = format!("{:03}", dossier.dossier),
                file = dossier.file.as_str(),
                cause = dossier.cause,
                label = dossier.label
            );
            out.say(FINDING_INDENT, text);
        }
    }
    if !lot.suppressed.is_empty() || !lot.regraded.is_empty() {
        out.say(FINDING_INDENT, text!("text-arl-ignores-advisor"));
    }
    for fallback in &lot.arl_fallbacks {
        out.say(FINDING_INDENT, text!("text-arl-fallback", fallback = fallback.clone()));
    }
}

/// The second verdict: whether the caisse can use the PJ when it pays, with each finding of a rule the
/// caisse decides and the public text behind the rule (none of them makes the ARL).
fn caisse_block(out: &mut Out, lot: &LotOutcome) {
    if lot.arl.is_none() && lot.findings.is_empty() && lot.not_evaluated.is_empty() {
        return;
    }
    out.blank();
    out.say(INDENT, text!("text-caisse-verdict", verdict = words::caisse(lot.caisse_verdict())));
    for finding in lot.caisse_findings() {
        let place = words::location(&finding.location, out.lang).unwrap_or_default();
        let text = text!(
            "text-caisse-finding",
            severity = severity(finding.severity),
            rule = finding.rule,
            place = place,
            message = finding.text.clone()
        );
        out.say(FINDING_INDENT, text);
        if let Some(source) = crate::summary::rule_source(finding.rule) {
            out.say(DETAIL_INDENT, text!("text-rule-source", source = source));
        }
    }
}

fn run_footer(out: &mut Out, run: &Run) {
    out.say("", text!("text-total", totals = words::totals(run)));
    let text = text!(
        "text-tool",
        tool = run.tool.name,
        version = run.tool.version,
        dictionary = words::dictionary_version(run.dictionary),
        checksum = run.dictionary.checksum
    );
    out.say("", text);
    if let Some(advisor) = &run.advisor {
        let text = text!(
            "text-advisor-file",
            file = advisor.file.as_str(),
            sha256 = advisor.sha256.as_str(),
            entries = advisor.entries
        );
        out.say("", text);
        for warning in advisor.warnings() {
            let label = out.paint(severity_style(Severity::Warning), &out.words(severity(Severity::Warning)));
            let warning = printable(&warning.render(out.lang));
            out.line(format!("{label}: {warning}"));
        }
    }
}
