//! Durable files: the spool of received messages and the returns written, each fsync'd with its
//! directory before anything depends on it; spool files no index row names are orphans of a crash.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The folders of a data directory.
#[derive(Debug, Clone)]
pub struct Layout {
    pub data: PathBuf,
}

impl Layout {
    /// Creates the folders of `data` if needed.
    pub fn create(data: &Path) -> io::Result<Self> {
        let layout = Self { data: data.to_path_buf() };
        for dir in [layout.spool(), layout.returns(), layout.review(), layout.orphans(), layout.postmaster()] {
            fs::create_dir_all(dir)?;
        }
        Ok(layout)
    }

    pub fn database(&self) -> PathBuf {
        self.data.join("pair.sqlite")
    }

    /// Received messages, one file each, as the client sent them (dot-unstuffed).
    pub fn spool(&self) -> PathBuf {
        self.data.join("spool")
    }

    /// Returns (ARL and service messages), one per message.
    pub fn returns(&self) -> PathBuf {
        self.data.join("returns")
    }

    /// Copies of the ARLs logged for review, by PS.
    pub fn review(&self) -> PathBuf {
        self.data.join("review")
    }

    /// Messages for the postmaster (RFC 5321 §4.5.1), kept but not processed as lots.
    pub fn postmaster(&self) -> PathBuf {
        self.data.join("postmaster")
    }

    /// Spool files found without an index row at start: never acknowledged.
    pub fn orphans(&self) -> PathBuf {
        self.data.join("orphans")
    }
}

/// Unique spool file names: time, process and a counter.
#[derive(Debug, Default)]
pub struct Names {
    counter: AtomicU64,
}

impl Names {
    pub fn next(&self) -> String {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        format!("{nanos:x}-{}-{n}.eml", std::process::id())
    }
}

/// Flushes the directory entry of files created or renamed in `dir`.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Writes `bytes` to `path` durably: a temporary file synced, renamed, then the directory synced.
pub fn write_durably(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    write_all_durably(dir, &[(name, bytes)])
}

/// Writes each `(name, bytes)` into `dir` durably: every temporary file synced and renamed, then the
/// directory synced once for them all.
pub fn write_all_durably(dir: &Path, files: &[(&str, &[u8])]) -> io::Result<()> {
    for (name, bytes) in files {
        let temporary = dir.join(format!(".{name}.tmp"));
        let mut file = File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, dir.join(name))?;
    }
    sync_dir(dir)
}

/// Moves spool files that no index row names into `orphans/`: they never got a 250. Returns how many.
pub fn sweep_orphans(layout: &Layout, known: &[String]) -> io::Result<usize> {
    let known: std::collections::HashSet<&str> = known.iter().map(String::as_str).collect();
    let mut moved = 0;
    for entry in fs::read_dir(layout.spool())? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !known.contains(name.as_str()) {
            fs::rename(entry.path(), layout.orphans().join(&name))?;
            moved += 1;
        }
    }
    if moved > 0 {
        sync_dir(&layout.spool())?;
    }
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_orphans_are_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::create(dir.path()).unwrap();
        let names = Names::default();
        let (a, b) = (names.next(), names.next());
        assert_ne!(a, b);
        write_durably(&layout.spool().join(&a), b"kept").unwrap();
        write_durably(&layout.spool().join(&b), b"orphan").unwrap();
        assert_eq!(sweep_orphans(&layout, std::slice::from_ref(&a)).unwrap(), 1);
        assert!(layout.spool().join(&a).exists());
        assert_eq!(fs::read(layout.orphans().join(&b)).unwrap(), b"orphan");
    }
}
