//! A resource's fields: their Rust types, columns and binds, the rules Rust checks on them and
//! the SQL CHECK constraints, and the test cases of each rule.

use serde::Serialize;

use super::literals::{default_expr, rust_literal, string_literal};
use super::resource::ResourceContext;
use super::samples::fresh_rows;
use super::sql::SqlLayout;
use crate::dialect::{CheckConstraint, Dialect};
use crate::naming::FieldNames;
use crate::spec::{Field, FieldType, Literal, Resource, Spec, float_text, rule_message};

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
    /// Type in the patch body once validation refuses null for a required field: then it is
    /// `Option<Option<..>>` too, so that null can be told from a missing key.
    pub patch_type_checked: String,
    /// Whether the validated patch body reads this field with `nullable`.
    pub patch_nullable_checked: bool,
    pub nullable: bool,
    pub required: bool,
    /// Whether the value is text, where an empty string counts as missing for a required field.
    pub textual: bool,
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
    /// Whether the unique lookup leaves out a text holding NUL (see `Dialect::binds_nul`).
    pub lookup_skips_nul: bool,
    /// One test case per rule: a value breaking only that rule, and a boundary that passes.
    pub cases: Vec<CaseContext>,
    /// A one-character value a required text with `min_length: 1` accepts, as a Rust literal.
    pub one_character: Option<String>,
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
    /// Why the rule is there, when the spec does not say it.
    pub comment: Option<&'static str>,
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

/// A constraint of the schema that stands for a rule: when the database reports `error`, the
/// client gets `message` for `field`, as if the validation in Rust had caught it.
#[derive(Clone, Debug, Serialize)]
pub struct DbRule {
    /// `UNIQUE constraint failed: people.email`, `CHECK constraint failed: people_age_min`.
    pub error: String,
    pub field: String,
    pub message: String,
}

/// An insert that breaks exactly one CHECK constraint, for the test proving the database
/// refuses what skips the Rust validation.
#[derive(Debug, Serialize)]
pub struct CheckTest {
    pub sql: String,
    /// The constraint's name, `productions_title_max_length`: the test is named after it.
    pub constraint: String,
    pub field: String,
    pub rule: &'static str,
    /// What the client is told instead of the database's error.
    pub message: String,
}

/// An insert of a fresh row with a unique field: run twice, the second breaks the unique
/// constraint, for the test that the client gets the field's own message.
#[derive(Debug, Serialize)]
pub struct UniqueTest {
    /// An insert of a fresh row.
    pub sql: String,
    /// An insert of another fresh row with the same value in `field`, and only there, so the
    /// database can only be refusing `field`.
    pub again: String,
    pub field: String,
    pub message: String,
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

pub(super) fn option(ty: &str, optional: bool) -> String {
    if optional {
        format!("Option<{ty}>")
    } else {
        ty.to_owned()
    }
}

/// The contexts of a resource's fields; the first bind that applies a default gets a comment.
pub(super) fn resource_fields(dialect: Dialect, resource: &Resource) -> Vec<FieldContext> {
    let mut fields: Vec<FieldContext> = resource
        .fields
        .iter()
        .enumerate()
        .map(|(at, f)| field(dialect, resource, at, f))
        .collect();
    if let Some(first) = fields
        .iter_mut()
        .find(|f| f.create_bind.contains(".unwrap_or"))
    {
        first.default_comment = true;
    }
    fields
}

fn field(dialect: Dialect, owner: &Resource, at: usize, f: &Field) -> FieldContext {
    let resource = &owner.names;
    let base = base_type(f.ty);
    let nullable = f.nullable();
    let required = f.rules.required;
    let pattern_static = f
        .rules
        .pattern
        .as_ref()
        .map(|_| format!("{}_PATTERN", f.names.name.to_uppercase()));
    let checks = checks(dialect, f, &f.names.ident, pattern_static.as_deref());
    FieldContext {
        check_param: if checks.is_empty() {
            String::new()
        } else {
            check_param(f.ty).to_owned()
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
        lookup_skips_nul: f.rules.unique && f.ty.is_textual() && !dialect.binds_nul(),
        cases: cases(owner, at),
        one_character: crate::spec::one_character(owner, at).map(|v| rust_literal(&v)),
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
        patch_type_checked: if nullable || required {
            format!("Option<Option<{base}>>")
        } else {
            format!("Option<{base}>")
        },
        patch_nullable_checked: nullable || required,
        nullable,
        required,
        textual: f.ty.is_textual(),
        create_bind: create_bind(f),
        default_comment: false,
        column: column_definition(dialect, f),
        sql: dialect.ident(&f.names.name),
    }
}

/// The field's column in `create table`: `title text not null unique default 'x'`.
fn column_definition(dialect: Dialect, f: &Field) -> String {
    let mut column = format!(
        "{} {}",
        dialect.ident(&f.names.name),
        dialect.column_type(f.ty)
    );
    if !f.nullable() {
        column.push_str(" not null");
    }
    if f.rules.unique {
        column.push_str(" unique");
    }
    if let Some(default) = &f.rules.default {
        column.push_str(&format!(" default {}", dialect.literal(default)));
    }
    column
}

/// What `create` binds for the field, applying its default when the body leaves it out.
fn create_bind(f: &Field) -> String {
    match (&f.rules.default, f.rules.required) {
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
    }
}

/// What a `check_<field>` function takes for a field of this type.
fn check_param(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Integer => "i64",
        FieldType::Float => "f64",
        FieldType::Date => "NaiveDate",
        ty if ty.is_textual() => "&str",
        _ => "",
    }
}

/// The checks of `rules` on a value named `v`, as Rust conditions that are true when broken.
fn checks(dialect: Dialect, f: &Field, v: &str, pattern_static: Option<&str>) -> Vec<CheckContext> {
    let rules = &f.rules;
    let mut out = Vec::new();
    let mut add = |rule: &'static str, condition: String| {
        out.push(CheckContext {
            rule,
            condition,
            message: rule_message(rules, rule),
            comment: None,
        });
    };
    if dialect.refuses_nul(f) {
        add("no_nul", format!("{v}.contains('\\0')"));
    }
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
        // A date is compared as it is written, `2024-12-31`, like the options.
        let value = match f.ty {
            FieldType::Date => format!("{v}.to_string().as_str()"),
            _ => v.to_owned(),
        };
        add(
            "one_of",
            format!("![{}].contains(&{value})", list.join(", ")),
        );
    }
    if let Some(nul) = out.iter_mut().find(|c| c.rule == "no_nul") {
        nul.message = rules
            .message
            .clone()
            .unwrap_or_else(|| NUL_MESSAGE.to_owned());
        nul.comment = Some(dialect.nul_reason());
    }
    out
}

/// What a client reads when a text that refuses NUL holds one (see `Dialect::refuses_nul`).
pub const NUL_MESSAGE: &str = "must not contain a NUL character";

/// The test cases of the field's rules, as Rust literals, with the names the tests give them.
fn cases(resource: &Resource, at: usize) -> Vec<CaseContext> {
    let f = &resource.fields[at];
    crate::spec::test_cases(resource, at)
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
        .collect()
}

/// How tests name a broken rule and its boundary.
pub(super) fn case_names(rule: &str) -> (&'static str, &'static str) {
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

/// The CHECK constraints of a resource's fields, one per rule SQL can express.
pub(super) fn check_constraints(dialect: Dialect, resource: &Resource) -> Vec<CheckConstraint> {
    resource
        .fields
        .iter()
        .flat_map(|f| dialect.check_constraints(&resource.names.table, &f.names.name, &f.rules))
        .collect()
}

/// Each constraint of a resource's table that stands for a rule of the spec (its unique columns
/// and its CHECK constraints): the error the database reports when a write breaks it, and the
/// field and message the client gets instead.
pub(super) fn db_rules(dialect: Dialect, resource: &Resource) -> Vec<DbRule> {
    let table = &resource.names.table;
    let mut rules = Vec::new();
    for f in &resource.fields {
        let rule = |error: String, rule: &str| DbRule {
            error,
            field: f.names.name.clone(),
            message: rule_message(&f.rules, rule),
        };
        if f.rules.unique {
            rules.push(rule(dialect.unique_error(table, &f.names.name), "unique"));
        }
        for check in dialect.check_constraints(table, &f.names.name, &f.rules) {
            rules.push(rule(check.error, check.rule));
        }
    }
    rules
}

/// One test per CHECK constraint of the schema that a test case breaks alone: an insert of a
/// fresh row whose value breaks that constraint's rule and no other.
pub(super) fn check_tests(
    spec: &Spec,
    dialect: Dialect,
    contexts: &[ResourceContext],
) -> Vec<CheckTest> {
    let mut tests = Vec::new();
    for (resource, ctx) in spec.resources.iter().zip(contexts) {
        for (at, field) in resource.fields.iter().enumerate() {
            let Ok(cases) = crate::spec::test_cases(resource, at) else {
                continue;
            };
            let table = &resource.names.table;
            for check in dialect.check_constraints(table, &field.names.name, &field.rules) {
                let Some(case) = cases.iter().find(|c| c.rule == check.rule) else {
                    continue;
                };
                let mut values = fresh_rows(resource, 1).pop().unwrap_or_default();
                values[at] = Some(case.bad.clone());
                tests.push(CheckTest {
                    sql: insert(dialect, ctx, &values, "1"),
                    constraint: check.name,
                    field: ctx.fields[at].names.name.clone(),
                    rule: case.rule,
                    message: rule_message(&field.rules, case.rule),
                });
            }
        }
    }
    tests
}

/// An insert of one row of `ctx`'s table with these field values, each parent key `parent`.
fn insert(
    dialect: Dialect,
    ctx: &ResourceContext,
    values: &[Option<Literal>],
    parent: &str,
) -> String {
    let mut columns: Vec<String> = ctx.fields.iter().map(|f| f.sql.clone()).collect();
    let mut literals: Vec<String> = values
        .iter()
        .map(|v| v.as_ref().map_or("null".into(), |v| dialect.literal(v)))
        .collect();
    for p in &ctx.parents {
        columns.push(p.sql.clone());
        literals.push(parent.into());
    }
    let layout = SqlLayout::holding(columns.iter().chain([&ctx.sql.table]));
    layout.statement(&[
        &layout.list(&format!("insert into {} (", ctx.sql.table), &columns, ")"),
        &layout.list("values (", &literals, ")"),
    ])
}

/// The first unique field, with inserts of two fresh rows that share its value.
pub(super) fn unique_test(
    spec: &Spec,
    dialect: Dialect,
    contexts: &[ResourceContext],
) -> Option<UniqueTest> {
    spec.resources
        .iter()
        .zip(contexts)
        .find_map(|(resource, ctx)| {
            let at = ctx.fields.iter().position(|f| f.unique)?;
            let f = &ctx.fields[at];
            let mut rows = fresh_rows(resource, 2);
            let first = rows.first()?.clone();
            let mut again = rows.pop()?;
            again[at] = first[at].clone();
            Some(UniqueTest {
                sql: insert(dialect, ctx, &first, "1"),
                again: insert(dialect, ctx, &again, "1"),
                field: f.names.name.clone(),
                message: f.unique_message.clone(),
            })
        })
}

/// An insert of a fresh row of the first resource with parents, each key pointing at no row.
pub(super) fn orphan_insert(
    spec: &Spec,
    dialect: Dialect,
    contexts: &[ResourceContext],
) -> Option<String> {
    spec.resources
        .iter()
        .zip(contexts)
        .filter(|(_, ctx)| !ctx.parents.is_empty())
        .find_map(|(resource, ctx)| {
            let values = fresh_rows(resource, 1).pop()?;
            Some(insert(dialect, ctx, &values, "999"))
        })
}
