//! Errors of the generator: table mistakes located as `spec/…/file.csv:LINE: message`, I/O, and
//! stale generated files in check mode.

use std::fmt;
use std::path::PathBuf;

/// A mistake in a spec table, at a line of a file (path relative to the repository root).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// A place in a table, kept on every row so later stages can point back at it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct At {
    pub file: String,
    pub line: usize,
}

impl At {
    pub fn new(file: &str, line: usize) -> Self {
        Self { file: file.to_owned(), line }
    }

    pub fn error(&self, message: impl Into<String>) -> SpecError {
        SpecError { file: self.file.clone(), line: self.line, message: message.into() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{} mistake(s) in the spec tables:\n{}", .0.len(), list(.0))]
    Spec(Vec<SpecError>),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("generated files are stale:\n{}\nrun `cargo xtask codegen` and commit the result", .0.join("\n"))]
    Stale(Vec<String>),
}

fn list(errors: &[SpecError]) -> String {
    errors.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n")
}

pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.into();
    move |source| Error::Io { path, source }
}
