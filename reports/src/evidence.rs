//! Evidence of a run: the report in every format and a manifest (hashes and sizes of every input
//! file, tool, dictionary, advisor file, command line, time), and the check that the inputs are unchanged.

use crate::format::{Format, Options};
use scor_conformance::Run;
use scor_conformance::advisor::Advisor;
use scor_locale::{Lang, Text, text};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io;
use std::path::{Path, PathBuf};

/// The manifest's file name in an evidence folder.
pub const MANIFEST: &str = "manifest.json";

/// Version of the manifest's shape.
pub const MANIFEST_VERSION: u32 = 1;

/// Most files listed under one input path: a folder holding more is refused rather than walked forever.
const MAX_FILES: usize = 100_000;

/// What an evidence folder holds, as `manifest.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub manifest_version: u32,
    pub tool: ToolEntry,
    pub dictionary: DictionaryEntry,
    /// The command line, one argument per item.
    pub command_line: Vec<String>,
    /// When the run was made, `AAAA-MM-JJThh:mm:ssZ`.
    pub created: String,
    /// Every file of every input path (folders walked), in path order.
    pub inputs: Vec<FileEntry>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub advisor: Option<AdvisorEntry>,
    /// The reports written next to the manifest.
    pub reports: Vec<FileEntry>,
    /// Whether the reports show decrypted patient data (`--reveal-patient-data`).
    pub patient_data_revealed: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ToolEntry {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct DictionaryEntry {
    pub version: String,
    pub checksum: String,
}

/// A file: its path (as given, or inside an evidence folder), size and SHA-256.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileEntry {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// The advisor file of the run: the file itself and its entries.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct AdvisorEntry {
    pub file: FileEntry,
    pub entries: Vec<AdviceEntry>,
}

/// One entry of the advisor file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct AdviceEntry {
    pub line: u32,
    pub rule: String,
    pub action: String,
    pub reason: String,
    pub expires: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub dossier: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub xpath: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub clause: Option<String>,
}

/// What the evidence of a run is made of, besides the run itself.
#[derive(Debug)]
pub struct Context<'a> {
    /// The lot paths given to the run.
    pub inputs: &'a [PathBuf],
    pub advisor: Option<&'a Advisor>,
    pub command_line: Vec<String>,
    /// Seconds since 1970-01-01 UTC.
    pub created: i64,
    pub reveal_patient_data: bool,
    /// The language of the reports.
    pub lang: Lang,
}

/// Writes into `dir` the report of `run` in every format (`report.<extension>`) and `manifest.json`.
pub fn write(dir: &Path, run: &Run, context: &Context<'_>) -> io::Result<Manifest> {
    std::fs::create_dir_all(dir)?;
    let mut reports = Vec::new();
    for format in Format::ALL {
        let name = format!("report.{}", format.extension());
        let bytes = crate::render(run, *format, &Options { color: false, lang: context.lang });
        std::fs::write(dir.join(&name), &bytes)?;
        reports.push(entry_of_bytes(name, &bytes));
    }
    let mut inputs = Vec::new();
    for input in context.inputs {
        inputs.extend(files_under(input)?);
    }
    let advisor = context.advisor.map(advisor_entry).transpose()?;
    let manifest = Manifest {
        manifest_version: MANIFEST_VERSION,
        tool: ToolEntry { name: run.tool.name.to_owned(), version: run.tool.version.to_owned() },
        dictionary: DictionaryEntry {
            version: run.dictionary.version.to_owned(),
            checksum: run.dictionary.checksum.to_owned(),
        },
        command_line: context.command_line.clone(),
        created: format!("{}Z", scor_conformance::calendar::datetime(context.created)),
        inputs,
        advisor,
        reports,
        patient_data_revealed: context.reveal_patient_data,
    };
    let mut text = serde_json::to_string_pretty(&manifest).map_err(io::Error::other)?;
    text.push('\n');
    std::fs::write(dir.join(MANIFEST), text)?;
    Ok(manifest)
}

fn advisor_entry(advisor: &Advisor) -> io::Result<AdvisorEntry> {
    let entries = advisor
        .entries
        .iter()
        .map(|entry| AdviceEntry {
            line: entry.line,
            rule: entry.rule.clone(),
            action: entry.action.as_str().to_owned(),
            reason: entry.reason.clone(),
            expires: entry.expires.clone(),
            file: entry.file.clone(),
            dossier: entry.dossier,
            xpath: entry.xpath.clone(),
            clause: entry.clause.clone(),
        })
        .collect();
    Ok(AdvisorEntry { file: entry_of_file(Path::new(&advisor.file))?, entries })
}

/// Every file at or under `path`, sorted, each hashed.
fn files_under(path: &Path) -> io::Result<Vec<FileEntry>> {
    let mut paths = Vec::new();
    collect(path, &mut paths)?;
    paths.sort();
    paths.iter().map(|path| entry_of_file(path)).collect()
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let metadata = std::fs::symlink_metadata(path)?;
    if metadata.is_dir() {
        for entry in std::fs::read_dir(path)? {
            collect(&entry?.path(), out)?;
        }
    } else if metadata.is_file() {
        if out.len() >= MAX_FILES {
            return Err(io::Error::other(format!("more than {MAX_FILES} input files")));
        }
        out.push(path.to_owned());
    }
    Ok(())
}

/// The entry of the file at `path`, read in blocks.
fn entry_of_file(path: &Path) -> io::Result<FileEntry> {
    let (bytes, sha256) = hash_file(path)?;
    Ok(FileEntry { path: path.display().to_string(), bytes, sha256 })
}

fn entry_of_bytes(path: String, bytes: &[u8]) -> FileEntry {
    FileEntry { path, bytes: bytes.len() as u64, sha256: hex(&Sha256::digest(bytes)) }
}

/// Size and SHA-256 of the file at `path`.
pub fn hash_file(path: &Path) -> io::Result<(u64, String)> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut block = vec![0_u8; 64 * 1024];
    let mut bytes = 0_u64;
    loop {
        let read = file.read(&mut block)?;
        if read == 0 {
            break;
        }
        hasher.update(&block[..read]);
        bytes += read as u64;
    }
    Ok((bytes, hex(&hasher.finalize())))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A file of the manifest that is no longer as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// The file's content changed: size and SHA-256 now.
    Changed { path: String, bytes: u64, sha256: String },
    /// The file cannot be read any more.
    Missing { path: String, error: String },
}

impl Mismatch {
    /// What changed, in words.
    pub fn text(&self) -> Text {
        match self {
            Self::Changed { path, bytes, sha256 } => {
                text!("evidence-changed", path = path.as_str(), bytes = *bytes, sha256 = sha256.as_str())
            }
            Self::Missing { path, error } => text!("evidence-missing", path = path.as_str(), detail = error.as_str()),
        }
    }
}

/// What [`verify`] found: the files checked and those no longer as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verification {
    pub checked: usize,
    pub mismatches: Vec<Mismatch>,
}

/// Reads `dir/manifest.json` and hashes again every input file (paths as recorded, relative ones
/// from `working_dir`), the advisor file and the reports in `dir`.
pub fn verify(dir: &Path, working_dir: &Path) -> io::Result<Verification> {
    let text = std::fs::read_to_string(dir.join(MANIFEST))?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let recorded = manifest.inputs.iter().chain(manifest.advisor.iter().map(|a| &a.file)).map(|e| (e, working_dir));
    let reports = manifest.reports.iter().map(|e| (e, dir));
    let mut verification = Verification::default();
    for (entry, base) in recorded.chain(reports) {
        verification.checked += 1;
        match hash_file(&base.join(&entry.path)) {
            Ok((bytes, sha256)) if bytes == entry.bytes && sha256 == entry.sha256 => {}
            Ok((bytes, sha256)) => {
                verification.mismatches.push(Mismatch::Changed { path: entry.path.clone(), bytes, sha256 })
            }
            Err(error) => {
                verification.mismatches.push(Mismatch::Missing { path: entry.path.clone(), error: error.to_string() })
            }
        }
    }
    Ok(verification)
}
