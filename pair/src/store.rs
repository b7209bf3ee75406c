//! The index of the reception in SQLite (WAL, synchronous=FULL): one row per message acknowledged, its
//! processing state (received → checked → answered → delivering → delivered), each PS's enrolment.

use crate::onboarding::Enrolment;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use scor_answering::migrate::{MigrationError, migrate};
use serde::Serialize;
use std::path::Path;
use std::time::Duration;

/// Schema migrations, applied in order; `PRAGMA user_version` holds how many were applied.
const MIGRATIONS: &[&str] = &["CREATE TABLE message (
        id INTEGER PRIMARY KEY,
        spool TEXT NOT NULL UNIQUE,
        received_at INTEGER NOT NULL,
        mail_from TEXT NOT NULL,
        rcpt_to TEXT NOT NULL,
        size INTEGER NOT NULL,
        state TEXT NOT NULL,
        issued_at INTEGER,
        identification TEXT,
        ps TEXT,
        outcome TEXT,
        cause TEXT,
        reception INTEGER,
        onboarding TEXT,
        answer_kind TEXT,
        answer_id TEXT,
        answer_to TEXT,
        answer_file TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        delivered_at INTEGER,
        delivery_reply TEXT,
        error TEXT
    );
    CREATE INDEX message_by_state ON message(state, id);
    CREATE INDEX message_by_identification ON message(identification, id);
    CREATE TABLE enrolment (
        ps TEXT PRIMARY KEY NOT NULL,
        first_seen_at INTEGER NOT NULL,
        test_lots INTEGER NOT NULL,
        accepted_test INTEGER REFERENCES message(id),
        control_from INTEGER,
        control_until INTEGER
    );
    CREATE TABLE review (
        message INTEGER PRIMARY KEY NOT NULL REFERENCES message(id),
        ps TEXT NOT NULL,
        reason TEXT NOT NULL,
        file TEXT NOT NULL,
        logged_at INTEGER NOT NULL
    );"];

/// Seconds since the Unix epoch: the time the store records.
pub fn now() -> i64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the store has schema version {found}; this scor-pair knows versions up to {known}")]
    NewerSchema { found: u32, known: u32 },
    #[error("message {0} is not in the store")]
    UnknownMessage(i64),
    #[error("store database: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl From<MigrationError> for StoreError {
    fn from(error: MigrationError) -> Self {
        match error {
            MigrationError::NewerSchema { found, known } => Self::NewerSchema { found, known },
            MigrationError::Sqlite(error) => Self::Sqlite(error),
        }
    }
}

/// Where a message is in its processing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Spooled and acknowledged (250): not yet checked.
    Received,
    /// Checked by the conform engine; the decision (outcome, reception, onboarding) is recorded.
    Checked,
    /// The return (ARL or service message) is written durably, with its Message-ID.
    Answered,
    /// Handed to the relay or the outbox; not yet confirmed.
    Delivering,
    /// The relay or the outbox took the return.
    Delivered,
    /// The return cannot be delivered (no address, or a permanent refusal of the relay).
    Failed,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Checked => "checked",
            Self::Answered => "answered",
            Self::Delivering => "delivering",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "checked" => Self::Checked,
            "answered" => Self::Answered,
            "delivering" => Self::Delivering,
            "delivered" => Self::Delivered,
            "failed" => Self::Failed,
            _ => Self::Received,
        }
    }
}

/// A message as acknowledged: its spool file and SMTP envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    pub spool: String,
    pub received_at: i64,
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    pub size: u64,
}

/// One row of the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MessageRow {
    pub id: i64,
    pub spool: String,
    pub received_at: i64,
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    pub size: u64,
    pub state: State,
    /// When the return was issued (the ARL's Temps): the engine is run again with it after a crash.
    pub issued_at: Option<i64>,
    pub identification: Option<String>,
    pub ps: Option<String>,
    /// What the return says: `accepted`, `header-rejection`, `dossier-rejection`, `service-message`.
    pub outcome: Option<String>,
    pub cause: Option<String>,
    /// 1 for the first reception of this Identification, 2 for its retransmission, 3 and more refused.
    pub reception: Option<u32>,
    /// The lot's place in its PS's onboarding (`test-lot`, `control`...).
    pub onboarding: Option<String>,
    pub answer_kind: Option<String>,
    pub answer_id: Option<String>,
    pub answer_to: Vec<String>,
    pub answer_file: Option<String>,
    pub attempts: u32,
    pub delivered_at: Option<i64>,
    pub delivery_reply: Option<String>,
    pub error: Option<String>,
}

/// What checking decided, recorded with the `checked` state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRecord {
    pub issued_at: i64,
    pub identification: Option<String>,
    pub ps: Option<String>,
    pub outcome: String,
    pub cause: String,
    pub reception: Option<u32>,
    pub onboarding: Option<String>,
}

/// A message's decision with its PS's enrolment after it: what `checked` records.
pub type Decision = (i64, CheckRecord, Option<Enrolment>);

/// The return written, recorded with the `answered` state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRecord {
    pub kind: String,
    pub message_id: String,
    pub to: Vec<String>,
    pub file: String,
}

/// What became of a return handed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    /// The relay or the outbox took it: its reply.
    Taken(String),
    /// It was not taken: `permanent` ends the message in `failed`, else it stays to retry.
    Error { error: String, permanent: bool },
}

impl Delivered {
    /// Whether the message ends here (delivered, or failed for good).
    pub fn is_final(&self) -> bool {
        matches!(self, Self::Taken(_) | Self::Error { permanent: true, .. })
    }
}

/// An ARL logged for review (test lot or control period).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewRecord {
    pub message: i64,
    pub ps: String,
    pub reason: String,
    pub file: String,
    pub logged_at: i64,
}

/// The store: one connection (each thread opens its own).
#[derive(Debug)]
pub struct Store {
    connection: Connection,
}

const COLUMNS: &str = "id, spool, received_at, mail_from, rcpt_to, size, state, issued_at, identification, ps, \
     outcome, cause, reception, onboarding, answer_kind, answer_id, answer_to, answer_file, attempts, delivered_at, \
     delivery_reply, error";

/// Room in a connection's statement cache: more than the store's distinct statements.
const STATEMENTS: usize = 32;

impl Store {
    /// Opens (creating if needed) the store at `path`: WAL journal, every commit synced (synchronous=FULL).
    /// Statements are prepared once per connection and kept ([`STATEMENTS`] of them), not compiled
    /// again for each lot.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let mut connection = Connection::open(path)?;
        connection.set_prepared_statement_cache_capacity(STATEMENTS);
        connection.busy_timeout(Duration::from_secs(30))?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.pragma_update(None, "foreign_keys", true)?;
        migrate(&mut connection, MIGRATIONS)?;
        Ok(Self { connection })
    }

    /// Records acknowledged messages in one transaction; their ids, in order.
    pub fn insert_received(&mut self, messages: &[NewMessage]) -> Result<Vec<i64>, StoreError> {
        let transaction = self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut ids = Vec::with_capacity(messages.len());
        {
            let mut insert = transaction.prepare_cached(
                "INSERT INTO message (spool, received_at, mail_from, rcpt_to, size, state)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'received')",
            )?;
            for m in messages {
                insert.execute(params![
                    m.spool,
                    m.received_at,
                    m.mail_from,
                    m.rcpt_to.join(","),
                    i64::try_from(m.size).unwrap_or(i64::MAX)
                ])?;
                ids.push(transaction.last_insert_rowid());
            }
        }
        transaction.commit()?;
        Ok(ids)
    }

    /// Messages not yet delivered nor failed, oldest first.
    pub fn pending(&self) -> Result<Vec<MessageRow>, StoreError> {
        self.select("WHERE state NOT IN ('delivered', 'failed') ORDER BY id", [])
    }

    /// Every message, oldest first.
    pub fn messages(&self) -> Result<Vec<MessageRow>, StoreError> {
        self.select("ORDER BY id", [])
    }

    /// The message with this id.
    pub fn message(&self, id: i64) -> Result<MessageRow, StoreError> {
        self.select("WHERE id = ?1", [id])?.pop().ok_or(StoreError::UnknownMessage(id))
    }

    /// How many messages before `id` carried the lot `identification` (already checked).
    pub fn receptions_before(&self, identification: &str, id: i64) -> Result<u32, StoreError> {
        let mut statement =
            self.connection.prepare_cached("SELECT count(*) FROM message WHERE identification = ?1 AND id < ?2")?;
        Ok(statement.query_row(params![identification, id], |row| row.get(0))?)
    }

    /// The first message before `id` whose lot `identification` was accepted (its ARL had Etat A).
    pub fn accepted_before(&self, identification: &str, id: i64) -> Result<Option<i64>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT id FROM message WHERE identification = ?1 AND id < ?2 AND outcome = 'accepted'
             ORDER BY id LIMIT 1",
        )?;
        Ok(statement.query_row(params![identification, id], |row| row.get(0)).optional()?)
    }

    /// The spool names of every message (to tell acknowledged spool files from orphans).
    pub fn spool_names(&self) -> Result<Vec<String>, StoreError> {
        let mut statement = self.connection.prepare_cached("SELECT spool FROM message")?;
        let names = statement.query_map([], |row| row.get(0))?;
        Ok(names.collect::<Result<_, _>>()?)
    }

    /// Messages still `received` after `id`, oldest first: the next ones to check.
    pub fn received_after(&self, id: i64) -> Result<Vec<MessageRow>, StoreError> {
        self.select("WHERE state = 'received' AND id > ?1 ORDER BY id", [id])
    }

    /// Records the decision and the PS's enrolment after it, together.
    pub fn record_checked(
        &mut self,
        id: i64,
        check: &CheckRecord,
        enrolment: Option<&Enrolment>,
    ) -> Result<(), StoreError> {
        self.record_checked_all(&[(id, check.clone(), enrolment.cloned())])
    }

    /// Records the decisions of several messages and the enrolments after each, in order, in one
    /// transaction (one sync for the group).
    pub fn record_checked_all(&mut self, checks: &[Decision]) -> Result<(), StoreError> {
        let transaction = self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut checked = transaction.prepare_cached(
                "UPDATE message SET state = 'checked', issued_at = ?2, identification = ?3, ps = ?4, outcome = ?5,
                 cause = ?6, reception = ?7, onboarding = ?8 WHERE id = ?1 AND state = 'received'",
            )?;
            let mut enrolled = transaction.prepare_cached(
                "INSERT INTO enrolment (ps, first_seen_at, test_lots, accepted_test, control_from, control_until)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(ps) DO UPDATE SET test_lots = ?3, accepted_test = ?4, control_from = ?5,
                 control_until = ?6",
            )?;
            for (id, c, enrolment) in checks {
                checked.execute(params![
                    id,
                    c.issued_at,
                    c.identification,
                    c.ps,
                    c.outcome,
                    c.cause,
                    c.reception,
                    c.onboarding
                ])?;
                if let Some(e) = enrolment {
                    enrolled.execute(params![
                        e.ps,
                        e.first_seen_at,
                        e.test_lots,
                        e.accepted_test,
                        e.control_from,
                        e.control_until
                    ])?;
                }
            }
        }
        transaction.commit()?;
        Ok(())
    }

    /// Records the return written for message `id`, and its review entry if it has one.
    pub fn record_answered(
        &mut self,
        id: i64,
        answer: &AnswerRecord,
        review: Option<&ReviewRecord>,
    ) -> Result<(), StoreError> {
        self.record_answered_all(&[(id, answer.clone(), review.cloned())])
    }

    /// Records the returns written for several messages, and their review entries, in one transaction.
    pub fn record_answered_all(
        &mut self,
        answers: &[(i64, AnswerRecord, Option<ReviewRecord>)],
    ) -> Result<(), StoreError> {
        let transaction = self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut answered = transaction.prepare_cached(
                "UPDATE message SET state = 'answered', answer_kind = ?2, answer_id = ?3, answer_to = ?4,
                 answer_file = ?5 WHERE id = ?1 AND state = 'checked'",
            )?;
            let mut reviewed = transaction.prepare_cached(
                "INSERT OR REPLACE INTO review (message, ps, reason, file, logged_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (id, a, review) in answers {
                answered.execute(params![id, a.kind, a.message_id, a.to.join(","), a.file])?;
                if let Some(r) = review {
                    reviewed.execute(params![r.message, r.ps, r.reason, r.file, r.logged_at])?;
                }
            }
        }
        transaction.commit()?;
        Ok(())
    }

    /// Records that delivery of message `id` starts (one more attempt).
    pub fn record_delivering(&mut self, id: i64) -> Result<(), StoreError> {
        self.record_delivering_all(&[id])
    }

    /// Records that delivery of several messages starts, in one transaction.
    pub fn record_delivering_all(&mut self, ids: &[i64]) -> Result<(), StoreError> {
        let transaction = self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut delivering = transaction
                .prepare_cached("UPDATE message SET state = 'delivering', attempts = attempts + 1 WHERE id = ?1")?;
            for id in ids {
                delivering.execute(params![id])?;
            }
        }
        transaction.commit()?;
        Ok(())
    }

    /// Records that the relay or outbox took message `id`'s return.
    pub fn record_delivered(&mut self, id: i64, at: i64, reply: &str) -> Result<(), StoreError> {
        self.record_deliveries(&[(id, Delivered::Taken(reply.to_owned()))], at)
    }

    /// Records a delivery error: `permanent` ends the message in `failed`, else it stays to retry.
    pub fn record_delivery_error(&mut self, id: i64, error: &str, permanent: bool) -> Result<(), StoreError> {
        self.record_deliveries(&[(id, Delivered::Error { error: error.to_owned(), permanent })], 0)
    }

    /// Records what became of several hand-overs at `at`, in one transaction.
    pub fn record_deliveries(&mut self, outcomes: &[(i64, Delivered)], at: i64) -> Result<(), StoreError> {
        let transaction = self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut taken = transaction.prepare_cached(
                "UPDATE message SET state = 'delivered', delivered_at = ?2, delivery_reply = ?3, error = NULL
                 WHERE id = ?1",
            )?;
            let mut failed = transaction.prepare_cached("UPDATE message SET state = ?2, error = ?3 WHERE id = ?1")?;
            for (id, outcome) in outcomes {
                match outcome {
                    Delivered::Taken(reply) => taken.execute(params![id, at, reply])?,
                    Delivered::Error { error, permanent } => {
                        let state = if *permanent { "failed" } else { "delivering" };
                        failed.execute(params![id, state, error])?
                    }
                };
            }
        }
        transaction.commit()?;
        Ok(())
    }

    /// The enrolment of PS `ps`, if it sent a lot before.
    pub fn enrolment(&self, ps: &str) -> Result<Option<Enrolment>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT ps, first_seen_at, test_lots, accepted_test, control_from, control_until
             FROM enrolment WHERE ps = ?1",
        )?;
        Ok(statement.query_row([ps], enrolment).optional()?)
    }

    /// Every PS's enrolment, by billing number.
    pub fn enrolments(&self) -> Result<Vec<Enrolment>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT ps, first_seen_at, test_lots, accepted_test, control_from, control_until FROM enrolment ORDER BY ps",
        )?;
        let rows = statement.query_map([], enrolment)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every ARL logged for review, oldest first.
    pub fn reviews(&self) -> Result<Vec<ReviewRecord>, StoreError> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT message, ps, reason, file, logged_at FROM review ORDER BY message")?;
        let rows = statement.query_map([], |row| {
            Ok(ReviewRecord {
                message: row.get(0)?,
                ps: row.get(1)?,
                reason: row.get(2)?,
                file: row.get(3)?,
                logged_at: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn select<P: rusqlite::Params>(&self, tail: &str, parameters: P) -> Result<Vec<MessageRow>, StoreError> {
        let mut statement = self.connection.prepare_cached(&format!("SELECT {COLUMNS} FROM message {tail}"))?;
        let rows = statement.query_map(parameters, message_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn list(text: Option<String>) -> Vec<String> {
    text.filter(|t| !t.is_empty()).map(|t| t.split(',').map(str::to_owned).collect()).unwrap_or_default()
}

fn message_row(row: &Row<'_>) -> rusqlite::Result<MessageRow> {
    Ok(MessageRow {
        id: row.get(0)?,
        spool: row.get(1)?,
        received_at: row.get(2)?,
        mail_from: row.get(3)?,
        rcpt_to: list(row.get(4)?),
        size: u64::try_from(row.get::<_, i64>(5)?).unwrap_or_default(),
        state: State::parse(&row.get::<_, String>(6)?),
        issued_at: row.get(7)?,
        identification: row.get(8)?,
        ps: row.get(9)?,
        outcome: row.get(10)?,
        cause: row.get(11)?,
        reception: row.get(12)?,
        onboarding: row.get(13)?,
        answer_kind: row.get(14)?,
        answer_id: row.get(15)?,
        answer_to: list(row.get(16)?),
        answer_file: row.get(17)?,
        attempts: row.get(18)?,
        delivered_at: row.get(19)?,
        delivery_reply: row.get(20)?,
        error: row.get(21)?,
    })
}

fn enrolment(row: &Row<'_>) -> rusqlite::Result<Enrolment> {
    Ok(Enrolment {
        ps: row.get(0)?,
        first_seen_at: row.get(1)?,
        test_lots: row.get(2)?,
        accepted_test: row.get(3)?,
        control_from: row.get(4)?,
        control_until: row.get(5)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn received(spool: &str) -> NewMessage {
        NewMessage {
            spool: spool.to_owned(),
            received_at: 1,
            mail_from: "ps@example.test".to_owned(),
            rcpt_to: vec!["01.751@01.scor.rss.fr".to_owned()],
            size: 10,
        }
    }

    #[test]
    fn messages_go_through_their_states_and_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pair.sqlite");
        let mut store = Store::open(&path).unwrap();
        let ids = store.insert_received(&[received("a.eml"), received("b.eml")]).unwrap();
        assert_eq!(ids, [1, 2]);
        let check = CheckRecord {
            issued_at: 5,
            identification: Some("L".to_owned()),
            ps: Some("565038410".to_owned()),
            outcome: "accepted".to_owned(),
            cause: "0000".to_owned(),
            reception: Some(1),
            onboarding: None,
        };
        store.record_checked(1, &check, None).unwrap();
        let answer = AnswerRecord {
            kind: "arl".to_owned(),
            message_id: "m@x".to_owned(),
            to: vec!["a@x".to_owned(), "b@x".to_owned()],
            file: "returns/1.eml".to_owned(),
        };
        store.record_answered(1, &answer, None).unwrap();
        store.record_delivering(1).unwrap();
        drop(store);
        let mut store = Store::open(&path).unwrap();
        let row = store.message(1).unwrap();
        assert_eq!((row.state, row.attempts, row.answer_to.len()), (State::Delivering, 1, 2));
        assert_eq!(store.receptions_before("L", 2).unwrap(), 1);
        store.record_delivered(1, 9, "250 OK").unwrap();
        assert_eq!(store.pending().unwrap().iter().map(|m| m.id).collect::<Vec<_>>(), [2]);
    }
}
