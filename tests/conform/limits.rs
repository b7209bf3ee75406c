//! Reading limits: a limit that stops reading a lot is named in its finding, and what follows from
//! the stop is reported as not evaluated, never as a file missing from the lot.

use crate::support::*;
use scor_conformance::Checked;
use scor_lot::files::LotFile;
use scor_tests::lots::*;

fn not_evaluated(checked: &Checked, file: &str) -> Vec<String> {
    checked
        .outcome
        .not_evaluated
        .iter()
        .filter(|n| n.file == file)
        .map(|n| n.reason.render(scor_locale::Lang::En))
        .collect()
}

/// The example lot's files after `before`, as a tar archive.
fn archive(before: Vec<LotFile>) -> Vec<u8> {
    let mut files = before;
    files.extend(build(&example_plan()).files);
    tar(&files)
}

fn strays(count: usize) -> Vec<LotFile> {
    (0..count).map(|n| memory_file(&format!("notes-{n:04}.txt"), b"x".to_vec())).collect()
}

deviation!(
    /// A message of 2,100 empty MIME parts: more than message_max_parts; it is not parsed.
    lot_message_parts,
    {
        let raw = String::from_utf8(eml(&example_headers(&example_plan()), &[])).unwrap();
        let boundary = raw.split("boundary=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap().to_owned();
        let closing = format!("--{boundary}--");
        let parts = format!("--{boundary}\r\n\r\n").repeat(2_100);
        check_eml(raw.replace(&closing, &format!("{parts}{closing}")).as_bytes())
    }
);

pub const DEVIATIONS: &[Deviation] = &[("lot_message_parts", lot_message_parts)];

#[test]
fn a_message_of_too_many_parts_names_message_max_parts() {
    let checked = lot_message_parts();
    let finding = finding(checked, Want::error("LOT-MESSAGE-PARTS", "lot.eml", "5104"));
    assert!(finding.message.ends_with("(limit message_max_parts)"), "{}", finding.message);
    errors(checked, &["LOT-MESSAGE-PARTS"]);
    header_rejection_without_arl(checked, "5104");
}

#[test]
fn a_text_message_without_attachment_is_a_message_without_attachment() {
    let raw = b"From: ps@example.test\r\nTo: 01.751@01.scor.rss.fr\r\nSubject: SCOR 565038410-2026112310150000001\r\n\
                Content-Type: text/plain\r\n\r\nThe scans will follow.\r\n";
    let checked = check_eml(raw);
    errors(&checked, &["MAIL-NO-ATTACHMENT"]);
    service_message(&checked, "9002");
}

#[test]
fn past_the_file_limit_no_file_of_the_lot_is_said_missing() {
    // 2,000 notes first: the lot's own files come after lot_max_files entries.
    let checked = check_tar(&archive(strays(2_000)));
    let finding = finding(&checked, Want::error("LOT-SIZE", "lot.tar", "5104"));
    assert!(finding.message.ends_with("(limit lot_max_files)"), "{}", finding.message);
    errors(&checked, &["INVENTORY-STRAY", "LOT-SIZE"]);
    header_rejection_without_arl(&checked, "5104");
    for file in [HEADER, "D-001.pkcs7", "D-002.pkcs7", "P-001-001.pkcs7", "P-002-001.pkcs7"] {
        let reasons = not_evaluated(&checked, file);
        assert_eq!(reasons.len(), 1, "{file}: {}", describe(&checked));
        assert!(reasons[0].contains("limit lot_max_files"), "{file}: {reasons:?}");
    }
    let inventory = not_evaluated(&checked, "lot.tar");
    assert_eq!(inventory, ["the lot was not read past the limit lot_max_files"], "{}", describe(&checked));
}

#[test]
fn a_header_over_the_lot_limit_is_not_read_and_not_said_missing() {
    let mut files = build(&example_plan()).files;
    let header = file_mut(&mut files, HEADER);
    let padding = 4_000_001 - header.bytes.len();
    header.bytes.extend(std::iter::repeat_n(b' ', padding));
    let checked = check_tar(&tar(&files));
    let finding = finding(&checked, Want::error("LOT-SIZE", HEADER, "5104"));
    assert!(finding.message.ends_with("(limit lot_max_bytes)"), "{}", finding.message);
    errors(&checked, &["LOT-SIZE"]);
    header_rejection_without_arl(&checked, "5104");
    let reasons = not_evaluated(&checked, HEADER);
    assert_eq!(reasons, ["not read: the lot was not read past the limit lot_max_bytes"]);
    // Without the header, the routing address and so the organism key are unknown: that is the reason.
    let index = not_evaluated(&checked, "D-001.pkcs7");
    assert_eq!(index, ["the header could not be read, so the lot's routing address and its organism key are unknown"]);
}

#[test]
fn a_pj_past_the_lot_size_is_not_read_and_not_said_missing() {
    let mut files = build(&example_plan()).files;
    let last = files.pop().expect("the example lot ends with a PJ");
    assert_eq!(last.name, "P-002-001.pkcs7");
    let total: usize = files.iter().map(|f| f.bytes.len()).sum();
    files.push(memory_file("notes.txt", vec![b'x'; 4_000_000 - total - 10]));
    files.push(last);
    let checked = check_tar(&tar(&files));
    let finding = finding(&checked, Want::error("LOT-SIZE", "lot.tar", "5104"));
    assert!(finding.message.ends_with("(limit lot_max_bytes)"), "{}", finding.message);
    errors(&checked, &["INVENTORY-STRAY", "LOT-SIZE"]);
    assert_eq!(
        not_evaluated(&checked, "P-002-001.pkcs7"),
        ["not read: the lot was not read past the limit lot_max_bytes"]
    );
    assert!(not_evaluated(&checked, "lot.tar").is_empty(), "every name was seen: {}", describe(&checked));
}

#[test]
fn an_unreadable_header_is_the_reason_dossiers_are_not_opened() {
    let mut files = build(&example_plan()).files;
    file_mut(&mut files, HEADER).bytes = b"<ENTSCANORDO".to_vec();
    let checked = check(&files);
    let reasons = not_evaluated(&checked, "P-001-001.pkcs7");
    assert_eq!(
        reasons,
        ["the header could not be read, so the lot's routing address and its organism key are unknown"]
    );
}
