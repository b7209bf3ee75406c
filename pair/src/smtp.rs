//! The SMTP conversation of the reception (RFC 5321) as a pure state machine: command lines in,
//! replies out; the listener ([`crate::reception`]) does the I/O and streams DATA itself.

use scor_dictionary::{Limit, latest::DICTIONARY};
use std::fmt;

/// A reply: a code and one or more lines of text (several for EHLO).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub code: u16,
    pub lines: Vec<String>,
}

impl Reply {
    /// A one-line reply.
    pub fn new(code: u16, text: impl Into<String>) -> Self {
        Self { code, lines: vec![text.into()] }
    }

    /// The reply as sent: `code-text` on every line but the last, `code text` on the last.
    pub fn to_wire(&self) -> Vec<u8> {
        let mut out = String::new();
        for (i, line) in self.lines.iter().enumerate() {
            let separator = if i + 1 == self.lines.len() { ' ' } else { '-' };
            out.push_str(&format!("{}{separator}{line}\r\n", self.code));
        }
        out.into_bytes()
    }

    /// True for a 2xx or 3xx reply.
    pub fn is_positive(&self) -> bool {
        self.code < 400
    }
}

impl fmt::Display for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.lines.join(" / "))
    }
}

/// The SMTP envelope of one mail transaction: its sender (MAIL FROM) and recipients (RCPT TO).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SmtpEnvelope {
    /// The reverse path, empty for the null sender `<>`.
    pub mail_from: String,
    /// Accepted forward paths: SCOR routing addresses, as written in the table.
    pub rcpt_to: Vec<String>,
}

/// What the listener does after a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Send the reply and read the next command.
    Reply(Reply),
    /// Send the reply and close the connection.
    Close(Reply),
    /// Send the 354 reply, then stream the message of this SMTP envelope.
    Data(Reply, SmtpEnvelope),
}

/// What the conversation needs to know of the server.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The name the server greets with.
    pub hostname: String,
    /// The SIZE limit (the table's `message_max_bytes`).
    pub max_message_bytes: u64,
    /// Recipients accepted in one transaction.
    pub max_recipients: usize,
}

impl Policy {
    /// The policy of the tables: `message_max_bytes` of the latest dictionary, 100 recipients.
    pub fn from_tables(hostname: &str) -> Self {
        Self {
            hostname: hostname.to_owned(),
            max_message_bytes: DICTIONARY.limit(Limit::MessageMaxBytes),
            max_recipients: 100,
        }
    }
}

#[derive(Debug)]
enum Phase {
    Connected,
    Greeted,
    Transaction(SmtpEnvelope),
}

/// One SMTP session's state.
#[derive(Debug)]
pub struct Conversation {
    policy: Policy,
    phase: Phase,
}

impl Conversation {
    pub fn new(policy: Policy) -> Self {
        Self { policy, phase: Phase::Connected }
    }

    /// The 220 greeting.
    pub fn greeting(&self) -> Reply {
        Reply::new(220, format!("{} ESMTP scor-pair (SCOR receiving-side simulator)", self.policy.hostname))
    }

    /// The step for one command line (without its line ending).
    pub fn command(&mut self, line: &str) -> Step {
        let (verb, argument) = split_verb(line);
        match verb.as_str() {
            "EHLO" => self.hello(argument, true),
            "HELO" => self.hello(argument, false),
            "MAIL" => Step::Reply(self.mail(argument)),
            "RCPT" => Step::Reply(self.rcpt(argument)),
            "DATA" => self.data(argument),
            "RSET" => Step::Reply(self.reset()),
            "NOOP" => Step::Reply(Reply::new(250, "2.0.0 OK")),
            "QUIT" => Step::Close(Reply::new(221, "2.0.0 Bye")),
            "VRFY" => Step::Reply(Reply::new(252, "2.1.5 Cannot VRFY; send the message and it will be tried")),
            "HELP" => Step::Reply(Reply::new(214, "2.0.0 EHLO HELO MAIL RCPT DATA RSET NOOP QUIT")),
            "STARTTLS" | "AUTH" | "EXPN" | "TURN" => Step::Reply(Reply::new(502, "5.5.1 Command not implemented")),
            _ => Step::Reply(Reply::new(500, "5.5.2 Command unrecognised")),
        }
    }

    fn hello(&mut self, argument: &str, extended: bool) -> Step {
        if argument.trim().is_empty() {
            return Step::Reply(Reply::new(501, "5.5.4 A domain or address literal is required"));
        }
        self.phase = Phase::Greeted;
        let hostname = self.policy.hostname.clone();
        if !extended {
            return Step::Reply(Reply::new(250, hostname));
        }
        let lines = vec![
            hostname,
            format!("SIZE {}", self.policy.max_message_bytes),
            "8BITMIME".to_owned(),
            "PIPELINING".to_owned(),
            "ENHANCEDSTATUSCODES".to_owned(),
        ];
        Step::Reply(Reply { code: 250, lines })
    }

    fn mail(&mut self, argument: &str) -> Reply {
        match self.phase {
            Phase::Connected => return Reply::new(503, "5.5.1 Send EHLO or HELO first"),
            Phase::Transaction(_) => return Reply::new(503, "5.5.1 Nested MAIL command"),
            Phase::Greeted => {}
        }
        let Some((path, parameters)) = path_after(argument, "FROM:") else {
            return Reply::new(501, "5.5.4 Syntax: MAIL FROM:<address>");
        };
        for parameter in parameters.split_ascii_whitespace() {
            let (key, value) = parameter.split_once('=').unwrap_or((parameter, ""));
            match key.to_ascii_uppercase().as_str() {
                "SIZE" => match value.parse::<u64>() {
                    Ok(size) if size > self.policy.max_message_bytes => {
                        return Reply::new(
                            552,
                            format!(
                                "5.3.4 Message size {size} exceeds the SCOR limit of {} bytes (message_max_bytes)",
                                self.policy.max_message_bytes
                            ),
                        );
                    }
                    Ok(_) => {}
                    Err(_) => return Reply::new(501, "5.5.4 SIZE needs a number"),
                },
                "BODY" => {}
                _ => return Reply::new(555, format!("5.5.4 Parameter {key} not supported")),
            }
        }
        self.phase = Phase::Transaction(SmtpEnvelope { mail_from: path.to_owned(), rcpt_to: Vec::new() });
        Reply::new(250, "2.1.0 Sender OK")
    }

    fn rcpt(&mut self, argument: &str) -> Reply {
        let max_recipients = self.policy.max_recipients;
        let Phase::Transaction(smtp_envelope) = &mut self.phase else {
            return Reply::new(503, "5.5.1 Send MAIL first");
        };
        let Some((path, _)) = path_after(argument, "TO:") else {
            return Reply::new(501, "5.5.4 Syntax: RCPT TO:<address>");
        };
        let Some(route) = DICTIONARY.route_by_address(path) else {
            return Reply::new(550, "5.1.1 Not a SCOR routing address of the tables: relaying denied");
        };
        if smtp_envelope.rcpt_to.len() >= max_recipients {
            return Reply::new(452, "4.5.3 Too many recipients");
        }
        smtp_envelope.rcpt_to.push(route.address.to_owned());
        Reply::new(250, "2.1.5 Recipient OK")
    }

    fn data(&mut self, argument: &str) -> Step {
        if !argument.trim().is_empty() {
            return Step::Reply(Reply::new(501, "5.5.4 DATA takes no argument"));
        }
        match std::mem::replace(&mut self.phase, Phase::Greeted) {
            Phase::Transaction(smtp_envelope) if !smtp_envelope.rcpt_to.is_empty() => {
                Step::Data(Reply::new(354, "End data with <CR><LF>.<CR><LF>"), smtp_envelope)
            }
            Phase::Transaction(smtp_envelope) => {
                self.phase = Phase::Transaction(smtp_envelope);
                Step::Reply(Reply::new(554, "5.5.1 No valid recipients"))
            }
            phase => {
                self.phase = phase;
                Step::Reply(Reply::new(503, "5.5.1 Send MAIL and RCPT first"))
            }
        }
    }

    fn reset(&mut self) -> Reply {
        if matches!(self.phase, Phase::Transaction(_)) {
            self.phase = Phase::Greeted;
        }
        Reply::new(250, "2.0.0 Reset")
    }
}

/// The verb, upper-cased, and the rest of the line.
fn split_verb(line: &str) -> (String, &str) {
    let line = line.trim_end_matches(['\r', '\n']);
    match line.split_once(' ') {
        Some((verb, rest)) => (verb.to_ascii_uppercase(), rest),
        None => (line.to_ascii_uppercase(), ""),
    }
}

/// The path in `<...>` after `keyword` (`FROM:` or `TO:`, any case, spaces allowed before `<`), and
/// the parameters after it.
fn path_after<'a>(argument: &'a str, keyword: &str) -> Option<(&'a str, &'a str)> {
    let head = argument.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = argument[keyword.len()..].trim_start();
    let rest = rest.strip_prefix('<')?;
    let end = rest.find('>')?;
    let path = &rest[..end];
    // A source route (`@a,@b:user@domain`) is accepted and ignored (RFC 5321 §4.1.2).
    let path = path.rsplit_once(':').map_or(path, |(_, mailbox)| mailbox);
    Some((path, rest[end + 1..].trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conversation() -> Conversation {
        Conversation::new(Policy { hostname: "pair.test".to_owned(), max_message_bytes: 1000, max_recipients: 2 })
    }

    fn code(step: Step) -> u16 {
        match step {
            Step::Reply(r) | Step::Close(r) | Step::Data(r, _) => r.code,
        }
    }

    #[test]
    fn ehlo_advertises_size_from_the_policy() {
        let Step::Reply(reply) = conversation().command("EHLO client.test") else { panic!("a reply") };
        assert_eq!(reply.code, 250);
        assert!(reply.lines.contains(&"SIZE 1000".to_owned()));
        let wire = String::from_utf8(reply.to_wire()).unwrap();
        assert!(wire.starts_with("250-pair.test\r\n") && wire.ends_with("250 ENHANCEDSTATUSCODES\r\n"), "{wire}");
    }

    #[test]
    fn a_transaction_needs_hello_mail_and_a_routing_recipient() {
        let mut c = conversation();
        assert_eq!(code(c.command("MAIL FROM:<a@b.test>")), 503);
        assert_eq!(code(c.command("HELO client.test")), 250);
        assert_eq!(code(c.command("RCPT TO:<01.751@01.scor.rss.fr>")), 503);
        assert_eq!(code(c.command("DATA")), 503);
        assert_eq!(code(c.command("mail from: <a@b.test> BODY=8BITMIME")), 250);
        assert_eq!(code(c.command("MAIL FROM:<a@b.test>")), 503, "nested MAIL");
        assert_eq!(code(c.command("DATA")), 554, "no recipient yet");
        assert_eq!(code(c.command("RCPT TO:<someone@example.test>")), 550, "no open relay");
        assert_eq!(code(c.command("RCPT TO:<01.751@01.SCOR.RSS.FR>")), 250);
        let Step::Data(reply, smtp_envelope) = c.command("DATA") else { panic!("DATA starts") };
        assert_eq!(reply.code, 354);
        assert_eq!(smtp_envelope.mail_from, "a@b.test");
        assert_eq!(smtp_envelope.rcpt_to, ["01.751@01.scor.rss.fr"]);
        assert_eq!(code(c.command("RCPT TO:<01.751@01.scor.rss.fr>")), 503, "the transaction ended with DATA");
    }

    #[test]
    fn size_parameter_over_the_limit_is_refused_with_552() {
        let mut c = conversation();
        c.command("EHLO x");
        assert_eq!(code(c.command("MAIL FROM:<a@b.test> SIZE=1001")), 552);
        assert_eq!(code(c.command("MAIL FROM:<a@b.test> SIZE=1000")), 250);
    }

    #[test]
    fn null_sender_rset_noop_quit_and_unknown_commands() {
        let mut c = conversation();
        c.command("EHLO x");
        assert_eq!(code(c.command("MAIL FROM:<>")), 250);
        assert_eq!(code(c.command("RSET")), 250);
        assert_eq!(code(c.command("RCPT TO:<01.751@01.scor.rss.fr>")), 503, "RSET ended the transaction");
        assert_eq!(code(c.command("NOOP")), 250);
        assert_eq!(code(c.command("MAIL FROM:<a@b.test> X-FOO=1")), 555);
        assert_eq!(code(c.command("FROB")), 500);
        assert_eq!(code(c.command("EHLO")), 501);
        assert!(matches!(c.command("QUIT"), Step::Close(r) if r.code == 221));
    }

    #[test]
    fn recipients_are_capped() {
        let mut c = conversation();
        c.command("EHLO x");
        c.command("MAIL FROM:<a@b.test>");
        assert_eq!(code(c.command("RCPT TO:<01.751@01.scor.rss.fr>")), 250);
        assert_eq!(code(c.command("RCPT TO:<01.011@01.scor.rss.fr>")), 250);
        assert_eq!(code(c.command("RCPT TO:<01.921@01.scor.rss.fr>")), 452);
    }
}
