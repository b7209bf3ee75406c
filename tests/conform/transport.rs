//! The SMTP message and tar archive around a lot, its routing and its size.

use crate::support::*;
use scor_conformance::LotKind;
use scor_dictionary::Severity;
use scor_tests::lots::*;

fn example_eml(change: impl FnOnce(&mut scor_lot::mail::MailHeaders, &mut Vec<scor_lot::files::LotFile>)) -> Vec<u8> {
    let plan = example_plan();
    let mut files = build(&plan).files;
    let mut headers = example_headers(&plan);
    change(&mut headers, &mut files);
    eml(&headers, &files)
}

deviation!(
    /// The example lot as an SMTP message, as sent.
    eml_as_sent,
    { check_eml(&example_eml(|_, _| {})) }
);

deviation!(
    /// Not an Internet message at all.
    mail_unreadable,
    { check_eml(b"") }
);

deviation!(
    /// A tar archive cut inside its first block.
    tar_damaged,
    {
        let archive = tar(&build(&example_plan()).files);
        check_tar(&archive[..300])
    }
);

deviation!(
    /// A message with no attachment.
    mail_no_attachment,
    { check_eml(&example_eml(|_, files| files.clear())) }
);

deviation!(
    /// The top-level part is multipart/related instead of multipart/mixed.
    mail_multipart,
    { check_eml(&replace_first(&example_eml(|_, _| {}), "multipart/mixed", "multipart/related")) }
);

deviation!(
    /// An extra attachment without a file name.
    mail_attachment_name,
    { check_eml(&example_eml(|_, files| files.push(memory_file("", b"notes".to_vec())))) }
);

deviation!(
    /// An attachment named with a folder.
    mail_attachment_name_path,
    { check_eml(&example_eml(|_, files| rename(files, "P-002-001.pkcs7", "lot/P-002-001.pkcs7"))) }
);

deviation!(
    /// The same attachment twice.
    mail_attachment_name_twice,
    {
        check_eml(&example_eml(|_, files| {
            let copy = file(files, "P-002-001.pkcs7").clone();
            files.push(copy);
        }))
    }
);

deviation!(
    /// One attachment sent as application/pkcs7-mime.
    mail_attachment_type,
    {
        let raw = example_eml(|_, _| {});
        let at = raw.windows(11).position(|w| w == b"D-001.pkcs7").expect("the index attachment");
        let head = raw[..at].to_vec();
        let start = head.windows(24).rposition(|w| w == b"application/octet-stream").expect("its content type");
        let mut changed = raw[..start].to_vec();
        changed.extend_from_slice(b"application/pkcs7-mime");
        changed.extend_from_slice(&raw[start + 24..]);
        check_eml(&changed)
    }
);

deviation!(
    /// The Subject does not name the lot.
    mail_subject,
    { check_eml(&example_eml(|headers, _| headers.subject = "Ordonnances".to_owned())) }
);

deviation!(
    /// Sent to another CPAM's routing address.
    mail_to,
    { check_eml(&example_eml(|headers, _| headers.to = vec![OTHER_ROUTE.to_owned()])) }
);

deviation!(
    /// A message above message_max_bytes (an extra attachment of 4.6 MB).
    lot_message_size,
    { check_eml(&example_eml(|_, files| files.push(memory_file("notes.txt", vec![b'x'; 4_600_000])))) }
);

deviation!(
    /// The header's Destinataire names an organism the routing table does not have.
    routing_unknown,
    {
        let mut plan = example_plan();
        plan.organism = "999".to_owned();
        check(&build(&plan).files)
    }
);

deviation!(
    /// Seventeen PJ of almost pj_max_bytes each: the lot is above lot_max_bytes.
    lot_size,
    {
        let mut plan = example_plan();
        let template = plan.dossiers[0].pieces[0].clone();
        plan.dossiers[0].pieces = (1..=17)
            .map(|n| scor_sender::PiecePlan {
                identifier: template.identifier.replace(".000001", &format!(".{:06}", 100 + n)),
                pdf: Some(noise_scan(240_000, n)),
                ..template.clone()
            })
            .collect();
        check(&build(&plan).files)
    }
);

pub const DEVIATIONS: &[Deviation] = &[
    ("eml_as_sent", eml_as_sent),
    ("mail_unreadable", mail_unreadable),
    ("tar_damaged", tar_damaged),
    ("mail_no_attachment", mail_no_attachment),
    ("mail_multipart", mail_multipart),
    ("mail_attachment_name", mail_attachment_name),
    ("mail_attachment_name_path", mail_attachment_name_path),
    ("mail_attachment_name_twice", mail_attachment_name_twice),
    ("mail_attachment_type", mail_attachment_type),
    ("mail_subject", mail_subject),
    ("mail_to", mail_to),
    ("lot_message_size", lot_message_size),
    ("routing_unknown", routing_unknown),
    ("lot_size", lot_size),
];

#[test]
fn the_example_lot_as_an_smtp_message_is_accepted() {
    let checked = eml_as_sent();
    assert_eq!(checked.outcome.kind, LotKind::Eml);
    assert_eq!(checked.outcome.files.len(), 5);
    errors(checked, &[]);
    warnings(checked, &[]);
    accepted(checked);
}

#[test]
fn the_example_lot_as_a_tar_archive_is_accepted() {
    let checked = check_tar(&tar(&build(&example_plan()).files));
    assert_eq!(checked.outcome.kind, LotKind::Archive);
    errors(&checked, &[]);
    accepted(&checked);
}

#[test]
fn mail_unreadable_an_empty_message() {
    let checked = mail_unreadable();
    finding(checked, Want::error("MAIL-UNREADABLE", "lot.eml", "9001"));
    errors(checked, &["MAIL-UNREADABLE"]);
    service_message(checked, "9001");
    assert_eq!(checked.outcome.not_evaluated.len(), 1, "{}", describe(checked));
}

#[test]
fn mail_unreadable_a_damaged_tar_archive() {
    let checked = tar_damaged();
    finding(checked, Want::error("MAIL-UNREADABLE", "lot.tar", "9001"));
    errors(checked, &["MAIL-UNREADABLE"]);
    service_message(checked, "9001");
}

#[test]
fn mail_without_attachment() {
    let checked = mail_no_attachment();
    finding(checked, Want::error("MAIL-NO-ATTACHMENT", "lot.eml", "9002"));
    errors(checked, &["MAIL-NO-ATTACHMENT"]);
    service_message(checked, "9002");
}

#[test]
fn mail_multipart_related() {
    let checked = mail_multipart();
    finding(checked, Want::error("MAIL-MULTIPART", "lot.eml", "9001"));
    errors(checked, &["MAIL-MULTIPART"]);
    service_message(checked, "9001");
    assert_eq!(checked.outcome.files.len(), 5, "the attachments are still read and checked");
}

#[test]
fn mail_attachment_name_missing() {
    let checked = mail_attachment_name();
    finding(checked, Want::error("MAIL-ATTACHMENT-NAME", "lot.eml", "5106"));
    errors(checked, &["MAIL-ATTACHMENT-NAME"]);
    header_rejection(checked, "5106");
}

#[test]
fn mail_attachment_name_with_a_path() {
    let checked = mail_attachment_name_path();
    let kept = "lot_P-002-001.pkcs7";
    finding(checked, Want::error("MAIL-ATTACHMENT-NAME", kept, "5106"));
    // The file kept under its sanitised name is a stray, and dossier 002 lost its PJ.
    finding(checked, Want::error("INVENTORY-STRAY", kept, "5106"));
    errors(checked, &["MAIL-ATTACHMENT-NAME", "INVENTORY-STRAY", "INVENTORY-PJ-MISSING", "INVENTORY-HEADER-MISMATCH"]);
    header_rejection(checked, "5106");
}

#[test]
fn mail_attachment_name_given_twice() {
    let checked = mail_attachment_name_twice();
    finding(checked, Want::error("MAIL-ATTACHMENT-NAME", "lot.eml", "5106"));
    finding(checked, Want::error("INVENTORY-DUPLICATE", "P-002-001.pkcs7", "5106"));
    errors(checked, &["MAIL-ATTACHMENT-NAME", "INVENTORY-DUPLICATE"]);
    header_rejection(checked, "5106");
}

#[test]
fn mail_attachment_type_pkcs7_mime() {
    let checked = mail_attachment_type();
    finding(checked, Want::notice("MAIL-ATTACHMENT-TYPE", Severity::Warning, "D-001.pkcs7"));
    errors(checked, &[]);
    warnings(checked, &["MAIL-ATTACHMENT-TYPE"]);
    accepted(checked);
}

#[test]
fn mail_subject_not_naming_the_lot() {
    let checked = mail_subject();
    finding(checked, Want::notice("MAIL-SUBJECT", Severity::Warning, "lot.eml"));
    errors(checked, &[]);
    warnings(checked, &["MAIL-SUBJECT"]);
    accepted(checked);
}

#[test]
fn mail_to_another_routing_address() {
    let checked = mail_to();
    let found = finding(checked, Want::error("MAIL-TO", "lot.eml", "5103").element("EF_PA_001_17"));
    assert!(found.message.contains(OTHER_ROUTE) && found.message.contains(example_route()), "{found}");
    errors(checked, &["MAIL-TO"]);
    header_rejection(checked, "5103");
}

#[test]
fn lot_message_size_above_the_limit() {
    let checked = lot_message_size();
    finding(checked, Want::error("LOT-MESSAGE-SIZE", "lot.eml", "5104"));
    errors(checked, &["LOT-MESSAGE-SIZE"]);
    header_rejection_without_arl(checked, "5104");
}

#[test]
fn routing_unknown_organism() {
    let checked = routing_unknown();
    let want = Want::error("ROUTING-UNKNOWN", HEADER, "5103").element("EF_PA_001_17");
    finding(checked, want.at("/ENTSCANORDO/Destinataire/CodeOrganisme", 20));
    errors(checked, &["ROUTING-UNKNOWN"]);
    header_rejection(checked, "5103");
    // Without a routing address there is no organism key: the dossiers are not evaluated, not passed.
    assert_eq!(checked.outcome.not_evaluated.len(), 4, "{}", describe(checked));
}

#[test]
fn lot_size_above_the_limit() {
    let checked = lot_size();
    let total: u64 = checked.outcome.files.iter().map(|f| f.bytes).sum();
    assert!(total > 4_000_000 && checked.outcome.files.iter().all(|f| f.plain_bytes.unwrap_or(0) <= 250_000));
    finding(checked, Want::error("LOT-SIZE", "lot", "5104"));
    // Pages of random noise are, rightly, unusable scans too (content to every edge), and seventeen
    // prescriptions in one dossier are sixteen too many (one PJ per nature).
    errors(checked, &["LOT-SIZE", "PJ-NATURE-COUNT", "QUALITY-TRUNCATED"]);
    header_rejection(checked, "5104");
}
