//! The test PKI: a test CA and, per routing address, an organism certificate and RSA key, so that
//! lots can be sealed and opened end to end on any machine. TEST ONLY: never for real data.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use openssl::asn1::{Asn1Integer, Asn1Time};
use openssl::bn::{BigNum, MsbOption};
use openssl::error::ErrorStack;
use openssl::hash::MessageDigest;
use openssl::pkey::{PKey, Private};
use openssl::rsa::Rsa;
use openssl::x509::extension::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectAlternativeName, SubjectKeyIdentifier,
};
use openssl::x509::{X509, X509Builder, X509Name};

use crate::cms::Key;

/// Organisation written in every test certificate.
pub const TEST_ORGANISATION: &str = "scor-kit TEST ONLY - not for production";
/// Common name of the test CA.
pub const TEST_CA_NAME: &str = "scor-kit TEST ONLY CA";

const NOT_BEFORE: &str = "20200101000000Z";
const NOT_AFTER: &str = "20491231235959Z";
const RSA_BITS: u32 = 2048;
const CA_CERT: &str = "ca.pem";
const CA_KEY: &str = "ca.key.pem";
const CERT_SUFFIX: &str = ".cert.pem";
const KEY_SUFFIX: &str = ".key.pem";

const README: &str = "# Test PKI\n\n\
**TEST ONLY. These keys and certificates are committed on purpose, their private keys are public, \
and they must never be used with real data (no real patient, professional or insurer data, no \
real SCOR exchange).**\n\n\
They let scor-kit seal and open the `.pkcs7` files of a lot end to end on a fresh machine, with no secret.\n\n\
- `ca.pem`, `ca.key.pem`: the test CA (CN \"scor-kit TEST ONLY CA\").\n\
- `<address>.cert.pem`, `<address>.key.pem`: for each routing address, an organism certificate \
(CN = the address, also given as an e-mail subject alternative name) and its RSA-2048 key (PKCS#8, \
not encrypted), signed by the test CA.\n\n\
All are valid from 2020-01-01 to 2049-12-31. Keys and serial numbers are new at each generation.\n\n\
Regenerate with:\n\n```sh\ncargo xtask pki\n```\n\n\
(which calls `scor_lot::pki::generate`). Anything sealed for the previous keys can no longer be opened.\n";

fn to_io(error: ErrorStack) -> io::Error {
    io::Error::other(error)
}

/// Writes a new test PKI in `dir` (created if needed): the CA, one certificate and key per
/// address, and a README. Files already there are overwritten.
pub fn generate(dir: &Path, addresses: &[&str]) -> io::Result<()> {
    for address in addresses {
        check_address(address)?;
    }
    fs::create_dir_all(dir)?;
    let (ca_cert, ca_key) = make_ca().map_err(to_io)?;
    fs::write(dir.join(CA_CERT), ca_cert.to_pem().map_err(to_io)?)?;
    fs::write(dir.join(CA_KEY), ca_key.private_key_to_pem_pkcs8().map_err(to_io)?)?;
    for address in addresses {
        let (cert, key) = make_organism(address, &ca_cert, &ca_key, (NOT_BEFORE, NOT_AFTER)).map_err(to_io)?;
        fs::write(cert_path(dir, address), cert.to_pem().map_err(to_io)?)?;
        fs::write(key_path(dir, address), key.private_key_to_pem_pkcs8().map_err(to_io)?)?;
    }
    fs::write(dir.join("README.md"), README)
}

/// Loads the organism key and certificate of `address` from a test PKI folder.
pub fn load(dir: &Path, address: &str) -> io::Result<Key> {
    check_address(address)?;
    Key::from_pem(&fs::read(cert_path(dir, address))?, &fs::read(key_path(dir, address))?)
}

/// A test PKI folder: its CA and the addresses it has keys for.
#[derive(Debug)]
pub struct TestPki {
    dir: PathBuf,
    ca: X509,
    addresses: Vec<String>,
}

impl TestPki {
    /// Opens a test PKI folder written by [`generate`].
    pub fn open(dir: &Path) -> io::Result<Self> {
        let ca = X509::from_pem(&fs::read(dir.join(CA_CERT))?).map_err(to_io)?;
        let mut addresses: Vec<String> = fs::read_dir(dir)?
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter_map(|name| name.strip_suffix(CERT_SUFFIX).map(str::to_owned))
            .collect();
        addresses.sort();
        Ok(Self { dir: dir.to_owned(), ca, addresses })
    }

    /// The routing addresses with a certificate and key, sorted.
    pub fn addresses(&self) -> &[String] {
        &self.addresses
    }

    /// The test CA certificate.
    pub fn ca(&self) -> &X509 {
        &self.ca
    }

    /// The key and certificate of `address`.
    pub fn key(&self, address: &str) -> io::Result<Key> {
        load(&self.dir, address)
    }

    /// Writes each organism certificate as `<address>.der` in `dir` (created if needed), the layout of
    /// the certificate table of SESAM-Vitale client packages: point an LPS at it to seal lots that
    /// scor-kit opens end to end. Returns the files written.
    pub fn export_certificates(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        fs::create_dir_all(dir)?;
        let mut written = Vec::new();
        for address in &self.addresses {
            let path = dir.join(format!("{address}.der"));
            fs::write(&path, self.key(address)?.cert.to_der().map_err(to_io)?)?;
            written.push(path);
        }
        Ok(written)
    }

    /// A new key for `address` with a certificate of the test CA valid from `not_before` to
    /// `not_after` (`YYYYMMDDhhmmssZ`), not written anywhere: for tests of certificate checks.
    pub fn issue(&self, address: &str, not_before: &str, not_after: &str) -> io::Result<Key> {
        check_address(address)?;
        let ca_key = PKey::private_key_from_pem(&fs::read(self.dir.join(CA_KEY))?).map_err(to_io)?;
        let validity = (not_before, not_after);
        let (cert, pkey) = make_organism(address, &self.ca, &ca_key, validity).map_err(to_io)?;
        Ok(Key { cert, pkey })
    }
}

fn cert_path(dir: &Path, address: &str) -> PathBuf {
    dir.join(format!("{address}{CERT_SUFFIX}"))
}

fn key_path(dir: &Path, address: &str) -> PathBuf {
    dir.join(format!("{address}{KEY_SUFFIX}"))
}

/// An address becomes a file name: only letters, digits, `.`, `@`, `-` and `_`, and no `..`.
fn check_address(address: &str) -> io::Result<()> {
    let plain = !address.is_empty()
        && !address.contains("..")
        && address.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '@' | '-' | '_'));
    if plain {
        Ok(())
    } else {
        Err(io::Error::new(io::ErrorKind::InvalidInput, format!("not a routing address: {address:?}")))
    }
}

fn new_key() -> Result<PKey<Private>, ErrorStack> {
    PKey::from_rsa(Rsa::generate(RSA_BITS)?)
}

fn name(common_name: &str) -> Result<X509Name, ErrorStack> {
    let mut name = X509Name::builder()?;
    name.append_entry_by_text("C", "FR")?;
    name.append_entry_by_text("O", TEST_ORGANISATION)?;
    name.append_entry_by_text("CN", common_name)?;
    Ok(name.build())
}

/// A certificate builder with the given validity, a random serial and the subject set.
fn builder(subject: &X509Name, key: &PKey<Private>, (from, until): (&str, &str)) -> Result<X509Builder, ErrorStack> {
    let mut builder = X509Builder::new()?;
    builder.set_version(2)?;
    let mut serial = BigNum::new()?;
    serial.rand(64, MsbOption::ONE, false)?;
    let serial = Asn1Integer::from_bn(&serial)?;
    builder.set_serial_number(&serial)?;
    builder.set_subject_name(subject)?;
    builder.set_pubkey(key)?;
    let (not_before, not_after) = (Asn1Time::from_str_x509(from)?, Asn1Time::from_str_x509(until)?);
    builder.set_not_before(&not_before)?;
    builder.set_not_after(&not_after)?;
    Ok(builder)
}

fn make_ca() -> Result<(X509, PKey<Private>), ErrorStack> {
    let key = new_key()?;
    let subject = name(TEST_CA_NAME)?;
    let mut builder = builder(&subject, &key, (NOT_BEFORE, NOT_AFTER))?;
    builder.set_issuer_name(&subject)?;
    builder.append_extension(BasicConstraints::new().critical().ca().build()?)?;
    builder.append_extension(KeyUsage::new().critical().key_cert_sign().crl_sign().build()?)?;
    let ski = SubjectKeyIdentifier::new().build(&builder.x509v3_context(None, None))?;
    builder.append_extension(ski)?;
    builder.sign(&key, MessageDigest::sha256())?;
    Ok((builder.build(), key))
}

fn make_organism(
    address: &str,
    ca: &X509,
    ca_key: &PKey<Private>,
    validity: (&str, &str),
) -> Result<(X509, PKey<Private>), ErrorStack> {
    let key = new_key()?;
    let mut builder = builder(&name(address)?, &key, validity)?;
    builder.set_issuer_name(ca.subject_name())?;
    builder.append_extension(BasicConstraints::new().critical().build()?)?;
    builder.append_extension(KeyUsage::new().critical().key_encipherment().digital_signature().build()?)?;
    builder.append_extension(ExtendedKeyUsage::new().email_protection().build()?)?;
    let context = builder.x509v3_context(Some(ca), None);
    let ski = SubjectKeyIdentifier::new().build(&context)?;
    let aki = AuthorityKeyIdentifier::new().keyid(true).build(&context)?;
    let san = SubjectAlternativeName::new().email(address).build(&context)?;
    builder.append_extension(ski)?;
    builder.append_extension(aki)?;
    builder.append_extension(san)?;
    builder.sign(ca_key, MessageDigest::sha256())?;
    Ok((builder.build(), key))
}
