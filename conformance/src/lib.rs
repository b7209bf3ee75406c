//! scor-conformance: reads a lot (folder, SMTP message or tar archive), runs every check of the
//! dictionary on it (transport, inventory, header, dossiers, PJ) and predicts the ARL the receiving side
//! would send.
//!
//! - [`lot`]: the entry points ([`check_path`], [`check_eml`], [`check_tar`]) and the order of the checks.
//! - [`batch`]: the lots under a path (folders, `.eml`, tar archives), checked in parallel.
//! - [`checks`]: one module per stage; each raises findings through the dictionary's rules.
//! - [`explain`]: a rule in words, with its causes, limits and examples.
//! - [`coverage`]: which rules a corpus of lots exercised.
//! - [`document`]: a message read into an element tree, asked for its data elements by EF id.
//! - [`header`]: the lot header's facts later checks rely on (dossiers, pieces, route).
//! - [`history`]: what the checks ask a history of earlier lots; [`answered`]: the answering side's
//!   history (SQLite) asked so; [`sent`]: what a lot sent gives it.
//! - [`calendar`]: day arithmetic on the dictionary's dates.
//! - [`keys`]: the organism keys envelopes are opened with.
//! - [`advisor`]: the advisor file (suppress or re-grade a rule's findings, with reason and expiry).
//! - [`arl`]: the predicted ARL and its two documents.
//! - [`outcome`]: what reports are rendered from.
//! - [`panics`]: the caught panics of third-party parsers told in one line, for the programs.

pub mod advisor;
pub mod answered;
pub mod arl;
pub mod batch;
pub mod calendar;
pub mod checks;
pub mod coverage;
pub mod document;
pub mod explain;
pub mod header;
pub mod history;
pub mod keys;
pub mod lot;
pub mod outcome;
pub mod panics;
pub mod sent;

pub use answered::SharedHistory;
pub use history::{Acknowledged, LotHistory};
pub use keys::Keys;
pub use lot::{
    Checked, Config, check_eml, check_files_in_memory, check_path, check_pj, check_read, check_stored, check_tar,
};
pub use outcome::{
    AdvisorOutcome, CaisseVerdict, EntryRef, FileOutcome, FileRole, LotOutcome, NotEvaluated, PageView, PredictedArl,
    Regraded, RejectedDossier, Run, Source, Suppressed, Tool, Verdict,
};
pub use scor_lot::LotKind;
