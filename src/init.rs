//! `syllabus init`: a commented spec to start from, which `check` accepts as it is.

use std::path::{Path, PathBuf};

use fs_err as fs;

use crate::error::{Error, Result};
use crate::spec::parse_and_validate;

/// The starter spec. Its `app` is replaced by the folder's name where that makes a valid one.
const STARTER: &str = include_str!("../templates/init/spec.yaml");
const STARTER_APP: &str = "app: library\n";

/// The file `init` writes in its folder.
pub const FILE_NAME: &str = "spec.yaml";

/// The starter spec, its `app` named after `folder` when that name is a valid one
/// (`my-course` → `my_course`), else `library`.
pub fn starter_spec(folder: &Path) -> String {
    let name = folder
        .file_name()
        .and_then(|n| n.to_str())
        .map(|n| n.trim().to_lowercase().replace([' ', '-'], "_"))
        .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    if let Some(name) = name {
        let text = STARTER.replacen(STARTER_APP, &format!("app: {name}\n"), 1);
        // A name the spec format refuses (a Rust keyword, a leading digit) keeps `library`.
        if parse_and_validate(&text).is_ok() {
            return text;
        }
    }
    STARTER.to_owned()
}

/// Writes the starter spec into `folder` (created if missing), never over an existing file;
/// returns the path written.
pub fn write_starter(folder: &Path) -> Result<PathBuf> {
    let path = folder.join(FILE_NAME);
    if path.exists() {
        return Err(Error::SpecExists(path));
    }
    fs::create_dir_all(folder)?;
    // The folder's own name, also for `.`.
    let named = fs::canonicalize(folder).unwrap_or_else(|_| folder.to_owned());
    fs::write(&path, starter_spec(&named))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_spec_is_valid_as_shipped() {
        let spec = parse_and_validate(STARTER).expect("the starter spec passes check");
        assert_eq!(spec.app.package, "library");
        assert!(!spec.auth.roles.is_empty(), "it shows the auth section too");
    }

    #[test]
    fn the_app_is_named_after_the_folder_where_that_is_a_valid_name() {
        let spec = starter_spec(Path::new("/courses/Bike-Shop"));
        assert!(spec.contains("\napp: bike_shop\n"), "{spec}");
        assert!(parse_and_validate(&spec).is_ok());
    }

    #[test]
    fn a_folder_name_the_format_refuses_keeps_library() {
        for folder in ["/tmp/self", "/tmp/déjà", "/"] {
            let spec = starter_spec(Path::new(folder));
            assert!(spec.contains("\napp: library\n"), "{folder}");
        }
    }
}
