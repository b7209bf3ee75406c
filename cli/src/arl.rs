//! `scor arl analyze|sent` (and `cargo xtask arl`): the answering side. Classify a return (ARL or
//! service message), and record sent lots and retransmissions in a history.

use crate::error::TaskError;
use clap::{Args as ClapArgs, Subcommand, ValueEnum};
use scor_answering::history::{History, SentLot};
use scor_answering::{AnalyzedReturn, Classification};
use scor_dictionary::latest::DICTIONARY;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

/// `analyze` or `sent`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Classify a return: accepted, header rejection, dossier rejection, service message or unreadable.
    ///
    /// Exit code: 0 accepted; 1 rejected (header, dossiers or service message); 2 unreadable return,
    /// usage or I/O error. The JSON format is described in docs/arl-analysis.md.
    Analyze(AnalyzeArgs),
    /// Record a lot as sent (with --retransmits, as the retransmission of another lot).
    ///
    /// Exit code: 0 recorded; 1 refused (a lot can be retransmitted only once; lot already recorded;
    /// original unknown); 2 usage or I/O error.
    Sent(SentArgs),
}

#[derive(Debug, ClapArgs)]
pub struct AnalyzeArgs {
    /// The return: an SMTP message (.eml), a tar archive, or a folder holding E-ARLSCANORDO.xml and
    /// D-ARLSCANORDO.xml.
    path: PathBuf,
    /// History database (SQLite, created if missing): records the return and says whether the lot
    /// may still be retransmitted.
    #[arg(long)]
    history: Option<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Debug, ClapArgs)]
pub struct SentArgs {
    /// The lot's Identification (EF_PA_001_01).
    lot: String,
    /// The Identification of the lot this one retransmits.
    #[arg(long)]
    retransmits: Option<String>,
    /// History database (SQLite, created if missing).
    #[arg(long)]
    history: PathBuf,
}

/// Runs the command with the exit codes its help gives.
pub fn run(command: Command) -> ExitCode {
    let result = match &command {
        Command::Analyze(args) => analyze(args),
        Command::Sent(args) => sent(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn analyze(args: &AnalyzeArgs) -> Result<u8, TaskError> {
    let received = scor_answering::read_path(&DICTIONARY, &args.path).map_err(TaskError::file(&args.path))?;
    let mut history = args.history.as_deref().map(open).transpose()?;
    let answer = scor_answering::analyze(&received, history.as_mut(), now())?;
    match args.format {
        Format::Text => print!("{}", text(&answer)),
        Format::Json => println!("{}", serde_json::to_string_pretty(&answer)?),
    }
    Ok(match answer.analysis.classification {
        Classification::Accepted { .. } => 0,
        Classification::Unreadable { .. } => 2,
        _ => 1,
    })
}

fn sent(args: &SentArgs) -> Result<u8, TaskError> {
    let mut history = open(&args.history)?;
    let lot = SentLot { identification: args.lot.clone(), sent_at: now(), retransmits: args.retransmits.clone() };
    match history.record_sent(&lot) {
        Ok(()) => {
            match &lot.retransmits {
                Some(original) => println!("recorded lot {} as the retransmission of {original}", lot.identification),
                None => println!("recorded lot {} as sent", lot.identification),
            }
            Ok(0)
        }
        Err(scor_answering::HistoryError::Sqlite(error)) => Err(TaskError::about(args.history.display())(error)),
        Err(refused) => {
            eprintln!("refused: {refused}");
            Ok(1)
        }
    }
}

fn open(path: &Path) -> Result<History, TaskError> {
    History::open(path).map_err(TaskError::about(path.display()))
}

/// Seconds since the Unix epoch.
fn now() -> i64 {
    let elapsed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
}

/// The answer for people.
pub fn text(answer: &AnalyzedReturn) -> String {
    let analysis = &answer.analysis;
    let mut out = format!("return {}\n", analysis.input);
    if let Some(lot) = &analysis.lot {
        out += &format!("lot: {lot}\n");
    }
    out += &classification(&analysis.classification);
    out += &format!("retransmission: {}\n", answer.retransmission.describe());
    if !analysis.findings.is_empty() {
        out += &format!("findings ({}):\n", analysis.findings.len());
        for finding in &analysis.findings {
            out += &format!("  {finding}\n");
        }
    }
    out
}

fn classification(classification: &Classification) -> String {
    let mut out = match classification {
        Classification::Accepted { cause, label, action, .. } => {
            format!("accepted: cause {cause} {label}\naction: {}\n", action.describe())
        }
        Classification::HeaderRejection { cause, label, libelle, action, .. } => {
            let libelle =
                libelle.as_deref().filter(|l| l != label).map(|l| format!("Libelle: {l}\n")).unwrap_or_default();
            format!("rejected on the header: cause {cause} {label}\n{libelle}action: {}\n", action.describe())
        }
        Classification::DossierRejection { cause, label, dossiers, action, .. } => {
            let mut out = format!("rejected on {} dossier(s): cause {cause} {label}\n", dossiers.len());
            for dossier in dossiers {
                out += &format!(
                    "  dossier {}: {} cause {} {}\n",
                    dossier.numero, dossier.file, dossier.cause, dossier.label
                );
            }
            out + &format!("action: {}\n", action.describe())
        }
        Classification::ServiceMessageRejection { code, label, action, .. } => {
            format!("rejected by a service message: code {code} {label}\naction: {}\n", action.describe())
        }
        Classification::Unreadable { reason, .. } => format!("unreadable: {reason}\n"),
    };
    out += &format!("follows: {}\n", classification.source());
    out
}
