//! Each `.pkcs7` file of a dossier: its CMS structure and algorithms, whom it is sealed for, the
//! certificate's validity on the lot's date, and opening it; or, for a lot given before sealing, the
//! plain file as it is.

use super::{Collector, Context, stage};
use crate::calendar::day_number;
use crate::keys::Sealing;
use scor_dictionary::{Check, CodeListKey, Level, Location};
use scor_locale::{Text, text};
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
            c.raise(Check::CmsStructure, Level::Dossier, at, error.text());
            c.skip(&file.name, stage::CONTENT, text!("skip-content"), text!("reason-envelope-unreadable"));
            return Opening::Failed;
        }
    };
    structure(&info, &file.name, c);
    algorithms(&info, &file.name, c);
    let Some(route) = cx.header.and_then(|h| h.route) else {
        c.skip(
            &file.name,
            &[stage::ENVELOPE, stage::XML, stage::INDEX, stage::PJ, stage::PDF, stage::QUALITY],
            text!("skip-recipient-and-content"),
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
            c.skip(
                &file.name,
                &[stage::ENVELOPE, stage::XML, stage::INDEX, stage::PJ, stage::PDF, stage::QUALITY],
                text!("skip-decryption-and-content"),
                text!("reason-sealed-public-certificate", route = route),
            );
            Opening::Sealed(info)
        }
        Sealing::WrongRecipient { sealed_for } => {
            wrong_recipient(&info, route, sealed_for, &file.name, c);
            Opening::Failed
        }
        Sealing::UnknownRecipient => unopened(c, &file.name, text!("reason-unknown-recipient", route = route)),
        Sealing::NoCertificate => unopened(c, &file.name, text!("reason-no-certificate", route = route)),
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
            c.skip(&file.name, stage::CONTENT, text!("skip-content"), text!("reason-decrypted-too-large"));
            Opening::Failed
        }
        Err(error) => {
            c.raise(Check::CmsDecrypt, Level::Dossier, Location::file(&file.name), error.text());
            c.skip(&file.name, stage::CONTENT, text!("skip-content"), text!("reason-envelope-not-decrypted"));
            Opening::Failed
        }
    }
}

fn wrong_recipient(info: &CmsEnvelope, route: &str, sealed_for: Option<&str>, file: &str, c: &mut Collector) {
    let names = super::list(info.recipients.iter().map(|r| recipient_name(&r.id)));
    let message = match sealed_for {
        Some(address) => text!("cms-wrong-recipient-known", route = route, recipients = names, address = address),
        None => text!("cms-wrong-recipient", route = route, recipients = names),
    };
    c.raise(Check::CmsRecipient, Level::Dossier, Location::file(file), message);
    c.skip(file, stage::CONTENT, text!("skip-content"), text!("reason-wrong-recipient"));
}

/// Why the recipient cannot be checked: no header to route the lot, or no route in the table.
fn no_route_reason(cx: Context<'_>) -> Text {
    match cx.header {
        None => text!("reason-no-header-route"),
        Some(_) => text!("reason-no-route"),
    }
}

/// The certificate an envelope is sealed for is valid on the lot's date (the day of Temps).
fn certificate_validity(cert: &openssl::x509::X509, file: &str, cx: Context<'_>, c: &mut Collector) {
    let Some(temps) = cx.header.and_then(|h| h.value("EF_PA_001_02")) else { return };
    let Some(day) = temps.get(..10).and_then(day_number) else { return };
    let (Some(from), Some(until)) = (asn1_day(cert.not_before()), asn1_day(cert.not_after())) else { return };
    if day < from || day > until {
        let message = text!(
            "cms-certificate-dates",
            from = cert.not_before().to_string(),
            until = cert.not_after().to_string(),
            day = &temps[..10]
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
fn recipient_name(id: &RecipientId) -> Text {
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    match id {
        RecipientId::IssuerSerial { issuer, serial, .. } => {
            text!("cms-recipient-issuer-serial", issuer = issuer.as_str(), serial = hex(serial))
        }
        RecipientId::SubjectKeyId(id) => text!("cms-recipient-subject-key", id = hex(id)),
        RecipientId::Other { kind } => text!("cms-recipient-other", kind = *kind),
    }
}

fn structure(info: &CmsEnvelope, file: &str, c: &mut Collector) {
    if info.detached {
        let message = text!("cms-detached");
        c.raise(Check::CmsStructure, Level::Dossier, Location::file(file), message);
    }
    if info.trailing_bytes > 0 {
        let message = text!("cms-trailing-bytes", count = info.trailing_bytes);
        c.raise(Check::CmsStructure, Level::Dossier, Location::file(file), message);
    }
}

/// Content encryption and key transport algorithms against `codes/cms-algorithm.csv`.
fn algorithms(info: &CmsEnvelope, file: &str, c: &mut Collector) {
    let list = c.dictionary.code_list(CodeListKey::CmsAlgorithm);
    let mut used = vec![("content", info.content_encryption.clone())];
    used.extend(info.recipients.iter().filter_map(|r| r.key_transport.clone()).map(|oid| ("key-transport", oid)));
    for (role, oid) in used {
        let role_text = if role == "content" { text!("cms-role-content") } else { text!("cms-role-key-transport") };
        let entry = list.get(&oid.oid).filter(|e| e.extra("role") == [role]);
        let accepted: Vec<&str> = list.entries.iter().filter(|e| e.extra("role") == [role]).map(|e| e.label).collect();
        match entry {
            None => {
                let message = text!(
                    "cms-algorithm-refused",
                    role = role_text,
                    oid = oid.to_string(),
                    accepted = accepted.join(", ")
                );
                c.raise(Check::CmsAlgorithm, Level::Dossier, Location::file(file), message);
            }
            Some(entry) if entry.extra("status") == ["weak"] => {
                let message =
                    text!("cms-algorithm-weak", role = role_text, algorithm = entry.label, preferred = accepted[0]);
                c.raise(Check::CmsAlgorithmWeak, Level::Dossier, Location::file(file), message);
            }
            Some(_) => {}
        }
    }
}

/// The recipient could not be checked nor the file opened: every stage from the envelope on is not
/// evaluated on `file`, for `reason`.
fn unopened(c: &mut Collector, file: &str, reason: Text) -> Opening {
    c.skip(
        file,
        &[stage::ENVELOPE, stage::XML, stage::INDEX, stage::PJ, stage::PDF, stage::QUALITY],
        text!("skip-recipient-and-content"),
        reason,
    );
    Opening::Failed
}
