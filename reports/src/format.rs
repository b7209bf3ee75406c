//! The report formats a run can be rendered in, and the options rendering takes.

use scor_locale::Lang;
use std::fmt;
use std::str::FromStr;

/// A report format. More may come, so match with a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Text for people, see [`text`].
    Text,
    /// The JSON report document, see [`json`].
    Json,
    /// JUnit XML, see [`junit`].
    Junit,
    /// SARIF 2.1.0, see [`sarif`].
    Sarif,
    /// One self-contained HTML page, see [`html`].
    Html,
}

impl Format {
    /// Every format, in the order `--help` texts list them.
    pub const ALL: &'static [Format] = &[Format::Text, Format::Json, Format::Junit, Format::Sarif, Format::Html];

    /// The name used on the command line and in [`FromStr`]: `text`, `json`, `junit`, `sarif`, `html`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Junit => "junit",
            Format::Sarif => "sarif",
            Format::Html => "html",
        }
    }

    /// The usual file extension of a report in this format, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Json => "json",
            Format::Junit => "xml",
            Format::Sarif => "sarif",
            Format::Html => "html",
        }
    }

    /// Whether the report shows the PJ pages (their thumbnails): only the HTML page does.
    pub fn shows_pages(self) -> bool {
        self == Format::Html
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is none of [`Format::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Format::ALL.iter().map(|format| format.name()).collect();
        write!(f, "unknown report format `{}` (expected one of: {})", self.0, names.join(", "))
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Parses a format name, ignoring ASCII case.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .iter()
            .copied()
            .find(|format| format.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| UnknownFormat(name.to_owned()))
    }
}

/// How to render. Only the text format reads `color` today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Colour severities with ANSI escapes (text format). Leave off for files, pipes and tests.
    pub color: bool,
    /// The language of messages, headings and labels. Rule ids, elements and codes do not change with it.
    pub lang: Lang,
}
