//! `cargo xtask conform [PATH…]`: check lots (folders, `.eml`, tar archives, or folders of them) and
//! report every deviation, with the ARL the receiving side would send. Exit 0 every lot conformant,
//! 1 a lot not conformant, 2 usage or I/O error, 3 a lot not fully evaluated (and none not conformant).

use crate::error::TaskError;
use clap::Args as ClapArgs;
use indicatif::{ProgressBar, ProgressStyle};
use scor_conformance::batch::{self, StoredLot};
use scor_conformance::{Checked, Config, Keys, LotOutcome, Run, Tool, Verdict};
use scor_reports::{Format, Options};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(ClapArgs)]
pub struct Args {
    /// Lots to check: lot folders, SMTP messages (.eml), tar archives, or folders holding them.
    /// Without a path, checks the bundled example lot (examples/lot).
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
    /// Show decrypted patient data (NIR, birth date…) in findings. Off by default.
    #[arg(long)]
    reveal_patient_data: bool,
    /// Exit 0 for lots not fully evaluated (checks that could not run, listed in the report), instead of 3.
    /// The reports still say "not fully evaluated".
    #[arg(long)]
    accept_not_evaluated: bool,
    /// Plain text without colours, even on a terminal.
    #[arg(long)]
    no_color: bool,
}

/// Runs the command: 0 every lot conformant, 1 a lot not conformant, 2 usage or I/O error, 3 a lot not
/// fully evaluated and none not conformant (0 with `--accept-not-evaluated`).
pub fn run(root: &Path, args: &Args) -> ExitCode {
    match conform(root, args) {
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
fn run_verdict(lots: &[LotOutcome]) -> Verdict {
    let verdicts: Vec<Verdict> = lots.iter().map(LotOutcome::verdict).collect();
    [Verdict::NotConformant, Verdict::NotFullyEvaluated]
        .into_iter()
        .find(|worst| verdicts.contains(worst))
        .unwrap_or(Verdict::Conformant)
}

/// The verdict of the run, once its report is written.
fn conform(root: &Path, args: &Args) -> Result<Verdict, TaskError> {
    let config = config(root, args)?;
    let paths = if args.paths.is_empty() { vec![root.join("examples/lot")] } else { args.paths.clone() };
    let mut lots = Vec::new();
    for path in &paths {
        lots.extend(batch::discover(path, &config).map_err(TaskError::file(path))?);
    }
    let progress = progress_bar(lots.len());
    let results = batch::check_all(&lots, &config, || progress.inc(1));
    progress.finish_and_clear();
    let mut outcomes = Vec::new();
    for (lot, result) in lots.iter().zip(results) {
        let checked = result.map_err(TaskError::file(lot.path()))?;
        if let Some(dir) = &args.arl_out {
            write_arl(dir, lot, lots.len(), &checked)?;
        }
        outcomes.push(checked.outcome);
    }
    let verdict = run_verdict(&outcomes);
    let run = Run { tool: Tool::SCOR_KIT, dictionary: config.dictionary, lots: outcomes };
    let color = args.output.is_none() && !args.no_color && std::io::stdout().is_terminal();
    let report = scor_reports::render(&run, args.format, &Options { color });
    match &args.output {
        Some(path) => std::fs::write(path, report).map_err(TaskError::file(path))?,
        None => std::io::stdout().write_all(&report)?,
    }
    Ok(verdict)
}

fn config(root: &Path, args: &Args) -> Result<Config, TaskError> {
    let dictionary = match &args.spec {
        Some(version) => scor_dictionary::dictionary(version).ok_or_else(|| {
            let known: Vec<&str> = scor_dictionary::DICTIONARIES.iter().map(|d| d.version).collect();
            TaskError::from(format!("no dictionary version {version}; known: {}", known.join(", ")))
        })?,
        None => &scor_dictionary::applicable::DICTIONARY,
    };
    let keys = match (&args.cert, &args.key) {
        (Some(cert), Some(key)) => Keys::from_pem_files(cert, key).map_err(TaskError::about("--cert/--key"))?,
        _ => Keys::test_pki(&root.join("test-pki")).map_err(TaskError::about("test-pki"))?,
    };
    let keys = match &args.certs {
        Some(dir) => keys.with_certificates(dir).map_err(TaskError::file(dir))?,
        None => keys,
    };
    let issued_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    Ok(Config {
        dictionary,
        keys: Arc::new(keys),
        reveal_patient_data: args.reveal_patient_data,
        plain: args.plain,
        issued_at,
        sequence: 1,
    })
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
fn write_arl(dir: &Path, lot: &StoredLot, lots: usize, checked: &Checked) -> Result<(), TaskError> {
    let folder = if lots == 1 {
        dir.to_owned()
    } else {
        let stem = lot.path().file_stem().map_or_else(|| "lot".into(), |s| s.to_string_lossy().into_owned());
        dir.join(stem)
    };
    let arl = match &checked.arl {
        Ok(arl) => arl,
        Err(why) => {
            eprintln!("{}: no ARL written: {why}", lot.path().display());
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
