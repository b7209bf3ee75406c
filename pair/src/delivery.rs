//! Delivering a return to each of its recipients: through an SMTP relay (a minimal RFC 5321 client)
//! or into a maildir outbox, one maildir per recipient, idempotently (a name already there is skipped).

use crate::address::Mailbox;
use crate::spool::sync_dir;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where returns go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// An SMTP relay, `HOST:PORT`.
    Relay(String),
    /// A folder holding one maildir per recipient address.
    Outbox(PathBuf),
}

/// One return to deliver.
#[derive(Debug, Clone, Copy)]
pub struct Parcel<'a> {
    /// A name unique to this return, the same on every attempt (maildir file name): letters, digits,
    /// `.`, `-` and `_` only, not starting with a dot.
    pub name: &'a str,
    pub from: &'a str,
    pub to: &'a [String],
    pub message: &'a [u8],
    /// The return's own durable file (`returns/`), if any: an outbox on the same file system links it
    /// into each maildir instead of writing and syncing the message again.
    pub kept: Option<&'a Path>,
}

/// Why a delivery failed.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// Worth retrying: the relay is down, or answered 4xx.
    #[error("delivery failed, will retry: {0}")]
    Transient(String),
    /// Not worth retrying: the relay refused with 5xx, or there is no recipient.
    #[error("delivery refused: {0}")]
    Permanent(String),
}

impl From<io::Error> for DeliveryError {
    fn from(error: io::Error) -> Self {
        Self::Transient(error.to_string())
    }
}

/// Delivers `parcel`; the relay's last reply, or what the outbox did. Every address must be an
/// RFC 5321 mailbox and the name a plain file name, or the delivery is refused for good.
pub fn deliver(delivery: &Delivery, parcel: Parcel<'_>) -> Result<String, DeliveryError> {
    deliver_all(delivery, &[parcel]).pop().unwrap_or_else(|| Err(DeliveryError::Transient("nothing done".to_owned())))
}

/// Delivers each parcel as [`deliver`] does, one result per parcel in order. Into an outbox, each file
/// is synced as it is written and each maildir's `new/` once, after all of them.
pub fn deliver_all(delivery: &Delivery, parcels: &[Parcel<'_>]) -> Vec<Result<String, DeliveryError>> {
    let mut written: Vec<BTreeSet<PathBuf>> = vec![BTreeSet::new(); parcels.len()];
    let mut results: Vec<_> = parcels
        .iter()
        .zip(&mut written)
        .map(|(parcel, written)| {
            if parcel.to.is_empty() {
                return Err(DeliveryError::Permanent("no recipient address".to_owned()));
            }
            check_parcel(parcel)?;
            match delivery {
                Delivery::Relay(address) => relay(address, *parcel),
                Delivery::Outbox(dir) => outbox(dir, *parcel, written),
            }
        })
        .collect();
    let touched: BTreeSet<&PathBuf> = written.iter().flatten().collect();
    for new in touched {
        if let Err(error) = sync_dir(new) {
            // Not durable yet: the parcels written there are tried again.
            for (result, _) in results.iter_mut().zip(&written).filter(|(_, w)| w.contains(new)) {
                *result = Err(DeliveryError::Transient(format!("syncing the outbox: {error}")));
            }
        }
    }
    results
}

fn check_parcel(parcel: &Parcel<'_>) -> Result<(), DeliveryError> {
    for address in parcel.to.iter().map(String::as_str).chain([parcel.from]) {
        if let Err(error) = Mailbox::parse(address) {
            return Err(DeliveryError::Permanent(format!("{address:?} is not a mailbox: {error}")));
        }
    }
    if !is_plain_name(parcel.name) {
        return Err(DeliveryError::Permanent(format!("{:?} is not a plain file name", parcel.name)));
    }
    Ok(())
}

/// Letters, digits, `.`, `-`, `_`, not starting with a dot: never a path, `.` or `..`.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
}

/// The maildir of `address` in `outbox`: named by the first 32 hex digits of the SHA-256 of the
/// lower-cased address, never by the address text.
pub fn maildir(outbox: &Path, address: &str) -> PathBuf {
    outbox.join(hex_digest(address.to_ascii_lowercase().as_bytes(), 16))
}

/// The first `bytes` bytes of the SHA-256 of `data`, in hex.
pub fn hex_digest(data: &[u8], bytes: usize) -> String {
    Sha256::digest(data).iter().take(bytes).map(|b| format!("{b:02x}")).collect()
}

/// Writes `parcel` into the maildir of each recipient that does not hold it yet; the `new/` folders
/// written to are added to `written` (to be synced).
fn outbox(dir: &Path, parcel: Parcel<'_>, written_to: &mut BTreeSet<PathBuf>) -> Result<String, DeliveryError> {
    let mut written = 0;
    for address in parcel.to {
        let maildir = maildir(dir, address);
        let new = maildir.join("new");
        if new.join(parcel.name).exists() {
            continue;
        }
        for sub in ["tmp", "new", "cur"] {
            fs::create_dir_all(maildir.join(sub))?;
        }
        write_address(&maildir, address)?;
        // The kept file is complete and synced: a link to it is whole, and durable once `new` is.
        if parcel.kept.is_some_and(|kept| fs::hard_link(kept, new.join(parcel.name)).is_ok()) {
            written_to.insert(new);
            written += 1;
            continue;
        }
        let temporary = maildir.join("tmp").join(parcel.name);
        let mut file = fs::File::create(&temporary)?;
        file.write_all(parcel.message)?;
        file.sync_all()?;
        fs::rename(&temporary, new.join(parcel.name))?;
        written_to.insert(new);
        written += 1;
    }
    Ok(format!("outbox: {written} of {} maildir(s) written, the others already held it", parcel.to.len()))
}

/// `MAILDIR/address` names the recipient of a maildir (its content, never a path).
fn write_address(maildir: &Path, address: &str) -> io::Result<()> {
    let path = maildir.join("address");
    if path.exists() {
        return Ok(());
    }
    fs::write(&path, format!("{address}\n"))
}

const TIMEOUT: Duration = Duration::from_secs(30);

fn relay(address: &str, parcel: Parcel<'_>) -> Result<String, DeliveryError> {
    let stream = TcpStream::connect(address)?;
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    let mut client = Client { reader: BufReader::new(stream.try_clone()?), writer: stream };
    client.expect(2)?;
    client.command("EHLO pair.scor-kit.invalid", 2)?;
    client.command(&format!("MAIL FROM:<{}>", parcel.from), 2)?;
    let mut accepted = 0;
    let mut refusals = Vec::new();
    for to in parcel.to {
        match client.command(&format!("RCPT TO:<{to}>"), 2) {
            Ok(_) => accepted += 1,
            Err(DeliveryError::Permanent(reply)) => refusals.push(format!("{to}: {reply}")),
            Err(error) => return Err(error),
        }
    }
    if accepted == 0 {
        return Err(DeliveryError::Permanent(refusals.join("; ")));
    }
    client.command("DATA", 3)?;
    client.writer.write_all(&dot_stuffed(parcel.message))?;
    let reply = client.command(".", 2)?;
    let _ = client.command("QUIT", 2);
    Ok(if refusals.is_empty() { reply } else { format!("{reply} (refused: {})", refusals.join("; ")) })
}

struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Client {
    /// Sends `line` and reads the reply, which must be of class `class` (2 or 3).
    fn command(&mut self, line: &str, class: u8) -> Result<String, DeliveryError> {
        self.writer.write_all(format!("{line}\r\n").as_bytes())?;
        self.expect(class)
    }

    /// Reads one (possibly multi-line) reply and checks its class.
    fn expect(&mut self, class: u8) -> Result<String, DeliveryError> {
        let mut text = String::new();
        loop {
            let mut line = String::new();
            if self.reader.read_line(&mut line)? == 0 {
                return Err(DeliveryError::Transient("the relay closed the connection".to_owned()));
            }
            text.push_str(line.trim_end());
            if line.as_bytes().get(3) != Some(&b'-') {
                break;
            }
            text.push(' ');
        }
        match text.as_bytes().first() {
            Some(c) if *c == b'0' + class => Ok(text),
            Some(b'5') => Err(DeliveryError::Permanent(text)),
            _ => Err(DeliveryError::Transient(text)),
        }
    }
}

/// `message` with CRLF line endings and leading dots doubled (RFC 5321 §4.5.2), ending in CRLF.
pub fn dot_stuffed(message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + message.len() / 64);
    for line in message.split_inclusive(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.first() == Some(&b'.') {
            out.push(b'.');
        }
        out.extend_from_slice(line);
        out.extend_from_slice(b"\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_stuffing_doubles_leading_dots_and_normalises_line_ends() {
        assert_eq!(dot_stuffed(b"a\n.b\r\n..c"), b"a\r\n..b\r\n...c\r\n");
    }

    #[test]
    fn the_outbox_writes_each_recipient_once() {
        let dir = tempfile::tempdir().unwrap();
        let to = ["ps@example.test".to_owned(), "oct@example.test".to_owned()];
        let parcel = Parcel { name: "1.eml", from: "01.751@01.scor.rss.fr", to: &to, message: b"x", kept: None };
        let delivery = Delivery::Outbox(dir.path().to_path_buf());
        deliver(&delivery, parcel).unwrap();
        let again = deliver(&delivery, parcel).unwrap();
        assert!(again.starts_with("outbox: 0 of 2"), "{again}");
        for address in &to {
            assert_eq!(fs::read(maildir(dir.path(), address).join("new/1.eml")).unwrap(), b"x");
        }
    }

    #[test]
    fn a_kept_return_is_linked_into_each_maildir_and_written_when_it_cannot_be() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("7.eml");
        fs::write(&kept, b"the return").unwrap();
        let to = ["ps@example.test".to_owned(), "oct@example.test".to_owned()];
        let delivery = Delivery::Outbox(dir.path().join("outbox"));
        let parcel = Parcel { name: "7.eml", from: "a@b.test", to: &to, message: b"the return", kept: Some(&kept) };
        deliver(&delivery, parcel).unwrap();
        let inode = fs::metadata(&kept).unwrap().ino();
        for address in &to {
            let delivered = maildir(&dir.path().join("outbox"), address).join("new/7.eml");
            assert_eq!(fs::metadata(&delivered).unwrap().ino(), inode, "{address}: a link to the kept file");
            assert_eq!(fs::read(&delivered).unwrap(), b"the return");
        }
        // A kept file that is not there (or on another file system): the message is written.
        let missing = dir.path().join("missing.eml");
        let parcel =
            Parcel { name: "8.eml", from: "a@b.test", to: &to[..1], message: b"written", kept: Some(&missing) };
        deliver(&delivery, parcel).unwrap();
        let delivered = maildir(&dir.path().join("outbox"), &to[0]).join("new/8.eml");
        assert_eq!(fs::read(&delivered).unwrap(), b"written");
        assert_eq!(fs::metadata(&delivered).unwrap().nlink(), 1);
    }

    #[test]
    fn maildirs_are_named_by_a_hash_of_the_address() {
        let outbox = Path::new("/outbox");
        assert_eq!(maildir(outbox, "PS@Example.test"), outbox.join("cafc1e3cb792ab4ea5683b5a071d601c"));
        assert_eq!(maildir(outbox, "ps@example.test"), maildir(outbox, "PS@Example.test"));
        assert_eq!(maildir(outbox, "..").parent(), Some(outbox));
    }

    #[test]
    fn hostile_addresses_and_names_are_refused_and_write_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = Delivery::Outbox(dir.path().join("outbox"));
        for to in ["..", "../../x@b.test", "a\0b@b.test", "a@b.test\r\nBcc: c@d.test", "a@b.test>"] {
            let to = [to.to_owned()];
            let parcel = Parcel { name: "1.eml", from: "01.751@01.scor.rss.fr", to: &to, message: b"x", kept: None };
            let refused = deliver(&outbox, parcel).unwrap_err().to_string();
            assert!(refused.starts_with(&format!("delivery refused: {:?} is not a mailbox: ", to[0])), "{refused}");
        }
        let to = ["ps@example.test".to_owned()];
        for name in ["../1.eml", ".", "..", "a/b", ""] {
            let parcel = Parcel { name, from: "01.751@01.scor.rss.fr", to: &to, message: b"x", kept: None };
            let refused = deliver(&outbox, parcel).unwrap_err().to_string();
            assert_eq!(refused, format!("delivery refused: {name:?} is not a plain file name"));
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "nothing written");
    }

    #[test]
    fn no_recipient_is_permanent() {
        let parcel = Parcel { name: "1.eml", from: "a@b", to: &[], message: b"x", kept: None };
        assert!(matches!(
            deliver(&Delivery::Outbox(PathBuf::from("/nonexistent")), parcel),
            Err(DeliveryError::Permanent(_))
        ));
    }
}
