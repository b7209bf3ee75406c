//! Several lots in one run: find the lots under the paths given (a lot folder, an `.eml`, a tar archive,
//! or a folder of those), then check them in parallel, keeping the order they were found in.

use crate::lot::{Checked, Config, check_stored};
use rayon::prelude::*;
use scor_dictionary::FileNameKind;
use scor_lot::LotKind;
use std::io;
use std::path::{Path, PathBuf};

/// A lot found on disk, with how it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLot {
    pub path: PathBuf,
    pub kind: LotKind,
}

impl StoredLot {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The lots under `path`: the path itself when it is a lot, else each lot inside it (one level).
pub fn discover(path: &Path, config: &Config) -> io::Result<Vec<StoredLot>> {
    let kind = LotKind::of(path)?;
    if kind != LotKind::Folder || is_lot_folder(path, config)? {
        return Ok(vec![StoredLot { path: path.to_owned(), kind }]);
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?.map(|e| e.map(|e| e.path())).collect::<io::Result<_>>()?;
    entries.sort();
    let mut lots = Vec::new();
    for entry in entries {
        if entry.is_dir() || has_extension(&entry, "eml") || has_extension(&entry, "tar") {
            lots.push(StoredLot { kind: LotKind::of(&entry)?, path: entry });
        }
    }
    if lots.is_empty() {
        return Err(io::Error::new(io::ErrorKind::NotFound, format!("{} holds no lot", path.display())));
    }
    Ok(lots)
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

/// A folder is a lot when one of its files is named like a lot file (header, index or PJ, sealed or
/// plain), or when it holds no folder, `.eml` or archive (an empty or stray-only lot is still checked).
fn is_lot_folder(path: &Path, config: &Config) -> io::Result<bool> {
    let kinds =
        [FileNameKind::Header, FileNameKind::Index, FileNameKind::Pj, FileNameKind::IndexPlain, FileNameKind::PjPlain];
    let patterns = kinds.map(|kind| config.dictionary.file_name(kind));
    let mut holds_lots = false;
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if patterns.iter().any(|p| p.captures(&name).is_some()) {
            return Ok(true);
        }
        let entry_path = entry.path();
        holds_lots |= entry_path.is_dir() || has_extension(&entry_path, "eml") || has_extension(&entry_path, "tar");
    }
    Ok(!holds_lots)
}

/// Checks one lot from disk, read as the kind it was found as.
pub fn check(lot: &StoredLot, config: &Config) -> io::Result<Checked> {
    check_stored(&lot.path, lot.kind, config)
}

/// Checks every lot in parallel; `done` is called once per lot as it finishes (for a progress bar).
pub fn check_all(lots: &[StoredLot], config: &Config, done: impl Fn() + Sync) -> Vec<io::Result<Checked>> {
    lots.par_iter()
        .enumerate()
        .map(|(position, lot)| {
            let config = Config { sequence: config.sequence.wrapping_add(position as u32), ..config.clone() };
            let result = check(lot, &config);
            done();
            result
        })
        .collect()
}
