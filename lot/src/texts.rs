//! The problems met reading a lot (its mail, its files, its envelopes) as texts of the catalogues, to
//! show people in their language; their `Display` stays the English of logs and errors.

use crate::cms::CmsError;
use crate::files::ReadProblem;
use crate::mail::MailProblem;
use scor_locale::{Text, text};

impl MailProblem {
    /// The problem, as a text of the catalogues.
    pub fn text(&self) -> Text {
        match self {
            Self::Unparseable => text!("mail-unparseable"),
            Self::NotMime => text!("mail-not-mime"),
            Self::NotMultipartMixed { found } => text!("mail-not-multipart-mixed", found = found),
            Self::NestedMultipart { index, content_type } => {
                text!("mail-nested-multipart", index = *index, content_type = content_type)
            }
            Self::AttachmentWithoutName { index } => text!("mail-attachment-without-name", index = *index),
            Self::NameWithPath { name, kept_as } => {
                text!("mail-name-with-path", name = format!("{name:?}"), kept_as = kept_as)
            }
            Self::DuplicateName { name } => text!("mail-duplicate-name", name = name),
            Self::NotBase64 { name, encoding } => text!("mail-not-base64", name = name, encoding = encoding),
            Self::NotOctetStream { name, content_type } => {
                text!("mail-not-octet-stream", name = name, content_type = content_type)
            }
            Self::BadEncoding { name } => text!("mail-bad-encoding", name = name),
            Self::NoAttachment => text!("mail-no-attachment"),
            Self::MessageTooLarge { limit } => text!("mail-too-large", limit = *limit),
            Self::TooManyParts { limit } => text!("mail-too-many-parts", limit = *limit),
            Self::Read(problem) => problem.text(),
        }
    }
}

impl ReadProblem {
    /// The problem, as a text of the catalogues; a system's error stays as it was given.
    pub fn text(&self) -> Text {
        match self {
            Self::TotalTooLarge { bytes_read_so_far, limit } => {
                text!("read-lot-too-large", limit = *limit, read = *bytes_read_so_far)
            }
            Self::FileTooLarge { name, limit } => text!("read-file-too-large", name = name, limit = *limit),
            Self::TooManyFiles { limit } => text!("read-too-many-files", limit = *limit),
            Self::NotAFile { name } => text!("read-not-a-file", name = name),
            Self::NameNotUtf8 { lossy } => text!("read-name-not-utf8", name = lossy),
            Self::Unreadable { name, error } => text!("read-unreadable", name = name, detail = Text::verbatim(error)),
            Self::ArchiveDamaged { error } => text!("read-archive-damaged", detail = Text::verbatim(error)),
        }
    }
}

impl CmsError {
    /// The error, as a text of the catalogues; the DER parser's or openssl's words stay as they were given.
    pub fn text(&self) -> Text {
        match self {
            Self::NotDer(detail) => text!("cms-not-der", detail = Text::verbatim(detail)),
            Self::NotCms { content_type } => text!("cms-not-enveloped", content_type = content_type.to_string()),
            Self::NoMatchingRecipient => text!("cms-no-matching-recipient"),
            Self::DecryptFailed(detail) => text!("cms-decrypt-failed", detail = Text::verbatim(detail)),
            Self::TooLarge { at_least, limit } => text!("cms-too-large", size = *at_least, limit = *limit),
        }
    }
}
