//! The command line: what each command takes, and what it does with the library.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::diagnostics::SpecErrors;
use crate::dialect::Dialect;
use crate::error::{Error, Result};
use crate::lectures::{LECTURES, Lecture, Variant, lecture};
use crate::spec::{Problem, Spec, parse_and_validate, spec_schema};
use crate::yaml::Span;
use crate::{diff, init, plan, write, wrong_answers};

#[derive(Debug, Parser)]
#[command(
    name = "syllabus",
    version,
    about = "Generate a web back-end course, starter and solution Axum + sqlx projects, from one YAML spec",
    after_help = "Examples:\n  syllabus check specs/theater.yaml\n  syllabus build specs/theater.yaml -o course\n  syllabus new specs/theater.yaml --lecture 3 --starter\n  syllabus diff specs/theater.yaml --from 3 --to 4\n  syllabus wrong-answers specs/theater.yaml --lecture 4"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a spec and report every problem in it
    #[command(
        after_help = "Exit codes: 0 the spec is valid, 1 it is not, 2 usage error.\n\nExample:\n  syllabus check specs/theater.yaml"
    )]
    Check {
        /// The YAML spec
        spec: PathBuf,
    },
    /// Generate one lecture's project
    #[command(
        after_help = "Examples:\n  syllabus new specs/theater.yaml --lecture 4\n  syllabus new specs/theater.yaml --lecture 4 --starter -o exercise-4"
    )]
    New {
        /// The YAML spec
        spec: PathBuf,
        /// The lecture number (see `syllabus lectures`)
        #[arg(long, short)]
        lecture: u8,
        /// Generate the starter (the exercise) instead of the solution
        #[arg(long)]
        starter: bool,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        database: Database,
    },
    /// Generate the whole course: every lecture's starter and solution, and an index
    #[command(
        after_help = "Examples:\n  syllabus build specs/theater.yaml -o course\n  syllabus build specs/theater.yaml -o generated-examples/theater --check"
    )]
    Build {
        /// The YAML spec
        spec: PathBuf,
        #[command(flatten)]
        output: Output,
        /// Write nothing; exit 1 with a report if the output folder differs from what the spec generates
        #[arg(long, conflicts_with = "force")]
        check: bool,
        #[command(flatten)]
        database: Database,
    },
    /// Write a commented spec to start from (`DIR/spec.yaml`), which `check` accepts
    #[command(
        after_help = "Examples:\n  syllabus init bike-shop            (writes bike-shop/spec.yaml, app `bike_shop`)\n  syllabus init && syllabus check spec.yaml"
    )]
    Init {
        /// The folder to write `spec.yaml` in, created if missing (default: the current one)
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// List the lectures and their objectives
    Lectures,
    /// Show what changes between two lectures, or between a lecture's starter and solution
    #[command(
        after_help = "Examples:\n  syllabus diff specs/theater.yaml --from 3 --to 4   (what lecture 4 adds)\n  syllabus diff specs/theater.yaml --lecture 4       (the exercise: starter → solution)"
    )]
    #[command(group = clap::ArgGroup::new("what").required(true).args(["from", "lecture"]))]
    Diff {
        /// The YAML spec
        spec: PathBuf,
        /// The lecture to diff from (its solution)
        #[arg(long, requires = "to", conflicts_with = "lecture")]
        from: Option<u8>,
        /// The lecture to diff to (its solution)
        #[arg(long, requires = "from")]
        to: Option<u8>,
        /// Diff this lecture's starter against its solution
        #[arg(long, short)]
        lecture: Option<u8>,
        #[command(flatten)]
        database: Database,
    },
    /// List typical wrong answers to a lecture's exercise, as edits of its solution (JSON)
    #[command(
        long_about = "List typical wrong answers to a lecture's exercise, as edits of its solution.\n\n\
            Prints a JSON array: each wrong answer has a `name`, the `task` of the exercise it gets \
            wrong, the `file` of the solution it changes, a `find` text that occurs exactly once in \
            that file, its `replace`ment, and `why` it is wrong. The generated tests must fail for \
            every one; `bench/wrong-answers` applies them in turn and runs the tests.",
        after_help = "Examples:\n  syllabus wrong-answers specs/theater.yaml --lecture 4\n  bench/wrong-answers course/04-rest-apis/solution specs/theater.yaml 4"
    )]
    WrongAnswers {
        /// The YAML spec
        spec: PathBuf,
        /// The lecture whose exercise to get wrong (see `syllabus lectures`)
        #[arg(long, short)]
        lecture: u8,
        #[command(flatten)]
        database: Database,
    },
    /// Print the JSON Schema of the spec format, for editors that complete and check YAML
    #[command(
        after_help = "Example:\n  syllabus schema > spec.schema.json\n  then, as the first line of a spec:  # yaml-language-server: $schema=spec.schema.json"
    )]
    Schema,
    /// Print a completion script for a shell
    #[command(
        after_help = "Examples:\n  syllabus completions bash > ~/.local/share/bash-completion/completions/syllabus\n  syllabus completions zsh > ~/.zfunc/_syllabus\n  syllabus completions fish > ~/.config/fish/completions/syllabus.fish"
    )]
    Completions {
        /// The shell to complete in
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct Output {
    /// The folder to write (default: named after the app and lecture)
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Replace the folder if it is not empty
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Args)]
pub struct Database {
    /// The database of the generated projects, instead of the spec's `database` (default: sqlite)
    #[arg(long, value_name = "DATABASE", value_parser = dialect_parser())]
    database: Option<Dialect>,
}

/// `sqlite` or `postgres`, offered as such in `--help` and shell completions.
fn dialect_parser() -> impl TypedValueParser<Value = Dialect> {
    PossibleValuesParser::new(Dialect::NAMES)
        .map(|name| Dialect::from_name(&name).expect("clap allows only the possible values"))
}

impl Database {
    /// Reads and validates a spec file, with the database this option names, if it names one.
    fn load(&self, path: &Path) -> Result<Spec> {
        let mut spec = load(path)?;
        if let Some(database) = self.database {
            spec.database = database;
        }
        Ok(spec)
    }
}

/// Reads and validates a spec file.
pub fn load(path: &Path) -> Result<Spec> {
    let bytes = std::fs::read(path).map_err(|source| Error::ReadSpec {
        path: path.to_owned(),
        source,
    })?;
    let invalid = |source: String, problems| {
        Error::Spec(SpecErrors {
            path: path.display().to_string(),
            source: Arc::new(source),
            problems,
        })
    };
    let source = match String::from_utf8(bytes) {
        Ok(source) => source,
        Err(err) => {
            let problem = not_utf8(&err);
            // The text before the bad byte is kept as it is, so the span still points at it.
            let shown = String::from_utf8_lossy(err.as_bytes()).into_owned();
            return Err(invalid(shown, vec![problem]));
        }
    };
    parse_and_validate(&source).map_err(|problems| invalid(source, problems))
}

/// The problem of a spec that is not UTF-8, located at its first bad byte.
fn not_utf8(err: &std::string::FromUtf8Error) -> Problem {
    let at = err.utf8_error().valid_up_to();
    let byte = err.as_bytes()[at];
    Problem {
        message: format!("the spec is not UTF-8: byte 0x{byte:02X} cannot start a character here"),
        // The report shows the bad byte as U+FFFD, which takes three bytes.
        span: Span {
            offset: at,
            len: char::REPLACEMENT_CHARACTER.len_utf8(),
        },
        label: "this byte".into(),
        help: Some(
            "save the file as UTF-8 (YAML specs must be UTF-8; `iconv -f latin1 -t utf-8` converts Latin-1)"
                .into(),
        ),
    }
}

fn find_lecture(number: u8) -> Result<&'static Lecture> {
    lecture(number).ok_or(Error::NoSuchLecture {
        number,
        last: LECTURES.len() as u8,
    })
}

/// Runs a command; what it prints on success goes to stdout.
pub fn run(command: Command) -> Result<String> {
    match command {
        Command::Init { dir } => {
            let path = init::write_starter(&dir)?;
            Ok(format!(
                "wrote {path}\nnext: syllabus check {path} && syllabus build {path} -o {course}\n",
                path = path.display(),
                course = dir.join("course").display(),
            ))
        }
        Command::Schema => {
            let mut text = serde_json::to_string_pretty(&spec_schema())
                .expect("a JSON value always serializes");
            text.push('\n');
            Ok(text)
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "syllabus", &mut script);
            Ok(String::from_utf8_lossy(&script).into_owned())
        }
        Command::Check { spec } => {
            let model = load(&spec)?;
            let count = model.resources.len();
            Ok(format!(
                "{} is valid: {count} resource{} ({})\n",
                spec.display(),
                if count == 1 { "" } else { "s" },
                model
                    .resources
                    .iter()
                    .map(|r| r.names.singular.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        }
        Command::New {
            spec,
            lecture,
            starter,
            output,
            database,
        } => {
            let lecture = find_lecture(lecture)?;
            let model = database.load(&spec)?;
            let variant = if starter {
                Variant::Starter
            } else {
                Variant::Solution
            };
            let files = plan::project(&model, lecture, variant)?;
            let target = output.output.unwrap_or_else(|| {
                PathBuf::from(format!(
                    "{}-{}-{}",
                    model.app.package,
                    lecture.slug,
                    variant.name()
                ))
            });
            write::write_tree(&files, &target, output.force)?;
            Ok(format!(
                "wrote lecture {} ({}) {} to {} ({} files)\nnext: cd {} && cargo run\n",
                lecture.number,
                lecture.title,
                variant.name(),
                target.display(),
                files.len(),
                target.display()
            ))
        }
        Command::Build {
            spec,
            output,
            check,
            database,
        } => {
            let model = database.load(&spec)?;
            let files = plan::course(&model)?;
            let target = output
                .output
                .unwrap_or_else(|| PathBuf::from(format!("{}-course", model.app.package)));
            if check {
                if !target.is_dir() {
                    return Err(Error::NothingToCheck(target));
                }
                let differences = write::compare_tree(&files, &target)?;
                if differences.is_empty() {
                    return Ok(format!(
                        "{} is up to date ({} files)\n",
                        target.display(),
                        files.len()
                    ));
                }
                let count = differences.len();
                let mut report = format!(
                    "`{}` differs from what `{}` generates ({count} file{}):\n",
                    target.display(),
                    spec.display(),
                    if count == 1 { "" } else { "s" }
                );
                for line in differences.iter().take(50) {
                    report.push_str(&format!("  {line}\n"));
                }
                if differences.len() > 50 {
                    report.push_str(&format!("  ... and {} more\n", differences.len() - 50));
                }
                return Err(Error::Drift(report));
            }
            write::write_tree(&files, &target, output.force)?;
            Ok(format!(
                "wrote {} lectures, starter and solution, to {} ({} files)\n",
                LECTURES.len(),
                target.display(),
                files.len()
            ))
        }
        Command::Lectures => Ok(lectures_text()),
        Command::Diff {
            spec,
            from,
            to,
            lecture,
            database,
        } => {
            let model = database.load(&spec)?;
            match (from, to, lecture) {
                (Some(from), Some(to), _) => {
                    if from == to {
                        return Err(Error::SameLecture(from));
                    }
                    let (a, b) = (find_lecture(from)?, find_lecture(to)?);
                    let old = plan::project(&model, a, Variant::Solution)?;
                    let new = plan::project(&model, b, Variant::Solution)?;
                    Ok(diff::unified(&old, &new, a.slug, b.slug))
                }
                (_, _, Some(number)) => {
                    let l = find_lecture(number)?;
                    let old = plan::project(&model, l, Variant::Starter)?;
                    let new = plan::project(&model, l, Variant::Solution)?;
                    Ok(diff::unified(&old, &new, "starter", "solution"))
                }
                _ => Ok(String::new()),
            }
        }
        Command::WrongAnswers {
            spec,
            lecture,
            database,
        } => {
            let model = database.load(&spec)?;
            let answers = wrong_answers::catalogue(&model, find_lecture(lecture)?)?;
            let mut json = serde_json::to_string_pretty(&answers).unwrap_or_default();
            json.push('\n');
            Ok(json)
        }
    }
}

fn lectures_text() -> String {
    let mut out = String::new();
    for lecture in LECTURES {
        out.push_str(&format!(
            "{:>2}  {}  ({})\n",
            lecture.number, lecture.title, lecture.slug
        ));
        out.push_str(&format!("    {}\n", lecture.summary));
        for objective in lecture.objectives {
            out.push_str(&format!("    - {objective}\n"));
        }
        out.push_str(&format!("    exercise: {}\n\n", lecture.exercise));
    }
    out
}
