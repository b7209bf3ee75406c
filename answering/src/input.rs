//! A return as received: an SMTP message (its Subject and attachments, a tar archive opened), a folder
//! or files in memory, read with the bounded readers of scor-lot and the limits of the dictionary.

use scor_dictionary::{Dictionary, Limit};
use scor_lot::files::{self, LotFile, ReadLimits, ReadProblem};
use scor_lot::mail::{self, MailLimits, MailProblem};
use serde::Serialize;
use std::io;
use std::path::Path;

/// Where a return was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReturnSource {
    /// An SMTP message (`.eml`).
    Eml,
    /// A folder holding the ARL files.
    Folder,
    /// A tar archive holding the ARL files.
    Archive,
    /// Files given in memory.
    Files,
}

/// A return as received, before any check: what the classification reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The path or name the return was read from, as given.
    pub input: String,
    pub kind: ReturnSource,
    /// The message's Subject (messages only).
    pub subject: Option<String>,
    /// The message's Message-ID, without angle brackets (messages only).
    pub message_id: Option<String>,
    /// The files of the return, an attached tar archive replaced by its entries.
    pub files: Vec<LotFile>,
    /// What went wrong while reading; reading went on where it could.
    pub problems: Vec<ReadingProblem>,
}

/// A problem met while reading a return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadingProblem {
    /// The message could not be read at all (not an Internet message, or too large).
    Message(MailProblem),
    /// A file was left out (too large, not a file, damaged archive...).
    File(ReadProblem),
}

impl std::fmt::Display for ReadingProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Message(problem) => problem.fmt(f),
            Self::File(problem) => problem.fmt(f),
        }
    }
}

/// The caps of reading a return: those of a lot (`limits.csv`), an ARL being much smaller.
pub fn read_limits(dictionary: &Dictionary) -> ReadLimits {
    ReadLimits {
        max_total_bytes: dictionary.limit(Limit::LotMaxBytes),
        max_file_bytes: dictionary.limit(Limit::XmlMaxBytes),
        max_files: usize::try_from(dictionary.limit(Limit::LotMaxFiles)).unwrap_or(usize::MAX),
    }
}

fn mail_limits(dictionary: &Dictionary) -> MailLimits {
    MailLimits {
        max_message_bytes: dictionary.limit(Limit::MessageMaxBytes),
        max_parts: usize::try_from(dictionary.limit(Limit::MessageMaxParts)).unwrap_or(usize::MAX),
        files: read_limits(dictionary),
    }
}

/// Reads a return from `path`: a folder, a tar archive (`.tar`), or else an SMTP message.
/// Only failing to open the path is an error.
pub fn read_path(dictionary: &Dictionary, path: &Path) -> io::Result<Received> {
    let input = path.display().to_string();
    if path.is_dir() {
        let read = files::read_folder(path, &read_limits(dictionary))?;
        return Ok(from_files(input, ReturnSource::Folder, read.files, read.problems, dictionary));
    }
    if is_tar_name(&input) {
        let read = files::read_tar(&std::fs::read(path)?, &read_limits(dictionary));
        return Ok(from_files(input, ReturnSource::Archive, read.files, read.problems, dictionary));
    }
    let read = mail::read_eml_file(path, &mail_limits(dictionary))?;
    Ok(message(input, read, dictionary))
}

/// Reads a return given as an SMTP message in memory.
pub fn read_eml(dictionary: &Dictionary, input: String, raw: &[u8]) -> Received {
    message(input, mail::read_eml(raw, &mail_limits(dictionary)), dictionary)
}

/// A return given as (name, bytes) pairs, as if read from a folder.
pub fn read_files(dictionary: &Dictionary, input: String, named: Vec<(String, Vec<u8>)>) -> Received {
    from_files(input, ReturnSource::Files, files::from_files(named), Vec::new(), dictionary)
}

fn message(input: String, read: mail::ReadMail, dictionary: &Dictionary) -> Received {
    // Transport problems (not multipart, not base64...) do not matter to a return; what matters is
    // whether the message could be read, and which files it carries.
    let problems = read
        .problems
        .into_iter()
        .filter_map(|problem| match problem {
            MailProblem::Unparseable | MailProblem::MessageTooLarge { .. } => Some(ReadingProblem::Message(problem)),
            MailProblem::Read(problem) => Some(ReadingProblem::File(problem)),
            _ => None,
        })
        .collect();
    let mut received = Received {
        input,
        kind: ReturnSource::Eml,
        subject: read.transport.subject,
        message_id: read.transport.message_id,
        files: Vec::new(),
        problems,
    };
    let (files, problems) = open_archives(read.files, dictionary);
    received.files = files;
    received.problems.extend(problems.into_iter().map(ReadingProblem::File));
    received
}

fn from_files(
    input: String,
    kind: ReturnSource,
    files: Vec<LotFile>,
    problems: Vec<ReadProblem>,
    dictionary: &Dictionary,
) -> Received {
    let (files, more) = open_archives(files, dictionary);
    let problems = problems.into_iter().chain(more).map(ReadingProblem::File).collect();
    Received { input, kind, subject: None, message_id: None, files, problems }
}

/// Each tar archive among `files` replaced by its entries (one level: archives in archives stay files).
fn open_archives(files: Vec<LotFile>, dictionary: &Dictionary) -> (Vec<LotFile>, Vec<ReadProblem>) {
    let mut opened = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        if is_tar(&file) {
            let read = files::read_tar(&file.bytes, &read_limits(dictionary));
            opened.extend(read.files);
            problems.extend(read.problems);
        } else {
            opened.push(file);
        }
    }
    (opened, problems)
}

fn is_tar_name(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".tar")
}

/// A tar archive by its name, or by the `ustar` magic of its first header.
fn is_tar(file: &LotFile) -> bool {
    is_tar_name(&file.name) || file.bytes.get(257..262) == Some(b"ustar".as_slice())
}
