//! `cargo run -p scor-test-tools -- [check|install] [--build]`: lists the tools scor-kit needs and which
//! are missing (`check`), or installs the missing ones as root (`install`); with `--build`, only what
//! building the workspace needs (OpenSSL's headers), so that `cargo xtask` can be built on a fresh machine.
//! Exit code: 0 nothing missing (or all installed), 2 something missing or not installed.

use scor_test_tools::{Need, TOOLS, install};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let needs: &[Need] = if args.iter().any(|a| a == "--build") { &[Need::Build] } else { &[Need::Build, Need::Tests] };
    let result = match args.iter().find(|a| !a.starts_with("--")).map(String::as_str) {
        None | Some("check") => {
            for tool in TOOLS.iter().filter(|t| needs.contains(&t.need)) {
                let state = if tool.find().is_some() { "ok" } else { "MISSING" };
                println!("{state:<8} {:<11} {} ({})", tool.name, tool.needed_by, tool.install.command());
            }
            let missing = install::missing(needs);
            if missing.is_empty() { Ok(()) } else { Err(format!("{} tool(s) missing", missing.len())) }
        }
        Some("install") => install::ensure(needs).map(|installed| {
            if installed.is_empty() {
                eprintln!("every tool is installed");
            }
        }),
        Some(other) => Err(format!("unknown command `{other}`: check or install [--build]")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
