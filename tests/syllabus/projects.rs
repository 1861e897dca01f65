//! Builds and tests every generated project, as CI does: minutes, so it is `#[ignore]`d and
//! run with `cargo test -- --ignored`.
//!
//! For each spec in `SPECS`, the whole course is generated under `target/generated-courses/`,
//! then every solution must pass `cargo fmt --check`, `cargo clippy --all-targets -D warnings`
//! and `cargo test`, and every starter must be formatted, compile, and fail only the tests of
//! its lecture's exercise (at least one for each handler the student has to write). Each
//! solution is then started, and every request its README's lecture notes show with `curl -v`
//! is sent to it: the answer must be the one the README prints.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use syllabus::context::Exchange;

use syllabus::dialect::Dialect;
use syllabus::lectures::{
    CLIENT_EXERCISE_TESTS, LECTURES, Lecture, Variant, exercise_test_prefixes,
};
use syllabus::spec::Spec;

/// The target folder every generated project of the dialect under test is built in. Each
/// dialect has its own, so that the courses of both can be checked at once (one project in two
/// dialects is one package to cargo, whose builds in one folder would overwrite each other).
fn target() -> std::path::PathBuf {
    crate::repo(match crate::database() {
        Dialect::Sqlite => "target/generated-projects",
        Dialect::Postgres => "target/generated-projects-postgres",
    })
}

/// The program the last build of a project of `spec` left in the shared target folder.
fn program(spec: &Spec) -> std::path::PathBuf {
    target().join("debug").join(&spec.app.package)
}

/// Runs cargo in `dir` with the shared target folder; returns success and combined output.
fn cargo(dir: &Path, args: &[&str]) -> (bool, String) {
    let mut command = Command::new(env!("CARGO"));
    if crate::database() == Dialect::Postgres {
        // The server whose databases the tests of a PostgreSQL project make and drop.
        command.env(
            "DATABASE_URL",
            format!("{}/postgres", crate::postgres_server()),
        );
    }
    let output = command
        .args(args)
        .current_dir(dir)
        // One target folder for every project, so dependencies are built once.
        .env("CARGO_TARGET_DIR", target())
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
    let (ok, out) = cargo(dir, &["fmt", "--check"]);
    if !ok {
        problems.push(format!("{label}: cargo fmt --check failed\n{out}"));
    }
    match variant {
        Variant::Solution => {
            let (ok, out) = cargo(
                dir,
                &[
                    "clippy",
                    "--all-targets",
                    "--locked",
                    "--",
                    "-D",
                    "warnings",
                ],
            );
            if !ok {
                problems.push(format!("{label}: cargo clippy failed\n{out}"));
            }
            let (ok, out) = cargo(dir, &["test", "--locked"]);
            let (passed, failed) = test_results(&out);
            if !ok || !failed.is_empty() || passed.is_empty() {
                problems.push(format!("{label}: cargo test failed: {failed:?}\n{out}"));
            }
            eprintln!("{label}: {} tests pass", passed.len());
            problems.extend(engine_build_applied(&label, spec, dir));
            problems.extend(transcripts_hold(&label, spec, lecture, dir));
            let context = syllabus::context::project(spec, lecture, variant);
            // The API's clients, from the lecture that ships its collection and document.
            if context.has.request_collections {
                problems.extend(crate::served::newman_passes(&label, &program(spec), dir));
            }
            // From the lecture whose every refusal is a JSON error the document describes.
            if context.has.validation {
                let prefix = if context.has.client {
                    syllabus::naming::API_PREFIX
                } else {
                    ""
                };
                problems.extend(crate::served::schemathesis_passes(
                    &label,
                    &program(spec),
                    dir,
                    prefix,
                ));
            }
        }
        Variant::Starter => {
            let (ok, out) = cargo(dir, &["build", "--all-targets", "--locked"]);
            if !ok {
                problems.push(format!("{label}: does not compile\n{out}"));
                return problems;
            }
            let (_, out) = cargo(dir, &["test", "--locked", "--no-fail-fast"]);
            let (passed, failed) = test_results(&out);
            // The client's tests are checked with the client, below.
            let prefixes: Vec<String> = exercise_test_prefixes(lecture, spec)
                .into_iter()
                .filter(|p| !CLIENT_EXERCISE_TESTS.contains(&p.as_str()))
                .collect();
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
    // `SYLLABUS_CLIENTS=off` leaves the clients out: a course on PostgreSQL ships the very
    // client its SQLite course does, so CI checks it once.
    let clients = std::env::var("SYLLABUS_CLIENTS").map_or(true, |v| v != "off");
    if clients && dir.join("client/package.json").exists() {
        problems.extend(check_client(&label, spec, lecture, variant, dir));
    }
    problems
}

/// Runs `npm` with `args` in `dir`; returns success and combined output. npm's own cache is
/// shared by every project, so each package downloads once.
fn npm(dir: &Path, args: &[&str]) -> (bool, String) {
    let output = Command::new("npm")
        .args(args)
        .current_dir(dir)
        // Playwright drives the system's Chromium: it must not download one of its own.
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .env("CI", "1")
        // The browser tests' server is built by cargo, in the target folder the rest shares.
        .env("CARGO_TARGET_DIR", target())
        .env_remove("RUSTFLAGS")
        .output()
        .expect("npm runs (Node.js and npm must be installed)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// The client of a lecture 6 project: `npm ci`, then in a solution the linter, the unit tests,
/// the build and the browser tests must pass; in a starter, the tests that fail must all be
/// the exercise's, and some of each kind must. Prints the counts for CI's summary.
fn check_client(
    label: &str,
    spec: &Spec,
    lecture: &Lecture,
    variant: Variant,
    dir: &Path,
) -> Vec<String> {
    let client = dir.join("client");
    // The exercise's client tests, where the starter leaves some of the client to write.
    let prefixes: Vec<String> = exercise_test_prefixes(lecture, spec)
        .into_iter()
        .filter(|p| CLIENT_EXERCISE_TESTS.contains(&p.as_str()))
        .collect();
    let mut problems = Vec::new();
    let (ok, out) = npm(
        &client,
        &["ci", "--no-audit", "--no-fund", "--prefer-offline"],
    );
    if !ok {
        return vec![format!("{label}: npm ci failed\n{out}")];
    }
    if variant == Variant::Solution {
        // Named one by one: oxlint skips what a `.gitignore` above ignores, and this
        // repository's ignores `target/`, where the courses are generated.
        let sources = client_sources(&client);
        let mut lint = vec!["run", "lint", "--", "--deny-warnings"];
        lint.extend(sources.iter().map(String::as_str));
        let (ok, out) = npm(&client, &lint);
        if !ok {
            problems.push(format!("{label}: the client's lint failed\n{out}"));
        }
        let (ok, out) = npm(&client, &["run", "build"]);
        if !ok {
            problems.push(format!("{label}: the client's build failed\n{out}"));
        }
    }
    let report = tempfile::tempdir().expect("a temporary folder");
    let unit_json = report.path().join("vitest.json");
    let unit_file = format!("--outputFile={}", unit_json.display());
    let (_, unit_out) = npm(
        &client,
        &["exec", "--", "vitest", "run", "--reporter=json", &unit_file],
    );
    let unit = vitest_results(&unit_json);
    let browser_json = report.path().join("playwright.json");
    // Every browser test loads its pages through `api.js`: in a starter whose exercise it is,
    // the first failure says what the rest would, each after a time-out.
    let mut browser_args = vec!["playwright", "test", "--reporter=json"];
    if variant == Variant::Starter && !prefixes.is_empty() {
        browser_args.push("--max-failures=1");
    }
    let mut command = Command::new("npx");
    if spec.database == Dialect::Postgres {
        let name = format!("{}_e2e", dir_database_name(dir));
        command.env("E2E_DATABASE_URL", crate::fresh_postgres_database(&name));
    }
    let output = command
        .args(&browser_args)
        .current_dir(&client)
        .env("PLAYWRIGHT_JSON_OUTPUT_NAME", &browser_json)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .env("CI", "1")
        .env("CARGO_TARGET_DIR", target())
        .env_remove("RUSTFLAGS")
        .output()
        .expect("npx runs");
    let browser_out = String::from_utf8_lossy(&output.stderr).into_owned();
    let browser = playwright_results(&browser_json);
    for (kind, results, out) in [
        ("unit", &unit, &unit_out),
        ("browser", &browser, &browser_out),
    ] {
        let named = prefixes.iter().any(|p| match kind {
            "unit" => !p.starts_with("in a browser"),
            _ => p.starts_with("in a browser"),
        });
        let ran = results
            .as_ref()
            .filter(|(passed, failed)| !passed.is_empty() || !failed.is_empty());
        let Some((passed, failed)) = ran else {
            // A starter's server may not start at all until the exercise is done (lecture 7's
            // seeds users with passwords it cannot hash yet): its browser tests are the
            // exercise's, and cannot run.
            if variant == Variant::Starter && named {
                eprintln!("{label}: client {kind} tests cannot run until the exercise is done");
                continue;
            }
            problems.push(format!(
                "{label}: the client's {kind} tests did not run\n{out}"
            ));
            continue;
        };
        match variant {
            Variant::Solution => {
                if !failed.is_empty() || passed.is_empty() {
                    problems.push(format!(
                        "{label}: the client's {kind} tests failed: {failed:?}\n{out}"
                    ));
                }
                eprintln!(
                    "{label}: client {kind} tests: {} passed, {} failed",
                    passed.len(),
                    failed.len()
                );
            }
            Variant::Starter => {
                let exercise =
                    |name: &String| prefixes.iter().any(|p| name.starts_with(p.as_str()));
                for name in failed.iter().filter(|n| !exercise(n)) {
                    problems.push(format!(
                        "{label}: the client's `{name}` fails but is not part of the exercise"
                    ));
                }
                // `api.js ` names unit tests, `in a browser` the browser tests: each kind the
                // exercise names must have a test that fails.
                if named && failed.is_empty() {
                    problems.push(format!(
                        "{label}: no client {kind} test fails, so the exercise tests nothing"
                    ));
                }
                eprintln!(
                    "{label}: client {kind} tests: {} fail (the exercise), {} pass",
                    failed.len(),
                    passed.len()
                );
            }
        }
    }
    problems
}

/// The client's own JavaScript, relative to `client`: what `npm ci` and `vite build` bring
/// (`node_modules/`, `dist/`) left out.
fn client_sources(client: &Path) -> Vec<String> {
    fn walk(dir: &Path, client: &Path, out: &mut Vec<String>) {
        for entry in fs_err::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() {
                if name != "node_modules" && name != "dist" {
                    walk(&path, client, out);
                }
            } else if path.extension().is_some_and(|e| e == "js" || e == "jsx") {
                let relative = path.strip_prefix(client).unwrap_or(&path);
                out.push(relative.display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(client, client, &mut out);
    out.sort();
    out
}

/// The names of the tests that passed and of those that failed. Two files may hold tests of the
/// same name (each form's "disables the submit button..."), so these are lists, not sets.
type Outcomes = Option<(Vec<String>, Vec<String>)>;

/// The tests of a vitest JSON report, passed and failed, by full name (`describe` and title).
fn vitest_results(path: &Path) -> Outcomes {
    let report: serde_json::Value =
        serde_json::from_str(&fs_err::read_to_string(path).ok()?).ok()?;
    let (mut passed, mut failed) = (Vec::new(), Vec::new());
    for file in report["testResults"].as_array()? {
        for test in file["assertionResults"].as_array()? {
            let name = test["fullName"].as_str()?.to_owned();
            match test["status"].as_str()? {
                "passed" => passed.push(name),
                _ => failed.push(name),
            };
        }
    }
    Some((passed, failed))
}

/// The tests of a Playwright JSON report, passed and failed, by full name: the titles of the
/// `describe` blocks around a test, and its own, joined with spaces (as vitest names them).
fn playwright_results(path: &Path) -> Outcomes {
    fn walk(suite: &serde_json::Value, titles: &[String], out: &mut (Vec<String>, Vec<String>)) {
        for spec in suite["specs"].as_array().into_iter().flatten() {
            let mut name = titles.to_vec();
            name.push(spec["title"].as_str().unwrap_or_default().to_owned());
            let name = name.join(" ");
            // A test that did not run (after `--max-failures`) neither passed nor failed.
            let statuses: Vec<&str> = spec["tests"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t["status"].as_str())
                .collect();
            if statuses.iter().all(|s| *s == "skipped") {
                continue;
            }
            if spec["ok"].as_bool() == Some(true) {
                out.0.push(name);
            } else {
                out.1.push(name);
            }
        }
        for inner in suite["suites"].as_array().into_iter().flatten() {
            let mut titles = titles.to_vec();
            titles.push(inner["title"].as_str().unwrap_or_default().to_owned());
            walk(inner, &titles, out);
        }
    }
    let report: serde_json::Value =
        serde_json::from_str(&fs_err::read_to_string(path).ok()?).ok()?;
    let mut out = (Vec::new(), Vec::new());
    // The suites at the top are the test files, whose names are no part of a test's.
    for file in report["suites"].as_array()? {
        walk(file, &[], &mut out);
    }
    Some(out)
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
    let binary = program(spec);
    let built = fs_err::read(&binary).unwrap_or_default();
    engine
        .flags
        .split_whitespace()
        .map(|flag| flag.trim_start_matches("-DSQLITE_"))
        .find(|option| !built.windows(option.len()).any(|w| w == option.as_bytes()))
        .map(|option| format!("{label}: {} was built without {option}", binary.display()))
}

/// Every `curl -v` transcript of the README's notes is what the built solution answers: the
/// same status line, the same headers in the same order (any value for those a clock sets),
/// and the same body, but for the timestamps of rows.
fn transcripts_hold(label: &str, spec: &Spec, lecture: &Lecture, dir: &Path) -> Vec<String> {
    let context = syllabus::context::project(spec, lecture, Variant::Solution);
    let exchanges = context.readme.exchanges.in_order();
    let server = match crate::served::Server::start(&program(spec), dir, context.has.database, &[])
    {
        Ok(server) => server,
        Err(why) => return vec![format!("{label}: {why}")],
    };
    let address = server.address.clone();
    // The session cookie the transcripts' log-in gets, which the requests after it send in
    // place of the one the README shows.
    let mut cookie: Option<String> = None;
    let problems: Vec<String> = exchanges
        .iter()
        .filter_map(|e| {
            let problem = match send(&address, e, cookie.as_deref()) {
                Ok(answer) => {
                    if let Some((_, value)) = answer.headers.iter().find(|(k, _)| k == "set-cookie")
                    {
                        cookie = value.split(';').next().map(str::to_owned);
                    }
                    compare(e, &answer)
                }
                Err(err) => Some(format!("no answer: {err}")),
            };
            problem.map(|p| format!("{label}: README's `{} {}`: {p}", e.method, e.path))
        })
        .collect();
    drop(server);
    if problems.is_empty() {
        eprintln!("{label}: {} README transcripts hold", exchanges.len());
    }
    problems
}

/// What a server answered: the status line, the headers in order, and the body.
struct Answer {
    status_line: String,
    headers: Vec<(String, String)>,
    body: String,
}

/// Sends the request as curl sends it, byte for byte but for the session cookie, which is
/// `cookie` (the one a log-in just got), and reads one response.
fn send(address: &str, exchange: &Exchange, cookie: Option<&str>) -> std::io::Result<Answer> {
    let mut stream = TcpStream::connect(address)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let lines: Vec<String> = exchange
        .request
        .iter()
        .map(|line| match (line.strip_prefix("Cookie: "), cookie) {
            (Some(_), Some(cookie)) => format!("Cookie: {cookie}"),
            _ => line.clone(),
        })
        .collect();
    let mut request = lines.join("\r\n");
    request.push_str("\r\n\r\n");
    request.push_str(exchange.body.as_deref().unwrap_or_default());
    stream.write_all(request.as_bytes())?;

    let mut bytes = Vec::new();
    let mut chunk = [0; 4096];
    let head_end = loop {
        if let Some(at) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(std::io::Error::other("the connection closed"));
        }
        bytes.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&bytes[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = bytes[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Ok(Answer {
        status_line,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// What differs between the README's transcript and the server's answer, if anything.
fn compare(exchange: &Exchange, answer: &Answer) -> Option<String> {
    if answer.status_line != exchange.status_line {
        return Some(format!(
            "the README says `{}`, the server `{}`: {}",
            exchange.status_line, answer.status_line, answer.body
        ));
    }
    let names = |headers: Vec<&str>| headers.join(", ");
    let expected: Vec<&str> = exchange.headers.iter().map(|h| h.name).collect();
    let sent: Vec<&str> = answer.headers.iter().map(|(k, _)| k.as_str()).collect();
    if expected != sent {
        return Some(format!(
            "the README shows the headers {}, the server sends {}",
            names(expected),
            names(sent)
        ));
    }
    for (h, (_, value)) in exchange.headers.iter().zip(&answer.headers) {
        if !h.varies && &h.value != value {
            return Some(format!(
                "the README says `{}: {}`, the server `{}: {value}`",
                h.name, h.value, h.name
            ));
        }
    }
    // Rows get the time they were written: compare them without it.
    let timestamps = regex::Regex::new(r#""(created_at|updated_at)":"[^"]*""#).unwrap();
    let mask = |body: &str| timestamps.replace_all(body, r#""$1":"…""#).into_owned();
    if mask(&exchange.response) != mask(&answer.body) {
        return Some(format!(
            "the README shows the body\n{}\nthe server sends\n{}",
            exchange.response, answer.body
        ));
    }
    None
}

/// A database name for the project in `dir`: its lecture's folder and variant
/// (`04_rest_apis_solution`), after its course's folder.
pub fn dir_database_name(dir: &Path) -> String {
    let parts: Vec<String> = dir
        .components()
        .rev()
        .take(3)
        .map(|c| c.as_os_str().to_string_lossy().replace(['-', '.'], "_"))
        .collect();
    parts.into_iter().rev().collect::<Vec<_>>().join("_")
}

/// The specs to build: `SYLLABUS_SPECS` (comma-separated paths, relative to the repository or
/// absolute) when it is set, so a spec of your own can be tried the way CI tries the
/// repository's; otherwise `SPECS`.
fn specs() -> Vec<std::path::PathBuf> {
    match std::env::var("SYLLABUS_SPECS") {
        Ok(list) => list.split(',').map(|p| crate::repo(p.trim())).collect(),
        Err(_) => crate::SPECS.iter().map(|p| crate::repo(p)).collect(),
    }
}

/// The lectures to build: `SYLLABUS_LECTURES` (comma-separated numbers) when it is set,
/// otherwise all of them.
fn lectures() -> Vec<&'static Lecture> {
    let Ok(list) = std::env::var("SYLLABUS_LECTURES") else {
        return LECTURES.iter().collect();
    };
    list.split(',')
        .map(|n| {
            let number = n
                .trim()
                .parse()
                .expect("SYLLABUS_LECTURES lists lecture numbers");
            syllabus::lectures::lecture(number).expect("SYLLABUS_LECTURES names a lecture")
        })
        .collect()
}

#[test]
#[ignore = "compiles and tests every generated project (minutes); run with --ignored"]
fn generated_projects_build_and_pass_their_tests() {
    let mut problems = Vec::new();
    for path in specs() {
        let mut spec = syllabus::cli::load(&path).unwrap();
        spec.database = crate::database();
        let files = syllabus::plan::course(&spec).unwrap();
        let course = crate::repo(&format!(
            "target/generated-courses/{}-{}",
            spec.app.package,
            spec.database.name()
        ));
        syllabus::write::write_tree(&files, &course, true).unwrap();
        for lecture in lectures() {
            for variant in Variant::BOTH {
                let dir = course.join(lecture.slug).join(variant.name());
                let started = std::time::Instant::now();
                problems.extend(check_project(&spec, lecture, variant, &dir));
                eprintln!(
                    "{} lecture {} {}: checked in {} s",
                    spec.app.package,
                    lecture.number,
                    variant.name(),
                    started.elapsed().as_secs()
                );
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The specs of `SPECS` take every shipped lock but the one of lecture 5 without regex: this
/// spec has no `pattern` rule, so its lecture 5 takes that one. Resolving is enough to show
/// that cargo would not change a lock, so this builds nothing.
#[test]
#[ignore = "resolves the dependencies of generated projects with cargo; run with --ignored"]
fn every_shipped_lock_is_the_one_cargo_resolves() {
    let mut spec = syllabus::cli::load(&crate::repo("tests/fixtures/no-pattern.yaml")).unwrap();
    let mut problems = Vec::new();
    for (database, lecture) in [Dialect::Sqlite, Dialect::Postgres]
        .into_iter()
        .flat_map(|d| LECTURES.iter().map(move |l| (d, l)))
    {
        spec.database = database;
        let files = syllabus::plan::project(&spec, lecture, Variant::Solution).unwrap();
        let dir = tempfile::tempdir().expect("a temporary folder");
        let project = dir.path().join("project");
        syllabus::write::write_tree(&files, &project, false).unwrap();
        let (ok, out) = cargo(&project, &["metadata", "--locked", "--format-version", "1"]);
        if !ok {
            problems.push(format!(
                "{} lecture {}: {}",
                database.name(),
                lecture.number,
                out.trim()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
