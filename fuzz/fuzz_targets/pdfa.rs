//! Fuzz target `pdfa`: any bytes checked as a PDF/A-1b PJ with the conformance checker's limits.
//! Never panics (panics of lopdf are caught by scor-pdfa by design), and the report is bounded.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    scor_fuzz::tolerate_caught_panics();
    let limits = scor_fuzz::pdfa_limits();
    let report = scor_pdfa::check(data, &limits);
    if let Some(pages) = report.pages {
        assert!(pages <= limits.max_pages);
    }
});
