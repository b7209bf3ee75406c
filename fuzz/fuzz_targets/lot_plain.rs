//! Fuzz target `lot_plain`: any bytes as a lot before sealing in a tar archive (`conform --plain`): the
//! indexes and PJ in the clear, so mutations reach them. Never panics; an ARL it writes reads back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    scor_fuzz::tolerate_caught_panics();
    let checked = scor_conformance::check_tar("lot.tar".to_owned(), data, scor_fuzz::plain_config());
    scor_fuzz::arl_reads_back(&checked);
});
