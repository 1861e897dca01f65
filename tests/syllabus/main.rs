//! The generator's integration tests, compiled as one binary. See `tests/README.md`.

mod cli;
mod diagnostics;
mod openapi;
mod projects;
mod schema;
mod served;
mod snapshots;

use std::path::{Path, PathBuf};

/// A path inside the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The database the projects test generates its courses for: `SYLLABUS_DATABASE` (`sqlite`, the
/// default, or `postgres`).
pub fn database() -> syllabus::dialect::Dialect {
    match std::env::var("SYLLABUS_DATABASE") {
        Ok(name) => syllabus::dialect::Dialect::from_name(&name)
            .unwrap_or_else(|| panic!("SYLLABUS_DATABASE names no database: {name:?}")),
        Err(_) => syllabus::dialect::Dialect::Sqlite,
    }
}

/// The PostgreSQL server the projects test uses with `SYLLABUS_DATABASE=postgres`:
/// `SYLLABUS_POSTGRES` (a URL without a database), or the local one.
pub fn postgres_server() -> String {
    std::env::var("SYLLABUS_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// A database of the projects test's own on that server, dropped and made anew by whoever
/// uses it next (`seed` makes a missing one): returns its URL.
pub fn fresh_postgres_database(name: &str) -> String {
    let server = postgres_server();
    let dropped = std::process::Command::new("psql")
        .arg(format!("{server}/postgres"))
        .args([
            "-qc",
            &format!("drop database if exists {name} with (force)"),
        ])
        // Not the notice that there was none to drop.
        .env("PGOPTIONS", "-c client_min_messages=warning")
        .status()
        .expect("psql runs (Debian's postgresql-client)");
    assert!(dropped.success(), "psql could not drop {name} on {server}");
    format!("{server}/{name}")
}

/// The specs whose output is snapshot-tested and compiled: the canonical theater spec, and
/// a spec with every field type, keyword names, irregular plurals and generated seed rows.
pub const SPECS: &[&str] = &["specs/theater.yaml", "specs/festival.yaml"];
