//! `cargo xtask explain RULE` and `cargo xtask coverage SAMPLES…`: a rule in words, and which rules a
//! corpus of lots exercises. The work is in `scor_conformance::{explain, coverage}`; this is the glue.

use clap::{Args as ClapArgs, ValueEnum};
use scor_conformance::batch;
use scor_conformance::coverage::Coverage;
use scor_conformance::explain::Explanation;
use scor_conformance::{Config, Keys, LotOutcome};
use scor_dictionary::Dictionary;
use scor_kit::TaskError;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Clone, Copy, ValueEnum)]
pub enum Shape {
    Text,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExplainFormat {
    Text,
    Markdown,
}

#[derive(ClapArgs)]
pub struct ExplainArgs {
    /// The rule id (a row of rules.csv), e.g. FIELD-SPECIALITE.
    rule: String,
    /// text or markdown.
    #[arg(long, value_enum, default_value = "text")]
    format: ExplainFormat,
    /// Dictionary version (default: the newest).
    #[arg(long)]
    spec: Option<String>,
}

#[derive(ClapArgs)]
pub struct CoverageArgs {
    /// Lots, or folders of lots (as `conform` takes them).
    #[arg(required = true)]
    samples: Vec<PathBuf>,
    /// text, json or markdown.
    #[arg(long, value_enum, default_value = "text")]
    format: Shape,
    /// Dictionary version (default: the newest).
    #[arg(long)]
    spec: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

fn dictionary(spec: Option<&str>) -> Result<&'static Dictionary, TaskError> {
    match spec {
        Some(version) => scor_dictionary::dictionary(version)
            .ok_or_else(|| TaskError::from(format!("no dictionary version {version}"))),
        None => Ok(&scor_dictionary::applicable::DICTIONARY),
    }
}

fn config(root: &Path, dictionary: &'static Dictionary) -> Result<Config, TaskError> {
    let keys = Keys::test_pki(&root.join("test-pki")).map_err(TaskError::about("test-pki"))?;
    let (reveal_patient_data, plain, history) = (false, false, None);
    Ok(Config { dictionary, keys: Arc::new(keys), reveal_patient_data, plain, issued_at: 0, sequence: 1, history })
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

pub fn explain(root: &Path, args: &ExplainArgs) -> Result<(), TaskError> {
    let dictionary = dictionary(args.spec.as_deref())?;
    let config = Config { history: Some(scor_kit::lot_history::bundled(root)?), ..config(root, dictionary)? };
    let example = check_samples(&[root.join("examples/lot")], &config).ok().and_then(|mut lots| lots.pop());
    let explanation = Explanation::of(dictionary, &args.rule, Some(root), example.as_ref()).ok_or_else(|| {
        TaskError::from(format!("no rule {} in the SCOR dictionary {}", args.rule, dictionary.version))
    })?;
    match args.format {
        ExplainFormat::Markdown => print!("{}", explanation.markdown()),
        ExplainFormat::Text => print!("{}", explanation.text()),
    }
    Ok(())
}

pub fn coverage(root: &Path, args: &CoverageArgs) -> Result<(), TaskError> {
    let dictionary = dictionary(args.spec.as_deref())?;
    let samples = check_samples(&args.samples, &config(root, dictionary)?)?;
    let samples: Vec<&LotOutcome> = samples.iter().collect();
    let coverage = Coverage::of(dictionary, &samples);
    let text = match args.format {
        Shape::Text => coverage.text(),
        Shape::Markdown => coverage.markdown(),
        Shape::Json => serde_json::to_string_pretty(&coverage)? + "\n",
    };
    match &args.output {
        Some(path) => std::fs::write(path, text).map_err(TaskError::file(path))?,
        None => print!("{text}"),
    }
    Ok(())
}
