//! scor-codegen: turns the SCOR dictionary tables of `spec/scor/<version>/` into the committed
//! generated code, XSD and reference docs. Stages: load → check → ir → render → output.

pub mod check;
pub mod diff;
pub mod error;
pub mod ir;
pub mod load;
pub mod names;
pub mod output;
pub mod pattern;
pub mod render;
pub mod shared;
pub mod versions;

pub use error::{Error, SpecError};
pub use output::Output;
pub use versions::{SPEC_DIR, check_tables, dictionary, versions};

use std::path::Path;

/// Every change from version `from` to version `to` (both checked).
pub fn diff_versions(repo_root: &Path, from: &str, to: &str) -> Result<diff::Diff, Error> {
    let (a, b) = (dictionary(repo_root, from)?, dictionary(repo_root, to)?);
    Ok(diff::diff(&a, &b))
}

/// `cargo xtask spec new <version> --from <from>`: copies the tables of `from` into a new version
/// folder and sets its version number. Returns the files written, relative to the repository root.
pub fn new_version(repo_root: &Path, version: &str, from: &str) -> Result<Vec<String>, Error> {
    let invalid =
        |message: String| Error::Spec(vec![SpecError { file: format!("{SPEC_DIR}/{version}"), line: 0, message }]);
    let parts: Vec<&str> = version.split('.').collect();
    if parts.len() != 2 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(invalid(format!("version `{version}` is not MAJOR.MINOR")));
    }
    let source = repo_root.join(SPEC_DIR).join(from);
    if !source.join("version.toml").is_file() {
        return Err(invalid(format!("there is no version {from} to start from")));
    }
    let target = repo_root.join(SPEC_DIR).join(version);
    if target.exists() {
        return Err(invalid(format!("version {version} already exists")));
    }
    let mut written = Vec::new();
    let mut stack = vec![source.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(error::io(&dir))? {
            let path = entry.map_err(error::io(&dir))?.path();
            let rel = path.strip_prefix(&source).unwrap_or(&path).to_owned();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let out = target.join(&rel);
            if let Some(parent) = out.parent() {
                std::fs::create_dir_all(parent).map_err(error::io(parent))?;
            }
            let mut bytes = std::fs::read(&path).map_err(error::io(&path))?;
            if rel == Path::new("version.toml") {
                bytes = renumber(&String::from_utf8_lossy(&bytes), from, version).into_bytes();
            }
            std::fs::write(&out, bytes).map_err(error::io(&out))?;
            written.push(format!("{SPEC_DIR}/{version}/{}", rel.to_string_lossy().replace('\\', "/")));
        }
    }
    written.sort();
    Ok(written)
}

/// `version.toml` of the new version: the number changed, and the provenance left for the maintainer
/// to state (a copy says where it comes from until then).
fn renumber(text: &str, from: &str, version: &str) -> String {
    text.lines()
        .map(|line| {
            let key = line.split('=').next().unwrap_or("").trim();
            match key {
                "version" => format!("version = \"{version}\""),
                // A new version is modelled until its maintainer says the seeds call it applicable.
                "status" => "status = \"modelled\"".to_owned(),
                "source" => {
                    format!("source = \"copied from {from} by `cargo xtask spec new`: say where {version} comes from\"")
                }
                _ => line.to_owned(),
            }
        })
        .map(|line| line + "\n")
        .collect()
}

/// Every file the tables generate.
pub fn outputs(repo_root: &Path) -> Result<Vec<Output>, Error> {
    let (dictionaries, errors) = versions::every_dictionary(repo_root)?;
    if !errors.is_empty() {
        return Err(Error::Spec(errors));
    }
    Ok(render::all(&dictionaries, &shared::SharedNames::of(&dictionaries)))
}

/// `cargo xtask codegen [--check]`: writes the generated files, or fails naming the stale ones.
pub fn generate(repo_root: &Path, check: bool) -> Result<Vec<String>, Error> {
    let outputs = outputs(repo_root)?;
    let changed = output::sync(repo_root, &outputs, check)?;
    if check && !changed.is_empty() {
        return Err(Error::Stale(changed));
    }
    Ok(changed)
}
