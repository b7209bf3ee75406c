//! Why a PDF, or the XMP packet of its metadata, could not be read: the reason a finding or a skipped
//! clause gives.

use quick_xml::events::attributes::AttrError;
use scor_locale::{Lang, Text, text};

/// Why a file did not load as PDF, or its XMP packet did not decode or parse.
#[derive(Debug)]
pub enum ReadError {
    /// lopdf could not parse the file.
    Pdf(lopdf::Error),
    /// The file is larger than the checker reads.
    TooLarge {
        bytes: usize,
        max: usize,
    },
    /// An object stream decodes past the limit while the file is loaded.
    OverLimit {
        limit: usize,
    },
    /// lopdf panicked on the file.
    ParserGaveUp,
    XmpUtf8(std::string::FromUtf8Error),
    XmpUtf16(std::char::DecodeUtf16Error),
    XmpUtf32,
    Xml(quick_xml::Error),
    Doctype,
    Unclosed,
    NoRdf,
    UndeclaredPrefix(String),
    UnknownEntity(String),
    PropertyWithoutNamespace(String),
    Attribute(AttrError),
    AttributeValue(quick_xml::Error),
}

impl ReadError {
    /// Why, to render in any language; what a library said is quoted as it said it.
    pub fn text(&self) -> Text {
        let quoted = |e: &dyn std::fmt::Display| Text::verbatim(e.to_string());
        match self {
            Self::Pdf(e) => quoted(e),
            Self::TooLarge { bytes, max } => text!("pdfa-read-too-large", bytes = *bytes, max = *max),
            Self::OverLimit { limit } => text!("pdfa-read-over-limit", limit = *limit),
            Self::ParserGaveUp => text!("pdfa-read-parser-gave-up"),
            Self::XmpUtf8(e) => text!("pdfa-read-utf8", error = quoted(e)),
            Self::XmpUtf16(e) => text!("pdfa-read-utf16", error = quoted(e)),
            Self::XmpUtf32 => text!("pdfa-read-utf32"),
            Self::Xml(e) => text!("pdfa-read-xml", error = quoted(e)),
            Self::Doctype => text!("pdfa-read-doctype"),
            Self::Unclosed => text!("pdfa-read-unclosed"),
            Self::NoRdf => text!("pdfa-read-no-rdf"),
            Self::UndeclaredPrefix(prefix) => text!("pdfa-read-undeclared-prefix", prefix = prefix),
            Self::UnknownEntity(entity) => text!("pdfa-read-unknown-entity", entity = entity),
            Self::PropertyWithoutNamespace(property) => text!("pdfa-read-no-namespace", property = property),
            Self::Attribute(e) => text!("pdfa-read-attribute", error = quoted(e)),
            Self::AttributeValue(e) => text!("pdfa-read-attribute-value", error = quoted(e)),
        }
    }
}

/// In English; [`ReadError::text`] renders it in any language.
impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().render(Lang::En))
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Pdf(e) => e.source(),
            Self::XmpUtf8(e) => Some(e),
            Self::XmpUtf16(e) => Some(e),
            Self::Attribute(e) => Some(e),
            _ => None,
        }
    }
}

impl From<lopdf::Error> for ReadError {
    fn from(e: lopdf::Error) -> Self {
        Self::Pdf(e)
    }
}

impl From<std::string::FromUtf8Error> for ReadError {
    fn from(e: std::string::FromUtf8Error) -> Self {
        Self::XmpUtf8(e)
    }
}

impl From<std::char::DecodeUtf16Error> for ReadError {
    fn from(e: std::char::DecodeUtf16Error) -> Self {
        Self::XmpUtf16(e)
    }
}

impl From<AttrError> for ReadError {
    fn from(e: AttrError) -> Self {
        Self::Attribute(e)
    }
}
