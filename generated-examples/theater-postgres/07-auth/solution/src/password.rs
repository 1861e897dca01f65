//! Passwords: hashed with Argon2id before they are stored, and checked against the hash at
//! log-in. The password itself is never stored, logged or sent back.
//!
//! A hash is a one-way function: from the hash, nobody (not even us) can get the password
//! back, but the same password always gives a hash that matches. Argon2id is slow and uses
//! memory on purpose (about 19 MiB and a few hundredths of a second here), so that someone who
//! steals the database cannot try billions of guesses a second. Each hash has a random salt,
//! so two users with the same password get different hashes.
//!
//! That slowness would stall the other requests this thread serves, so the work runs on
//! tokio's blocking thread pool (`spawn_blocking`), not on the async runtime. And no more
//! hashes run at once than there are cores: a flood of log-ins waits its turn, rather than
//! starting a thread and taking 19 MiB for each.

use std::{num::NonZeroUsize, sync::LazyLock, thread};

use argon2::{
    Argon2,
    password_hash::{self, PasswordHasher, PasswordVerifier, phc::PasswordHash},
};
use tokio::sync::{Semaphore, SemaphorePermit};

/// One turn per core: whoever hashes or checks a password holds one meanwhile.
static TURNS: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(thread::available_parallelism().map_or(1, NonZeroUsize::get)));

/// Waits for a turn to hash: it is given back when dropped.
async fn turn() -> SemaphorePermit<'static> {
    TURNS
        .acquire()
        .await
        .expect("the semaphore is never closed")
}

/// What can go wrong while hashing or checking: never the user's fault, always a 500.
#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("password hashing failed: {0}")]
    Hash(#[from] argon2::password_hash::Error),

    #[error("a stored password hash cannot be read: {0}")]
    StoredHash(argon2::password_hash::phc::Error),

    #[error("the hashing task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// Hashes `password` with Argon2id and a fresh random salt. The result is a PHC string such
/// as `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`: it names the algorithm and its
/// settings, so a hash stays checkable after the defaults change.
pub async fn hash(password: String) -> Result<String, PasswordError> {
    let _turn = turn().await;
    tokio::task::spawn_blocking(move || {
        let hash = Argon2::default().hash_password(password.as_bytes())?;
        Ok(hash.to_string())
    })
    .await?
}

/// Whether `password` matches `stored`, the hash of the user who is logging in; `None` when
/// there is no such user.
///
/// Without a user there is nothing to check, but answering at once would tell an attacker
/// which usernames exist: a wrong password takes a hash's time to refuse, an unknown username
/// would take none. So an unknown username is checked against a dummy hash, and refused.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, PasswordError> {
    let _turn = turn().await;
    tokio::task::spawn_blocking(move || {
        let user_exists = stored.is_some();
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let parsed = PasswordHash::new(&stored).map_err(PasswordError::StoredHash)?;
        match Argon2::default().verify_password(password.as_bytes(), &parsed) {
            Ok(()) => Ok(user_exists),
            // The one error that means "not this password"; any other is a hash gone wrong.
            Err(password_hash::Error::PasswordInvalid) => Ok(false),
            Err(err) => Err(PasswordError::Hash(err)),
        }
    })
    .await?
}

/// The hash an unknown username is checked against: computed once, the first time it is
/// needed, with the same settings as every other hash so that checking it takes as long.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    Argon2::default()
        .hash_password(b"no user has this password")
        .expect("hashing a constant succeeds")
        .to_string()
});
