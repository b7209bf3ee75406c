//! A lot as an SMTP message (`.eml`): read its transport headers and PJ attachments with bounded
//! sizes and problems as data, and write one (multipart/mixed, one base64 attachment per file).

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::date::Date;
use mail_builder::headers::message_id::MessageId;
use mail_builder::mime::{BodyPart, MimePart};
use mail_parser::{Message, MessageParser, MessagePart, MimeHeaders, PartType};

use crate::files::{LotFile, Origin, ReadLimits, ReadProblem, duplicate_names};

/// The MIME boundary written by [`write_eml`]: fixed so that output is deterministic; it cannot
/// occur in base64 text.
const BOUNDARY: &str = "=_scor-lot_boundary_=";

/// Caps for reading a message: the whole message, then its attachments as lot files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailLimits {
    /// Largest message (raw bytes, headers and encoding included) that is parsed.
    pub max_message_bytes: u64,
    /// Most MIME parts a message may have to be parsed, counted on the raw bytes beforehand.
    pub max_parts: usize,
    /// Caps on the decoded attachments.
    pub files: ReadLimits,
}

/// The transport facts of a message, as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Transport {
    pub to: Vec<String>,
    pub from: Vec<String>,
    pub subject: Option<String>,
    /// Without the angle brackets.
    pub message_id: Option<String>,
    /// Seconds since the Unix epoch, UTC.
    pub date: Option<i64>,
    /// `type/subtype` of the top-level part, lower case.
    pub root_content_type: Option<String>,
    pub parts: Vec<PartInfo>,
}

/// One MIME part of the message, whatever its role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartInfo {
    /// Position among the message's MIME parts (0 is the top level).
    pub index: usize,
    pub kind: PartKind,
    /// `type/subtype`, lower case; `None` when the header is missing.
    pub content_type: Option<String>,
    /// `attachment`, `inline`…, lower case.
    pub disposition: Option<String>,
    /// The file name exactly as given (never to be used as a path).
    pub filename: Option<String>,
    /// The Content-Transfer-Encoding as given.
    pub transfer_encoding: Option<String>,
    pub decoded_size: usize,
}

/// The role of a MIME part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// A multipart container.
    Multipart,
    /// A text body without a file name (not a lot file).
    Body,
    /// A leaf part with a file name, or a non-text part: a candidate lot file.
    Attachment,
    /// An embedded message (`message/rfc822`), kept whole as an attachment.
    NestedMessage,
}

/// Something wrong with the message as a SCOR transport; reading goes on where it can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailProblem {
    /// Not an Internet message at all.
    Unparseable,
    /// A message without a MIME Content-Type at the top level.
    NotMime,
    /// The top level is not `multipart/mixed`.
    NotMultipartMixed {
        found: String,
    },
    /// A multipart inside the top-level one; its leaves are taken as if at the top level.
    NestedMultipart {
        index: usize,
        content_type: String,
    },
    /// A non-body part with no file name; it is left out.
    AttachmentWithoutName {
        index: usize,
    },
    /// A file name holding a path, `..`, NUL, control characters or absolute; the file is kept as `kept_as`.
    NameWithPath {
        name: String,
        kept_as: String,
    },
    DuplicateName {
        name: String,
    },
    /// An attachment not encoded in base64 (`encoding` is the header as given, or `none`).
    NotBase64 {
        name: String,
        encoding: String,
    },
    NotOctetStream {
        name: String,
        content_type: String,
    },
    /// The transfer encoding could not be decoded cleanly.
    BadEncoding {
        name: String,
    },
    /// No attachment at all.
    NoAttachment,
    /// The message is larger than `limit` bytes; it was not parsed.
    MessageTooLarge {
        limit: u64,
    },
    /// The message may hold more than `limit` MIME parts (lines starting with `--`); it was not parsed.
    TooManyParts {
        limit: usize,
    },
    /// A size or count limit on the attachments.
    Read(ReadProblem),
}

impl fmt::Display for MailProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unparseable => write!(f, "not an Internet message"),
            Self::NotMime => write!(f, "not a MIME message"),
            Self::NotMultipartMixed { found } => write!(f, "top level is {found}, not multipart/mixed"),
            Self::NestedMultipart { index, content_type } => write!(f, "part {index}: nested {content_type}"),
            Self::AttachmentWithoutName { index } => write!(f, "part {index}: attachment without a file name"),
            Self::NameWithPath { name, kept_as } => write!(f, "{name:?}: file name holds a path (kept as {kept_as})"),
            Self::DuplicateName { name } => write!(f, "{name}: attached more than once"),
            Self::NotBase64 { name, encoding } => write!(f, "{name}: encoded as {encoding}, not base64"),
            Self::NotOctetStream { name, content_type } => {
                write!(f, "{name}: content type {content_type}, not application/octet-stream")
            }
            Self::BadEncoding { name } => write!(f, "{name}: transfer encoding could not be decoded"),
            Self::NoAttachment => write!(f, "no attachment"),
            Self::MessageTooLarge { limit } => write!(f, "message larger than {limit} bytes"),
            Self::TooManyParts { limit } => write!(f, "message with more than {limit} MIME parts"),
            Self::Read(problem) => problem.fmt(f),
        }
    }
}

/// A message as read: its transport facts, its attachments as lot files, and the problems met.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadMail {
    pub transport: Transport,
    pub files: Vec<LotFile>,
    pub problems: Vec<MailProblem>,
    /// Names of attachments whose content a limit kept from being read (at most `max_files`).
    pub unread: Vec<String>,
}

/// What goes in the headers of a message written by [`write_eml`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailHeaders {
    pub from: String,
    pub to: Vec<String>,
    pub subject: String,
    /// Seconds since the Unix epoch, UTC; `None` for now.
    pub date: Option<i64>,
    /// Without angle brackets; `None` for a generated one.
    pub message_id: Option<String>,
}

/// Reads an `.eml` file, reading at most `max_message_bytes + 1` bytes from disk.
pub fn read_eml_file(path: &Path, limits: &MailLimits) -> io::Result<ReadMail> {
    let file = File::open(path)?;
    if file.metadata()?.len() > limits.max_message_bytes {
        return Ok(too_large(limits));
    }
    let mut raw = Vec::new();
    file.take(limits.max_message_bytes.saturating_add(1)).read_to_end(&mut raw)?;
    Ok(read_eml(&raw, limits))
}

/// Reads a message held in memory.
pub fn read_eml(raw: &[u8], limits: &MailLimits) -> ReadMail {
    if raw.len() as u64 > limits.max_message_bytes {
        return too_large(limits);
    }
    if part_lines(raw) > limits.max_parts {
        return ReadMail {
            problems: vec![MailProblem::TooManyParts { limit: limits.max_parts }],
            ..ReadMail::default()
        };
    }
    match MessageParser::new().parse(raw) {
        Some(message) if !message.parts.is_empty() => read_message(&message, &limits.files),
        _ => ReadMail { problems: vec![MailProblem::Unparseable], ..ReadMail::default() },
    }
}

/// Lines starting with `--`: every MIME boundary is one, so this bounds the number of parts.
fn part_lines(raw: &[u8]) -> usize {
    usize::from(raw.starts_with(b"--"))
        + raw.windows(3).filter(|w| w[0] == b'\n' && w[1] == b'-' && w[2] == b'-').count()
}

fn too_large(limits: &MailLimits) -> ReadMail {
    ReadMail { problems: vec![MailProblem::MessageTooLarge { limit: limits.max_message_bytes }], ..ReadMail::default() }
}

fn read_message(message: &Message<'_>, limits: &ReadLimits) -> ReadMail {
    let mut reader = AttachmentReader::new(limits);
    let mut transport = transport_headers(message);
    check_root(message, &mut reader.problems);
    for (index, part) in message.parts.iter().enumerate() {
        let info = part_info(index, part);
        reader.take_part(&info, part);
        transport.parts.push(info);
    }
    reader.finish(transport)
}

fn transport_headers(message: &Message<'_>) -> Transport {
    let root = message.root_part();
    Transport {
        to: message.all_to().flat_map(addresses).collect(),
        from: message.from().into_iter().flat_map(addresses).collect(),
        subject: message.subject().map(str::to_owned),
        message_id: message.message_id().map(str::to_owned),
        date: message.date().map(|d| d.to_timestamp()),
        root_content_type: root.content_type().map(mime_type),
        parts: Vec::new(),
    }
}

fn addresses(list: &mail_parser::Address<'_>) -> Vec<String> {
    list.iter().filter_map(|a| a.address()).map(str::to_owned).collect()
}

fn mime_type(ct: &mail_parser::ContentType<'_>) -> String {
    match ct.subtype() {
        Some(sub) => format!("{}/{}", ct.ctype(), sub).to_ascii_lowercase(),
        None => ct.ctype().to_ascii_lowercase(),
    }
}

fn check_root(message: &Message<'_>, problems: &mut Vec<MailProblem>) {
    match message.root_part().content_type().map(mime_type) {
        None => problems.push(MailProblem::NotMime),
        Some(found) if found != "multipart/mixed" => problems.push(MailProblem::NotMultipartMixed { found }),
        Some(_) => {}
    }
}

fn part_info(index: usize, part: &MessagePart<'_>) -> PartInfo {
    let content_type = part.content_type().map(mime_type);
    let disposition = part.content_disposition().map(|d| d.ctype().to_ascii_lowercase());
    let filename = part.attachment_name().map(str::to_owned);
    let kind = match &part.body {
        PartType::Multipart(_) => PartKind::Multipart,
        PartType::Message(_) => PartKind::NestedMessage,
        _ if is_body(content_type.as_deref(), disposition.as_deref(), filename.as_deref()) => PartKind::Body,
        _ => PartKind::Attachment,
    };
    PartInfo {
        index,
        kind,
        content_type,
        disposition,
        filename,
        transfer_encoding: part.content_transfer_encoding().map(str::to_owned),
        decoded_size: part.len(),
    }
}

/// A text part without a file name that is not declared an attachment is a message body.
fn is_body(content_type: Option<&str>, disposition: Option<&str>, filename: Option<&str>) -> bool {
    let text = content_type.is_none_or(|ct| ct.starts_with("text/"));
    text && filename.is_none() && disposition != Some("attachment")
}

/// Collects attachments as lot files within the limits.
struct AttachmentReader<'a> {
    limits: &'a ReadLimits,
    files: Vec<LotFile>,
    problems: Vec<MailProblem>,
    attachments_seen: usize,
    total: u64,
    stopped: bool,
    unread: Vec<String>,
}

impl<'a> AttachmentReader<'a> {
    fn new(limits: &'a ReadLimits) -> Self {
        Self {
            limits,
            files: Vec::new(),
            problems: Vec::new(),
            attachments_seen: 0,
            total: 0,
            stopped: false,
            unread: Vec::new(),
        }
    }

    fn take_part(&mut self, info: &PartInfo, part: &MessagePart<'_>) {
        match info.kind {
            PartKind::Body => {}
            PartKind::Multipart if info.index == 0 => {}
            PartKind::Multipart => self.problems.push(MailProblem::NestedMultipart {
                index: info.index,
                content_type: info.content_type.clone().unwrap_or_default(),
            }),
            PartKind::Attachment | PartKind::NestedMessage => self.take_attachment(info, part),
        }
    }

    fn take_attachment(&mut self, info: &PartInfo, part: &MessagePart<'_>) {
        self.attachments_seen += 1;
        let Some(name) = self.file_name(info) else {
            return self.problems.push(MailProblem::AttachmentWithoutName { index: info.index });
        };
        self.check_encoding(&name, info, part);
        if self.stopped || !self.fits(&name, info.decoded_size as u64) {
            if self.unread.len() < self.limits.max_files {
                self.unread.push(name);
            }
            return;
        }
        self.total += info.decoded_size as u64;
        let content_type = info.content_type.clone().unwrap_or_default();
        let origin = Origin::MimePart { index: info.index, content_type };
        self.files.push(LotFile { name, bytes: part.contents().to_vec(), origin });
    }

    /// The name to keep the file under, reporting a name that holds a path.
    fn file_name(&mut self, info: &PartInfo) -> Option<String> {
        let raw = info.filename.as_deref().filter(|n| !n.is_empty())?;
        if is_plain_name(raw) {
            return Some(raw.to_owned());
        }
        let kept_as = sanitised_name(raw);
        self.problems.push(MailProblem::NameWithPath { name: raw.to_owned(), kept_as: kept_as.clone() });
        Some(kept_as)
    }

    fn check_encoding(&mut self, name: &str, info: &PartInfo, part: &MessagePart<'_>) {
        let encoding = info.transfer_encoding.as_deref().unwrap_or("none");
        if !encoding.trim().eq_ignore_ascii_case("base64") {
            self.problems.push(MailProblem::NotBase64 { name: name.to_owned(), encoding: encoding.to_owned() });
        }
        let content_type = info.content_type.as_deref().unwrap_or("none");
        if content_type != "application/octet-stream" {
            let content_type = content_type.to_owned();
            self.problems.push(MailProblem::NotOctetStream { name: name.to_owned(), content_type });
        }
        if part.is_encoding_problem {
            self.problems.push(MailProblem::BadEncoding { name: name.to_owned() });
        }
    }

    /// Whether one more file of `size` bytes fits the limits; reports and stops when not.
    fn fits(&mut self, name: &str, size: u64) -> bool {
        if self.attachments_seen > self.limits.max_files {
            self.read_problem(ReadProblem::TooManyFiles { limit: self.limits.max_files });
            self.stopped = true;
            return false;
        }
        if size > self.limits.max_file_bytes {
            self.read_problem(ReadProblem::FileTooLarge { name: name.to_owned(), limit: self.limits.max_file_bytes });
            return false;
        }
        if self.total.saturating_add(size) > self.limits.max_total_bytes {
            let limit = self.limits.max_total_bytes;
            self.read_problem(ReadProblem::TotalTooLarge { bytes_read_so_far: self.total, limit });
            self.stopped = true;
            return false;
        }
        true
    }

    fn read_problem(&mut self, problem: ReadProblem) {
        self.problems.push(MailProblem::Read(problem));
    }

    fn finish(mut self, transport: Transport) -> ReadMail {
        for name in duplicate_names(&self.files) {
            self.problems.push(MailProblem::DuplicateName { name });
        }
        if self.attachments_seen == 0 {
            // A message with nothing attached is answered for that, whatever its structure.
            self.problems.retain(|p| !matches!(p, MailProblem::NotMultipartMixed { .. }));
            self.problems.push(MailProblem::NoAttachment);
        }
        ReadMail { transport, files: self.files, problems: self.problems, unread: self.unread }
    }
}

/// A name that can safely be a file name: no path separator, no `..`, no NUL or control
/// character, not absolute (no drive letter either).
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !name.contains("..") && !name.chars().any(|c| matches!(c, '/' | '\\' | ':') || c.is_control())
}

/// `name` made plain: separators, `:` and control characters become `_`, and so does each `..`.
pub fn sanitised_name(name: &str) -> String {
    let mapped: String =
        name.chars().map(|c| if matches!(c, '/' | '\\' | ':') || c.is_control() { '_' } else { c }).collect();
    let plain = mapped.replace("..", "__");
    if plain.is_empty() { "_".to_owned() } else { plain }
}

/// Writes a lot as an SMTP message: multipart/mixed with one base64 `application/octet-stream`
/// attachment per file, named by its file name. Deterministic given a date and a message id.
pub fn write_eml(headers: &MailHeaders, files: &[LotFile]) -> Vec<u8> {
    let attachments: Vec<MimePart<'_>> = files.iter().map(attachment).collect();
    let body = MimePart::new(ContentType::new("multipart/mixed").attribute("boundary", BOUNDARY), attachments);
    let to: Vec<Address<'_>> = headers.to.iter().map(|a| Address::new_address(None::<&str>, a.as_str())).collect();
    let mut builder = MessageBuilder::new()
        .from(Address::new_address(None::<&str>, headers.from.as_str()))
        .to(Address::new_list(to))
        .subject(headers.subject.as_str())
        .body(body);
    if let Some(date) = headers.date {
        builder = builder.date(Date::new(date));
    }
    if let Some(id) = &headers.message_id {
        builder = builder.message_id(MessageId::new(id.as_str()));
    }
    let mut out = Vec::new();
    builder.serialize(&mut out);
    out
}

fn attachment(file: &LotFile) -> MimePart<'_> {
    MimePart::new("application/octet-stream", BodyPart::Binary(file.bytes.as_slice().into()))
        .attachment(file.name.as_str())
}
