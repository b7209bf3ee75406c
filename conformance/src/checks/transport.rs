//! The SMTP message around a lot: MIME structure, one named base64 attachment per file, the lot's size
//! limits met while reading, `To:` equal to the routing address and `Subject:` naming the lot.

use super::Collector;
use scor_dictionary::{Level, Location};
use scor_lot::files::ReadProblem;
use scor_lot::mail::{MailProblem, Transport};

/// Raises the finding of each problem met while reading the message.
pub fn problems(input: &str, problems: &[MailProblem], c: &mut Collector) {
    for problem in problems {
        let at = |name: &str| Location::file(name);
        let whole = || Location::file(input);
        match problem {
            MailProblem::Unparseable | MailProblem::NotMime => {
                c.raise("mail-unreadable", Level::Header, whole(), problem.to_string());
            }
            MailProblem::NotMultipartMixed { .. } | MailProblem::NestedMultipart { .. } => {
                c.raise("mail-multipart", Level::Header, whole(), problem.to_string());
            }
            MailProblem::AttachmentWithoutName { .. } | MailProblem::DuplicateName { .. } => {
                c.raise("mail-attachment-name", Level::Header, whole(), problem.to_string());
            }
            MailProblem::NameWithPath { kept_as, .. } => {
                c.raise("mail-attachment-name", Level::Header, at(kept_as), problem.to_string());
            }
            MailProblem::NotBase64 { name, .. }
            | MailProblem::NotOctetStream { name, .. }
            | MailProblem::BadEncoding { name } => {
                c.raise("mail-attachment-type", Level::Header, at(name), problem.to_string());
            }
            MailProblem::NoAttachment => {
                c.raise("mail-no-attachment", Level::Header, whole(), problem.to_string());
            }
            MailProblem::MessageTooLarge { .. } => {
                c.raise("lot-message-size", Level::Header, whole(), problem.to_string());
            }
            MailProblem::Read(read) => read_problem(input, read, c),
        }
    }
}

/// Raises the finding of a problem met while reading the lot's files (folder, archive or attachments).
pub fn read_problem(input: &str, problem: &ReadProblem, c: &mut Collector) {
    match problem {
        ReadProblem::TotalTooLarge { .. } | ReadProblem::TooManyFiles { .. } => {
            c.raise("lot-size", Level::Header, Location::file(input), problem.to_string());
        }
        ReadProblem::FileTooLarge { name, .. } => {
            c.raise("lot-size", Level::Header, Location::file(name), problem.to_string());
        }
        ReadProblem::NotAFile { name } | ReadProblem::Unreadable { name, .. } => {
            c.raise("inventory-stray", Level::Header, Location::file(name), problem.to_string());
        }
        ReadProblem::NameNotUtf8 { lossy } => {
            c.raise("inventory-stray", Level::Header, Location::file(lossy), problem.to_string());
        }
        ReadProblem::ArchiveDamaged { .. } => {
            c.raise("mail-unreadable", Level::Header, Location::file(input), problem.to_string());
        }
    }
}

/// `To:` is the routing address of the header's Destinataire; `Subject:` is `SCOR <Identification>`.
pub fn addressing(
    input: &str,
    transport: &Transport,
    route: Option<&str>,
    identification: Option<&str>,
    c: &mut Collector,
) {
    if let Some(route) = route {
        let to_route = transport.to.iter().any(|to| to.eq_ignore_ascii_case(route));
        if !to_route || transport.to.len() != 1 {
            let message =
                format!("To: is `{}` but the header's Destinataire routes to `{route}`", transport.to.join(", "));
            c.raise("mail-to", Level::Header, Location::file(input), message);
        }
    }
    if let Some(identification) = identification {
        let expected = format!("SCOR {identification}");
        let subject = transport.subject.as_deref().unwrap_or("");
        if subject.trim() != expected {
            let message = format!("Subject: is `{subject}`; expected `{expected}`");
            c.raise("mail-subject", Level::Header, Location::file(input), message);
        }
    }
}
