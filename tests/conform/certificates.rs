//! Production lots and lots before sealing: what can be checked without the organism's private key
//! (public certificates with `--certs`), before encryption (`--plain`), and the three verdicts every
//! report format agrees on.

use crate::support::*;
use scor_conformance::{Checked, Config, Keys, Run, Tool, Verdict};
use scor_lot::cms::{ContentCipher, Key};
use scor_reports::{Format, Options};
use scor_tests::lots::*;
use std::sync::Arc;

/// A routing address of the table the test PKI has no key for.
const PRODUCTION_ROUTE: &str = "01.021@01.scor.rss.fr";

/// A key standing for an organism's production key: from a PKI the checker does not know.
fn production_key() -> &'static Key {
    static KEY: std::sync::OnceLock<Key> = std::sync::OnceLock::new();
    KEY.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        scor_lot::pki::generate(dir.path(), &[PRODUCTION_ROUTE]).unwrap();
        scor_lot::pki::load(dir.path(), PRODUCTION_ROUTE).unwrap()
    })
}

/// The example plan routed to 01.021.
fn production_plan() -> scor_sender::LotPlan {
    let mut plan = example_plan();
    plan.organism = "021".to_owned();
    for piece in plan.dossiers.iter_mut().flat_map(|d| d.pieces.iter_mut()) {
        piece.identifier = piece.identifier.replace(".01_751_0001.", ".01_021_0001.");
    }
    plan
}

/// The production lot, sealed for the production key.
fn production_lot() -> Vec<scor_lot::files::LotFile> {
    scor_sender::build(&production_plan(), &production_key().cert, ContentCipher::default()).unwrap().files
}

/// The test PKI's keys plus the certificates given as `(address, certificate)`.
fn keys_with(certificates: &[(&str, &openssl::x509::X509)]) -> Keys {
    let dir = tempfile::tempdir().unwrap();
    for (address, cert) in certificates {
        std::fs::write(dir.path().join(format!("{address}.der")), cert.to_der().unwrap()).unwrap();
    }
    Keys::test_pki(&test_pki()).unwrap().with_certificates(dir.path()).unwrap()
}

fn check_with(files: &[scor_lot::files::LotFile], keys: Keys, plain: bool) -> Checked {
    let config = Config { keys: Arc::new(keys), plain, ..config() };
    scor_conformance::check_files_in_memory("lot".to_owned(), files, &config)
}

/// The verdict every report format gives the lot: text, JSON, JUnit and SARIF agree with `verdict`.
#[track_caller]
fn every_format_says(checked: Checked, verdict: Verdict) {
    assert_eq!(checked.outcome.verdict(), verdict, "{}", describe(&checked));
    let run = Run {
        tool: Tool::SCOR_KIT,
        dictionary: &scor_dictionary::latest::DICTIONARY,
        lots: vec![checked.outcome],
        advisor: None,
    };
    let render = |format| {
        String::from_utf8(scor_reports::render(&run, format, &Options { color: false, lang: scor_locale::Lang::En }))
            .unwrap()
    };
    let text = render(Format::Text);
    let words = match verdict {
        Verdict::Conformant => "conformant",
        Verdict::NotConformant => "NOT conformant",
        Verdict::NotFullyEvaluated => "not fully evaluated",
    };
    assert!(text.starts_with(&format!("lot lot: {words}\n")), "{text}");
    let json: serde_json::Value = serde_json::from_str(&render(Format::Json)).unwrap();
    assert_eq!(json["lots"][0]["verdict"], verdict.as_str());
    let junit = render(Format::Junit);
    assert!(junit.contains(&format!(r#"<property name="verdict" value="{}"/>"#, verdict.as_str())), "{junit}");
    let sarif: serde_json::Value = serde_json::from_str(&render(Format::Sarif)).unwrap();
    assert_eq!(sarif["runs"][0]["properties"]["lots"][0]["verdict"], verdict.as_str());
    let notifications = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    match verdict {
        Verdict::NotFullyEvaluated => assert_eq!(notifications[0]["properties"]["verdict"], verdict.as_str()),
        _ => assert!(notifications.is_null(), "{notifications}"),
    }
}

#[test]
fn a_production_lot_without_its_certificate_is_not_fully_evaluated() {
    let checked = check_with(&production_lot(), Keys::test_pki(&test_pki()).unwrap(), false);
    errors(&checked, &[]);
    let reasons: Vec<String> =
        checked.outcome.not_evaluated.iter().map(|n| n.reason.render(scor_locale::Lang::En)).collect();
    assert!(
        reasons.iter().all(|r| r.starts_with("no certificate for the lot's routing address 01.021")),
        "{reasons:?}"
    );
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    every_format_says(checked, Verdict::NotFullyEvaluated);
}

#[test]
fn with_its_public_certificate_the_recipient_is_checked_and_the_content_not_evaluated() {
    let keys = keys_with(&[(PRODUCTION_ROUTE, &production_key().cert)]);
    let checked = check_with(&production_lot(), keys, false);
    errors(&checked, &[]);
    let reasons: Vec<String> =
        checked.outcome.not_evaluated.iter().map(|n| n.reason.render(scor_locale::Lang::En)).collect();
    let sealed =
        "sealed for the certificate of 01.021@01.scor.rss.fr; without the organism's private key nothing is decrypted";
    assert_eq!(reasons, [sealed; 4]);
    every_format_says(checked, Verdict::NotFullyEvaluated);
}

#[test]
fn with_another_certificate_for_the_address_the_recipient_is_wrong() {
    let other = scor_lot::pki::TestPki::open(&test_pki())
        .unwrap()
        .issue(PRODUCTION_ROUTE, "20200101000000Z", "20491231235959Z")
        .unwrap();
    let checked = check_with(&production_lot(), keys_with(&[(PRODUCTION_ROUTE, &other.cert)]), false);
    errors(&checked, &["CMS-RECIPIENT"]);
    dossier_rejection(&checked, &[(1, "D-001.pkcs7", "5201"), (2, "D-002.pkcs7", "5201")]);
    every_format_says(checked, Verdict::NotConformant);
}

#[test]
fn a_test_key_is_no_reason_to_reject_a_lot_sealed_for_another_certificate() {
    // The example route with a production certificate: the test PKI's key for 01.751 stands for the
    // address in tests only, so the recipient is unknown, not wrong.
    let lot = scor_sender::build(&example_plan(), &production_key().cert, ContentCipher::default()).unwrap();
    let checked = check_with(&lot.files, Keys::test_pki(&test_pki()).unwrap(), false);
    errors(&checked, &[]);
    assert!(
        checked.outcome.not_evaluated.iter().all(|n| n.reason.render(scor_locale::Lang::En).contains("--certs")),
        "{}",
        describe(&checked)
    );
    every_format_says(checked, Verdict::NotFullyEvaluated);
}

#[test]
fn a_taille_the_encrypted_size_cannot_hold_is_found_without_decrypting() {
    let mut lot = scor_sender::build(&production_plan(), &production_key().cert, ContentCipher::default()).unwrap();
    rewrite_header(&mut lot, |h| h.dossiers.dossier[0].piece[0].taille = Some("100".to_owned()));
    let checked = check_with(&lot.files, keys_with(&[(PRODUCTION_ROUTE, &production_key().cert)]), false);
    errors(&checked, &["PJ-DIGEST"]);
    let finding = finding(&checked, Want::error("PJ-DIGEST", "P-001-001.pkcs7", "5209").element("EF_PA_005_05"));
    assert!(finding.message.starts_with("the header's Taille is 100 but the envelope's encrypted content holds"));
}

deviation!(
    /// The example lot sealed for a test certificate of 01.751 that expired before the lot's date.
    cms_certificate,
    {
        let pki = scor_lot::pki::TestPki::open(&test_pki()).unwrap();
        let expired = pki.issue(example_route(), "20200101000000Z", "20251231235959Z").unwrap();
        let lot = scor_sender::build(&example_plan(), &expired.cert, ContentCipher::default()).unwrap();
        let config = Config { keys: Arc::new(Keys::single(expired)), ..config() };
        scor_conformance::check_files_in_memory("lot".to_owned(), &lot.files, &config)
    }
);

pub const DEVIATIONS: &[Deviation] = &[("cms_certificate", cms_certificate)];

#[test]
fn an_expired_certificate_is_a_dossier_rejection() {
    let checked = cms_certificate();
    errors(checked, &["CMS-CERTIFICATE"]);
    finding(checked, Want::error("CMS-CERTIFICATE", "D-001.pkcs7", "5201"));
    dossier_rejection(checked, &[(1, "D-001.pkcs7", "5201"), (2, "D-002.pkcs7", "5201")]);
}

#[test]
fn a_lot_before_sealing_is_checked_but_for_its_encryption() {
    let plain = scor_sender::build_plain(&example_plan()).unwrap().files;
    let names: Vec<&str> = plain.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, [HEADER, "D-001.xml", "P-001-001.pdf", "D-002.xml", "P-002-001.pdf"]);
    let checked = check_with(&plain, Keys::default(), true);
    errors(&checked, &[]);
    let not_evaluated: Vec<(&str, String)> = checked
        .outcome
        .not_evaluated
        .iter()
        .map(|n| (n.file.as_str(), n.checks.render(scor_locale::Lang::En)))
        .collect();
    assert_eq!(
        not_evaluated,
        [("lot", "the encryption of every index and PJ file (CMS structure, recipient, algorithms)".to_owned())]
    );
    every_format_says(checked, Verdict::NotFullyEvaluated);
}

#[test]
fn a_lot_before_sealing_with_a_bad_pj_is_not_conformant() {
    let mut plain = scor_sender::build_plain(&example_plan()).unwrap().files;
    file_mut(&mut plain, "P-002-001.pdf").bytes = b"%PDF-1.4 not a PDF".to_vec();
    let checked = check_with(&plain, Keys::default(), true);
    assert!(checked.outcome.findings.iter().any(|f| f.rule == "PJ-DIGEST" && f.location.file == "P-002-001.pdf"));
    dossier_rejection(&checked, &[(2, "P-002-001.pdf", "5209")]);
    every_format_says(checked, Verdict::NotConformant);
}

#[test]
fn a_lot_sealed_with_the_openssl_cli_for_an_exported_certificate_is_checked_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let pki = scor_lot::pki::TestPki::open(&test_pki()).unwrap();
    let exported = pki.export_certificates(&dir.path().join("certs")).unwrap();
    let der = exported.iter().find(|p| p.ends_with(format!("{}.der", example_route()))).unwrap();
    let pem = dir.path().join("organism.pem");
    openssl(&["x509", "-inform", "DER", "-in", der.to_str().unwrap(), "-out", pem.to_str().unwrap()]);
    let mut files = Vec::new();
    for file in scor_sender::build_plain(&example_plan()).unwrap().files {
        let stem = file.name.strip_suffix(".xml").or_else(|| file.name.strip_suffix(".pdf"));
        let Some(stem) = stem.filter(|_| file.name != HEADER) else {
            files.push(file); // the header is never sealed
            continue;
        };
        let (plain, sealed) = (dir.path().join(&file.name), dir.path().join(format!("{stem}.pkcs7")));
        std::fs::write(&plain, &file.bytes).unwrap();
        openssl(&[
            "cms",
            "-encrypt",
            "-binary",
            "-aes256",
            "-outform",
            "DER",
            "-in",
            plain.to_str().unwrap(),
            "-out",
            sealed.to_str().unwrap(),
            pem.to_str().unwrap(),
        ]);
        files.push(memory_file(&format!("{stem}.pkcs7"), std::fs::read(&sealed).unwrap()));
    }
    let keys = Keys::test_pki(&test_pki()).unwrap().with_certificates(&dir.path().join("certs")).unwrap();
    let checked = check_with(&files, keys, false);
    errors(&checked, &[]);
    assert!(checked.outcome.not_evaluated.is_empty(), "{}", describe(&checked));
    accepted(&checked);
    every_format_says(checked, Verdict::Conformant);
}

fn openssl(args: &[&str]) {
    let output = std::process::Command::new("openssl").args(args).output().expect("the openssl CLI is needed");
    assert!(output.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}
