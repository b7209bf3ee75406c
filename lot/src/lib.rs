//! A SCOR lot as files: the transport layer under the conformance engine, the sending side and
//! an SMTP simulator. Holds no SCOR numbers: callers pass every limit in.
//!
//! - [`files`]: a lot as named files, read from a folder, a tar archive or memory, within limits;
//! - [`mail`]: a lot as an SMTP message (`.eml`), read and written;
//! - [`envelope`]: the CMS EnvelopedData around each `.pkcs7` file: seal, inspect, open;
//! - [`pki`]: the test PKI (TEST ONLY keys) used to seal and open on any machine.

pub mod envelope;
pub mod files;
pub mod mail;
pub mod pki;

pub use envelope::{ContentCipher, EnvelopeError, EnvelopeInfo, Key};
pub use files::{LotFile, Origin, ReadLimits, ReadLot, ReadProblem};
pub use mail::{Envelope, MailLimits, MailProblem, ReadMail, Transport};
