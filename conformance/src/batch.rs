//! Several lots in one run: find the lots under the paths given (a lot folder, an `.eml`, a tar archive,
//! or a folder of those), then check them in parallel, keeping the order they were found in.

use crate::lot::{Checked, Config, check_path, check_tar};
use rayon::prelude::*;
use scor_dictionary::{FileNameKind, Limit};
use std::io;
use std::path::{Path, PathBuf};

/// How a lot is stored on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LotPath {
    Folder(PathBuf),
    Eml(PathBuf),
    Tar(PathBuf),
}

impl LotPath {
    pub fn path(&self) -> &Path {
        match self {
            Self::Folder(p) | Self::Eml(p) | Self::Tar(p) => p,
        }
    }
}

/// The lots under `path`: the path itself when it is a lot, else each lot inside it (one level).
pub fn discover(path: &Path, config: &Config) -> io::Result<Vec<LotPath>> {
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_dir() {
        return Ok(vec![file_lot(path)]);
    }
    if is_lot_folder(path, config)? {
        return Ok(vec![LotPath::Folder(path.to_owned())]);
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?.map(|e| e.map(|e| e.path())).collect::<io::Result<_>>()?;
    entries.sort();
    let mut lots = Vec::new();
    for entry in entries {
        if entry.is_dir() {
            lots.push(LotPath::Folder(entry));
        } else if has_extension(&entry, "eml") || has_extension(&entry, "tar") {
            lots.push(file_lot(&entry));
        }
    }
    if lots.is_empty() {
        return Err(io::Error::new(io::ErrorKind::NotFound, format!("{} holds no lot", path.display())));
    }
    Ok(lots)
}

fn file_lot(path: &Path) -> LotPath {
    if has_extension(path, "tar") { LotPath::Tar(path.to_owned()) } else { LotPath::Eml(path.to_owned()) }
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

/// A folder is a lot when one of its files is named like a lot file (header, index or PJ), or when it
/// holds no folder, `.eml` or archive (an empty or stray-only lot is still checked as a lot).
fn is_lot_folder(path: &Path, config: &Config) -> io::Result<bool> {
    let patterns =
        [FileNameKind::Header, FileNameKind::Index, FileNameKind::Pj].map(|kind| config.dictionary.file_name(kind));
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

/// Checks one lot from disk.
pub fn check(lot: &LotPath, config: &Config) -> io::Result<Checked> {
    match lot {
        LotPath::Folder(path) | LotPath::Eml(path) => check_path(path, config),
        LotPath::Tar(path) => {
            let limit = config.dictionary.limit(Limit::MessageMaxBytes);
            let archive = read_capped(path, limit)?;
            Ok(check_tar(path.display().to_string(), &archive, config))
        }
    }
}

fn read_capped(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Checks every lot in parallel; `done` is called once per lot as it finishes (for a progress bar).
pub fn check_all(lots: &[LotPath], config: &Config, done: impl Fn() + Sync) -> Vec<io::Result<Checked>> {
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
