//! The error of a command (of `scor` or `cargo xtask`): what it prints after `error: `, before its exit code.

use std::error::Error;
use std::fmt::Display;
use std::io;
use std::path::PathBuf;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum TaskError {
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    File { path: PathBuf, source: io::Error },
    /// An error of a scor-kit crate or a tool, after what it is about (`test-pki`, a command...).
    #[error("{about}: {source}")]
    About { about: String, source: Box<dyn Error + Send + Sync> },
    #[error(transparent)]
    Codegen(#[from] scor_codegen::Error),
    #[error(transparent)]
    History(#[from] scor_answering::HistoryError),
    #[error(transparent)]
    Lot(#[from] scor_sender::BuildError),
    #[error(transparent)]
    Xml(#[from] scor_dictionary::WriteError),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Io(#[from] io::Error),
    /// A usage error or a problem of the repository, in words.
    #[error("{0}")]
    Message(String),
}

impl TaskError {
    /// For `map_err`: an I/O error on `path`.
    pub fn file(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> Self {
        let path = path.into();
        move |source| Self::File { path, source }
    }

    /// For `map_err`: an error about `about`.
    pub fn about<E: Error + Send + Sync + 'static>(about: impl Display) -> impl FnOnce(E) -> Self {
        let about = about.to_string();
        move |source| Self::About { about, source: Box::new(source) }
    }
}

impl From<String> for TaskError {
    fn from(message: String) -> Self {
        Self::Message(message)
    }
}

impl From<&str> for TaskError {
    fn from(message: &str) -> Self {
        Self::Message(message.to_owned())
    }
}
