//! scor-pair: a receiving-side simulator (PAIR, Point d'Accueil Inter-Régimes) over real SMTP, so that
//! éditeurs can test their whole send-and-answer loop.
//!
//! - [`smtp`]: the RFC 5321 conversation as a pure state machine (SIZE advertised, routing addresses only);
//!   [`address`]: envelope paths by RFC 5321 syntax; [`session`]: command lines and DATA framed, without I/O.
//! - [`reception`]: the tokio listener; DATA streamed into the spool under the size cap (552), 250 only
//!   after the spool file, its directory and the index row are synced.
//! - [`store`]: the SQLite index and each message's state (received → checked → answered → delivering →
//!   delivered), which [`process`] resumes after a crash; [`checking`] runs the conform engine on every core,
//!   [`process`] decides in acknowledgement order and commits each state for a group of messages.
//! - [`answer`]: the conform engine's ARL or a service message; [`delivery`]: relay or maildir outbox;
//!   [`history`]: the lots accepted before a message, for the duplicate rule.
//! - [`onboarding`]: test lot then control period (seed 000); [`status`]: what `pair status` shows.
//! - [`server`]: [`Running::start`] and [`serve`]; [`cli`]: the command line.
//! - [`rehearsal`]: the session run on bytes without sockets or disk, and its invariants (fuzz target).

pub mod address;
pub mod answer;
pub mod checking;
pub mod cli;
pub mod delivery;
pub mod history;
pub mod onboarding;
pub mod process;
mod reception;
pub mod rehearsal;
pub mod server;
pub mod session;
pub mod smtp;
pub mod spool;
pub mod status;
pub mod store;

pub use delivery::Delivery;
pub use server::{PairConfig, PairError, Running, serve};
pub use status::{Status, status};
