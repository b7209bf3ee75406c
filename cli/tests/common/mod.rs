//! A `scor serve` started on a free loopback port for a test, stopped when dropped; the repository's
//! fixtures the HTTP tests send (example lot, a rejected copy, a PDF, ARL vectors).

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("cli lives in the repository").to_path_buf()
}

/// A running `scor serve`.
pub struct Server {
    child: Child,
    pub url: String,
}

impl Server {
    /// Starts `scor serve --listen 127.0.0.1:0` with `args`, and waits for its address.
    pub fn start(args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_scor"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("scor serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout piped")).read_line(&mut line).expect("a first line");
        let url = line
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/')
            .to_owned();
        Self { child, url }
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A copy of the example lot in `dir` whose header names a specialty the dictionary does not have:
/// rejected on the header (cause 5113).
pub fn rejected_lot(dir: &Path) -> PathBuf {
    let lot = dir.join("rejected-lot");
    std::fs::create_dir_all(&lot).unwrap();
    for entry in std::fs::read_dir(root().join("examples/lot")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let mut bytes = std::fs::read(entry.path()).unwrap();
        if name.ends_with(".xml") {
            let xml = String::from_utf8(bytes).unwrap();
            bytes = xml.replace("<CodeSpecialite>01<", "<CodeSpecialite>99<").into_bytes();
        }
        std::fs::write(lot.join(name), bytes).unwrap();
    }
    lot
}

/// Runs a Python script of `tests/clients/` with `args`; panics with its output when it fails.
pub fn python(script: &str, args: &[&str]) {
    let Some(python) = scor_test_tools::require_tool(scor_test_tools::PYTHON) else { return };
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/clients").join(script);
    let output = Command::new(python).arg(&path).args(args).output().expect("python3 runs");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    println!("{text}");
    assert!(output.status.success(), "{script} failed:\n{text}");
}
