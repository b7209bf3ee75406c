//! Each `.pkcs7` file of a dossier: its CMS structure and algorithms, whom it is sealed for, the
//! certificate's validity on the lot's date, and opening it; or, for a lot given before sealing, the
//! plain file as it is.

use super::{Collector, Context, stage};
use crate::calendar::day_number;
use crate::keys::Sealing;
use scor_dictionary::{Check, CodeListKey, Level, Location};
use scor_lot::cms::{self, CmsEnvelope, CmsError, Key, RecipientId};
use scor_lot::files::LotFile;

/// What opening a dossier file gave.
#[derive(Debug)]
pub enum Opening {
    /// The plain content: decrypted, or the file itself in a lot given before sealing.
    Plain(Vec<u8>),
    /// A well-formed envelope for the right recipient that could not be decrypted (public
    /// certificate only); its content is not evaluated.
    Sealed(CmsEnvelope),
    /// Nothing to go on: the reasons are findings or not-evaluated entries already.
    Failed,
}

impl Opening {
    pub fn plain(self) -> Option<Vec<u8>> {
        match self {
            Self::Plain(plain) => Some(plain),
            _ => None,
        }
    }
}

/// Opens `file`, a dossier file: checks its envelope and decrypts it when a key can, within `limit`
/// plain bytes (`too_large` raises the finding of a plaintext over it).
pub fn open(
    file: &LotFile,
    cx: Context<'_>,
    limit: u64,
    too_large: impl FnOnce(&mut Collector, u64),
    c: &mut Collector,
) -> Opening {
    if cx.plain {
        return Opening::Plain(file.bytes.clone());
    }
    let at = Location::file(&file.name);
    let info = match cms::inspect(&file.bytes) {
        Ok(info) => info,
        Err(error) => {
            c.raise(Check::CmsStructure, Level::Dossier, at, error.to_string());
            c.skip(&file.name, stage::CONTENT, "every check of the content", "the envelope could not be read");
            return Opening::Failed;
        }
    };
    structure(&info, &file.name, c);
    algorithms(&info, &file.name, c);
    let Some(route) = cx.header.and_then(|h| h.route) else {
        c.skip(
            &file.name,
            &[stage::ENVELOPE, stage::XML, stage::INDEX, stage::PJ, stage::PDF, stage::QUALITY],
            "the recipient, decryption and every check of the content",
            no_route_reason(cx),
        );
        return Opening::Failed;
    };
    match cx.keys.sealing(route, &info) {
        Sealing::Openable(key) => {
            certificate_validity(&key.cert, &file.name, cx, c);
            decrypt(file, &info, key, limit, too_large, c)
        }
        Sealing::RightRecipient => {
            if let crate::keys::Expected::Certificate(cert) = cx.keys.expected(route) {
                certificate_validity(cert, &file.name, cx, c);
            }
            let reason = format!(
                "sealed for the certificate of {route}; without the organism's private key nothing is decrypted"
            );
            c.skip(
                &file.name,
                &[stage::ENVELOPE, stage::XML, stage::INDEX, stage::PJ, stage::PDF, stage::QUALITY],
                "decryption and every check of the content",
                reason,
            );
            Opening::Sealed(info)
        }
        Sealing::WrongRecipient { sealed_for } => {
            wrong_recipient(&info, route, sealed_for, &file.name, c);
            Opening::Failed
        }
        Sealing::UnknownRecipient => {
            let reason = format!(
                "sealed for a certificate scor-kit does not hold, while it holds only a test key for {route} \
                 (a production lot is sealed for the organism's own certificate: give the public certificates \
                 with --certs to check the recipient)"
            );
            unopened(c, &file.name, reason)
        }
        Sealing::NoCertificate => {
            let reason = format!(
                "no certificate for the lot's routing address {route} (give the public certificates with --certs, \
                 or a key with --key and --cert)"
            );
            unopened(c, &file.name, reason)
        }
    }
}

fn decrypt(
    file: &LotFile,
    info: &CmsEnvelope,
    key: &Key,
    limit: u64,
    too_large: impl FnOnce(&mut Collector, u64),
    c: &mut Collector,
) -> Opening {
    match cms::open_inspected(&file.bytes, info, key, limit) {
        Ok(plain) => Opening::Plain(plain),
        Err(CmsError::TooLarge { at_least, .. }) => {
            too_large(c, at_least);
            c.skip(
                &file.name,
                stage::CONTENT,
                "every check of the content",
                "the decrypted content is over its size limit",
            );
            Opening::Failed
        }
        Err(error) => {
            c.raise(Check::CmsDecrypt, Level::Dossier, Location::file(&file.name), error.to_string());
            c.skip(&file.name, stage::CONTENT, "every check of the content", "the envelope could not be decrypted");
            Opening::Failed
        }
    }
}

fn wrong_recipient(info: &CmsEnvelope, route: &str, sealed_for: Option<&str>, file: &str, c: &mut Collector) {
    let names: Vec<String> = info.recipients.iter().map(|r| recipient_name(&r.id)).collect();
    let held = sealed_for.map_or_else(String::new, |address| format!(" (the certificate of {address})"));
    let message = format!(
        "the envelope is not sealed for the certificate of the lot's routing address {route}; its recipients: {}{held}",
        names.join(", ")
    );
    c.raise(Check::CmsRecipient, Level::Dossier, Location::file(file), message);
    c.skip(
        file,
        stage::CONTENT,
        "every check of the content",
        "the envelope is not sealed for the routing address's certificate",
    );
}

/// Why the recipient cannot be checked: no header to route the lot, or no route in the table.
fn no_route_reason(cx: Context<'_>) -> &'static str {
    match cx.header {
        None => "the header could not be read, so the lot's routing address and its organism key are unknown",
        Some(_) => "the header's Destinataire names no routing address of the table, so no organism key applies",
    }
}

/// The certificate an envelope is sealed for is valid on the lot's date (the day of Temps).
fn certificate_validity(cert: &openssl::x509::X509, file: &str, cx: Context<'_>, c: &mut Collector) {
    let Some(temps) = cx.header.and_then(|h| h.value("EF_PA_001_02")) else { return };
    let Some(day) = temps.get(..10).and_then(day_number) else { return };
    let (Some(from), Some(until)) = (asn1_day(cert.not_before()), asn1_day(cert.not_after())) else { return };
    if day < from || day > until {
        let message = format!(
            "the certificate the envelope is sealed for is valid from {} to {}, not on the lot's date {}",
            cert.not_before(),
            cert.not_after(),
            &temps[..10]
        );
        c.raise(Check::CmsCertificate, Level::Dossier, Location::file(file), message);
    }
}

/// The day number of an ASN.1 time, as `calendar::day_number` counts days.
fn asn1_day(time: &openssl::asn1::Asn1TimeRef) -> Option<i64> {
    let epoch = openssl::asn1::Asn1Time::from_unix(0).ok()?;
    let days = epoch.diff(time).ok()?.days;
    Some(day_number("1970-01-01")? + i64::from(days))
}

/// A recipient of an envelope as a reader knows a certificate: issuer and serial number in hex.
fn recipient_name(id: &RecipientId) -> String {
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    match id {
        RecipientId::IssuerSerial { issuer, serial, .. } => format!("issuer {issuer}, serial {}", hex(serial)),
        RecipientId::SubjectKeyId(id) => format!("subject key identifier {}", hex(id)),
        RecipientId::Other { kind } => format!("a {kind} recipient"),
    }
}

fn structure(info: &CmsEnvelope, file: &str, c: &mut Collector) {
    if info.detached {
        let message = "the encrypted content is detached; the envelope must carry it";
        c.raise(Check::CmsStructure, Level::Dossier, Location::file(file), message);
    }
    if info.trailing_bytes > 0 {
        let message = format!("{} bytes follow the end of the DER structure", info.trailing_bytes);
        c.raise(Check::CmsStructure, Level::Dossier, Location::file(file), message);
    }
}

/// Content encryption and key transport algorithms against `codes/cms-algorithm.csv`.
fn algorithms(info: &CmsEnvelope, file: &str, c: &mut Collector) {
    let list = c.dictionary.code_list(CodeListKey::CmsAlgorithm);
    let mut used = vec![("content", info.content_encryption.clone())];
    used.extend(info.recipients.iter().filter_map(|r| r.key_transport.clone()).map(|oid| ("key-transport", oid)));
    for (role, oid) in used {
        let entry = list.get(&oid.oid).filter(|e| e.extra("role") == [role]);
        let accepted: Vec<&str> = list.entries.iter().filter(|e| e.extra("role") == [role]).map(|e| e.label).collect();
        match entry {
            None => {
                let message = format!("{role} algorithm {oid} is not accepted; accepted: {}", accepted.join(", "));
                c.raise(Check::CmsAlgorithm, Level::Dossier, Location::file(file), message);
            }
            Some(entry) if entry.extra("status") == ["weak"] => {
                let message = format!("{role} algorithm {} is accepted but weak; prefer {}", entry.label, accepted[0]);
                c.raise(Check::CmsAlgorithmWeak, Level::Dossier, Location::file(file), message);
            }
            Some(_) => {}
        }
    }
}

/// The recipient could not be checked nor the file opened: every stage from the envelope on is not
/// evaluated on `file`, for `reason`.
fn unopened(c: &mut Collector, file: &str, reason: String) -> Opening {
    c.skip(
        file,
        &[stage::ENVELOPE, stage::XML, stage::INDEX, stage::PJ, stage::PDF, stage::QUALITY],
        "the recipient, decryption and every check of the content",
        reason,
    );
    Opening::Failed
}
