//! A return as received: an SMTP message (its Subject and attachments, a tar archive opened), a folder
//! or files in memory, read with the bounded readers of scor-lot and the limits of the dictionary.

use scor_dictionary::{Dictionary, Limit};
use scor_lot::files::{self, LotFile, ReadLimits, ReadLot, ReadProblem};
use scor_lot::mail::{self, MailLimits, MailProblem};
use scor_lot::{LotKind, ReadInput};
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
    /// Files the return holds but a reading limit kept from being read.
    pub unread: Vec<String>,
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

impl ReadingProblem {
    /// The problem, as a text of the catalogues.
    pub fn text(&self) -> scor_locale::Text {
        match self {
            Self::Message(problem) => problem.text(),
            Self::File(problem) => problem.text(),
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

/// Reads a return from `path`: a folder, a tar archive (`.tar`), or else an SMTP message, within the
/// limits. Only failing to open the path is an error.
pub fn read_path(dictionary: &Dictionary, path: &Path) -> io::Result<Received> {
    let input = path.display().to_string();
    Ok(match scor_lot::stored::read(path, LotKind::of(path)?, &mail_limits(dictionary))? {
        ReadInput::Files { kind, read } => {
            let source = if kind == LotKind::Archive { ReturnSource::Archive } else { ReturnSource::Folder };
            from_files(input, source, read, dictionary)
        }
        ReadInput::Mail(read) => message(input, read, dictionary),
    })
}

/// Reads a return given as an SMTP message in memory.
pub fn read_eml(dictionary: &Dictionary, input: String, raw: &[u8]) -> Received {
    message(input, mail::read_eml(raw, &mail_limits(dictionary)), dictionary)
}

/// A return given as (name, bytes) pairs, as if read from a folder.
pub fn read_files(dictionary: &Dictionary, input: String, named: Vec<(String, Vec<u8>)>) -> Received {
    let read = ReadLot { files: files::from_files(named), ..ReadLot::default() };
    from_files(input, ReturnSource::Files, read, dictionary)
}

fn message(input: String, read: mail::ReadMail, dictionary: &Dictionary) -> Received {
    // Transport problems (not multipart, not base64...) do not matter to a return; what matters is
    // whether the message could be read, and which files it carries.
    let problems = read
        .problems
        .into_iter()
        .filter_map(|problem| match problem {
            MailProblem::Unparseable | MailProblem::MessageTooLarge { .. } | MailProblem::TooManyParts { .. } => {
                Some(ReadingProblem::Message(problem))
            }
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
        unread: read.unread,
    };
    let opened = open_archives(read.files, dictionary);
    received.files = opened.files;
    received.problems.extend(opened.problems.into_iter().map(ReadingProblem::File));
    received.unread.extend(opened.unread);
    received
}

fn from_files(input: String, kind: ReturnSource, read: ReadLot, dictionary: &Dictionary) -> Received {
    let mut opened = open_archives(read.files, dictionary);
    let problems = read.problems.into_iter().chain(opened.problems).map(ReadingProblem::File).collect();
    let mut unread = read.unread;
    unread.append(&mut opened.unread);
    Received { input, kind, subject: None, message_id: None, files: opened.files, problems, unread }
}

/// Each tar archive among `files` replaced by its entries (one level: archives in archives stay files).
fn open_archives(files: Vec<LotFile>, dictionary: &Dictionary) -> ReadLot {
    let mut opened = ReadLot::default();
    for file in files {
        if is_tar(&file) {
            let mut read = files::read_tar(&file.bytes, &read_limits(dictionary));
            opened.files.append(&mut read.files);
            opened.problems.append(&mut read.problems);
            opened.unread.append(&mut read.unread);
        } else {
            opened.files.push(file);
        }
    }
    opened
}

fn is_tar_name(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".tar")
}

/// A tar archive by its name, or by the `ustar` magic of its first header.
fn is_tar(file: &LotFile) -> bool {
    is_tar_name(&file.name) || file.bytes.get(257..262) == Some(b"ustar".as_slice())
}
