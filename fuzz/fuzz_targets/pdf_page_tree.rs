//! Fuzz target `pdf_page_tree` (structured): `arbitrary` page trees (cycles, dangling Kids, Count,
//! inherited attributes) written as a PDF; the walk, the PDF/A checker and the scan analysis agree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scor_fuzz::page_tree::{Tree, check};

fuzz_target!(|tree: Tree| {
    scor_fuzz::tolerate_caught_panics();
    check(&tree);
});
