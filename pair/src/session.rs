//! One connection's input without I/O: bytes in, command lines (ended by CRLF only) for the
//! [`Conversation`], DATA dot-unstuffed and ended only by CRLF.CRLF (RFC 5321 §4.1.1.4), events out.

use crate::smtp::{Conversation, Reply, SmtpEnvelope, Step};

/// Longest command line accepted, CRLF included: RFC 5321 §4.5.3.1.4 allows 512 octets, and
/// §4.5.3.1.2's extensions may add parameters, so four times that.
pub const COMMAND_LINE_MAX: usize = 2048;
/// Past this many bytes over the limit, a refused message is not read to its end: 552 and close.
const DISCARD_FACTOR: u64 = 4;

/// What the listener does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Send the reply; read on.
    Reply(Reply),
    /// Send the reply and close the connection.
    Close(Reply),
    /// Send the 354 reply: a message starts, its content comes out of [`Session::feed`] until it ends.
    DataStart(Reply),
    /// The message ended at CRLF.CRLF, within the limit and with CRLF line ends only: store it (its
    /// content, `size` bytes, came out of `feed`) and reply.
    Message(SmtpEnvelope, u64),
    /// The message ended but is refused (bare CR or LF, over the limit): drop what was written, reply.
    Refused(Reply),
    /// The message grew so far over the limit that it is not read to its end: drop it, reply, close.
    Abandoned(Reply),
}

/// Where the connection is.
#[derive(Debug)]
enum Mode {
    /// Reading a command line; `skipping` once it is longer than [`COMMAND_LINE_MAX`].
    Command {
        line: Vec<u8>,
        skipping: bool,
    },
    Data(Box<DataDecoder>, SmtpEnvelope),
    Closed,
}

/// The conversation and the framing of one connection.
#[derive(Debug)]
pub struct Session {
    conversation: Conversation,
    mode: Mode,
    limit: u64,
}

impl Session {
    pub fn new(conversation: Conversation, max_message_bytes: u64) -> Self {
        Self { conversation, mode: command_mode(), limit: max_message_bytes }
    }

    /// The 220 greeting.
    pub fn greeting(&self) -> Reply {
        self.conversation.greeting()
    }

    /// Reads from `input` up to the next event (message content goes to `content`): how many bytes
    /// were used, and the event if one came. Without an event, all of `input` was used.
    pub fn feed(&mut self, input: &[u8], content: &mut Vec<u8>) -> (usize, Option<Event>) {
        match &mut self.mode {
            Mode::Command { line, skipping } => {
                let (used, complete) = take_line(input, line, skipping);
                (used, complete.map(|line| self.command(&line)))
            }
            Mode::Data(decoder, _) => {
                let (used, end) = decoder.feed(input, content);
                (used, end.map(|end| self.data_end(end)))
            }
            Mode::Closed => (0, None),
        }
    }

    /// The event of a complete line (CRLF included), or of a line too long.
    fn command(&mut self, line: &[u8]) -> Event {
        let Some(text) = line.strip_suffix(b"\r\n") else {
            let reply = match line.last() {
                Some(b'\n') => Reply::new(500, "5.5.2 Bare <LF> in a command line: SMTP lines end with <CR><LF>"),
                _ => Reply::new(500, "5.5.6 Command line too long"),
            };
            return Event::Reply(reply);
        };
        match self.conversation.command(&String::from_utf8_lossy(text)) {
            Step::Reply(reply) => Event::Reply(reply),
            Step::Close(reply) => {
                self.mode = Mode::Closed;
                Event::Close(reply)
            }
            Step::Data(go_ahead, smtp_envelope) => {
                self.mode = Mode::Data(Box::new(DataDecoder::new(self.limit)), smtp_envelope);
                Event::DataStart(go_ahead)
            }
        }
    }

    fn data_end(&mut self, end: DataEnd) -> Event {
        let mode = std::mem::replace(&mut self.mode, command_mode());
        let Mode::Data(_, smtp_envelope) = mode else { return Event::Reply(Reply::new(451, "4.3.0 Not in DATA")) };
        let limit = self.limit;
        match end {
            DataEnd::Complete { size, bare: None } if size <= limit => Event::Message(smtp_envelope, size),
            DataEnd::Complete { bare: Some(bare), .. } => Event::Refused(Reply::new(
                554,
                format!(
                    "5.6.0 Bare {bare} in the message: SMTP lines end with <CR><LF> (RFC 5321 section 2.3.8); not stored"
                ),
            )),
            DataEnd::Complete { .. } => Event::Refused(too_big(limit)),
            DataEnd::Abandoned => {
                self.mode = Mode::Closed;
                Event::Abandoned(too_big(limit))
            }
        }
    }
}

fn command_mode() -> Mode {
    Mode::Command { line: Vec::with_capacity(256), skipping: false }
}

fn too_big(limit: u64) -> Reply {
    Reply::new(552, format!("5.3.4 Message exceeds the SCOR limit of {limit} bytes (message_max_bytes); not stored"))
}

/// Adds `input` up to its first LF to `line` (kept empty once `skipping`): how many bytes were used, and
/// the line when its LF came (a line too long comes back without its line end).
fn take_line(input: &[u8], line: &mut Vec<u8>, skipping: &mut bool) -> (usize, Option<Vec<u8>>) {
    let (used, ended) = match input.iter().position(|b| *b == b'\n') {
        Some(at) => (at + 1, true),
        None => (input.len(), false),
    };
    if !*skipping {
        line.extend_from_slice(&input[..used]);
        if line.len() > COMMAND_LINE_MAX {
            line.clear();
            *skipping = true;
        }
    }
    if !ended {
        return (used, None);
    }
    let complete = if std::mem::take(skipping) { Vec::new() } else { std::mem::take(line) };
    (used, Some(complete))
}

/// How a message ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataEnd {
    /// At CRLF.CRLF: `size` bytes after unstuffing; the first bare line end seen, if any.
    Complete { size: u64, bare: Option<&'static str> },
    /// Over the limit by more than [`DISCARD_FACTOR`] times the limit: not read further.
    Abandoned,
}

/// Where the decoder is in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// At the start of a line (after CRLF, or the first byte of DATA).
    LineStart,
    /// After a `.` at the start of a line (the dot is dropped: unstuffing).
    Dot,
    /// After `.` CR at the start of a line: LF ends the message.
    DotCr,
    /// Inside a line.
    Text,
    /// After a CR inside a line.
    Cr,
}

/// DATA decoding: dot-unstuffing, the end only at CRLF.CRLF, bare CR and LF noticed, the size cap.
#[derive(Debug)]
pub struct DataDecoder {
    at: At,
    size: u64,
    limit: u64,
    bare: Option<&'static str>,
}

impl DataDecoder {
    pub fn new(limit: u64) -> Self {
        Self { at: At::LineStart, size: 0, limit, bare: None }
    }

    /// Decodes `input` into `content` (nothing past the limit): how many bytes were used, and the end
    /// if it came.
    pub fn feed(&mut self, input: &[u8], content: &mut Vec<u8>) -> (usize, Option<DataEnd>) {
        let mut i = 0;
        while i < input.len() {
            let run = self.text_run(&input[i..]);
            if run > 0 {
                self.emit(&input[i..i + run], content);
                i += run;
            } else {
                i += 1;
                if self.byte(input[i - 1], content) {
                    return (i, Some(DataEnd::Complete { size: self.size, bare: self.bare }));
                }
            }
            if self.size > self.abandon_after() {
                return (i, Some(DataEnd::Abandoned));
            }
        }
        (input.len(), None)
    }

    /// Inside a line, how many bytes of `input` hold neither CR nor LF (copied as they are), no further
    /// than the byte that makes the message abandoned (so that it is the same byte however input is cut).
    fn text_run(&self, input: &[u8]) -> usize {
        if self.at != At::Text {
            return 0;
        }
        let run = input.iter().position(|b| *b == b'\r' || *b == b'\n').unwrap_or(input.len());
        let to_abandon = self.abandon_after().saturating_sub(self.size).saturating_add(1);
        run.min(usize::try_from(to_abandon).unwrap_or(usize::MAX))
    }

    /// Past this size the message is abandoned.
    fn abandon_after(&self) -> u64 {
        self.limit.saturating_mul(DISCARD_FACTOR + 1)
    }

    /// One byte; true when it ends the message.
    fn byte(&mut self, byte: u8, content: &mut Vec<u8>) -> bool {
        match (self.at, byte) {
            (At::LineStart, b'.') => self.at = At::Dot,
            (At::Dot, b'\r') => self.at = At::DotCr,
            (At::DotCr, b'\n') => return true,
            (At::DotCr, _) => {
                self.bare("<CR>");
                self.emit(b"\r", content);
                self.text(byte, content);
            }
            (At::Cr, b'\n') => {
                self.emit(b"\r\n", content);
                self.at = At::LineStart;
            }
            (At::Cr, _) => {
                self.bare("<CR>");
                self.emit(b"\r", content);
                self.text(byte, content);
            }
            _ => self.text(byte, content),
        }
        false
    }

    /// A byte inside a line: CR waits for its LF; a LF without CR is bare.
    fn text(&mut self, byte: u8, content: &mut Vec<u8>) {
        match byte {
            b'\r' => self.at = At::Cr,
            b'\n' => {
                self.bare("<LF>");
                self.emit(b"\n", content);
                self.at = At::Text;
            }
            _ => {
                self.emit(&[byte], content);
                self.at = At::Text;
            }
        }
    }

    fn bare(&mut self, what: &'static str) {
        self.bare.get_or_insert(what);
    }

    /// Counts `bytes` and writes what of them is within the limit.
    fn emit(&mut self, bytes: &[u8], content: &mut Vec<u8>) {
        let room = usize::try_from(self.limit.saturating_sub(self.size)).unwrap_or(usize::MAX);
        content.extend_from_slice(&bytes[..bytes.len().min(room)]);
        self.size += bytes.len() as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::smtp::Policy;

    fn decode(input: &[u8]) -> (usize, Option<DataEnd>, Vec<u8>) {
        let mut content = Vec::new();
        let (used, end) = DataDecoder::new(1000).feed(input, &mut content);
        (used, end, content)
    }

    #[test]
    fn only_crlf_dot_crlf_ends_data() {
        let (used, end, content) = decode(b"a\r\n..b\r\n.\r\nQUIT\r\n");
        assert_eq!((used, end), (11, Some(DataEnd::Complete { size: 7, bare: None })));
        assert_eq!(content, b"a\r\n.b\r\n");
        assert_eq!(decode(b".\r\n").1, Some(DataEnd::Complete { size: 0, bare: None }));
    }

    #[test]
    fn the_smuggling_sequences_do_not_end_data_and_are_bare_line_ends() {
        for (input, bare) in [
            (&b"a\n.\nMAIL FROM:<x@y.test>\r\n"[..], "<LF>"),
            (b"a\r\n.\nMAIL FROM:<x@y.test>\r\n", "<LF>"),
            (b"a\n.\r\nMAIL FROM:<x@y.test>\r\n", "<LF>"),
            (b"a\r.\r\nMAIL FROM:<x@y.test>\r\n", "<CR>"),
            (b"a\r\n.\rMAIL FROM:<x@y.test>\r\n", "<CR>"),
        ] {
            let (used, end, _) = decode(input);
            assert_eq!((used, end), (input.len(), None), "{:?}", String::from_utf8_lossy(input));
            let mut decoder = DataDecoder::new(1000);
            decoder.feed(input, &mut Vec::new());
            let (_, end) = decoder.feed(b".\r\n", &mut Vec::new());
            assert!(matches!(end, Some(DataEnd::Complete { bare: Some(b), .. }) if b == bare), "{end:?}");
        }
    }

    #[test]
    fn the_end_is_found_across_pieces_of_one_byte() {
        let input = b"x\r\n..\r\n.\r\nNOOP\r\n";
        let mut decoder = DataDecoder::new(1000);
        let mut content = Vec::new();
        let mut ended_at = None;
        for (i, byte) in input.iter().enumerate() {
            if let (1, Some(end)) = decoder.feed(std::slice::from_ref(byte), &mut content) {
                ended_at = Some((i, end));
                break;
            }
        }
        assert_eq!(ended_at, Some((9, DataEnd::Complete { size: 6, bare: None })));
        assert_eq!(content, b"x\r\n.\r\n");
    }

    #[test]
    fn a_message_far_over_the_limit_is_abandoned() {
        let mut decoder = DataDecoder::new(10);
        let mut content = Vec::new();
        assert_eq!(decoder.feed(&[b'a'; 50], &mut content), (50, None), "5 times the limit: still read");
        assert_eq!(decoder.feed(b"a\r\n.\r\n", &mut content), (1, Some(DataEnd::Abandoned)));
        assert_eq!(content, [b'a'; 10], "nothing kept past the limit");
    }

    fn session() -> Session {
        let policy = Policy {
            hostname: "pair.test".to_owned(),
            max_message_bytes: 20,
            max_recipients: 2,
            postmaster_domains: vec!["pair.test".to_owned()],
        };
        Session::new(Conversation::new(policy), 20)
    }

    /// Every event of `input`, fed at once.
    fn events(session: &mut Session, mut input: &[u8]) -> Vec<Event> {
        let mut out = Vec::new();
        while !input.is_empty() {
            let (used, event) = session.feed(input, &mut Vec::new());
            input = &input[used..];
            out.extend(event);
            if used == 0 {
                break;
            }
        }
        out
    }

    fn codes(events: &[Event]) -> Vec<u16> {
        events
            .iter()
            .map(|e| match e {
                Event::Reply(r) | Event::Close(r) | Event::DataStart(r) | Event::Refused(r) | Event::Abandoned(r) => {
                    r.code
                }
                Event::Message(..) => 250,
            })
            .collect()
    }

    #[test]
    fn command_lines_end_with_crlf_only() {
        let mut s = session();
        let events = events(&mut s, b"EHLO x\r\nNOOP\nNOOP\rNOOP\r\nNOOP\r\n");
        assert_eq!(codes(&events), [250, 500, 500, 250]);
        assert_eq!(
            events[1],
            Event::Reply(Reply::new(500, "5.5.2 Bare <LF> in a command line: SMTP lines end with <CR><LF>"))
        );
        assert_eq!(events[2], Event::Reply(Reply::new(500, "5.5.2 Command unrecognised")), "NOOP<CR>NOOP");
    }

    #[test]
    fn a_long_command_line_is_refused_at_its_end() {
        let mut s = session();
        let mut input = b"NOOP ".to_vec();
        input.extend([b'x'; COMMAND_LINE_MAX]);
        input.extend(b"\r\nNOOP\r\n");
        assert_eq!(
            events(&mut s, &input),
            [Event::Reply(Reply::new(500, "5.5.6 Command line too long")), Event::Reply(Reply::new(250, "2.0.0 OK")),]
        );
    }

    #[test]
    fn a_smuggled_transaction_is_data_of_the_refused_message() {
        let mut s = session();
        let input = b"HELO x\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<postmaster>\r\nDATA\r\nhi\n.\nMAIL FROM:<evil@b.test>\r\n.\r\nNOOP\r\n";
        let events = events(&mut s, input);
        assert_eq!(codes(&events), [250, 250, 250, 354, 554, 250]);
        assert_eq!(
            events[4],
            Event::Refused(Reply::new(
                554,
                "5.6.0 Bare <LF> in the message: SMTP lines end with <CR><LF> (RFC 5321 section 2.3.8); not stored"
            ))
        );
    }
}
