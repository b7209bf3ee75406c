//! The organism keys the checker decrypts with: the test PKI's key for each routing address it covers,
//! or one key given by the user (`--key`/`--cert`) for whatever address the lot routes to.

use scor_lot::cms::Key;
use scor_lot::pki::TestPki;
use std::collections::BTreeMap;
use std::io;
use std::path::Path;

/// Keys by routing address, and possibly one key for any address.
#[derive(Debug, Default)]
pub struct Keys {
    by_address: BTreeMap<String, Key>,
    any: Option<Key>,
}

impl Keys {
    /// Every key of the test PKI in `dir` (TEST ONLY keys, see `test-pki/README.md`).
    pub fn test_pki(dir: &Path) -> io::Result<Self> {
        let pki = TestPki::open(dir)?;
        let mut by_address = BTreeMap::new();
        for address in pki.addresses() {
            by_address.insert(address.to_ascii_lowercase(), pki.key(address)?);
        }
        Ok(Self { by_address, any: None })
    }

    /// One key, used whatever the lot's routing address.
    pub fn single(key: Key) -> Self {
        Self { by_address: BTreeMap::new(), any: Some(key) }
    }

    /// The key for `address`.
    pub fn for_address(&self, address: &str) -> Option<&Key> {
        self.any.as_ref().or_else(|| self.by_address.get(&address.to_ascii_lowercase()))
    }

    /// Loads a PEM certificate and private key (`--cert`, `--key`).
    pub fn from_pem_files(cert: &Path, key: &Path) -> io::Result<Self> {
        let invalid = |e: openssl::error::ErrorStack| io::Error::new(io::ErrorKind::InvalidData, e.to_string());
        let cert = openssl::x509::X509::from_pem(&std::fs::read(cert)?).map_err(invalid)?;
        let pkey = openssl::pkey::PKey::private_key_from_pem(&std::fs::read(key)?).map_err(invalid)?;
        Ok(Self::single(Key { cert, pkey }))
    }
}
