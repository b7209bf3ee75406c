//! `cargo xtask <task>`: scor-kit's maintainer tasks (codegen, pki, fuzz, vectors, test), and the user
//! commands of the `scor` binary (scor-kit's library) run from the repository. With no task, lists them.

mod fixtures;
mod fuzz;
mod test;
mod vectors;

use clap::{Parser, Subcommand};
use scor_kit::{Context, TaskError};
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
    Dictionary(scor_kit::dictionary::Args),
    /// Check every table of every dictionary version and report mistakes as file:line
    /// (the same as `cargo xtask spec check`).
    SpecCheck,
    /// Dictionary versions: `new` VERSION --from VERSION, `check` every table, `diff` A B [--out FILE.md].
    Spec(scor_kit::spec::Args),
    /// Check PDF files (or folders of them) against PDF/A-1b (ISO 19005-1), in parallel, with the checker
    /// `conform` uses: one verdict per file, each violation with clause, test number, object and message.
    /// Exit code: 0 every file passes, 1 a file fails, 2 usage or I/O error, 3 a file not fully evaluated.
    Pdfa(scor_kit::pdfa::Args),
    /// Check lots and report every deviation with the ARL the receiving side would send.
    /// Exit code: 0 conformant, 1 not conformant, 2 usage or I/O error, 3 not fully evaluated.
    Conform(scor_kit::conform::Args),
    /// Check one PDF as a PJ: its size, PDF/A-1b clause by clause, and scan quality.
    Pj(scor_kit::pj::Args),
    /// The checks over HTTP (`scor serve`): `POST /v1/lots`, `/v1/pj`, `/v1/arl`, a page at `/`.
    Serve(scor_kit::serve::Args),
    /// Check an evidence folder (`conform --evidence DIR`): hash every input file, the advisor file and
    /// the reports again and name each one no longer as recorded. Exit code: 0 unchanged, 1 changed.
    VerifyEvidence(scor_kit::conform::VerifyArgs),
    /// A rule in words: description, provenance and source, ARL causes and labels, the limits it reads,
    /// a failing and a passing example from the repository's fixtures (`--format markdown` for Markdown).
    Explain(scor_kit::rules::ExplainArgs),
    /// Rule coverage of a corpus of lots: per rule how many samples raised it or read its input and
    /// passed, the lot rules no sample exercised, the ARL causes the corpus gives (text, json, markdown).
    Coverage(scor_kit::rules::CoverageArgs),
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
    Arl(vectors::Args),
    /// Fuzzing (nightly): `seed` the corpora, or run a target of fuzz/ (or `all`) and print a table.
    Fuzz(fuzz::Args),
    /// The receiving side over SMTP (PAIR simulator): `serve` lots and answer ARLs, `status` of a data dir.
    Pair(scor_kit::pair::Args),
    /// The test suite: checks for (as root, installs) the tools it needs, runs `cargo test --workspace`
    /// and ends with `tests: N passed, F failed, S skipped`. Exit code: 0 every test passed.
    Test(test::Args),
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf()
}

fn main() -> ExitCode {
    scor_conformance::panics::note_caught();
    let cli = Cli::parse();
    let root = repo_root();
    let cx = Context { repository: Some(root.clone()) };
    let result = match cli.task {
        Task::Codegen { check } => codegen(&root, check),
        Task::Dictionary(args) => scor_kit::dictionary::show(&args),
        Task::SpecCheck => return scor_kit::spec::check(&root),
        Task::Spec(args) => return scor_kit::spec::run(&cx, &args),
        Task::Conform(args) => return scor_kit::conform::run(&args),
        Task::Pdfa(args) => return scor_kit::pdfa::run(&args),
        Task::Pj(args) => return scor_kit::pj::run(&args),
        Task::Serve(args) => return scor_kit::exit(scor_kit::serve::run(&args)),
        Task::VerifyEvidence(args) => return scor_kit::conform::verify_evidence(&args),
        Task::Explain(args) => scor_kit::rules::explain(&cx, &args),
        Task::Coverage(args) => scor_kit::rules::coverage(&args),
        Task::Pki { export: Some(fixtures::PkiExport::Export { dir }), .. } => fixtures::export_pki(&root, &dir),
        Task::Pki { export: None, address } => fixtures::pki(&root, &address),
        Task::ExampleLot => fixtures::example_lot(&root),
        Task::Arl(args) => return vectors::run(&root, args),
        Task::Fuzz(args) => return fuzz::run(&root, &args),
        Task::Pair(args) => return scor_kit::pair::run(&cx, args),
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
