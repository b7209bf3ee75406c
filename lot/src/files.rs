//! A lot as a list of named files, read from a folder, a tar archive or memory.
//! Sizes are capped by caller-given limits while reading; problems come back as data.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// One file of a lot (header, dossier index or PJ), with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotFile {
    /// The file name as found (for a MIME part: after sanitising, see [`crate::mail`]).
    pub name: String,
    /// The raw bytes (still encrypted for `.pkcs7` files).
    pub bytes: Vec<u8>,
    /// Where the file was read from.
    pub origin: Origin,
}

/// Where a [`LotFile`] was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk.
    Path(PathBuf),
    /// A part of an SMTP message: its index among the message's MIME parts and its content type.
    MimePart { index: usize, content_type: String },
    /// An entry of a tar archive, by position.
    TarEntry { index: usize },
    /// Given in memory by the caller.
    Memory,
}

/// Caps applied while reading a lot; the caller passes the SCOR values in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Largest sum of file sizes kept.
    pub max_total_bytes: u64,
    /// Largest single file kept.
    pub max_file_bytes: u64,
    /// Largest number of entries (files or not) in the lot.
    pub max_files: usize,
}

/// Something wrong met while reading a lot; reading goes on where it can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadProblem {
    /// The lot is larger than `limit`; reading stopped after `bytes_read_so_far` bytes.
    TotalTooLarge { bytes_read_so_far: u64, limit: u64 },
    /// One file is larger than `limit`; it is left out.
    FileTooLarge { name: String, limit: u64 },
    /// The lot has more than `limit` entries; the extra ones are left out.
    TooManyFiles { limit: usize },
    /// An entry that is not a regular file (subfolder, symlink, device…); it is left out.
    NotAFile { name: String },
    /// An entry whose name is not UTF-8 (shown lossily); it is left out.
    NameNotUtf8 { lossy: String },
    /// A file that could not be read.
    Unreadable { name: String, error: String },
    /// The tar archive itself is damaged; entries before the damage are kept.
    ArchiveDamaged { error: String },
}

impl fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TotalTooLarge { bytes_read_so_far, limit } => {
                write!(f, "lot larger than {limit} bytes (stopped after {bytes_read_so_far} bytes)")
            }
            Self::FileTooLarge { name, limit } => write!(f, "{name}: file larger than {limit} bytes"),
            Self::TooManyFiles { limit } => write!(f, "more than {limit} files in the lot"),
            Self::NotAFile { name } => write!(f, "{name}: not a regular file"),
            Self::NameNotUtf8 { lossy } => write!(f, "{lossy}: file name is not UTF-8"),
            Self::Unreadable { name, error } => write!(f, "{name}: unreadable: {error}"),
            Self::ArchiveDamaged { error } => write!(f, "damaged archive: {error}"),
        }
    }
}

/// A lot as read: the files kept and the problems met.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadLot {
    /// Files kept, in name order for a folder, in archive order for a tar.
    pub files: Vec<LotFile>,
    /// Problems met while reading.
    pub problems: Vec<ReadProblem>,
    /// Bytes actually read from file contents (bounded by the limits).
    pub bytes_read: u64,
    /// Names of files the lot holds but whose content a limit kept from being read (at most
    /// `max_files` of them), in reading order.
    pub unread: Vec<String>,
}

impl ReadLot {
    /// The file named `name`, if kept.
    pub fn file(&self, name: &str) -> Option<&LotFile> {
        self.files.iter().find(|f| f.name == name)
    }
}

/// Names that occur more than once, each reported once, in first-seen order.
pub fn duplicate_names(files: &[LotFile]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut dups: Vec<String> = Vec::new();
    for file in files {
        if !seen.insert(file.name.as_str()) && !dups.contains(&file.name) {
            dups.push(file.name.clone());
        }
    }
    dups
}

/// A lot given in memory as (name, bytes) pairs; no limit applies.
pub fn from_files(files: Vec<(String, Vec<u8>)>) -> Vec<LotFile> {
    files.into_iter().map(|(name, bytes)| LotFile { name, bytes, origin: Origin::Memory }).collect()
}

/// Running state of a bounded read: what has been kept and what is left of the budget.
struct Budget<'a> {
    limits: &'a ReadLimits,
    lot: ReadLot,
    entries: usize,
    stopped: bool,
}

/// What to do with the next file, given its announced size.
enum Admit {
    Read { cap: u64 },
    Skip,
    Stop,
}

impl<'a> Budget<'a> {
    fn new(limits: &'a ReadLimits) -> Self {
        Self { limits, lot: ReadLot::default(), entries: 0, stopped: false }
    }

    fn problem(&mut self, problem: ReadProblem) {
        self.lot.problems.push(problem);
    }

    /// Records a file whose content is not read because of a limit.
    fn unread(&mut self, name: &str) {
        if self.lot.unread.len() < self.limits.max_files {
            self.lot.unread.push(name.to_owned());
        }
    }

    /// Counts one more entry; false (and a problem) once there are too many.
    fn count_entry(&mut self) -> bool {
        self.entries += 1;
        if self.entries > self.limits.max_files {
            self.problem(ReadProblem::TooManyFiles { limit: self.limits.max_files });
            self.stopped = true;
            return false;
        }
        true
    }

    fn total_exceeded(&mut self) {
        let problem =
            ReadProblem::TotalTooLarge { bytes_read_so_far: self.lot.bytes_read, limit: self.limits.max_total_bytes };
        self.problem(problem);
        self.stopped = true;
    }

    fn remaining(&self) -> u64 {
        self.limits.max_total_bytes.saturating_sub(self.lot.bytes_read)
    }

    /// Decides from the announced size whether to read a file, and with which cap.
    fn admit(&mut self, name: &str, announced: u64) -> Admit {
        if self.stopped {
            self.unread(name);
            return Admit::Stop;
        }
        if announced > self.limits.max_file_bytes {
            self.problem(ReadProblem::FileTooLarge { name: name.to_owned(), limit: self.limits.max_file_bytes });
            self.unread(name);
            return Admit::Skip;
        }
        if announced > self.remaining() {
            self.total_exceeded();
            self.unread(name);
            return Admit::Stop;
        }
        Admit::Read { cap: self.limits.max_file_bytes.min(self.remaining()) }
    }

    /// Reads at most `cap + 1` bytes and keeps the file if it fits.
    fn read_capped(&mut self, name: String, reader: impl Read, cap: u64, origin: Origin) {
        let mut bytes = Vec::new();
        let result = reader.take(cap.saturating_add(1)).read_to_end(&mut bytes);
        self.lot.bytes_read += bytes.len() as u64;
        if let Err(error) = result {
            self.problem(ReadProblem::Unreadable { name, error: error.to_string() });
            return;
        }
        if bytes.len() as u64 <= cap {
            self.lot.files.push(LotFile { name, bytes, origin });
        } else if bytes.len() as u64 > self.limits.max_file_bytes {
            self.unread(&name);
            self.problem(ReadProblem::FileTooLarge { name, limit: self.limits.max_file_bytes });
        } else {
            self.unread(&name);
            self.total_exceeded();
        }
    }
}

/// Reads a lot folder: its regular files only, without following symlinks, within `limits`.
///
/// Entries are taken in name order among the first `max_files + 1` listed. Only failing to list
/// the folder itself is an error; everything else is a [`ReadProblem`].
pub fn read_folder(path: &Path, limits: &ReadLimits) -> io::Result<ReadLot> {
    let entries = list_folder(path, limits.max_files.saturating_add(1))?;
    let mut budget = Budget::new(limits);
    for entry in entries {
        read_folder_entry(&mut budget, entry);
    }
    Ok(budget.lot)
}

/// Lists at most `cap` entries of a folder, sorted by name.
fn list_folder(path: &Path, cap: usize) -> io::Result<Vec<fs::DirEntry>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(path)? {
        if entries.len() >= cap {
            break;
        }
        entries.push(entry?);
    }
    entries.sort_by_key(|e| e.file_name());
    Ok(entries)
}

fn read_folder_entry(budget: &mut Budget<'_>, entry: fs::DirEntry) {
    let after_stop = budget.stopped || !budget.count_entry();
    if after_stop {
        let regular = fs::symlink_metadata(entry.path()).is_ok_and(|meta| meta.file_type().is_file());
        if let (true, Ok(name)) = (regular, entry.file_name().into_string()) {
            budget.unread(&name);
        }
        return;
    }
    let Ok(name) = entry.file_name().into_string() else {
        let lossy = entry.file_name().to_string_lossy().into_owned();
        return budget.problem(ReadProblem::NameNotUtf8 { lossy });
    };
    let path = entry.path();
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.file_type().is_file() => read_disk_file(budget, name, path, meta.len()),
        Ok(_) => budget.problem(ReadProblem::NotAFile { name }),
        Err(error) => budget.problem(ReadProblem::Unreadable { name, error: error.to_string() }),
    }
}

fn read_disk_file(budget: &mut Budget<'_>, name: String, path: PathBuf, announced: u64) {
    let Admit::Read { cap } = budget.admit(&name, announced) else { return };
    match open_no_follow(&path) {
        Ok(file) => budget.read_capped(name, file, cap, Origin::Path(path)),
        Err(error) => budget.problem(ReadProblem::Unreadable { name, error: error.to_string() }),
    }
}

/// Opens a file for reading without following a symlink swapped in since it was listed,
/// and without blocking on a FIFO.
fn open_no_follow(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    Ok(file)
}

/// Reads a lot from a tar archive held in memory, as a virtual folder: never touches the disk.
///
/// Regular entries at the top level are files (a leading `./` is ignored); directories, links,
/// entries inside a subfolder or with `..` are [`ReadProblem::NotAFile`].
pub fn read_tar(archive: &[u8], limits: &ReadLimits) -> ReadLot {
    let mut budget = Budget::new(limits);
    let mut tar = tar::Archive::new(archive);
    let entries = match tar.entries() {
        Ok(entries) => entries,
        Err(error) => {
            budget.problem(ReadProblem::ArchiveDamaged { error: error.to_string() });
            return budget.lot;
        }
    };
    for (index, entry) in entries.enumerate() {
        if budget.stopped && budget.lot.unread.len() >= limits.max_files {
            break;
        }
        match entry {
            Ok(entry) => read_tar_entry(&mut budget, index, entry),
            // Past a limit only names are gathered: damage there is not the lot's to answer for.
            Err(_) if budget.stopped => break,
            Err(error) => {
                budget.problem(ReadProblem::ArchiveDamaged { error: error.to_string() });
                break;
            }
        }
    }
    budget.lot
}

fn read_tar_entry(budget: &mut Budget<'_>, index: usize, entry: tar::Entry<'_, &[u8]>) {
    let after_stop = budget.stopped || !budget.count_entry();
    let raw = entry.path_bytes().into_owned();
    let Ok(path) = String::from_utf8(raw) else {
        if !after_stop {
            let lossy = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
            budget.problem(ReadProblem::NameNotUtf8 { lossy });
        }
        return;
    };
    let name = path.trim_start_matches("./").to_owned();
    let kind = entry.header().entry_type();
    let top_level = !name.is_empty() && !name.contains('/') && name != "..";
    let regular = (kind.is_file() || kind.is_contiguous()) && top_level;
    if after_stop {
        if regular {
            budget.unread(&name);
        }
        return;
    }
    if !regular {
        return budget.problem(ReadProblem::NotAFile { name: path });
    }
    let Admit::Read { cap } = budget.admit(&name, entry.size()) else { return };
    budget.read_capped(name, entry, cap, Origin::TarEntry { index });
}
