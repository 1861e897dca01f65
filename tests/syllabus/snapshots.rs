//! Snapshots of everything the generator writes: the file list of each course, and every
//! file of every lecture's starter and solution, for each spec in `SPECS`, and for the theater
//! spec on PostgreSQL.
//! Review intended changes with `cargo insta review`.

use syllabus::dialect::Dialect;
use syllabus::lectures::{LECTURES, Variant};
use syllabus::plan;

fn spec(path: &str) -> syllabus::spec::Spec {
    syllabus::cli::load(&crate::repo(path)).unwrap()
}

/// Every spec of `SPECS` as it is (SQLite), and theater's on PostgreSQL, each with the name
/// its snapshots go by.
fn specs() -> Vec<(String, syllabus::spec::Spec)> {
    let mut specs: Vec<_> = crate::SPECS
        .iter()
        .map(|path| {
            let spec = spec(path);
            (spec.app.package.clone(), spec)
        })
        .collect();
    let mut postgres = spec("specs/theater.yaml");
    postgres.database = Dialect::Postgres;
    specs.push(("theater-postgres".to_owned(), postgres));
    specs
}

/// What a snapshot shows of a Cargo.lock: the project's own entry and how many packages.
fn lock_summary(lock: &str) -> String {
    let packages = lock.matches("[[package]]").count();
    let own = syllabus::lock::own_package(lock).unwrap_or_default();
    format!("({packages} packages; the project's own:)\n{own}\n")
}

/// What a snapshot shows of a package-lock.json: the client's name and how many packages.
fn package_lock_summary(lock: &str) -> String {
    let lock: serde_json::Value = serde_json::from_str(lock).expect("package-lock.json is JSON");
    let packages = lock["packages"].as_object().map_or(0, |p| p.len() - 1);
    format!("({packages} packages; the client: {})\n", lock["name"])
}

#[test]
fn course_file_lists() {
    for (name, spec) in specs() {
        let files = plan::course(&spec).unwrap();
        let list: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        insta::assert_snapshot!(format!("{name}-files"), list.join("\n"));
    }
}

#[test]
fn every_generated_file() {
    for (course, spec) in specs() {
        for lecture in LECTURES {
            for variant in Variant::BOTH {
                let files = plan::project(&spec, lecture, variant).unwrap();
                let mut text = String::new();
                for file in files {
                    // A lock is a copy of one in templates/locks (src/lock.rs has its tests).
                    let contents = match file.path.as_str() {
                        "Cargo.lock" => lock_summary(&file.contents),
                        "client/package-lock.json" => package_lock_summary(&file.contents),
                        _ => file.contents,
                    };
                    text.push_str(&format!("==> {} <==\n{}\n", file.path, contents));
                }
                let name = format!("{course}-{}-{}", lecture.slug, variant.name());
                insta::assert_snapshot!(name, text);
            }
        }
    }
}

#[test]
fn a_course_holds_exactly_what_new_writes_for_each_project() {
    let spec = spec("specs/theater.yaml");
    let course = plan::course(&spec).unwrap();
    for lecture in LECTURES {
        for variant in Variant::BOTH {
            let prefix = format!("{}/{}/", lecture.slug, variant.name());
            let in_course: Vec<(&str, &str)> = course
                .iter()
                .filter_map(|f| Some((f.path.strip_prefix(&prefix)?, f.contents.as_str())))
                .collect();
            let project = plan::project(&spec, lecture, variant).unwrap();
            let alone: Vec<(&str, &str)> = project
                .iter()
                .map(|f| (f.path.as_str(), f.contents.as_str()))
                .collect();
            assert!(
                in_course == alone,
                "{prefix} differs between `build` and `new`"
            );
        }
    }
}

/// rustfmt leaves an expression as the template wrote it when one of its lines is too long
/// (an SQL statement in a string, say), so a long line means code nobody formatted.
#[test]
fn generated_code_keeps_to_rustfmt_width() {
    for path in crate::SPECS {
        let spec = spec(path);
        for file in plan::course(&spec).unwrap() {
            if !(file.path.ends_with(".rs") && file.path.contains("/src/")) {
                continue;
            }
            for (n, line) in file.contents.lines().enumerate() {
                assert!(
                    line.chars().count() <= 100,
                    "{path}: {}:{} is over 100 columns:\n{line}",
                    file.path,
                    n + 1
                );
            }
        }
    }
}
