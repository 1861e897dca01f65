//! The typed context templates are rendered with: the spec's facts, worked out in Rust.
//!
//! Templates only test flags and loop over lists; every type name, SQL statement, literal and
//! sample value they print is computed here (or in `naming` and `dialect`).

use serde::Serialize;

use crate::dialect::Dialect;
use crate::lectures::{Has, Lecture, Todo, Variant};
use crate::naming::{AppNames, FieldNames, ResourceNames};
use crate::spec::{
    Field, FieldType, Literal, OnDelete, Resource, Spec, float_text, rule_message, sample_value,
};

/// Everything one project's templates can see.
#[derive(Debug, Serialize)]
pub struct ProjectContext {
    pub app: AppNames,
    pub title: String,
    /// The title, escaped for HTML.
    pub title_html: String,
    /// The default `RUST_LOG`: this crate's logs, and the request spans of tower-http.
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
    /// An insert that breaks a CHECK constraint, for the test that the database refuses it.
    pub check_test: Option<CheckTest>,
    pub dialect: DialectContext,
    pub resources: Vec<ResourceContext>,
}

#[derive(Debug, Serialize)]
pub struct LectureContext {
    pub number: u8,
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub objectives: &'static [&'static str],
    pub changes: &'static str,
    pub exercise: &'static str,
    pub variant: Variant,
    pub starter: bool,
}

#[derive(Debug, Serialize)]
pub struct DialectContext {
    pub name: Dialect,
    pub pool: &'static str,
    pub pool_options: &'static str,
    pub connection: &'static str,
    pub executor: &'static str,
    pub sqlx_feature: &'static str,
    pub engine_build: Option<crate::dialect::EngineBuild>,
    pub default_url: String,
    pub primary_key: &'static str,
    pub timestamp_column: &'static str,
}

#[derive(Debug, Serialize)]
pub struct ResourceContext {
    pub names: ResourceNames,
    pub fields: Vec<FieldContext>,
    pub parents: Vec<ParentContext>,
    pub children: Vec<ChildContext>,
    /// The field shown as a heading (the first required text field, else the first field).
    pub display: FieldNames,
    /// Whether `display` is a required text field, so a page can use it as its heading.
    pub display_text: bool,
    /// `chrono` items the row type needs, in the order `use` lists them.
    pub chrono_imports: String,
    pub sql: SqlContext,
    /// Seed rows, for `seed.sql`, the in-memory list and the tests.
    pub seed: Vec<RowContext>,
    pub samples: SampleContext,
    /// Whether some field can be null, so that PATCH needs to tell absent from null.
    pub any_nullable: bool,
    pub any_default: bool,
    pub any_unique: bool,
    pub any_pattern: bool,
    pub any_email: bool,
    pub any_url: bool,
    /// Whether validating a body needs the database: a unique field, or a parent to look up.
    pub validate_needs_db: bool,
    /// The first required field, for the "missing field" test.
    pub first_required: Option<FieldNames>,
    /// A field whose column is nullable, for the "clear with null" test.
    pub first_nullable: Option<FieldNames>,
    /// The columns the update exercise shows its two kinds of assignment with.
    pub update_examples: UpdateExamples,
    /// The migration file name, e.g. `0001_create_productions.sql`.
    pub migration: String,
    /// `insert into ... values ...;` of this table's part of `more_rows_sql`.
    pub more_rows: String,
    /// The column definitions again, with the CHECK clauses of lecture 5.
    pub checked_columns: Vec<String>,
    /// Whether any column has a CHECK clause, so the table is rebuilt in lecture 5.
    pub has_checks: bool,
    /// The names of the fields that have rules to test one by one.
    pub fields_with_cases: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct FieldContext {
    pub names: FieldNames,
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// Type of the row struct's field: `String`, `Option<f64>`.
    pub row_type: String,
    /// Type in the lecture 1 in-memory list: `&'static str`, `Option<f64>`.
    pub static_type: String,
    /// Type in the create body: `String` when required, else `Option<..>`.
    pub new_type: String,
    /// Type in the create body once validation checks presence: always `Option<..>`.
    pub new_type_optional: String,
    /// Type in the patch body: `Option<..>`, or `Option<Option<..>>` for nullable columns.
    pub patch_type: String,
    pub nullable: bool,
    pub required: bool,
    /// What `create` binds: `input.title`, or `input.ongoing.unwrap_or(true)`.
    pub create_bind: String,
    /// Whether this is the first bind that applies a default, which gets a comment.
    pub default_comment: bool,
    /// What a `check_<field>` function takes: `&str`, `i64`, `f64`; empty if it has no checks.
    pub check_param: String,
    /// The rules Rust checks on a value of the field, as conditions that mean "broken".
    pub checks: Vec<CheckContext>,
    /// The static holding the field's compiled pattern, e.g. `IMAGE_PATTERN`.
    pub pattern_static: Option<String>,
    /// The pattern's source as a Rust raw string literal.
    pub pattern_literal: Option<String>,
    pub required_message: String,
    pub unique: bool,
    pub unique_message: String,
    /// `select exists(select 1 from people where email = ? and id <> ?)`.
    pub unique_sql: String,
    /// One test case per rule: a value breaking only that rule, and a boundary that passes.
    pub cases: Vec<CaseContext>,
    /// The column definition in `create table`.
    pub column: String,
    /// The column name as SQL needs it (quoted if a keyword).
    pub sql: String,
}

/// One rule checked in Rust: `if {condition} { errors.add(field, message) }`.
#[derive(Debug, Serialize)]
pub struct CheckContext {
    pub rule: &'static str,
    pub condition: String,
    pub message: String,
}

/// The data of the tests of one rule of one field.
#[derive(Debug, Serialize)]
pub struct CaseContext {
    pub rule: &'static str,
    /// How the tests name the broken rule: `over_max_length`.
    pub rejects: String,
    /// How the tests name the boundary: `at_max_length`.
    pub accepts: String,
    /// Rust literals.
    pub bad: String,
    pub boundary: Option<String>,
    pub message: String,
}

/// A column that cannot be null and one that can, each as SQL and as a `patch` field.
#[derive(Debug, Serialize)]
pub struct UpdateExamples {
    pub kept: Option<ColumnExample>,
    pub cleared: Option<ColumnExample>,
}

#[derive(Debug, Serialize)]
pub struct ColumnExample {
    pub sql: String,
    pub ident: String,
}

#[derive(Debug, Serialize)]
pub struct ParentContext {
    pub names: ResourceNames,
    /// The foreign key column and JSON key: `production_id`.
    pub key: String,
    /// The key as SQL needs it.
    pub sql: String,
    pub nullable: bool,
    pub on_delete: OnDelete,
    pub row_type: String,
    pub new_type: String,
    pub patch_type: String,
    pub column: String,
    pub index: String,
    /// `select exists(select 1 from productions where id = ?)`.
    pub exists_sql: String,
    pub missing_message: String,
}

#[derive(Debug, Serialize)]
pub struct ChildContext {
    pub names: ResourceNames,
    /// The child's foreign key to this resource.
    pub key: String,
    pub cascade: bool,
    /// `select ... from cast_members where production_id = ? order by id`.
    pub select: String,
    /// The seed ids of the children of parent row 1, for the nesting test (Rust source).
    pub of_first: String,
    /// With `on_delete: cascade`, a parent seed row that has children of this kind and none
    /// that forbid its deletion: the cascade test deletes it.
    pub cascade_target: Option<i64>,
    /// The child ids that remain once `cascade_target` is deleted, extra rows included.
    pub left_after_cascade: String,
    /// With `on_delete: restrict`, a parent seed row these children keep from being deleted.
    pub restrict_target: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct SqlContext {
    /// The table name as SQL needs it.
    pub table: String,
    /// `id, title, ..., created_at, updated_at`
    pub columns: String,
    /// `select id from productions order by id`, for tests that look in the table.
    pub ids: String,
    pub list: String,
    pub list_page: String,
    pub find: String,
    pub insert: String,
    pub update: String,
    /// What the update handler binds to each placeholder of `update`, in order: `patch.title`,
    /// `patch.budget.is_some()`, `patch.budget.flatten()`, ..., `id`.
    pub update_binds: Vec<String>,
    pub delete: String,
}

#[derive(Debug, Serialize)]
pub struct RowContext {
    pub id: i64,
    /// `(1, 'Hamlet', 'Drama', ...)` for `insert ... values`.
    pub sql: String,
    /// Each field as a Rust expression for the in-memory list: `"Hamlet"`, `Some(100000.0)`.
    pub rust: Vec<String>,
    /// Parent ids in parent order, for the in-memory list.
    pub parent_ids: Vec<String>,
}

/// JSON bodies and expected values for the generated tests, as Rust source.
#[derive(Debug, Serialize)]
pub struct SampleContext {
    /// Seed row 1, as `(key, rust literal)` pairs; null values are left out.
    pub first: Vec<(String, String)>,
    /// The ids the seed rows get, as a Rust array: `[1, 2, 3]`.
    pub ids: String,
    /// The ids once the test's extra rows are in, as a Rust array.
    pub ids_with_more: String,
    /// The ids `?limit=2&offset=1` returns once the extra rows are in.
    pub second_page: String,
    /// `<li>title: Hamlet</li>`: how the lecture 1 page shows the first text field of row 1.
    pub first_item_html: Option<String>,
    /// The row a delete test can remove: none of its children forbid it.
    pub delete_id: i64,
    /// Whether `delete_id` is one of the extra rows, so the test must add them first.
    pub delete_needs_more: bool,
    /// The id the first row created after the seed rows gets.
    pub created_id: i64,
    /// A valid body for POST, with every field and parent: `"title": "Title 2", ...`.
    pub create_body: String,
    /// The same body with only the required fields and parents.
    pub create_minimal_body: String,
    /// `(key, rust literal)` pairs that `create_body` should come back with.
    pub create_expect: Vec<(String, String)>,
    /// Defaults a minimal create applies: `(key, rust literal)`.
    pub defaults: Vec<(String, String)>,
    /// A body for PATCH that changes one field, its key and expected value.
    pub patch_key: String,
    pub patch_body: String,
    pub patch_expect: String,
    /// A field the patch leaves alone, and its seed value (if any).
    pub untouched: Option<(String, String)>,
}

pub fn project(spec: &Spec, lecture: &Lecture, variant: Variant) -> ProjectContext {
    let dialect = Dialect::Sqlite;
    let todo = match variant {
        Variant::Starter => Todo::of(lecture.tasks),
        Variant::Solution => Todo::default(),
    };
    let resources: Vec<ResourceContext> = spec
        .resources
        .iter()
        .enumerate()
        .map(|(i, r)| resource(spec, dialect, i, r))
        .collect();
    let check_test = check_test(spec, dialect, &resources);
    ProjectContext {
        checks_migration: format!("{:04}_add_check_constraints.sql", spec.resources.len() + 1),
        any_checks: resources.iter().any(|r| r.has_checks),
        rebuild_to_add_constraints: dialect.rebuilds_to_add_constraints(),
        check_test,
        more_rows_sql: resources
            .iter()
            .map(|r| r.more_rows.clone())
            .collect::<Vec<_>>()
            .join("\n"),
        app: spec.app.clone(),
        title: spec.title.clone(),
        title_html: html_escape(&spec.title),
        log_filter: format!("{}=debug,tower_http=info", spec.app.krate),
        any_parents: spec.resources.iter().any(|r| !r.parents.is_empty()),
        any_unique: resources.iter().any(|r| r.any_unique),
        any_pattern: resources.iter().any(|r| r.any_pattern),
        any_email: resources.iter().any(|r| r.any_email),
        any_url: resources.iter().any(|r| r.any_url),
        description_toml: toml_string(&format!(
            "{}, lecture {}: {} ({})",
            spec.title,
            lecture.number,
            lecture.title,
            variant.name()
        )),
        lecture: LectureContext {
            number: lecture.number,
            slug: lecture.slug,
            title: lecture.title,
            summary: lecture.summary,
            objectives: lecture.objectives,
            changes: lecture.changes,
            exercise: lecture.exercise,
            variant,
            starter: variant == Variant::Starter,
        },
        has: lecture.has(),
        todo,
        exercise_tests: match variant {
            Variant::Starter => crate::lectures::exercise_test_prefixes(lecture, spec),
            Variant::Solution => Vec::new(),
        },
        dialect: DialectContext {
            name: dialect,
            pool: dialect.pool_type(),
            pool_options: dialect.pool_options_type(),
            connection: dialect.connection_type(),
            executor: dialect.executor_trait(),
            sqlx_feature: dialect.sqlx_feature(),
            engine_build: dialect.engine_build(),
            default_url: format!("sqlite:{}", spec.app.database_file),
            primary_key: dialect.primary_key(),
            timestamp_column: dialect.timestamp_column(),
        },
        resources,
    }
}

fn base_type(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Integer => "i64",
        FieldType::Float => "f64",
        FieldType::Bool => "bool",
        FieldType::Date => "NaiveDate",
        FieldType::Datetime => "DateTime<Utc>",
        _ => "String",
    }
}

fn static_base_type(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Integer => "i64",
        FieldType::Float => "f64",
        FieldType::Bool => "bool",
        _ => "&'static str",
    }
}

fn option(ty: &str, optional: bool) -> String {
    if optional {
        format!("Option<{ty}>")
    } else {
        ty.to_owned()
    }
}

/// A value as a Rust expression of its base type, as tests compare JSON with it.
pub fn rust_literal(value: &Literal) -> String {
    match value {
        Literal::Text(text) => format!("{text:?}"),
        other => other.to_string(),
    }
}

/// The Rust expression that builds an owned value of the field's row type from a literal.
fn default_expr(value: &Literal) -> String {
    match value {
        Literal::Text(text) => format!("{text:?}.to_owned()"),
        other => other.to_string(),
    }
}

fn resource(spec: &Spec, dialect: Dialect, index: usize, resource: &Resource) -> ResourceContext {
    let names = &resource.names;
    let mut fields: Vec<FieldContext> = resource
        .fields
        .iter()
        .map(|f| field(dialect, names, f))
        .collect();
    if let Some(first) = fields
        .iter_mut()
        .find(|f| f.create_bind.contains(".unwrap_or"))
    {
        first.default_comment = true;
    }
    let parents: Vec<ParentContext> = resource
        .parents
        .iter()
        .map(|p| {
            let parent = &spec.resources[p.resource].names;
            let nullable = p.on_delete == OnDelete::SetNull;
            let key = parent.foreign_key.clone();
            ParentContext {
                column: format!(
                    "{} integer{} references {} (id) on delete {}",
                    dialect.ident(&key),
                    if nullable { "" } else { " not null" },
                    dialect.ident(&parent.table),
                    dialect.on_delete(p.on_delete)
                ),
                index: format!(
                    "create index {table}_{key}_idx on {qtable} ({qkey});",
                    table = names.table,
                    qtable = dialect.ident(&names.table),
                    qkey = dialect.ident(&key)
                ),
                exists_sql: format!(
                    "select exists(select 1 from {} where id = {})",
                    dialect.ident(&parent.table),
                    dialect.placeholder(1)
                ),
                missing_message: format!("must be the id of an existing {}", parent.human),
                row_type: option("i64", nullable),
                new_type: option("i64", nullable),
                patch_type: if nullable {
                    "Option<Option<i64>>".into()
                } else {
                    "Option<i64>".into()
                },
                names: parent.clone(),
                sql: dialect.ident(&key),
                key,
                nullable,
                on_delete: p.on_delete,
            }
        })
        .collect();

    let columns = column_list(spec, dialect, resource);
    let writable: Vec<String> = fields
        .iter()
        .map(|f| f.sql.clone())
        .chain(parents.iter().map(|p| dialect.ident(&p.key)))
        .collect();
    let table = dialect.ident(&names.table);
    let placeholders: Vec<String> = (1..=writable.len())
        .map(|n| dialect.placeholder(n))
        .collect();
    // PATCH changes only the columns the body names, in one statement. A column that cannot
    // be null keeps its value when the bound value is null (`coalesce`); one that can be null
    // takes two values, whether the key was sent and the new value, which may be null. Each
    // placeholder and the value the handler binds to it are made together, so they cannot
    // drift apart.
    let patched = fields
        .iter()
        .map(|f| (&f.names.ident, f.nullable))
        .chain(parents.iter().map(|p| (&p.key, p.nullable)));
    let mut update_binds = Vec::new();
    let mut bind = |value: String| {
        update_binds.push(value);
        dialect.placeholder(update_binds.len())
    };
    let mut assignments: Vec<String> = writable
        .iter()
        .zip(patched)
        .map(|(c, (ident, nullable))| {
            if nullable {
                let sent = bind(format!("patch.{ident}.is_some()"));
                let value = bind(format!("patch.{ident}.flatten()"));
                format!("{c} = case when {sent} then {value} else {c} end")
            } else {
                format!("{c} = coalesce({}, {c})", bind(format!("patch.{ident}")))
            }
        })
        .collect();
    assignments.push(format!("updated_at = {}", dialect.now()));
    let id_param = bind("id".to_owned());
    let layout = SqlLayout::holding(columns.iter().chain([&table]));
    let select = layout.list("select ", &columns, "");
    let from = format!("from {table}");
    let returning = layout.list("returning ", &columns, "");
    let sql = SqlContext {
        ids: format!("select id from {table} order by id"),
        list: layout.statement(&[&select, &from, "order by id"]),
        list_page: layout.statement(&[
            &select,
            &from,
            "order by id",
            &format!(
                "limit {} offset {}",
                dialect.placeholder(1),
                dialect.placeholder(2)
            ),
        ]),
        find: layout.statement(&[
            &select,
            &from,
            &format!("where id = {}", dialect.placeholder(1)),
        ]),
        insert: layout.statement(&[
            &layout.list(&format!("insert into {table} ("), &writable, ")"),
            &layout.list("values (", &placeholders, ")"),
            &returning,
        ]),
        update: layout.statement(&[
            &format!("update {table}"),
            &layout.list("set ", &assignments, ""),
            &format!("where id = {id_param}"),
            &returning,
        ]),
        update_binds,
        delete: format!("delete from {table} where id = {}", dialect.placeholder(1)),
        columns: columns.join(", "),
        table,
    };

    let children = resource
        .children
        .iter()
        .map(|&c| child(spec, dialect, index, c))
        .collect();

    let display_field = resource
        .fields
        .iter()
        .find(|f| f.rules.required && f.ty.is_textual());
    let display_text = display_field.is_some();
    let display = display_field.unwrap_or(&resource.fields[0]).names.clone();

    let mut chrono = vec!["DateTime"];
    if resource.fields.iter().any(|f| f.ty == FieldType::Date) {
        chrono.push("NaiveDate");
    }
    chrono.push("Utc");

    let seed = resource
        .seed
        .iter()
        .enumerate()
        .map(|(n, row)| {
            let id = n as i64 + 1;
            let mut values = vec![id.to_string()];
            values.extend(row.values.iter().map(|v| match v {
                Some(v) => dialect.literal(v),
                None => "null".into(),
            }));
            values.extend(row.parent_ids.iter().map(|&p| {
                if p == 0 {
                    "null".to_owned()
                } else {
                    p.to_string()
                }
            }));
            let rust = resource
                .fields
                .iter()
                .zip(&row.values)
                .map(|(f, v)| {
                    let literal = v.as_ref().map(rust_literal);
                    match (f.nullable(), literal) {
                        (true, Some(l)) => format!("Some({l})"),
                        (true, None) => "None".into(),
                        (false, Some(l)) => l,
                        (false, None) => "Default::default()".into(),
                    }
                })
                .collect();
            let parent_ids = row
                .parent_ids
                .iter()
                .zip(&parents)
                .map(|(&id, p)| match (p.nullable, id) {
                    (true, 0) => "None".to_owned(),
                    (true, id) => format!("Some({id})"),
                    (false, id) => id.to_string(),
                })
                .collect();
            RowContext {
                id,
                sql: format!("({})", values.join(", ")),
                rust,
                parent_ids,
            }
        })
        .collect();

    let first_required = resource
        .fields
        .iter()
        .find(|f| f.rules.required)
        .map(|f| f.names.clone());
    // The "clear with null" test and the update exercise use the same nullable field.
    let nullable_field = fields.iter().find(|f| f.nullable);
    let first_nullable = nullable_field.map(|f| f.names.clone());
    let example = |f: &FieldContext| ColumnExample {
        sql: f.sql.clone(),
        ident: f.names.ident.clone(),
    };
    let update_examples = UpdateExamples {
        kept: fields.iter().find(|f| !f.nullable).map(example),
        cleared: nullable_field.map(example),
    };

    let more_rows = more_rows(spec, dialect, resource, &fields, &parents);
    let any_unique = resource.fields.iter().any(|f| f.rules.unique);
    let mut has_checks = false;
    let mut checked_columns: Vec<String> = resource
        .fields
        .iter()
        .zip(&fields)
        .map(|(f, ctx)| match dialect.check_clause(&ctx.sql, &f.rules) {
            Some(check) => {
                has_checks = true;
                format!("{} {check}", ctx.column)
            }
            None => ctx.column.clone(),
        })
        .collect();
    checked_columns.extend(parents.iter().map(|p| p.column.clone()));
    let fields_with_cases = fields
        .iter()
        .filter(|f| !f.cases.is_empty())
        .map(|f| f.names.name.clone())
        .collect();
    ResourceContext {
        validate_needs_db: any_unique || !resource.parents.is_empty(),
        fields_with_cases,
        checked_columns,
        has_checks,
        any_unique,
        any_pattern: resource.fields.iter().any(|f| f.rules.pattern.is_some()),
        any_email: resource.fields.iter().any(|f| f.ty == FieldType::Email),
        any_url: resource.fields.iter().any(|f| f.ty == FieldType::Url),
        more_rows,
        names: names.clone(),
        any_nullable: resource.fields.iter().any(Field::nullable)
            || parents.iter().any(|p| p.nullable),
        any_default: resource
            .fields
            .iter()
            .any(|f| f.rules.default.is_some() && !f.rules.required),
        first_required,
        first_nullable,
        update_examples,
        samples: samples(spec, resource),
        fields,
        parents,
        children,
        display,
        display_text,
        chrono_imports: chrono.join(", "),
        sql,
        seed,
        migration: format!("{:04}_create_{}.sql", index + 1, names.table),
    }
}

/// The checks of `rules` on a value named `v`, as Rust conditions that are true when broken.
fn checks(f: &Field, v: &str, pattern_static: Option<&str>) -> Vec<CheckContext> {
    let rules = &f.rules;
    let mut out = Vec::new();
    let mut add = |rule: &'static str, condition: String| {
        out.push(CheckContext {
            rule,
            condition,
            message: rule_message(rules, rule),
        });
    };
    if let Some(min) = rules.min_length {
        add("min_length", format!("{v}.chars().count() < {min}"));
    }
    if let Some(max) = rules.max_length {
        add("max_length", format!("{v}.chars().count() > {max}"));
    }
    if let Some(name) = pattern_static {
        add("pattern", format!("!{name}.is_match({v})"));
    }
    match f.ty {
        FieldType::Email => add("email", format!("!is_email({v})")),
        FieldType::Url => add("url", format!("!is_url({v})")),
        _ => {}
    }
    let bound = |n: crate::spec::Number| match f.ty {
        FieldType::Float => float_text(n.as_f64()),
        _ => n.to_string(),
    };
    if let Some(min) = rules.min {
        add("min", format!("{v} < {}", bound(min)));
    }
    if let Some(max) = rules.max {
        add("max", format!("{v} > {}", bound(max)));
    }
    if let Some(options) = &rules.one_of {
        let list: Vec<String> = options.iter().map(rust_literal).collect();
        add("one_of", format!("![{}].contains(&{v})", list.join(", ")));
    }
    out
}

/// How tests name a broken rule and its boundary.
fn case_names(rule: &str) -> (&'static str, &'static str) {
    match rule {
        "min_length" => ("under_min_length", "at_min_length"),
        "max_length" => ("over_max_length", "at_max_length"),
        "min" => ("below_min", "at_min"),
        "max" => ("above_max", "at_max"),
        "pattern" => ("not_matching_its_pattern", ""),
        "email" => ("that_is_not_an_email", ""),
        "url" => ("that_is_not_a_url", ""),
        _ => ("not_among_its_options", ""),
    }
}

fn field(dialect: Dialect, resource: &ResourceNames, f: &Field) -> FieldContext {
    let base = base_type(f.ty);
    let nullable = f.nullable();
    let required = f.rules.required;
    let mut column = format!(
        "{} {}",
        dialect.ident(&f.names.name),
        dialect.column_type(f.ty)
    );
    if !nullable {
        column.push_str(" not null");
    }
    if f.rules.unique {
        column.push_str(" unique");
    }
    if let Some(default) = &f.rules.default {
        column.push_str(&format!(" default {}", dialect.literal(default)));
    }
    let create_bind = match (&f.rules.default, required) {
        (Some(default @ Literal::Text(_)), false) => format!(
            "input.{}.unwrap_or_else(|| {})",
            f.names.ident,
            default_expr(default)
        ),
        (Some(default), false) => format!(
            "input.{}.unwrap_or({})",
            f.names.ident,
            default_expr(default)
        ),
        _ => format!("input.{}", f.names.ident),
    };
    let pattern_static = f
        .rules
        .pattern
        .as_ref()
        .map(|_| format!("{}_PATTERN", f.names.name.to_uppercase()));
    let check_param = match f.ty {
        FieldType::Integer => "i64",
        FieldType::Float => "f64",
        ty if ty.is_textual() => "&str",
        _ => "",
    };
    let checks = checks(f, &f.names.ident, pattern_static.as_deref());
    let cases = crate::spec::rule_cases(resource, f)
        .unwrap_or_default()
        .into_iter()
        .map(|case| {
            let (rejects, accepts) = case_names(case.rule);
            CaseContext {
                rule: case.rule,
                rejects: rejects.to_owned(),
                accepts: accepts.to_owned(),
                bad: rust_literal(&case.bad),
                boundary: case.boundary.as_ref().map(rust_literal),
                message: rule_message(&f.rules, case.rule),
            }
        })
        .collect();
    FieldContext {
        check_param: if checks.is_empty() {
            String::new()
        } else {
            check_param.to_owned()
        },
        checks,
        pattern_literal: f.rules.pattern.as_ref().map(|p| string_literal(&p.source)),
        pattern_static,
        required_message: rule_message(&f.rules, "required"),
        unique: f.rules.unique,
        unique_message: rule_message(&f.rules, "unique"),
        unique_sql: format!(
            "select exists(select 1 from {} where {} = {} and id <> {})",
            dialect.ident(&resource.table),
            dialect.ident(&f.names.name),
            dialect.placeholder(1),
            dialect.placeholder(2)
        ),
        cases,
        names: f.names.clone(),
        ty: f.ty,
        row_type: option(base, nullable),
        static_type: option(static_base_type(f.ty), nullable),
        new_type: option(base, !required),
        new_type_optional: option(base, true),
        patch_type: if nullable {
            format!("Option<Option<{base}>>")
        } else {
            format!("Option<{base}>")
        },
        nullable,
        required,
        create_bind,
        default_comment: false,
        column,
        sql: dialect.ident(&f.names.name),
    }
}

/// Every column of a resource's table, in table order, as SQL needs them:
/// `id, title, ..., production_id, created_at, updated_at`.
fn column_list(spec: &Spec, dialect: Dialect, resource: &Resource) -> Vec<String> {
    let mut columns = vec!["id".to_owned()];
    columns.extend(resource.fields.iter().map(|f| dialect.ident(&f.names.name)));
    columns.extend(
        resource
            .parents
            .iter()
            .map(|p| dialect.ident(&spec.resources[p.resource].names.foreign_key)),
    );
    columns.extend(["created_at".to_owned(), "updated_at".to_owned()]);
    columns
}

/// How an SQL statement is laid out in the string literal that holds it in generated Rust.
///
/// The literal opens at column 8 (`        "select ...`), so the statement's first line starts
/// at column 9, and the lines after it are indented to line up with it; a literal that must be
/// raw (`r#"`, for a quoted identifier such as `"order"`) starts two columns further right.
/// Lines are wrapped to end by [`SQL_WIDTH`].
#[derive(Clone, Copy)]
struct SqlLayout {
    margin: usize,
}

/// The longest line of an SQL statement, indentation included. It leaves room for the closing
/// `",` or `"#,` within rustfmt's 100 columns: one longer line and rustfmt leaves the whole
/// expression around the statement as the template wrote it.
const SQL_WIDTH: usize = 96;

impl SqlLayout {
    /// The layout for a statement that holds `names`, as the dialect quotes them: the text
    /// starts after the literal's opening (`"`, `r"` or `r#"`), as `string_literal` writes it.
    fn holding<'a>(names: impl IntoIterator<Item = &'a String>) -> Self {
        let names: Vec<&str> = names.into_iter().map(String::as_str).collect();
        let literal = string_literal(&names.join(" "));
        let opening = literal.find('"').map_or(1, |quote| quote + 1);
        SqlLayout {
            margin: 8 + opening,
        }
    }

    /// Clauses of one statement, a line each.
    fn statement(self, clauses: &[&str]) -> String {
        clauses.join(&format!("\n{}", " ".repeat(self.margin)))
    }

    /// `head`, the `items` separated by commas, then `tail`; wrapped to [`SQL_WIDTH`], with
    /// the lines after the first lined up under the first item:
    ///
    /// ```text
    /// select id, title, genre, budget, image, director, description, ongoing, created_at,
    ///        updated_at
    /// ```
    fn list(self, head: &str, items: &[String], tail: &str) -> String {
        let align = self.margin + head.len();
        let mut out = head.to_owned();
        let mut column = align;
        for (n, item) in items.iter().enumerate() {
            let piece = if n + 1 == items.len() {
                format!("{item}{tail}")
            } else {
                format!("{item},")
            };
            if n > 0 {
                if column + 1 + piece.len() > SQL_WIDTH {
                    out.push('\n');
                    out.push_str(&" ".repeat(align));
                    column = align;
                } else {
                    out.push(' ');
                    column += 1;
                }
            }
            out.push_str(&piece);
            column += piece.len();
        }
        out
    }
}

fn child(spec: &Spec, dialect: Dialect, parent: usize, child: usize) -> ChildContext {
    let resource = &spec.resources[child];
    let position = resource
        .parents
        .iter()
        .position(|p| p.resource == parent)
        .unwrap_or(0);
    let link = &resource.parents[position];
    let key = spec.resources[parent].names.foreign_key.clone();
    let columns = column_list(spec, dialect, resource);
    let table = dialect.ident(&resource.names.table);
    let layout = SqlLayout::holding(columns.iter().chain([&table, &dialect.ident(&key)]));
    let ids = |keep: &dyn Fn(i64) -> bool| -> Vec<i64> {
        resource
            .seed
            .iter()
            .enumerate()
            .filter(|(_, row)| keep(row.parent_ids[position]))
            .map(|(n, _)| n as i64 + 1)
            .collect()
    };
    // The parent rows that have children of this kind, in order.
    let mut parent_ids: Vec<i64> = resource
        .seed
        .iter()
        .map(|row| row.parent_ids[position])
        .filter(|&p| p > 0)
        .collect();
    parent_ids.sort_unstable();
    parent_ids.dedup();
    let restricted = restricted_ids(spec, parent);
    let cascade_target = match link.on_delete {
        OnDelete::Cascade => parent_ids.iter().copied().find(|p| !restricted.contains(p)),
        _ => None,
    };
    ChildContext {
        names: resource.names.clone(),
        select: layout.statement(&[
            &layout.list("select ", &columns, ""),
            &format!("from {table}"),
            &format!("where {} = {}", dialect.ident(&key), dialect.placeholder(1)),
            "order by id",
        ]),
        cascade: link.on_delete == OnDelete::Cascade,
        of_first: id_list(&ids(&|p| p == 1)),
        cascade_target,
        left_after_cascade: {
            // The test adds the extra rows first; they belong to another parent and stay.
            let target = cascade_target.unwrap_or(0);
            let mut left = ids(&|p| p != target);
            let n = resource.seed.len() as i64;
            left.extend(n + 1..=n + MORE_ROWS as i64);
            id_list(&left)
        },
        restrict_target: match link.on_delete {
            OnDelete::Restrict => parent_ids.first().copied(),
            _ => None,
        },
        key,
    }
}

/// The seed ids of resource `parent` that a child with `on_delete: restrict` points at.
fn restricted_ids(spec: &Spec, parent: usize) -> Vec<i64> {
    spec.resources
        .iter()
        .flat_map(|child| {
            child
                .parents
                .iter()
                .enumerate()
                .filter(|(_, p)| p.resource == parent && p.on_delete == OnDelete::Restrict)
                .flat_map(|(at, _)| child.seed.iter().map(move |row| row.parent_ids[at]))
        })
        .collect()
}

/// An insert that breaks exactly one CHECK constraint, for the test proving the database
/// refuses what skips the Rust validation.
#[derive(Debug, Serialize)]
pub struct CheckTest {
    pub sql: String,
    pub table: String,
    pub field: String,
    pub rule: &'static str,
}

fn check_test(spec: &Spec, dialect: Dialect, contexts: &[ResourceContext]) -> Option<CheckTest> {
    const SQL_RULES: &[&str] = &["min_length", "max_length", "min", "max", "one_of"];
    spec.resources
        .iter()
        .zip(contexts)
        .find_map(|(resource, ctx)| {
            let (at, case) = ctx.fields.iter().enumerate().find_map(|(at, f)| {
                crate::spec::rule_cases(&resource.names, &resource.fields[at])
                    .ok()?
                    .into_iter()
                    .find(|c| SQL_RULES.contains(&c.rule))
                    .map(|case| (at, case))
                    .filter(|_| !f.checks.is_empty())
            })?;
            let mut values = fresh_rows(resource, 1).pop().unwrap_or_default();
            values[at] = Some(case.bad);
            let mut columns: Vec<String> = ctx.fields.iter().map(|f| f.sql.clone()).collect();
            let mut literals: Vec<String> = values
                .iter()
                .map(|v| v.as_ref().map_or("null".into(), |v| dialect.literal(v)))
                .collect();
            for p in &ctx.parents {
                columns.push(p.sql.clone());
                literals.push("1".into());
            }
            Some(CheckTest {
                sql: {
                    let layout = SqlLayout::holding(columns.iter().chain([&ctx.sql.table]));
                    layout.statement(&[
                        &layout.list(&format!("insert into {} (", ctx.sql.table), &columns, ")"),
                        &layout.list("values (", &literals, ")"),
                    ])
                },
                table: ctx.names.table.clone(),
                field: ctx.fields[at].names.name.clone(),
                rule: case.rule,
            })
        })
}

/// How many rows `more_rows_sql` adds to each table.
const MORE_ROWS: usize = 3;

/// The insert of this resource's extra test rows: ids after the seed rows, and every parent
/// key pointing at the parent's last extra row, so that no extra row belongs to row 1.
fn more_rows(
    spec: &Spec,
    dialect: Dialect,
    resource: &Resource,
    fields: &[FieldContext],
    parents: &[ParentContext],
) -> String {
    let mut columns = vec!["id".to_owned()];
    columns.extend(fields.iter().map(|f| f.sql.clone()));
    columns.extend(parents.iter().map(|p| p.sql.clone()));
    let rows: Vec<String> = fresh_rows(resource, MORE_ROWS)
        .into_iter()
        .enumerate()
        .map(|(k, values)| {
            let mut row = vec![(resource.seed.len() + k + 1).to_string()];
            row.extend(
                values
                    .iter()
                    .map(|v| v.as_ref().map_or("null".into(), |v| dialect.literal(v))),
            );
            row.extend(
                resource
                    .parents
                    .iter()
                    .map(|p| (spec.resources[p.resource].seed.len() + MORE_ROWS).to_string()),
            );
            format!("({})", row.join(", "))
        })
        .collect();
    format!(
        "insert into {} ({}) values\n    {};",
        dialect.ident(&resource.names.table),
        columns.join(", "),
        rows.join(",\n    ")
    )
}

/// `count` new rows of values, numbered after the seed rows: on a unique field, no value
/// repeats a seed row's or another new row's.
fn fresh_rows(resource: &Resource, count: usize) -> Vec<Vec<Option<Literal>>> {
    let mut used: Vec<Vec<Literal>> = resource
        .fields
        .iter()
        .enumerate()
        .map(|(at, _)| {
            resource
                .seed
                .iter()
                .filter_map(|row| row.values[at].clone())
                .collect()
        })
        .collect();
    let start = resource.seed.len() + 1;
    (0..count)
        .map(|k| {
            resource
                .fields
                .iter()
                .enumerate()
                .map(|(at, f)| {
                    let value = (start + k..start + k + 50)
                        .filter_map(|n| sample_value(&resource.names, f, n))
                        .find(|v| !f.rules.unique || !used[at].contains(v));
                    if let Some(v) = &value {
                        used[at].push(v.clone());
                    }
                    value
                })
                .collect()
        })
        .collect()
}

fn json_pairs(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k:?}: {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn samples(spec: &Spec, resource: &Resource) -> SampleContext {
    let mut rows = fresh_rows(resource, 2).into_iter();
    let fresh = rows.next().unwrap_or_default();
    let changed = rows.next().unwrap_or_default();
    let first_row = resource.seed.first();
    let mut first = Vec::new();
    if let Some(row) = first_row {
        for (f, v) in resource.fields.iter().zip(&row.values) {
            if let Some(v) = v {
                first.push((f.names.name.clone(), rust_literal(v)));
            }
        }
    }
    let parents: Vec<(String, String)> = resource
        .parents
        .iter()
        .map(|p| {
            (
                spec.resources[p.resource].names.foreign_key.clone(),
                "1".to_owned(),
            )
        })
        .collect();

    let mut full: Vec<(String, String)> = resource
        .fields
        .iter()
        .zip(&fresh)
        .filter_map(|(f, v)| v.as_ref().map(|v| (f.names.name.clone(), rust_literal(v))))
        .collect();
    full.extend(parents.iter().cloned());
    let mut minimal: Vec<(String, String)> = resource
        .fields
        .iter()
        .zip(&fresh)
        .filter(|(f, _)| f.rules.required)
        .filter_map(|(f, v)| v.as_ref().map(|v| (f.names.name.clone(), rust_literal(v))))
        .collect();
    minimal.extend(
        parents
            .iter()
            .zip(&resource.parents)
            .filter(|(_, p)| p.on_delete != OnDelete::SetNull)
            .map(|(kv, _)| kv.clone()),
    );
    let defaults = resource
        .fields
        .iter()
        .filter(|f| !f.rules.required)
        .filter_map(|f| {
            f.rules
                .default
                .as_ref()
                .map(|d| (f.names.name.clone(), rust_literal(d)))
        })
        .collect();

    let patched = &resource.fields[0];
    let patch_value = changed[0]
        .as_ref()
        .map(rust_literal)
        .unwrap_or_else(|| "null".into());
    let untouched = resource
        .fields
        .iter()
        .skip(1)
        .zip(first_row.map(|r| &r.values[1..]).unwrap_or(&[]))
        .find_map(|(f, v)| v.as_ref().map(|v| (f.names.name.clone(), rust_literal(v))));
    let n = resource.seed.len() as i64;
    let first_item_html =
        first_row.and_then(|row| {
            resource.fields.iter().zip(&row.values).find_map(|(f, v)| {
                match (f.ty.is_textual(), v) {
                    (true, Some(Literal::Text(text))) => {
                        Some(format!("<li>{}: {}</li>", f.names.name, html_escape(text)))
                    }
                    _ => None,
                }
            })
        });
    let index = spec
        .resources
        .iter()
        .position(|r| r.names == resource.names)
        .unwrap_or(0);
    let restricted = restricted_ids(spec, index);
    // A seed row nothing forbids deleting, or else the first extra row, which has no children.
    let seed_delete_id = (1..=n).find(|id| !restricted.contains(id));
    SampleContext {
        first,
        ids: id_list(&(1..=n).collect::<Vec<_>>()),
        ids_with_more: id_list(&(1..=n + MORE_ROWS as i64).collect::<Vec<_>>()),
        second_page: id_list(&[2, 3]),
        first_item_html,
        delete_id: seed_delete_id.unwrap_or(n + 1),
        delete_needs_more: seed_delete_id.is_none(),
        created_id: n + 1,
        create_body: json_pairs(&full),
        create_minimal_body: json_pairs(&minimal),
        create_expect: full,
        defaults,
        patch_key: patched.names.name.clone(),
        patch_body: json_pairs(&[(patched.names.name.clone(), patch_value.clone())]),
        patch_expect: patch_value,
        untouched,
    }
}

/// Ids as a Rust expression that compares with a `Vec<i64>`: `[1, 2]`, or an empty `Vec`.
fn id_list(ids: &[i64]) -> String {
    if ids.is_empty() {
        "Vec::<i64>::new()".to_owned()
    } else {
        let ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
        format!("[{}]", ids.join(", "))
    }
}

/// Makes text safe to put inside HTML, as the generated `escape` does.
pub fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Text as a Rust string literal that keeps its line breaks: `"..."`, or a raw string
/// (`r"..."`, `r#"..."#`) when the text holds a quote or a backslash, as SQL's `"order"` and
/// regular expressions do.
pub fn string_literal(text: &str) -> String {
    if !text.contains(['"', '\\']) {
        return format!("\"{text}\"");
    }
    let hashes = (0..)
        .map(|n| "#".repeat(n))
        .find(|h| !text.contains(&format!("\"{h}")))
        .unwrap_or_default();
    format!("r{hashes}\"{text}\"{hashes}")
}

/// A quoted TOML basic string.
fn toml_string(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_escape_quotes_and_backslashes() {
        assert_eq!(
            toml_string(r#"The "Best" \ Theater"#),
            r#""The \"Best\" \\ Theater""#
        );
    }

    #[test]
    fn string_literals_are_raw_only_when_they_must_be() {
        assert_eq!(string_literal("select id"), r#""select id""#);
        assert_eq!(string_literal(r"\.jpg$"), r#"r"\.jpg$""#);
        assert_eq!(
            string_literal(r#"select "order""#),
            r##"r#"select "order""#"##
        );
    }

    #[test]
    fn wrapped_lists_fit_the_width_and_line_up_under_the_first_item() {
        let columns: Vec<String> = (1..=12).map(|n| format!("column_{n}")).collect();
        let layout = SqlLayout { margin: 9 };
        let sql = layout.list("select ", &columns, "");
        let lines: Vec<&str> = sql.lines().collect();
        assert_eq!(lines.len(), 2, "{sql}");
        // The first line follows the opening quote; the others carry their indentation.
        assert!(layout.margin + lines[0].len() <= SQL_WIDTH, "{sql}");
        assert!(lines[1].len() <= SQL_WIDTH, "{sql}");
        assert!(lines[0].starts_with("select column_1, column_2,"), "{sql}");
        assert!(
            lines[1].starts_with(&format!("{}column_", " ".repeat(9 + 7))),
            "{sql}"
        );
        assert!(lines[1].ends_with("column_12"), "{sql}");
        // Nothing is lost or reordered.
        let rejoined: Vec<&str> = sql["select ".len()..].split(',').map(str::trim).collect();
        assert_eq!(rejoined, columns);
    }

    #[test]
    fn a_raw_literal_moves_the_statement_right() {
        let names = ["id".to_owned(), "\"order\"".to_owned()];
        let layout = SqlLayout::holding(&names);
        assert_eq!(
            layout.statement(&["select", "from t"]),
            "select\n           from t"
        );
        assert_eq!(SqlLayout::holding(&names[..1]).margin, 9);
        // A backslash alone needs `r"`, one column less than `r#"`.
        assert_eq!(SqlLayout::holding(&[r"a\b".to_owned()]).margin, 10);
    }

    #[test]
    fn short_lists_stay_on_one_line_with_their_tail() {
        let marks = vec!["?".to_owned(), "?".to_owned()];
        let layout = SqlLayout { margin: 9 };
        assert_eq!(layout.list("values (", &marks, ")"), "values (?, ?)");
    }

    #[test]
    fn each_placeholder_of_the_update_has_its_bound_value() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/festival.yaml");
        let spec = crate::cli::load(&path).unwrap();
        let lecture = &crate::lectures::LECTURES[3];
        let context = project(&spec, lecture, Variant::Solution);
        let mut nullable_seen = false;
        for r in &context.resources {
            let binds = &r.sql.update_binds;
            assert_eq!(
                r.sql.update.matches('?').count(),
                binds.len(),
                "{}",
                r.sql.update
            );
            assert_eq!(binds.last().map(String::as_str), Some("id"));
            for f in &r.fields {
                let ident = &f.names.ident;
                let expected: Vec<String> = if f.nullable {
                    nullable_seen = true;
                    vec![
                        format!("patch.{ident}.is_some()"),
                        format!("patch.{ident}.flatten()"),
                    ]
                } else {
                    vec![format!("patch.{ident}")]
                };
                let at = binds.iter().position(|b| *b == expected[0]).unwrap();
                assert_eq!(binds[at..at + expected.len()], expected[..], "{binds:?}");
            }
        }
        assert!(
            nullable_seen,
            "the spec must have a nullable field for this test to mean much"
        );
    }

    #[test]
    fn id_lists_compare_with_a_vec_even_when_empty() {
        assert_eq!(id_list(&[1, 2]), "[1, 2]");
        assert_eq!(id_list(&[]), "Vec::<i64>::new()");
    }
}
