//! Planning: from (spec, lecture, variant) to the list of files to write, with their contents.
//!
//! This is a pure function of its inputs; only `write` touches the disk. Which templates make
//! up a project is the table below, not logic spread through the code.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::context::{self, ProjectContext};
use crate::error::Result;
use crate::lectures::{LECTURES, Lecture, Variant, on_database};
use crate::lock::{self, Lock};
use crate::render;
use crate::spec::Spec;

/// A file to write: a path relative to the output folder, and its contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub contents: String,
}

/// Rendered once per project, or once per resource.
#[derive(Clone, Copy)]
enum Scope {
    Project,
    Resource,
}

/// One row of the file table. `output` may use `{plural}` and `{migration}` per resource.
struct Entry {
    template: &'static str,
    output: &'static str,
    scope: Scope,
    when: fn(&ProjectContext) -> bool,
}

const fn entry(
    template: &'static str,
    output: &'static str,
    when: fn(&ProjectContext) -> bool,
) -> Entry {
    Entry {
        template,
        output,
        scope: Scope::Project,
        when,
    }
}

const fn each(
    template: &'static str,
    output: &'static str,
    when: fn(&ProjectContext) -> bool,
) -> Entry {
    Entry {
        template,
        output,
        scope: Scope::Resource,
        when,
    }
}

fn always(_: &ProjectContext) -> bool {
    true
}

fn database(c: &ProjectContext) -> bool {
    c.has.database
}

fn engine_build(c: &ProjectContext) -> bool {
    c.has.database && c.dialect.engine_build.is_some()
}

fn in_memory(c: &ProjectContext) -> bool {
    c.has.in_memory_data
}

fn collections(c: &ProjectContext) -> bool {
    c.has.request_collections
}

fn app_errors(c: &ProjectContext) -> bool {
    c.has.app_errors
}

fn validation(c: &ProjectContext) -> bool {
    c.has.validation && (c.any_email || c.any_url)
}

fn checks(c: &ProjectContext) -> bool {
    c.has.validation && c.any_checks
}

fn html_pages(c: &ProjectContext) -> bool {
    c.has.html_pages
}

fn client(c: &ProjectContext) -> bool {
    c.has.client
}

fn auth(c: &ProjectContext) -> bool {
    c.has.auth
}

fn owned(c: &ProjectContext) -> bool {
    c.has.auth && !c.auth.owned_tables.is_empty()
}

fn auth_client(c: &ProjectContext) -> bool {
    c.has.client && c.has.auth
}

const FILES: &[Entry] = &[
    entry("project/Cargo.toml", "Cargo.toml", always),
    entry(
        "project/cargo/config.toml",
        ".cargo/config.toml",
        engine_build,
    ),
    entry("project/README.md", "README.md", always),
    entry("project/env.example", ".env.example", always),
    entry("project/gitignore", ".gitignore", always),
    each(
        "project/migrations/create_table.sql",
        "migrations/{migration}",
        database,
    ),
    entry(
        "project/migrations/add_check_constraints.sql",
        "migrations/{checks_migration}",
        checks,
    ),
    entry(
        "project/migrations/create_users.sql",
        "migrations/{users_migration}",
        auth,
    ),
    entry(
        "project/migrations/create_sessions.sql",
        "migrations/{sessions_migration}",
        auth,
    ),
    entry(
        "project/migrations/add_owners.sql",
        "migrations/{owners_migration}",
        owned,
    ),
    entry("project/seed.sql", "seed.sql", database),
    entry("project/requests.http", "requests.http", collections),
    entry("project/src/main.rs", "src/main.rs", always),
    entry("project/src/lib.rs", "src/lib.rs", always),
    entry("project/src/config.rs", "src/config.rs", always),
    entry("project/src/db.rs", "src/db.rs", database),
    entry("project/src/error.rs", "src/error.rs", app_errors),
    entry("project/src/validation.rs", "src/validation.rs", validation),
    entry("project/src/data.rs", "src/data.rs", in_memory),
    entry("project/src/middleware.rs", "src/middleware.rs", always),
    entry("project/src/pages.rs", "src/pages.rs", html_pages),
    entry("project/src/client.rs", "src/client.rs", client),
    entry("project/src/cors.rs", "src/cors.rs", client),
    entry("project/src/server.rs", "src/server.rs", always),
    entry("project/src/auth.rs", "src/auth.rs", auth),
    entry("project/src/password.rs", "src/password.rs", auth),
    entry("project/src/throttle.rs", "src/throttle.rs", auth),
    entry("project/src/routes/auth.rs", "src/routes/auth.rs", auth),
    entry("project/src/routes/mod.rs", "src/routes/mod.rs", always),
    entry(
        "project/src/routes/openapi.rs",
        "src/routes/openapi.rs",
        collections,
    ),
    each(
        "project/src/routes/resource.rs",
        "src/routes/{plural}.rs",
        always,
    ),
    entry("project/tests/api/main.rs", "tests/api/main.rs", always),
    entry("project/tests/api/binary.rs", "tests/api/binary.rs", always),
    entry(
        "project/tests/api/helpers.rs",
        "tests/api/helpers.rs",
        always,
    ),
    entry(
        "project/tests/api/pages.rs",
        "tests/api/pages.rs",
        html_pages,
    ),
    entry("project/tests/api/client.rs", "tests/api/client.rs", client),
    entry(
        "project/tests/api/openapi.rs",
        "tests/api/openapi.rs",
        collections,
    ),
    entry("project/tests/api/access.rs", "tests/api/access.rs", auth),
    entry("project/tests/api/auth.rs", "tests/api/auth.rs", auth),
    entry("project/tests/api/csrf.rs", "tests/api/csrf.rs", auth),
    entry(
        "project/tests/api/password.rs",
        "tests/api/password.rs",
        auth,
    ),
    entry(
        "project/tests/api/throttle.rs",
        "tests/api/throttle.rs",
        auth,
    ),
    entry("project/tests/api/cors.rs", "tests/api/cors.rs", client),
    entry(
        "project/tests/api/errors.rs",
        "tests/api/errors.rs",
        app_errors,
    ),
    entry("project/tests/api/seed.rs", "tests/api/seed.rs", database),
    entry("project/tests/api/server.rs", "tests/api/server.rs", always),
    entry("project/tests/api/db.rs", "tests/api/db.rs", database),
    each(
        "project/tests/api/resource.rs",
        "tests/api/{plural}.rs",
        always,
    ),
    entry("project/client/package.json", "client/package.json", client),
    entry("project/client/index.html", "client/index.html", client),
    entry(
        "project/client/vite.config.js",
        "client/vite.config.js",
        client,
    ),
    entry(
        "project/client/playwright.config.js",
        "client/playwright.config.js",
        client,
    ),
    entry(
        "project/client/oxlintrc.json",
        "client/.oxlintrc.json",
        client,
    ),
    entry("project/client/gitignore", "client/.gitignore", client),
    entry("project/client/env.example", "client/.env.example", client),
    entry("project/client/README.md", "client/README.md", client),
    entry("project/client/src/main.jsx", "client/src/main.jsx", client),
    entry("project/client/src/App.jsx", "client/src/App.jsx", client),
    entry("project/client/src/api.js", "client/src/api.js", client),
    entry(
        "project/client/src/api.test.js",
        "client/src/api.test.js",
        client,
    ),
    entry(
        "project/client/src/useApi.js",
        "client/src/useApi.js",
        client,
    ),
    entry(
        "project/client/src/changes.js",
        "client/src/changes.js",
        client,
    ),
    entry(
        "project/client/src/Field.jsx",
        "client/src/Field.jsx",
        client,
    ),
    entry("project/client/src/Home.jsx", "client/src/Home.jsx", client),
    entry(
        "project/client/src/NotFound.jsx",
        "client/src/NotFound.jsx",
        client,
    ),
    entry(
        "project/client/src/index.css",
        "client/src/index.css",
        client,
    ),
    entry(
        "project/client/src/setupTests.js",
        "client/src/setupTests.js",
        client,
    ),
    entry(
        "project/client/e2e/helpers.js",
        "client/e2e/helpers.js",
        client,
    ),
    entry(
        "project/client/e2e/auth.spec.js",
        "client/e2e/auth.spec.js",
        auth_client,
    ),
    entry(
        "project/client/src/auth.js",
        "client/src/auth.js",
        auth_client,
    ),
    entry(
        "project/client/src/AuthProvider.jsx",
        "client/src/AuthProvider.jsx",
        auth_client,
    ),
    entry(
        "project/client/src/access.js",
        "client/src/access.js",
        auth_client,
    ),
    entry(
        "project/client/src/LogIn.jsx",
        "client/src/LogIn.jsx",
        auth_client,
    ),
    entry(
        "project/client/src/SignUp.jsx",
        "client/src/SignUp.jsx",
        auth_client,
    ),
    entry(
        "project/client/src/LogIn.test.jsx",
        "client/src/LogIn.test.jsx",
        auth_client,
    ),
    entry(
        "project/client/src/SignUp.test.jsx",
        "client/src/SignUp.test.jsx",
        auth_client,
    ),
    each(
        "project/client/resource/List.jsx",
        "client/src/{plural}/{pascal}List.jsx",
        client,
    ),
    each(
        "project/client/resource/Detail.jsx",
        "client/src/{plural}/{pascal}Detail.jsx",
        client,
    ),
    each(
        "project/client/resource/New.jsx",
        "client/src/{plural}/New{pascal}.jsx",
        client,
    ),
    each(
        "project/client/resource/Edit.jsx",
        "client/src/{plural}/Edit{pascal}.jsx",
        client,
    ),
    each(
        "project/client/resource/Form.jsx",
        "client/src/{plural}/{pascal}Form.jsx",
        client,
    ),
    each(
        "project/client/resource/Form.test.jsx",
        "client/src/{plural}/{pascal}Form.test.jsx",
        client,
    ),
    each(
        "project/client/resource/New.test.jsx",
        "client/src/{plural}/New{pascal}.test.jsx",
        client,
    ),
    each(
        "project/client/resource/Edit.test.jsx",
        "client/src/{plural}/Edit{pascal}.test.jsx",
        client,
    ),
    each(
        "project/client/resource/spec.js",
        "client/e2e/{plural}.spec.js",
        client,
    ),
];

/// Renders one template. Rust files are formatted afterwards, all at once.
fn file(path: String, template: &str, context: &impl Serialize) -> Result<File> {
    let contents = render::render(template, &render::context(template, context)?)?;
    Ok(File { path, contents })
}

/// Every file of one lecture's project, sorted by path.
pub fn project(spec: &Spec, lecture: &Lecture, variant: Variant) -> Result<Vec<File>> {
    let mut files = rendered_project(spec, lecture, variant)?;
    render::format_all(&mut files)?;
    Ok(files)
}

/// One project's files as the templates render them, before rustfmt.
fn rendered_project(spec: &Spec, lecture: &Lecture, variant: Variant) -> Result<Vec<File>> {
    let mut context = context::project(spec, lecture, variant);
    new_files(&mut context, lecture);
    // Converted for Tera once per project: converting it for every template was a quarter
    // of the time of a whole course.
    let mut tera_context = render::context("a project", &context)?;
    // The lecture's notes are a template of their own, which the README prints: Tera's
    // `include` only takes a name written in the including template.
    let notes = render::render(lecture.notes, &tera_context)?;
    tera_context.insert("notes", &notes);
    let mut files = Vec::new();
    for entry in FILES.iter().filter(|e| (e.when)(&context)) {
        match entry.scope {
            Scope::Project => {
                let path = project_path(entry, &context);
                let contents = render::render(entry.template, &tera_context)?;
                files.push(File { path, contents });
            }
            Scope::Resource => {
                for (at, resource) in context.resources.iter().enumerate() {
                    let path = resource_path(entry, resource);
                    tera_context.insert("resource", resource);
                    if let Some(client) = context.client.resources.get(at) {
                        tera_context.insert("client_resource", client);
                    }
                    let contents = render::render(entry.template, &tera_context)?;
                    files.push(File { path, contents });
                }
            }
        }
    }
    if context.has.request_collections {
        files.push(File {
            path: "postman_collection.json".into(),
            contents: crate::postman::collection(spec, &context),
        });
        files.push(File {
            path: "openapi.json".into(),
            contents: crate::openapi::document(spec, &context),
        });
    }
    // From the lecture whose every refusal is a JSON error the document describes.
    if context.has.validation {
        files.push(File {
            path: "schemathesis.toml".into(),
            contents: crate::schemathesis::config(&context),
        });
        if context.has.auth {
            files.push(File {
                path: crate::schemathesis::AUTH_FILE.into(),
                contents: crate::schemathesis::auth_file(&context),
            });
        }
    }
    files.push(File {
        path: "Cargo.lock".into(),
        contents: lock::cargo_lock(Lock::of(&context), &context.package),
    });
    if context.has.client {
        files.push(File {
            path: "client/package-lock.json".into(),
            contents: lock::package_lock(&context.client.package),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn project_path(entry: &Entry, context: &ProjectContext) -> String {
    entry
        .output
        .replace("{checks_migration}", &context.checks_migration)
        .replace("{users_migration}", &context.auth.users_migration)
        .replace("{sessions_migration}", &context.auth.sessions_migration)
        .replace("{owners_migration}", &context.auth.owners_migration)
}

fn resource_path(entry: &Entry, resource: &context::ResourceContext) -> String {
    entry
        .output
        .replace("{plural}", &resource.names.plural)
        .replace("{pascal}", &resource.names.pascal)
        .replace("{migration}", &resource.migration)
}

/// The paths of the files a project with this context has, without rendering any.
fn paths(context: &ProjectContext) -> BTreeSet<String> {
    let mut paths = BTreeSet::new();
    for entry in FILES.iter().filter(|e| (e.when)(context)) {
        match entry.scope {
            Scope::Project => {
                paths.insert(project_path(entry, context));
            }
            Scope::Resource => {
                paths.extend(context.resources.iter().map(|r| resource_path(entry, r)));
            }
        }
    }
    if context.has.request_collections {
        paths.insert("postman_collection.json".into());
        paths.insert("openapi.json".into());
    }
    if context.has.validation {
        paths.insert("schemathesis.toml".into());
        if context.has.auth {
            paths.insert(crate::schemathesis::AUTH_FILE.into());
        }
    }
    paths.insert("Cargo.lock".into());
    if context.has.client {
        paths.insert("client/package-lock.json".into());
    }
    paths
}

/// Fills in the files the README's "New since" names: those this lecture adds and removes.
/// Which files a project has depends on its capabilities and on the spec, never on anything
/// else in the context, so the previous lecture's list is this context with its capabilities.
fn new_files(context: &mut ProjectContext, lecture: &Lecture) {
    let Some(before) = LECTURES.iter().find(|l| l.number + 1 == lecture.number) else {
        return;
    };
    let now = paths(context);
    let has = std::mem::replace(&mut context.has, before.has());
    let then = paths(context);
    context.has = has;
    // The client's files are named once, as its folder: its README lists them.
    let folded = |paths: BTreeSet<String>| -> BTreeSet<String> {
        paths
            .into_iter()
            .map(|p| {
                if p.starts_with("client/") {
                    "client/".to_owned()
                } else {
                    p
                }
            })
            .collect()
    };
    let (now, then) = (folded(now), folded(then));
    if let Some(new_since) = &mut context.readme.new_since {
        new_since.added = now.difference(&then).cloned().collect();
        new_since.removed = then.difference(&now).cloned().collect();
    }
}

/// The whole course: `NN-slug/{starter,solution}/...` for every lecture, and an index README.
pub fn course(spec: &Spec) -> Result<Vec<File>> {
    let mut files = Vec::new();
    for lecture in LECTURES {
        for variant in Variant::BOTH {
            for f in rendered_project(spec, lecture, variant)? {
                files.push(File {
                    path: format!("{}/{}/{}", lecture.dir_name(), variant.name(), f.path),
                    contents: f.contents,
                });
            }
        }
    }
    files.push(file(
        "README.md".into(),
        "course/README.md",
        &course_context(spec),
    )?);
    render::format_all(&mut files)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

#[derive(Serialize)]
struct CourseLecture {
    number: u8,
    slug: &'static str,
    title: &'static str,
    summary: String,
    objectives: Vec<String>,
    exercise: String,
}

#[derive(Serialize)]
struct CourseContext<'a> {
    title: &'a str,
    app: &'a str,
    resources: Vec<String>,
    lectures: Vec<CourseLecture>,
}

fn course_context(spec: &Spec) -> CourseContext<'_> {
    CourseContext {
        title: &spec.title,
        app: &spec.app.package,
        resources: spec
            .resources
            .iter()
            .map(|r| r.names.plural_human.clone())
            .collect(),
        lectures: LECTURES
            .iter()
            .map(|l| CourseLecture {
                number: l.number,
                slug: l.slug,
                title: l.title,
                summary: on_database(l.summary, spec.database),
                objectives: l
                    .objectives
                    .iter()
                    .map(|o| on_database(o, spec.database))
                    .collect(),
                exercise: on_database(l.exercise, spec.database),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lectures::lecture;

    fn paths(number: u8) -> Vec<String> {
        let source = include_str!("../specs/theater.yaml");
        let spec = crate::spec::parse_and_validate(source).unwrap();
        project(&spec, lecture(number).unwrap(), Variant::Solution)
            .unwrap()
            .into_iter()
            .map(|f| f.path)
            .collect()
    }

    #[test]
    fn each_lecture_has_the_files_its_capabilities_need() {
        let first = paths(1);
        assert!(first.contains(&"src/data.rs".to_owned()));
        assert!(!first.iter().any(|p| p.starts_with("migrations/")));
        assert!(!first.contains(&"src/db.rs".to_owned()));

        let second = paths(2);
        assert!(!second.contains(&"src/data.rs".to_owned()));
        assert!(second.contains(&"migrations/0001_create_productions.sql".to_owned()));
        assert!(second.contains(&"migrations/0002_create_cast_members.sql".to_owned()));
        assert!(second.contains(&"tests/api/seed.rs".to_owned()));
        assert!(!second.contains(&"postman_collection.json".to_owned()));

        let third = paths(3);
        assert!(third.contains(&"postman_collection.json".to_owned()));
        assert!(third.contains(&"requests.http".to_owned()));
    }

    #[test]
    fn paths_lists_exactly_the_files_a_project_renders() {
        let source = include_str!("../specs/festival.yaml");
        let spec = crate::spec::parse_and_validate(source).unwrap();
        for lecture in LECTURES {
            let context = context::project(&spec, lecture, Variant::Solution);
            let rendered: BTreeSet<String> = rendered_project(&spec, lecture, Variant::Solution)
                .unwrap()
                .into_iter()
                .map(|f| f.path)
                .collect();
            assert_eq!(
                super::paths(&context),
                rendered,
                "lecture {}",
                lecture.number
            );
        }
    }

    #[test]
    fn files_are_sorted_and_unique() {
        let files = paths(4);
        let mut sorted = files.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(files, sorted);
    }

    #[test]
    fn a_resource_without_rules_validates_without_mutable_errors() {
        // `cargo clippy -D warnings` refuses a `let mut` that is never changed, and a helper
        // that is never called: a spec with no rule at all has neither.
        let source = "app: notes\nresources:\n  note:\n    fields:\n      body: text\n";
        let spec = crate::spec::parse_and_validate(source).unwrap();
        let files = project(&spec, lecture(5).unwrap(), Variant::Solution).unwrap();
        let file = |path: &str| &files.iter().find(|f| f.path == path).unwrap().contents;
        let routes = file("src/routes/notes.rs");
        assert!(
            routes.contains("let errors = FieldErrors::default();"),
            "{routes}"
        );
        assert!(!routes.contains("let mut errors"), "{routes}");
        assert!(!file("tests/api/errors.rs").contains("answer_to"));
    }

    #[test]
    fn every_exercise_prefix_names_tests_the_starter_has() {
        // The projects test checks that each of them fails; this checks, without compiling
        // anything, that each names a test at all.
        for source in [
            include_str!("../specs/theater.yaml"),
            include_str!("../specs/festival.yaml"),
        ] {
            let spec = crate::spec::parse_and_validate(source).unwrap();
            for l in LECTURES {
                let files = project(&spec, l, Variant::Starter).unwrap();
                let tests: Vec<&str> = files
                    .iter()
                    .filter(|f| f.path.starts_with("tests/"))
                    .flat_map(|f| f.contents.lines())
                    .filter_map(|line| line.trim().strip_prefix("async fn "))
                    .collect();
                // The client's tests are named by the `describe` block they are in.
                let described: Vec<&str> = files
                    .iter()
                    .filter(|f| f.path.starts_with("client/"))
                    .flat_map(|f| f.contents.lines())
                    .filter_map(|line| line.trim().split_once("describe('").map(|(_, rest)| rest))
                    .collect();
                for prefix in crate::lectures::exercise_test_prefixes(l, &spec) {
                    if crate::lectures::CLIENT_EXERCISE_TESTS.contains(&prefix.as_str()) {
                        assert!(
                            described.iter().any(|d| d.starts_with(prefix.trim_end())),
                            "{}, lecture {}: no client test is in a `describe('{prefix}...`",
                            spec.app.package,
                            l.number
                        );
                        continue;
                    }
                    assert!(
                        tests.iter().any(|t| t.starts_with(&prefix)),
                        "{}, lecture {}: no test starts with `{prefix}`",
                        spec.app.package,
                        l.number
                    );
                }
            }
        }
    }

    #[test]
    fn starters_leave_the_headline_skill_of_their_lecture() {
        let source = include_str!("../specs/theater.yaml");
        let spec = crate::spec::parse_and_validate(source).unwrap();
        let starter = |number: u8| project(&spec, lecture(number).unwrap(), Variant::Starter);
        let files = starter(2).unwrap();
        let file = |path: &str| &files.iter().find(|f| f.path == path).unwrap().contents;
        // One table and its row struct, and only those, are left to write.
        let migration = file("migrations/0002_create_cast_members.sql");
        assert!(
            !migration.contains("create table cast_members ("),
            "{migration}"
        );
        assert!(migration.contains("`production_id`"), "{migration}");
        assert!(
            file("migrations/0001_create_productions.sql").contains("create table productions (")
        );
        assert!(file("src/routes/cast_members.rs").contains("pub struct CastMember {}"));
        assert!(file("src/routes/productions.rs").contains("pub budget: Option<f64>,"));

        let files = starter(3).unwrap();
        let file = |path: &str| &files.iter().find(|f| f.path == path).unwrap().contents;
        let routes = file("src/routes/productions.rs");
        assert!(!routes.contains(".post(create_production)"), "{routes}");
        assert!(routes.contains("struct NewProduction {}"), "{routes}");
        assert!(
            routes.contains("struct ProductionWithCastMembers {}"),
            "{routes}"
        );
        // `find_*` was lecture 2's work.
        assert!(
            routes.contains(".ok_or_else(|| not_found(\"production\", id))"),
            "{routes}"
        );

        let files = starter(5).unwrap();
        let file = |path: &str| &files.iter().find(|f| f.path == path).unwrap().contents;
        let error = file("src/error.rs");
        assert!(
            error.contains("AppError::Validation(_) => todo!("),
            "{error}"
        );
        // What earlier lectures answered stays written.
        assert!(
            error.contains("AppError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED")
        );
        assert!(error.contains("AppError::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY"));
    }
}
