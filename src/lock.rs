//! The `Cargo.lock` every generated project ships with, so that a student's first build takes
//! the dependency versions CI tested rather than whatever is newest that day.
//!
//! `templates/locks/` holds one lock per set of dependencies, which `scripts/update-locks`
//! resolves for a project of that set. A project takes the lock of its set, with its own
//! package in place of the one the lock was resolved for.

use crate::context::ProjectContext;
use crate::dialect::Dialect;

/// The sets of dependencies a generated `Cargo.toml` can ask for (see its template).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deps {
    /// No database: lecture 1.
    NoDatabase,
    /// sqlx and its database: lectures 2 to 4.
    Database,
    /// thiserror and axum's macros too: lecture 5.
    AppErrors,
    /// And regex, for a spec with a `pattern` rule.
    AppErrorsAndRegex,
    /// tower-http's CORS and files too: lecture 6.
    Client,
    /// And regex.
    ClientAndRegex,
    /// argon2, axum-extra's private cookies and regex (usernames have a pattern): lecture 7.
    Auth,
}

/// A lock: a set of dependencies, with sqlx's driver for the project's database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lock {
    pub deps: Deps,
    pub dialect: Dialect,
}

impl Lock {
    /// The lock for the dependencies `Cargo.toml.tera` gives a project with this context.
    pub fn of(context: &ProjectContext) -> Self {
        let has = &context.has;
        let regex = has.validation && context.any_pattern;
        let deps = match (has.auth, has.database, has.app_errors, has.client) {
            (true, ..) => Deps::Auth,
            (_, false, _, _) => Deps::NoDatabase,
            (_, true, false, _) => Deps::Database,
            (_, true, true, false) if regex => Deps::AppErrorsAndRegex,
            (_, true, true, false) => Deps::AppErrors,
            (_, true, true, true) if regex => Deps::ClientAndRegex,
            (_, true, true, true) => Deps::Client,
        };
        Lock {
            deps,
            dialect: context.dialect.name,
        }
    }

    fn text(self) -> &'static str {
        use Dialect::{Postgres, Sqlite};
        match (self.deps, self.dialect) {
            (Deps::NoDatabase, _) => include_str!("../templates/locks/lecture-1.lock"),
            (Deps::Database, Sqlite) => include_str!("../templates/locks/lecture-2.lock"),
            (Deps::AppErrors, Sqlite) => include_str!("../templates/locks/lecture-5.lock"),
            (Deps::AppErrorsAndRegex, Sqlite) => {
                include_str!("../templates/locks/lecture-5-regex.lock")
            }
            (Deps::Client, Sqlite) => include_str!("../templates/locks/lecture-6.lock"),
            (Deps::ClientAndRegex, Sqlite) => {
                include_str!("../templates/locks/lecture-6-regex.lock")
            }
            (Deps::Auth, Sqlite) => include_str!("../templates/locks/lecture-7.lock"),
            (Deps::Database, Postgres) => {
                include_str!("../templates/locks/lecture-2-postgres.lock")
            }
            (Deps::AppErrors, Postgres) => {
                include_str!("../templates/locks/lecture-5-postgres.lock")
            }
            (Deps::AppErrorsAndRegex, Postgres) => {
                include_str!("../templates/locks/lecture-5-regex-postgres.lock")
            }
            (Deps::Client, Postgres) => {
                include_str!("../templates/locks/lecture-6-postgres.lock")
            }
            (Deps::ClientAndRegex, Postgres) => {
                include_str!("../templates/locks/lecture-6-regex-postgres.lock")
            }
            (Deps::Auth, Postgres) => include_str!("../templates/locks/lecture-7-postgres.lock"),
        }
    }
}

/// The client's `package-lock.json`, resolved for a package named `client` (see
/// `scripts/update-locks`), with the client's package name in its place: npm keeps the name
/// of the root package at the top, and again as the package at `""`.
pub fn package_lock(name: &str) -> String {
    const LOCK: &str = include_str!("../templates/locks/client-package-lock.json");
    LOCK.replacen(
        "\"name\": \"client\",",
        &format!("\"name\": \"{name}\","),
        2,
    )
}

/// The project's `Cargo.lock`: the lock of its dependencies, its own package renamed to
/// `package` and moved to where cargo sorts it (by name), as `cargo --locked` requires.
pub fn cargo_lock(lock: Lock, package: &str) -> String {
    let mut blocks: Vec<&str> = lock.text().split("\n\n").map(str::trim_end).collect();
    let root = blocks
        .iter()
        .position(|b| is_own_package(b))
        .expect("every lock in templates/locks has the project's own package");
    let resolved_for = blocks.remove(root);
    let own = resolved_for.replacen(
        &format!("name = \"{}\"", block_name(resolved_for)),
        &format!("name = \"{package}\""),
        1,
    );
    let at = blocks
        .iter()
        .position(|b| b.starts_with("[[package]]") && block_name(b).as_str() > package)
        .unwrap_or(blocks.len());
    blocks.insert(at, &own);
    blocks.join("\n\n") + "\n"
}

/// The project's own `[[package]]` block of a lock's text: the one package that comes from
/// no registry.
pub fn own_package(lock: &str) -> Option<&str> {
    lock.split("\n\n")
        .map(str::trim_end)
        .find(|b| is_own_package(b))
}

fn is_own_package(block: &str) -> bool {
    block.starts_with("[[package]]") && !block.contains("\nsource = ")
}

/// The `name` of a `[[package]]` block.
fn block_name(block: &str) -> String {
    block
        .lines()
        .find_map(|l| l.strip_prefix("name = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEPS: [Deps; 7] = [
        Deps::NoDatabase,
        Deps::Database,
        Deps::AppErrors,
        Deps::AppErrorsAndRegex,
        Deps::Client,
        Deps::ClientAndRegex,
        Deps::Auth,
    ];

    /// Every lock, for each database.
    fn all() -> impl Iterator<Item = Lock> {
        [Dialect::Sqlite, Dialect::Postgres]
            .into_iter()
            .flat_map(|dialect| DEPS.map(|deps| Lock { deps, dialect }))
    }

    fn names(text: &str) -> Vec<String> {
        text.split("\n\n")
            .filter(|b| b.starts_with("[[package]]"))
            .map(block_name)
            .collect()
    }

    #[test]
    fn the_project_is_renamed_and_sorted_among_the_packages() {
        for lock in all() {
            for package in ["aardvark-01-starter", "middle-02-solution", "zz-05-starter"] {
                let text = cargo_lock(lock, package);
                let names = names(&text);
                let mut sorted = names.clone();
                sorted.sort();
                assert_eq!(
                    names, sorted,
                    "{lock:?} for {package} is not in cargo's order"
                );
                assert_eq!(names.iter().filter(|n| *n == package).count(), 1);
                assert_eq!(names.len(), self::names(lock.text()).len());
                assert!(text.starts_with("# This file is automatically @generated by Cargo."));
                assert!(text.ends_with('\n') && !text.ends_with("\n\n"));
            }
        }
    }

    #[test]
    fn only_the_name_of_the_project_changes() {
        for lock in all() {
            let text = cargo_lock(lock, "renamed-03-solution");
            let root = block_name(own_package(lock.text()).unwrap());
            let old_name = format!("name = \"{root}\"");
            let mut before: Vec<&str> = lock
                .text()
                .lines()
                .map(|l| {
                    if l == old_name {
                        "name = \"renamed-03-solution\""
                    } else {
                        l
                    }
                })
                .collect();
            let mut after: Vec<&str> = text.lines().collect();
            before.sort_unstable();
            after.sort_unstable();
            assert_eq!(before, after, "{lock:?}");
        }
    }

    #[test]
    fn a_project_with_a_database_takes_the_lock_of_its_database() {
        let lock = |deps, dialect| Lock { deps, dialect }.text();
        for deps in DEPS {
            let (sqlite, postgres) = (lock(deps, Dialect::Sqlite), lock(deps, Dialect::Postgres));
            if deps == Deps::NoDatabase {
                assert_eq!(sqlite, postgres);
            } else {
                assert_ne!(sqlite, postgres, "{deps:?}");
            }
        }
    }

    #[test]
    fn the_client_lock_takes_the_clients_name_at_the_top_and_as_its_root_package() {
        let text = package_lock("my-app-client");
        let lock: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(lock["name"], "my-app-client");
        assert_eq!(lock["packages"][""]["name"], "my-app-client");
        // Every other package keeps its own name; no registry address is written down.
        assert_eq!(text.matches("my-app-client").count(), 2);
        assert!(!text.contains("\"resolved\""));
    }
}
