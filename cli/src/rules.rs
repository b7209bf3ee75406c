//! `scor explain RULE` and `scor coverage SAMPLES…`: a rule in words, and which rules a corpus of lots
//! exercises, as text or Markdown (coverage also JSON), in French or English.

use crate::conform::{self, Options};
use crate::error::TaskError;
use crate::lang::LangArg;
use clap::{Args as ClapArgs, ValueEnum};
use scor_conformance::coverage::Coverage;
use scor_conformance::explain::{Example, Explanation};
use scor_conformance::{Config, LotOutcome, batch};
use scor_dictionary::{DecidedBy, Scope};
use scor_locale::{Lang, Text, text};
use scor_reports::words::severity;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExplainFormat {
    Text,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CoverageFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, ClapArgs)]
pub struct ExplainArgs {
    /// The rule id (a row of rules.csv), e.g. FIELD-SPECIALITE.
    rule: String,
    /// text or markdown.
    #[arg(long, value_enum, default_value = "text")]
    format: ExplainFormat,
    /// Dictionary version (default: the applicable one).
    #[arg(long)]
    spec: Option<String>,
    /// A scor-kit checkout whose fixtures give the failing and passing examples (default: the
    /// repository `cargo xtask` runs from, else the current folder when it is one).
    #[arg(long)]
    repository: Option<PathBuf>,
    #[command(flatten)]
    lang: LangArg,
}

#[derive(Debug, ClapArgs)]
pub struct CoverageArgs {
    /// Lots, or folders of lots (as `conform` takes them).
    #[arg(required = true)]
    samples: Vec<PathBuf>,
    /// text, json or markdown.
    #[arg(long, value_enum, default_value = "text")]
    format: CoverageFormat,
    /// Dictionary version (default: the applicable one).
    #[arg(long)]
    spec: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    #[command(flatten)]
    lang: LangArg,
}

/// The checkout whose fixtures `explain` quotes: the one given, else the command's, else the current
/// folder when it holds the deviation fixtures.
fn repository(given: Option<&Path>, cx: &crate::Context) -> Option<PathBuf> {
    let here = PathBuf::from(".");
    given
        .map(Path::to_path_buf)
        .or_else(|| cx.repository.clone())
        .or_else(|| here.join("tests/conform").is_dir().then_some(here))
}

/// Runs `explain`: the rule in words on standard output.
pub fn explain(cx: &crate::Context, args: &ExplainArgs) -> Result<(), TaskError> {
    let config = conform::config(&Options { spec: args.spec.clone(), ..Options::default() })?;
    let repository = repository(args.repository.as_deref(), cx);
    let config = match &repository {
        Some(root) => Config { history: Some(crate::lot_history::bundled(root)?), ..config },
        None => config,
    };
    let example = scor_conformance::check_files_in_memory(
        crate::embedded::EXAMPLE_LOT_NAME.to_owned(),
        &crate::embedded::example_lot(),
        &config,
    );
    let lang = args.lang.resolve();
    let explanation = Explanation::of(config.dictionary, &args.rule, repository.as_deref(), Some(&example.outcome))
        .ok_or_else(|| {
            TaskError::from(
                text!("explain-no-rule", rule = args.rule.as_str(), version = config.dictionary.version).render(lang),
            )
        })?;
    print!("{}", explanation_text(&explanation, matches!(args.format, ExplainFormat::Markdown), lang));
    Ok(())
}

/// The explanation as plain text, or Markdown.
pub fn explanation_text(explanation: &Explanation, markdown: bool, lang: Lang) -> String {
    let rule = explanation.rule;
    let mut out = String::new();
    let (heading, item) = if markdown { ("# ", "- ") } else { ("", "  ") };
    let code = |text: &str| if markdown { format!("`{text}`") } else { text.to_owned() };
    let mut line = |text: Text| {
        let _ = writeln!(out, "{item}{}", text.render(lang));
    };
    let title = format!("{heading}{} — {}\n", code(rule.id), rule.description_in(lang));
    line(text!("explain-dictionary", version = explanation.version));
    line(text!("explain-severity", severity = severity(rule.severity)));
    line(text!("explain-check", check = code(rule.check.as_str()), scope = scope(rule.applies_to)));
    if let Some(element) = rule.element {
        line(text!("explain-element", element = code(element)));
    }
    line(text!("explain-provenance", provenance = rule.provenance.as_str(), source = rule.source));
    line(text!("explain-decided-by", decided_by = decided_by(explanation.decided_by)));
    if explanation.causes.is_empty() {
        line(text!("explain-no-cause", severity = severity(rule.severity)));
    }
    for (level, cause, label) in &explanation.causes {
        line(text!("explain-cause", level = *level, cause = code(cause), label = *label));
    }
    if explanation.limits.is_empty() {
        line(text!("explain-no-limit"));
    }
    for limit in &explanation.limits {
        let value = format!("{} {}", limit.value, limit.unit);
        let provenance = limit.provenance.as_str();
        line(text!(
            "explain-limit",
            name = code(limit.name),
            value = value,
            provenance = provenance,
            source = limit.source
        ));
    }
    line(example_line(text!("explain-failing"), explanation.failing.as_ref(), &code));
    line(example_line(text!("explain-passing"), explanation.passing.as_ref(), &code));
    let body = out;
    if markdown { format!("{title}\n{body}") } else { format!("{title}{body}") }
}

fn example_line(name: Text, example: Option<&Example>, code: &dyn Fn(&str) -> String) -> Text {
    match example {
        Some(example) => {
            text!("explain-example", name = name, place = code(&example.place), what = example.what.clone())
        }
        None => text!("explain-no-example", name = name),
    }
}

fn scope(scope: Scope) -> Text {
    match scope {
        Scope::Lot => text!("scope-lot"),
        Scope::Return => text!("scope-return"),
        Scope::History => text!("scope-history"),
    }
}

/// The scope of a rule in one word, for the coverage table.
fn scope_word(scope: Scope) -> Text {
    match scope {
        Scope::Lot => text!("coverage-scope-lot"),
        Scope::Return => text!("coverage-scope-return"),
        Scope::History => text!("coverage-scope-history"),
    }
}

fn decided_by(decided_by: DecidedBy) -> Text {
    match decided_by {
        DecidedBy::Pair => text!("decided-by-pair"),
        DecidedBy::Caisse => text!("decided-by-caisse"),
        DecidedBy::Ps => text!("decided-by-ps"),
    }
}

/// Runs `coverage`: the coverage of the samples, written to `--output` or standard output.
pub fn coverage(args: &CoverageArgs) -> Result<(), TaskError> {
    let config = conform::config(&Options { spec: args.spec.clone(), ..Options::default() })?;
    let samples = check_samples(&args.samples, &config)?;
    let samples: Vec<&LotOutcome> = samples.iter().collect();
    let coverage = Coverage::of(config.dictionary, &samples);
    let lang = args.lang.resolve();
    let text = match args.format {
        CoverageFormat::Text => coverage_text(&coverage, lang),
        CoverageFormat::Markdown => coverage_markdown(&coverage, lang),
        CoverageFormat::Json => serde_json::to_string_pretty(&coverage)? + "\n",
    };
    match &args.output {
        Some(path) => std::fs::write(path, text).map_err(TaskError::file(path))?,
        None => print!("{text}"),
    }
    Ok(())
}

/// Every lot under `paths`, checked.
fn check_samples(paths: &[PathBuf], config: &Config) -> Result<Vec<LotOutcome>, TaskError> {
    let mut lots = Vec::new();
    for path in paths {
        lots.extend(batch::discover(path, config).map_err(TaskError::file(path))?);
    }
    let results = batch::check_all(&lots, config, || {});
    lots.iter()
        .zip(results)
        .map(|(lot, result)| result.map(|c| c.outcome).map_err(TaskError::file(lot.path())))
        .collect()
}

/// Plain text: one line per rule, then the unexercised rules and the ARL causes.
pub fn coverage_text(coverage: &Coverage, lang: Lang) -> String {
    let mut out = String::new();
    let say = |t: Text| t.render(lang);
    let _ =
        writeln!(out, "{}", say(text!("coverage-title", samples = coverage.samples, version = coverage.dictionary)));
    for rule in &coverage.rules {
        let scope = say(scope_word(rule.applies_to));
        let counts = say(text!(
            "coverage-counts",
            raised = format!("{:>4}", rule.raised),
            passed = format!("{:>4}", rule.passed)
        ));
        let _ = writeln!(out, "  {:<28} {scope:<7} {counts}", rule.rule);
    }
    let unexercised = coverage.unexercised.join(", ");
    let _ = writeln!(
        out,
        "{}",
        say(text!("coverage-unexercised", count = coverage.unexercised.len(), rules = unexercised))
    );
    let causes: Vec<String> = coverage.arl_causes.iter().map(|(cause, n)| format!("{cause} ×{n}")).collect();
    let _ = writeln!(out, "{}", say(text!("coverage-causes", causes = causes.join(", "))));
    out
}

/// Markdown: a table of the rules, then the unexercised rules and the ARL causes.
pub fn coverage_markdown(coverage: &Coverage, lang: Lang) -> String {
    let mut out = String::new();
    let say = |t: Text| t.render(lang);
    let _ = writeln!(out, "# {}\n", say(text!("coverage-heading")));
    let _ = writeln!(
        out,
        "{}\n",
        say(text!("coverage-subtitle", samples = coverage.samples, version = coverage.dictionary))
    );
    let _ = writeln!(out, "{}\n|---|---|---:|---:|", say(text!("coverage-table-header")));
    for rule in &coverage.rules {
        let scope = say(scope_word(rule.applies_to));
        let _ = writeln!(out, "| `{}` | {scope} | {} | {} |", rule.rule, rule.raised, rule.passed);
    }
    let _ = writeln!(out, "\n## {}\n", say(text!("coverage-unexercised-heading", count = coverage.unexercised.len())));
    for rule in &coverage.unexercised {
        let _ = writeln!(out, "- `{rule}`");
    }
    let _ = writeln!(out, "\n## {}\n", say(text!("coverage-causes-heading")));
    let _ = writeln!(out, "{}\n|---|---:|", say(text!("coverage-causes-table-header")));
    for (cause, n) in &coverage.arl_causes {
        let _ = writeln!(out, "| {cause} | {n} |");
    }
    out
}
