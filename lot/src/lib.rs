//! A SCOR lot as files: the transport layer under the conformance engine, the sending side and
//! an SMTP simulator. Holds no SCOR numbers: callers pass every limit in.
//!
//! - [`files`]: a lot as named files, read from a folder, a tar archive or memory, within limits;
//! - [`mail`]: a lot as an SMTP message (`.eml`), read and written;
//! - [`stored`]: how a lot is stored (folder, `.eml`, tar archive) and reading it from there;
//! - [`cms`]: the CMS EnvelopedData (the envelope) around each `.pkcs7` file: seal, inspect, open;
//! - [`pki`]: the test PKI (TEST ONLY keys) used to seal and open on any machine.

pub mod cms;
pub mod files;
pub mod mail;
pub mod pki;
pub mod stored;
mod texts;

pub use cms::{CmsEnvelope, CmsError, ContentCipher, Key};
pub use files::{LotFile, Origin, ReadLimits, ReadLot, ReadProblem};
pub use mail::{MailHeaders, MailLimits, MailProblem, ReadMail, Transport};
pub use stored::{LotKind, ReadInput};
