//! Why a PDF, or the XMP packet of its metadata, could not be read: the reason a finding or a skipped
//! clause gives.

use quick_xml::events::attributes::AttrError;

/// Why a file did not load as PDF, or its XMP packet did not decode or parse.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// lopdf could not parse the file.
    #[error(transparent)]
    Pdf(#[from] lopdf::Error),
    /// The file is larger than the checker reads.
    #[error("the file ({bytes} bytes) is larger than max_input_bytes ({max})")]
    TooLarge { bytes: usize, max: usize },
    /// An object stream decodes past the limit while the file is loaded.
    #[error("an object stream decodes past {limit} bytes")]
    OverLimit { limit: usize },
    /// lopdf panicked on the file.
    #[error("the PDF parser gave up on this file")]
    ParserGaveUp,
    #[error("the XMP packet is not valid UTF-8: {0}")]
    XmpUtf8(#[from] std::string::FromUtf8Error),
    #[error("the XMP packet is not valid UTF-16: {0}")]
    XmpUtf16(#[from] std::char::DecodeUtf16Error),
    #[error("the XMP packet is not valid UTF-32")]
    XmpUtf32,
    #[error("XML error: {0}")]
    Xml(quick_xml::Error),
    #[error("the XMP packet contains a DOCTYPE declaration")]
    Doctype,
    #[error("the XMP packet ends before all elements are closed")]
    Unclosed,
    #[error("the XMP packet has no rdf:RDF element")]
    NoRdf,
    #[error("namespace prefix {0} is not declared")]
    UndeclaredPrefix(String),
    #[error("unknown entity &{0};")]
    UnknownEntity(String),
    #[error("property {0} has no namespace")]
    PropertyWithoutNamespace(String),
    #[error("bad attribute: {0}")]
    Attribute(#[from] AttrError),
    #[error("bad attribute value: {0}")]
    AttributeValue(quick_xml::Error),
}
