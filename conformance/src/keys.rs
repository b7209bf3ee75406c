//! The organism certificates and keys the checker knows: the test PKI's keys (TEST ONLY), a key given
//! by the user (`--key`/`--cert`), public certificates of the real organisms (`--certs`), and which of
//! them an envelope is sealed for.

use scor_lot::cms::{self, CmsEnvelope, Key};
use scor_lot::pki::TestPki;
use std::collections::BTreeMap;
use std::io;
use std::path::Path;
use std::sync::OnceLock;

/// Keys and certificates by routing address.
#[derive(Debug, Default)]
pub struct Keys {
    /// Private keys of the test PKI, by routing address (lower case).
    test: BTreeMap<String, TestKey>,
    /// One key for whatever address the lot routes to (`--key`/`--cert`).
    any: Option<Key>,
    /// Public certificates of the organisms, by routing address (`--certs`).
    certificates: BTreeMap<String, openssl::x509::X509>,
}

/// A test key, parsed when first asked for: a run meets one or two routing addresses, and OpenSSL's
/// PEM decoders take longer over every key of the PKI than the check of a small lot.
#[derive(Debug)]
struct TestKey {
    /// Certificate and private key, PEM; empty for a key given parsed.
    pem: (&'static [u8], &'static [u8]),
    /// The key, once parsed (`None` when its PEM does not parse).
    parsed: OnceLock<Option<Key>>,
}

impl TestKey {
    fn parsed(key: Key) -> Self {
        Self { pem: (&[], &[]), parsed: OnceLock::from(Some(key)) }
    }

    fn key(&self) -> Option<&Key> {
        self.parsed.get_or_init(|| Key::from_pem(self.pem.0, self.pem.1).ok()).as_ref()
    }
}

/// What the checker knows of the certificate a lot's envelopes must be sealed for.
#[derive(Debug, Clone, Copy)]
pub enum Expected<'a> {
    /// A certificate with its private key: the envelope can be opened. `authoritative` is false for
    /// a test PKI key, which stands for the address only in tests: a production lot is sealed for
    /// another certificate.
    Key { key: &'a Key, authoritative: bool },
    /// The organism's public certificate only: the recipient is checked, nothing is decrypted.
    Certificate(&'a openssl::x509::X509),
    /// Nothing for this address.
    Unknown,
}

/// Whom an envelope is sealed for, as far as the checker can tell.
#[derive(Debug, Clone, Copy)]
pub enum Sealing<'a> {
    /// For the address's key: it can be opened.
    Openable(&'a Key),
    /// For the address's public certificate: right recipient, no key to open it.
    RightRecipient,
    /// For another certificate than the one the address must have (named when known).
    WrongRecipient { sealed_for: Option<&'a str> },
    /// For a certificate the checker does not know, while it only holds a test key for the address:
    /// possibly the organism's production certificate.
    UnknownRecipient,
    /// The checker knows no certificate for the address.
    NoCertificate,
}

impl Keys {
    /// Every key of the test PKI in `dir` (TEST ONLY keys, see `test-pki/README.md`).
    pub fn test_pki(dir: &Path) -> io::Result<Self> {
        let pki = TestPki::open(dir)?;
        let keys = pki.addresses().iter().map(|address| Ok((address.clone(), pki.key(address)?)));
        Ok(Self::test(keys.collect::<io::Result<Vec<_>>>()?))
    }

    /// Test keys (TEST ONLY) by routing address, as [`Keys::test_pki`] reads them from a folder.
    pub fn test(keys: Vec<(String, Key)>) -> Self {
        let test =
            keys.into_iter().map(|(address, key)| (address.to_ascii_lowercase(), TestKey::parsed(key))).collect();
        Self { test, ..Self::default() }
    }

    /// Test keys (TEST ONLY) as (routing address, certificate PEM, private key PEM), each parsed when a
    /// lot first needs it; one whose PEM does not parse is as if absent.
    pub fn test_pem(keys: &[(&str, &'static [u8], &'static [u8])]) -> Self {
        let test = keys
            .iter()
            .map(|(address, cert, key)| {
                (address.to_ascii_lowercase(), TestKey { pem: (cert, key), parsed: OnceLock::new() })
            })
            .collect();
        Self { test, ..Self::default() }
    }

    /// One key, used whatever the lot's routing address.
    pub fn single(key: Key) -> Self {
        Self { any: Some(key), ..Self::default() }
    }

    /// Loads a PEM certificate and private key (`--cert`, `--key`).
    pub fn from_pem_files(cert: &Path, key: &Path) -> io::Result<Self> {
        let (cert, key) = (std::fs::read(cert)?, std::fs::read(key)?);
        Key::from_pem(&cert, &key).map(Self::single).map_err(invalid)
    }

    /// Adds the public certificates of folder `dir`, laid out as the SESAM-Vitale client packages lay
    /// out their certificate table: one `<routing address>.der` (or `.pem`) per address. They stand
    /// for their address before any test key.
    pub fn with_certificates(mut self, dir: &Path) -> io::Result<Self> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let Some((address, extension)) = address_and_extension(&path) else { continue };
            let bytes = std::fs::read(&path)?;
            let cert = match extension.as_str() {
                "der" | "cer" | "crt" => openssl::x509::X509::from_der(&bytes),
                _ => openssl::x509::X509::from_pem(&bytes),
            }
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("{}: {e}", path.display())))?;
            self.certificates.insert(address, cert);
        }
        Ok(self)
    }

    /// The private key for `address`, if the checker has one.
    pub fn for_address(&self, address: &str) -> Option<&Key> {
        self.any.as_ref().or_else(|| self.test.get(&address.to_ascii_lowercase())?.key())
    }

    /// What the checker knows of the certificate of `address`.
    pub fn expected(&self, address: &str) -> Expected<'_> {
        let address = address.to_ascii_lowercase();
        if let Some(key) = &self.any {
            return Expected::Key { key, authoritative: true };
        }
        if let Some(cert) = self.certificates.get(&address) {
            return match self.test.get(&address).and_then(TestKey::key) {
                Some(key) if same_certificate(&key.cert, cert) => Expected::Key { key, authoritative: true },
                _ => Expected::Certificate(cert),
            };
        }
        match self.test.get(&address).and_then(TestKey::key) {
            Some(key) => Expected::Key { key, authoritative: false },
            None => Expected::Unknown,
        }
    }

    /// Whom `envelope` is sealed for, for a lot routed to `address`.
    pub fn sealing(&self, address: &str, envelope: &CmsEnvelope) -> Sealing<'_> {
        // Who else holds the envelope's certificate is asked only when it is not the expected one.
        match self.expected(address) {
            Expected::Key { key, .. } if cms::is_recipient(&key.cert, envelope) => Sealing::Openable(key),
            Expected::Certificate(cert) if cms::is_recipient(cert, envelope) => Sealing::RightRecipient,
            Expected::Key { authoritative: true, .. } | Expected::Certificate(_) => {
                Sealing::WrongRecipient { sealed_for: self.holder(envelope) }
            }
            Expected::Key { authoritative: false, .. } => match self.holder(envelope) {
                Some(holder) => Sealing::WrongRecipient { sealed_for: Some(holder) },
                None => Sealing::UnknownRecipient,
            },
            Expected::Unknown => match self.holder(envelope) {
                Some(holder) => Sealing::WrongRecipient { sealed_for: Some(holder) },
                None => Sealing::NoCertificate,
            },
        }
    }

    /// The routing address of a known certificate the envelope is sealed for.
    fn holder(&self, envelope: &CmsEnvelope) -> Option<&str> {
        let certificates = self.certificates.iter();
        let test = self.test.iter().filter_map(|(address, key)| Some((address, &key.key()?.cert)));
        certificates
            .chain(test)
            .find(|(_, cert)| cms::is_recipient(cert, envelope))
            .map(|(address, _)| address.as_str())
    }
}

/// Whether two certificates are the same (an exported test certificate given back with `--certs`).
fn same_certificate(a: &openssl::x509::X509, b: &openssl::x509::X509) -> bool {
    matches!((a.to_der(), b.to_der()), (Ok(a), Ok(b)) if a == b)
}

/// `01.751@01.scor.rss.fr.der` → (`01.751@01.scor.rss.fr`, `der`).
fn address_and_extension(path: &Path) -> Option<(String, String)> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    if !matches!(extension.as_str(), "der" | "cer" | "crt" | "pem") {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    let address = stem.strip_suffix(".cert").unwrap_or(stem);
    address.contains('@').then(|| (address.to_ascii_lowercase(), extension))
}

fn invalid(error: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, error.to_string())
}
