//! scor-conformance: reads a lot (folder or SMTP message), runs every check of the dictionary on it
//! (transport, inventory, header, dossiers, PJ) and predicts the ARL the receiving side would send.

pub mod outcome;

pub use outcome::{FileOutcome, InputKind, LotOutcome, NotEvaluated, PredictedArl, RejectedDossier, Run, Source, Tool};
