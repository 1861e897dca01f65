//! The database: opening the PostgreSQL pool, the migrations, and the sample data.

use std::time::Duration;

use sqlx::{
    PgPool, Postgres,
    migrate::{MigrateDatabase, Migrator},
    postgres::PgPoolOptions,
};

/// The files in `migrations/`, embedded at compile time so the binary can
/// bring any database up to date without the SQL files beside it.
pub static MIGRATOR: Migrator = sqlx::migrate!();

/// The sample data, embedded the same way.
const SEED_SQL: &str = include_str!("../seed.sql");

/// The most connections one server process holds. PostgreSQL serves `max_connections` in all
/// (100 unless configured), shared by every process: with several servers behind a load
/// balancer, their pools together must stay below it.
pub const MAX_CONNECTIONS: u32 = 10;

/// Opens a pool of connections to the PostgreSQL database at `url`.
pub async fn connect(url: &str) -> Result<PgPool, sqlx::Error> {
    PgPoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        // A request waits at most this long for a free connection, and the first connection
        // at start-up is given up on after it: a server that cannot be reached is reported
        // within seconds, not after sqlx's default of 30.
        .acquire_timeout(Duration::from_secs(5))
        .connect(url)
        .await
}

/// Creates the database `url` names, unless the server already has it.
pub async fn create_if_missing(url: &str) -> Result<(), sqlx::Error> {
    if !Postgres::database_exists(url).await? {
        Postgres::create_database(url).await?;
    }
    Ok(())
}

/// Replaces every row with the sample data in `seed.sql`.
///
/// It runs in one transaction: if any statement fails, nothing is changed.
pub async fn seed(db: &PgPool) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    // `raw_sql` runs several `;`-separated statements, which `query` cannot.
    sqlx::raw_sql(SEED_SQL).execute(&mut *tx).await?;
    tx.commit().await
}
