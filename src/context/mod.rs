//! The typed context templates are rendered with: the spec's facts, worked out in Rust.
//!
//! Templates only test flags and loop over lists; every type name, SQL statement, literal and
//! sample value they print is computed here (or in `naming` and `dialect`). [`project`] is the
//! entry; the submodules hold one concern each: `resource` puts a resource's context together
//! from its `fields` (types, rules, test cases), `relations` (parents and children), `sql`
//! (statements and their layout) and `samples` (seed, extra and fresh rows, test bodies);
//! `literals` writes values as Rust, HTML or TOML source; `readme` holds what the README's
//! lecture notes show in the spec's terms (requests and their answers, what changed).

mod auth;
mod client;
mod fields;
mod literals;
mod readme;
mod relations;
mod resource;
mod samples;
mod sql;

use serde::Serialize;

pub use auth::{AccessContext, ActionContext, AuthContext, Credentials, seed_credentials};
pub use client::ClientContext;
pub use fields::{CaseContext, CheckContext, CheckTest, DbRule, FieldContext, UniqueTest};
pub use literals::{html_escape, rust_literal, string_literal};
pub use readme::{Exchange, Exchanges, Header, NewSince, ReadmeContext};
pub use relations::{ChildContext, ParentContext};
pub use resource::ResourceContext;
pub use samples::{RowContext, SampleContext};
pub use sql::{ColumnExample, SqlContext, UpdateExamples};

use crate::dialect::Dialect;
use crate::lectures::{Has, Lecture, Todo, Variant, on_database};
use crate::naming::AppNames;
use crate::spec::Spec;

/// The oldest Rust every generated project builds with: the newest `rust-version` of the
/// packages in its Cargo.lock (`scripts/update-locks` prints it), and edition 2024's 1.85.
pub const RUST_VERSION: &str = "1.94";

/// Everything one project's templates can see.
#[derive(Debug, Serialize)]
pub struct ProjectContext {
    pub app: AppNames,
    /// The package: the app's name, the lecture's number and the variant
    /// (`theater-05-solution`), so that no two projects of a course share one.
    pub package: String,
    /// The oldest Rust that builds the project with its Cargo.lock.
    pub rust_version: &'static str,
    pub title: String,
    /// The title, escaped for HTML.
    pub title_html: String,
    /// The default `RUST_LOG`: this crate's logs, and what tower-http's `TraceLayer` logs (its
    /// spans and events are at the debug level).
    pub log_filter: String,
    /// Whether some resource belongs to another (so a foreign key can be broken).
    pub any_parents: bool,
    /// Whether some field is unique.
    pub any_unique: bool,
    /// Whether some field has a pattern (the project then needs the regex crate).
    pub any_pattern: bool,
    pub any_email: bool,
    pub any_url: bool,
    /// The package description, as a quoted TOML string.
    pub description_toml: String,
    pub lecture: LectureContext,
    pub has: Has,
    pub todo: Todo,
    /// The names the exercise's tests start with (empty in a solution).
    pub exercise_tests: Vec<String>,
    /// Inserts three more rows into every table, after the seed rows, for tests that need
    /// rows to leave out (pages, nesting, cascades).
    pub more_rows_sql: String,
    /// The file name of lecture 5's migration of CHECK constraints.
    pub checks_migration: String,
    pub any_checks: bool,
    pub rebuild_to_add_constraints: bool,
    /// For each CHECK constraint a test can break alone, an insert that breaks it, for the
    /// tests that the database refuses it and the client gets the rule's message.
    pub check_tests: Vec<CheckTest>,
    /// An insert that breaks a unique constraint when run twice.
    pub unique_test: Option<UniqueTest>,
    /// An insert whose parent keys point at no row.
    pub orphan_insert: Option<String>,
    /// What every rule constraint of the schema means to a client, for `src/error.rs`.
    pub db_rules: Vec<DbRule>,
    /// Whether some handler knows what a broken foreign key means (a resource with one parent,
    /// or children that restrict deletes), so `src/error.rs` has `OnForeignKey`.
    pub any_foreign_key_context: bool,
    pub dialect: DialectContext,
    pub resources: Vec<ResourceContext>,
    /// What the README's lecture notes show, worked out for this spec.
    pub readme: ReadmeContext,
    /// The browser client and what the server knows of it (lecture 6 on).
    pub client: ClientContext,
    /// Users, sessions and who may do what (lecture 7).
    pub auth: AuthContext,
}

#[derive(Debug, Serialize)]
pub struct LectureContext {
    pub number: u8,
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: String,
    pub objectives: Vec<String>,
    pub changes: String,
    pub exercise: String,
    pub built: String,
    pub variant: Variant,
    pub starter: bool,
}

#[derive(Debug, Serialize)]
pub struct DialectContext {
    pub name: Dialect,
    /// `SQLite`, `PostgreSQL`.
    pub title: &'static str,
    /// Between an insert's columns and `values` when it gives ids (see `Dialect`).
    pub insert_with_ids: Option<&'static str>,
    pub timestamps_note: &'static str,
    /// The column type of an id that refers to a row: `integer`, `bigint`.
    pub key_type: &'static str,
    /// The database of the browser tests, for a server the app connects to: named after the
    /// project (`theater_06_solution_e2e`), so that no two projects share one.
    pub e2e_url: String,
    /// The most connections a server process holds, for a server the app connects to.
    pub pool_size: u32,
    /// The first bind parameter: `?`, `$1`.
    pub first_placeholder: String,
    pub pool: &'static str,
    pub pool_options: &'static str,
    pub connection: &'static str,
    pub executor: &'static str,
    pub sqlx_feature: &'static str,
    pub engine_build: Option<crate::dialect::EngineBuild>,
    pub default_url: String,
    pub primary_key: &'static str,
    pub timestamp_column: &'static str,
    /// "Now", in the format of the timestamp columns.
    pub now: &'static str,
}

/// Every resource's context, in the spec's order (parents first).
fn resources(spec: &Spec, dialect: Dialect) -> Vec<ResourceContext> {
    spec.resources
        .iter()
        .enumerate()
        .map(|(i, r)| resource::resource(spec, dialect, i, r))
        .collect()
}

pub fn project(spec: &Spec, lecture: &Lecture, variant: Variant) -> ProjectContext {
    let has = lecture.has();
    // With a client, the API moves under a prefix: every path a client requests has it. Before
    // there are users, nothing has an owner.
    let mut adapted = spec.clone();
    if has.client {
        adapted = with_api_prefix(&adapted);
    }
    if !has.auth {
        adapted.auth = adapted.auth.before_rules();
    }
    let spec = &adapted;
    let dialect = spec.database;
    let todo = match variant {
        Variant::Starter => Todo::of(lecture.tasks),
        Variant::Solution => Todo::default(),
    };
    let package = format!(
        "{}-{:02}-{}",
        spec.app.package,
        lecture.number,
        variant.name()
    );
    let resources = resources(spec, dialect);
    let check_tests = fields::check_tests(spec, dialect, &resources);
    let unique_test = fields::unique_test(spec, dialect, &resources);
    let orphan_insert = fields::orphan_insert(spec, dialect, &resources);
    let auth = if has.auth {
        // After each table's migration, and lecture 5's of CHECK constraints.
        auth::auth(spec, dialect, spec.resources.len() + 1)
    } else {
        AuthContext::default()
    };
    ProjectContext {
        client: if has.client {
            client::client(spec, &resources)
        } else {
            ClientContext::default()
        },
        readme: readme::readme(spec, lecture, &has, &resources),
        checks_migration: format!("{:04}_add_check_constraints.sql", spec.resources.len() + 1),
        any_checks: resources.iter().any(|r| r.has_checks),
        rebuild_to_add_constraints: dialect.rebuilds_to_add_constraints(),
        check_tests,
        unique_test,
        orphan_insert,
        db_rules: resources
            .iter()
            .flat_map(|r| r.db_rules.iter().cloned())
            .chain(auth.db_rules.iter().cloned())
            .collect(),
        any_foreign_key_context: resources
            .iter()
            .any(|r| r.sole_parent.is_some() || r.restricted_by.is_some()),
        more_rows_sql: resources
            .iter()
            .map(|r| r.more_rows.clone())
            .collect::<Vec<_>>()
            .join("\n"),
        package: package.clone(),
        rust_version: RUST_VERSION,
        app: spec.app.clone(),
        title: spec.title.clone(),
        title_html: html_escape(&spec.title),
        log_filter: format!("{}=debug,tower_http=debug", spec.app.krate),
        any_parents: spec.resources.iter().any(|r| !r.parents.is_empty()),
        any_unique: resources.iter().any(|r| r.any_unique),
        any_pattern: resources.iter().any(|r| r.any_pattern),
        // `src/validation.rs` checks a user's fields too.
        any_email: auth.any_email || resources.iter().any(|r| r.any_email),
        any_url: auth.any_url || resources.iter().any(|r| r.any_url),
        auth,
        description_toml: literals::toml_string(&format!(
            "{}, lecture {}: {} ({})",
            spec.title,
            lecture.number,
            lecture.title,
            variant.name()
        )),
        lecture: lecture_context(lecture, variant, dialect),
        has,
        todo,
        exercise_tests: match variant {
            Variant::Starter => crate::lectures::exercise_test_prefixes(lecture, spec),
            Variant::Solution => Vec::new(),
        },
        dialect: dialect_context(dialect, spec, &package),
        resources,
    }
}

/// `spec` with every resource's path under the API's prefix, where its names are kept.
fn with_api_prefix(spec: &Spec) -> Spec {
    let mut spec = spec.clone();
    for resource in &mut spec.resources {
        resource.names = resource.names.under(crate::naming::API_PREFIX);
    }
    spec
}

/// The tests of `tests/api/errors.rs` that read what a rule the database caught is answered
/// with (its status and `errors`), as lecture 5's project has them for this spec: they exist
/// only where the spec has rules SQL checks, a unique field, or a foreign key a handler knows
/// the meaning of. The names are those `tests/api/errors.rs.tera` gives them; a prefix stands
/// for the tests of every CHECK constraint.
pub fn validation_error_tests(spec: &Spec) -> Vec<String> {
    let dialect = spec.database;
    let resources = resources(spec, dialect);
    let mut tests = Vec::new();
    if !fields::check_tests(spec, dialect, &resources).is_empty() {
        tests.push("check_constraint_".to_owned());
    }
    if fields::unique_test(spec, dialect, &resources).is_some() {
        tests.push("a_duplicate_the_database_catches_gets_the_message_validation_gives".to_owned());
    }
    let foreign_key_context = resources
        .iter()
        .any(|r| r.sole_parent.is_some() || r.restricted_by.is_some());
    if foreign_key_context && fields::orphan_insert(spec, dialect, &resources).is_some() {
        tests.push(
            "on_foreign_key_says_what_a_broken_key_means_and_leaves_other_errors_alone".to_owned(),
        );
    }
    tests
}

fn lecture_context(lecture: &Lecture, variant: Variant, dialect: Dialect) -> LectureContext {
    let text = |text: &str| on_database(text, dialect);
    LectureContext {
        number: lecture.number,
        slug: lecture.slug,
        title: lecture.title,
        summary: text(lecture.summary),
        objectives: lecture.objectives.iter().map(|o| text(o)).collect(),
        changes: text(lecture.changes),
        exercise: text(lecture.exercise),
        built: text(lecture.built),
        variant,
        starter: variant == Variant::Starter,
    }
}

fn dialect_context(dialect: Dialect, spec: &Spec, package: &str) -> DialectContext {
    DialectContext {
        name: dialect,
        title: dialect.title(),
        insert_with_ids: dialect.insert_with_ids(),
        timestamps_note: dialect.timestamps_note(),
        key_type: dialect.column_type(crate::spec::FieldType::Integer),
        first_placeholder: dialect.placeholder(1),
        pool_size: crate::dialect::POOL_SIZE,
        e2e_url: dialect.local_url_of(&format!("{}_e2e", package.replace('-', "_"))),
        pool: dialect.pool_type(),
        pool_options: dialect.pool_options_type(),
        connection: dialect.connection_type(),
        executor: dialect.executor_trait(),
        sqlx_feature: dialect.sqlx_feature(),
        engine_build: dialect.engine_build(),
        default_url: dialect.local_url(&spec.app),
        primary_key: dialect.primary_key(),
        timestamp_column: dialect.timestamp_column(),
        now: dialect.now(),
    }
}
