//! SQLite schemas brought up to date by numbered migrations, `PRAGMA user_version` counting those
//! applied: the answering history's and the PAIR store's.

use rusqlite::{Connection, TransactionBehavior};

/// Why a schema could not be brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    /// The database has had more migrations than this build knows: a newer scor-kit wrote it.
    #[error("the database has schema version {found}; this build knows versions up to {known}")]
    NewerSchema { found: u32, known: u32 },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

/// The schema version of a database: how many migrations it has had.
pub fn user_version(connection: &Connection) -> rusqlite::Result<u32> {
    connection.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Applies the migrations the database has not had yet, each in its own transaction with the
/// version bump; refuses a database written by a newer scor-kit.
pub fn migrate(connection: &mut Connection, migrations: &[&str]) -> Result<(), MigrationError> {
    let known = u32::try_from(migrations.len()).unwrap_or(u32::MAX);
    let found = user_version(connection)?;
    if found > known {
        return Err(MigrationError::NewerSchema { found, known });
    }
    for (version, sql) in (1..).zip(migrations).skip(found as usize) {
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated since the version was read.
        if user_version(&transaction)? >= version {
            continue;
        }
        transaction.execute_batch(sql)?;
        transaction.pragma_update(None, "user_version", version)?;
        transaction.commit()?;
    }
    Ok(())
}
