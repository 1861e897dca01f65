//! Unified diffs between two generated projects: what a lecture adds, or what an exercise asks.

use std::collections::BTreeSet;

use similar::TextDiff;

use crate::plan::File;

/// Files a diff leaves out: a lock follows from its manifest (`Cargo.lock` from `Cargo.toml`,
/// the client's `package-lock.json` from its `package.json`), whose diff shows what changed in
/// the dependencies, and would otherwise fill a diff with versions.
const NOT_SHOWN: &[&str] = &["Cargo.lock", "package-lock.json"];

/// A unified diff from `old` to `new`, file by file in path order, but for `NOT_SHOWN`.
/// Empty when they are equal.
pub fn unified(old: &[File], new: &[File], old_label: &str, new_label: &str) -> String {
    let paths: BTreeSet<&str> = old
        .iter()
        .chain(new)
        .map(|f| f.path.as_str())
        .filter(|path| {
            !NOT_SHOWN
                .iter()
                .any(|name| path.rsplit('/').next() == Some(name))
        })
        .collect();
    let find = |files: &[File], path: &str| -> Option<String> {
        files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.contents.clone())
    };
    let mut out = String::new();
    for path in paths {
        let before = find(old, path);
        let after = find(new, path);
        if before == after {
            continue;
        }
        let from = if before.is_some() {
            format!("{old_label}/{path}")
        } else {
            "/dev/null".into()
        };
        let to = if after.is_some() {
            format!("{new_label}/{path}")
        } else {
            "/dev/null".into()
        };
        let before = before.unwrap_or_default();
        let after = after.unwrap_or_default();
        let diff = TextDiff::from_lines(&before, &after);
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&from, &to)
                .to_string(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> File {
        File {
            path: path.into(),
            contents: contents.into(),
        }
    }

    #[test]
    fn shows_changed_added_and_removed_files() {
        let old = [file("a.rs", "one\ntwo\n"), file("gone.rs", "x\n")];
        let new = [file("a.rs", "one\n2\n"), file("new.rs", "y\n")];
        let diff = unified(&old, &new, "a", "b");
        assert!(diff.contains("--- a/a.rs\n+++ b/a.rs\n"), "{diff}");
        assert!(diff.contains("-two\n+2\n"), "{diff}");
        assert!(diff.contains("--- a/gone.rs\n+++ /dev/null\n"), "{diff}");
        assert!(diff.contains("--- /dev/null\n+++ b/new.rs\n"), "{diff}");
    }

    #[test]
    fn leaves_out_lock_files() {
        let old = [
            file("Cargo.lock", "a\n"),
            file("x/Cargo.lock", "a\n"),
            file("client/package-lock.json", "a\n"),
        ];
        let new = [
            file("Cargo.lock", "b\n"),
            file("x/Cargo.lock", "b\n"),
            file("client/package-lock.json", "b\n"),
        ];
        assert_eq!(unified(&old, &new, "a", "b"), "");
    }

    #[test]
    fn equal_trees_give_an_empty_diff() {
        let files = [file("a.rs", "same\n")];
        assert_eq!(unified(&files, &files, "a", "b"), "");
    }
}
