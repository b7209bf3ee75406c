//! One dossier: envelopes, index, PJ identifiers, natures, sizes and digests.

use crate::support::*;
use scor_conformance::Config;
use scor_dictionary::Severity;
use scor_dictionary::schema::{CodeEntry, CodeList};
use scor_dictionary::{CodeListKey, Dictionary, Limit};
use scor_lot::cms::ContentCipher;
use scor_tests::lots::*;

fn with_plan(change: impl FnOnce(&mut scor_sender::LotPlan)) -> scor_conformance::Checked {
    let mut plan = example_plan();
    change(&mut plan);
    check(&build(&plan).files)
}

deviation!(
    /// Dossier 001's index names caisse 752; its PJ identifier says 01_751_0001.
    pj_identifier,
    {
        let mut lot = build(&example_plan());
        rewrite_index(&mut lot, 1, |index| index.organisme_gestionnaire.code_caisse = "752".to_owned());
        check(&lot.files)
    }
);

deviation!(
    /// A second EXTERNE piece, in dossier 001, referring to a PJ no lot carried (tested in history.rs).
    pj_externe,
    {
        with_plan(|plan| {
            let mut externe = plan.dossiers[1].pieces[1].clone();
            externe.identifier = externe.identifier.replace(".000003", ".000004");
            plan.dossiers[0].pieces.push(externe);
        })
    }
);

/// The newest dictionary with nature FSDE allowed for specialty 02 only.
fn fsde_for_specialty_02() -> &'static Dictionary {
    let base = &scor_dictionary::latest::DICTIONARY;
    let natures = base.code_list(CodeListKey::NaturePj);
    let entries: Vec<CodeEntry> = natures
        .entries
        .iter()
        .map(|e| {
            let extra: Vec<(&'static str, &'static [&'static str])> = e
                .extra
                .iter()
                .map(|&(name, values)| match (e.code, name) {
                    ("FSDE", "allowed_specialties") => (name, &["02"][..]),
                    _ => (name, values),
                })
                .collect();
            CodeEntry {
                code: e.code,
                label: e.label,
                provenance: e.provenance,
                source: e.source,
                extra: Vec::leak(extra),
                bounds: e.bounds,
                valid_from: e.valid_from,
                deprecated_from: e.deprecated_from,
                replaced_by: e.replaced_by,
            }
        })
        .collect();
    let list: &'static CodeList = Box::leak(Box::new(CodeList { key: natures.key, entries: Vec::leak(entries) }));
    let lists: Vec<&'static CodeList> =
        base.code_lists.iter().map(|l| if l.key == natures.key { list } else { *l }).collect();
    Box::leak(Box::new(Dictionary {
        version: base.version,
        checksum: base.checksum,
        rules: base.rules,
        xml_limits: base.xml_limits,
        messages: base.messages,
        limits: base.limits,
        code_lists: Vec::leak(lists),
        routes: base.routes,
        file_names: base.file_names,
        recipients: base.recipients,
        code_list_by_key: Box::leak(Box::new(
            base.code_list_by_key.map(|l| if l.key == natures.key { list } else { l }),
        )),
        ..*base
    }))
}

deviation!(
    /// With a nature table allowing FSDE for specialty 02 only, the example's FSDE piece (specialty 01).
    pj_nature,
    {
        let config = Config { dictionary: fsde_for_specialty_02(), ..config() };
        scor_conformance::check_files_in_memory("lot".to_owned(), &build(&example_plan()).files, &config)
    }
);

deviation!(
    /// Dossier 001's index file is not DER.
    cms_structure,
    {
        let mut files = build(&example_plan()).files;
        file_mut(&mut files, "D-001.pkcs7").bytes = b"-----BEGIN PKCS7-----".to_vec();
        check(&files)
    }
);

deviation!(
    /// Bytes after the end of dossier 002's PJ envelope.
    cms_structure_trailing,
    {
        let mut files = build(&example_plan()).files;
        file_mut(&mut files, "P-002-001.pkcs7").bytes.extend_from_slice(b"\0\0");
        check(&files)
    }
);

deviation!(
    /// Dossier 002's PJ sealed for another CPAM's certificate of the test PKI.
    cms_recipient,
    {
        let plan = example_plan();
        let mut files = build(&plan).files;
        let pdf = plan.dossiers[1].pieces[0].pdf.as_ref().expect("an INTERNE piece");
        file_mut(&mut files, "P-002-001.pkcs7").bytes = seal_for(OTHER_ROUTE, pdf, ContentCipher::Aes256Cbc);
        check(&files)
    }
);

deviation!(
    /// Dossier 001's PJ sealed with AES-192-CBC.
    cms_algorithm,
    {
        use openssl::cms::{CMSOptions, CmsContentInfo};
        let plan = example_plan();
        let mut files = build(&plan).files;
        let pdf = plan.dossiers[0].pieces[0].pdf.as_ref().expect("an INTERNE piece");
        let mut certs = openssl::stack::Stack::new().unwrap();
        certs.push(test_key(example_route()).cert).unwrap();
        let cms =
            CmsContentInfo::encrypt(&certs, pdf, openssl::symm::Cipher::aes_192_cbc(), CMSOptions::BINARY).unwrap();
        file_mut(&mut files, "P-001-001.pkcs7").bytes = cms.to_der().unwrap();
        check(&files)
    }
);

deviation!(
    /// Every file sealed with 3DES.
    cms_algorithm_weak,
    { check(&build_with(&example_plan(), ContentCipher::DesEde3Cbc).files) }
);

deviation!(
    /// Dossier 002's index envelope with the last byte of its encrypted content cut.
    cms_decrypt,
    {
        let mut files = build(&example_plan()).files;
        let index = file_mut(&mut files, "D-002.pkcs7");
        index.bytes = der_truncate_last(&index.bytes, 1);
        check(&files)
    }
);

deviation!(
    /// Dossier 001's NIR key is wrong.
    index_nir_key,
    { with_plan(|plan| plan.dossiers[0].nir_key = "42".to_owned()) }
);

deviation!(
    /// Dossier 002's index names another invoice than the header.
    index_header,
    {
        let mut lot = build(&example_plan());
        rewrite_index(&mut lot, 2, |index| index.facture.numero_facture = "000000999".to_owned());
        check(&lot.files)
    }
);

deviation!(
    /// Dossier 002's PJ is above pj_max_bytes.
    pj_size,
    {
        let limit = usize::try_from(scor_dictionary::latest::DICTIONARY.limit(Limit::PjMaxBytes)).unwrap();
        with_plan(|plan| plan.dossiers[1].pieces[0].pdf = Some(noise_scan(limit + 10_000, 7)))
    }
);

deviation!(
    /// The header's Empreinte of dossier 001's PJ is another PDF's.
    pj_digest,
    {
        let mut lot = build(&example_plan());
        let other = lot.header.dossiers.dossier[1].piece[0].empreinte.clone();
        rewrite_header(&mut lot, |h| h.dossiers.dossier[0].piece[0].empreinte = other);
        check(&lot.files)
    }
);

deviation!(
    /// The header's Taille of dossier 002's PJ is one byte more.
    pj_digest_taille,
    {
        let mut lot = build(&example_plan());
        rewrite_header(&mut lot, |h| {
            let piece = &mut h.dossiers.dossier[1].piece[0];
            let size: u64 = piece.taille.as_deref().unwrap().parse().unwrap();
            piece.taille = Some((size + 1).to_string());
        });
        check(&lot.files)
    }
);

deviation!(
    /// Two dossiers rejected: 001 with a wrong NIR key and a wrong PJ digest (the index is named),
    /// 002 with a PJ that is not a PDF.
    two_dossiers,
    {
        let mut plan = example_plan();
        plan.dossiers[0].nir_key = "42".to_owned();
        plan.dossiers[1].pieces[0].pdf = Some(b"%PDF-1.4 not really".to_vec());
        let mut lot = build(&plan);
        rewrite_header(&mut lot, |h| h.dossiers.dossier[0].piece[0].empreinte = Some("0".repeat(64)));
        check(&lot.files)
    }
);

deviation!(
    /// Dossier 001's index with a wrong NIR key and an impossible birth date (patient data).
    index_patient_data,
    { check(&patient_data_lot()) }
);

/// The example lot with dossier 001's NIR key wrong and its birth date impossible.
pub fn patient_data_lot() -> Vec<scor_lot::files::LotFile> {
    let mut plan = example_plan();
    plan.dossiers[0].nir_key = "42".to_owned();
    plan.dossiers[0].birth_date = "1985-02-30".to_owned();
    build(&plan).files
}

pub const DEVIATIONS: &[Deviation] = &[
    ("pj_identifier", pj_identifier),
    ("pj_externe", pj_externe),
    ("pj_nature", pj_nature),
    ("cms_structure", cms_structure),
    ("cms_structure_trailing", cms_structure_trailing),
    ("cms_recipient", cms_recipient),
    ("cms_algorithm", cms_algorithm),
    ("cms_algorithm_weak", cms_algorithm_weak),
    ("cms_decrypt", cms_decrypt),
    ("index_nir_key", index_nir_key),
    ("index_header", index_header),
    ("pj_size", pj_size),
    ("pj_digest", pj_digest),
    ("pj_digest_taille", pj_digest_taille),
    ("two_dossiers", two_dossiers),
    ("index_patient_data", index_patient_data),
];

#[test]
fn pj_identifier_disagreeing_with_the_index() {
    let checked = pj_identifier();
    let want = Want::error("PJ-IDENTIFIER", "D-001.pkcs7", "5208").element("EF_PA_005_04");
    let found = finding(checked, want.xpath("/ENTSCANORDO/Dossiers/Dossier[1]/Piece[1]/IdentifiantPJ"));
    assert!(found.message.contains("caisse `751`") && found.message.contains("`752`"), "{found}");
    errors(checked, &["PJ-IDENTIFIER"]);
    dossier_rejection(checked, &[(1, "D-001.pkcs7", "5208")]);
}

#[test]
fn pj_nature_not_allowed_for_the_specialty() {
    let checked = pj_nature();
    finding(checked, Want::error("PJ-NATURE", "P-002-001.pkcs7", "5206").element("EF_PA_005_02"));
    errors(checked, &["PJ-NATURE"]);
    dossier_rejection(checked, &[(2, "P-002-001.pkcs7", "5206")]);
}

#[test]
fn cms_structure_not_der() {
    let checked = cms_structure();
    finding(checked, Want::error("CMS-STRUCTURE", "D-001.pkcs7", "5201"));
    errors(checked, &["CMS-STRUCTURE"]);
    dossier_rejection(checked, &[(1, "D-001.pkcs7", "5201")]);
}

#[test]
fn cms_structure_trailing_bytes() {
    let checked = cms_structure_trailing();
    finding(checked, Want::error("CMS-STRUCTURE", "P-002-001.pkcs7", "5201"));
    errors(checked, &["CMS-STRUCTURE"]);
    dossier_rejection(checked, &[(2, "P-002-001.pkcs7", "5201")]);
}

#[test]
fn cms_recipient_another_organism() {
    let checked = cms_recipient();
    let found = finding(checked, Want::error("CMS-RECIPIENT", "P-002-001.pkcs7", "5201"));
    assert!(found.message.contains("issuer CN=scor-kit TEST ONLY CA") && found.message.contains("serial "), "{found}");
    errors(checked, &["CMS-RECIPIENT"]);
    dossier_rejection(checked, &[(2, "P-002-001.pkcs7", "5201")]);
}

#[test]
fn cms_algorithm_aes_192() {
    let checked = cms_algorithm();
    let found = finding(checked, Want::error("CMS-ALGORITHM", "P-001-001.pkcs7", "5201"));
    assert!(found.message.contains("2.16.840.1.101.3.4.1.22"), "{found}");
    errors(checked, &["CMS-ALGORITHM"]);
    dossier_rejection(checked, &[(1, "P-001-001.pkcs7", "5201")]);
}

#[test]
fn cms_algorithm_weak_3des() {
    let checked = cms_algorithm_weak();
    for name in ["D-001.pkcs7", "P-001-001.pkcs7", "D-002.pkcs7", "P-002-001.pkcs7"] {
        finding(checked, Want::notice("CMS-ALGORITHM-WEAK", Severity::Warning, name));
    }
    errors(checked, &[]);
    warnings(checked, &["CMS-ALGORITHM-WEAK"]);
    accepted(checked);
}

#[test]
fn cms_decrypt_truncated_content() {
    let checked = cms_decrypt();
    finding(checked, Want::error("CMS-DECRYPT", "D-002.pkcs7", "5201"));
    errors(checked, &["CMS-DECRYPT"]);
    dossier_rejection(checked, &[(2, "D-002.pkcs7", "5201")]);
}

#[test]
fn index_nir_key_wrong() {
    let checked = index_nir_key();
    let want = Want::error("INDEX-NIR-KEY", "D-001.pkcs7", "5202").element("EF_IX_002_02");
    finding(checked, want.at("/SCANORDO/Beneficiaire/CleNIR", 6));
    errors(checked, &["INDEX-NIR-KEY"]);
    dossier_rejection(checked, &[(1, "D-001.pkcs7", "5202")]);
}

#[test]
fn index_header_other_invoice() {
    let checked = index_header();
    let want = Want::error("INDEX-HEADER", "D-002.pkcs7", "5208").element("EF_IX_003_01");
    finding(checked, want.at("/SCANORDO/Facture/NumeroFacture", 11));
    errors(checked, &["INDEX-HEADER"]);
    dossier_rejection(checked, &[(2, "D-002.pkcs7", "5208")]);
}

#[test]
fn pj_size_above_the_limit() {
    let checked = pj_size();
    finding(checked, Want::error("PJ-SIZE", "P-002-001.pkcs7", "5205"));
    errors(checked, &["PJ-SIZE"]);
    dossier_rejection(checked, &[(2, "P-002-001.pkcs7", "5205")]);
}

#[test]
fn pj_digest_empreinte() {
    let checked = pj_digest();
    finding(checked, Want::error("PJ-DIGEST", "P-001-001.pkcs7", "5209").element("EF_PA_005_06"));
    errors(checked, &["PJ-DIGEST"]);
    dossier_rejection(checked, &[(1, "P-001-001.pkcs7", "5209")]);
}

#[test]
fn pj_digest_taille_one_byte_more() {
    let checked = pj_digest_taille();
    finding(checked, Want::error("PJ-DIGEST", "P-002-001.pkcs7", "5209").element("EF_PA_005_05"));
    errors(checked, &["PJ-DIGEST"]);
    dossier_rejection(checked, &[(2, "P-002-001.pkcs7", "5209")]);
}

#[test]
fn two_dossiers_rejected_each_naming_one_file() {
    let checked = two_dossiers();
    finding(
        checked,
        Want::error("INDEX-NIR-KEY", "D-001.pkcs7", "5202")
            .element("EF_IX_002_02")
            .at("/SCANORDO/Beneficiaire/CleNIR", 6),
    );
    finding(checked, Want::error("PJ-DIGEST", "P-001-001.pkcs7", "5209").element("EF_PA_005_06"));
    finding(checked, Want::error("PDF-SYNTAX", "P-002-001.pkcs7", "5204").clause("ISO 19005-1 6.1.1"));
    errors(checked, &["INDEX-NIR-KEY", "PJ-DIGEST", "PDF-SYNTAX", "PDFA-FILE"]);
    // Dossier 001 has two wrong files: the diagnostic names the first found, its index.
    dossier_rejection(checked, &[(1, "D-001.pkcs7", "5202"), (2, "P-002-001.pkcs7", "5204")]);
}
