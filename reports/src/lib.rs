//! scor-reports: renders a conformance [`Run`] as text or an HTML page for people, or as JSON, JUnit XML
//! and SARIF 2.1.0 for CI. Every format reads the `Run` only: nothing is looked up, read from disk or unmasked.
//!
//! - [`text`]: per lot, findings by file with source excerpts, the predicted ARL, totals (optionally coloured).
//! - [`json`]: the report document described in `docs/report-json.md` (schema `docs/report.schema.json`).
//! - [`junit`]: one test suite per lot, one test case per rule of the dictionary.
//! - [`sarif`]: one SARIF 2.1.0 run, the dictionary's rules as the driver's rules.
//! - [`html`]: one self-contained page, per lot its files by dossier with page thumbnails and findings.
//! - [`evidence`]: every format plus a manifest of hashed inputs; the one module that reads and writes files.

pub mod evidence;
mod excerpt;
mod format;
pub mod html;
pub mod json;
pub mod junit;
pub mod sarif;
mod summary;
pub mod text;
pub mod words;

pub use format::{Format, Options, UnknownFormat};
pub use scor_conformance::Run;
pub use scor_locale::Lang;
pub use summary::{RunSummary, Summary};

/// The report of `run` in `format`, as the bytes to write out (UTF-8 for every format).
pub fn render(run: &Run, format: Format, options: &Options) -> Vec<u8> {
    match format {
        Format::Text => text::render(run, options).into_bytes(),
        Format::Json => json::render(run, options.lang).into_bytes(),
        Format::Junit => junit::render(run, options.lang).into_bytes(),
        Format::Sarif => sarif::render(run, options.lang).into_bytes(),
        Format::Html => html::render(run, options.lang).into_bytes(),
    }
}
