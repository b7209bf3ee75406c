//! `scor arl analyze|sent` (and `cargo xtask arl`): the answering side. Classify a return (ARL or
//! service message), and record sent lots (with the PJ they carry) and retransmissions in a history.

use crate::error::TaskError;
use crate::lang::LangArg;
use clap::{Args as ClapArgs, Subcommand, ValueEnum};
use scor_answering::history::{History, SentLot};
use scor_answering::{AnalyzedReturn, Classification};
use scor_conformance::sent::SentFacts;
use scor_dictionary::latest::DICTIONARY;
use scor_locale::{Lang, Text, text};
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
    /// Record a lot as sent, read from its folder, .eml or tar archive: its Identification and the
    /// identifier of every PJ it carries (with --retransmits, as the retransmission of another lot).
    ///
    /// Exit code: 0 recorded; 1 refused (a lot can be retransmitted only once; lot already recorded;
    /// original unknown); 2 usage or I/O error, or a lot whose header cannot be read.
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
    #[command(flatten)]
    lang: LangArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Debug, ClapArgs)]
pub struct SentArgs {
    /// The lot sent: its folder, SMTP message (.eml) or tar archive. Text naming no file or folder is
    /// taken as the lot's Identification (EF_PA_001_01), recorded without PJ identifiers.
    lot: String,
    /// The Identification of the lot this one retransmits.
    #[arg(long)]
    retransmits: Option<String>,
    /// History database (SQLite, created if missing).
    #[arg(long)]
    history: PathBuf,
    #[command(flatten)]
    lang: LangArg,
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
        Format::Text => print!("{}", text(&answer, args.lang.resolve())),
        Format::Json => println!("{}", serde_json::to_string_pretty(&answer)?),
    }
    Ok(match answer.analysis.classification {
        Classification::Accepted { .. } => 0,
        Classification::Unreadable { .. } => 2,
        _ => 1,
    })
}

fn sent(args: &SentArgs) -> Result<u8, TaskError> {
    let facts = sent_facts(&args.lot)?;
    let mut history = open(&args.history)?;
    let lot = SentLot {
        identification: facts.identification,
        sent_at: now(),
        retransmits: args.retransmits.clone(),
        pjs: facts.pjs,
    };
    match history.record_sent(&lot) {
        Ok(()) => {
            print!("{}", recorded(&lot, args.lang.resolve()));
            Ok(0)
        }
        Err(scor_answering::HistoryError::Sqlite(error)) => Err(TaskError::about(args.history.display())(error)),
        Err(refused) => {
            eprintln!("refused: {refused}");
            Ok(1)
        }
    }
}

/// The lot's Identification and PJ identifiers, read from the lot at `lot`; or `lot` itself, an
/// Identification, when it names no file or folder and has neither a path separator nor an extension.
fn sent_facts(lot: &str) -> Result<SentFacts, TaskError> {
    let path = Path::new(lot);
    if path.exists() {
        return scor_conformance::sent::sent_facts(path, &DICTIONARY).map_err(TaskError::about("arl sent"));
    }
    if path.components().count() > 1 || path.extension().is_some() {
        return Err(format!("{lot}: no such lot (file or folder)").into());
    }
    Ok(SentFacts { identification: lot.to_owned(), pjs: Vec::new() })
}

/// What `arl sent` recorded, for people.
fn recorded(lot: &SentLot, lang: Lang) -> String {
    let (identification, pjs) = (lot.identification.as_str(), lot.pjs.len());
    let line = match &lot.retransmits {
        Some(original) => {
            text!("arl-cli-recorded-retransmission", lot = identification, original = original.as_str(), pjs = pjs)
        }
        None => text!("arl-cli-recorded", lot = identification, pjs = pjs),
    };
    let mut out = format!("{}\n", line.render(lang));
    for pj in &lot.pjs {
        out += &format!("  {pj}\n");
    }
    out
}

fn open(path: &Path) -> Result<History, TaskError> {
    History::open(path).map_err(TaskError::about(path.display()))
}

/// Seconds since the Unix epoch.
fn now() -> i64 {
    let elapsed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
}

/// The answer for people, in `lang`.
pub fn text(answer: &AnalyzedReturn, lang: Lang) -> String {
    let analysis = &answer.analysis;
    let mut lines = vec![text!("arl-cli-return", input = analysis.input.as_str())];
    if let Some(lot) = &analysis.lot {
        lines.push(text!("arl-cli-lot", lot = lot.as_str()));
    }
    lines.extend(classification(&analysis.classification));
    lines.push(text!("arl-cli-retransmission", answer = answer.retransmission.text()));
    let mut out: String = lines.iter().map(|line| line.render(lang) + "\n").collect();
    if !analysis.findings.is_empty() {
        out += &format!("{}\n", text!("arl-cli-findings", count = analysis.findings.len()).render(lang));
        for finding in &analysis.findings {
            let place = finding.location.to_string();
            let severity = scor_reports::words::severity(finding.severity);
            let line = text!(
                "arl-cli-finding",
                place = place,
                severity = severity,
                rule = finding.rule,
                message = finding.text.clone()
            );
            out += &format!("  {}\n", line.render(lang));
        }
    }
    out
}

fn classification(classification: &Classification) -> Vec<Text> {
    let mut out = match classification {
        Classification::Accepted { cause, label, action, .. } => {
            vec![text!("arl-cli-accepted", cause = *cause, label = *label), action_line(*action)]
        }
        Classification::HeaderRejection { cause, label, libelle, action, .. } => {
            let mut lines = vec![text!("arl-cli-header-rejection", cause = *cause, label = *label)];
            lines.extend(libelle.as_deref().filter(|l| l != label).map(|l| text!("arl-cli-libelle", libelle = l)));
            lines.push(action_line(*action));
            lines
        }
        Classification::DossierRejection { cause, label, dossiers, action, .. } => {
            let mut lines =
                vec![text!("arl-cli-dossier-rejection", count = dossiers.len(), cause = *cause, label = *label)];
            for dossier in dossiers {
                let (numero, file) = (dossier.numero.as_str(), dossier.file.as_str());
                let (cause, label) = (dossier.cause, dossier.label);
                lines.push(text!("arl-cli-dossier", numero = numero, file = file, cause = cause, label = label));
            }
            lines.push(action_line(*action));
            lines
        }
        Classification::ServiceMessageRejection { code, label, action, .. } => {
            vec![text!("arl-cli-service-message", code = *code, label = *label), action_line(*action)]
        }
        Classification::Unreadable { text, .. } => vec![text!("arl-cli-unreadable", reason = text.clone())],
    };
    out.push(text!("arl-cli-follows", source = classification.source()));
    out
}

fn action_line(action: scor_answering::Action) -> Text {
    text!("arl-cli-action", action = action.text())
}
