//! scor-kit's user commands, shared by the installed `scor` binary and `cargo xtask`: `conform`, `pdfa`,
//! `pj`, `arl`, `pair`, `spec`, `dictionary`, `serve`, `explain`, `coverage` and `verify-evidence`, each a
//! module with its arguments and its run.
//!
//! - [`embedded`]: the test PKI and the example lot compiled in, so an installed binary needs no checkout.
//! - [`serve`]: the stateless HTTP service (`scor serve`) and its page.

pub mod arl;
pub mod conform;
pub mod context;
pub mod dictionary;
pub mod embedded;
pub mod error;
pub mod lang;
pub mod lot_history;
pub mod pair;
pub mod pdfa;
pub mod pj;
pub mod rules;
pub mod serve;
pub mod spec;

use std::process::ExitCode;

pub use context::Context;
pub use error::TaskError;

/// The user commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Check lots and report every deviation with the ARL the receiving side would send.
    /// Exit code: 0 conformant, 1 not conformant, 2 usage or I/O error, 3 not fully evaluated.
    Conform(conform::Args),
    /// Check PDF files (or folders of them) against PDF/A-1b (ISO 19005-1), in parallel: one verdict per
    /// file, each violation with clause, test number, object and message.
    /// Exit code: 0 every file passes, 1 a file fails, 2 usage or I/O error, 3 a file not fully evaluated.
    Pdfa(pdfa::Args),
    /// Check one PDF as a PJ: its size, PDF/A-1b clause by clause, and scan quality.
    /// Exit code: 0 conformant, 1 not conformant, 2 usage or I/O error, 3 not fully evaluated.
    Pj(pj::Args),
    /// The answering side: classify a return (ARL or service message), record sent lots.
    Arl(arl::Args),
    /// The receiving side over SMTP (PAIR simulator): `serve` lots and answer ARLs, `status` of a data dir.
    Pair(pair::Args),
    /// Dictionary versions: `check` every table, `diff` A B [--out FILE.md], `new` VERSION --from VERSION.
    Spec(spec::Args),
    /// Show the SCOR dictionary: messages, data elements, code lists and limits.
    Dictionary(dictionary::Args),
    /// The checks over HTTP: `POST /v1/lots`, `/v1/pj`, `/v1/arl`, a page at `/` (loopback by default).
    Serve(serve::Args),
    /// Print the OpenAPI document of `scor serve`.
    Openapi,
    /// A rule in words: description, provenance and source, ARL causes and labels, the limits it reads,
    /// a failing and a passing example from a checkout's fixtures (`--format markdown` for Markdown).
    Explain(rules::ExplainArgs),
    /// Rule coverage of a corpus of lots: per rule how many samples raised it or read its input and
    /// passed, the lot rules no sample exercised, the ARL causes the corpus gives (text, json, markdown).
    Coverage(rules::CoverageArgs),
    /// Check an evidence folder (`conform --evidence DIR`): hash every input file, the advisor file and
    /// the reports again and name each one no longer as recorded. Exit code: 0 unchanged, 1 changed,
    /// 2 no readable manifest.
    VerifyEvidence(conform::VerifyArgs),
}

/// Runs `command` with the exit code its help gives.
pub fn run(command: Command, cx: &Context) -> ExitCode {
    scor_conformance::panics::note_caught();
    match command {
        Command::Conform(args) => conform::run(&args),
        Command::Pdfa(args) => pdfa::run(&args),
        Command::Pj(args) => pj::run(&args),
        Command::Arl(args) => arl::run(args.command),
        Command::Pair(args) => pair::run(cx, args),
        Command::Spec(args) => spec::run(cx, &args),
        Command::Dictionary(args) => exit(dictionary::show(&args)),
        Command::Serve(args) => exit(serve::run(&args)),
        Command::Explain(args) => exit(rules::explain(cx, &args)),
        Command::Coverage(args) => exit(rules::coverage(&args)),
        Command::VerifyEvidence(args) => conform::verify_evidence(&args),
        Command::Openapi => {
            print!("{}", serve::openapi::document_text());
            ExitCode::SUCCESS
        }
    }
}

/// 0 when done, 2 after printing the error.
pub fn exit(result: Result<(), TaskError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
