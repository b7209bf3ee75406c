//! scor-dictionary: the SCOR dictionary as Rust. Everything under `v<version>/` and `versions.rs` is
//! generated from `spec/scor/<version>/` by `cargo xtask codegen`; the modules here are the hand-written
//! runtime the generated code fills in.
//!
//! - [`finding`]: what every check reports (rule, EF element, location, severity, ARL cause).
//! - [`schema`]: the shapes of a message tree and its data elements, and the check of one value.
//! - [`stream`]: the streaming validator (namespace, order, cardinality, values, limits).
//! - [`message`]: reading a message into its typed model, and writing it back.

pub mod finding;
pub mod message;
pub mod schema;
pub mod stream;
#[rustfmt::skip] // generated code is formatted by prettyplease, in-process
mod versions;

pub use finding::{Finding, Level, Location, Provenance, Rule, Scope, Severity};
pub use message::{Message, Parsed, WriteError};
pub use schema::Dictionary;
pub use stream::Options;
pub use versions::*;

/// The dictionary of a version (`"2.13"`), if scor-kit has it.
pub fn dictionary(version: &str) -> Option<&'static Dictionary> {
    DICTIONARIES.iter().copied().find(|d| d.version == version)
}
