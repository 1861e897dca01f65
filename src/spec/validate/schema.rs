//! A JSON Schema of the spec format, for editors: a YAML language server completes and
//! checks a spec as it is typed. It is built from the same key lists the checker reads, so
//! it cannot name a key the checker refuses or miss one it takes. It only describes shapes
//! (which keys, which kinds of values): `syllabus check` remains the judge of the rest.

use serde_json::{Map, Value, json};

use super::auth::{AUTH_KEYS, PASSWORD_KEYS, USER_KEYS, WHO};
use super::fields::FIELD_KEYS;
use super::resources::{BELONGS_TO_KEYS, RESOURCE_KEYS};
use super::top_level::SPEC_KEYS;
use crate::spec::{Access, FieldType, OnDelete};

/// The JSON Schema (draft-07, which YAML language servers read) of a spec.
pub fn spec_schema() -> Value {
    let field = field_schema();
    let fields = json!({
        "type": "object",
        "description": "The fields, keyed by snake_case name: a type name, or a mapping of the type and its rules.",
        "minProperties": 1,
        "additionalProperties": field,
    });
    let resource = object(
        RESOURCE_KEYS,
        |key| match key {
            "fields" => fields.clone(),
            "plural" => described(
                json!({ "type": "string" }),
                "Overrides the derived plural (`octopus` → `octopodes`).",
            ),
            "belongs_to" => described(
                json!({ "type": "array", "items": { "anyOf": [
                    { "type": "string" },
                    object(BELONGS_TO_KEYS, |key| match key {
                        "resource" => described(json!({ "type": "string" }), "The parent resource."),
                        _ => described(
                            json!({ "enum": OnDelete::ALL.iter().map(|(name, _)| *name).collect::<Vec<_>>() }),
                            "What deleting the parent does to its children (default: cascade).",
                        ),
                    }, &["resource"]),
                ]}}),
                "Parents: `[production]`, or `[{ resource: production, on_delete: restrict }]`.",
            ),
            _ => described(
                json!({ "type": "array", "items": { "type": "string" } }),
                "Children, listed when one row is shown. Each must `belongs_to` this resource.",
            ),
        },
        &["fields"],
    );
    let who = json!({ "anyOf": [
        { "type": "string" },
        { "type": "array", "items": { "type": "string" }, "minItems": 1 },
    ], "description": format!("Who may: {}, or a role; a list means any one of them.", WHO.join(", ")) });
    let access = object(&Access::ACTIONS, |_| who.clone(), &[]);
    let auth = object(
        AUTH_KEYS,
        |key| match key {
            "user" => object(USER_KEYS, |_| fields.clone(), &[]),
            "roles" => described(
                json!({ "type": "array", "items": { "type": "string" } }),
                "The roles users may have; signing up gives the first.",
            ),
            "password" => object(
                PASSWORD_KEYS,
                |_| json!({ "type": "integer", "minimum": 1 }),
                &[],
            ),
            "access" => described(
                json!({ "type": "object", "additionalProperties": access.clone() }),
                "Per resource and action (list, show, create, update, delete): who may take it.",
            ),
            _ => described(
                json!({ "type": "array", "items": {
                    "type": "object",
                    "required": ["username", "password"],
                    "properties": {
                        "username": { "type": "string" },
                        "password": { "type": "string" },
                        "role": { "type": "string" },
                    },
                }}),
                "Seed users; their passwords are hashed when `cargo run -- seed` loads them.",
            ),
        },
        &[],
    );
    let mut schema = object(
        SPEC_KEYS,
        |key| match key {
            "app" => described(
                json!({ "type": "string", "pattern": "^[a-z][a-z0-9_-]*$" }),
                "The package name of the generated projects.",
            ),
            "title" => described(
                json!({ "type": "string" }),
                "The human name pages and READMEs use.",
            ),
            "database" => described(
                json!({ "enum": crate::dialect::Dialect::NAMES }),
                "The database of the generated projects (default: sqlite).",
            ),
            "resources" => described(
                json!({ "type": "object", "minProperties": 1, "additionalProperties": resource.clone() }),
                "The resources, keyed by singular snake_case name (`cast_member`).",
            ),
            "seed" => described(
                json!({ "type": "object", "additionalProperties": {
                    "type": "array", "items": { "type": "object" },
                }}),
                "Sample rows per resource; a row names its parent by row number (`production: 1`).",
            ),
            _ => described(
                auth.clone(),
                "Users, roles and who may do what (lecture 7).",
            ),
        },
        &["app", "resources"],
    );
    let map = schema.as_object_mut().expect("an object");
    map.insert(
        "$schema".into(),
        json!("http://json-schema.org/draft-07/schema#"),
    );
    map.insert("title".into(), json!("syllabus spec"));
    map.insert(
        "description".into(),
        json!("A course spec for syllabus: `syllabus check` validates it, `syllabus build` generates the course."),
    );
    schema
}

/// A field: a type name, or a mapping of its type and rules.
fn field_schema() -> Value {
    let types: Vec<&str> = FieldType::ALL.iter().map(|(name, _)| *name).collect();
    let scalar = json!({ "type": ["string", "number", "boolean"] });
    let mapping = object(
        FIELD_KEYS,
        |key| match key {
            "type" => described(
                json!({ "enum": types }),
                "The field's type (default: string).",
            ),
            "required" => described(json!({ "type": "boolean" }), "Must be present; `not null`."),
            "unique" => described(json!({ "type": "boolean" }), "No two rows share a value."),
            "min_length" | "max_length" => described(
                json!({ "type": "integer", "minimum": 0 }),
                "A length in characters (text types).",
            ),
            "min" | "max" => described(
                json!({ "type": "number" }),
                "An inclusive bound (integer, float).",
            ),
            "pattern" => described(
                json!({ "type": "string" }),
                "A regular expression in Rust's regex syntax.",
            ),
            "one_of" => described(
                json!({ "type": "array", "items": scalar.clone(), "minItems": 1 }),
                "The allowed values.",
            ),
            "default" => described(
                scalar.clone(),
                "The value of a row that leaves the field out.",
            ),
            _ => described(
                json!({ "type": "string" }),
                "Replaces the default error text of the field's rules.",
            ),
        },
        &[],
    );
    json!({ "anyOf": [{ "enum": types }, mapping] })
}

/// An object with exactly `keys`, each described by `schema(key)`.
fn object(keys: &[&str], schema: impl Fn(&str) -> Value, required: &[&str]) -> Value {
    let properties: Map<String, Value> = keys
        .iter()
        .map(|key| ((*key).to_owned(), schema(key)))
        .collect();
    let mut object = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        object["required"] = json!(required);
    }
    object
}

fn described(mut schema: Value, description: &str) -> Value {
    schema["description"] = json!(description);
    schema
}
