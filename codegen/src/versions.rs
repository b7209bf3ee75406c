//! The dictionary versions under `spec/scor/`: finding them, and loading and checking one or all.

use crate::error::{self, Error, SpecError};
use crate::{check, ir, load};
use std::path::Path;

/// Where the dictionary versions live, relative to the repository root.
pub const SPEC_DIR: &str = "spec/scor";

/// Every version folder under `spec/scor/`, in version order.
pub fn versions(repo_root: &Path) -> Result<Vec<String>, Error> {
    let dir = repo_root.join(SPEC_DIR);
    let mut versions = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(error::io(&dir))? {
        let path = entry.map_err(error::io(&dir))?.path();
        if path.join("version.toml").is_file() {
            versions.push(path.file_name().unwrap_or_default().to_string_lossy().into_owned());
        }
    }
    versions.sort_by_key(|v| v.split('.').map(|p| p.parse::<u32>().unwrap_or(0)).collect::<Vec<_>>());
    Ok(versions)
}

/// Loads, checks and models one version.
pub fn dictionary(repo_root: &Path, version: &str) -> Result<ir::Dictionary, Error> {
    let dir = format!("{SPEC_DIR}/{version}");
    let tables = load::load(repo_root, &dir)?;
    let errors = check::check(&tables, version);
    if !errors.is_empty() {
        return Err(Error::Spec(errors));
    }
    Ok(ir::build(tables))
}

/// Every table mistake of every version (empty when the tables are sound).
pub fn check_tables(repo_root: &Path) -> Result<Vec<SpecError>, Error> {
    Ok(every_dictionary(repo_root)?.1)
}

/// Every version that passed its checks, and the mistakes of the others.
pub(crate) fn every_dictionary(repo_root: &Path) -> Result<(Vec<ir::Dictionary>, Vec<SpecError>), Error> {
    let mut dictionaries = Vec::new();
    let mut errors = Vec::new();
    for version in versions(repo_root)? {
        match dictionary(repo_root, &version) {
            Ok(d) => dictionaries.push(d),
            Err(Error::Spec(mut e)) => errors.append(&mut e),
            Err(other) => return Err(other),
        }
    }
    if errors.is_empty() {
        errors.extend(one_applicable(&dictionaries));
    }
    Ok((dictionaries, errors))
}

/// Exactly one version is `applicable`: the one `conform` checks against by default.
fn one_applicable(dictionaries: &[ir::Dictionary]) -> Vec<SpecError> {
    let applicable: Vec<&ir::Dictionary> =
        dictionaries.iter().filter(|d| d.tables.version.status == APPLICABLE).collect();
    match applicable.as_slice() {
        [_] => Vec::new(),
        [] => dictionaries
            .iter()
            .map(|d| d.tables.version.at.error("no version has status `applicable`: exactly one must"))
            .collect(),
        several => several
            .iter()
            .map(|d| {
                let versions: Vec<&str> = several.iter().map(|d| d.version.as_str()).collect();
                d.tables
                    .version
                    .at
                    .error(format!("versions {} all have status `applicable`: exactly one may", versions.join(", ")))
            })
            .collect(),
    }
}

/// The status of the version `conform` checks against by default.
pub const APPLICABLE: &str = "applicable";
