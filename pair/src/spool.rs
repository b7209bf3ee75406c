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

/// Writes each `(name, bytes)` into `dir` durably: every temporary file synced and renamed, then the
/// directory synced once for them all.
pub fn write_all_durably(dir: &Path, files: &[(&str, &[u8])]) -> io::Result<()> {
    for (name, bytes) in files {
        let temporary = temporary(dir, name);
        write_synced(&temporary, bytes)?;
        fs::rename(&temporary, dir.join(name))?;
    }
    sync_dir(dir)
}

/// Where a file `name` of `dir` is written before it is renamed into place.
fn temporary(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".{name}.tmp"))
}

/// Creates (or truncates) `path` with `bytes`, synced.
fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Gives each `(from, to)` the content of `from` durably: a hard link to the complete, synced `from`
/// (a copy when the file system refuses one) put in place by renaming, replacing what an earlier
/// attempt left, then each folder synced once. The two names then share one file: rewriting either in
/// place changes both.
pub fn link_all_durably(links: &[(PathBuf, PathBuf)]) -> io::Result<()> {
    let mut dirs = std::collections::BTreeSet::new();
    for (from, to) in links {
        let dir = to.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let name = to.file_name().and_then(|n| n.to_str()).unwrap_or("file");
        let temporary = temporary(dir, name);
        match fs::remove_file(&temporary) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
            _ => {}
        }
        if fs::hard_link(from, &temporary).is_err() {
            write_synced(&temporary, &fs::read(from)?)?;
        }
        fs::rename(&temporary, to)?;
        dirs.insert(dir.to_path_buf());
    }
    dirs.iter().try_for_each(|dir| sync_dir(dir))
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
        write_all_durably(&layout.spool(), &[(&a, b"kept"), (&b, b"orphan")]).unwrap();
        assert_eq!(sweep_orphans(&layout, std::slice::from_ref(&a)).unwrap(), 1);
        assert!(layout.spool().join(&a).exists());
        assert_eq!(fs::read(layout.orphans().join(&b)).unwrap(), b"orphan");
    }

    #[test]
    fn a_link_shares_the_complete_file_and_replaces_an_earlier_one() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::create(dir.path()).unwrap();
        let (from, to) = (layout.returns().join("7.eml"), layout.review().join("PS").join("7.eml"));
        write_all_durably(&layout.returns(), &[("7.eml", b"first")]).unwrap();
        link_all_durably(&[(from.clone(), to.clone())]).unwrap();
        assert_eq!(fs::read(&to).unwrap(), b"first");
        assert_eq!(fs::metadata(&to).unwrap().ino(), fs::metadata(&from).unwrap().ino());
        // A second attempt rewrites the return (a new file) and links it again over the first link.
        write_all_durably(&layout.returns(), &[("7.eml", b"second")]).unwrap();
        link_all_durably(&[(from.clone(), to.clone())]).unwrap();
        assert_eq!(fs::read(&to).unwrap(), b"second");
        assert_eq!(fs::metadata(&to).unwrap().nlink(), 2);
        assert_eq!(fs::read_dir(to.parent().unwrap()).unwrap().count(), 1, "no temporary file left");
        assert!(link_all_durably(&[(layout.returns().join("missing.eml"), to)]).is_err());
    }
}
