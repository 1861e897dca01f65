//! The database: opening the SQLite pool, the migrations, and the sample data.

use std::{str::FromStr, time::Duration};

use sqlx::{
    SqlitePool,
    migrate::Migrator,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

/// The files in `migrations/`, embedded at compile time so the binary can
/// bring any database up to date without the SQL files beside it.
pub static MIGRATOR: Migrator = sqlx::migrate!();

/// The sample data, embedded the same way.
const SEED_SQL: &str = include_str!("../seed.sql");

/// Opens a pool of connections to the SQLite database at `url`.
pub async fn connect(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        // The first run creates the file instead of failing because it is missing.
        .create_if_missing(true)
        // Write-ahead logging lets readers carry on while a writer commits.
        .journal_mode(SqliteJournalMode::Wal)
        // Commits go to the `-wal` file first, and are copied into the database from time to
        // time. The file is reused rather than shrunk, so after a burst of writes it would keep
        // its largest size for good; this caps what it keeps at 64 MiB.
        .pragma("journal_size_limit", (64 * 1024 * 1024).to_string())
        // With WAL, NORMAL cannot corrupt the database and saves an fsync per commit;
        // a power cut may lose the last commits, which is fine for this app.
        .synchronous(SqliteSynchronous::Normal)
        // SQLite has one writer at a time: wait up to 5 s for the lock rather
        // than failing at once with "database is locked".
        .busy_timeout(Duration::from_secs(5))
        // SQLite ignores `references ... on delete cascade` unless this is on. sqlx turns it
        // on by default; it is spelled out here because the schema depends on it.
        .foreign_keys(true);

    SqlitePoolOptions::new()
        // A pool normally checks ("pings") a connection before handing it out, to catch one
        // the network dropped. An SQLite connection is a file that cannot drop: the check
        // would only cost a round trip per query (10% of the throughput of a simple GET).
        .test_before_acquire(false)
        .connect_with(options)
        .await
}

/// Replaces every row with the sample data in `seed.sql`.
///
/// It runs in one transaction: if any statement fails, nothing is changed.
pub async fn seed(db: &SqlitePool) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    // `raw_sql` runs several `;`-separated statements, which `query` cannot.
    sqlx::raw_sql(SEED_SQL).execute(&mut *tx).await?;
    tx.commit().await
}
