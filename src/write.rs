//! The only module that touches the output folder: writes a planned tree all at once, or
//! compares it with what is on disk.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fs_err as fs;

use crate::error::{Error, Result};
use crate::plan::File;

/// Names a generated project's own build leaves beside the generated files: cargo's, and the
/// client's (npm's packages, Vite's build, what Playwright keeps of a run, a local `.env`).
/// `--check` ignores them, so a course that was built and tested in place still compares clean.
const BUILD_LEFTOVERS: &[&str] = &[
    "target",
    ".env",
    "node_modules",
    "dist",
    "test-results",
    "playwright-report",
    ".env.local",
];

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
/// A new `target` is written into a fresh folder beside it, which is then renamed into place.
/// An existing `target` (only replaced with `force` when it is not empty) keeps its own
/// folder, so a shell whose working directory it is stays valid: the new files are written
/// into a staging folder inside it, the old entries are moved aside into another, the new
/// ones moved in, and only then the old ones deleted. A failure at any step puts back what
/// was there and leaves no staging folder behind.
pub fn write_tree(files: &[File], target: &Path, force: bool) -> Result<()> {
    if target.exists() {
        if !target.is_dir() {
            return Err(Error::TargetNotADir(target.to_owned()));
        }
        if !force && !is_empty_dir(target)? {
            return Err(Error::TargetNotEmpty(target.to_owned()));
        }
        return replace_contents(files, target);
    }
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let staging = staging_dir(&parent, ".syllabus-")?;
    lay_out(files, staging.path())?;
    fs::rename(staging.path(), target)?;
    // The folder is now `target`: there is nothing left for the guard to delete.
    let _ = staging.keep();
    Ok(())
}

/// A fresh, hidden folder in `dir`, deleted when dropped.
fn staging_dir(dir: &Path, prefix: &str) -> Result<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir_in(dir)
        .map_err(|e| {
            Error::Io(std::io::Error::new(
                e.kind(),
                format!("cannot create a folder in `{}`: {e}", dir.display()),
            ))
        })
}

/// The names of the entries of `dir`, but `skip`.
fn entries(dir: &Path, skip: &[&Path]) -> Result<Vec<std::ffi::OsString>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if !skip
            .iter()
            .any(|s| s.file_name() == Some(&entry.file_name()))
        {
            names.push(entry.file_name());
        }
    }
    names.sort();
    Ok(names)
}

/// Moves each of `names` from `from` to `to`; on failure, moves back those already moved.
fn move_all(names: &[std::ffi::OsString], from: &Path, to: &Path) -> Result<()> {
    for (done, name) in names.iter().enumerate() {
        if let Err(err) = fs::rename(from.join(name), to.join(name)) {
            for name in &names[..done] {
                let _ = fs::rename(to.join(name), from.join(name));
            }
            return Err(err.into());
        }
    }
    Ok(())
}

/// Replaces what `target` holds with `files`, keeping the folder itself.
fn replace_contents(files: &[File], target: &Path) -> Result<()> {
    let fresh = staging_dir(target, ".syllabus-new-")?;
    lay_out(files, fresh.path())?;
    let old = staging_dir(target, ".syllabus-old-")?;
    let previous = entries(target, &[fresh.path(), old.path()])?;
    move_all(&previous, target, old.path())?;
    let generated = entries(fresh.path(), &[])?;
    if let Err(err) = move_all(&generated, fresh.path(), target) {
        let _ = move_all(&previous, old.path(), target);
        return Err(err);
    }
    // Dropping the two guards deletes the old entries and the now empty staging folder.
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
        assert_eq!(
            fs::read_dir(&target).unwrap().count(),
            2,
            "only a.txt and dir/ are in the target"
        );
    }

    #[test]
    fn force_replaces_the_working_directory_in_place() {
        let root = tempfile::tempdir().unwrap();
        fs::write(root.path().join("stale.txt"), "old").unwrap();
        let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&fs::metadata(p).unwrap());
        let before = inode(root.path());
        // `.` as a target: what `-o . --force` passes, relative to the working directory.
        write_tree(&files(), &root.path().join("."), true).unwrap();
        assert_eq!(inode(root.path()), before, "the folder itself is kept");
        assert!(!root.path().join("stale.txt").exists());
        assert!(compare_tree(&files(), root.path()).unwrap().is_empty());
    }

    #[test]
    fn a_file_as_target_is_refused_even_with_force() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("out");
        fs::write(&file, "mine").unwrap();
        let err = write_tree(&files(), &file, true).unwrap_err();
        assert!(matches!(err, Error::TargetNotADir(_)));
        assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
    }

    #[test]
    fn a_failed_write_leaves_the_old_tree_and_no_staging_folder() {
        let root = tempfile::tempdir().unwrap();
        fs::write(root.path().join("keep.txt"), "mine").unwrap();
        // A file whose parent is a file cannot be written.
        let broken = vec![
            File {
                path: "a.txt".into(),
                contents: "a\n".into(),
            },
            File {
                path: "a.txt/b.txt".into(),
                contents: "b\n".into(),
            },
        ];
        assert!(write_tree(&broken, root.path(), true).is_err());
        let names: Vec<_> = fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["keep.txt"]);
    }

    #[test]
    fn compare_reports_each_kind_of_difference() {
        let root = tempfile::tempdir().unwrap();
        write_tree(&files(), root.path(), true).unwrap();
        fs::write(root.path().join("a.txt"), "edited\n").unwrap();
        fs::remove_file(root.path().join("dir/b.txt")).unwrap();
        fs::write(root.path().join("new.txt"), "new\n").unwrap();
        for leftover in ["target", "dir/node_modules", "dir/dist"] {
            fs::create_dir_all(root.path().join(leftover)).unwrap();
            fs::write(root.path().join(leftover).join("ignored"), "").unwrap();
        }
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
