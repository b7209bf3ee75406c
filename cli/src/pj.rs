//! `scor pj FILE.pdf`: one PDF checked as a PJ alone, the way the conformance checks see each PJ of a
//! lot: its size, PDF/A-1b clause by clause and scan quality, reported in any format of `conform`.

use crate::conform::{self, Options};
use crate::error::TaskError;
use scor_conformance::{Run, Tool, Verdict};
use scor_reports::Format;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The PDF to check.
    path: PathBuf,
    /// Report format: text, json, junit, sarif or html.
    #[arg(long, short, default_value = "text")]
    format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Dictionary version whose limits and thresholds apply (default: the newest).
    #[arg(long)]
    spec: Option<String>,
    /// Plain text without colours, even on a terminal.
    #[arg(long)]
    no_color: bool,
    #[command(flatten)]
    lang: crate::lang::LangArg,
}

/// Runs the command: 0 conformant, 1 not conformant, 2 usage or I/O error, 3 not fully evaluated.
pub fn run(args: &Args) -> ExitCode {
    match check(args) {
        Ok(Verdict::Conformant) => ExitCode::SUCCESS,
        Ok(Verdict::NotConformant) => ExitCode::from(1),
        Ok(Verdict::NotFullyEvaluated) => ExitCode::from(3),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn check(args: &Args) -> Result<Verdict, TaskError> {
    let config = conform::config(&Options { spec: args.spec.clone(), ..Options::default() })?;
    let pdf = read_within(&args.path, config.dictionary)?;
    let run = check_pdf(args.path.display().to_string(), &pdf, &config);
    let verdict = conform::run_verdict(&run.lots);
    conform::write_report(&run, args.format, args.output.as_deref(), args.no_color, args.lang.resolve())?;
    Ok(verdict)
}

/// The run of one PDF checked as a PJ named `input`.
pub fn check_pdf(input: String, pdf: &[u8], config: &scor_conformance::Config) -> Run {
    let outcome = scor_conformance::check_pj(input, pdf, config);
    Run { tool: Tool::SCOR_KIT, dictionary: config.dictionary, lots: vec![outcome], advisor: None }
}

/// The file's bytes, refused beyond the largest lot (`lot_max_bytes`): no PJ can be larger.
fn read_within(path: &std::path::Path, dictionary: &scor_dictionary::Dictionary) -> Result<Vec<u8>, TaskError> {
    use std::io::Read;
    let limit = dictionary.limit(scor_dictionary::Limit::LotMaxBytes);
    let file = std::fs::File::open(path).map_err(TaskError::file(path))?;
    let mut pdf = Vec::new();
    file.take(limit + 1).read_to_end(&mut pdf).map_err(TaskError::file(path))?;
    if pdf.len() as u64 > limit {
        return Err(format!("{}: larger than a lot can be ({limit} bytes)", path.display()).into());
    }
    Ok(pdf)
}
