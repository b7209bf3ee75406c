//! scor-answering: the answering side of SCOR (process TA): read an ARL or a service message, classify
//! it, and keep the history that decides whether a lot may still be retransmitted.
//!
//! - [`input`]: a return read from an SMTP message (two attachments, or one tar archive holding both
//!   files; zip archives are not supported), a folder, a tar archive or files in memory.
//! - [`classify`](mod@classify): the two files validated with the generated validators and the verdict
//!   read at the level the diagnostic table gives its cause ([`causes`]); [`checks`]: the ARL-* rules.
//! - [`classification`]: accepted, header rejection, dossier rejection, service-message rejection or
//!   unreadable, each with its label and the brief section it follows.
//! - [`history`]: lots sent, retransmissions and returns in SQLite; one retransmission per lot; its
//!   schema kept up to date by [`migrate`], which the PAIR simulator's store uses too; where a lot and
//!   the PJ it carried stand, as `conform --history` asks it (`scor_conformance::SharedHistory`).
//! - [`analysis`]: classification and history together, as `cargo xtask arl analyze` prints them.
//! - [`compose`] and [`vectors`]: returns written from the tables, and the golden vectors.

pub mod analysis;
pub mod causes;
pub mod checks;
pub mod classification;
pub mod classify;
pub mod compose;
pub mod history;
pub mod input;
pub mod migrate;
pub mod vectors;

pub use analysis::{AnalyzedReturn, analyze};
pub use classification::{Action, Classification, DiagnosedDossier};
pub use classify::{Analysis, classify};
pub use history::{History, HistoryError, LotState, ReceivedReturn, Retransmission, SentLot};
pub use input::{Received, ReturnSource, read_eml, read_files, read_path};
