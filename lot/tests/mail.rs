//! Reading and writing a lot as an SMTP message: round trip, each transport problem, size caps,
//! and damaged messages that never panic.

use scor_lot::files::{self, LotFile, Origin, ReadLimits, ReadProblem};
use scor_lot::mail::{
    MailHeaders, MailLimits, MailProblem, PartKind, ReadMail, is_plain_name, read_eml, read_eml_file, sanitised_name,
    write_eml,
};

const LIMITS: MailLimits = MailLimits {
    max_message_bytes: 1 << 20,
    max_parts: 100,
    files: ReadLimits { max_total_bytes: 1 << 19, max_file_bytes: 1 << 16, max_files: 50 },
};

fn headers() -> MailHeaders {
    MailHeaders {
        from: "ps@cabinet.example".into(),
        to: vec!["01.751@01.scor.rss.fr".into()],
        subject: "SCOR 565038410-2011120510542663945".into(),
        date: Some(1_764_000_000),
        message_id: Some("lot-42@cabinet.example".into()),
    }
}

fn lot() -> Vec<LotFile> {
    files::from_files(vec![
        ("E-2026-ENTSCANORDO-00042.xml".into(), b"<ENTSCANORDO/>\n".to_vec()),
        ("D-001.pkcs7".into(), (0..=255u8).collect()),
        ("P-001-001.pkcs7".into(), vec![0; 3000]),
        ("P-001-002.pkcs7".into(), vec![]),
    ])
}

fn problems(raw: &str) -> Vec<MailProblem> {
    read_eml(raw.as_bytes(), &LIMITS).problems
}

#[test]
fn written_then_read_gives_the_same_files_and_headers() {
    let raw = write_eml(&headers(), &lot());
    let read = read_eml(&raw, &LIMITS);
    assert_eq!(read.problems, vec![]);
    let t = &read.transport;
    assert_eq!(t.to, ["01.751@01.scor.rss.fr"]);
    assert_eq!(t.from, ["ps@cabinet.example"]);
    assert_eq!(t.subject.as_deref(), Some("SCOR 565038410-2011120510542663945"));
    assert_eq!(t.message_id.as_deref(), Some("lot-42@cabinet.example"));
    assert_eq!(t.date, Some(1_764_000_000));
    assert_eq!(t.root_content_type.as_deref(), Some("multipart/mixed"));
    let sent: Vec<_> = lot().into_iter().map(|f| (f.name, f.bytes)).collect();
    let got: Vec<_> = read.files.iter().map(|f| (f.name.clone(), f.bytes.clone())).collect();
    assert_eq!(got, sent);
}

#[test]
fn written_attachments_are_base64_octet_streams_named_by_file() {
    let read = read_eml(&write_eml(&headers(), &lot()), &LIMITS);
    let attachments: Vec<_> = read.transport.parts.iter().filter(|p| p.kind == PartKind::Attachment).collect();
    assert_eq!(attachments.len(), 4);
    for (part, file) in attachments.iter().zip(lot()) {
        assert_eq!(part.content_type.as_deref(), Some("application/octet-stream"));
        assert_eq!(part.disposition.as_deref(), Some("attachment"));
        assert_eq!(part.transfer_encoding.as_deref(), Some("base64"));
        assert_eq!(part.filename.as_deref(), Some(file.name.as_str()));
        assert_eq!(part.decoded_size, file.bytes.len());
    }
    let origin = &read.files[0].origin;
    assert_eq!(origin, &Origin::MimePart { index: 1, content_type: "application/octet-stream".into() });
}

#[test]
fn writing_is_deterministic_given_date_and_message_id() {
    assert_eq!(write_eml(&headers(), &lot()), write_eml(&headers(), &lot()));
}

#[test]
fn writing_without_date_or_id_generates_them() {
    let headers = MailHeaders { date: None, message_id: None, ..headers() };
    let read = read_eml(&write_eml(&headers, &lot()), &LIMITS);
    assert!(read.transport.date.is_some());
    assert!(read.transport.message_id.is_some());
    assert_eq!(read.files.len(), 4);
}

#[test]
fn an_eml_file_is_read_within_its_cap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lot.eml");
    let raw = write_eml(&headers(), &lot());
    std::fs::write(&path, &raw).unwrap();
    let read = read_eml_file(&path, &LIMITS).unwrap();
    assert_eq!(read.files.len(), 4);
    let tight = MailLimits { max_message_bytes: raw.len() as u64 - 1, ..LIMITS };
    let read = read_eml_file(&path, &tight).unwrap();
    assert_eq!(read.problems, vec![MailProblem::MessageTooLarge { limit: raw.len() as u64 - 1 }]);
    assert_eq!(read.files, vec![]);
    assert!(read_eml_file(&dir.path().join("absent.eml"), &LIMITS).is_err());
}

#[test]
fn a_message_over_the_cap_is_not_parsed() {
    let raw = write_eml(&headers(), &lot());
    let tight = MailLimits { max_message_bytes: 100, ..LIMITS };
    let read = read_eml(&raw, &tight);
    assert_eq!(read, ReadMail { problems: vec![MailProblem::MessageTooLarge { limit: 100 }], ..ReadMail::default() });
}

#[test]
fn attachment_limits_are_read_problems() {
    let raw = write_eml(&headers(), &lot());
    let limits = |max_total_bytes, max_file_bytes, max_files| MailLimits {
        files: ReadLimits { max_total_bytes, max_file_bytes, max_files },
        ..LIMITS
    };
    let read = read_eml(&raw, &limits(1 << 20, 1000, 50));
    assert_eq!(read.files.len(), 3);
    let too_large = ReadProblem::FileTooLarge { name: "P-001-001.pkcs7".into(), limit: 1000 };
    assert_eq!(read.problems, vec![MailProblem::Read(too_large)]);

    let read = read_eml(&raw, &limits(3100, 1 << 20, 50));
    assert_eq!(read.files.len(), 2);
    let total = ReadProblem::TotalTooLarge { bytes_read_so_far: 15 + 256, limit: 3100 };
    assert_eq!(read.problems, vec![MailProblem::Read(total)]);

    let read = read_eml(&raw, &limits(1 << 20, 1 << 20, 2));
    assert_eq!(read.files.len(), 2);
    assert_eq!(read.problems, vec![MailProblem::Read(ReadProblem::TooManyFiles { limit: 2 })]);
}

const HEAD: &str = "From: ps@cabinet.example\r\nTo: 01.751@01.scor.rss.fr\r\nSubject: SCOR 1\r\n\
Message-ID: <m1@cabinet.example>\r\nMIME-Version: 1.0\r\n";

/// A multipart/mixed message with the given raw parts (headers, blank line, body).
fn mixed(parts: &[&str]) -> String {
    let mut raw = format!("{HEAD}Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n");
    for part in parts {
        raw.push_str("--XX\r\n");
        raw.push_str(part);
        raw.push_str("\r\n");
    }
    raw.push_str("--XX--\r\n");
    raw
}

fn attachment(name: &str) -> String {
    format!(
        "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\naGVsbG8="
    )
}

#[test]
fn a_hand_written_lot_reads_cleanly() {
    let read = read_eml(mixed(&[&attachment("D-001.pkcs7")]).as_bytes(), &LIMITS);
    assert_eq!(read.problems, vec![]);
    assert_eq!(read.files[0].name, "D-001.pkcs7");
    assert_eq!(read.files[0].bytes, b"hello");
}

#[test]
fn a_text_body_is_not_an_attachment() {
    let body = "Content-Type: text/plain; charset=utf-8\r\n\r\nLot SCOR";
    let read = read_eml(mixed(&[body, &attachment("D-001.pkcs7")]).as_bytes(), &LIMITS);
    assert_eq!(read.problems, vec![]);
    assert_eq!(read.transport.parts[1].kind, PartKind::Body);
    assert_eq!(read.files.len(), 1);
}

#[test]
fn garbage_and_empty_input_are_unparseable_or_not_mime() {
    for raw in ["", "\r\n", "\0\0\0"] {
        let got = problems(raw);
        assert!(got.contains(&MailProblem::Unparseable) || got.contains(&MailProblem::NotMime), "{raw:?}: {got:?}");
    }
}

#[test]
fn a_message_without_mime_is_reported() {
    let raw = "From: ps@cabinet.example\r\nTo: 01.751@01.scor.rss.fr\r\nSubject: SCOR 1\r\n\r\nhello\r\n";
    assert_eq!(problems(raw), vec![MailProblem::NotMime, MailProblem::NoAttachment]);
}

#[test]
fn a_single_part_message_is_not_multipart_mixed_but_its_file_is_kept() {
    let raw = format!("{HEAD}{}\r\n", attachment("D-001.pkcs7"));
    let read = read_eml(raw.as_bytes(), &LIMITS);
    assert_eq!(read.problems, vec![MailProblem::NotMultipartMixed { found: "application/octet-stream".into() }]);
    assert_eq!(read.files.len(), 1);
}

#[test]
fn a_multipart_alternative_root_is_reported() {
    let raw = mixed(&[&attachment("D-001.pkcs7")]).replace("multipart/mixed", "multipart/alternative");
    assert_eq!(problems(&raw), vec![MailProblem::NotMultipartMixed { found: "multipart/alternative".into() }]);
}

#[test]
fn nested_multiparts_are_reported_and_flattened() {
    let inner = format!(
        "Content-Type: multipart/mixed; boundary=\"YY\"\r\n\r\n--YY\r\n{}\r\n--YY\r\n{}\r\n--YY--",
        attachment("P-001-001.pkcs7"),
        attachment("P-001-002.pkcs7")
    );
    let read = read_eml(mixed(&[&attachment("D-001.pkcs7"), &inner]).as_bytes(), &LIMITS);
    let names: Vec<_> = read.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["D-001.pkcs7", "P-001-001.pkcs7", "P-001-002.pkcs7"]);
    assert_eq!(read.problems, vec![MailProblem::NestedMultipart { index: 2, content_type: "multipart/mixed".into() }]);
}

#[test]
fn an_attachment_without_a_name_is_left_out() {
    let nameless = "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8=";
    let read = read_eml(mixed(&[nameless, &attachment("D-001.pkcs7")]).as_bytes(), &LIMITS);
    assert_eq!(read.problems, vec![MailProblem::AttachmentWithoutName { index: 1 }]);
    assert_eq!(read.files.len(), 1);
}

#[test]
fn a_name_holding_a_path_is_kept_under_a_plain_name() {
    for (name, kept_as) in [
        ("../../etc/passwd", "______etc_passwd"),
        ("/etc/passwd", "_etc_passwd"),
        ("lot\\\\D-001.pkcs7", "lot_D-001.pkcs7"),
        ("C:D-001.pkcs7", "C_D-001.pkcs7"),
        ("D-001.pkcs7..", "D-001.pkcs7__"),
    ] {
        let read = read_eml(mixed(&[&attachment(name)]).as_bytes(), &LIMITS);
        let raw_name = read.transport.parts[1].filename.clone().unwrap();
        assert_eq!(read.problems, vec![MailProblem::NameWithPath { name: raw_name, kept_as: kept_as.into() }]);
        assert_eq!(read.files[0].name, kept_as);
        assert!(is_plain_name(&read.files[0].name));
    }
}

#[test]
fn control_characters_and_nul_make_a_name_unsafe() {
    for name in ["a\0b", "a\tb", "a\u{7f}b", "a\nb", "", ".."] {
        assert!(!is_plain_name(name), "{name:?}");
        assert!(is_plain_name(&sanitised_name(name)), "{name:?}");
    }
    assert!(is_plain_name("P-001-001.pkcs7"));
    let encoded = "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; \
filename*=UTF-8''a%00b%0Dc\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8=";
    let read = read_eml(mixed(&[encoded]).as_bytes(), &LIMITS);
    assert!(read.files.iter().all(|f| is_plain_name(&f.name)), "{:?}", read.files);
}

#[test]
fn duplicate_names_are_reported_and_both_kept() {
    let read = read_eml(mixed(&[&attachment("D-001.pkcs7"), &attachment("D-001.pkcs7")]).as_bytes(), &LIMITS);
    assert_eq!(read.problems, vec![MailProblem::DuplicateName { name: "D-001.pkcs7".into() }]);
    assert_eq!(read.files.len(), 2);
}

#[test]
fn an_attachment_not_in_base64_is_reported() {
    let qp = "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"a.xml\"\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\r\nh=C3=A9";
    let none =
        "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"b.xml\"\r\n\r\nhi";
    let read = read_eml(mixed(&[qp, none]).as_bytes(), &LIMITS);
    assert_eq!(
        read.problems,
        vec![
            MailProblem::NotBase64 { name: "a.xml".into(), encoding: "quoted-printable".into() },
            MailProblem::NotBase64 { name: "b.xml".into(), encoding: "none".into() },
        ]
    );
    assert_eq!(read.files[0].bytes, "hé".as_bytes());
}

#[test]
fn an_attachment_not_octet_stream_is_reported() {
    let pdf = attachment("P-001-001.pdf").replace("application/octet-stream", "application/pdf");
    assert_eq!(
        problems(&mixed(&[&pdf])),
        vec![MailProblem::NotOctetStream { name: "P-001-001.pdf".into(), content_type: "application/pdf".into() }]
    );
}

#[test]
fn a_message_without_attachment_is_reported() {
    let body = "Content-Type: text/plain\r\n\r\nnothing attached";
    assert_eq!(problems(&mixed(&[body])), vec![MailProblem::NoAttachment]);
    assert_eq!(problems(&mixed(&[])), vec![MailProblem::NoAttachment]);
}

#[test]
fn an_embedded_message_is_kept_whole_and_reported() {
    let embedded = format!(
        "Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"fwd.eml\"\r\n\r\n{HEAD}\r\nhi"
    );
    let read = read_eml(mixed(&[&embedded]).as_bytes(), &LIMITS);
    assert_eq!(read.transport.parts[1].kind, PartKind::NestedMessage);
    assert!(read.problems.contains(&MailProblem::NotBase64 { name: "fwd.eml".into(), encoding: "none".into() }));
    assert_eq!(read.files.len(), 1);
}

#[test]
fn truncated_or_damaged_messages_never_panic() {
    let raw = write_eml(&headers(), &lot()[..2]);
    for len in 0..raw.len() {
        let read = read_eml(&raw[..len], &LIMITS);
        assert!(read.files.iter().all(|f| is_plain_name(&f.name)));
    }
    for at in 0..raw.len() {
        for flip in [0x01, 0x20, 0x80] {
            let mut damaged = raw.clone();
            damaged[at] ^= flip;
            let read = read_eml(&damaged, &LIMITS);
            assert!(read.files.iter().map(|f| f.bytes.len() as u64).sum::<u64>() <= LIMITS.files.max_total_bytes);
        }
    }
}

#[test]
fn deeply_nested_multiparts_never_panic() {
    let mut raw = String::from(HEAD);
    for depth in 0..2000 {
        raw.push_str(&format!("Content-Type: multipart/mixed; boundary=\"b{depth}\"\r\n\r\n--b{depth}\r\n"));
    }
    raw.push_str(&attachment("D-001.pkcs7"));
    let _ = read_eml(raw.as_bytes(), &LIMITS);
}
