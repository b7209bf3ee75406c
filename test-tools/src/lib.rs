//! The programs, Python modules and libraries scor-kit's tests and build need, in one list
//! ([`TOOLS`]), and how a test requires one.
//!
//! A test that calls a tool starts with
//!
//! ```no_run
//! let Some(qpdf) = scor_test_tools::require_tool("qpdf") else { return };
//! std::process::Command::new(qpdf).arg("--check");
//! ```
//!
//! When the tool is there, the test goes on. When it is missing, the test **fails**, naming the tool
//! and the command that installs it, unless `SCOR_KIT_SKIP_MISSING_TOOLS=1` is set: then it writes
//! one line `skipped: <test> needs <tool> (<install command>)` to stderr, appends `<test>\t<tool>` to
//! the file named by `SCOR_KIT_SKIP_LOG` when that is set, and the test returns. Cargo counts such a
//! test as passed; `cargo xtask test` reads the file and counts it as skipped.
//!
//! `cargo xtask test` reads the same list to check for the tools and install what is missing
//! ([`install`]); so does this crate's own program, `cargo run -p scor-test-tools -- install --build`,
//! for what building xtask itself needs (OpenSSL's headers) on a fresh machine.

pub mod install;

use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};

/// Set to `1`: a test whose tool is missing is skipped (and recorded) instead of failing.
pub const SKIP_MISSING_TOOLS: &str = "SCOR_KIT_SKIP_MISSING_TOOLS";

/// The file each skipped test appends one line `<test>\t<tool>` to (set by `cargo xtask test`).
pub const SKIP_LOG: &str = "SCOR_KIT_SKIP_LOG";

/// The Python interpreter the tests run, and the modules are looked for in.
pub const PYTHON: &str = "python3";

/// How a tool is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    /// A program on `PATH`, under any of `names`, that runs with `args` and exits with success.
    Program { names: &'static [&'static str], args: &'static [&'static str] },
    /// A module `python3 -c "import <name>"` finds.
    PythonModule,
    /// A library `pkg-config --exists <name>` knows (its headers, for building).
    PkgConfig,
}

/// How a missing tool is installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Install {
    /// Debian packages (separated by spaces): `apt-get install <packages>`.
    Apt(&'static str),
    /// A Python package: `python3 -m pip install <package>`.
    Pip(&'static str),
}

impl Install {
    /// The command that installs it, as a person would type it.
    pub fn command(self) -> String {
        match self {
            Install::Apt(package) => format!("apt-get install {package}"),
            Install::Pip(package) => format!("{PYTHON} -m pip install {package}"),
        }
    }
}

/// Whether a tool is needed to build the workspace (xtask included) or only by tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Build,
    Tests,
}

/// A tool the test suite or the build needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tool {
    /// The name tests require it by.
    pub name: &'static str,
    pub probe: Probe,
    pub install: Install,
    pub need: Need,
    /// What needs it.
    pub needed_by: &'static str,
}

const fn program(name: &'static str, package: &'static str, needed_by: &'static str) -> Tool {
    Tool {
        name,
        probe: Probe::Program { names: &[], args: &["--version"] },
        install: Install::Apt(package),
        need: Need::Tests,
        needed_by,
    }
}

/// Every tool, in the order they are checked (a module's interpreter before the module).
pub const TOOLS: &[Tool] = &[
    Tool { need: Need::Build, ..program("pkg-config", "pkg-config", "the build of the openssl crate") },
    Tool {
        name: "openssl",
        probe: Probe::PkgConfig,
        install: Install::Apt("libssl-dev"),
        need: Need::Build,
        needed_by: "the build of the openssl crate (OpenSSL's headers)",
    },
    program("xmllint", "libxml2-utils", "XSD validation (scor-codegen, scor-tests)"),
    program("img2pdf", "img2pdf", "real PDF/A producer (scor-pdfa, scor-quality)"),
    program("gs", "ghostscript", "real PDF/A producer and renderer (scor-pdfa, scor-quality)"),
    program("qpdf", "qpdf", "PDF structure check of the writer's output (scor-pdfa)"),
    Tool {
        name: "chromium",
        probe: Probe::Program { names: &["chromium", "chromium-browser"], args: &["--version"] },
        install: Install::Apt("chromium"),
        need: Need::Tests,
        needed_by: "headless browser loading the HTML report (scor-reports)",
    },
    program("curl", "curl", "HTTP client calling scor serve (scor-kit)"),
    Tool {
        name: "chromedriver",
        probe: Probe::Program { names: &["chromedriver"], args: &["--version"] },
        install: Install::Apt("chromium-driver"),
        need: Need::Tests,
        needed_by: "driving headless Chromium on the page of scor serve (scor-kit)",
    },
    program("swaks", "swaks", "SMTP client sending lots to the PAIR simulator (scor-pair)"),
    program(PYTHON, "python3 python3-pip", "smtplib client (scor-pair) and the Python modules below"),
    Tool {
        name: "jsonschema",
        probe: Probe::PythonModule,
        install: Install::Pip("jsonschema"),
        need: Need::Tests,
        needed_by: "second SARIF schema validation (scor-reports)",
    },
    Tool {
        name: "aiosmtpd",
        probe: Probe::PythonModule,
        install: Install::Pip("aiosmtpd"),
        need: Need::Tests,
        needed_by: "SMTP sink the PAIR simulator relays ARLs to (scor-pair)",
    },
    python_module("requests", "HTTP client calling scor serve (scor-kit)"),
    python_module("httpx", "HTTP client calling scor serve, 200 concurrent requests (scor-kit)"),
    python_module("selenium", "WebDriver client driving chromedriver on the page of scor serve (scor-kit)"),
];

const fn python_module(name: &'static str, needed_by: &'static str) -> Tool {
    Tool { name, probe: Probe::PythonModule, install: Install::Pip(name), need: Need::Tests, needed_by }
}

/// The tool of [`TOOLS`] named `name`.
///
/// # Panics
/// When no tool has that name (a mistake in the test).
pub fn tool(name: &str) -> &'static Tool {
    TOOLS.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("`{name}` is not in scor_test_tools::TOOLS"))
}

impl Tool {
    /// The names the program may go by (the tool's own name when none is listed).
    fn names(&self) -> Vec<&'static str> {
        match self.probe {
            Probe::Program { names, .. } if !names.is_empty() => names.to_vec(),
            _ => vec![self.name],
        }
    }

    /// Looks for the tool now: the program to run (for a Python module, the interpreter), or `None`.
    pub fn find(&self) -> Option<&'static str> {
        let quiet = |command: &mut Command| {
            command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
        };
        match self.probe {
            Probe::Program { args, .. } => self.names().into_iter().find(|name| quiet(Command::new(name).args(args))),
            Probe::PythonModule => {
                quiet(Command::new(PYTHON).args(["-c", &format!("import {}", self.name)])).then_some(PYTHON)
            }
            Probe::PkgConfig => quiet(Command::new("pkg-config").args(["--exists", self.name])).then_some(self.name),
        }
    }
}

/// What a test needs, looked for once per test binary.
fn found(tool: &'static Tool) -> Option<&'static str> {
    static FOUND: OnceLock<Mutex<HashMap<&'static str, Option<&'static str>>>> = OnceLock::new();
    let cache = FOUND.get_or_init(Default::default);
    if let Some(known) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(tool.name) {
        return *known;
    }
    let result = tool.find();
    cache.lock().unwrap_or_else(|e| e.into_inner()).insert(tool.name, result);
    result
}

/// Whether `SCOR_KIT_SKIP_MISSING_TOOLS` asks for missing tools to skip their tests.
pub fn skipping_allowed() -> bool {
    std::env::var(SKIP_MISSING_TOOLS).is_ok_and(|v| v == "1")
}

/// The running test: its binary (without cargo's hash) and the test's path, as libtest names its
/// thread, e.g. `producers::img2pdf_pdfa_output_is_clean`.
pub fn current_test() -> String {
    let binary = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .map(|stem| match stem.rsplit_once('-') {
            Some((name, hash)) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => name.to_owned(),
            _ => stem,
        })
        .unwrap_or_else(|| "test".to_owned());
    match std::thread::current().name() {
        Some(name) if name != "main" => format!("{binary}::{name}"),
        _ => binary,
    }
}

/// The tool is missing: fail, or with `SCOR_KIT_SKIP_MISSING_TOOLS=1` say so on one line and record it.
#[track_caller]
fn missing(tool: &Tool) -> Option<&'static str> {
    let test = current_test();
    let install = tool.install.command();
    if !skipping_allowed() {
        panic!(
            "{test} needs `{name}` ({needed_by}), which is missing: install it with `{install}`, or run `cargo xtask \
             test`, which installs every missing tool. To skip the tests that need a missing tool instead, set \
             {SKIP_MISSING_TOOLS}=1.",
            name = tool.name,
            needed_by = tool.needed_by,
        );
    }
    // Straight to stderr: libtest captures print!, and a skip must show whatever the test's outcome.
    let line = format!("skipped: {test} needs {} ({install})\n", tool.name);
    let _ = std::io::stderr().write_all(line.as_bytes());
    if let Some(log) = std::env::var_os(SKIP_LOG) {
        let record = format!("{test}\t{}\n", tool.name);
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .and_then(|mut file| file.write_all(record.as_bytes()));
        if let Err(e) = appended {
            panic!("{test}: cannot record the skip in {} ({SKIP_LOG}): {e}", log.to_string_lossy());
        }
    }
    None
}

/// The program `name` of [`TOOLS`] (`"qpdf"`, `"gs"`, `"chromium"`…): the command to run it when it is
/// installed; otherwise the test fails naming it and its install command, or, with
/// `SCOR_KIT_SKIP_MISSING_TOOLS=1`, the skip is reported and recorded and `None` is returned: the test
/// must then return.
///
/// # Panics
/// When the tool is missing and skipping is not allowed, or `name` is not in [`TOOLS`].
#[must_use = "the test must return when the tool is missing"]
#[track_caller]
pub fn require_tool(name: &str) -> Option<&'static str> {
    let tool = tool(name);
    assert!(matches!(tool.probe, Probe::Program { .. }), "`{name}` is not a program: use require_python_module");
    match found(tool) {
        Some(program) => Some(program),
        None => missing(tool),
    }
}

/// The Python module `module` of [`TOOLS`] (`"aiosmtpd"`, `"jsonschema"`): the interpreter to run it with
/// when the module is installed; otherwise as [`require_tool`] (a missing interpreter is reported as such).
///
/// # Panics
/// As [`require_tool`].
#[must_use = "the test must return when the module is missing"]
#[track_caller]
pub fn require_python_module(module: &str) -> Option<&'static str> {
    let tool = tool(module);
    assert!(tool.probe == Probe::PythonModule, "`{module}` is not a Python module: use require_tool");
    require_tool(PYTHON)?;
    match found(tool) {
        Some(python) => Some(python),
        None => missing(tool),
    }
}
