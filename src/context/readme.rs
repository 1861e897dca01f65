//! What a project's README teaches with: its lecture's notes take their examples from the
//! spec, so this module works out, in the spec's own terms, what the server answers to the
//! `curl -v` requests the notes show, what changed since the lecture before, and what the
//! starter leaves to write.
//!
//! The transcripts are predictions of what the generated server sends, byte for byte, but for
//! what a clock decides (the `date` and `x-response-time` headers, the timestamps of rows),
//! which get the fixed values below. The ignored projects test sends each request to the
//! built solution and compares.

use serde::Serialize;
use serde_json::{Map, Value};

use super::resource::ResourceContext;
use crate::lectures::{Has, Lecture, Task};
use crate::spec::{FieldType, Literal, Resource, Spec, Who, rule_message, test_cases};

/// Where the notes' commands say the spec is: the README cannot know the reader's path.
const SPEC_FILE: &str = "your-spec.yaml";

/// When the seed rows were loaded, in the transcripts: the timestamps of every seeded row.
const SEEDED_AT: &str = "2025-01-01T12:00:00Z";
/// When the transcripts' requests are sent: rows they create or change get this time.
const SENT_AT: &str = "2025-01-01T12:05:00Z";
/// The `date` header of every transcript, the same moment as `SENT_AT`.
const DATE: &str = "Wed, 01 Jan 2025 12:05:00 GMT";
/// What curl calls itself in the transcripts; the reader's version will differ.
const USER_AGENT: &str = "curl/8.5.0";
/// Where the server listens by default (`HOST` and `PORT`).
const ORIGIN: &str = "http://127.0.0.1:3000";

#[derive(Debug, Default, Serialize)]
pub struct ReadmeContext {
    pub spec_file: &'static str,
    /// Where the server listens by default: `http://127.0.0.1:3000`.
    pub origin: &'static str,
    /// The timestamps the transcripts give seeded rows.
    pub seeded_at: &'static str,
    /// What lecture N−1 to N changed: none for the first lecture.
    pub new_since: Option<NewSince>,
    /// `syllabus diff your-spec.yaml --lecture N`: the starter's gaps, filled in.
    pub exercise_diff: String,
    /// What the starter leaves to write, by file.
    pub exercise_items: Vec<ExerciseItem>,
    /// Whether every place the starter leaves is a `todo!()`, rather than also a type without
    /// fields, a migration in words or a route left out.
    pub exercise_all_todo: bool,
    /// Whether none is a `todo!()`: each is a stub that runs but does nothing yet.
    pub exercise_no_todo: bool,
    /// Row 1 of the first resource: the notes' running example.
    pub first_row: FirstRow,
    /// A resource that belongs to another, for the notes on foreign keys.
    pub foreign_key: Option<Relation>,
    /// A resource shown with its children (`has_many`), for the notes on nesting.
    pub nesting: Option<Relation>,
    /// Whether some field of some resource may be null (PATCH then tells absent from null).
    pub any_nullable: bool,
    pub exchanges: Exchanges,
    /// Who may take each action on each resource, in words, for the notes of lecture 7.
    pub access_table: Vec<AccessRow>,
    /// An authorization check as the handlers write it, for the notes.
    pub allow_example: String,
    /// The resource whose update's check lecture 7's starter leaves out: `production`.
    pub authorization_resource: String,
}

#[derive(Debug, Default, Serialize)]
pub struct AccessRow {
    pub resource: String,
    pub list: String,
    pub show: String,
    pub create: String,
    pub update: String,
    pub delete: String,
}

#[derive(Debug, Default, Serialize)]
pub struct NewSince {
    pub from: u8,
    /// `syllabus diff your-spec.yaml --from 1 --to 2`.
    pub command: String,
    /// Files this lecture's project has and the previous one's did not, and the reverse.
    /// Set by `plan`, which owns the table of files.
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ExerciseItem {
    pub file: String,
    /// The functions to write in it, as the code names them.
    pub names: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct FirstRow {
    /// How the notes name the row: its display field (`Hamlet`), or `production 1`.
    pub label: String,
    /// Each field and parent key with its value as JSON, in table order.
    pub values: Vec<KeyValue>,
}

#[derive(Debug, Serialize)]
pub struct KeyValue {
    pub key: String,
    pub json: String,
    /// The Rust type of the row struct's field.
    pub rust_type: String,
}

#[derive(Debug, Serialize)]
pub struct Relation {
    pub child: crate::naming::ResourceNames,
    pub parent: crate::naming::ResourceNames,
    pub key: String,
    /// The foreign key's column definition, as its migration writes it.
    pub column: String,
    pub on_delete: crate::spec::OnDelete,
    /// What the schema says it with (`no action`, `restrict`).
    pub on_delete_sql: &'static str,
}

/// The requests the notes can show, each with what the server answers. Sent in the order of
/// the fields, on a freshly seeded database, each answer is the one shown.
#[derive(Debug, Default, Serialize)]
pub struct Exchanges {
    /// `POST /api/login` as the user the other exchanges act as, who then sends the session
    /// cookie with each (lecture 7).
    pub login: Option<Exchange>,
    /// `GET /things/1`, while the answer is short (before rows are shown with children).
    pub show: Option<Exchange>,
    /// `GET /things/999`.
    pub not_found: Option<Exchange>,
    pub create: Option<Exchange>,
    /// `PATCH /things/1`.
    pub update: Option<Exchange>,
    /// `DELETE` of the row `create` made, then the same request again.
    pub delete: Option<Exchange>,
    pub delete_again: Option<Exchange>,
    /// A `POST` that breaks rules of the spec: 422.
    pub invalid: Option<Exchange>,
    /// A `POST` whose body is not JSON: 400.
    pub malformed: Option<Exchange>,
    /// The `OPTIONS` a browser sends before a page of another origin may `PATCH` a row: the
    /// preflight, answered by the CORS layer.
    pub preflight: Option<Exchange>,
}

impl Exchanges {
    /// The exchanges of the API's routes, which lecture 7 sends after `login` with its
    /// cookie; `login` itself first when `with_login`.
    fn api(&mut self, with_login: bool) -> impl Iterator<Item = &mut Exchange> {
        let login = self.login.as_mut().filter(|_| with_login);
        login.into_iter().chain(
            [
                &mut self.show,
                &mut self.not_found,
                &mut self.create,
                &mut self.update,
                &mut self.delete,
                &mut self.delete_again,
                &mut self.invalid,
                &mut self.malformed,
            ]
            .into_iter()
            .flatten(),
        )
    }
}

impl Exchanges {
    /// Every exchange there is, in the order they are meant to be sent.
    pub fn in_order(&self) -> Vec<&Exchange> {
        [
            &self.login,
            &self.show,
            &self.not_found,
            &self.create,
            &self.update,
            &self.delete,
            &self.delete_again,
            &self.invalid,
            &self.malformed,
            &self.preflight,
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// One request and its response, as `curl -v` shows them.
#[derive(Clone, Debug, Serialize)]
pub struct Exchange {
    /// What the reader types, continued over lines with `\`.
    pub command: String,
    pub method: &'static str,
    pub path: String,
    /// The JSON body sent, if any.
    pub body: Option<String>,
    /// The request as curl prints it, without the `> ` curl puts before each line.
    pub request: Vec<String>,
    /// `HTTP/1.1 200 OK`.
    pub status_line: String,
    pub status: u16,
    pub headers: Vec<Header>,
    /// The response body, as sent; empty for a 204.
    pub response: String,
}

/// How a transcript shows the session cookie: its value is encrypted afresh at each log-in,
/// so the one a reader sees differs; a replay sends the one its log-in got.
pub const SESSION_COOKIE_SHOWN: &str = "session=bkffRx0oAjFU2DN6m8KofgCbkBrPwDIyd48R4cjjULhQcDLUaPvWmS6T0nsIjNyj398YYPHVKtfCXRONszQpVOHDh2Ai8oeGhmyXCE50ljrVdI8MOn9rvvOujuE%3D";

#[derive(Clone, Debug, Serialize)]
pub struct Header {
    pub name: &'static str,
    pub value: String,
    /// Whether the value depends on a clock, so that it differs from run to run.
    pub varies: bool,
}

pub(super) fn readme(
    spec: &Spec,
    lecture: &Lecture,
    has: &Has,
    resources: &[ResourceContext],
) -> ReadmeContext {
    let (Some(resource), Some(context)) = (spec.resources.first(), resources.first()) else {
        return ReadmeContext::default();
    };
    let example = Example::new(resource, context, has, &spec.auth);
    ReadmeContext {
        spec_file: SPEC_FILE,
        origin: ORIGIN,
        seeded_at: SEEDED_AT,
        new_since: (lecture.number > 1).then(|| NewSince {
            from: lecture.number - 1,
            command: format!(
                "syllabus diff {SPEC_FILE} --from {} --to {}",
                lecture.number - 1,
                lecture.number
            ),
            ..NewSince::default()
        }),
        exercise_diff: format!("syllabus diff {SPEC_FILE} --lecture {}", lecture.number),
        exercise_items: exercise_items(lecture, resources),
        exercise_all_todo: lecture.tasks.iter().all(|t| t.is_todo()),
        exercise_no_todo: !lecture.tasks.iter().any(|t| t.is_todo()),
        first_row: example.first_row(),
        foreign_key: foreign_key(resources),
        nesting: nesting(resources),
        any_nullable: resources.iter().any(|r| r.any_nullable),
        exchanges: example.exchanges(),
        access_table: access_table(spec),
        allow_example: allow_example(spec),
        authorization_resource: crate::lectures::authorization_resource(spec)
            .map(|r| r.names.singular.clone())
            .unwrap_or_default(),
    }
}

/// What each task of the lecture leaves to write, grouped by the file it is in: functions,
/// types and tables, as the code names them.
fn exercise_items(lecture: &Lecture, resources: &[ResourceContext]) -> Vec<ExerciseItem> {
    let mut items: Vec<ExerciseItem> = Vec::new();
    let mut add = |file: &str, name: String| match items.iter_mut().find(|i| i.file == file) {
        Some(item) => item.names.push(name),
        None => items.push(ExerciseItem {
            file: file.to_owned(),
            names: vec![name],
        }),
    };
    for task in lecture.tasks {
        match task {
            Task::RequestContext => add("src/pages.rs", "request_context".into()),
            Task::Cors => add("src/cors.rs", "layer".into()),
            Task::ApiClient => add("client/src/api.js", "request".into()),
            Task::Passwords => {
                add("src/password.rs", "hash".into());
                add("src/password.rs", "verify".into());
            }
            Task::Sessions => {
                for name in ["login", "logout", "check_session"] {
                    add("src/routes/auth.rs", name.into());
                }
            }
            Task::Seed => add("src/db.rs", "seed".into()),
            Task::ValidationErrors => {
                for name in [
                    "AppError::status_code",
                    "AppError::into_response",
                    "FieldErrors::add",
                    "FieldErrors::into_result",
                ] {
                    add("src/error.rs", name.into());
                }
            }
            _ => {}
        }
        for r in resources {
            let n = &r.names;
            let file = format!("src/routes/{}.rs", n.plural);
            match task {
                Task::ShowPage | Task::Show => add(&file, format!("show_{}", n.singular)),
                Task::List => add(&file, format!("list_{}", n.plural)),
                Task::Create => add(&file, format!("create_{}", n.singular)),
                Task::Update => add(&file, format!("update_{}", n.singular)),
                Task::Delete => add(&file, format!("delete_{}", n.singular)),
                Task::Find => add(&file, format!("find_{}", n.singular)),
                Task::Schema if r.schema_exercise => {
                    add(
                        &format!("migrations/{}", r.migration),
                        format!("create table {}", r.sql.table),
                    );
                    add(&file, n.pascal.clone());
                    add(&file, format!("{}::to_json", n.pascal));
                }
                Task::Serializers => {
                    add(&file, format!("New{}", n.pascal));
                    if let Some(nested) = &r.nested_type {
                        add(&file, nested.clone());
                    }
                }
                Task::Routes => add(&file, "router".into()),
                Task::Validate => {
                    for f in r.fields.iter().filter(|f| !f.check_param.is_empty()) {
                        add(&file, format!("check_{}", f.names.name));
                    }
                    add(&file, format!("New{}::validate", n.pascal));
                    add(&file, format!("{}Patch::validate", n.pascal));
                }
                Task::Authorization if r.authorization_exercise => {
                    add(&file, format!("update_{}", n.singular));
                }
                Task::RequestContext
                | Task::Seed
                | Task::ValidationErrors
                | Task::Schema
                | Task::Cors
                | Task::ApiClient
                | Task::Passwords
                | Task::Sessions
                | Task::Authorization => {}
            }
        }
    }
    items
}

/// Who may take each action on each resource, in words: `anyone`, `signed in`, `the owner`,
/// `admin`, joined with `or`.
fn access_table(spec: &Spec) -> Vec<AccessRow> {
    let words = |who: &[Who]| -> String {
        who.iter()
            .map(|w| match w {
                Who::Public => "anyone".to_owned(),
                Who::SignedIn => "signed in".to_owned(),
                Who::Owner => "the owner".to_owned(),
                Who::Role(role) => format!("`{role}`"),
            })
            .collect::<Vec<_>>()
            .join(" or ")
    };
    spec.resources
        .iter()
        .zip(&spec.auth.access)
        .map(|(r, a)| AccessRow {
            resource: r.names.plural_human.clone(),
            list: words(&a.list),
            show: words(&a.show),
            create: words(&a.create),
            update: words(&a.update),
            delete: words(&a.delete),
        })
        .collect()
}

/// The authorization check of the first handler that has one, as it reads in the code:
/// `production.user_id == Some(user.id) || user.role == "admin"`.
fn allow_example(spec: &Spec) -> String {
    for (r, a) in spec.resources.iter().zip(&spec.auth.access) {
        for action in ["update", "delete", "show", "create"] {
            let who = a.of(action);
            if who.iter().any(|w| matches!(w, Who::Public | Who::SignedIn)) {
                continue;
            }
            let row = &r.names.ident;
            let conditions: Vec<String> = who
                .iter()
                .map(|w| match w {
                    Who::Owner => format!("{row}.user_id == Some(user.id)"),
                    Who::Role(role) => format!(
                        "user.role == Role::{}",
                        heck::ToUpperCamelCase::to_upper_camel_case(role.as_str())
                    ),
                    _ => String::new(),
                })
                .collect();
            return conditions.join(" || ");
        }
    }
    "user.role == Role::Admin".to_owned()
}

/// The first resource that belongs to another.
fn foreign_key(resources: &[ResourceContext]) -> Option<Relation> {
    resources.iter().find_map(|r| {
        r.parents.first().map(|p| Relation {
            child: r.names.clone(),
            parent: p.names.clone(),
            key: p.key.clone(),
            column: p.column.clone(),
            on_delete: p.on_delete,
            on_delete_sql: p.on_delete_sql,
        })
    })
}

/// The first resource with children, and its first kind of child.
fn nesting(resources: &[ResourceContext]) -> Option<Relation> {
    resources.iter().find_map(|r| {
        let c = r.children.first()?;
        let child = resources
            .iter()
            .find(|o| o.names.singular == c.names.singular)?;
        let p = child.parents.iter().find(|p| p.key == c.key)?;
        Some(Relation {
            child: c.names.clone(),
            parent: r.names.clone(),
            key: c.key.clone(),
            column: p.column.clone(),
            on_delete: p.on_delete,
            on_delete_sql: p.on_delete_sql,
        })
    })
}

/// The first resource and its seed row 1, which every transcript is about.
struct Example<'a> {
    resource: &'a Resource,
    context: &'a ResourceContext,
    has: &'a Has,
    auth: &'a crate::spec::Auth,
    /// The seed user the transcripts act as once there are users, by index: one who may take
    /// every action they show.
    actor: Option<usize>,
}

impl<'a> Example<'a> {
    fn new(
        resource: &'a Resource,
        context: &'a ResourceContext,
        has: &'a Has,
        auth: &'a crate::spec::Auth,
    ) -> Self {
        // The transcripts show the first resource.
        let actor = has
            .auth
            .then(|| super::auth::acting_user(auth, 0, resource))
            .flatten();
        Example {
            resource,
            context,
            has,
            auth,
            actor,
        }
    }

    /// The id of the owner of seed row 1, when rows have owners.
    fn first_owner(&self) -> Option<i64> {
        let row = self.resource.seed.first()?;
        self.context.owned.then(|| row.owner.max(1) as i64)
    }

    /// `POST /api/login` as the actor, saving the cookie for the requests after it.
    fn login(&self) -> Option<Exchange> {
        let k = self.actor?;
        let user = self.auth.users.seed.get(k)?;
        let username = user.values[0].as_ref()?.to_string();
        let password = self.auth.passwords.get(k)?.clone();
        let mut sent = Map::new();
        sent.insert("username".into(), username.clone().into());
        sent.insert("password".into(), password.into());
        let mut object = Map::new();
        object.insert("id".into(), (k as i64 + 1).into());
        object.insert("username".into(), username.into());
        if let Some(role) = self.auth.seed_roles.get(k).filter(|r| !r.is_empty()) {
            object.insert("role".into(), role.clone().into());
        }
        for (f, v) in self.auth.users.fields.iter().zip(&user.values).skip(1) {
            object.insert(f.names.name.clone(), json_value(f.ty, v.as_ref()));
        }
        object.insert("created_at".into(), SEEDED_AT.into());
        object.insert("updated_at".into(), SEEDED_AT.into());
        let body = json_text(&Value::Object(object));
        let mut exchange = exchange(
            "POST",
            format!("{}/login", crate::naming::API_PREFIX),
            Some(request_body(&sent)),
            200,
            Some(JSON),
            body,
        );
        // curl keeps the cookies it is sent in the file `-c` names.
        exchange.command = exchange
            .command
            .replacen("curl -v ", "curl -v -c cookies.txt ", 1);
        exchange.headers.insert(
            1,
            Header {
                name: "set-cookie",
                value: format!(
                    "{SESSION_COOKIE_SHOWN}; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=604800"
                ),
                varies: true,
            },
        );
        Some(exchange)
    }

    fn route(&self) -> &str {
        &self.context.names.route
    }

    fn first_row(&self) -> FirstRow {
        let Some(row) = self.resource.seed.first() else {
            return FirstRow::default();
        };
        let display = &self.context.display.name;
        let label = self
            .resource
            .fields
            .iter()
            .zip(&row.values)
            .find(|(f, _)| self.context.display_text && &f.names.name == display)
            .and_then(|(_, v)| v.as_ref().map(ToString::to_string))
            .unwrap_or_else(|| format!("{} 1", self.context.names.human));
        let mut values: Vec<KeyValue> = self
            .resource
            .fields
            .iter()
            .zip(&row.values)
            .zip(&self.context.fields)
            .map(|((f, v), fc)| KeyValue {
                key: f.names.name.clone(),
                json: json_text(&json_value(f.ty, v.as_ref())),
                rust_type: fc.row_type.clone(),
            })
            .collect();
        values.extend(
            self.context
                .parents
                .iter()
                .zip(&row.parent_ids)
                .map(|(p, &id)| KeyValue {
                    key: p.key.clone(),
                    json: if id == 0 {
                        "null".into()
                    } else {
                        id.to_string()
                    },
                    rust_type: p.row_type.clone(),
                }),
        );
        FirstRow { label, values }
    }

    fn exchanges(&self) -> Exchanges {
        let has = self.has;
        let mut exchanges = Exchanges {
            login: self.login(),
            show: (!has.serializers).then(|| self.show()).flatten(),
            not_found: Some(self.not_found()),
            ..Exchanges::default()
        };
        if !has.database {
            return exchanges;
        }
        let created = self.create();
        if has.create {
            exchanges.create = created.as_ref().map(|(e, _)| e.clone());
        }
        if has.update {
            exchanges.update = self.update();
        }
        if has.delete && created.is_some() {
            let id = self.context.samples.created_id;
            let path = format!("{}/{id}", self.route());
            exchanges.delete = Some(exchange(
                "DELETE",
                path.clone(),
                None,
                204,
                None,
                String::new(),
            ));
            exchanges.delete_again = Some(self.missing("DELETE", path, id));
        }
        if has.validation {
            exchanges.invalid = self.invalid();
            exchanges.malformed = self.malformed();
        }
        if has.client {
            // The CORS layer answers every request of the API with what a browser needs to
            // know when the page is of another origin, whether or not it is.
            for exchange in exchanges.api(true) {
                let at = exchange
                    .headers
                    .iter()
                    .position(|h| h.name == "x-response-time")
                    .unwrap_or(0);
                let exposed = if has.auth {
                    "location,retry-after"
                } else {
                    "location"
                };
                let cors = [
                    header("vary", "origin".into()),
                    header("access-control-allow-credentials", "true".into()),
                    header("access-control-expose-headers", exposed.into()),
                ];
                exchange.headers.splice(at..at, cors);
            }
            if has.auth {
                // Signed in: curl sends the cookie `login` kept with every request after it.
                for exchange in exchanges.api(false) {
                    exchange.command =
                        exchange
                            .command
                            .replacen("curl -v ", "curl -v -b cookies.txt ", 1);
                    exchange
                        .request
                        .insert(4, format!("Cookie: {SESSION_COOKIE_SHOWN}"));
                }
            }
            exchanges.preflight = Some(self.preflight());
        }
        exchanges
    }

    /// What a browser asks before a page of the development server may `PATCH` row 1.
    fn preflight(&self) -> Exchange {
        let path = format!("{}/1", self.route());
        let mut exchange = exchange("OPTIONS", path, None, 200, None, String::new());
        let origin = format!("http://localhost:{}", super::client::DEV_PORT);
        exchange.command.push_str(&format!(
            " \\\n    -H 'Origin: {origin}' \\\n    -H 'Access-Control-Request-Method: PATCH' \\\n    -H 'Access-Control-Request-Headers: content-type'"
        ));
        exchange.request.extend([
            format!("Origin: {origin}"),
            "Access-Control-Request-Method: PATCH".to_owned(),
            "Access-Control-Request-Headers: content-type".to_owned(),
        ]);
        let cors = [
            header("access-control-allow-credentials", "true".into()),
            header("vary", "origin".into()),
            header(
                "access-control-allow-methods",
                "GET,POST,PATCH,DELETE".into(),
            ),
            header("access-control-allow-headers", "content-type".into()),
            header("access-control-max-age", "3600".into()),
            header("access-control-allow-origin", origin),
        ];
        exchange.headers.splice(0..0, cors);
        // axum says which methods the path has, as it does on a 405.
        let methods = if self.has.update && self.has.delete {
            "GET,HEAD,PATCH,DELETE"
        } else {
            "GET,HEAD"
        };
        let at = exchange
            .headers
            .iter()
            .position(|h| h.name == "content-length" || h.name == "date")
            .unwrap_or(exchange.headers.len());
        exchange.headers.insert(at, header("allow", methods.into()));
        exchange
    }

    /// `GET /things/1`: an HTML page while rows live in memory, then the row as JSON.
    fn show(&self) -> Option<Exchange> {
        let row = self.resource.seed.first()?;
        let path = format!("{}/1", self.route());
        if self.has.in_memory_data {
            return Some(exchange("GET", path, None, 200, Some(HTML), self.page()));
        }
        let mut object = self.row_object(
            row.values.iter().map(Option::as_ref),
            &row.parent_ids,
            1,
            SEEDED_AT,
        );
        if self.has.hand_built_json {
            // `json!` builds a map that keeps its keys sorted.
            object.sort_keys();
        }
        let body = json_text(&Value::Object(object));
        Some(exchange("GET", path, None, 200, Some(JSON), body))
    }

    /// The lecture 1 page of row 1, as `show_*` writes it.
    fn page(&self) -> String {
        let row = &self.resource.seed[0];
        let mut items = format!("  <li>id: {}</li>\n", 1);
        for (f, v) in self.resource.fields.iter().zip(&row.values) {
            let text = v.as_ref().map(page_text).unwrap_or_default();
            items.push_str(&format!(
                "  <li>{}: {}</li>\n",
                f.names.name,
                super::html_escape(&text)
            ));
        }
        for (p, &id) in self.context.parents.iter().zip(&row.parent_ids) {
            let text = if p.nullable && id == 0 {
                String::new()
            } else {
                id.to_string()
            };
            items.push_str(&format!("  <li>{}: {text}</li>\n", p.key));
        }
        let heading = if self.context.display_text {
            super::html_escape(&self.first_row().label)
        } else {
            format!("{} 1", self.context.names.label)
        };
        format!("<h1>{heading}</h1>\n<ul>\n{items}</ul>\n")
    }

    fn not_found(&self) -> Exchange {
        if self.has.in_memory_data {
            let page = format!(
                "<h1>404 Not Found</h1>\n<p>no {} 999</p>\n",
                self.context.names.human
            );
            let path = format!("{}/999", self.route());
            return exchange("GET", path, None, 404, Some(HTML), page);
        }
        self.missing("GET", format!("{}/999", self.route()), 999)
    }

    /// A JSON 404 for the row `id`.
    fn missing(&self, method: &'static str, path: String, id: i64) -> Exchange {
        let error = format!("{} {id} not found", self.context.names.human);
        let body = json_text(&serde_json::json!({ "error": error }));
        exchange(method, path, None, 404, Some(JSON), body)
    }

    /// The sample create body, and the exchange that posts it.
    fn create(&self) -> Option<(Exchange, Map<String, Value>)> {
        let sent = parse_pairs(&self.context.samples.create_body)?;
        let values: Vec<Option<Literal>> = self
            .resource
            .fields
            .iter()
            .map(|f| match sent.get(&f.names.name) {
                Some(value) => literal(value),
                None => f.rules.default.clone(),
            })
            .collect();
        let parent_ids: Vec<i64> = self
            .context
            .parents
            .iter()
            .map(|p| sent.get(&p.key).and_then(Value::as_i64).unwrap_or(0))
            .collect();
        let id = self.context.samples.created_id;
        let object = self.row_object(values.iter().map(Option::as_ref), &parent_ids, id, SENT_AT);
        let body = json_text(&Value::Object(object));
        let mut exchange = exchange(
            "POST",
            self.route().to_owned(),
            Some(request_body(&sent)),
            201,
            Some(JSON),
            body,
        );
        let location = format!("{}/{id}", self.route());
        exchange.headers.insert(1, header("location", location));
        Some((exchange, sent))
    }

    /// The sample PATCH of row 1.
    fn update(&self) -> Option<Exchange> {
        let row = self.resource.seed.first()?;
        let sent = parse_pairs(&self.context.samples.patch_body)?;
        let mut values = row.values.clone();
        for (f, value) in self.resource.fields.iter().zip(&mut values) {
            if let Some(new) = sent.get(&f.names.name) {
                *value = literal(new);
            }
        }
        let mut object = self.row_object(
            values.iter().map(Option::as_ref),
            &row.parent_ids,
            1,
            SEEDED_AT,
        );
        object.insert("updated_at".into(), SENT_AT.into());
        let body = json_text(&Value::Object(object));
        let path = format!("{}/1", self.route());
        Some(exchange(
            "PATCH",
            path,
            Some(request_body(&sent)),
            200,
            Some(JSON),
            body,
        ))
    }

    /// A create whose body breaks a rule of up to two fields, and leaves out a required one.
    fn invalid(&self) -> Option<Exchange> {
        let mut sent = parse_pairs(&self.context.samples.create_body)?;
        let mut errors: Map<String, Value> = Map::new();
        for (at, field) in self.resource.fields.iter().enumerate() {
            if errors.len() == 2 {
                break;
            }
            let cases = test_cases(self.resource, at).unwrap_or_default();
            // A short value, so the transcript stays readable.
            let Some(case) = cases
                .iter()
                .find(|c| json_text(&json_value(field.ty, Some(&c.bad))).len() <= 24)
            else {
                continue;
            };
            sent.insert(
                field.names.name.clone(),
                json_value(field.ty, Some(&case.bad)),
            );
            errors.insert(
                field.names.name.clone(),
                vec![rule_message(&field.rules, case.rule)].into(),
            );
        }
        if let Some(field) = self
            .resource
            .fields
            .iter()
            .find(|f| f.rules.required && !errors.contains_key(&f.names.name))
        {
            sent.shift_remove(&field.names.name);
            errors.insert(
                field.names.name.clone(),
                vec![rule_message(&field.rules, "required")].into(),
            );
        }
        if errors.is_empty() {
            return None;
        }
        // The server lists fields in name order (a `BTreeMap`).
        errors.sort_keys();
        let body = json_text(&serde_json::json!({
            "error": "some fields are invalid",
            "errors": errors,
        }));
        Some(exchange(
            "POST",
            self.route().to_owned(),
            Some(request_body(&sent)),
            422,
            Some(JSON),
            body,
        ))
    }

    /// A create whose body stops before its closing brace: not JSON at all.
    fn malformed(&self) -> Option<Exchange> {
        let row = self.resource.seed.first()?;
        let (field, value) = self
            .resource
            .fields
            .iter()
            .zip(&row.values)
            .find(|(f, v)| f.names.name == self.context.display.name && v.is_some())?;
        let sent = format!(
            "{{{}: {}",
            json_text(&field.names.name.as_str().into()),
            json_text(&json_value(field.ty, value.as_ref()))
        );
        // serde_json counts columns in bytes, and the body ends at its last one.
        let error = format!(
            "Failed to parse the request body as JSON: EOF while parsing an object at line 1 \
             column {}",
            sent.len()
        );
        let body = json_text(&serde_json::json!({ "error": error }));
        Some(exchange(
            "POST",
            self.route().to_owned(),
            Some(sent),
            400,
            Some(JSON),
            body,
        ))
    }

    /// A row as the API sends it: `id`, the fields, the parent keys, then the timestamps.
    fn row_object<'v>(
        &self,
        values: impl Iterator<Item = Option<&'v Literal>>,
        parent_ids: &[i64],
        id: i64,
        at: &str,
    ) -> Map<String, Value> {
        let mut object = Map::new();
        object.insert("id".into(), id.into());
        for (f, v) in self.resource.fields.iter().zip(values) {
            object.insert(f.names.name.clone(), json_value(f.ty, v));
        }
        for (p, &id) in self.context.parents.iter().zip(parent_ids) {
            let value = if id == 0 { Value::Null } else { id.into() };
            object.insert(p.key.clone(), value);
        }
        if self.context.owned {
            // Row 1's owner, or the actor for a row they create.
            let owner = if id == 1 {
                self.first_owner()
            } else {
                self.actor.map(|k| k as i64 + 1)
            };
            object.insert("user_id".into(), owner.into());
        }
        object.insert("created_at".into(), at.into());
        object.insert("updated_at".into(), at.into());
        object
    }
}

const HTML: &str = "text/html; charset=utf-8";
const JSON: &str = "application/json";

/// An exchange with the request curl sends and the headers the server answers with, in the
/// order it sends them.
fn exchange(
    method: &'static str,
    path: String,
    body: Option<String>,
    status: u16,
    content_type: Option<&str>,
    response: String,
) -> Exchange {
    let url = format!("{ORIGIN}{path}");
    let mut command = "curl -v ".to_owned();
    match method {
        "GET" => {}
        // With `-d`, curl sends a POST without being told.
        "POST" if body.is_some() => {}
        _ => command.push_str(&format!("-X {method} ")),
    }
    command.push_str(&shell_word(&url));
    let host = ORIGIN.trim_start_matches("http://");
    let mut request = vec![
        format!("{method} {path} HTTP/1.1"),
        format!("Host: {host}"),
        format!("User-Agent: {USER_AGENT}"),
        "Accept: */*".to_owned(),
    ];
    if let Some(body) = &body {
        command.push_str(" \\\n    -H 'content-type: application/json' \\\n    -d ");
        command.push_str(&shell_word(body));
        request.push("content-type: application/json".into());
        request.push(format!("Content-Length: {}", body.len()));
    }
    let mut headers = Vec::new();
    if let Some(content_type) = content_type {
        headers.push(header("content-type", content_type.to_owned()));
    }
    // `log_and_time` adds its header once the handler has answered; the server adds the
    // length and the date as it writes the response. A 204 has no body, hence no length.
    headers.push(Header {
        name: "x-response-time",
        value: "412".into(),
        varies: true,
    });
    if status != 204 {
        headers.push(header("content-length", response.len().to_string()));
    }
    headers.push(Header {
        name: "date",
        value: DATE.into(),
        varies: true,
    });
    Exchange {
        command,
        method,
        path,
        body,
        request,
        status_line: format!("HTTP/1.1 {status} {}", reason(status)),
        status,
        headers,
        response,
    }
}

fn header(name: &'static str, value: String) -> Header {
    Header {
        name,
        value,
        varies: false,
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        404 => "Not Found",
        422 => "Unprocessable Entity",
        _ => "",
    }
}

/// A word for a POSIX shell: in single quotes when it needs any.
fn shell_word(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/:.-_".contains(c))
    {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// The context's `"key": value, ...` pairs, as a JSON object.
fn parse_pairs(pairs: &str) -> Option<Map<String, Value>> {
    match serde_json::from_str(&format!("{{{pairs}}}")) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// A request body as the README's other examples write one: `{"title": "Hamlet", ...}`.
fn request_body(sent: &Map<String, Value>) -> String {
    let pairs: Vec<String> = sent
        .iter()
        .map(|(k, v)| format!("{}: {}", json_text(&k.as_str().into()), json_text(v)))
        .collect();
    format!("{{{}}}", pairs.join(", "))
}

fn json_text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A JSON value as the spec's literal, for a value that a body sends.
fn literal(value: &Value) -> Option<Literal> {
    match value {
        Value::String(s) => Some(Literal::Text(s.clone())),
        Value::Bool(b) => Some(Literal::Bool(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(Literal::Integer)
            .or_else(|| n.as_f64().map(Literal::Float)),
        _ => None,
    }
}

/// A value of a field as the server serializes it: through the field's Rust type.
fn json_value(ty: FieldType, value: Option<&Literal>) -> Value {
    match (ty, value) {
        (_, None) => Value::Null,
        (FieldType::Float, Some(Literal::Float(x))) => (*x).into(),
        (FieldType::Float, Some(Literal::Integer(i))) => (*i as f64).into(),
        (_, Some(Literal::Integer(i))) => (*i).into(),
        (_, Some(Literal::Float(x))) => (*x).into(),
        (_, Some(Literal::Bool(b))) => (*b).into(),
        (FieldType::Datetime, Some(Literal::Text(t))) => utc(t).unwrap_or_else(|| t.clone()).into(),
        (_, Some(Literal::Text(t))) => t.clone().into(),
    }
}

/// How a lecture 1 page shows a value: Rust's `to_string`, which writes `100000.0` as `100000`.
fn page_text(value: &Literal) -> String {
    match value {
        Literal::Float(x) => x.to_string(),
        other => other.to_string(),
    }
}

/// An RFC 3339 timestamp as chrono writes a `DateTime<Utc>`: in UTC, ending in `Z`, with
/// the fraction of a second in 3, 6 or 9 digits when there is one.
pub(super) fn utc(text: &str) -> Option<String> {
    let (date, time) = text.split_once(['T', 't'])?;
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    let (clock, offset_minutes) = match time.strip_suffix(['Z', 'z']) {
        Some(clock) => (clock, 0),
        None => {
            let at = time.rfind(['+', '-'])?;
            let (h, m) = time[at + 1..].split_once(':')?;
            let minutes = h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?;
            let sign = if time[at..].starts_with('-') { -1 } else { 1 };
            (&time[..at], sign * minutes)
        }
    };
    let (whole, fraction) = clock.split_once('.').unwrap_or((clock, ""));
    let mut hms = whole.splitn(3, ':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    let seconds =
        days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s - offset_minutes * 60;
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    let nanos: String = fraction
        .chars()
        .chain("000000000".chars())
        .take(9)
        .collect();
    let nanos = nanos.trim_end_matches('0');
    let digits = match nanos.len() {
        0 => 0,
        1..=3 => 3,
        4..=6 => 6,
        _ => 9,
    };
    let fraction = if digits == 0 {
        String::new()
    } else {
        format!(".{nanos:0<digits$}")
    };
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}{fraction}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    ))
}

/// Days since 1970-01-01 of a date of the proleptic Gregorian calendar (Howard Hinnant's
/// algorithm), and back.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lectures::{LECTURES, Variant, lecture};

    fn spec(source: &str) -> Spec {
        crate::spec::parse_and_validate(source).unwrap()
    }

    fn theater() -> Spec {
        spec(include_str!("../../specs/theater.yaml"))
    }

    fn readme(spec: &Spec, number: u8, variant: Variant) -> String {
        crate::plan::project(spec, lecture(number).unwrap(), variant)
            .unwrap()
            .into_iter()
            .find(|f| f.path == "README.md")
            .unwrap()
            .contents
    }

    #[test]
    fn every_lecture_has_notes_with_concepts_and_what_is_new() {
        let specs = [theater(), spec(include_str!("../../specs/festival.yaml"))];
        for spec in &specs {
            for l in LECTURES {
                assert!(
                    l.notes.starts_with("project/notes/"),
                    "lecture {}",
                    l.number
                );
                assert!(
                    !l.built.is_empty(),
                    "lecture {} says nothing was built",
                    l.number
                );
                for variant in Variant::BOTH {
                    let text = readme(spec, l.number, variant);
                    let at = |heading: &str| text.find(heading);
                    let concepts = at("\n## Concepts\n").expect("a Concepts section");
                    assert!(text[concepts..].contains("\n### "), "lecture {}", l.number);
                    assert!(
                        text.contains("$ curl -v "),
                        "lecture {}: no transcript",
                        l.number
                    );
                    let new_since = at(&format!("\n## New since lecture {}\n", l.number - 1));
                    let command = format!(
                        "syllabus diff your-spec.yaml --from {} --to {}",
                        l.number - 1,
                        l.number
                    );
                    if l.number == 1 {
                        assert!(new_since.is_none() && !text.contains("## New since"));
                    } else {
                        assert!(
                            new_since.is_some_and(|n| n < concepts),
                            "lecture {}",
                            l.number
                        );
                        assert!(text.contains(&command), "lecture {}", l.number);
                    }
                }
            }
        }
    }

    #[test]
    fn what_was_built_describes_the_solution_and_names_the_exercise() {
        let text = readme(&theater(), 4, Variant::Solution);
        let built = &text[text.find("## What was built").unwrap()..];
        let built = &built[..built.find("\n## Run it").unwrap()];
        assert!(built.contains(lecture(4).unwrap().built));
        assert!(!built.contains(lecture(4).unwrap().exercise));
        assert!(
            built.contains(
                "`src/routes/productions.rs`: `update_production` and `delete_production`"
            )
        );
        assert!(built.contains("`syllabus diff your-spec.yaml --lecture 4`"));
        assert!(!readme(&theater(), 4, Variant::Starter).contains("## What was built"));
    }

    #[test]
    fn new_since_names_the_files_a_lecture_adds_and_removes() {
        let text = readme(&theater(), 2, Variant::Solution);
        assert!(text.contains("`src/db.rs`"), "{text}");
        assert!(text.contains("Gone: `src/data.rs`."), "{text}");
        let text = readme(&theater(), 4, Variant::Starter);
        assert!(!text.contains("New files:") && !text.contains("Gone:"));
    }

    #[test]
    fn transcripts_follow_what_the_server_sends() {
        let spec = theater();
        let exchanges = |n: u8| {
            crate::context::project(&spec, lecture(n).unwrap(), Variant::Solution)
                .readme
                .exchanges
        };
        for l in LECTURES {
            for e in exchanges(l.number).in_order() {
                let length = e.headers.iter().find(|h| h.name == "content-length");
                match length {
                    Some(h) => assert_eq!(h.value, e.response.len().to_string()),
                    None => assert!(e.status == 204 && e.response.is_empty()),
                }
                if let Some(body) = &e.body {
                    assert!(
                        e.request
                            .contains(&format!("Content-Length: {}", body.len()))
                    );
                }
            }
        }
        // Lecture 2 builds its JSON with `json!`, whose map sorts the keys; serde keeps the
        // struct's order from lecture 3 on.
        let shown = exchanges(2).show.unwrap().response;
        assert!(
            shown.starts_with(r#"{"budget":100000.0,"created_at":"#),
            "{shown}"
        );
        let created = exchanges(3).create.unwrap();
        assert!(
            created.response.starts_with(r#"{"id":5,"title":"#),
            "{}",
            created.response
        );
        assert!(
            created
                .headers
                .iter()
                .any(|h| h.name == "location" && h.value == "/productions/5")
        );
        let deleted = exchanges(4).delete.unwrap();
        assert_eq!(deleted.status_line, "HTTP/1.1 204 No Content");
        assert!(deleted.headers.iter().all(|h| h.name != "content-type"));
        let invalid = exchanges(5).invalid.unwrap().response;
        assert!(invalid.contains(r#""title":["is required"]"#), "{invalid}");
        assert!(exchanges(4).invalid.is_none() && exchanges(1).create.is_none());
    }

    #[test]
    fn timestamps_are_written_as_chrono_writes_them() {
        assert_eq!(utc("2024-12-31T20:00:00Z").unwrap(), "2024-12-31T20:00:00Z");
        assert_eq!(
            utc("2024-12-31T23:30:00-01:00").unwrap(),
            "2025-01-01T00:30:00Z"
        );
        assert_eq!(
            utc("2024-03-01T01:00:00+02:00").unwrap(),
            "2024-02-29T23:00:00Z"
        );
        assert_eq!(
            utc("2024-12-31T20:00:00.5Z").unwrap(),
            "2024-12-31T20:00:00.500Z"
        );
        assert_eq!(
            utc("2024-12-31T20:00:00.1234Z").unwrap(),
            "2024-12-31T20:00:00.123400Z"
        );
        assert_eq!(
            utc("2024-12-31T20:00:00.000Z").unwrap(),
            "2024-12-31T20:00:00Z"
        );
    }

    #[test]
    fn shell_words_are_quoted_when_they_need_it() {
        assert_eq!(
            shell_word("http://127.0.0.1:3000/a_b/1"),
            "http://127.0.0.1:3000/a_b/1"
        );
        assert_eq!(shell_word(r#"{"a": "it's"}"#), r#"'{"a": "it'\''s"}'"#);
    }
}
