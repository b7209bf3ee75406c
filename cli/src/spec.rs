//! `scor spec` (and `cargo xtask spec`): the dictionary versions of spec/: start a version from another (`new`), check
//! every table (`check`), and list what changed between two versions (`diff`), breaking or not.

use crate::context::Context;
use crate::error::TaskError;
use clap::{Args as ClapArgs, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Folder holding spec/scor/ (default: the repository under `cargo xtask`, else the current folder).
    #[arg(long, global = true)]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start version VERSION as a copy of the tables of version FROM; edit it, then `cargo xtask codegen`.
    New {
        version: String,
        #[arg(long)]
        from: String,
    },
    /// Check every table of every version; mistakes are reported as file:line. Exit 1 when there are any.
    Check,
    /// Every change from version A to version B, each marked breaking or not, with the generated files
    /// and golden vectors it touches. Exit 0 whatever the changes; 2 on a usage or table error.
    Diff {
        a: String,
        b: String,
        /// Also write the diff as Markdown to this file.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Runs the command: exit 0 done, 1 table mistakes (`check`), 2 usage or I/O error.
pub fn run(cx: &Context, args: &Args) -> ExitCode {
    let default_root = cx.spec_root();
    let root = args.root.as_deref().unwrap_or(&default_root);
    let result = match &args.command {
        Command::New { version, from } => new(root, version, from),
        Command::Check => return check(root),
        Command::Diff { a, b, out } => diff(root, a, b, out.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn new(root: &Path, version: &str, from: &str) -> Result<(), TaskError> {
    let written = scor_codegen::new_version(root, version, from)?;
    for path in &written {
        println!("wrote {path}");
    }
    println!(
        "version {version} starts as a copy of {from}: edit its tables (say where it comes from in version.toml and PROVENANCE.md), then run `cargo xtask codegen`"
    );
    Ok(())
}

/// `spec check` (and the older `spec-check`): every mistake as `file:line: message`.
pub fn check(root: &Path) -> ExitCode {
    match scor_codegen::check_tables(root) {
        Ok(errors) if errors.is_empty() => {
            let versions = scor_codegen::versions(root).unwrap_or_default();
            println!("tables of {} are sound", versions.join(", "));
            ExitCode::SUCCESS
        }
        Ok(errors) => {
            for error in &errors {
                eprintln!("{error}");
            }
            eprintln!("error: {} mistake(s) in the spec tables", errors.len());
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn diff(root: &Path, a: &str, b: &str, out: Option<&Path>) -> Result<(), TaskError> {
    let diff = scor_codegen::diff_versions(root, a, b)?;
    print!("{}", diff.text());
    if let Some(path) = out {
        let markdown = diff.markdown(&format!("Changes from SCOR dictionary {a} to {b}"));
        std::fs::write(path, markdown).map_err(TaskError::file(path))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
