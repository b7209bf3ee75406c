//! What an installed `scor` carries with it: the test PKI (TEST ONLY keys) and the example lot, compiled
//! in from `assets/` (links to the repository's `test-pki/` and `examples/`), so no checkout is needed.

use scor_conformance::Keys;
use std::io;
use std::path::Path;

/// Where the bundled example lot is said to come from in reports.
pub const EXAMPLE_LOT_NAME: &str = "examples/lot";

/// The example lot's files (name, bytes), sealed for the test PKI.
pub const EXAMPLE_LOT: &[(&str, &[u8])] = &[
    ("E-2026-ENTSCANORDO-00042.xml", include_bytes!("../assets/example-lot/E-2026-ENTSCANORDO-00042.xml")),
    ("D-001.pkcs7", include_bytes!("../assets/example-lot/D-001.pkcs7")),
    ("D-002.pkcs7", include_bytes!("../assets/example-lot/D-002.pkcs7")),
    ("P-001-001.pkcs7", include_bytes!("../assets/example-lot/P-001-001.pkcs7")),
    ("P-002-001.pkcs7", include_bytes!("../assets/example-lot/P-002-001.pkcs7")),
];

/// The example lot as an SMTP message.
pub const EXAMPLE_EML: &[u8] = include_bytes!("../assets/example-lot.eml");

/// One routing address of the test PKI: its certificate and private key (PEM).
macro_rules! organism {
    ($address:literal) => {
        (
            $address,
            include_bytes!(concat!("../assets/test-pki/", $address, ".cert.pem")).as_slice(),
            include_bytes!(concat!("../assets/test-pki/", $address, ".key.pem")).as_slice(),
        )
    };
}

/// The test PKI's organisms: (routing address, certificate PEM, key PEM). TEST ONLY.
pub const TEST_PKI: &[(&str, &[u8], &[u8])] = &[
    organism!("01.011@01.scor.rss.fr"),
    organism!("01.751@01.scor.rss.fr"),
    organism!("01.921@01.scor.rss.fr"),
    organism!("02.11@02.scor.rss.fr"),
    organism!("03.11@03.scor.rss.fr"),
];

/// The test CA's certificate and key, and the PKI's README, to write the PKI out as a folder.
const TEST_PKI_FILES: &[(&str, &[u8])] = &[
    ("ca.pem", include_bytes!("../assets/test-pki/ca.pem")),
    ("ca.key.pem", include_bytes!("../assets/test-pki/ca.key.pem")),
    ("README.md", include_bytes!("../assets/test-pki/README.md")),
];

/// The example lot as files in memory.
pub fn example_lot() -> Vec<scor_lot::files::LotFile> {
    let named = EXAMPLE_LOT.iter().map(|(name, bytes)| ((*name).to_owned(), bytes.to_vec())).collect();
    scor_lot::files::from_files(named)
}

/// Every key of the bundled test PKI (TEST ONLY), each parsed when a lot first needs it.
pub fn test_keys() -> Keys {
    Keys::test_pem(TEST_PKI)
}

/// Writes the bundled test PKI as a folder (the layout `scor_lot::pki` reads), for tools that want one.
pub fn write_test_pki(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, bytes) in TEST_PKI_FILES {
        std::fs::write(dir.join(name), bytes)?;
    }
    for (address, cert, key) in TEST_PKI {
        std::fs::write(dir.join(format!("{address}.cert.pem")), cert)?;
        std::fs::write(dir.join(format!("{address}.key.pem")), key)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::TEST_PKI;
    use scor_lot::cms::Key;

    /// The keys are parsed only when a lot needs one: each must parse, or its lots would be unopened.
    #[test]
    fn every_bundled_test_key_parses() {
        for (address, cert, key) in TEST_PKI {
            assert!(Key::from_pem(cert, key).is_ok(), "the test key of {address} parses");
        }
    }
}
