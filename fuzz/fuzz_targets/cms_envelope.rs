//! Fuzz target `cms_envelope`: any bytes as a CMS envelope, inspected then opened with the test key.
//! Never panics; opening fails exactly as inspecting does, and never returns more than the cap.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scor_lot::cms::{self, CmsError};

/// The cap of an index (the XML reading limit is far larger; a small cap exercises the size check).
const CAP: u64 = 4096;

fuzz_target!(|data: &[u8]| {
    let inspected = cms::inspect(data);
    let key = scor_fuzz::example_key();
    let opened = cms::open(data, key, CAP);
    match (&inspected, &opened) {
        (Err(inspect), Err(open)) => assert_eq!(inspect, open),
        (Err(inspect), Ok(_)) => panic!("inspect failed ({inspect}) but open succeeded"),
        (Ok(info), Ok(plain)) => {
            assert!(plain.len() as u64 <= CAP);
            assert!(key.matches(info));
        }
        (Ok(info), Err(CmsError::NoMatchingRecipient)) => assert!(!key.matches(info)),
        (Ok(_), Err(_)) => {}
    }
});
