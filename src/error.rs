//! The errors the generator reports, and the exit code each one maps to.

use std::path::PathBuf;

use crate::diagnostics::SpecErrors;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The spec is invalid: every problem is in the report.
    #[error("{}", .0.render(false))]
    Spec(SpecErrors),

    /// Reading or writing a file failed; fs-err puts the path in the message.
    #[error(transparent)]
    Io(#[from] std::io::Error),

    #[error("cannot read the spec `{path}`: {source}")]
    ReadSpec {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("`{0}` already exists and is not empty")]
    TargetNotEmpty(PathBuf),

    #[error("`{0}` is a file, not a folder")]
    TargetNotADir(PathBuf),

    /// `init` found a spec where it would write one.
    #[error("`{0}` already exists")]
    SpecExists(PathBuf),

    /// `build --check` was pointed at a folder that does not exist.
    #[error("`{0}` does not exist, so there is nothing to check")]
    NothingToCheck(PathBuf),

    /// `diff --from N --to N`.
    #[error("`--from` and `--to` are both lecture {0}: a lecture does not differ from itself")]
    SameLecture(u8),

    #[error("no lecture {number}; lectures are numbered 1 to {last}")]
    NoSuchLecture { number: u8, last: u8 },

    /// A template failed to render. The whole chain is kept, since Tera's top-level message
    /// only names the template.
    #[error("cannot render `{template}`: {chain}")]
    Render { template: String, chain: String },

    /// `build --check` found the output out of date.
    #[error("{0}")]
    Drift(String),

    /// A wrong answer of the catalogue found no place in the solution: a bug in the catalogue.
    #[error("cannot place the wrong answer `{name}` in `{file}`: {reason}")]
    WrongAnswer {
        name: String,
        file: String,
        reason: String,
    },
}

impl Error {
    /// 1 for a spec or output problem, 2 for a command-line mistake.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::ReadSpec { .. }
            | Error::TargetNotEmpty(_)
            | Error::TargetNotADir(_)
            | Error::SpecExists(_)
            | Error::NoSuchLecture { .. }
            | Error::SameLecture(_) => 2,
            Error::Spec(_)
            | Error::Io(_)
            | Error::Render { .. }
            | Error::Drift(_)
            | Error::NothingToCheck(_)
            | Error::WrongAnswer { .. } => 1,
        }
    }

    /// A suggestion to print after the message, if there is one.
    pub fn help(&self) -> Option<&'static str> {
        match self {
            Error::TargetNotEmpty(_) => {
                Some("choose another folder with `-o`, or pass `--force` to replace it")
            }
            Error::TargetNotADir(_) => {
                Some("choose a folder with `-o`; a file is never replaced, even with `--force`")
            }
            Error::SpecExists(_) => {
                Some("`init` never replaces a spec: name another folder, or edit this one")
            }
            Error::NothingToCheck(_) => {
                Some("generate it first with the same command without `--check`")
            }
            Error::SameLecture(_) => Some(
                "`--from 3 --to 4` shows what lecture 4 adds; `--lecture 4` shows its exercise",
            ),
            Error::Drift(_) => {
                Some("regenerate it with the same command without `--check`, then review the diff")
            }
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
