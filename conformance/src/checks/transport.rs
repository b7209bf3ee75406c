//! The SMTP message around a lot: MIME structure, one named base64 attachment per file, the lot's size
//! limits met while reading, `To:` equal to the routing address and `Subject:` naming the lot.

use super::Collector;
use scor_dictionary::{Check, Level, Limit, Location};
use scor_locale::{Text, text};
use scor_lot::files::ReadProblem;
use scor_lot::mail::{MailProblem, Transport};

/// Raises the finding of each problem met while reading the message.
pub fn problems(input: &str, problems: &[MailProblem], c: &mut Collector) {
    for problem in problems {
        let at = |name: &str| Location::file(name);
        let whole = || Location::file(input);
        match problem {
            MailProblem::Unparseable | MailProblem::NotMime => {
                c.raise(Check::MailUnreadable, Level::Header, whole(), problem.text());
            }
            MailProblem::NotMultipartMixed { .. } | MailProblem::NestedMultipart { .. } => {
                c.raise(Check::MailMultipart, Level::Header, whole(), problem.text());
            }
            MailProblem::AttachmentWithoutName { .. } | MailProblem::DuplicateName { .. } => {
                c.raise(Check::MailAttachmentName, Level::Header, whole(), problem.text());
            }
            MailProblem::NameWithPath { kept_as, .. } => {
                c.raise(Check::MailAttachmentName, Level::Header, at(kept_as), problem.text());
            }
            MailProblem::NotBase64 { name, .. }
            | MailProblem::NotOctetStream { name, .. }
            | MailProblem::BadEncoding { name } => {
                c.raise(Check::MailAttachmentType, Level::Header, at(name), problem.text());
            }
            MailProblem::NoAttachment => {
                c.raise(Check::MailNoAttachment, Level::Header, whole(), problem.text());
            }
            MailProblem::MessageTooLarge { .. } => {
                c.raise(Check::LotMessageSize, Level::Header, whole(), limited(problem.text(), Limit::MessageMaxBytes));
            }
            MailProblem::TooManyParts { .. } => {
                c.raise(
                    Check::LotMessageParts,
                    Level::Header,
                    whole(),
                    limited(problem.text(), Limit::MessageMaxParts),
                );
            }
            MailProblem::Read(read) => read_problem(input, read, c),
        }
    }
}

/// Raises the finding of a problem met while reading the lot's files (folder, archive or attachments).
pub fn read_problem(input: &str, problem: &ReadProblem, c: &mut Collector) {
    match problem {
        ReadProblem::TotalTooLarge { .. } => {
            c.raise(Check::LotSize, Level::Header, Location::file(input), limited(problem.text(), Limit::LotMaxBytes));
        }
        ReadProblem::TooManyFiles { .. } => {
            c.raise(Check::LotSize, Level::Header, Location::file(input), limited(problem.text(), Limit::LotMaxFiles));
        }
        ReadProblem::FileTooLarge { name, .. } => {
            c.raise(Check::LotSize, Level::Header, Location::file(name), limited(problem.text(), Limit::LotMaxBytes));
        }
        ReadProblem::NotAFile { name } | ReadProblem::Unreadable { name, .. } => {
            c.raise(Check::InventoryStray, Level::Header, Location::file(name), problem.text());
        }
        ReadProblem::NameNotUtf8 { lossy } => {
            c.raise(Check::InventoryStray, Level::Header, Location::file(lossy), problem.text());
        }
        ReadProblem::ArchiveDamaged { .. } => {
            c.raise(Check::MailUnreadable, Level::Header, Location::file(input), problem.text());
        }
    }
}

/// A problem met at a limit, naming the limit: `… (limit lot_max_bytes)`.
fn limited(problem: Text, limit: Limit) -> Text {
    text!("at-limit", problem = problem, limit = limit.as_str())
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
            let message = text!("mail-to", to = transport.to.join(", "), route = route);
            c.raise(Check::MailTo, Level::Header, Location::file(input), message);
        }
    }
    if let Some(identification) = identification {
        let expected = format!("SCOR {identification}");
        let subject = transport.subject.as_deref().unwrap_or("");
        if subject.trim() != expected {
            let message = text!("mail-subject", subject = subject, expected = expected);
            c.raise(Check::MailSubject, Level::Header, Location::file(input), message);
        }
    }
}
