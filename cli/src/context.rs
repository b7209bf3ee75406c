//! Where a command runs from: a checkout of the repository (`cargo xtask`), or anywhere (the installed
//! `scor`), and the defaults that follow (the folder of the spec tables, the PAIR's keys).

use std::path::PathBuf;

/// Where a command runs from: a checkout of the repository (`cargo xtask`), or anywhere (`scor`).
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The repository root, when run from a checkout.
    pub repository: Option<PathBuf>,
}

impl Context {
    /// Run by the installed binary: every default is compiled in.
    pub fn installed() -> Self {
        Self { repository: None }
    }

    /// The folder holding `spec/scor/` for `spec` commands: the repository, else the current folder.
    pub fn spec_root(&self) -> PathBuf {
        self.repository.clone().unwrap_or_else(|| PathBuf::from("."))
    }
}
