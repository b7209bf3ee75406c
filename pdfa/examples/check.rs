//! Command-line check of PDF files against PDF/A-1b: `cargo run -p scor-pdfa --example check -- FILE...`.
//! Prints one line per violation, limit stop and clause not evaluated; exits 1 when any file is not clean.

use scor_pdfa::{Limits, check};

fn main() {
    let limits = Limits {
        max_input_bytes: 256 << 20,
        max_decoded_stream_bytes: 64 << 20,
        max_objects: 1_000_000,
        max_pages: 10_000,
        max_findings_per_test: 10,
    };
    let mut clean = true;
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                clean = false;
                continue;
            }
        };
        let report = check(&bytes, &limits);
        println!("{path}: {} violation(s), pages {:?}", report.violations.len(), report.pages);
        for v in &report.violations {
            println!("  {} test {}: {} ({:?})", v.clause, v.test, v.message, v.location);
        }
        for (clause, why) in &report.not_evaluated {
            println!("  not evaluated {clause}: {why}");
        }
        for stop in &report.stops {
            println!("  stopped at {:?} ({}): {}", stop.limit, stop.value, stop.message);
        }
        for (clause, limit) in &report.not_evaluated_at_limit {
            println!("  not evaluated {clause} after the limit {limit:?}");
        }
        clean &= report.is_clean();
    }
    std::process::exit(i32::from(!clean));
}
