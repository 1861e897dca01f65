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

/// The specs whose output is snapshot-tested and compiled: the canonical theater spec, and
/// a spec with every field type, keyword names, irregular plurals and generated seed rows.
pub const SPECS: &[&str] = &["specs/theater.yaml", "specs/festival.yaml"];
