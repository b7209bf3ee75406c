//! `cargo xtask <task>`: the commands of scor-kit. With no task, lists them.

mod arl;
mod conform;
mod dictionary;
mod error;
mod fixtures;
mod fuzz;
mod pair;
mod spec;
mod test;

use clap::{Parser, Subcommand};
use error::TaskError;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "scor-kit tasks", arg_required_else_help = true)]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Regenerate generated/ from the tables of spec/ (or, with --check, fail if it is stale).
    Codegen {
        /// Compare instead of writing; fail naming every stale, missing or orphan file.
        #[arg(long)]
        check: bool,
    },
    /// Show the SCOR dictionary: messages, data elements, code lists and limits.
    Dictionary(dictionary::Args),
    /// Check every table of every dictionary version and report mistakes as file:line
    /// (the same as `cargo xtask spec check`).
    SpecCheck,
    /// Dictionary versions: `new` VERSION --from VERSION, `check` every table, `diff` A B [--out FILE.md].
    Spec(spec::Args),
    /// Check lots and report every deviation with the ARL the receiving side would send.
    /// Exit code: 0 conformant, 1 not conformant, 2 usage or I/O error.
    Conform(conform::Args),
    /// Regenerate the test PKI (TEST ONLY keys) in test-pki/, then the example lot; or `export DIR` its
    /// certificates as `<routing address>.der`, the layout of an LPS's certificate table.
    Pki {
        #[command(subcommand)]
        export: Option<fixtures::PkiExport>,
        /// A routing address to add to the PKI's.
        #[arg(long)]
        address: Vec<String>,
    },
    /// Rebuild examples/lot/ and examples/lot.eml, sealed with the test PKI.
    ExampleLot,
    /// The answering side: classify a return (ARL or service message), record sent lots, ARL vectors.
    Arl(arl::Args),
    /// Fuzzing (nightly): `seed` the corpora, or run a target of fuzz/ (or `all`) and print a table.
    Fuzz(fuzz::Args),
    /// The receiving side over SMTP (PAIR simulator): `serve` lots and answer ARLs, `status` of a data dir.
    Pair(pair::Args),
    /// The test suite: checks for (as root, installs) the tools it needs, runs `cargo test --workspace`
    /// and ends with `tests: N passed, F failed, S skipped`. Exit code: 0 every test passed.
    Test(test::Args),
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = repo_root();
    let result = match cli.task {
        Task::Codegen { check } => codegen(&root, check),
        Task::Dictionary(args) => dictionary::show(&args),
        Task::SpecCheck => return spec::check(&root),
        Task::Spec(args) => return spec::run(&root, &args),
        Task::Conform(args) => return conform::run(&root, &args),
        Task::Pki { export: Some(fixtures::PkiExport::Export { dir }), .. } => fixtures::export_pki(&root, &dir),
        Task::Pki { export: None, address } => fixtures::pki(&root, &address),
        Task::ExampleLot => fixtures::example_lot(&root),
        Task::Arl(args) => return arl::run(&root, &args),
        Task::Fuzz(args) => return fuzz::run(&root, &args),
        Task::Pair(args) => return pair::run(&root, args),
        Task::Test(args) => return test::run(&root, &args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn codegen(root: &std::path::Path, check: bool) -> Result<(), TaskError> {
    let changed = scor_codegen::generate(root, check)?;
    if check {
        println!("generated files are fresh");
    } else if changed.is_empty() {
        println!("generated files were already up to date");
    } else {
        for path in &changed {
            println!("wrote {path}");
        }
    }
    Ok(())
}
