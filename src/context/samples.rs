//! Rows and values for the generated projects: the seed rows, the extra rows tests add, fresh
//! rows for request bodies, and the bodies and expected values of the tests.

use serde::Serialize;

use super::fields::FieldContext;
use super::literals::{html_escape, id_list, json_pairs, rust_literal};
use super::relations::{ParentContext, missing_parent_message, restricted_ids};
use crate::dialect::Dialect;
pub(super) use crate::spec::MORE_ROWS;
use crate::spec::{Literal, OnDelete, Resource, Row, Spec, new_rows, rule_message, test_cases};

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
    /// Seed row 2's values of the unique fields, as `(key, rust literal)` pairs: values a
    /// PATCH of row 1 finds taken by another row. Empty with fewer than two seed rows.
    pub taken_for_row_1: Vec<(String, String)>,
    /// The ids the seed rows get, as a Rust array: `[1, 2, 3]`.
    pub ids: String,
    /// The ids once the test's extra rows are in, as a Rust array.
    pub ids_with_more: String,
    /// The ids `?limit=2&offset=1` returns once the extra rows are in.
    pub second_page: String,
    /// `<li>title: Hamlet</li>`: how the lecture 1 page shows the first text field of row 1.
    pub first_item_html: Option<String>,
    /// How the lecture 1 page of row 1 shows its first optional field that has a value, and its
    /// first that has none (`<li>image: </li>`): what the in-memory list's `Option`s become.
    pub optional_items_html: Vec<String>,
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
    /// A PATCH body of every field and parent, each value other than seed row 1's where the
    /// rules allow one: `(key, rust literal)` pairs, which it also comes back with.
    pub patch_all: Vec<(String, String)>,
    /// Defaults a minimal create applies: `(key, rust literal)`.
    pub defaults: Vec<(String, String)>,
    /// A body for PATCH that changes one field, its key and expected value.
    pub patch_key: String,
    pub patch_body: String,
    pub patch_expect: String,
    /// `GET` of a row that does not exist.
    pub not_found: FailingRequest,
    /// A create that breaks one rule, for every rule of every field: what lecture 5 refuses.
    pub invalid: Vec<FailingRequest>,
}

/// A request that fails on purpose, for the request collections and the README: what it
/// shows, and what the server answers.
#[derive(Debug, Serialize)]
pub struct FailingRequest {
    /// `Create a production with title over max length`.
    pub name: String,
    pub method: &'static str,
    pub path: String,
    /// The JSON body, on one line.
    pub body: Option<String>,
    pub status: u16,
    /// The field the error names, and its message; `None` for a 404.
    pub field: Option<String>,
    pub message: String,
}

/// `(key, rust literal)` pairs: JSON keys and the values tests send or expect under them.
type Pairs = Vec<(String, String)>;

/// The resource's seed rows, numbered from 1; each with its owner where rows have one.
pub(super) fn seed(
    dialect: Dialect,
    resource: &Resource,
    parents: &[ParentContext],
    owned: bool,
) -> Vec<RowContext> {
    resource
        .seed
        .iter()
        .enumerate()
        .map(|(n, row)| seed_row(dialect, resource, parents, owned, n as i64 + 1, row))
        .collect()
}

fn seed_row(
    dialect: Dialect,
    resource: &Resource,
    parents: &[ParentContext],
    owned: bool,
    id: i64,
    row: &Row,
) -> RowContext {
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
    if owned {
        values.push(row.owner.max(1).to_string());
    }
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
        .zip(parents)
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
}

/// The insert of this resource's extra test rows: ids after the seed rows, and every parent
/// key pointing at the parent's last extra row, so that no extra row belongs to row 1.
pub(super) fn more_rows(
    spec: &Spec,
    dialect: Dialect,
    resource: &Resource,
    fields: &[FieldContext],
    parents: &[ParentContext],
) -> String {
    let mut columns = vec!["id".to_owned()];
    columns.extend(fields.iter().map(|f| f.sql.clone()));
    columns.extend(parents.iter().map(|p| p.sql.clone()));
    // Rows with owners belong to seed user 1, whom the tests sign in as.
    let owned = spec.owned(resource);
    if owned {
        columns.push("user_id".to_owned());
    }
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
            if owned {
                row.push("1".to_owned());
            }
            format!("({})", row.join(", "))
        })
        .collect();
    let table = dialect.ident(&resource.names.table);
    let overriding = dialect
        .insert_with_ids()
        .map(|words| format!(" {words}"))
        .unwrap_or_default();
    let mut sql = format!(
        "insert into {table} ({}){overriding} values\n    {};",
        columns.join(", "),
        rows.join(",\n    ")
    );
    if let Some(reset) = dialect.reset_ids(&table) {
        sql.push('\n');
        sql.push_str(&reset);
    }
    sql
}

/// `count` new rows of values, numbered after the seed rows: on a unique field, no value
/// repeats a seed row's or another new row's.
pub(super) fn fresh_rows(resource: &Resource, count: usize) -> Vec<Vec<Option<Literal>>> {
    new_rows(&resource.names, &resource.fields, &resource.seed, count)
}

pub(super) fn samples(spec: &Spec, resource: &Resource) -> SampleContext {
    let mut rows = fresh_rows(resource, 2).into_iter();
    let fresh = rows.next().unwrap_or_default();
    let changed = rows.next().unwrap_or_default();
    let (full, minimal) = create_bodies(spec, resource, &fresh);
    let patched = &resource.fields[0];
    let patch_value = changed[0]
        .as_ref()
        .map(rust_literal)
        .unwrap_or_else(|| "null".into());
    let n = resource.seed.len() as i64;
    let seed_delete_id = seed_delete_id(spec, resource);
    SampleContext {
        first: first_values(resource),
        taken_for_row_1: second_unique_values(resource),
        ids: id_list(&(1..=n).collect::<Vec<_>>()),
        ids_with_more: id_list(&(1..=n + MORE_ROWS as i64).collect::<Vec<_>>()),
        second_page: id_list(&[2, 3]),
        first_item_html: first_item_html(resource),
        optional_items_html: optional_items_html(resource),
        // A seed row nothing forbids deleting, or else the first extra row, which has no
        // children.
        delete_id: seed_delete_id.unwrap_or(n + 1),
        delete_needs_more: seed_delete_id.is_none(),
        created_id: n + 1,
        create_body: json_pairs(&full),
        create_minimal_body: json_pairs(&minimal),
        create_expect: full,
        patch_all: patch_all(spec, resource, &[&fresh, &changed]),
        defaults: defaults(resource),
        patch_key: patched.names.name.clone(),
        patch_body: json_pairs(&[(patched.names.name.clone(), patch_value.clone())]),
        patch_expect: patch_value,
        not_found: FailingRequest {
            name: format!("Show {} that does not exist", resource.names.a_human),
            method: "GET",
            path: format!("{}/999", resource.names.route),
            body: None,
            status: 404,
            field: None,
            message: format!("{} 999 not found", resource.names.human),
        },
        invalid: invalid_requests(spec, resource, &fresh),
    }
}

/// A value as JSON.
fn json_value(value: &Literal) -> serde_json::Value {
    match value {
        Literal::Text(text) => text.clone().into(),
        Literal::Integer(i) => (*i).into(),
        Literal::Float(x) => {
            serde_json::Number::from_f64(*x).map_or(serde_json::Value::Null, Into::into)
        }
        Literal::Bool(b) => (*b).into(),
    }
}

/// A JSON object on one line, spaced as people write it: `{"title": "Hamlet", "budget": 100.0}`.
fn json_line(object: &serde_json::Map<String, serde_json::Value>) -> String {
    let pairs: Vec<String> = object
        .iter()
        .map(|(k, v)| format!("{}: {v}", serde_json::Value::from(k.as_str())))
        .collect();
    format!("{{{}}}", pairs.join(", "))
}

/// One create request per rule of the resource, each breaking that rule alone: a value
/// breaking each rule of each field, a missing required field, a taken unique value and a
/// parent that does not exist.
fn invalid_requests(
    spec: &Spec,
    resource: &Resource,
    fresh: &[Option<Literal>],
) -> Vec<FailingRequest> {
    let mut body = serde_json::Map::new();
    for (f, v) in resource.fields.iter().zip(fresh) {
        if let Some(v) = v {
            body.insert(f.names.name.clone(), json_value(v));
        }
    }
    for p in &resource.parents {
        body.insert(
            spec.resources[p.resource].names.foreign_key.clone(),
            1.into(),
        );
    }
    let a_human = &resource.names.a_human;
    let request = |name: String,
                   field: &str,
                   change: &dyn Fn(&mut serde_json::Map<String, serde_json::Value>),
                   message: String| {
        let mut body = body.clone();
        change(&mut body);
        FailingRequest {
            name,
            method: "POST",
            path: resource.names.route.clone(),
            body: Some(json_line(&body)),
            status: 422,
            field: Some(field.to_owned()),
            message,
        }
    };
    let mut out = Vec::new();
    for (at, f) in resource.fields.iter().enumerate() {
        let key = f.names.name.as_str();
        if f.rules.required {
            out.push(request(
                format!("Create {a_human} without {key}"),
                key,
                &|b| {
                    b.shift_remove(key);
                },
                rule_message(&f.rules, "required"),
            ));
        }
        for case in test_cases(resource, at).unwrap_or_default() {
            let (rejects, _) = super::fields::case_names(case.rule);
            out.push(request(
                format!("Create {a_human} with {key} {}", rejects.replace('_', " ")),
                key,
                &|b| {
                    b.insert(key.to_owned(), json_value(&case.bad));
                },
                rule_message(&f.rules, case.rule),
            ));
        }
        // Row 2's value where there is a row 2: the collections' update changes row 1.
        if let Some(taken) = f
            .rules
            .unique
            .then(|| resource.seed.get(1).or(resource.seed.first()))
            .flatten()
            .and_then(|r| r.values[at].as_ref())
        {
            out.push(request(
                format!("Create {a_human} with a taken {key}"),
                key,
                &|b| {
                    b.insert(key.to_owned(), json_value(taken));
                },
                rule_message(&f.rules, "unique"),
            ));
        }
    }
    for p in &resource.parents {
        let parent = &spec.resources[p.resource].names;
        let key = parent.foreign_key.as_str();
        out.push(request(
            format!("Create {a_human} whose {} does not exist", parent.human),
            key,
            &|b| {
                b.insert(key.to_owned(), 999.into());
            },
            missing_parent_message(parent),
        ));
    }
    out
}

/// Seed row 1's values that are not null, as `(key, rust literal)` pairs.
fn first_values(resource: &Resource) -> Pairs {
    let mut first = Vec::new();
    if let Some(row) = resource.seed.first() {
        for (f, v) in resource.fields.iter().zip(&row.values) {
            if let Some(v) = v {
                first.push((f.names.name.clone(), rust_literal(v)));
            }
        }
    }
    first
}

/// Seed row 2's values of the unique fields that are not null, as `(key, rust literal)` pairs.
fn second_unique_values(resource: &Resource) -> Pairs {
    let Some(row) = resource.seed.get(1) else {
        return Vec::new();
    };
    resource
        .fields
        .iter()
        .zip(&row.values)
        .filter(|(f, _)| f.rules.unique)
        .filter_map(|(f, v)| Some((f.names.name.clone(), rust_literal(v.as_ref()?))))
        .collect()
}

/// The POST bodies made of the `fresh` values, as `(key, rust literal)` pairs: one with every
/// field and parent, one with only those a create requires. Parent keys point at row 1.
fn create_bodies(spec: &Spec, resource: &Resource, fresh: &[Option<Literal>]) -> (Pairs, Pairs) {
    let parents: Pairs = resource
        .parents
        .iter()
        .map(|p| {
            (
                spec.resources[p.resource].names.foreign_key.clone(),
                "1".to_owned(),
            )
        })
        .collect();
    let mut full: Pairs = resource
        .fields
        .iter()
        .zip(fresh)
        .filter_map(|(f, v)| v.as_ref().map(|v| (f.names.name.clone(), rust_literal(v))))
        .collect();
    full.extend(parents.iter().cloned());
    let mut minimal: Pairs = resource
        .fields
        .iter()
        .zip(fresh)
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
    (full, minimal)
}

/// Every field and parent with a value other than seed row 1's, so that a PATCH that leaves
/// any of them alone shows: for each field the first of the `fresh` rows' values (valid, and
/// new on unique fields), the other seed rows' (on fields that are not unique) and, for a bool,
/// the other one, that differs from row 1's; and a parent row other than row 1's, if any.
fn patch_all(spec: &Spec, resource: &Resource, fresh: &[&Vec<Option<Literal>>]) -> Pairs {
    let first = resource.seed.first();
    let mut pairs = Pairs::new();
    for (i, f) in resource.fields.iter().enumerate() {
        let old = first.and_then(|row| row.values[i].as_ref());
        let seeds = resource.seed.iter().skip(1).filter(|_| !f.rules.unique);
        let flipped = match old {
            Some(Literal::Bool(b)) => Some(Literal::Bool(!b)),
            _ => None,
        };
        let candidates = fresh
            .iter()
            .filter_map(|row| row[i].clone())
            .chain(seeds.filter_map(|row| row.values[i].clone()))
            .chain(flipped);
        let mut candidates = candidates.peekable();
        let fallback = candidates.peek().cloned();
        if let Some(value) = candidates.find(|v| Some(v) != old).or(fallback) {
            pairs.push((f.names.name.clone(), rust_literal(&value)));
        }
    }
    for (k, p) in resource.parents.iter().enumerate() {
        let parent = &spec.resources[p.resource];
        let old = first.map_or(1, |row| row.parent_ids[k]);
        let other = (1..=parent.seed.len() as i64)
            .find(|&id| id != old)
            .unwrap_or(old);
        pairs.push((parent.names.foreign_key.clone(), other.to_string()));
    }
    pairs
}

/// The defaults of the fields a create may leave out, as `(key, rust literal)` pairs.
fn defaults(resource: &Resource) -> Pairs {
    resource
        .fields
        .iter()
        .filter(|f| !f.rules.required)
        .filter_map(|f| {
            f.rules
                .default
                .as_ref()
                .map(|d| (f.names.name.clone(), rust_literal(d)))
        })
        .collect()
}

/// How the lecture 1 page shows the first text field of seed row 1.
fn first_item_html(resource: &Resource) -> Option<String> {
    resource.seed.first().and_then(|row| {
        resource
            .fields
            .iter()
            .zip(&row.values)
            .find_map(|(f, v)| match (f.ty.is_textual(), v) {
                (true, Some(Literal::Text(text))) => {
                    Some(format!("<li>{}: {}</li>", f.names.name, html_escape(text)))
                }
                _ => None,
            })
    })
}

/// The `<li>` items of row 1's page for its first optional field with a value, and its first
/// without one.
fn optional_items_html(resource: &Resource) -> Vec<String> {
    let Some(row) = resource.seed.first() else {
        return Vec::new();
    };
    let optional = || {
        resource
            .fields
            .iter()
            .zip(&row.values)
            .filter(|(f, _)| f.nullable())
    };
    // As Rust's `to_string` writes a value: `100000` for 100000.0.
    let text = |v: &Literal| match v {
        Literal::Float(x) => x.to_string(),
        other => other.to_string(),
    };
    let with = optional().find_map(|(f, v)| {
        let value = v.as_ref()?;
        Some(format!(
            "<li>{}: {}</li>",
            f.names.name,
            html_escape(&text(value))
        ))
    });
    let without = optional()
        .find(|(_, v)| v.is_none())
        .map(|(f, _)| format!("<li>{}: </li>", f.names.name));
    with.into_iter().chain(without).collect()
}

/// The first seed row that no child with `on_delete: restrict` points at.
fn seed_delete_id(spec: &Spec, resource: &Resource) -> Option<i64> {
    let index = spec
        .resources
        .iter()
        .position(|r| r.names == resource.names)
        .unwrap_or(0);
    let restricted = restricted_ids(spec, index);
    (1..=resource.seed.len() as i64).find(|id| !restricted.contains(id))
}
