//! Fuzz target `lot_tar`: any bytes as a lot in a tar archive, checked end to end with the test PKI.
//! Never panics; an ARL it writes is two well-formed documents that build their typed models.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    scor_fuzz::tolerate_caught_panics();
    let checked = scor_conformance::check_tar("lot.tar".to_owned(), data, scor_fuzz::config());
    scor_fuzz::arl_reads_back(&checked);
});
