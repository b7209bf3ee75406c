//! `scor conform [PATH…]` (and `cargo xtask conform`): check lots (folders, `.eml`, tar archives, or
//! folders of them) and report every deviation, with the ARL the receiving side would send. Exit 0 every
//! lot conformant, 1 a lot not conformant, 2 usage or I/O error, 3 a lot not fully evaluated.

use crate::embedded;
use crate::error::TaskError;
use crate::lang::LangArg;
use clap::Args as ClapArgs;
use indicatif::{ProgressBar, ProgressStyle};
use scor_conformance::advisor::Advisor;
use scor_conformance::batch;
use scor_conformance::{AdvisorOutcome, Checked, Config, Keys, LotHistory, LotOutcome, Run, Tool, Verdict};
use scor_locale::{Lang, text};
use scor_reports::{Format, Options as ReportOptions, evidence};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Lots to check: lot folders, SMTP messages (.eml), tar archives, or folders holding them.
    /// Without a path, checks the example lot compiled in (examples/lot of the repository).
    paths: Vec<PathBuf>,
    /// Report format: text, json, junit or sarif.
    #[arg(long, short, default_value = "text")]
    format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Write the predicted ENTARLSCANORDO and ARLSCANORDO of each lot under this folder.
    #[arg(long)]
    arl_out: Option<PathBuf>,
    /// The organism's certificate (PEM) to decrypt with, instead of the test PKI.
    #[arg(long, requires = "key")]
    cert: Option<PathBuf>,
    /// The organism's private key (PEM) to decrypt with, instead of the test PKI.
    #[arg(long, requires = "cert")]
    key: Option<PathBuf>,
    /// A folder of the organisms' public certificates, one `<routing address>.der` (or `.pem`) each,
    /// as SESAM-Vitale client packages ship them: envelopes are checked against them (recipient,
    /// validity, sizes); what needs the private key is not evaluated.
    #[arg(long)]
    certs: Option<PathBuf>,
    /// The lots are given before sealing: a folder of the LPS's plain files (`D-nnn.xml`,
    /// `P-nnn-iii.pdf`); every check of the content runs, the encryption is not evaluated.
    #[arg(long)]
    plain: bool,
    /// Dictionary version to check against (default: the version the seeds call applicable, `status =
    /// "applicable"` in its version.toml). Reports write a modelled version as `2.14 (modelled)`.
    #[arg(long)]
    spec: Option<String>,
    /// The history `cargo xtask arl sent` and `arl analyze --history` keep (SQLite): the lot's
    /// Identification must not be that of a lot already accepted (5105), and each EXTERNE piece must
    /// refer to a PJ of a lot accepted (positive ARL).
    #[arg(long)]
    history: Option<PathBuf>,
    /// Show decrypted patient data (NIR, birth date…) in findings. Off by default.
    #[arg(long)]
    reveal_patient_data: bool,
    /// Exit 0 for lots not fully evaluated (checks that could not run, listed in the report), instead of 3.
    /// The reports still say "not fully evaluated".
    #[arg(long)]
    accept_not_evaluated: bool,
    /// The advisor file: entries that suppress or re-grade findings of a rule, each with a reason and an
    /// expiry date. Default: `scor-advisor.toml` in the working directory, when there is one.
    #[arg(long)]
    advisor: Option<PathBuf>,
    /// Also write evidence of the run into this folder: the report in every format and `manifest.json`
    /// (SHA-256 and size of every input file, tool, dictionary, advisor file, command line, time).
    /// `cargo xtask verify-evidence DIR` checks the inputs against it later.
    #[arg(long)]
    evidence: Option<PathBuf>,
    /// Plain text without colours, even on a terminal.
    #[arg(long)]
    no_color: bool,
    #[command(flatten)]
    lang: LangArg,
}

/// The arguments of `verify-evidence`.
#[derive(Debug, ClapArgs)]
pub struct VerifyArgs {
    /// The evidence folder, holding manifest.json.
    dir: PathBuf,
    #[command(flatten)]
    lang: LangArg,
}

/// `verify-evidence DIR`: 0 every file as recorded, 1 a file changed or missing (each named), 2 no
/// readable manifest.
pub fn verify_evidence(args: &VerifyArgs) -> ExitCode {
    let (dir, lang) = (args.dir.as_path(), args.lang.resolve());
    let working_dir = std::env::current_dir().unwrap_or_default();
    let folder = dir.display().to_string();
    match evidence::verify(dir, &working_dir) {
        Ok(verification) if verification.mismatches.is_empty() => {
            let checked = verification.checked;
            println!("{}", text!("evidence-as-recorded", folder = folder, files = checked).render(lang));
            ExitCode::SUCCESS
        }
        Ok(verification) => {
            for mismatch in &verification.mismatches {
                println!("{}", mismatch.text().render(lang));
            }
            let (changed, checked) = (verification.mismatches.len(), verification.checked);
            let line = text!("evidence-not-as-recorded", folder = folder, changed = changed, files = checked);
            println!("{}", line.render(lang));
            ExitCode::from(1)
        }
        Err(error) => {
            eprintln!("error: {}: {error}", dir.join(evidence::MANIFEST).display());
            ExitCode::from(2)
        }
    }
}

/// Runs the command: 0 every lot conformant, 1 a lot not conformant, 2 usage or I/O error, 3 a lot not
/// fully evaluated and none not conformant (0 with `--accept-not-evaluated`).
pub fn run(args: &Args) -> ExitCode {
    match conform(args) {
        Ok(Verdict::Conformant) => ExitCode::SUCCESS,
        Ok(Verdict::NotConformant) => ExitCode::from(1),
        Ok(Verdict::NotFullyEvaluated) if args.accept_not_evaluated => ExitCode::SUCCESS,
        Ok(Verdict::NotFullyEvaluated) => ExitCode::from(3),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// The verdict of the run: not conformant if a lot is, else not fully evaluated if a lot is.
pub fn run_verdict(lots: &[LotOutcome]) -> Verdict {
    let verdicts: Vec<Verdict> = lots.iter().map(LotOutcome::verdict).collect();
    [Verdict::NotConformant, Verdict::NotFullyEvaluated]
        .into_iter()
        .find(|worst| verdicts.contains(worst))
        .unwrap_or(Verdict::Conformant)
}

/// The verdict of the run, once its report is written.
fn conform(args: &Args) -> Result<Verdict, TaskError> {
    let config = config(&Options::of(args))?;
    // Thumbnails only for a report that shows the pages (the evidence folder holds an HTML one).
    let shown = args.format.shows_pages() || args.evidence.is_some();
    let config = Config { thumbnails: config.thumbnails && shown, ..config };
    // An empty folder: scor-advisor.toml of the working directory, named relatively in reports.
    let advisor = match Advisor::locate(args.advisor.as_deref(), Path::new("")) {
        Some(path) => {
            Some(Advisor::read(&path, config.dictionary).map_err(|error| TaskError::from(error.to_string()))?)
        }
        None => None,
    };
    let checked = if args.paths.is_empty() { vec![example(&config)] } else { stored(&args.paths, &config)? };
    let several = checked.len() > 1;
    let mut outcomes = Vec::new();
    for (name, checked) in checked {
        if let Some(dir) = &args.arl_out {
            write_arl(dir, &name, several, &checked)?;
        }
        outcomes.push(checked.outcome);
    }
    let today = Advisor::day_of(config.issued_at);
    let advised = advisor.as_ref().map(|advisor| advisor.apply(&mut outcomes, &today));
    let lang = args.lang.resolve();
    let warning = text!("severity-warning").render(lang);
    for advice in advised.iter().flat_map(AdvisorOutcome::warnings) {
        eprintln!("{warning}: {}", advice.render(lang));
    }
    let verdict = run_verdict(&outcomes);
    let run = Run { tool: Tool::SCOR_KIT, dictionary: config.dictionary, lots: outcomes, advisor: advised };
    if let Some(dir) = &args.evidence {
        let context = evidence::Context {
            inputs: &args.paths,
            advisor: advisor.as_ref(),
            command_line: std::env::args().collect(),
            created: config.issued_at,
            reveal_patient_data: args.reveal_patient_data,
            lang,
        };
        evidence::write(dir, &run, &context).map_err(TaskError::file(dir))?;
    }
    write_report(&run, args.format, args.output.as_deref(), args.no_color, lang)?;
    Ok(verdict)
}

/// Renders `run` in `format` to `output`, or to standard output (in colour on a terminal unless
/// `no_color`).
pub(crate) fn write_report(
    run: &Run,
    format: scor_reports::Format,
    output: Option<&std::path::Path>,
    no_color: bool,
    lang: Lang,
) -> Result<(), TaskError> {
    let color = output.is_none() && !no_color && std::io::stdout().is_terminal();
    let report = scor_reports::render(run, format, &ReportOptions { color, lang });
    match output {
        Some(path) => std::fs::write(path, report).map_err(TaskError::file(path))?,
        None => std::io::stdout().write_all(&report)?,
    }
    Ok(())
}

/// The example lot compiled in, checked as the folder it was built from.
fn example(config: &Config) -> (String, Checked) {
    let name = embedded::EXAMPLE_LOT_NAME.to_owned();
    (name.clone(), scor_conformance::check_files_in_memory(name, &embedded::example_lot(), config))
}

/// Every lot under `paths`, checked in parallel with a progress bar; each with the name of its ARL folder.
fn stored(paths: &[PathBuf], config: &Config) -> Result<Vec<(String, Checked)>, TaskError> {
    let mut lots = Vec::new();
    for path in paths {
        lots.extend(batch::discover(path, config).map_err(TaskError::file(path))?);
    }
    let progress = progress_bar(lots.len());
    let results = batch::check_all(&lots, config, || progress.inc(1));
    progress.finish_and_clear();
    let mut checked = Vec::new();
    for (lot, result) in lots.iter().zip(results) {
        let stem = lot.path().file_stem().map_or_else(|| "lot".into(), |s| s.to_string_lossy().into_owned());
        checked.push((stem, result.map_err(TaskError::file(lot.path()))?));
    }
    Ok(checked)
}

/// What a check needs besides the lot: the options of `conform`, `pdfa` and `serve`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub spec: Option<String>,
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
    pub certs: Option<PathBuf>,
    pub plain: bool,
    pub reveal_patient_data: bool,
    /// The history of lots (`--history`), SQLite as `arl sent` and `arl analyze --history` keep it.
    pub history: Option<PathBuf>,
}

impl Options {
    fn of(args: &Args) -> Self {
        Self {
            spec: args.spec.clone(),
            cert: args.cert.clone(),
            key: args.key.clone(),
            certs: args.certs.clone(),
            plain: args.plain,
            reveal_patient_data: args.reveal_patient_data,
            history: args.history.clone(),
        }
    }
}

/// The dictionary version `spec` names (without one, the version the seeds call applicable).
pub fn dictionary(spec: Option<&str>) -> Result<&'static scor_dictionary::Dictionary, TaskError> {
    match spec {
        Some(version) => scor_dictionary::dictionary(version).ok_or_else(|| {
            let known: Vec<&str> = scor_dictionary::DICTIONARIES.iter().map(|d| d.version).collect();
            TaskError::from(format!("no dictionary version {version}; known: {}", known.join(", ")))
        }),
        None => Ok(&scor_dictionary::applicable::DICTIONARY),
    }
}

/// The configuration of the checks: dictionary, keys (`--cert`/`--key`, else the test PKI compiled
/// in), public certificates, and whether patient data may be shown.
pub fn config(args: &Options) -> Result<Config, TaskError> {
    let dictionary = dictionary(args.spec.as_deref())?;
    let keys = match (&args.cert, &args.key) {
        (Some(cert), Some(key)) => Keys::from_pem_files(cert, key).map_err(TaskError::about("--cert/--key"))?,
        _ => embedded::test_keys(),
    };
    let keys = match &args.certs {
        Some(dir) => keys.with_certificates(dir).map_err(TaskError::file(dir))?,
        None => keys,
    };
    let issued_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    Ok(Config {
        reveal_patient_data: args.reveal_patient_data,
        thumbnails: args.reveal_patient_data,
        plain: args.plain,
        history: history(args.history.as_deref())?,
        ..Config::new(dictionary, Arc::new(keys), issued_at)
    })
}

/// The history of lots, when one is given; it must exist.
fn history(path: Option<&Path>) -> Result<Option<Arc<dyn LotHistory>>, TaskError> {
    let Some(path) = path else { return Ok(None) };
    let history = scor_conformance::SharedHistory::open(path).map_err(TaskError::about("--history"))?;
    Ok(Some(Arc::new(history)))
}

/// A progress bar on a terminal when several lots are checked; hidden otherwise.
fn progress_bar(lots: usize) -> ProgressBar {
    if lots < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(lots as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} lots {elapsed}") {
        bar.set_style(style);
    }
    bar
}

/// The ARL files of a lot in `dir` (one lot) or `dir/<lot name>/` (several).
fn write_arl(dir: &std::path::Path, name: &str, several: bool, checked: &Checked) -> Result<(), TaskError> {
    let folder = if several { dir.join(name) } else { dir.to_owned() };
    let arl = match &checked.arl {
        Ok(arl) => arl,
        Err(why) => {
            eprintln!("{}: no ARL written: {why}", checked.outcome.input);
            return Ok(());
        }
    };
    std::fs::create_dir_all(&folder).map_err(TaskError::file(&folder))?;
    for (name, text) in [(&arl.header_name, &arl.header), (&arl.diagnostic_name, &arl.diagnostic)] {
        let path = folder.join(name);
        std::fs::write(&path, text).map_err(TaskError::file(&path))?;
    }
    Ok(())
}
