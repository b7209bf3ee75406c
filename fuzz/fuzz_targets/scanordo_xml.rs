//! Fuzz target `scanordo_xml`: any bytes read as SCANORDO (dossier index) (streaming validator, then the typed model).
//! Never panics; a document read without error and written back reads back equal, without error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scor_dictionary::latest::scanordo::Scanordo;

fuzz_target!(|data: &[u8]| scor_fuzz::xml_target::<Scanordo>(data));
