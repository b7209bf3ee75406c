//! The SMTP reception through the library API: a message over `message_max_bytes` is refused during
//! DATA with 552 and not stored, the session goes on; DATA is dot-unstuffed; no open relay.

mod common;

use common::{RawClient, start_in_process};
use scor_dictionary::{Limit, latest::DICTIONARY};
use std::io::Write;

fn spool_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir.join("data/spool")).unwrap().map(|e| e.unwrap().path()).collect()
}

#[test]
fn a_message_over_the_limit_is_refused_during_data_and_the_session_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let running = start_in_process(dir.path());
    let mut c = RawClient::connect(running.local_addr());
    let limit = DICTIONARY.limit(Limit::MessageMaxBytes);
    assert!(c.say(b"EHLO lps.test\r\n").contains(&format!("250-SIZE {limit}")));
    assert!(c.say(format!("MAIL FROM:<a@b.test> SIZE={}\r\n", limit + 1).as_bytes()).starts_with("552 5.3.4"));
    assert!(c.say(b"MAIL FROM:<a@b.test>\r\n").starts_with("250"));
    assert!(c.say(b"RCPT TO:<nobody@example.test>\r\n").starts_with("550 5.1.1"), "no open relay");
    assert!(c.say(b"RCPT TO:<01.751@01.scor.rss.fr>\r\n").starts_with("250"));
    assert!(c.say(b"DATA\r\n").starts_with("354"));
    let line = [b'A'; 998];
    let lines = usize::try_from(limit).unwrap() / 1000 + 10;
    for _ in 0..lines {
        c.writer.write_all(&line).unwrap();
        c.writer.write_all(b"\r\n").unwrap();
    }
    assert!(c.say(b".\r\n").starts_with("552 5.3.4"));
    assert!(spool_files(dir.path()).is_empty(), "nothing stored");
    assert!(c.say(b"NOOP\r\n").starts_with("250"), "the session goes on");
    assert!(c.say(b"QUIT\r\n").starts_with("221"));
    running.stop();
}

#[test]
fn data_is_dot_unstuffed_and_stored_before_the_250() {
    let dir = tempfile::tempdir().unwrap();
    let running = start_in_process(dir.path());
    let mut c = RawClient::connect(running.local_addr());
    c.say(b"HELO lps.test\r\n");
    c.say(b"MAIL FROM:<>\r\n");
    c.say(b"RCPT TO:<01.751@01.scor.rss.fr>\r\n");
    assert!(c.say(b"DATA\r\n").starts_with("354"));
    let reply = c.say(b"Subject: dots\r\n\r\n..one dot\r\n...two dots\r\n.\r\n");
    assert!(reply.starts_with("250 2.0.0 Stored durably as message 1"), "{reply}");
    let spooled = spool_files(dir.path());
    assert_eq!(spooled.len(), 1);
    assert_eq!(std::fs::read(&spooled[0]).unwrap(), b"Subject: dots\r\n\r\n.one dot\r\n..two dots\r\n");
    assert!(c.say(b"FROB\r\n").starts_with("500"));
    let long = format!("NOOP {}\r\n", "x".repeat(5000));
    assert!(c.say(long.as_bytes()).starts_with("500 5.5.6"), "line too long");
    assert!(c.say(b"NOOP\r\n").starts_with("250"));
    running.stop();
}

#[test]
fn a_message_five_times_over_the_limit_is_not_read_to_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let running = start_in_process(dir.path());
    let mut c = RawClient::connect(running.local_addr());
    let limit = usize::try_from(DICTIONARY.limit(Limit::MessageMaxBytes)).unwrap();
    c.say(b"HELO lps.test\r\n");
    c.say(b"MAIL FROM:<a@b.test>\r\n");
    c.say(b"RCPT TO:<01.751@01.scor.rss.fr>\r\n");
    assert!(c.say(b"DATA\r\n").starts_with("354"));
    let line = [[b'A'; 998].as_slice(), b"\r\n"].concat();
    let mut sent = 0;
    while sent <= 5 * limit {
        c.writer.write_all(&line).unwrap();
        sent += line.len();
    }
    assert_eq!(
        c.reply(),
        format!("552 5.3.4 Message exceeds the SCOR limit of {limit} bytes (message_max_bytes); not stored\r\n")
    );
    assert!(c.closed(), "the connection is closed");
    assert!(spool_files(dir.path()).is_empty(), "nothing stored");
    running.stop();
}
