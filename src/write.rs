//! The only module that touches the output folder: writes a planned tree all at once, or
//! compares it with what is on disk.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fs_err as fs;

use crate::error::{Error, Result};
use crate::plan::File;

/// Names a generated project's own build leaves beside the generated files.
/// `--check` ignores them, so a course that was built and tested in place still compares clean.
const BUILD_LEFTOVERS: &[&str] = &["target", "Cargo.lock", ".env"];

fn is_leftover(name: &str) -> bool {
    BUILD_LEFTOVERS.contains(&name)
        || name.ends_with(".db")
        || name.ends_with(".db-wal")
        || name.ends_with(".db-shm")
}

fn is_empty_dir(path: &Path) -> Result<bool> {
    Ok(fs::read_dir(path)?.next().is_none())
}

/// Writes `files` under `target`, all or nothing.
///
/// Everything is written into a fresh folder beside `target` first, then moved into place,
/// so a failure half-way leaves `target` as it was. A non-empty `target` is only replaced
/// with `force`.
pub fn write_tree(files: &[File], target: &Path, force: bool) -> Result<()> {
    let exists = target.exists();
    if exists && !target.is_dir() {
        return Err(Error::TargetNotEmpty(target.to_owned()));
    }
    if exists && !force && !is_empty_dir(target)? {
        return Err(Error::TargetNotEmpty(target.to_owned()));
    }
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let staging = tempfile::Builder::new()
        .prefix(".syllabus-")
        .tempdir_in(&parent)
        .map_err(|e| {
            Error::Io(std::io::Error::new(
                e.kind(),
                format!("cannot create a folder in `{}`: {e}", parent.display()),
            ))
        })?;
    lay_out(files, staging.path())?;
    let fresh = staging.keep();
    if exists {
        // Move the old tree aside first, so that it can be put back if the swap fails.
        let old = tempfile::Builder::new()
            .prefix(".syllabus-old-")
            .tempdir_in(&parent)?
            .keep();
        fs::remove_dir(&old)?;
        fs::rename(target, &old)?;
        if let Err(err) = fs::rename(&fresh, target) {
            let _ = fs::rename(&old, target);
            let _ = fs::remove_dir_all(&fresh);
            return Err(err.into());
        }
        fs::remove_dir_all(&old)?;
    } else if let Err(err) = fs::rename(&fresh, target) {
        let _ = fs::remove_dir_all(&fresh);
        return Err(err.into());
    }
    Ok(())
}

/// Writes `files` under `root`, which must exist, making each folder once rather than once per
/// file in it.
pub fn lay_out<'a>(files: impl IntoIterator<Item = &'a File>, root: &Path) -> Result<()> {
    let mut made = BTreeSet::new();
    for file in files {
        let path = root.join(&file.path);
        if let Some(dir) = path.parent()
            && made.insert(dir.to_owned())
        {
            fs::create_dir_all(dir)?;
        }
        fs::write(&path, &file.contents)?;
    }
    Ok(())
}

/// Lists how `target` differs from `files`: missing, changed and unexpected files.
/// An empty list means they are identical.
pub fn compare_tree(files: &[File], target: &Path) -> Result<Vec<String>> {
    let mut differences = Vec::new();
    let expected: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for file in files {
        let path = target.join(&file.path);
        match fs::read(&path) {
            Ok(bytes) if bytes == file.contents.as_bytes() => {}
            Ok(_) => differences.push(format!("changed:  {}", file.path)),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                differences.push(format!("missing:  {}", file.path));
            }
            Err(err) => return Err(err.into()),
        }
    }
    if target.is_dir() {
        let mut found = Vec::new();
        walk(target, target, &mut found)?;
        for path in found {
            if !expected.contains(path.as_str()) {
                differences.push(format!("extra:    {path}"));
            }
        }
    }
    Ok(differences)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_leftover(&name) {
            continue;
        }
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(root, &path, out)?;
        } else {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<File> {
        vec![
            File {
                path: "a.txt".into(),
                contents: "a\n".into(),
            },
            File {
                path: "dir/b.txt".into(),
                contents: "b\n".into(),
            },
        ]
    }

    #[test]
    fn writes_then_compares_clean() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("out");
        write_tree(&files(), &target, false).unwrap();
        assert_eq!(fs::read_to_string(target.join("dir/b.txt")).unwrap(), "b\n");
        assert!(compare_tree(&files(), &target).unwrap().is_empty());
    }

    #[test]
    fn refuses_a_non_empty_target_without_force() {
        let root = tempfile::tempdir().unwrap();
        fs::write(root.path().join("keep.txt"), "mine").unwrap();
        let err = write_tree(&files(), root.path(), false).unwrap_err();
        assert!(matches!(err, Error::TargetNotEmpty(_)));
        assert_eq!(
            fs::read_to_string(root.path().join("keep.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn force_replaces_the_whole_tree() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("out");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("stale.txt"), "old").unwrap();
        write_tree(&files(), &target, true).unwrap();
        assert!(!target.join("stale.txt").exists());
        assert!(compare_tree(&files(), &target).unwrap().is_empty());
        let leftovers: Vec<_> = fs::read_dir(root.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders are left behind");
    }

    #[test]
    fn compare_reports_each_kind_of_difference() {
        let root = tempfile::tempdir().unwrap();
        write_tree(&files(), root.path(), true).unwrap();
        fs::write(root.path().join("a.txt"), "edited\n").unwrap();
        fs::remove_file(root.path().join("dir/b.txt")).unwrap();
        fs::write(root.path().join("new.txt"), "new\n").unwrap();
        fs::create_dir_all(root.path().join("target")).unwrap();
        fs::write(root.path().join("target/ignored"), "").unwrap();
        let differences = compare_tree(&files(), root.path()).unwrap();
        assert_eq!(
            differences,
            [
                "changed:  a.txt",
                "missing:  dir/b.txt",
                "extra:    new.txt"
            ]
        );
    }
}
