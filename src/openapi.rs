//! `openapi.json`: the API of a project from lecture 3 on, as an OpenAPI 3.1 document.
//!
//! It is worked out from the validated spec and the lecture, as the handlers are, so the
//! handlers carry no annotations: every route, every field with its type and nullability,
//! the rules the lecture enforces, and every status an operation can answer with its body.
//! Before lecture 5, axum itself answers a malformed request (400, 413, 415, 422) in plain
//! text; from lecture 5 every error is the one JSON shape.

use serde_json::{Map, Value, json};

use crate::context::ProjectContext;
use crate::dialect::Dialect;
use crate::naming::API_PREFIX;
use crate::spec::{Field, FieldType, Literal, Number, OnDelete, Spec};

/// The document, as pretty-printed JSON ending in a newline.
pub fn document(spec: &Spec, context: &ProjectContext) -> String {
    let api = Api { spec, context };
    let mut text =
        serde_json::to_string_pretty(&api.document()).expect("a JSON value always serializes");
    text.push('\n');
    text
}

struct Api<'a> {
    spec: &'a Spec,
    context: &'a ProjectContext,
}

/// The largest `limit` or `offset`: they are read as `u32`.
const PAGE_MAX: u64 = u32::MAX as u64;

impl Api<'_> {
    fn document(&self) -> Value {
        let has = &self.context.has;
        let mut paths = Map::new();
        let mut schemas = Map::new();
        schemas.insert("Error".into(), error_schema(has.validation));
        for (at, resource) in self.spec.resources.iter().enumerate() {
            let route = &self.context.resources[at].names.route;
            let pascal = &resource.names.pascal;
            schemas.insert(pascal.clone(), self.row_schema(at));
            if !resource.children.is_empty() {
                schemas.insert(format!("{pascal}WithChildren"), self.nested_schema(at));
            }
            schemas.insert(format!("New{pascal}"), self.body_schema(at, false));
            let mut collection = Map::new();
            collection.insert("get".into(), self.list(at));
            collection.insert("post".into(), self.create(at));
            paths.insert(route.clone(), Value::Object(collection));
            let mut item = Map::new();
            item.insert("get".into(), self.show(at));
            if has.update {
                schemas.insert(format!("{pascal}Patch"), self.body_schema(at, true));
                item.insert("patch".into(), self.update(at));
            }
            if has.delete {
                item.insert("delete".into(), self.delete(at));
            }
            paths.insert(format!("{route}/{{id}}"), Value::Object(item));
        }
        let mut components = json!({ "schemas": schemas });
        if has.auth {
            self.auth_paths(&mut paths, &mut components);
        }
        let lecture = &self.context.lecture;
        json!({
            "openapi": "3.1.0",
            "info": {
                "title": format!("{} API", self.context.title),
                "version": "0.1.0",
                "description": format!(
                    "The JSON API of lecture {} ({}) of the {} course. Every error answers with \
                     `Error`{}.",
                    lecture.number,
                    lecture.title,
                    self.context.title,
                    if has.app_errors { "" } else { ", but for what axum refuses before a handler runs (plain text)" },
                ),
            },
            "servers": [{ "url": "http://127.0.0.1:3000", "description": "`cargo run`" }],
            "paths": paths,
            "components": components,
        })
    }

    /// What a row looks like in JSON: every column, always present, null where it may be.
    fn row_schema(&self, at: usize) -> Value {
        let resource = &self.spec.resources[at];
        let mut properties = Map::new();
        properties.insert("id".into(), json!({ "type": "integer" }));
        for field in &resource.fields {
            properties.insert(
                field.names.name.clone(),
                self.field_schema(field, field.nullable(), false),
            );
        }
        for parent in &resource.parents {
            properties.insert(
                self.parent_key(parent.resource),
                parent_schema(parent.on_delete),
            );
        }
        if self.context.has.auth && self.context.resources[at].owned {
            // The owner's id; null once the owner is deleted (`on delete set null`).
            properties.insert("user_id".into(), json!({ "type": ["integer", "null"] }));
        }
        for time in ["created_at", "updated_at"] {
            properties.insert(
                time.into(),
                json!({ "type": "string", "format": "date-time" }),
            );
        }
        let required: Vec<&String> = properties.keys().collect();
        json!({ "type": "object", "required": required, "properties": properties })
    }

    /// The row with its children, as `show` answers it.
    fn nested_schema(&self, at: usize) -> Value {
        let resource = &self.spec.resources[at];
        let mut properties = Map::new();
        for &child in &resource.children {
            let names = &self.spec.resources[child].names;
            properties.insert(
                names.plural.clone(),
                json!({ "type": "array", "items": reference(&names.pascal) }),
            );
        }
        let required: Vec<&String> = properties.keys().collect();
        json!({ "allOf": [
            reference(&resource.names.pascal),
            { "type": "object", "required": required, "properties": properties },
        ]})
    }

    /// The body of a create (`patch` false) or an update: the fields and parent keys, and
    /// nothing else. A create needs the required ones; an update takes any of them.
    fn body_schema(&self, at: usize, patch: bool) -> Value {
        let resource = &self.spec.resources[at];
        let mut properties = Map::new();
        let mut required = Vec::new();
        for field in &resource.fields {
            let name = &field.names.name;
            // Null stands for "no value" in a field that is not required: a create stores
            // its default (or nothing), an update clears the column or puts its default back.
            // Before lecture 5 an update reads null as a key it was not sent.
            let nullable = !field.rules.required || patch && !self.context.has.validation;
            properties.insert(name.clone(), self.field_schema(field, nullable, true));
            if field.rules.required && !patch {
                required.push(name.clone());
            }
        }
        for parent in &resource.parents {
            let key = self.parent_key(parent.resource);
            let mut schema = parent_schema(parent.on_delete);
            if patch && !self.context.has.validation {
                schema["type"] = json!(["integer", "null"]);
            }
            properties.insert(key.clone(), schema);
            if parent.on_delete != OnDelete::SetNull && !patch {
                required.push(key);
            }
        }
        let mut schema = json!({
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        });
        if !required.is_empty() {
            schema["required"] = json!(required);
        }
        schema
    }

    /// A field's JSON Schema. In a request body from lecture 5 on, with the rules the server
    /// checks; a row's schema has the types only, since rows written before lecture 5's
    /// checks may break them.
    fn field_schema(&self, field: &Field, nullable: bool, body: bool) -> Value {
        let checked = body && self.context.has.validation;
        field_schema(self.spec.database, field, nullable, checked)
    }

    fn parent_key(&self, parent: usize) -> String {
        self.spec.resources[parent].names.foreign_key.clone()
    }

    fn list(&self, at: usize) -> Value {
        let names = &self.spec.resources[at].names;
        let mut responses = Map::new();
        responses.insert(
            "200".into(),
            json!({
                "description": format!("The {}, in id order", names.plural_human),
                "content": { "application/json": { "schema": {
                    "type": "array", "items": reference(&names.pascal),
                }}},
            }),
        );
        responses.insert(
            "400".into(),
            self.refusal("`limit` or `offset` is not a whole number from 0 to 4294967295"),
        );
        let page = |name: &str, what: &str| {
            json!({
                "name": name,
                "in": "query",
                "required": false,
                "description": what,
                "schema": { "type": "integer", "minimum": 0, "maximum": PAGE_MAX },
            })
        };
        let mut operation = json!({
            "operationId": format!("list_{}", names.plural),
            "summary": format!("List {}", names.plural_human),
            "tags": [names.plural_human],
            "parameters": [
                page("limit", "How many rows at most (default: all)"),
                page("offset", "How many rows to skip first (default: 0)"),
            ],
        });
        self.finish(&mut operation, responses, at, "list");
        operation
    }

    fn show(&self, at: usize) -> Value {
        let resource = &self.spec.resources[at];
        let names = &resource.names;
        let schema = if resource.children.is_empty() {
            reference(&names.pascal)
        } else {
            reference(&format!("{}WithChildren", names.pascal))
        };
        let mut responses = Map::new();
        responses.insert(
            "200".into(),
            json!({
                "description": format!("The {}", names.human),
                "content": { "application/json": { "schema": schema } },
            }),
        );
        responses.insert("400".into(), self.refusal("The id is not a number"));
        responses.insert("404".into(), self.not_found(names));
        let mut operation = json!({
            "operationId": format!("show_{}", names.singular),
            "summary": format!("Show {}", names.a_human),
            "tags": [names.plural_human],
            "parameters": [id_parameter()],
        });
        self.finish(&mut operation, responses, at, "show");
        operation
    }

    fn create(&self, at: usize) -> Value {
        let names = &self.spec.resources[at].names;
        let mut responses = Map::new();
        responses.insert(
            "201".into(),
            json!({
                "description": format!("The {} as stored", names.human),
                "headers": { "Location": {
                    "description": "The new row's address",
                    "schema": { "type": "string" },
                }},
                "content": { "application/json": { "schema": reference(&names.pascal) } },
            }),
        );
        self.body_refusals(&mut responses);
        let mut operation = json!({
            "operationId": format!("create_{}", names.singular),
            "summary": format!("Create {}", names.a_human),
            "tags": [names.plural_human],
            "requestBody": {
                "required": true,
                "content": { "application/json": { "schema": reference(&format!("New{}", names.pascal)) } },
            },
        });
        self.finish(&mut operation, responses, at, "create");
        operation
    }

    fn update(&self, at: usize) -> Value {
        let names = &self.spec.resources[at].names;
        let mut responses = Map::new();
        responses.insert(
            "200".into(),
            json!({
                "description": format!("The {} as stored, with the fields sent changed", names.human),
                "content": { "application/json": { "schema": reference(&names.pascal) } },
            }),
        );
        self.body_refusals(&mut responses);
        responses.insert("404".into(), self.not_found(names));
        let mut operation = json!({
            "operationId": format!("update_{}", names.singular),
            "summary": format!("Change the fields sent of {}", names.a_human),
            "tags": [names.plural_human],
            "parameters": [id_parameter()],
            "requestBody": {
                "required": true,
                "content": { "application/json": { "schema": reference(&format!("{}Patch", names.pascal)) } },
            },
        });
        self.finish(&mut operation, responses, at, "update");
        operation
    }

    fn delete(&self, at: usize) -> Value {
        let resource = &self.spec.resources[at];
        let names = &resource.names;
        let mut responses = Map::new();
        responses.insert("204".into(), json!({ "description": "Deleted; no body" }));
        responses.insert("400".into(), self.refusal("The id is not a number"));
        responses.insert("404".into(), self.not_found(names));
        if let Some(children) = &self.context.resources[at].restricted_by {
            responses.insert(
                "422".into(),
                json_error(&format!("The {} still has {children}", names.human)),
            );
        }
        let mut operation = json!({
            "operationId": format!("delete_{}", names.singular),
            "summary": format!("Delete {}", names.a_human),
            "tags": [names.plural_human],
            "parameters": [id_parameter()],
        });
        self.finish(&mut operation, responses, at, "delete");
        operation
    }

    /// Adds what every operation of a resource may answer besides its own: 401 and 403 where
    /// lecture 7's rules ask for a user, and 500; then sorts the responses by status.
    fn finish(
        &self,
        operation: &mut Value,
        mut responses: Map<String, Value>,
        at: usize,
        action: &str,
    ) {
        if self.context.has.auth {
            let access = &self.context.resources[at].access;
            let rule = access.all().find(|a| a.action == action);
            if let Some(rule) = rule.filter(|r| r.user) {
                operation["description"] = json!(format!("Who may: {}.", rule.who));
                operation["security"] = json!([{ "session": [] }]);
                responses.insert("401".into(), json_error("Not signed in"));
                if rule.check.is_some() {
                    responses.insert(
                        "403".into(),
                        json_error("Signed in, but the rules do not allow it"),
                    );
                }
            }
        }
        responses.insert(
            "500".into(),
            json_error("Something went wrong on the server; the body says nothing more"),
        );
        operation["responses"] = Value::Object(sorted(responses));
    }

    /// 400, 413, 415 and 422: what a request with a body can be refused for.
    fn body_refusals(&self, responses: &mut Map<String, Value>) {
        responses.insert(
            "400".into(),
            self.refusal("The body is not valid JSON, or the id is not a number"),
        );
        responses.insert("413".into(), self.refusal("The body is too large"));
        responses.insert(
            "415".into(),
            self.refusal("The body is not sent as `application/json`"),
        );
        let invalid = if self.context.has.validation {
            json_error(
                "The body breaks the rules: `errors` has each broken rule's message by field",
            )
        } else {
            self.refusal("A required field is missing, a value has the wrong type, a key is not a field, or the database refuses the row")
        };
        responses.insert("422".into(), invalid);
    }

    /// A refusal axum answers before a handler runs: plain text before lecture 5.
    fn refusal(&self, description: &str) -> Value {
        if self.context.has.app_errors {
            return json_error(description);
        }
        json!({
            "description": description,
            "content": {
                "text/plain": { "schema": { "type": "string" } },
                "application/json": { "schema": reference("Error") },
            },
        })
    }

    fn not_found(&self, names: &crate::naming::ResourceNames) -> Value {
        json_error(&format!("No {} has this id", names.human))
    }

    /// Sign-up, log-in, the session check and log-out, and the cookie they use.
    fn auth_paths(&self, paths: &mut Map<String, Value>, components: &mut Value) {
        let users = &self.spec.auth.users;
        let roles = &self.spec.auth.roles;
        let password = &self.spec.auth.password;
        // `users.fields` is the username, then the spec's user fields: the one place their
        // rules are written.
        let (username, extra) = users.fields.split_first().expect("users have a username");
        let mut user = Map::new();
        user.insert("id".into(), json!({ "type": "integer" }));
        user.insert(
            username.names.name.clone(),
            field_schema(self.spec.database, username, false, false),
        );
        if !roles.is_empty() {
            user.insert("role".into(), json!({ "enum": roles }));
        }
        for field in extra {
            user.insert(
                field.names.name.clone(),
                field_schema(self.spec.database, field, field.nullable(), false),
            );
        }
        for time in ["created_at", "updated_at"] {
            user.insert(
                time.into(),
                json!({ "type": "string", "format": "date-time" }),
            );
        }
        let required: Vec<&String> = user.keys().collect();
        let user = json!({ "type": "object", "required": required, "properties": user });
        let mut signup = Map::new();
        signup.insert(
            username.names.name.clone(),
            field_schema(self.spec.database, username, false, true),
        );
        signup.insert(
            "password".into(),
            json!({ "type": "string", "minLength": password.min_length, "maxLength": password.max_length }),
        );
        let mut signup_required = vec![username.names.name.clone(), "password".to_owned()];
        for field in extra {
            signup.insert(
                field.names.name.clone(),
                field_schema(self.spec.database, field, field.nullable(), true),
            );
            if field.rules.required {
                signup_required.push(field.names.name.clone());
            }
        }
        let schemas = components["schemas"]
            .as_object_mut()
            .expect("schemas is an object");
        schemas.insert("User".into(), user);
        schemas.insert(
            "Signup".into(),
            json!({
                "type": "object",
                "required": signup_required,
                "properties": signup,
                "additionalProperties": false,
            }),
        );
        schemas.insert(
            "Credentials".into(),
            json!({
                "type": "object",
                "required": ["username", "password"],
                // An empty text is refused as missing, like an absent one.
                "properties": {
                    "username": { "type": "string", "minLength": 1 },
                    "password": { "type": "string", "minLength": 1 },
                },
                "additionalProperties": false,
            }),
        );
        components["securitySchemes"] = json!({ "session": {
            "type": "apiKey",
            "in": "cookie",
            "name": "session",
            "description": "The encrypted session cookie that sign-up and log-in set (HttpOnly, SameSite=Lax).",
        }});
        let body = |schema: &str| json!({ "required": true, "content": { "application/json": { "schema": reference(schema) } } });
        let the_user = |description: &str| {
            json!({
                "description": description,
                "content": { "application/json": { "schema": reference("User") } },
            })
        };
        let set_cookie = json!({ "Set-Cookie": {
            "description": "The session cookie",
            "schema": { "type": "string" },
        }});
        let mut responses = Map::new();
        let mut created = the_user("The new user, signed in");
        created["headers"] = set_cookie.clone();
        responses.insert("201".into(), created);
        self.body_refusals(&mut responses);
        responses.insert(
            "422".into(),
            json_error("The username is taken, or a rule is broken: `errors` says which"),
        );
        responses.insert(
            "500".into(),
            json_error("Something went wrong on the server"),
        );
        paths.insert(
            format!("{API_PREFIX}/signup"),
            json!({ "post": {
                "operationId": "signup",
                "summary": "Sign up, and be signed in",
                "tags": ["users"],
                "requestBody": body("Signup"),
                "responses": sorted(responses),
            }}),
        );
        let mut responses = Map::new();
        let mut signed_in = the_user("The user, signed in");
        signed_in["headers"] = set_cookie;
        responses.insert("200".into(), signed_in);
        self.body_refusals(&mut responses);
        responses.insert(
            "401".into(),
            json_error("No user has this username and password"),
        );
        responses.insert(
            "422".into(),
            json_error("The username or the password is missing"),
        );
        responses.insert(
            "429".into(),
            json!({
                "description": "Too many failed log-ins for this username or from this address",
                "headers": { "Retry-After": {
                    "description": "How many seconds to wait",
                    "schema": { "type": "integer" },
                }},
                "content": { "application/json": { "schema": reference("Error") } },
            }),
        );
        responses.insert(
            "500".into(),
            json_error("Something went wrong on the server"),
        );
        paths.insert(
            format!("{API_PREFIX}/login"),
            json!({ "post": {
                "operationId": "login",
                "summary": "Log in",
                "tags": ["users"],
                "requestBody": body("Credentials"),
                "responses": sorted(responses),
            }}),
        );
        paths.insert(
            format!("{API_PREFIX}/check_session"),
            json!({ "get": {
                "operationId": "check_session",
                "summary": "Who is signed in",
                "tags": ["users"],
                "security": [{ "session": [] }],
                "responses": {
                    "200": the_user("The signed-in user"),
                    "401": json_error("Not signed in"),
                    "500": json_error("Something went wrong on the server"),
                },
            }}),
        );
        paths.insert(
            format!("{API_PREFIX}/logout"),
            json!({ "delete": {
                "operationId": "logout",
                "summary": "Log out: the session ends",
                "tags": ["users"],
                "security": [{ "session": [] }],
                "responses": {
                    "204": { "description": "Logged out; the cookie is removed" },
                    "401": json_error("Not signed in"),
                    "500": json_error("Something went wrong on the server"),
                },
            }}),
        );
    }
}

/// A field's type, and with `checked` the rules the server enforces on it.
fn field_schema(dialect: Dialect, field: &Field, nullable: bool, checked: bool) -> Value {
    let (ty, format) = match field.ty {
        FieldType::String | FieldType::Text => ("string", None),
        FieldType::Email => ("string", checked.then_some("email")),
        FieldType::Url => ("string", checked.then_some("uri")),
        FieldType::Date => ("string", Some("date")),
        FieldType::Datetime => ("string", Some("date-time")),
        FieldType::Integer => ("integer", None),
        FieldType::Float => ("number", None),
        FieldType::Bool => ("boolean", None),
    };
    let mut schema = Map::new();
    schema.insert(
        "type".into(),
        if nullable {
            json!([ty, "null"])
        } else {
            json!(ty)
        },
    );
    if let Some(format) = format {
        schema.insert("format".into(), json!(format));
    }
    let rules = &field.rules;
    if ty == "integer" {
        schema.insert("minimum".into(), json!(i64::MIN));
        schema.insert("maximum".into(), json!(i64::MAX));
    }
    if checked {
        let textual = ty == "string";
        if dialect.refuses_nul(field) {
            // See `Dialect::refuses_nul`. (`type` in `not`, or it would refuse null too, which
            // no pattern applies to.)
            schema.insert(
                "not".into(),
                json!({ "type": "string", "pattern": "\\u0000" }),
            );
        }
        let min_length = match (rules.min_length, rules.required && textual) {
            // An empty text is as good as missing for a required field.
            (None, true) => Some(1),
            (min, _) => min,
        };
        if let Some(min) = min_length {
            schema.insert("minLength".into(), json!(min));
        }
        if let Some(max) = rules.max_length {
            schema.insert("maxLength".into(), json!(max));
        }
        if let Some(min) = &rules.min {
            schema.insert("minimum".into(), number(min));
        }
        if let Some(max) = &rules.max {
            schema.insert("maximum".into(), number(max));
        }
        if let Some(pattern) = &rules.pattern {
            schema.insert("pattern".into(), json!(pattern.source));
        }
        if let Some(options) = &rules.one_of {
            let mut options: Vec<Value> = options.iter().map(literal).collect();
            if nullable {
                options.push(Value::Null);
            }
            schema.insert("enum".into(), Value::Array(options));
        }
    }
    if let Some(default) = &rules.default {
        schema.insert("default".into(), literal(default));
    }
    Value::Object(schema)
}

fn parent_schema(on_delete: OnDelete) -> Value {
    let mut schema = int64();
    if on_delete == OnDelete::SetNull {
        schema["type"] = json!(["integer", "null"]);
    }
    schema
}

/// An integer as the server reads it: an `i64`, larger numbers refused.
fn int64() -> Value {
    json!({ "type": "integer", "minimum": i64::MIN, "maximum": i64::MAX })
}

fn number(number: &Number) -> Value {
    match *number {
        Number::Int(i) => json!(i),
        Number::Float(x) => json!(x),
    }
}

fn literal(literal: &Literal) -> Value {
    literal.to_json()
}

fn id_parameter() -> Value {
    json!({
        "name": "id",
        "in": "path",
        "required": true,
        "description": "The row's id; a number that is not an `i64` is refused with 400",
        "schema": int64(),
    })
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn json_error(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/json": { "schema": reference("Error") } },
    })
}

/// `{"error": "..."}`, and from lecture 5 `errors` by field for a body that breaks rules.
fn error_schema(by_field: bool) -> Value {
    let mut properties = json!({ "error": { "type": "string" } });
    if by_field {
        properties["errors"] = json!({
            "type": "object",
            "description": "Each field's broken rules, as messages",
            "additionalProperties": { "type": "array", "items": { "type": "string" } },
        });
    }
    json!({ "type": "object", "required": ["error"], "properties": properties })
}

/// The responses in status order, so the document reads top to bottom.
fn sorted(responses: Map<String, Value>) -> Map<String, Value> {
    let mut entries: Vec<(String, Value)> = responses.into_iter().collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.into_iter().collect()
}
