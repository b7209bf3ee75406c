//! scor-reports: renders a conformance [`Run`] as text or an HTML page for people, or as JSON, JUnit XML
//! and SARIF 2.1.0 for CI. Every format reads the `Run` only: nothing is looked up, read from disk or unmasked.
//!
//! - [`text`]: per lot, findings by file with source excerpts, the predicted ARL, totals (optionally coloured).
//! - [`json`]: the report document described in `docs/report-json.md` (schema `docs/report.schema.json`).
//! - [`junit`]: one test suite per lot, one test case per rule of the dictionary.
//! - [`sarif`]: one SARIF 2.1.0 run, the dictionary's rules as the driver's rules.
//! - [`html`]: one self-contained page, per lot its files by dossier with page thumbnails and findings.

mod excerpt;
pub mod html;
pub mod json;
pub mod junit;
pub mod sarif;
mod summary;
pub mod text;

use std::fmt;
use std::str::FromStr;

pub use scor_conformance::Run;
pub use summary::{RunSummary, Summary};

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
}

/// The report of `run` in `format`, as the bytes to write out (UTF-8 for every format).
pub fn render(run: &Run, format: Format, options: &Options) -> Vec<u8> {
    match format {
        Format::Text => text::render(run, options).into_bytes(),
        Format::Json => json::render(run).into_bytes(),
        Format::Junit => junit::render(run).into_bytes(),
        Format::Sarif => sarif::render(run).into_bytes(),
        Format::Html => html::render(run).into_bytes(),
    }
}
