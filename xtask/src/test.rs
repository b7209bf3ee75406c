//! `cargo xtask test`: the test suite with every tool it needs. Checks for the tools of
//! `scor_test_tools::TOOLS`; when some are missing, installs them as root (apt-get, pip) or prints the
//! commands to run and stops; then runs `cargo test --workspace --no-fail-fast`, streaming its output,
//! and ends with one line counting the tests passed, failed and skipped over every test binary.
//!
//! Exit code: 0 every test passed, 1 a test failed, did not build, or was skipped, 2 tools missing.

use scor_test_tools::{Need, SKIP_LOG, SKIP_MISSING_TOOLS, install};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Run even when tools are missing: nothing is installed, the tests that need a missing tool are
    /// skipped (SCOR_KIT_SKIP_MISSING_TOOLS=1) and counted as skipped, and the exit code is 1.
    #[arg(long)]
    skip_missing_tools: bool,
    /// More arguments for `cargo test`, after `--` (e.g. `-- -p scor-pdfa`, `-- -p xtask -- --nocapture`).
    #[arg(last = true)]
    cargo_args: Vec<String>,
}

/// The counts of cargo's `test result:` lines, summed over every test binary.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    passed: u64,
    failed: u64,
    ignored: u64,
}

impl Counts {
    /// Adds the counts of `line` when it is a `test result:` line.
    fn add(&mut self, line: &str) {
        let Some(rest) = line.trim_start().strip_prefix("test result: ") else { return };
        for part in rest.split(['.', ';']) {
            let mut words = part.split_whitespace();
            let (Some(n), Some(what)) = (words.next().and_then(|n| n.parse::<u64>().ok()), words.next()) else {
                continue;
            };
            match what {
                "passed" => self.passed += n,
                "failed" => self.failed += n,
                "ignored" => self.ignored += n,
                _ => {}
            }
        }
    }
}

/// The tests that recorded a skip with the tool each lacked, and those tools, from the skip log
/// (`<test>\t<tool>` lines).
fn skips(log: &Path) -> (BTreeMap<String, String>, BTreeSet<String>) {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let mut tests = BTreeMap::new();
    let mut tools = BTreeSet::new();
    for line in text.lines() {
        if let Some((test, tool)) = line.split_once('\t') {
            tests.insert(test.to_owned(), tool.to_owned());
            tools.insert(tool.to_owned());
        }
    }
    (tests, tools)
}

/// The closing line: skipped tests are taken out of cargo's passed count.
fn summary(counts: Counts, skipped: u64, tools: &BTreeSet<String>) -> String {
    let mut line =
        format!("tests: {} passed, {} failed, {skipped} skipped", counts.passed.saturating_sub(skipped), counts.failed);
    if counts.ignored > 0 {
        line += &format!(", {} ignored", counts.ignored);
    }
    if !tools.is_empty() {
        line += &format!(" (missing tools: {})", tools.iter().cloned().collect::<Vec<_>>().join(", "));
    }
    line
}

/// Runs `cargo xtask test`.
pub fn run(root: &Path, args: &Args) -> ExitCode {
    let needs = [Need::Build, Need::Tests];
    if args.skip_missing_tools {
        let missing = install::missing(&needs);
        if !missing.is_empty() {
            eprintln!("missing tools (their tests will be skipped):\n{}", install::describe(&missing));
        }
    } else if let Err(message) = install::ensure(&needs) {
        eprintln!(
            "error: {}\nor run `cargo xtask test --skip-missing-tools` to skip the tests that need them.",
            message.trim_end()
        );
        return ExitCode::from(2);
    }

    let log = std::env::temp_dir().join(format!("scor-kit-skipped-tests-{}.tsv", std::process::id()));
    let _ = std::fs::remove_file(&log);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .current_dir(root)
        .args(["test", "--workspace", "--no-fail-fast"])
        .args(&args.cargo_args)
        .env(SKIP_LOG, &log)
        .stdout(Stdio::piped());
    if args.skip_missing_tools {
        command.env(SKIP_MISSING_TOOLS, "1");
    } else {
        command.env_remove(SKIP_MISSING_TOOLS);
    }
    let start = Instant::now();
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            eprintln!("error: cargo test did not start: {e}");
            return ExitCode::from(2);
        }
    };
    let mut counts = Counts::default();
    // Cargo builds every test binary before it runs the first, whose output is the first on stdout.
    let mut built = None;
    let stdout = child.stdout.take().expect("piped stdout");
    let mut out = std::io::stdout();
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        built.get_or_insert_with(|| start.elapsed());
        counts.add(&line);
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    }
    let status = child.wait();
    let (tests, tools) = skips(&log);
    let _ = std::fs::remove_file(&log);
    let cargo_ok = status.as_ref().is_ok_and(|s| s.success());
    if !cargo_ok && counts.failed == 0 {
        println!("cargo test failed outside the tests (a build error or a crashed test binary): see above");
    }
    let built = built.unwrap_or_else(|| start.elapsed());
    println!(
        "time: build {:.0} s, tests {:.0} s",
        built.as_secs_f64(),
        start.elapsed().saturating_sub(built).as_secs_f64()
    );
    if !tests.is_empty() {
        println!("not run, a tool missing:");
        for (test, tool) in &tests {
            println!("  {test} ({tool})");
        }
    }
    println!("{}", summary(counts, tests.len() as u64, &tools));
    if cargo_ok && counts.failed == 0 && tests.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_sum_every_result_line() {
        let mut counts = Counts::default();
        counts.add("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s");
        counts.add("test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1s");
        counts.add("test something ... ok");
        counts.add("running 5 tests");
        assert_eq!(counts, Counts { passed: 15, failed: 2, ignored: 1 });
    }

    #[test]
    fn skipped_tests_are_not_passed() {
        let counts = Counts { passed: 15, failed: 0, ignored: 0 };
        let tools = BTreeSet::from(["aiosmtpd".to_owned(), "chromium".to_owned()]);
        assert_eq!(
            summary(counts, 2, &tools),
            "tests: 13 passed, 0 failed, 2 skipped (missing tools: aiosmtpd, chromium)"
        );
        assert_eq!(summary(counts, 0, &BTreeSet::new()), "tests: 15 passed, 0 failed, 0 skipped");
    }

    #[test]
    fn the_skip_log_names_tests_and_tools() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("skips.tsv");
        std::fs::write(&log, "html::chromium_shows\tchromium\nend_to_end::relay\taiosmtpd\n").unwrap();
        let (tests, tools) = skips(&log);
        assert_eq!(tests.keys().collect::<Vec<_>>(), ["end_to_end::relay", "html::chromium_shows"]);
        assert_eq!(tests["html::chromium_shows"], "chromium");
        assert_eq!(tools.into_iter().collect::<Vec<_>>(), ["aiosmtpd", "chromium"]);
    }
}
