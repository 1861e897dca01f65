//! The database: opening the PostgreSQL pool, the migrations, and the sample data.

use std::time::Duration;

use sqlx::{
    PgConnection, PgPool, Postgres,
    migrate::{MigrateDatabase, Migrator},
    postgres::PgPoolOptions,
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
pub async fn seed(db: &PgPool) -> Result<(), SeedError> {
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
pub async fn seed_with_hashes(db: &PgPool, hashes: &[String]) -> Result<(), sqlx::Error> {
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
    conn: &mut PgConnection,
    hashes: &[String],
) -> Result<(), sqlx::Error> {
    for (id, (user, hash)) in (1_i64..).zip(SEED_USERS.iter().zip(hashes)) {
        sqlx::query(
            "insert into users (id, username, password_hash, role)
             overriding system value
             values ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(user.username)
        .bind(hash)
        .bind(user.role)
        .execute(&mut *conn)
        .await?;
    }
    // The users were given their ids, which the table's counter does not see: the next user
    // to sign up gets the id after the last of them.
    sqlx::query("select setval(pg_get_serial_sequence('users', 'id'), max(id)) from users;")
        .execute(&mut *conn)
        .await?;
    Ok(())
}
