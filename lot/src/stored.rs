//! Where a lot is stored (a folder of files, an SMTP message, a tar archive) and reading it from there
//! within the limits, so that the kind a lot is found as is the kind it is read as.

use crate::files::{self, LotFile, ReadLot};
use crate::mail::{self, MailLimits, ReadMail, Transport};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// How a lot is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LotKind {
    /// A folder holding the lot's files.
    Folder,
    /// An SMTP message (`.eml`) carrying the files as attachments.
    Eml,
    /// A tar archive holding the files, read as a virtual folder.
    Archive,
    /// Not a lot: one PJ (a PDF) checked alone.
    Pj,
}

impl LotKind {
    /// The kind of the lot at `path`: a folder, a tar archive (`.tar`), or else an SMTP message.
    pub fn of(path: &Path) -> io::Result<Self> {
        if std::fs::metadata(path)?.is_dir() {
            Ok(Self::Folder)
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("tar")) {
            Ok(Self::Archive)
        } else {
            Ok(Self::Eml)
        }
    }
}

/// A lot as read from where it is stored.
#[derive(Debug)]
pub enum ReadInput {
    /// A folder or a tar archive: its files and the problems met reading them.
    Files { kind: LotKind, read: ReadLot },
    /// An SMTP message: its files, headers and problems.
    Mail(ReadMail),
}

impl ReadInput {
    pub fn kind(&self) -> LotKind {
        match self {
            Self::Files { kind, .. } => *kind,
            Self::Mail(_) => LotKind::Eml,
        }
    }

    /// The lot's files, in the order they were read.
    pub fn files(&self) -> &[LotFile] {
        match self {
            Self::Files { read, .. } => &read.files,
            Self::Mail(mail) => &mail.files,
        }
    }

    /// Names of files the lot holds but a limit kept from being read.
    pub fn unread(&self) -> &[String] {
        match self {
            Self::Files { read, .. } => &read.unread,
            Self::Mail(mail) => &mail.unread,
        }
    }

    /// The message's headers, for a lot sent as an SMTP message.
    pub fn transport(&self) -> Option<&Transport> {
        match self {
            Self::Files { .. } => None,
            Self::Mail(mail) => Some(&mail.transport),
        }
    }
}

/// Reads the lot stored at `path` as `kind`. Only what cannot be opened at all is an error; every
/// problem met inside the lot is in the result.
pub fn read(path: &Path, kind: LotKind, limits: &MailLimits) -> io::Result<ReadInput> {
    Ok(match kind {
        LotKind::Folder => ReadInput::Files { kind, read: files::read_folder(path, &limits.files)? },
        LotKind::Archive => ReadInput::Files { kind, read: read_tar_file(path, limits)? },
        LotKind::Eml => ReadInput::Mail(mail::read_eml_file(path, limits)?),
        LotKind::Pj => return Err(io::Error::new(io::ErrorKind::InvalidInput, "a PJ alone is no lot")),
    })
}

/// Reads a tar archive from disk, at most `max_message_bytes + 1` bytes of it (an archive carries what
/// a message would), then its entries as [`files::read_tar`] does.
pub fn read_tar_file(path: &Path, limits: &MailLimits) -> io::Result<ReadLot> {
    let mut archive = Vec::new();
    File::open(path)?.take(limits.max_message_bytes.saturating_add(1)).read_to_end(&mut archive)?;
    Ok(files::read_tar(&archive, &limits.files))
}
