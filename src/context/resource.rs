//! One resource's context, put together from its fields, relations, SQL and samples.

use serde::Serialize;

use super::fields::{DbRule, FieldContext, check_constraints, db_rules, resource_fields};
use super::relations::{ChildContext, ParentContext, child, parent};
use super::samples::{RowContext, SampleContext, more_rows, samples, seed};
use super::sql::{SqlContext, UpdateExamples, statements, update_examples};
use crate::dialect::{CheckConstraint, Dialect};
use crate::naming::{FieldNames, ResourceNames};
use crate::spec::{Field, FieldType, Resource, Spec};

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
    let sql = statements(spec, dialect, resource, &fields, &parents);
    let seed = seed(dialect, resource, &parents);
    let more_rows = more_rows(spec, dialect, resource, &fields, &parents);
    let (display, display_text) = display(resource);
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
    ResourceContext {
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
        display,
        display_text,
        chrono_imports: chrono_imports(resource),
        sql,
        seed,
        migration: format!("{:04}_create_{}.sql", index + 1, names.table),
    }
}

/// The field shown as a heading, and whether it is a required text field (else it is the
/// first field).
fn display(resource: &Resource) -> (FieldNames, bool) {
    let display_field = resource
        .fields
        .iter()
        .find(|f| f.rules.required && f.ty.is_textual());
    let display = display_field.unwrap_or(&resource.fields[0]).names.clone();
    (display, display_field.is_some())
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
