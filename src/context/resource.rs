//! One resource's context, put together from its fields, relations, SQL and samples.

use serde::Serialize;

use super::fields::{DbRule, FieldContext, check_constraints, db_rules, resource_fields};
use super::relations::{ChildContext, ParentContext, child, parent};
use super::samples::{RowContext, SampleContext, more_rows, samples, seed};
use super::sql::{SqlContext, UpdateExamples, statements, update_examples};
use crate::dialect::{CheckConstraint, Dialect};
use crate::naming::{FieldNames, ResourceNames};
use crate::spec::{Field, FieldType, OnDelete, Resource, Spec};

#[derive(Debug, Serialize)]
pub struct ResourceContext {
    pub names: ResourceNames,
    pub fields: Vec<FieldContext>,
    pub parents: Vec<ParentContext>,
    pub children: Vec<ChildContext>,
    /// The field that names a row on its page: a required text field without `one_of`, a
    /// unique `string` first; else the first field.
    pub display: FieldNames,
    /// Whether `display` is a required text field, so a page can use it as its heading.
    pub display_text: bool,
    /// The field lecture 1's page test fills with HTML, to prove the page escapes it: the
    /// heading's field, else the first one the in-memory list holds as text; none when every
    /// field is a number or a bool, which cannot hold a `<`.
    pub page_test_field: Option<PageTestField>,
    /// `chrono` items the row type needs, in the order `use` lists them.
    pub chrono_imports: String,
    pub sql: SqlContext,
    /// Seed rows, for `seed.sql`, the in-memory list and the tests.
    pub seed: Vec<RowContext>,
    pub samples: SampleContext,
    /// Whether some field can be null, so that PATCH needs to tell absent from null.
    pub any_nullable: bool,
    pub any_default: bool,
    /// Whether a PATCH can send null for a required field or parent, which lecture 5 refuses.
    pub any_required: bool,
    /// Whether some required field is text, where lecture 5 refuses an empty string too.
    pub any_required_text: bool,
    /// Whether any rule can refuse a body (a required, checked or unique field, or a parent),
    /// so that `validate` adds to its errors; without one, every body is valid.
    pub any_rules: bool,
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
    /// The CHECK constraints of lecture 5, one per rule SQL can express.
    pub check_constraints: Vec<CheckConstraint>,
    /// Whether the table has CHECK constraints, so it is rebuilt in lecture 5.
    pub has_checks: bool,
    /// What each of the table's rule constraints means to a client, for `src/error.rs`.
    pub db_rules: Vec<DbRule>,
    /// The parent of a resource with exactly one: a broken foreign key on a write is then
    /// known to be its key.
    pub sole_parent: Option<ParentContext>,
    /// The children that keep a row from being deleted (`on_delete: restrict`), as a phrase:
    /// `matches`, or `loans or holds`.
    pub restricted_by: Option<String>,
    /// The names of the fields that have rules to test one by one.
    pub fields_with_cases: Vec<String>,
    /// Whether this is the resource whose migration and row struct lecture 2's starter leaves
    /// to the student (`todo.schema`).
    pub schema_exercise: bool,
    /// Whether this is the resource whose update handler's authorization check lecture 7's
    /// starter leaves to the student (`todo.authorization`).
    pub authorization_exercise: bool,
    /// What each column of the table is, in words, for the starter's migration to say what
    /// to write.
    pub column_notes: Vec<String>,
    /// Another resource's migration, to point at as an example of the form.
    pub other_migration: Option<String>,
    /// The type `show_*` answers with when the resource has children, which holds the row and
    /// its children: `ProductionWithCastMembers`.
    pub nested_type: Option<String>,
    /// Whether some field has rules Rust checks, so that it has a `check_*` function.
    pub any_checked_field: bool,
    /// Whether rows have an owner, `user_id` (lecture 7).
    pub owned: bool,
    /// Who may take each action, as its handler says it (lecture 7): list, show, create,
    /// update and delete, in that order.
    pub access: super::auth::AccessContext,
    /// The owner of each seed row, as a Rust array, when rows have owners (lecture 7).
    pub seed_owners: String,
    /// The seed user whose log-in the request collections send before this resource's
    /// requests: one who may take each of them (lecture 7).
    pub acting_user: Option<super::auth::Credentials>,
    /// The line a test of each action adds to sign in as someone allowed (lecture 7).
    pub sign_in: super::auth::SignInContext,
    /// Whether some handler's check names a role, so that the module imports `Role`.
    pub access_names_role: bool,
    /// Whether some handler takes a `CurrentUser`, or checks with `allow`.
    pub access_any_user: bool,
    pub access_any_check: bool,
    /// The fields whose names are Rust keywords, so that their identifiers are raw (`r#type`).
    pub keyword_fields: Vec<FieldNames>,
}

/// The context of `resource`, the resource at `index` in `spec.resources`.
pub(super) fn resource(
    spec: &Spec,
    dialect: Dialect,
    index: usize,
    resource: &Resource,
) -> ResourceContext {
    let names = &resource.names;
    let fields = resource_fields(dialect, resource);
    let parents: Vec<ParentContext> = resource
        .parents
        .iter()
        .map(|p| parent(spec, dialect, names, p))
        .collect();
    let children: Vec<ChildContext> = resource
        .children
        .iter()
        .map(|&c| child(spec, dialect, index, c))
        .collect();
    let access = spec
        .auth
        .access
        .get(index)
        .map(|a| super::auth::actions(dialect, a, &names.ident))
        .unwrap_or_default();
    let access_names_role = access.all().any(|a| a.names_role);
    let access_any_user = access.all().any(|a| a.user);
    let access_any_check = access.all().any(|a| a.check.is_some());
    let sql = statements(
        spec,
        dialect,
        resource,
        &fields,
        &parents,
        access.list.filter.as_ref(),
    );
    let owned = spec.owned(resource);
    let seed = seed(dialect, resource, &parents, owned);
    let more_rows = more_rows(spec, dialect, resource, &fields, &parents);
    let (display, display_text) = display(resource);
    let page_test_field = page_test_field(&fields, &display);
    // The "clear with null" test and the update exercise use the same nullable field.
    let nullable_field = fields.iter().find(|f| f.nullable);
    let first_nullable = nullable_field.map(|f| f.names.clone());
    let update_examples = update_examples(&fields, nullable_field);
    let check_constraints = check_constraints(dialect, resource);
    let restricting: Vec<&str> = children
        .iter()
        .filter(|c| c.restrict)
        .map(|c| c.names.plural_human.as_str())
        .collect();
    let restricted_by = (!restricting.is_empty()).then(|| restricting.join(" or "));
    let fields_with_cases = fields
        .iter()
        .filter(|f| !f.cases.is_empty())
        .map(|f| f.names.name.clone())
        .collect();
    let any_unique = resource.fields.iter().any(|f| f.rules.unique);
    let other_migration = spec
        .resources
        .iter()
        .position(|r| r.names.singular != names.singular)
        .map(|i| migration(i, &spec.resources[i].names));
    ResourceContext {
        schema_exercise: crate::lectures::schema_resource(spec).names.singular == names.singular,
        authorization_exercise: crate::lectures::authorization_resource(spec)
            .is_some_and(|r| r.names.singular == names.singular),
        column_notes: column_notes(spec, dialect, resource, other_migration.as_deref()),
        other_migration,
        nested_type: (!children.is_empty()).then(|| {
            let kinds: String = children
                .iter()
                .map(|c| c.names.plural_pascal.as_str())
                .collect();
            format!("{}With{kinds}", names.pascal)
        }),
        any_checked_field: fields.iter().any(|f| !f.checks.is_empty()),
        owned,
        acting_user: super::auth::acting_user(&spec.auth, index, resource)
            .and_then(|k| super::auth::credentials(&spec.auth, k)),
        seed_owners: super::literals::id_list(
            &resource
                .seed
                .iter()
                .map(|row| row.owner.max(1) as i64)
                .collect::<Vec<_>>(),
        ),
        sign_in: spec
            .auth
            .access
            .get(index)
            .map(|a| {
                super::auth::sign_in_lines(a, spec.auth.seed_roles.first().map(String::as_str))
            })
            .unwrap_or_default(),
        access_names_role,
        access_any_user,
        access_any_check,
        access,
        keyword_fields: resource
            .fields
            .iter()
            .filter(|f| f.names.ident != f.names.name)
            .map(|f| f.names.clone())
            .collect(),
        validate_needs_db: any_unique || !resource.parents.is_empty(),
        fields_with_cases,
        has_checks: !check_constraints.is_empty(),
        check_constraints,
        db_rules: db_rules(dialect, resource),
        sole_parent: match &resource.parents[..] {
            [only] => Some(parent(spec, dialect, names, only)),
            _ => None,
        },
        restricted_by,
        any_unique,
        any_pattern: resource.fields.iter().any(|f| f.rules.pattern.is_some()),
        any_email: resource.fields.iter().any(|f| f.ty == FieldType::Email),
        any_url: resource.fields.iter().any(|f| f.ty == FieldType::Url),
        more_rows,
        names: names.clone(),
        any_nullable: resource.fields.iter().any(Field::nullable)
            || parents.iter().any(|p| p.nullable),
        any_required: resource.fields.iter().any(|f| f.rules.required)
            || parents.iter().any(|p| !p.nullable),
        any_required_text: resource
            .fields
            .iter()
            .any(|f| f.rules.required && f.ty.is_textual()),
        any_rules: !resource.parents.is_empty()
            || fields
                .iter()
                .any(|f| f.required || f.unique || !f.checks.is_empty()),
        any_default: resource
            .fields
            .iter()
            .any(|f| f.rules.default.is_some() && !f.rules.required),
        first_required: resource
            .fields
            .iter()
            .find(|f| f.rules.required)
            .map(|f| f.names.clone()),
        first_nullable,
        update_examples,
        samples: samples(spec, resource),
        fields,
        parents,
        children,
        page_test_field,
        display,
        display_text,
        chrono_imports: chrono_imports(resource),
        sql,
        seed,
        migration: migration(index, names),
    }
}

/// The file name of the migration that creates the table of the resource at `index`.
fn migration(index: usize, names: &ResourceNames) -> String {
    format!("{:04}_create_{}.sql", index + 1, names.table)
}

/// What each column of the resource's table holds and which constraints it has, in words: what
/// lecture 2's starter says its migration needs, leaving the SQL to the student.
fn column_notes(
    spec: &Spec,
    dialect: Dialect,
    resource: &Resource,
    other_migration: Option<&str>,
) -> Vec<String> {
    let quote = |name: &str| {
        let sql = dialect.ident(name);
        if sql == name {
            String::new()
        } else {
            format!("; `{name}` is an SQL keyword, so the schema writes it `{sql}`")
        }
    };
    let human = &resource.names.human;
    let mut notes = vec![dialect.id_note().to_owned()];
    for f in &resource.fields {
        let ty = match (dialect, f.ty) {
            (Dialect::Sqlite, FieldType::Date) => "text (a date: 2024-12-31)",
            (Dialect::Sqlite, FieldType::Datetime) => {
                "text (a date and time in RFC 3339: 2024-12-31T20:00:00Z)"
            }
            (_, ty) => dialect.column_type(ty),
        };
        let mut note = format!("`{}`: {ty}", f.names.name);
        if let Some(default) = &f.rules.default {
            let value = dialect.literal(default);
            note.push_str(&format!(", `{value}` when an insert leaves it out"));
        }
        if f.nullable() {
            note.push_str(", may be null");
        } else {
            note.push_str(&format!(", never null: every {human} has one"));
        }
        if f.rules.unique {
            note.push_str(&format!(
                ", and no two {} have the same",
                resource.names.plural_human
            ));
        }
        note.push_str(&quote(&f.names.name));
        notes.push(note);
    }
    for p in &resource.parents {
        let parent = &spec.resources[p.resource].names;
        let mut note = format!(
            "`{}`: the id of its {}, a row of `{}`",
            parent.foreign_key, parent.human, parent.table
        );
        if p.on_delete == OnDelete::SetNull {
            note.push_str(", may be null");
        } else {
            note.push_str(&format!(", never null: every {human} has one"));
        }
        if p.on_delete == OnDelete::Restrict {
            // The comment above the table says what a delete does in words, which name the
            // other two actions; this one has no word of its own there.
            note.push_str(&format!(
                "; `on delete {}` refuses to delete a {} that has {}{}",
                dialect.on_delete(p.on_delete),
                parent.human,
                resource.names.plural_human,
                match dialect {
                    Dialect::Sqlite =>
                        " (SQLite's `restrict` fails in a way sqlx cannot recognise)",
                    Dialect::Postgres => "",
                }
            ));
        }
        note.push_str(&quote(&parent.foreign_key));
        notes.push(note);
    }
    let mut timestamps = "`created_at` and `updated_at`: `datetime`, never null, the time of the \
                          insert when it leaves them out, as RFC 3339 text"
        .to_owned();
    match other_migration {
        Some(file) => timestamps.push_str(&format!(", as in `{file}`")),
        None => timestamps.push_str(&format!(" (`{}` writes it)", dialect.now())),
    }
    notes.push(timestamps);
    // Each note follows `--   - ` in the migration, and goes on under it.
    notes
        .iter()
        .map(|note| crate::render::wrap(note, 100 - "--   - ".len()).join("\n--     "))
        .collect()
}

/// The field that names a row on its page, and whether it is a required text field (else it is
/// the first field, and pages name a row by its id): a required `string`, a unique one if there
/// is one, else any required text. A text with `one_of` names no row, since rows share its few
/// values.
fn display(resource: &Resource) -> (FieldNames, bool) {
    let naming = |f: &&Field| f.rules.required && f.ty.is_textual() && f.rules.one_of.is_none();
    let string = |f: &&Field| naming(f) && f.ty == FieldType::String;
    let fields = || resource.fields.iter();
    let display_field = fields()
        .filter(string)
        .find(|f| f.rules.unique)
        .or_else(|| fields().find(string))
        .or_else(|| fields().find(naming));
    let display = display_field.unwrap_or(&resource.fields[0]).names.clone();
    (display, display_field.is_some())
}

/// The field lecture 1's page test fills with HTML.
#[derive(Debug, Serialize)]
pub struct PageTestField {
    pub ident: String,
    /// Whether the in-memory list holds it as an `Option`.
    pub nullable: bool,
}

/// The field lecture 1's page test fills with HTML: `display`, else the first field the
/// in-memory list holds as a `&'static str` (text, and dates, which it keeps as written).
fn page_test_field(fields: &[FieldContext], display: &FieldNames) -> Option<PageTestField> {
    let as_text = |f: &&FieldContext| f.static_type.contains("str");
    fields
        .iter()
        .filter(as_text)
        .find(|f| f.names.name == display.name)
        .or_else(|| fields.iter().find(as_text))
        .map(|f| PageTestField {
            ident: f.names.ident.clone(),
            nullable: f.nullable,
        })
}

/// The `chrono` items the row type needs: `DateTime, NaiveDate, Utc`.
fn chrono_imports(resource: &Resource) -> String {
    let mut chrono = vec!["DateTime"];
    if resource.fields.iter().any(|f| f.ty == FieldType::Date) {
        chrono.push("NaiveDate");
    }
    chrono.push("Utc");
    chrono.join(", ")
}
