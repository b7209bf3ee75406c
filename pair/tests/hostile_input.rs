//! Hostile SMTP input against the real listener over TCP: senders that are not RFC 5321 paths, SMTP
//! smuggling (bare LF/CR ends of DATA), bare LF in command lines, postmaster, relaying; and a lot whose
//! PJ makes a decoder panic.

mod common;

use common::*;
use scor_pair::delivery::{hex_digest, maildir};
use scor_pair::store::State;
use scor_test_tools::require_tool;

const ROUTE: &str = "01.751@01.scor.rss.fr";
const BARE_LF_IN_DATA: &str =
    "554 5.6.0 Bare <LF> in the message: SMTP lines end with <CR><LF> (RFC 5321 section 2.3.8); not stored\r\n";

fn status(dir: &std::path::Path) -> scor_pair::Status {
    scor_pair::status(&dir.join("data"), scor_pair::store::now()).unwrap()
}

fn spooled(dir: &std::path::Path) -> Vec<Vec<u8>> {
    let mut files: Vec<_> = std::fs::read_dir(dir.join("data/spool")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|f| std::fs::read(f).unwrap()).collect()
}

/// EHLO, MAIL from `sender`, RCPT to the example route: each answered 250.
fn open_transaction(c: &mut RawClient, sender: &str) {
    assert!(c.say(b"EHLO lps.test\r\n").starts_with("250-"));
    assert_eq!(c.say(format!("MAIL FROM:<{sender}>\r\n").as_bytes()), "250 2.1.0 Sender OK\r\n");
    assert_eq!(c.say(format!("RCPT TO:<{ROUTE}>\r\n").as_bytes()), "250 2.1.5 Recipient OK\r\n");
}

#[test]
fn hostile_senders_get_501_and_no_file_is_written_outside_the_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let running = start_in_process(dir.path());
    let mut c = RawClient::connect(running.local_addr());
    assert!(c.say(b"EHLO lps.test\r\n").starts_with("250-"));
    let refused = [
        (
            &b"MAIL FROM:<..>\r\n"[..],
            "5.1.7 Sender address refused: the address has no @ between its local part and its domain",
        ),
        (
            b"MAIL FROM:..\r\n",
            "5.1.7 Sender address refused: the address must be written in angle brackets, as <local-part@domain>",
        ),
        (
            b"MAIL FROM:<../../../x@b.test>\r\n",
            "5.1.7 Sender address refused: the local part is neither a dot-string nor a quoted string (RFC 5321 section 4.1.2)",
        ),
        (
            b"MAIL FROM:<a@b.test/../../x>\r\n",
            "5.1.7 Sender address refused: the domain is neither a domain name nor an address literal (RFC 5321 section 4.1.2)",
        ),
        (
            b"MAIL FROM:<a\0b@b.test>\r\n",
            "5.1.7 Sender address refused: control characters (NUL, CR, LF...) are not allowed in a command",
        ),
        (
            b"MAIL FROM:<@r.test:../x@b.test>\r\n",
            "5.1.7 Sender address refused: the local part is neither a dot-string nor a quoted string (RFC 5321 section 4.1.2)",
        ),
    ];
    for (command, text) in refused {
        assert_eq!(c.say(command), format!("501 {text}\r\n"), "{:?}", String::from_utf8_lossy(command));
        assert_eq!(c.say(format!("RCPT TO:<{ROUTE}>\r\n").as_bytes()), "503 5.5.1 Send MAIL first\r\n");
    }
    // A valid mailbox with a '/' (atext): accepted; its service message (no attachment, 9002) goes to it.
    let sender = "a/b@b.test";
    assert_eq!(c.say(format!("MAIL FROM:<{sender}>\r\n").as_bytes()), "250 2.1.0 Sender OK\r\n");
    assert_eq!(c.say(format!("RCPT TO:<{ROUTE}>\r\n").as_bytes()), "250 2.1.5 Recipient OK\r\n");
    assert!(c.say(b"DATA\r\n").starts_with("354 "));
    let mut message = scor_pair::delivery::dot_stuffed(&no_attachment_message());
    message.extend(b".\r\n");
    assert_eq!(c.say(&message), "250 2.0.0 Stored durably as message 1\r\n");
    let status = wait_finished(&dir.path().join("data"), 1, 60);
    running.stop();

    let row = &status.lots[0];
    assert_eq!(
        (row.mail_from.as_str(), row.state, row.answer_to.as_slice()),
        (sender, State::Delivered, &[sender.to_owned()][..])
    );
    let outbox = dir.path().join("data/outbox");
    let hash = maildir(&outbox, sender).file_name().unwrap().to_string_lossy().into_owned();
    let file = format!("1.{}.eml", hex_digest(row.answer_id.as_deref().unwrap().as_bytes(), 8));
    let everything = tree(dir.path());
    assert!(everything.iter().all(|p| p == "data" || p.starts_with("data/")), "{everything:#?}");
    let in_outbox: Vec<&str> = everything.iter().filter_map(|p| p.strip_prefix("data/outbox/")).collect();
    let expected = ["", "/address", "/cur", "/new", &format!("/new/{file}"), "/tmp"].map(|p| format!("{hash}{p}"));
    assert_eq!(in_outbox, expected);
    let delivered = std::fs::read(outbox.join(&hash).join("new").join(&file)).unwrap();
    assert!(String::from_utf8_lossy(&delivered).contains(&format!("\r\nTo: <{sender}>\r\n")));
    assert_eq!(std::fs::read_to_string(outbox.join(&hash).join("address")).unwrap(), format!("{sender}\n"));
}

/// Sends a message whose body holds `sequence` then a second, smuggled transaction: the whole is one
/// DATA refused with 554, nothing is stored, and the session goes on with a clean message.
fn smuggling_is_refused(sequence: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let running = start_in_process(dir.path());
    let mut c = RawClient::connect(running.local_addr());
    open_transaction(&mut c, "lps@b.test");
    assert_eq!(c.say(b"DATA\r\n"), "354 End data with <CR><LF>.<CR><LF>\r\n");
    let smuggled = [
        &b"Subject: first\r\n\r\nfirst"[..],
        sequence,
        b"MAIL FROM:<smuggled@evil.test>\r\nRCPT TO:<01.751@01.scor.rss.fr>\r\nDATA\r\n",
        b"Subject: second\r\n\r\nsmuggled\r\n.\r\n",
    ]
    .concat();
    assert_eq!(c.say(&smuggled), BARE_LF_IN_DATA);
    assert_eq!(c.say(b"NOOP\r\n"), "250 2.0.0 OK\r\n", "no reply was left for smuggled commands");
    assert!(spooled(dir.path()).is_empty(), "nothing stored");
    assert_eq!(c.say(b"MAIL FROM:<lps@b.test>\r\n"), "250 2.1.0 Sender OK\r\n", "back in command state");
    assert_eq!(c.say(format!("RCPT TO:<{ROUTE}>\r\n").as_bytes()), "250 2.1.5 Recipient OK\r\n");
    assert_eq!(c.say(b"DATA\r\n"), "354 End data with <CR><LF>.<CR><LF>\r\n");
    assert_eq!(c.say(b"Subject: clean\r\n\r\nok\r\n.\r\n"), "250 2.0.0 Stored durably as message 1\r\n");
    assert_eq!(c.say(b"QUIT\r\n"), "221 2.0.0 Bye\r\n");
    running.stop();
    let senders: Vec<_> = status(dir.path()).lots.iter().map(|m| m.mail_from.clone()).collect();
    assert_eq!(senders, ["lps@b.test"], "one message, from the sender given in MAIL");
    assert_eq!(spooled(dir.path()), [b"Subject: clean\r\n\r\nok\r\n".to_vec()]);
}

#[test]
fn smuggling_with_lf_dot_lf_is_refused() {
    smuggling_is_refused(b"\n.\n");
}

#[test]
fn smuggling_with_crlf_dot_lf_is_refused() {
    smuggling_is_refused(b"\r\n.\n");
}

#[test]
fn smuggling_with_lf_dot_crlf_is_refused() {
    smuggling_is_refused(b"\n.\r\n");
}

#[test]
fn a_bare_cr_in_data_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let running = start_in_process(dir.path());
    let mut c = RawClient::connect(running.local_addr());
    open_transaction(&mut c, "lps@b.test");
    assert_eq!(c.say(b"DATA\r\n"), "354 End data with <CR><LF>.<CR><LF>\r\n");
    assert_eq!(
        c.say(b"Subject: cr\r\n\r\nfirst\r.\r\nMAIL FROM:<smuggled@evil.test>\r\n.\r\n"),
        "554 5.6.0 Bare <CR> in the message: SMTP lines end with <CR><LF> (RFC 5321 section 2.3.8); not stored\r\n"
    );
    running.stop();
    assert!(status(dir.path()).lots.is_empty());
    assert!(spooled(dir.path()).is_empty());
}

#[test]
fn a_command_line_ended_by_a_bare_lf_is_refused_and_not_run() {
    let dir = tempfile::tempdir().unwrap();
    let running = start_in_process(dir.path());
    let mut c = RawClient::connect(running.local_addr());
    assert!(c.say(b"EHLO lps.test\r\n").starts_with("250-"));
    let bare = "500 5.5.2 Bare <LF> in a command line: SMTP lines end with <CR><LF>\r\n";
    assert_eq!(c.say(b"MAIL FROM:<a@b.test>\n"), bare);
    assert_eq!(c.say(format!("RCPT TO:<{ROUTE}>\r\n").as_bytes()), "503 5.5.1 Send MAIL first\r\n");
    assert_eq!(
        c.say(b"MAIL FROM:<a@b.test>\rRCPT TO:<x@y.test>\r\n"),
        "501 5.1.7 Sender address refused: control characters (NUL, CR, LF...) are not allowed in a command\r\n"
    );
    assert_eq!(c.say(b"NOOP\r\n"), "250 2.0.0 OK\r\n");
    running.stop();
}

#[test]
fn a_message_for_the_postmaster_alone_is_kept_but_not_a_lot() {
    let dir = tempfile::tempdir().unwrap();
    let running = start_in_process(dir.path());
    let mut c = RawClient::connect(running.local_addr());
    assert!(c.say(b"EHLO lps.test\r\n").starts_with("250-"));
    assert_eq!(c.say(b"MAIL FROM:<lps@b.test>\r\n"), "250 2.1.0 Sender OK\r\n");
    let kept = "250 2.1.5 Postmaster OK (kept for the postmaster, not processed as a lot)\r\n";
    assert_eq!(c.say(b"RCPT TO:<Postmaster>\r\n"), kept);
    assert_eq!(c.say(b"RCPT TO:<postmaster@pair.scor-kit.invalid>\r\n"), kept, "the server's own name");
    assert_eq!(c.say(b"RCPT TO:<postmaster@01.scor.rss.fr>\r\n"), kept, "a routing domain");
    assert_eq!(
        c.say(b"RCPT TO:<postmaster@elsewhere.test>\r\n"),
        "550 5.1.1 Not a SCOR routing address of the tables: relaying denied\r\n"
    );
    assert_eq!(c.say(b"DATA\r\n"), "354 End data with <CR><LF>.<CR><LF>\r\n");
    let reply = c.say(b"Subject: hello postmaster\r\n\r\nhi\r\n.\r\n");
    running.stop();
    let status = status(dir.path());
    let [name] = status.postmaster.as_slice() else { panic!("one message kept: {status}") };
    assert_eq!(reply, format!("250 2.0.0 Kept for the postmaster as {name}; not a lot\r\n"));
    assert_eq!(
        std::fs::read(dir.path().join("data/postmaster").join(name)).unwrap(),
        b"Subject: hello postmaster\r\n\r\nhi\r\n"
    );
    assert!(status.lots.is_empty(), "not a lot: {status}");
    assert!(spooled(dir.path()).is_empty());
}

#[test]
fn a_message_for_the_postmaster_and_a_routing_address_is_a_lot_and_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let running = start_in_process(dir.path());
    let mut c = RawClient::connect(running.local_addr());
    open_transaction(&mut c, "lps@b.test");
    assert!(c.say(b"RCPT TO:<postmaster>\r\n").starts_with("250 2.1.5 Postmaster OK"));
    assert_eq!(c.say(b"DATA\r\n"), "354 End data with <CR><LF>.<CR><LF>\r\n");
    assert_eq!(c.say(b"Subject: both\r\n\r\nhi\r\n.\r\n"), "250 2.0.0 Stored durably as message 1\r\n");
    running.stop();
    let status = status(dir.path());
    assert_eq!(status.lots.len(), 1);
    assert_eq!(status.lots[0].rcpt_to, [ROUTE], "postmaster is not a lot recipient");
    assert_eq!(status.postmaster, [status.lots[0].spool.clone()]);
    assert_eq!(spooled(dir.path()), [b"Subject: both\r\n\r\nhi\r\n".to_vec()]);
}

#[test]
fn a_recipient_that_is_not_a_routing_address_is_refused_with_550() {
    let dir = tempfile::tempdir().unwrap();
    let running = start_in_process(dir.path());
    let mut c = RawClient::connect(running.local_addr());
    assert!(c.say(b"EHLO lps.test\r\n").starts_with("250-"));
    assert_eq!(c.say(b"MAIL FROM:<lps@b.test>\r\n"), "250 2.1.0 Sender OK\r\n");
    assert_eq!(
        c.say(b"RCPT TO:<victim@example.com>\r\n"),
        "550 5.1.1 Not a SCOR routing address of the tables: relaying denied\r\n"
    );
    assert_eq!(c.say(b"DATA\r\n"), "554 5.5.1 No valid recipients\r\n");
    running.stop();
}

/// A PJ page whose JPEG makes the decoder panic (zune-jpeg 0.5.15, the fuzzing finding of
/// `tests/fixtures/fuzz/`): the server goes on, answers the lot, and its log has one line of note for
/// the panic, not Rust's panic message.
#[test]
fn a_decoder_panic_is_one_line_of_the_log_and_the_lot_is_answered() {
    let Some(python) = require_tool("python3") else { return };
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::start(&dir.path().join("data"), None);
    let mut plan = scor_tests::lots::example_plan();
    let pdf = std::fs::read(repo_root().join("tests/fixtures/fuzz/pj_image-zune-jpeg-idct.pdf")).unwrap();
    plan.dossiers[0].pieces[0].pdf = Some(pdf);
    let lot = write(dir.path(), "jpeg.eml", &built(&plan, |_| {}));
    let example = write(dir.path(), "example.eml", &lot_variant(2));
    assert_eq!(send_with_smtplib(python, pair.address, &[lot, example]), [250, 250]);
    let status = wait_finished(&pair.data, 2, 60);
    let outcomes: Vec<_> = status.lots.iter().map(|m| m.outcome.clone().unwrap()).collect();
    assert_eq!(outcomes, ["dossier-rejection", "accepted"], "the first PJ is no PDF/A; the server went on");
    let log = pair.log.lock().unwrap().clone();
    let notes: Vec<&String> = log.iter().filter(|l| l.contains("zune-jpeg-0.5.15/src/idct/avx2.rs")).collect();
    assert_eq!(notes.len(), 1, "{log:#?}");
    assert!(!log.iter().any(|l| l.contains("panicked") || l.contains("RUST_BACKTRACE")), "{log:#?}");
    pair.stop();
}
