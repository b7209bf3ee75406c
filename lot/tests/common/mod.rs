//! Shared by the integration tests: the committed test PKI.
//! TEST ONLY keys, see test-pki/README.md.

#![allow(dead_code)]

use std::path::PathBuf;

use scor_lot::cms::Key;

/// The routing addresses the committed test PKI has keys for.
pub const ADDRESSES: [&str; 5] = [
    "01.011@01.scor.rss.fr",
    "01.751@01.scor.rss.fr",
    "01.921@01.scor.rss.fr",
    "02.11@02.scor.rss.fr",
    "03.11@03.scor.rss.fr",
];

pub fn pki_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("test-pki")
}

pub fn key(address: &str) -> Key {
    scor_lot::pki::load(&pki_dir(), address).unwrap()
}
