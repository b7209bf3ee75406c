//! The listener's [`Session`] run on a byte stream without sockets or disk, and the invariants of what it
//! does (fuzz target `smtp_session` and the stable replay of its seeds).

use crate::address::Mailbox;
use crate::delivery::maildir;
use crate::session::{Event, Session};
use crate::smtp::{Conversation, Policy, REPLY_LINE_MAX, Reply, SmtpEnvelope};
use scor_dictionary::latest::DICTIONARY;
use std::ops::Range;
use std::path::Path;

/// A message the listener would store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub smtp_envelope: SmtpEnvelope,
    pub content: Vec<u8>,
    /// Its DATA in the input: from after the DATA command line to the end of the final dot line.
    pub data: Range<usize>,
}

/// A command line read in command state: where it is in the input and the code of its reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub at: Range<usize>,
    pub code: u16,
}

/// Everything a session did with an input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Transcript {
    /// The replies as sent, greeting first.
    pub wire: Vec<u8>,
    pub commands: Vec<Command>,
    /// Every DATA section that ended (stored, refused or abandoned).
    pub data: Vec<Range<usize>>,
    pub stored: Vec<Stored>,
}

/// The policy of rehearsals: the server's, with a limit of 2048 bytes so that 552 is within reach.
pub fn policy() -> Policy {
    Policy { max_message_bytes: 2048, ..Policy::from_tables("pair.test") }
}

/// Runs `input` through a session, `piece` bytes at a time at most (as a socket may cut it).
pub fn rehearse(input: &[u8], policy: &Policy, piece: usize) -> Transcript {
    let mut session = Session::new(Conversation::new(policy.clone()), policy.max_message_bytes);
    let mut transcript = Transcript { wire: session.greeting().to_wire(), ..Transcript::default() };
    let (mut offset, mut start, mut content) = (0, 0, Vec::new());
    while offset < input.len() {
        let end = offset.saturating_add(piece.max(1)).min(input.len());
        let (used, event) = session.feed(&input[offset..end], &mut content);
        offset += used;
        let Some(event) = event else {
            if used == 0 {
                break;
            }
            continue;
        };
        let at = start..offset;
        start = offset;
        let reply = match event {
            Event::Reply(reply) | Event::Close(reply) | Event::DataStart(reply) => {
                transcript.commands.push(Command { at, code: reply.code });
                reply
            }
            Event::Message(smtp_envelope, _) => {
                let content = std::mem::take(&mut content);
                transcript.stored.push(Stored { smtp_envelope, content, data: at.clone() });
                transcript.data.push(at);
                Reply::new(250, "2.0.0 Stored (rehearsal)")
            }
            Event::Refused(reply) | Event::Abandoned(reply) => {
                content.clear();
                transcript.data.push(at);
                reply
            }
        };
        transcript.wire.extend(reply.to_wire());
    }
    transcript
}

/// Checks what a session did with `input`; the first invariant broken, in words.
pub fn check(input: &[u8], transcript: &Transcript, policy: &Policy) -> Result<(), String> {
    check_replies(&transcript.wire)?;
    for stored in &transcript.stored {
        check_framing(input, stored)?;
        check_sender(input, transcript, stored)?;
        check_names(stored, policy)?;
    }
    let mut sections = transcript.data.clone();
    sections.sort_by_key(|r| r.start);
    if sections.windows(2).any(|w| w[0].end > w[1].start) {
        return Err(format!("DATA sections overlap: {sections:?}"));
    }
    let go_aheads = transcript.commands.iter().filter(|c| c.code == 354).count();
    if transcript.data.len() > go_aheads {
        return Err(format!("{} DATA endings for {go_aheads} DATA commands", transcript.data.len()));
    }
    Ok(())
}

/// Every reply line: three digits, a space or a hyphen, printable text, CRLF, at most 512 octets.
fn check_replies(wire: &[u8]) -> Result<(), String> {
    for line in wire.split_inclusive(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r\n").ok_or("a reply line does not end with CRLF")?;
        let shown = String::from_utf8_lossy(line);
        if line.len() + 2 > REPLY_LINE_MAX {
            return Err(format!("reply line of {} octets: {shown}", line.len() + 2));
        }
        let well_formed = line.len() >= 4
            && line[..3].iter().all(u8::is_ascii_digit)
            && (b'2'..=b'5').contains(&line[0])
            && (line[3] == b' ' || line[3] == b'-')
            && !line.iter().any(|b| b.is_ascii_control());
        if !well_formed {
            return Err(format!("malformed reply line {shown:?}"));
        }
    }
    Ok(())
}

/// The DATA of a stored message ends at its first CRLF.CRLF, and its content is that DATA unstuffed.
fn check_framing(input: &[u8], stored: &Stored) -> Result<(), String> {
    let raw = &input[stored.data.clone()];
    let mut framed = b"\r\n".to_vec();
    framed.extend_from_slice(raw);
    let first_end = framed.windows(5).position(|w| w == b"\r\n.\r\n").map(|at| at + 5);
    if first_end != Some(framed.len()) {
        return Err(format!("a message was stored whose DATA does not end at its first CRLF.CRLF: {:?}", text(raw)));
    }
    if stored.content != unstuffed(&raw[..raw.len() - 3]) {
        return Err(format!("stored content {:?} is not its DATA {:?}", text(&stored.content), text(raw)));
    }
    Ok(())
}

/// `body` (CRLF lines) with the first character of each line deleted when it is a period (RFC 5321
/// §4.5.2).
fn unstuffed(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    while !rest.is_empty() {
        let end = rest.windows(2).position(|w| w == b"\r\n").map_or(rest.len(), |at| at + 2);
        let line = &rest[..end];
        out.extend_from_slice(line.strip_prefix(b".").unwrap_or(line));
        rest = &rest[end..];
    }
    out
}

fn text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// The sender of a stored message was given by the last MAIL accepted before its DATA command, read in
/// command state, and is a mailbox (or the null sender).
fn check_sender(input: &[u8], transcript: &Transcript, stored: &Stored) -> Result<(), String> {
    let sender = &stored.smtp_envelope.mail_from;
    if !sender.is_empty() && Mailbox::parse(sender).is_err() {
        return Err(format!("stored sender {sender:?} is not a mailbox"));
    }
    let mut before = transcript.commands.iter().filter(|c| c.at.end <= stored.data.start);
    let mail = before
        .rfind(|c| c.code == 250 && input[c.at.clone()].get(..5).is_some_and(|v| v.eq_ignore_ascii_case(b"MAIL ")))
        .ok_or_else(|| format!("message with sender {sender:?} stored without an accepted MAIL command"))?;
    if transcript.data.iter().any(|d| d.start < mail.at.end && mail.at.start < d.end) {
        return Err(format!("the MAIL command of sender {sender:?} was read inside DATA"));
    }
    let given = String::from_utf8_lossy(&input[mail.at.clone()]).into_owned();
    if !given.contains(&format!("{sender}>")) {
        return Err(format!("stored sender {sender:?} is not the one MAIL gave: {given:?}"));
    }
    Ok(())
}

/// Recipients are routing addresses of the tables; every maildir name the outbox would use is one
/// hex name inside the outbox.
fn check_names(stored: &Stored, policy: &Policy) -> Result<(), String> {
    let envelope = &stored.smtp_envelope;
    if envelope.rcpt_to.is_empty() && !envelope.postmaster {
        return Err("a message without recipient was stored".to_owned());
    }
    if stored.content.len() as u64 > policy.max_message_bytes {
        return Err(format!("a message of {} bytes was stored", stored.content.len()));
    }
    if let Some(rcpt) = envelope.rcpt_to.iter().find(|r| DICTIONARY.route_by_address(r).is_none()) {
        return Err(format!("recipient {rcpt:?} is not a routing address"));
    }
    let outbox = Path::new("/outbox");
    for address in envelope.rcpt_to.iter().chain([&envelope.mail_from]) {
        let dir = maildir(outbox, address);
        let hex = dir.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.bytes().all(|b| b.is_ascii_hexdigit()));
        if dir.parent() != Some(outbox) || !hex {
            return Err(format!("the maildir of {address:?} would be {}", dir.display()));
        }
    }
    Ok(())
}

/// Rehearses `input` whole and in pieces of `piece` bytes: the same transcript, and every invariant
/// kept. The property of the fuzz target `smtp_session`.
pub fn property(input: &[u8], piece: usize) -> Result<Transcript, String> {
    let policy = policy();
    let whole = rehearse(input, &policy, input.len());
    let cut = rehearse(input, &policy, piece);
    if whole != cut {
        return Err(format!("fed in pieces of {piece} bytes, the session does otherwise"));
    }
    check(input, &whole, &policy)?;
    Ok(whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HELLO: &[u8] = b"EHLO lps.test\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<01.751@01.scor.rss.fr>\r\nDATA\r\n";

    fn rehearsed(rest: &[u8]) -> Transcript {
        let input = [HELLO, rest].concat();
        property(&input, 3).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn one_message_per_data_and_the_smuggled_one_is_data() {
        let t = rehearsed(b"x\r\n.\r\n");
        assert_eq!(t.stored.len(), 1);
        assert_eq!(t.stored[0].content, b"x\r\n");
        for smuggling in [&b"x\n.\n"[..], b"x\r\n.\n", b"x\n.\r\n"] {
            let rest = [smuggling, b"MAIL FROM:<evil@b.test>\r\nRCPT TO:<01.751@01.scor.rss.fr>\r\nDATA\r\ny\r\n.\r\n"]
                .concat();
            let t = rehearsed(&rest);
            assert!(t.stored.is_empty(), "{:?}", String::from_utf8_lossy(smuggling));
            assert!(String::from_utf8_lossy(&t.wire).ends_with("354 End data with <CR><LF>.<CR><LF>\r\n554 5.6.0 Bare <LF> in the message: SMTP lines end with <CR><LF> (RFC 5321 section 2.3.8); not stored\r\n"));
        }
    }

    #[test]
    fn a_leading_dot_is_deleted_even_when_the_line_was_not_stuffed() {
        let t = rehearsed(b"..a\r\n.b\r\nc\r\n.\r\n");
        assert_eq!(t.stored[0].content, b".a\r\nb\r\nc\r\n");
        assert_eq!(unstuffed(b"..a\r\n.b\r\nc\r\n"), b".a\r\nb\r\nc\r\n");
    }

    #[test]
    fn the_checks_catch_a_stored_message_of_a_sender_never_given() {
        let input = [HELLO, b"x\r\n.\r\n"].concat();
        let mut t = rehearse(&input, &policy(), input.len());
        t.stored[0].smtp_envelope.mail_from = "evil@b.test".to_owned();
        assert_eq!(
            check(&input, &t, &policy()),
            Err("stored sender \"evil@b.test\" is not the one MAIL gave: \"MAIL FROM:<a@b.test>\\r\\n\"".to_owned())
        );
        t.stored[0].data.start -= 2;
        assert_eq!(
            check(&input, &t, &policy()),
            Err("stored content \"x\\r\\n\" is not its DATA \"\\r\\nx\\r\\n.\\r\\n\"".to_owned())
        );
    }
}
