//! The history of the answering side: lots sent with the PJ they carry, their retransmissions and the
//! returns received, in SQLite; it enforces "a lot can be retransmitted only once" (seed 003 §8 TA).

use crate::migrate::{MigrationError, migrate, user_version};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use scor_locale::{Lang, Text, text};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Schema migrations, applied in order; `PRAGMA user_version` holds how many were applied.
const MIGRATIONS: &[&str] = &[
    // 1: lots sent (a retransmission names its original, at most once) and returns received.
    "CREATE TABLE sent_lot (
        identification TEXT PRIMARY KEY NOT NULL,
        sent_at INTEGER NOT NULL,
        retransmits TEXT UNIQUE REFERENCES sent_lot(identification)
    );
    CREATE TABLE received_return (
        lot TEXT NOT NULL,
        reference TEXT NOT NULL,
        outcome TEXT NOT NULL,
        cause TEXT,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (lot, reference)
    );",
    // 2: returns listed by the time they were received.
    "CREATE INDEX received_return_by_time ON received_return(lot, received_at);",
    // 3: the identifiers of the PJ each lot sent carried (INTERNE pieces), which EXTERNE pieces of later
    // lots refer to (seed 003 §6).
    "CREATE TABLE sent_pj (
        lot TEXT NOT NULL REFERENCES sent_lot(identification),
        identifier TEXT NOT NULL,
        PRIMARY KEY (lot, identifier)
    );
    CREATE INDEX sent_pj_by_identifier ON sent_pj(identifier);",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Why the history refused or failed an operation.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error(
        "lot {original} was already retransmitted once, as {retransmission}: a lot can be retransmitted only once \
         (seed 003 §8 TA)"
    )]
    AlreadyRetransmitted { original: String, retransmission: String },
    #[error(
        "lot {lot} is itself the retransmission of {original}: a lot can be retransmitted only once (seed 003 §8 TA)"
    )]
    IsRetransmission { lot: String, original: String },
    #[error("lot {0} is not in the history: record it as sent first")]
    UnknownLot(String),
    #[error("lot {0} is already recorded as sent")]
    AlreadySent(String),
    #[error("no history at {0}: `arl sent` and `arl analyze --history` write one")]
    Missing(PathBuf),
    #[error("the history has schema version {found}; this scor-kit knows versions up to {known}")]
    NewerSchema { found: u32, known: u32 },
    #[error("history database: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl From<MigrationError> for HistoryError {
    fn from(error: MigrationError) -> Self {
        match error {
            MigrationError::NewerSchema { found, known } => Self::NewerSchema { found, known },
            MigrationError::Sqlite(error) => Self::Sqlite(error),
        }
    }
}

/// A lot the PS sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentLot {
    /// The lot's Identification (EF_PA_001_01).
    pub identification: String,
    /// Seconds since the Unix epoch, UTC.
    pub sent_at: i64,
    /// The lot this one retransmits, if it is a retransmission.
    pub retransmits: Option<String>,
    /// The identifiers (EF_PA_005_04) of the PJ it carries (INTERNE pieces).
    pub pjs: Vec<String>,
}

/// Where a lot sent stands, as its returns say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LotState {
    /// No such lot (or no lot carrying such a PJ) in the history.
    Unknown,
    /// Sent, and no return recorded yet.
    Awaiting { lot: String },
    /// Every return recorded rejects it (Etat R).
    Rejected { lot: String },
    /// A return accepted it (Etat A).
    Accepted { lot: String },
}

/// A return received for a lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceivedReturn {
    /// The Identification of the lot the return is about.
    pub lot: String,
    /// What identifies the return (ARL Identification, Message-ID...): a return recorded twice counts once.
    pub reference: String,
    /// `accepted`, `header-rejection`, `dossier-rejection` or `service-message-rejection`.
    pub outcome: String,
    pub cause: Option<String>,
    /// Seconds since the Unix epoch, UTC.
    pub received_at: i64,
}

/// Whether a rejected lot may still be retransmitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Retransmission {
    /// The lot was accepted: nothing to retransmit.
    NotNeeded,
    /// Rejected, and neither retransmitted yet nor itself a retransmission: one retransmission is allowed.
    Allowed { lot: String },
    /// The one retransmission is spent: `original` was already retransmitted, as `retransmission`.
    Refused { lot: String, original: String, retransmission: String },
    /// The history cannot tell (no history given, or the lot is not identified).
    Unknown {
        #[serde(serialize_with = "crate::classification::english")]
        reason: Text,
    },
}

impl Retransmission {
    /// The answer in words, in English.
    pub fn describe(&self) -> String {
        self.text().render(Lang::En)
    }

    /// The answer in words, for people: a text of the catalogues.
    pub fn text(&self) -> Text {
        match self {
            Self::NotNeeded => text!("retransmission-not-needed"),
            Self::Allowed { lot } => text!("retransmission-allowed", lot = lot),
            Self::Refused { lot, original, retransmission } if lot == original => {
                text!("retransmission-spent", lot = lot, retransmission = retransmission)
            }
            Self::Refused { lot, original, .. } => {
                text!("retransmission-is-retransmission", lot = lot, original = original)
            }
            Self::Unknown { reason } => text!("retransmission-unknown", reason = reason.clone()),
        }
    }
}

/// The history database.
#[derive(Debug)]
pub struct History {
    connection: Connection,
}

impl History {
    /// Opens (creating if needed) the history at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, HistoryError> {
        let mut connection = Connection::open(path)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        connection.pragma_update(None, "foreign_keys", true)?;
        migrate(&mut connection, MIGRATIONS)?;
        Ok(Self { connection })
    }

    /// A history in memory only (tests and one-off checks), at the current schema.
    pub fn in_memory() -> Result<Self, HistoryError> {
        let mut connection = Connection::open_in_memory()?;
        connection.pragma_update(None, "foreign_keys", true)?;
        migrate(&mut connection, MIGRATIONS)?;
        Ok(Self { connection })
    }

    /// Opens the history at `path`, which must exist, and brings its schema up to date.
    pub fn open_existing(path: &Path) -> Result<Self, HistoryError> {
        if !path.is_file() {
            return Err(HistoryError::Missing(path.to_owned()));
        }
        Self::open(path)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32, HistoryError> {
        Ok(user_version(&self.connection)?)
    }

    /// Records a lot as sent; with `retransmits`, as the retransmission of that lot, which the
    /// one-retransmission rule may refuse.
    pub fn record_sent(&mut self, lot: &SentLot) -> Result<(), HistoryError> {
        let transaction = self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if sent_lot(&transaction, &lot.identification)?.is_some() {
            return Err(HistoryError::AlreadySent(lot.identification.clone()));
        }
        if let Some(original) = &lot.retransmits {
            if sent_lot(&transaction, original)?.is_none() {
                return Err(HistoryError::UnknownLot(original.clone()));
            }
            may_retransmit(&transaction, original)?;
        }
        transaction.execute(
            "INSERT INTO sent_lot (identification, sent_at, retransmits) VALUES (?1, ?2, ?3)",
            params![lot.identification, lot.sent_at, lot.retransmits],
        )?;
        for pj in &lot.pjs {
            transaction.execute(
                "INSERT OR IGNORE INTO sent_pj (lot, identifier) VALUES (?1, ?2)",
                params![lot.identification, pj],
            )?;
        }
        transaction.commit()?;
        Ok(())
    }

    /// Records `new`, sent at `sent_at`, as the retransmission of `original`; refused when `original`
    /// was already retransmitted or is itself a retransmission.
    pub fn record_retransmission(&mut self, original: &str, new: &str, sent_at: i64) -> Result<(), HistoryError> {
        let retransmits = Some(original.to_owned());
        self.record_sent(&SentLot { identification: new.to_owned(), sent_at, retransmits, pjs: Vec::new() })
    }

    /// Records a return; `false` when the same return (lot and reference) was already recorded.
    pub fn record_return(&mut self, received: &ReceivedReturn) -> Result<bool, HistoryError> {
        let inserted = self.connection.execute(
            "INSERT OR IGNORE INTO received_return (lot, reference, outcome, cause, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![received.lot, received.reference, received.outcome, received.cause, received.received_at],
        )?;
        Ok(inserted == 1)
    }

    /// The lot sent with this Identification.
    pub fn sent_lot(&self, identification: &str) -> Result<Option<SentLot>, HistoryError> {
        sent_lot(&self.connection, identification)
    }

    /// The returns received for `lot`, oldest first.
    pub fn returns(&self, lot: &str) -> Result<Vec<ReceivedReturn>, HistoryError> {
        let mut statement = self.connection.prepare(
            "SELECT lot, reference, outcome, cause, received_at FROM received_return
             WHERE lot = ?1 ORDER BY received_at, reference",
        )?;
        let rows = statement.query_map([lot], |row| {
            Ok(ReceivedReturn {
                lot: row.get(0)?,
                reference: row.get(1)?,
                outcome: row.get(2)?,
                cause: row.get(3)?,
                received_at: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Where lot `identification` stands: accepted by a return, rejected by every return, sent and
    /// awaiting its return, or unknown.
    pub fn lot_state(&self, identification: &str) -> Result<LotState, HistoryError> {
        lot_state(&self.connection, identification)
    }

    /// Where the lots that carried PJ `identifier` stand: the furthest of them (accepted, then awaiting
    /// a return, then rejected), or unknown when no lot sent carried it.
    pub fn pj_state(&self, identifier: &str) -> Result<LotState, HistoryError> {
        let sql = "SELECT p.lot FROM sent_pj p JOIN sent_lot s ON s.identification = p.lot
                   WHERE p.identifier = ?1 ORDER BY s.sent_at, p.lot";
        let mut furthest = LotState::Unknown;
        for lot in strings(&self.connection, sql, identifier)? {
            let state = lot_state(&self.connection, &lot)?;
            if rank(&state) > rank(&furthest) {
                furthest = state;
            }
        }
        Ok(furthest)
    }

    /// Whether rejected lot `lot` may still be retransmitted.
    pub fn retransmission(&self, lot: &str) -> Result<Retransmission, HistoryError> {
        match may_retransmit(&self.connection, lot) {
            Ok(()) => Ok(Retransmission::Allowed { lot: lot.to_owned() }),
            Err(HistoryError::AlreadyRetransmitted { original, retransmission }) => {
                Ok(Retransmission::Refused { lot: lot.to_owned(), original, retransmission })
            }
            Err(HistoryError::IsRetransmission { lot, original }) => {
                Ok(Retransmission::Refused { retransmission: lot.clone(), lot, original })
            }
            Err(error) => Err(error),
        }
    }
}

fn lot_state(connection: &Connection, identification: &str) -> Result<LotState, HistoryError> {
    let outcomes = strings(connection, "SELECT outcome FROM received_return WHERE lot = ?1", identification)?;
    let lot = identification.to_owned();
    // The outcome of an ARL with Etat A, as `Classification::outcome` names it.
    Ok(if outcomes.iter().any(|outcome| outcome == "accepted") {
        LotState::Accepted { lot }
    } else if !outcomes.is_empty() {
        LotState::Rejected { lot }
    } else if sent_lot(connection, identification)?.is_some() {
        LotState::Awaiting { lot }
    } else {
        LotState::Unknown
    })
}

/// How far a lot went: rejected, then awaiting its return, then accepted.
fn rank(state: &LotState) -> u8 {
    match state {
        LotState::Unknown => 0,
        LotState::Rejected { .. } => 1,
        LotState::Awaiting { .. } => 2,
        LotState::Accepted { .. } => 3,
    }
}

/// `Ok` when `lot` has not been retransmitted and is not itself a retransmission.
fn may_retransmit(connection: &Connection, lot: &str) -> Result<(), HistoryError> {
    if let Some(SentLot { retransmits: Some(original), .. }) = sent_lot(connection, lot)? {
        return Err(HistoryError::IsRetransmission { lot: lot.to_owned(), original });
    }
    let retransmission: Option<String> = connection
        .query_row("SELECT identification FROM sent_lot WHERE retransmits = ?1", [lot], |row| row.get(0))
        .optional()?;
    match retransmission {
        Some(retransmission) => Err(HistoryError::AlreadyRetransmitted { original: lot.to_owned(), retransmission }),
        None => Ok(()),
    }
}

fn sent_lot(connection: &Connection, identification: &str) -> Result<Option<SentLot>, HistoryError> {
    let lot = connection
        .query_row(
            "SELECT identification, sent_at, retransmits FROM sent_lot WHERE identification = ?1",
            [identification],
            |row| {
                let pjs = Vec::new();
                Ok(SentLot { identification: row.get(0)?, sent_at: row.get(1)?, retransmits: row.get(2)?, pjs })
            },
        )
        .optional()?;
    let Some(mut lot) = lot else { return Ok(None) };
    lot.pjs = strings(connection, "SELECT identifier FROM sent_pj WHERE lot = ?1 ORDER BY rowid", identification)?;
    Ok(Some(lot))
}

/// The first column of every row `sql` selects with `parameter`.
fn strings(connection: &Connection, sql: &str, parameter: &str) -> Result<Vec<String>, HistoryError> {
    let mut statement = connection.prepare(sql)?;
    let rows = statement.query_map([parameter], |row| row.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_database_is_migrated_and_keeps_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.sqlite");
        {
            let mut connection = Connection::open(&path).unwrap();
            migrate(&mut connection, &MIGRATIONS[..1]).unwrap();
            connection.execute("INSERT INTO sent_lot (identification, sent_at) VALUES ('L1', 1)", []).unwrap();
            assert_eq!(user_version(&connection).unwrap(), 1);
        }
        let history = History::open(&path).unwrap();
        assert_eq!(history.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(history.sent_lot("L1").unwrap().map(|l| l.sent_at), Some(1));
    }
}
