//! scor-dictionary: the SCOR dictionary as Rust. Everything under [`generated`] is written from
//! `spec/scor/<version>/` by `cargo xtask codegen`; the other modules are the hand-written runtime the
//! generated code fills in.
//!
//! - [`finding`]: what every check reports (rule, EF element, location, severity, ARL cause).
//! - [`schema`]: the shapes of a message tree and its data elements, and the check of one value.
//! - [`stream`]: the streaming validator (namespace, order, cardinality, values, limits).
//! - [`message`]: reading a message into its typed model, and writing it back.
//! - [`write`]: writing any version's message from its schema and values by data-element id.
//! - [`generated`]: per version, the typed models, code lists, limits, rules and routing table; and the
//!   enums ([`Check`], [`Limit`], [`FileNameKind`], [`CodeListKey`], [`Profil`]) through which code
//!   names what the tables hold.

pub mod finding;
pub mod generated;
pub mod message;
pub mod schema;
pub mod stream;
pub mod write;

pub use finding::{DecidedBy, Finding, Level, Location, Provenance, Rule, Scope, Severity};
pub use generated::*;
pub use message::{Message, Parsed, WriteError};
pub use schema::Dictionary;
pub use stream::Options;

/// The dictionary of a version (`"2.13"`), if scor-kit has it.
pub fn dictionary(version: &str) -> Option<&'static Dictionary> {
    DICTIONARIES.iter().copied().find(|d| d.version == version)
}
