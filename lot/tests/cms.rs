//! Sealing, inspecting and opening CMS envelopes with the test PKI: round trips, wrong keys,
//! other CMS types, size caps, and damaged envelopes that never panic.

mod common;

use openssl::cms::{CMSOptions, CmsContentInfo};
use scor_lot::cms::{CmsError, ContentCipher, RecipientId, inspect, open, seal};

const CAP: u64 = 1 << 20;
const CIPHERS: [(ContentCipher, &str, u64); 3] = [
    (ContentCipher::Aes256Cbc, "aes256-CBC", 16),
    (ContentCipher::Aes128Cbc, "aes128-CBC", 16),
    (ContentCipher::DesEde3Cbc, "des-ede3-cbc", 8),
];

fn sealed(plain: &[u8], address: &str, cipher: ContentCipher) -> Vec<u8> {
    seal(plain, &common::key(address).cert, cipher).unwrap()
}

#[test]
fn each_cipher_seals_inspects_and_opens() {
    let key = common::key("01.751@01.scor.rss.fr");
    let plain = b"<SCANORDO>dossier 001</SCANORDO>";
    for (cipher, name, block) in CIPHERS {
        let der = seal(plain, &key.cert, cipher).unwrap();
        let info = inspect(&der).unwrap();
        assert_eq!(info.content_type.name, Some("envelopedData"));
        assert_eq!(info.content_type.oid, "1.2.840.113549.1.7.3");
        assert_eq!(info.inner_content_type.name, Some("data"));
        assert_eq!(info.content_encryption.name, Some(name));
        assert!(info.content_encryption.is(cipher));
        let padded = (plain.len() as u64 / block + 1) * block;
        assert_eq!(info.encrypted_content_len, Some(padded));
        assert!(!info.detached);
        assert_eq!(info.trailing_bytes, 0);
        assert_eq!(info.recipients.len(), 1);
        assert_eq!(info.recipients[0].key_transport.as_ref().unwrap().name, Some("rsaEncryption"));
        assert!(key.matches(&info));
        assert_eq!(open(&der, &key, CAP).unwrap(), plain);
    }
}

#[test]
fn the_default_cipher_is_aes256_cbc() {
    assert_eq!(ContentCipher::default(), ContentCipher::Aes256Cbc);
}

#[test]
fn the_recipient_is_named_by_the_certificate_issuer_and_serial() {
    let key = common::key("02.11@02.scor.rss.fr");
    let info = inspect(&seal(b"x", &key.cert, ContentCipher::default()).unwrap()).unwrap();
    let RecipientId::IssuerSerial { issuer, serial, .. } = &info.recipients[0].id else {
        panic!("{:?}", info.recipients[0].id)
    };
    assert!(issuer.contains("CN=scor-kit TEST ONLY CA"), "{issuer}");
    assert_eq!(serial, &key.cert.serial_number().to_bn().unwrap().to_vec());
}

#[test]
fn a_recipient_named_by_subject_key_identifier_matches() {
    let key = common::key("01.921@01.scor.rss.fr");
    let mut certs = openssl::stack::Stack::new().unwrap();
    certs.push(key.cert.clone()).unwrap();
    let flags = CMSOptions::BINARY | CMSOptions::USE_KEYID;
    let der =
        CmsContentInfo::encrypt(&certs, b"pj", openssl::symm::Cipher::aes_256_cbc(), flags).unwrap().to_der().unwrap();
    let info = inspect(&der).unwrap();
    assert_eq!(
        info.recipients[0].id,
        RecipientId::SubjectKeyId(key.cert.subject_key_id().unwrap().as_slice().to_vec())
    );
    assert!(key.matches(&info));
    assert!(!common::key("01.751@01.scor.rss.fr").matches(&info));
    assert_eq!(open(&der, &key, CAP).unwrap(), b"pj");
}

#[test]
fn empty_and_large_plaintexts_round_trip() {
    let key = common::key("03.11@03.scor.rss.fr");
    for plain in [vec![], vec![0xa5; 250_000]] {
        let der = seal(&plain, &key.cert, ContentCipher::Aes256Cbc).unwrap();
        assert_eq!(open(&der, &key, CAP).unwrap(), plain);
    }
}

#[test]
fn another_organism_key_has_no_matching_recipient() {
    let der = sealed(b"pj", "01.751@01.scor.rss.fr", ContentCipher::Aes256Cbc);
    let other = common::key("01.921@01.scor.rss.fr");
    assert!(!other.matches(&inspect(&der).unwrap()));
    assert_eq!(open(&der, &other, CAP), Err(CmsError::NoMatchingRecipient));
}

#[test]
fn signed_data_is_not_an_envelope() {
    let key = common::key("01.011@01.scor.rss.fr");
    let signed = CmsContentInfo::sign(Some(&key.cert), Some(&key.pkey), None, Some(b"pj"), CMSOptions::BINARY)
        .unwrap()
        .to_der()
        .unwrap();
    let Err(CmsError::NotCms { content_type }) = inspect(&signed) else { panic!("signedData accepted") };
    assert_eq!(content_type.name, Some("signedData"));
    assert_eq!(content_type.oid, "1.2.840.113549.1.7.2");
    assert!(matches!(open(&signed, &key, CAP), Err(CmsError::NotCms { .. })));
}

#[test]
fn plain_data_is_not_an_envelope() {
    // ContentInfo { id-data, [0] OCTET STRING "test" }
    let data = [
        0x30, 0x13, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01, 0xa0, 0x06, 0x04, 0x04, b't',
        b'e', b's', b't',
    ];
    let Err(CmsError::NotCms { content_type }) = inspect(&data) else { panic!("data accepted") };
    assert_eq!(content_type.name, Some("data"));
    assert_eq!(content_type.to_string(), "data (1.2.840.113549.1.7.1)");
}

#[test]
fn garbage_is_not_der() {
    for garbage in [&b""[..], b"%PDF-1.4\n", &[0x30, 0x80, 0, 0], &[0x30, 0x03, 0x02, 0x01, 0x01]] {
        assert!(matches!(inspect(garbage), Err(CmsError::NotDer(_))), "{garbage:?}");
    }
    let key = common::key("01.011@01.scor.rss.fr");
    assert!(matches!(open(b"%PDF-1.4\n", &key, CAP), Err(CmsError::NotDer(_))));
}

#[test]
fn trailing_bytes_are_counted() {
    let key = common::key("01.751@01.scor.rss.fr");
    let mut der = seal(b"pj", &key.cert, ContentCipher::Aes256Cbc).unwrap();
    der.extend_from_slice(b"\0\0\n");
    assert_eq!(inspect(&der).unwrap().trailing_bytes, 3);
}

#[test]
fn a_plaintext_over_the_cap_is_refused() {
    let key = common::key("01.751@01.scor.rss.fr");
    let der = seal(&[7; 1000], &key.cert, ContentCipher::Aes256Cbc).unwrap();
    // Known before decrypting: 1008 encrypted bytes hold at least 992 plain bytes.
    assert_eq!(open(&der, &key, 100), Err(CmsError::TooLarge { at_least: 992, limit: 100 }));
    // Known only after: 999 < 1000.
    assert_eq!(open(&der, &key, 999), Err(CmsError::TooLarge { at_least: 1000, limit: 999 }));
    assert_eq!(open(&der, &key, 1000).unwrap().len(), 1000);
}

#[test]
fn truncated_or_bit_flipped_envelopes_never_panic() {
    let key = common::key("01.751@01.scor.rss.fr");
    let der = seal(b"<SCANORDO/>", &key.cert, ContentCipher::Aes256Cbc).unwrap();
    for len in 0..der.len() {
        assert!(inspect(&der[..len]).is_err(), "truncated to {len} accepted");
        assert!(open(&der[..len], &key, CAP).is_err());
    }
    for at in 0..der.len() {
        for flip in [0x01, 0x80] {
            let mut damaged = der.clone();
            damaged[at] ^= flip;
            let _ = inspect(&damaged);
            if let Ok(plain) = open(&damaged, &key, CAP) {
                assert!(plain.len() as u64 <= CAP);
            }
        }
    }
}

#[test]
fn errors_read_as_sentences() {
    let key = common::key("01.751@01.scor.rss.fr");
    let der = sealed(b"pj", "02.11@02.scor.rss.fr", ContentCipher::Aes128Cbc);
    let message = open(&der, &key, CAP).unwrap_err().to_string();
    assert_eq!(message, "no recipient of the envelope matches the key's certificate");
}

/// Keys read through the RSA decoder are the keys OpenSSL's generic decoders read, in PKCS#8 and in
/// PKCS#1; other keys still load through the generic decoders.
#[test]
fn pem_keys_read_as_the_generic_decoders_read_them() {
    use openssl::pkey::PKey;
    use scor_lot::cms::Key;
    let dir = common::pki_dir();
    let address = "01.751@01.scor.rss.fr";
    let cert = std::fs::read(dir.join(format!("{address}.cert.pem"))).unwrap();
    let pkcs8 = std::fs::read(dir.join(format!("{address}.key.pem"))).unwrap();
    assert!(pkcs8.starts_with(b"-----BEGIN PRIVATE KEY-----"));
    let generic = PKey::private_key_from_pem(&pkcs8).unwrap();
    let pkcs1 = generic.rsa().unwrap().private_key_to_pem().unwrap();
    assert!(pkcs1.starts_with(b"-----BEGIN RSA PRIVATE KEY-----"));
    for pem in [&pkcs8, &pkcs1] {
        let key = Key::from_pem(&cert, pem).unwrap();
        assert_eq!(key.pkey.private_key_to_der().unwrap(), generic.private_key_to_der().unwrap());
        let der = seal(b"plain", &key.cert, ContentCipher::Aes256Cbc).unwrap();
        assert_eq!(open(&der, &key, CAP).unwrap(), b"plain");
    }
    // An EC key is not RSA: the generic decoders read it.
    let group = openssl::ec::EcGroup::from_curve_name(openssl::nid::Nid::X9_62_PRIME256V1).unwrap();
    let ec = PKey::from_ec_key(openssl::ec::EcKey::generate(&group).unwrap()).unwrap();
    let key = Key::from_pem(&cert, &ec.private_key_to_pem_pkcs8().unwrap()).unwrap();
    assert!(key.pkey.ec_key().is_ok());
    assert!(Key::from_pem(&cert, b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").is_err());
}
