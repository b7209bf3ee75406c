//! The SMTP conversation of the reception (RFC 5321) as a pure state machine: command lines in,
//! replies out; the listener ([`crate::reception`]) does the I/O and streams DATA itself.

use crate::address::{self, AddressError, Mailbox, Path};
use scor_dictionary::{Limit, latest::DICTIONARY};
use std::fmt;

/// RFC 5321 §4.5.3.1.5: a reply line has at most 512 octets, CRLF included.
pub const REPLY_LINE_MAX: usize = 512;

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

    /// The reply as sent: `code-text` on every line but the last, `code text` on the last; control
    /// characters become `?` and each line is cut to [`REPLY_LINE_MAX`] octets.
    pub fn to_wire(&self) -> Vec<u8> {
        let mut out = String::new();
        for (i, line) in self.lines.iter().enumerate() {
            let separator = if i + 1 == self.lines.len() { ' ' } else { '-' };
            out.push_str(&format!("{}{separator}{}\r\n", self.code, printable(line, REPLY_LINE_MAX - 6)));
        }
        out.into_bytes()
    }

    /// True for a 2xx or 3xx reply.
    pub fn is_positive(&self) -> bool {
        self.code < 400
    }
}

/// `text` with control characters replaced by `?`, cut to at most `max` octets on a character boundary.
fn printable(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max));
    for c in text.chars().map(|c| if c.is_control() { '?' } else { c }) {
        if out.len() + c.len_utf8() > max {
            break;
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.lines.join(" / "))
    }
}

/// The SMTP envelope of one mail transaction: its sender (MAIL FROM) and recipients (RCPT TO).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SmtpEnvelope {
    /// The reverse path as parsed (RFC 5321 §4.1.2, source route dropped), empty for the null sender `<>`.
    pub mail_from: String,
    /// Accepted forward paths: SCOR routing addresses, as written in the table.
    pub rcpt_to: Vec<String>,
    /// `postmaster` was among the recipients (RFC 5321 §4.5.1): the message is kept for it.
    pub postmaster: bool,
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
    /// Domains for which `postmaster@domain` is accepted: the server's name and the routing domains.
    pub postmaster_domains: Vec<String>,
}

impl Policy {
    /// The policy of the tables: `message_max_bytes` of the latest dictionary, 100 recipients,
    /// postmaster at `hostname` and at the domain of every routing address.
    pub fn from_tables(hostname: &str) -> Self {
        let mut postmaster_domains = vec![hostname.to_ascii_lowercase()];
        for route in DICTIONARY.routes {
            let domain = route.address.rsplit_once('@').map_or("", |(_, d)| d).to_ascii_lowercase();
            if !domain.is_empty() && !postmaster_domains.contains(&domain) {
                postmaster_domains.push(domain);
            }
        }
        Self {
            hostname: hostname.to_owned(),
            max_message_bytes: DICTIONARY.limit(Limit::MessageMaxBytes),
            max_recipients: 100,
            postmaster_domains,
        }
    }

    /// True for `<Postmaster>` and `<postmaster@domain>` at a domain of [`Policy::postmaster_domains`].
    fn is_postmaster(&self, path: &Path) -> bool {
        match path {
            Path::Postmaster => true,
            Path::Mailbox(mailbox) => {
                mailbox.local_part().eq_ignore_ascii_case("postmaster")
                    && self.postmaster_domains.iter().any(|d| d.eq_ignore_ascii_case(mailbox.domain()))
            }
            Path::Null => false,
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
        if argument.chars().any(|c| c.is_control()) {
            return Step::Reply(Reply::new(501, "5.5.4 Control characters are not allowed in a command"));
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
        let Some(argument) = after_keyword(argument, "FROM:") else {
            return Reply::new(501, "5.5.4 Syntax: MAIL FROM:<address>");
        };
        let (path, parameters) = match address::path_and_parameters(argument) {
            Ok(parsed) => parsed,
            Err(error) => return refused_path(error, "5.1.7 Sender address refused"),
        };
        let mail_from = match path {
            Path::Null => String::new(),
            Path::Mailbox(mailbox) => mailbox.to_string(),
            Path::Postmaster => return Reply::new(501, "5.1.7 Sender address refused: <Postmaster> needs a domain"),
        };
        if let Some(refusal) = self.mail_parameters(&parameters) {
            return refusal;
        }
        self.phase = Phase::Transaction(SmtpEnvelope { mail_from, rcpt_to: Vec::new(), postmaster: false });
        Reply::new(250, "2.1.0 Sender OK")
    }

    /// The refusal of a MAIL parameter, if any: SIZE over the limit (552), not a number (501), unknown (555).
    fn mail_parameters(&self, parameters: &[(String, String)]) -> Option<Reply> {
        let limit = self.policy.max_message_bytes;
        for (keyword, value) in parameters {
            match keyword.as_str() {
                "SIZE" => match value.parse::<u64>() {
                    Ok(size) if size > limit => {
                        return Some(Reply::new(
                            552,
                            format!(
                                "5.3.4 Message size {size} exceeds the SCOR limit of {limit} bytes (message_max_bytes)"
                            ),
                        ));
                    }
                    Ok(_) => {}
                    Err(_) => return Some(Reply::new(501, "5.5.4 SIZE needs a number")),
                },
                "BODY" => {}
                _ => return Some(unsupported_parameter(keyword)),
            }
        }
        None
    }

    fn rcpt(&mut self, argument: &str) -> Reply {
        let Phase::Transaction(smtp_envelope) = &mut self.phase else {
            return Reply::new(503, "5.5.1 Send MAIL first");
        };
        let recipient = match recipient(&self.policy, argument) {
            Ok(recipient) => recipient,
            Err(refusal) => return refusal,
        };
        if smtp_envelope.rcpt_to.len() + usize::from(smtp_envelope.postmaster) >= self.policy.max_recipients {
            return Reply::new(452, "4.5.3 Too many recipients");
        }
        match recipient {
            Recipient::Postmaster => {
                smtp_envelope.postmaster = true;
                Reply::new(250, "2.1.5 Postmaster OK (kept for the postmaster, not processed as a lot)")
            }
            Recipient::Route(address) => {
                smtp_envelope.rcpt_to.push(address.to_owned());
                Reply::new(250, "2.1.5 Recipient OK")
            }
        }
    }

    fn data(&mut self, argument: &str) -> Step {
        if !argument.trim().is_empty() {
            return Step::Reply(Reply::new(501, "5.5.4 DATA takes no argument"));
        }
        match std::mem::replace(&mut self.phase, Phase::Greeted) {
            Phase::Transaction(smtp_envelope) if !smtp_envelope.rcpt_to.is_empty() || smtp_envelope.postmaster => {
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

/// A recipient accepted.
enum Recipient {
    Postmaster,
    /// A routing address, as the table writes it.
    Route(&'static str),
}

/// The recipient of a RCPT argument, or its refusal: 501 syntax, 555 parameter, 550 not a routing address.
fn recipient(policy: &Policy, argument: &str) -> Result<Recipient, Reply> {
    let Some(argument) = after_keyword(argument, "TO:") else {
        return Err(Reply::new(501, "5.5.4 Syntax: RCPT TO:<address>"));
    };
    let (path, parameters) =
        address::path_and_parameters(argument).map_err(|e| refused_path(e, "5.1.3 Recipient address refused"))?;
    if let Some((keyword, _)) = parameters.first() {
        return Err(unsupported_parameter(keyword));
    }
    if policy.is_postmaster(&path) {
        return Ok(Recipient::Postmaster);
    }
    match &path {
        Path::Mailbox(mailbox) => routing_address(mailbox)
            .map(Recipient::Route)
            .ok_or_else(|| Reply::new(550, "5.1.1 Not a SCOR routing address of the tables: relaying denied")),
        _ => Err(Reply::new(501, "5.1.3 Recipient address refused: <> is not a recipient")),
    }
}

/// The routing address of the tables that `mailbox` names, as the table writes it.
fn routing_address(mailbox: &Mailbox) -> Option<&'static str> {
    DICTIONARY.route_by_address(&mailbox.to_string()).map(|route| route.address)
}

/// 501 for a path that does not follow RFC 5321 §4.1.2 (5.5.4 for its parameters).
fn refused_path(error: AddressError, what: &str) -> Reply {
    match error {
        AddressError::Parameters => Reply::new(501, format!("5.5.4 {error}")),
        _ => Reply::new(501, format!("{what}: {error}")),
    }
}

/// 555 for a parameter that is not offered; its keyword (already checked to be letters, digits and
/// hyphens) is named when short.
fn unsupported_parameter(keyword: &str) -> Reply {
    let shown = if keyword.len() <= 32 { keyword } else { "given" };
    Reply::new(555, format!("5.5.4 Parameter {shown} not supported"))
}

/// The verb, upper-cased, and the rest of the line (the line comes without its CRLF).
fn split_verb(line: &str) -> (String, &str) {
    match line.split_once(' ') {
        Some((verb, rest)) => (verb.to_ascii_uppercase(), rest),
        None => (line.to_ascii_uppercase(), ""),
    }
}

/// What follows `keyword` (`FROM:` or `TO:`, any case) at the start of `argument`.
fn after_keyword<'a>(argument: &'a str, keyword: &str) -> Option<&'a str> {
    let head = argument.get(..keyword.len())?;
    head.eq_ignore_ascii_case(keyword).then(|| &argument[keyword.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conversation() -> Conversation {
        Conversation::new(Policy {
            hostname: "pair.test".to_owned(),
            max_message_bytes: 1000,
            max_recipients: 2,
            postmaster_domains: vec!["pair.test".to_owned(), "01.scor.rss.fr".to_owned()],
        })
    }

    fn reply(step: Step) -> Reply {
        match step {
            Step::Reply(r) | Step::Close(r) | Step::Data(r, _) => r,
        }
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
    fn hostile_senders_are_refused_with_501() {
        let mut c = conversation();
        c.command("EHLO x");
        let cases = [
            (
                "MAIL FROM:<..>",
                "5.1.7 Sender address refused: the address has no @ between its local part and its domain",
            ),
            (
                "MAIL FROM:..",
                "5.1.7 Sender address refused: the address must be written in angle brackets, as <local-part@domain>",
            ),
            (
                "MAIL FROM:<../../x@b.test>",
                "5.1.7 Sender address refused: the local part is neither a dot-string nor a quoted string (RFC 5321 section 4.1.2)",
            ),
            (
                "MAIL FROM:<a\0b@b.test>",
                "5.1.7 Sender address refused: control characters (NUL, CR, LF...) are not allowed in a command",
            ),
            (
                "MAIL FROM:<a@b.test\rRCPT TO:<c@d.test>>",
                "5.1.7 Sender address refused: control characters (NUL, CR, LF...) are not allowed in a command",
            ),
            ("MAIL FROM:<postmaster>", "5.1.7 Sender address refused: <Postmaster> needs a domain"),
            (
                "MAIL FROM:<a@b.test> SIZE=\x01",
                "5.1.7 Sender address refused: control characters (NUL, CR, LF...) are not allowed in a command",
            ),
        ];
        for (command, text) in cases {
            assert_eq!(reply(c.command(command)), Reply::new(501, text), "{command:?}");
        }
        assert_eq!(code(c.command("MAIL FROM:<a/b@b.test>")), 250, "'/' is atext: valid, and never a file name");
    }

    #[test]
    fn postmaster_is_accepted_without_being_a_routing_address() {
        let mut c = conversation();
        c.command("EHLO x");
        c.command("MAIL FROM:<a@b.test>");
        let kept = Reply::new(250, "2.1.5 Postmaster OK (kept for the postmaster, not processed as a lot)");
        assert_eq!(reply(c.command("RCPT TO:<postmaster@elsewhere.test>")).code, 550);
        assert_eq!(reply(c.command("RCPT TO:<PostMaster>")), kept);
        assert_eq!(reply(c.command("RCPT TO:<postmaster@PAIR.test>")), kept);
        let Step::Data(_, smtp_envelope) = c.command("DATA") else { panic!("DATA starts") };
        assert_eq!(smtp_envelope, SmtpEnvelope { mail_from: "a@b.test".to_owned(), rcpt_to: vec![], postmaster: true });
    }

    #[test]
    fn rcpt_parameters_and_null_recipients_are_refused() {
        let mut c = conversation();
        c.command("EHLO x");
        c.command("MAIL FROM:<>");
        assert_eq!(
            reply(c.command("RCPT TO:<>")),
            Reply::new(501, "5.1.3 Recipient address refused: <> is not a recipient")
        );
        assert_eq!(
            reply(c.command("RCPT TO:<01.751@01.scor.rss.fr> NOTIFY=NEVER")),
            Reply::new(555, "5.5.4 Parameter NOTIFY not supported")
        );
        assert_eq!(reply(c.command("RCPT TO:01.751@01.scor.rss.fr")).code, 501);
    }

    #[test]
    fn replies_are_single_lines_of_at_most_512_octets() {
        let wire = Reply::new(451, format!("4.3.0 {}\r\n250 forged {}", "é".repeat(300), "x".repeat(600))).to_wire();
        assert!(wire.len() <= REPLY_LINE_MAX && wire.ends_with(b"\r\n"), "{}", wire.len());
        assert_eq!(wire.iter().filter(|b| **b == b'\n' || **b == b'\r').count(), 2);
        assert!(String::from_utf8(wire).unwrap().starts_with("451 4.3.0 éé"));
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
