//! The committed test PKI and its generator: subjects, issuer, validity, key pairs, and a fresh
//! PKI that seals and opens.

mod common;

use openssl::nid::Nid;
use scor_lot::cms::{ContentCipher, open, seal};
use scor_lot::pki::{self, TEST_CA_NAME, TEST_ORGANISATION, TestPki};

fn entry(name: &openssl::x509::X509NameRef, nid: Nid) -> String {
    name.entries_by_nid(nid).next().unwrap().data().to_string().unwrap()
}

#[test]
fn the_committed_pki_lists_its_addresses() {
    let pki = TestPki::open(&common::pki_dir()).unwrap();
    assert_eq!(pki.addresses(), common::ADDRESSES);
    assert_eq!(entry(pki.ca().subject_name(), Nid::COMMONNAME), TEST_CA_NAME);
    assert_eq!(entry(pki.ca().subject_name(), Nid::ORGANIZATIONNAME), TEST_ORGANISATION);
}

#[test]
fn each_organism_certificate_names_its_address_and_is_signed_by_the_ca() {
    let pki = TestPki::open(&common::pki_dir()).unwrap();
    let ca_key = pki.ca().public_key().unwrap();
    for address in pki.addresses() {
        let key = pki.key(address).unwrap();
        assert_eq!(entry(key.cert.subject_name(), Nid::COMMONNAME), *address);
        assert_eq!(entry(key.cert.subject_name(), Nid::ORGANIZATIONNAME), TEST_ORGANISATION);
        assert_eq!(entry(key.cert.issuer_name(), Nid::COMMONNAME), TEST_CA_NAME);
        assert!(key.cert.verify(&ca_key).unwrap(), "{address}: not signed by the test CA");
        assert!(key.cert.public_key().unwrap().public_eq(&key.pkey), "{address}: key does not match");
        assert_eq!(key.pkey.bits(), 2048);
        assert_eq!(key.cert.not_before().to_string(), "Jan  1 00:00:00 2020 GMT");
        assert_eq!(key.cert.not_after().to_string(), "Dec 31 23:59:59 2049 GMT");
    }
}

#[test]
fn the_readme_says_test_only() {
    let readme = std::fs::read_to_string(common::pki_dir().join("README.md")).unwrap();
    assert!(readme.contains("**TEST ONLY"));
    assert!(readme.contains("cargo xtask pki"));
}

#[test]
fn a_fresh_pki_seals_and_opens() {
    let dir = tempfile::tempdir().unwrap();
    let pki_dir = dir.path().join("pki");
    pki::generate(&pki_dir, &["01.751@01.scor.rss.fr", "02.11@02.scor.rss.fr"]).unwrap();
    let pki = TestPki::open(&pki_dir).unwrap();
    assert_eq!(pki.addresses(), ["01.751@01.scor.rss.fr", "02.11@02.scor.rss.fr"]);
    let key = pki.key("02.11@02.scor.rss.fr").unwrap();
    let der = seal(b"pj", &key.cert, ContentCipher::default()).unwrap();
    assert_eq!(open(&der, &key, 10).unwrap(), b"pj");
    // A regenerated key with the same address does not open the old envelope.
    let committed = common::key("02.11@02.scor.rss.fr");
    assert!(open(&der, &committed, 10).is_err());
}

#[test]
fn an_address_that_is_not_a_plain_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["../escape@x", "a/b", "", "a b"] {
        let error = pki::generate(dir.path(), &[bad]).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput, "{bad:?}");
        assert!(pki::load(dir.path(), bad).is_err());
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_missing_address_is_an_error() {
    assert!(pki::load(&common::pki_dir(), "99.99@99.scor.rss.fr").is_err());
}
