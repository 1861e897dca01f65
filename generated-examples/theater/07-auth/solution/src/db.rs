//! The database: opening the SQLite pool, the migrations, and the sample data.

use std::{str::FromStr, time::Duration};

use sqlx::{
    SqliteConnection, SqlitePool,
    migrate::Migrator,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

use crate::{
    auth::Role,
    password::{self, PasswordError},
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

/// A user of the sample data.
pub struct SeedUser {
    pub username: &'static str,
    /// For development only, and listed in the README: anyone may log in as a seed user.
    pub password: &'static str,
    pub role: Role,
}

/// The seed users, with ids 1, 2, ... in this order. `seed.sql` gives each row that has an
/// owner to one of them, by id.
pub const SEED_USERS: &[SeedUser] = &[
    SeedUser {
        username: "ada",
        password: "ada-dev-password",
        role: Role::Member,
    },
    SeedUser {
        username: "grace",
        password: "grace-dev-password",
        role: Role::Admin,
    },
    SeedUser {
        username: "alan",
        password: "alan-dev-password",
        role: Role::Member,
    },
];

/// Why seeding failed.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    Password(#[from] PasswordError),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Replaces every row with the sample data: the seed users, then the rows of `seed.sql`.
///
/// The passwords are hashed here, each time: only their hashes are stored, in the database,
/// never in a file.
pub async fn seed(db: &SqlitePool) -> Result<(), SeedError> {
    let mut hashes = Vec::new();
    for user in SEED_USERS {
        hashes.push(password::hash(user.password.to_owned()).await?);
    }
    seed_with_hashes(db, &hashes).await?;
    Ok(())
}

/// [`seed`], given the hashes of the seed users' passwords, in the order of [`SEED_USERS`].
/// The tests hash them once, rather than for every test that seeds.
///
/// It runs in one transaction: if any statement fails, nothing is changed.
pub async fn seed_with_hashes(db: &SqlitePool, hashes: &[String]) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    // Every user goes, and with them (`on delete cascade`) their sessions; `seed.sql` then
    // replaces every other row.
    sqlx::query("delete from users").execute(&mut *tx).await?;
    insert_seed_users(&mut tx, hashes).await?;
    // `raw_sql` runs several `;`-separated statements, which `query` cannot.
    sqlx::raw_sql(SEED_SQL).execute(&mut *tx).await?;
    tx.commit().await
}

/// Inserts the seed users, with ids 1, 2, ..., given the hashes of their passwords in the
/// order of [`SEED_USERS`].
pub async fn insert_seed_users(
    conn: &mut SqliteConnection,
    hashes: &[String],
) -> Result<(), sqlx::Error> {
    for (id, (user, hash)) in (1_i64..).zip(SEED_USERS.iter().zip(hashes)) {
        sqlx::query(
            "insert into users (id, username, password_hash, role)
             values (?, ?, ?, ?)",
        )
        .bind(id)
        .bind(user.username)
        .bind(hash)
        .bind(user.role)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
