//! Fuzz target `pj_image` (structured): an image XObject (size, bits, colour space,
//! filters, parameters, stream bytes) on a one-page PDF; the scan analysis decodes or skips it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scor_fuzz::page_image::{Image, check};

fuzz_target!(|bytes: &[u8]| {
    scor_fuzz::tolerate_caught_panics();
    check(&Image::from_bytes(bytes));
});
