//! Builds and tests every generated project, as CI does: minutes, so it is `#[ignore]`d and
//! run with `cargo test -- --ignored`.
//!
//! For each spec in `SPECS`, the whole course is generated under `target/generated-courses/`,
//! then every solution must pass `cargo fmt --check`, `cargo clippy --all-targets -D warnings`
//! and `cargo test`, and every starter must be formatted, compile, and fail only the tests of
//! its lecture's exercise (at least one for each handler the student has to write).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use syllabus::dialect::Dialect;
use syllabus::lectures::{LECTURES, Lecture, Variant, exercise_test_prefixes};
use syllabus::spec::Spec;

/// Runs cargo in `dir` with the shared target folder; returns success and combined output.
fn cargo(dir: &Path, args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        // One target folder for every project, so dependencies are built once.
        .env("CARGO_TARGET_DIR", crate::repo("target/generated-projects"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// The tests a `cargo test` run reports, split into passed and failed, by short name.
fn test_results(output: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut passed, mut failed) = (BTreeSet::new(), BTreeSet::new());
    for line in output.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let Some((name, outcome)) = rest.split_once(" ... ") else {
            continue;
        };
        let short = name.rsplit("::").next().unwrap_or(name).to_owned();
        match outcome.trim() {
            "ok" => passed.insert(short),
            "FAILED" => failed.insert(short),
            _ => false,
        };
    }
    (passed, failed)
}

fn check_project(spec: &Spec, lecture: &Lecture, variant: Variant, dir: &Path) -> Vec<String> {
    let label = format!(
        "{} lecture {} {}",
        spec.app.package,
        lecture.number,
        variant.name()
    );
    let mut problems = Vec::new();
    // Every project has the same package name, and cargo's fingerprints do not include the
    // project's path: without this, a shared target folder would reuse the last project's build.
    cargo(dir, &["clean", "--quiet", "--package", &spec.app.package]);

    let (ok, out) = cargo(dir, &["fmt", "--check"]);
    if !ok {
        problems.push(format!("{label}: cargo fmt --check failed\n{out}"));
    }
    match variant {
        Variant::Solution => {
            let (ok, out) = cargo(dir, &["clippy", "--all-targets", "--", "-D", "warnings"]);
            if !ok {
                problems.push(format!("{label}: cargo clippy failed\n{out}"));
            }
            let (ok, out) = cargo(dir, &["test"]);
            let (passed, failed) = test_results(&out);
            if !ok || !failed.is_empty() || passed.is_empty() {
                problems.push(format!("{label}: cargo test failed: {failed:?}\n{out}"));
            }
            eprintln!("{label}: {} tests pass", passed.len());
            problems.extend(engine_build_applied(&label, spec, dir));
        }
        Variant::Starter => {
            let (ok, out) = cargo(dir, &["build", "--all-targets"]);
            if !ok {
                problems.push(format!("{label}: does not compile\n{out}"));
                return problems;
            }
            let (_, out) = cargo(dir, &["test", "--no-fail-fast"]);
            let (passed, failed) = test_results(&out);
            let prefixes = exercise_test_prefixes(lecture, spec);
            let in_exercise = |name: &str| prefixes.iter().any(|p| name.starts_with(p.as_str()));
            for name in failed.iter().filter(|n| !in_exercise(n)) {
                problems.push(format!(
                    "{label}: `{name}` fails but is not part of the exercise"
                ));
            }
            for prefix in &prefixes {
                if !failed.iter().any(|n| n.starts_with(prefix.as_str())) {
                    problems.push(format!(
                        "{label}: no `{prefix}*` test fails, so the exercise tests nothing"
                    ));
                }
            }
            if passed.is_empty() {
                problems.push(format!("{label}: no test passes\n{out}"));
            }
            eprintln!(
                "{label}: {} tests fail (the exercise), {} pass",
                failed.len(),
                passed.len()
            );
        }
    }
    problems
}

/// A project with `.cargo/config.toml` must have been built with it: SQLite lists the options
/// it was compiled with as strings in the binary, which `cargo test` has just built.
fn engine_build_applied(label: &str, spec: &Spec, dir: &Path) -> Option<String> {
    let engine = Dialect::Sqlite.engine_build()?;
    let config = fs_err::read_to_string(dir.join(".cargo/config.toml")).ok()?;
    let setting = format!("{} = \"{}\"", engine.variable, engine.flags);
    if !config.contains(&setting) {
        return Some(format!(
            "{label}: .cargo/config.toml does not set {setting}"
        ));
    }
    let binary = crate::repo("target/generated-projects/debug").join(&spec.app.package);
    let built = fs_err::read(&binary).unwrap_or_default();
    engine
        .flags
        .split_whitespace()
        .map(|flag| flag.trim_start_matches("-DSQLITE_"))
        .find(|option| !built.windows(option.len()).any(|w| w == option.as_bytes()))
        .map(|option| format!("{label}: {} was built without {option}", binary.display()))
}

#[test]
#[ignore = "compiles and tests every generated project (minutes); run with --ignored"]
fn generated_projects_build_and_pass_their_tests() {
    let mut problems = Vec::new();
    for path in crate::SPECS {
        let spec = syllabus::cli::load(&crate::repo(path)).unwrap();
        let files = syllabus::plan::course(&spec).unwrap();
        let course = crate::repo(&format!("target/generated-courses/{}", spec.app.package));
        syllabus::write::write_tree(&files, &course, true).unwrap();
        for lecture in LECTURES {
            for variant in Variant::BOTH {
                let dir = course.join(lecture.slug).join(variant.name());
                problems.extend(check_project(&spec, lecture, variant, &dir));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
