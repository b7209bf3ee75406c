//! The CMS (PKCS#7) EnvelopedData envelope around each `.pkcs7` lot file, in DER: seal it for a
//! recipient certificate, inspect its structure without decrypting, and open it with a key.

use cms::content_info::ContentInfo;
use cms::enveloped_data::{EnvelopedData, RecipientIdentifier, RecipientInfo};
use der::oid::ObjectIdentifier;
use der::{Decode, Encode, Reader, SliceReader};
use openssl::cms::{CMSOptions, CmsContentInfo};
use openssl::pkey::{PKey, Private};
use openssl::stack::Stack;
use openssl::symm::Cipher;
use openssl::x509::X509;

/// The content-encryption algorithm used to seal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ContentCipher {
    #[default]
    Aes256Cbc,
    Aes128Cbc,
    DesEde3Cbc,
}

impl ContentCipher {
    fn openssl(self) -> Cipher {
        match self {
            Self::Aes256Cbc => Cipher::aes_256_cbc(),
            Self::Aes128Cbc => Cipher::aes_128_cbc(),
            Self::DesEde3Cbc => Cipher::des_ede3_cbc(),
        }
    }

    /// The algorithm's OID, dotted.
    pub fn oid(self) -> &'static str {
        match self {
            Self::Aes256Cbc => AES256_CBC,
            Self::Aes128Cbc => AES128_CBC,
            Self::DesEde3Cbc => DES_EDE3_CBC,
        }
    }
}

const AES256_CBC: &str = "2.16.840.1.101.3.4.1.42";
const AES128_CBC: &str = "2.16.840.1.101.3.4.1.2";
const DES_EDE3_CBC: &str = "1.2.840.113549.3.7";
const ENVELOPED_DATA: &str = "1.2.840.113549.1.7.3";

/// Names of the OIDs an envelope may carry: content types and algorithms.
const KNOWN_OIDS: &[(&str, &str)] = &[
    ("1.2.840.113549.1.7.1", "data"),
    ("1.2.840.113549.1.7.2", "signedData"),
    (ENVELOPED_DATA, "envelopedData"),
    ("1.2.840.113549.1.7.4", "signedAndEnvelopedData"),
    ("1.2.840.113549.1.7.5", "digestedData"),
    ("1.2.840.113549.1.7.6", "encryptedData"),
    ("1.2.840.113549.1.9.16.1.2", "authData"),
    ("1.2.840.113549.1.9.16.1.9", "compressedData"),
    ("1.2.840.113549.1.9.16.1.23", "authEnvelopedData"),
    ("1.2.840.113549.1.1.1", "rsaEncryption"),
    ("1.2.840.113549.1.1.7", "rsaes-oaep"),
    (AES128_CBC, "aes128-CBC"),
    ("2.16.840.1.101.3.4.1.22", "aes192-CBC"),
    (AES256_CBC, "aes256-CBC"),
    ("2.16.840.1.101.3.4.1.6", "aes128-GCM"),
    ("2.16.840.1.101.3.4.1.46", "aes256-GCM"),
    (DES_EDE3_CBC, "des-ede3-cbc"),
    ("1.3.14.3.2.7", "des-cbc"),
    ("1.2.840.113549.3.2", "rc2-cbc"),
];

/// Block size in bytes of the known content ciphers, to bound the plaintext before decrypting.
fn block_size(oid: &str) -> Option<u64> {
    match oid {
        AES128_CBC | AES256_CBC | "2.16.840.1.101.3.4.1.22" => Some(16),
        DES_EDE3_CBC | "1.3.14.3.2.7" | "1.2.840.113549.3.2" => Some(8),
        _ => None,
    }
}

/// An OID with its name when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedOid {
    /// Dotted form, e.g. `2.16.840.1.101.3.4.1.42`.
    pub oid: String,
    /// e.g. `aes256-CBC`; `None` when unknown.
    pub name: Option<&'static str>,
}

impl NamedOid {
    fn new(oid: &ObjectIdentifier) -> Self {
        let oid = oid.to_string();
        let name = KNOWN_OIDS.iter().find(|(dotted, _)| *dotted == oid).map(|(_, name)| *name);
        Self { oid, name }
    }

    /// Whether this is the OID of `cipher`.
    pub fn is(&self, cipher: ContentCipher) -> bool {
        self.oid == cipher.oid()
    }
}

impl std::fmt::Display for NamedOid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.name {
            Some(name) => write!(f, "{name} ({})", self.oid),
            None => f.write_str(&self.oid),
        }
    }
}

/// How a recipient of the envelope is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecipientId {
    /// Issuer DN (RFC 4514 text and DER) and serial number (big-endian, no leading zero).
    IssuerSerial {
        issuer: String,
        issuer_der: Vec<u8>,
        serial: Vec<u8>,
    },
    SubjectKeyId(Vec<u8>),
    /// A recipient kind other than key transport (`kari`, `kekri`, `pwri`, `ori`).
    Other {
        kind: &'static str,
    },
}

/// One recipient of the envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub id: RecipientId,
    /// The key-transport (or key-encryption) algorithm.
    pub key_transport: Option<NamedOid>,
}

/// The structure of an envelope, read without decrypting it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CmsEnvelope {
    /// Always id-envelopedData here (anything else is [`CmsError::NotCms`]).
    pub content_type: NamedOid,
    pub recipients: Vec<Recipient>,
    /// The type of the encrypted content (normally `data`).
    pub inner_content_type: NamedOid,
    pub content_encryption: NamedOid,
    /// Length of the encrypted content; `None` when detached.
    pub encrypted_content_len: Option<u64>,
    pub detached: bool,
    /// Bytes after the end of the DER structure.
    pub trailing_bytes: usize,
}

/// Why an envelope could not be inspected or opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CmsError {
    #[error("not DER-encoded CMS: {0}")]
    NotDer(String),
    #[error("CMS content type is {content_type}, not envelopedData")]
    NotCms { content_type: NamedOid },
    #[error("no recipient of the envelope matches the key's certificate")]
    NoMatchingRecipient,
    #[error("decryption failed: {0}")]
    DecryptFailed(String),
    #[error("plaintext of at least {at_least} bytes exceeds the limit of {limit} bytes")]
    TooLarge { at_least: u64, limit: u64 },
}

/// A recipient's certificate and private key.
pub struct Key {
    pub cert: X509,
    pub pkey: PKey<Private>,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key").field("subject", &self.cert.subject_name()).finish_non_exhaustive()
    }
}

impl Key {
    /// A certificate and its private key, both PEM.
    pub fn from_pem(cert: &[u8], key: &[u8]) -> std::io::Result<Self> {
        let cert = X509::from_pem(cert).map_err(std::io::Error::other)?;
        let pkey = match rsa_key(key) {
            Some(pkey) => pkey,
            None => PKey::private_key_from_pem(key).map_err(std::io::Error::other)?,
        };
        Ok(Self { cert, pkey })
    }

    /// Whether the envelope names this key's certificate among its recipients, by issuer and
    /// serial number or by subject key identifier.
    pub fn matches(&self, info: &CmsEnvelope) -> bool {
        is_recipient(&self.cert, info)
    }
}

/// An RSA private key in PEM, PKCS#8 (`PRIVATE KEY`) or PKCS#1 (`RSA PRIVATE KEY`), read through
/// OpenSSL's RSA structure decoder: about a hundred times faster than its generic key decoders, which
/// try every format and provider in turn (a third of a millisecond a key). `None` for anything else
/// (another algorithm, an encrypted key), which the generic decoders then read.
fn rsa_key(pem: &[u8]) -> Option<PKey<Private>> {
    let (label, der) = der::pem::decode_vec(pem).ok()?;
    let pkcs1 = match label {
        "RSA PRIVATE KEY" => der,
        "PRIVATE KEY" => {
            let info = pkcs8::PrivateKeyInfo::try_from(der.as_slice()).ok()?;
            (info.algorithm.oid == RSA_ENCRYPTION).then(|| info.private_key.to_vec())?
        }
        _ => return None,
    };
    PKey::from_rsa(openssl::rsa::Rsa::private_key_from_der(&pkcs1).ok()?).ok()
}

/// rsaEncryption (PKCS #1).
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// Whether the envelope names `cert` among its recipients, by issuer and serial number or by subject
/// key identifier: what can be told of an envelope with a public certificate alone.
pub fn is_recipient(cert: &X509, info: &CmsEnvelope) -> bool {
    info.recipients.iter().any(|r| names(cert, &r.id))
}

fn names(cert: &X509, id: &RecipientId) -> bool {
    match id {
        RecipientId::IssuerSerial { issuer_der, serial, .. } => {
            cert.issuer_name().to_der().is_ok_and(|der| &der == issuer_der)
                && serial_of(cert).is_some_and(|own| &own == serial)
        }
        RecipientId::SubjectKeyId(ski) => cert.subject_key_id().is_some_and(|own| own.as_slice() == ski),
        RecipientId::Other { .. } => false,
    }
}

fn serial_of(cert: &X509) -> Option<Vec<u8>> {
    let bn = cert.serial_number().to_bn().ok()?;
    Some(strip_leading_zeros(&bn.to_vec()))
}

/// The plaintext sizes a CBC envelope's encrypted content can hold: PKCS#7 padding adds 1 to `block`
/// bytes, so a ciphertext of `len` bytes holds `len - block ..= len - 1`. `None` when the length or
/// the block size is unknown, or the length is no whole number of blocks.
pub fn plain_size_bounds(info: &CmsEnvelope) -> Option<(u64, u64)> {
    let (len, block) = (info.encrypted_content_len?, block_size(&info.content_encryption.oid)?);
    (len >= block && len % block == 0).then(|| (len - block, len - 1))
}

fn strip_leading_zeros(bytes: &[u8]) -> Vec<u8> {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes[start..].to_vec()
}

/// Seals `plain` for the holder of `recipient_cert` (RSA key transport, DER output).
pub fn seal(plain: &[u8], recipient_cert: &X509, cipher: ContentCipher) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    let mut certs = Stack::new()?;
    certs.push(recipient_cert.clone())?;
    let cms = CmsContentInfo::encrypt(&certs, plain, cipher.openssl(), CMSOptions::BINARY)?;
    cms.to_der()
}

/// Reads the structure of a DER envelope without decrypting it.
pub fn inspect(der: &[u8]) -> Result<CmsEnvelope, CmsError> {
    let mut reader = SliceReader::new(der).map_err(not_der)?;
    let info = ContentInfo::decode(&mut reader).map_err(not_der)?;
    let trailing_bytes = u32::from(reader.remaining_len()) as usize;
    let content_type = NamedOid::new(&info.content_type);
    if content_type.oid != ENVELOPED_DATA {
        return Err(CmsError::NotCms { content_type });
    }
    let enveloped: EnvelopedData = info.content.decode_as().map_err(not_der)?;
    let encrypted = &enveloped.encrypted_content;
    let encrypted_content_len = encrypted.encrypted_content.as_ref().map(|c| c.as_bytes().len() as u64);
    Ok(CmsEnvelope {
        content_type,
        recipients: enveloped.recip_infos.0.iter().map(recipient).collect(),
        inner_content_type: NamedOid::new(&encrypted.content_type),
        content_encryption: NamedOid::new(&encrypted.content_enc_alg.oid),
        encrypted_content_len,
        detached: encrypted_content_len.is_none(),
        trailing_bytes,
    })
}

fn not_der(error: der::Error) -> CmsError {
    CmsError::NotDer(error.to_string())
}

fn recipient(info: &RecipientInfo) -> Recipient {
    match info {
        RecipientInfo::Ktri(ktri) => {
            Recipient { id: recipient_id(&ktri.rid), key_transport: Some(NamedOid::new(&ktri.key_enc_alg.oid)) }
        }
        RecipientInfo::Kari(kari) => other("kari", Some(&kari.key_enc_alg.oid)),
        RecipientInfo::Kekri(kekri) => other("kekri", Some(&kekri.key_enc_alg.oid)),
        RecipientInfo::Pwri(pwri) => other("pwri", Some(&pwri.key_enc_alg.oid)),
        RecipientInfo::Ori(_) => other("ori", None),
    }
}

fn other(kind: &'static str, oid: Option<&ObjectIdentifier>) -> Recipient {
    Recipient { id: RecipientId::Other { kind }, key_transport: oid.map(NamedOid::new) }
}

fn recipient_id(rid: &RecipientIdentifier) -> RecipientId {
    match rid {
        RecipientIdentifier::IssuerAndSerialNumber(ias) => RecipientId::IssuerSerial {
            issuer: ias.issuer.to_string(),
            issuer_der: ias.issuer.to_der().unwrap_or_default(),
            serial: strip_leading_zeros(ias.serial_number.as_bytes()),
        },
        RecipientIdentifier::SubjectKeyIdentifier(ski) => RecipientId::SubjectKeyId(ski.0.as_bytes().to_vec()),
    }
}

/// Opens a DER envelope with `key`, refusing a plaintext larger than `max_plain_bytes`.
///
/// The envelope is inspected first: it must be DER envelopedData naming the key's certificate,
/// and its encrypted length must leave room for a plaintext within the limit.
pub fn open(der: &[u8], key: &Key, max_plain_bytes: u64) -> Result<Vec<u8>, CmsError> {
    open_inspected(der, &inspect(der)?, key, max_plain_bytes)
}

/// [`open`] for an envelope already inspected: `info` is `inspect(der)`.
pub fn open_inspected(der: &[u8], info: &CmsEnvelope, key: &Key, max_plain_bytes: u64) -> Result<Vec<u8>, CmsError> {
    if !key.matches(info) {
        return Err(CmsError::NoMatchingRecipient);
    }
    check_size_before(info, max_plain_bytes)?;
    let cms = CmsContentInfo::from_der(der).map_err(decrypt_failed)?;
    let plain = cms.decrypt(&key.pkey, &key.cert).map_err(decrypt_failed)?;
    if plain.len() as u64 > max_plain_bytes {
        return Err(CmsError::TooLarge { at_least: plain.len() as u64, limit: max_plain_bytes });
    }
    Ok(plain)
}

/// A CBC plaintext is at least the ciphertext less one block of padding.
fn check_size_before(info: &CmsEnvelope, limit: u64) -> Result<(), CmsError> {
    let (Some(len), Some(block)) = (info.encrypted_content_len, block_size(&info.content_encryption.oid)) else {
        return Ok(());
    };
    let at_least = len.saturating_sub(block);
    if at_least > limit {
        return Err(CmsError::TooLarge { at_least, limit });
    }
    Ok(())
}

fn decrypt_failed(error: openssl::error::ErrorStack) -> CmsError {
    CmsError::DecryptFailed(error.to_string())
}
