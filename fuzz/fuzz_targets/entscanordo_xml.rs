//! Fuzz target `entscanordo_xml`: any bytes read as ENTSCANORDO (lot header) (streaming validator, then the typed model).
//! Never panics; a document read without error and written back reads back equal, without error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scor_dictionary::latest::entscanordo::Entscanordo;

fuzz_target!(|data: &[u8]| scor_fuzz::xml_target::<Entscanordo>(data));
