//! The SMTP message around a lot: MIME structure, one named base64 attachment per file, the lot's size
//! limits met while reading, `To:` equal to the routing address and `Subject:` naming the lot.

use super::Collector;
use scor_dictionary::{Check, Level, Limit, Location};
use scor_lot::files::ReadProblem;
use scor_lot::mail::{MailProblem, Transport};

/// Raises the finding of each problem met while reading the message.
pub fn problems(input: &str, problems: &[MailProblem], c: &mut Collector) {
    for problem in problems {
        let at = |name: &str| Location::file(name);
        let whole = || Location::file(input);
        match problem {
            MailProblem::Unparseable | MailProblem::NotMime => {
                c.raise(Check::MailUnreadable, Level::Header, whole(), problem.to_string());
            }
            MailProblem::NotMultipartMixed { .. } | MailProblem::NestedMultipart { .. } => {
                c.raise(Check::MailMultipart, Level::Header, whole(), problem.to_string());
            }
            MailProblem::AttachmentWithoutName { .. } | MailProblem::DuplicateName { .. } => {
                c.raise(Check::MailAttachmentName, Level::Header, whole(), problem.to_string());
            }
            MailProblem::NameWithPath { kept_as, .. } => {
                c.raise(Check::MailAttachmentName, Level::Header, at(kept_as), problem.to_string());
            }
            MailProblem::NotBase64 { name, .. }
            | MailProblem::NotOctetStream { name, .. }
            | MailProblem::BadEncoding { name } => {
                c.raise(Check::MailAttachmentType, Level::Header, at(name), problem.to_string());
            }
            MailProblem::NoAttachment => {
                c.raise(Check::MailNoAttachment, Level::Header, whole(), problem.to_string());
            }
            MailProblem::MessageTooLarge { .. } => {
                c.raise(Check::LotMessageSize, Level::Header, whole(), limited(problem, Limit::MessageMaxBytes));
            }
            MailProblem::TooManyParts { .. } => {
                c.raise(Check::LotMessageParts, Level::Header, whole(), limited(problem, Limit::MessageMaxParts));
            }
            MailProblem::Read(read) => read_problem(input, read, c),
        }
    }
}

/// Raises the finding of a problem met while reading the lot's files (folder, archive or attachments).
pub fn read_problem(input: &str, problem: &ReadProblem, c: &mut Collector) {
    match problem {
        ReadProblem::TotalTooLarge { .. } => {
            c.raise(Check::LotSize, Level::Header, Location::file(input), limited(problem, Limit::LotMaxBytes));
        }
        ReadProblem::TooManyFiles { .. } => {
            c.raise(Check::LotSize, Level::Header, Location::file(input), limited(problem, Limit::LotMaxFiles));
        }
        ReadProblem::FileTooLarge { name, .. } => {
            c.raise(Check::LotSize, Level::Header, Location::file(name), limited(problem, Limit::LotMaxBytes));
        }
        ReadProblem::NotAFile { name } | ReadProblem::Unreadable { name, .. } => {
            c.raise(Check::InventoryStray, Level::Header, Location::file(name), problem.to_string());
        }
        ReadProblem::NameNotUtf8 { lossy } => {
            c.raise(Check::InventoryStray, Level::Header, Location::file(lossy), problem.to_string());
        }
        ReadProblem::ArchiveDamaged { .. } => {
            c.raise(Check::MailUnreadable, Level::Header, Location::file(input), problem.to_string());
        }
    }
}

/// A problem met at a limit, naming the limit: `… (limit lot_max_bytes)`.
fn limited(problem: &impl std::fmt::Display, limit: Limit) -> String {
    format!("{problem} (limit {})", limit.as_str())
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
            c.raise(Check::MailTo, Level::Header, Location::file(input), message);
        }
    }
    if let Some(identification) = identification {
        let expected = format!("SCOR {identification}");
        let subject = transport.subject.as_deref().unwrap_or("");
        if subject.trim() != expected {
            let message = format!("Subject: is `{subject}`; expected `{expected}`");
            c.raise(Check::MailSubject, Level::Header, Location::file(input), message);
        }
    }
}
