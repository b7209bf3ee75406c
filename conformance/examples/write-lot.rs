//! Writes a lot of N dossiers × 2 PJ, built with scor-sender from the example plan and sealed with the
//! test PKI (TEST ONLY keys), into DIR; then checks it and says whether it is conformant.
//!
//! `cargo run --release -p scor-conformance --example write-lot -- DIR N [PJ]`, PJ one of `example`
//! (the example's small scans, the default), `text:BYTES` (bitonal text-like pages, about BYTES per PJ)
//! or `noise:BYTES` (one grey page of noise, about BYTES per PJ; such a lot is not conformant).

#[path = "../benches/support/mod.rs"]
mod support;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(n)) = (args.next(), args.next()) else {
        eprintln!("usage: write-lot DIR N [example|text:BYTES|noise:BYTES]");
        return ExitCode::from(2);
    };
    let kind = args.next().unwrap_or_else(|| "example".to_owned());
    let Some(pj) = support::Pj::parse(&kind) else {
        eprintln!("PJ must be example, text:BYTES or noise:BYTES, got {kind:?}");
        return ExitCode::from(2);
    };
    let Ok(dossiers) = n.parse::<usize>() else {
        eprintln!("N must be a number of dossiers, got {n:?}");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    let lot = support::built_lot_of(dossiers, pj);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        return ExitCode::from(2);
    }
    for file in &lot {
        if let Err(e) = std::fs::write(dir.join(&file.name), &file.bytes) {
            eprintln!("{}: {e}", dir.join(&file.name).display());
            return ExitCode::from(2);
        }
    }
    let checked = scor_conformance::check_files_in_memory(dir.display().to_string(), &lot, &support::config());
    let conformant = checked.outcome.is_conformant();
    println!(
        "{}: {} files, {} bytes, {dossiers} dossiers; {}",
        dir.display(),
        lot.len(),
        support::lot_bytes(&lot),
        if conformant { "conformant" } else { "NOT conformant" }
    );
    if !conformant {
        for finding in &checked.outcome.findings {
            eprintln!("{finding:?}");
        }
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
