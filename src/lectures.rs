//! The course: every lecture, what it teaches, what it adds to the project, and what its
//! starter leaves for the student. Templates ask what a project *has* (`has.database`) and
//! what is *left to do* (`todo.create`), never which lecture they are in.

use serde::Serialize;

use crate::dialect::Dialect;
use crate::naming::ResourceNames;
use crate::spec::{Resource, Spec};

/// Something a generated project can contain. Lectures add and remove them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capability {
    /// Seed rows kept in a Rust list (lecture 1, before there is a database).
    InMemoryData,
    /// sqlx, SQLite, migrations, model structs and the `seed` command.
    Database,
    /// Read-only views whose JSON is built by hand with `json!`.
    HandBuiltJson,
    /// `#[derive(Serialize)]` response types, nested children.
    Serializers,
    /// `POST` to create.
    Create,
    /// A Postman collection and a `requests.http` file.
    RequestCollections,
    /// `PATCH` to update.
    Update,
    /// `DELETE` to remove.
    Delete,
    /// One error type, `AppError`, with one JSON shape for every error; extractors, 404s,
    /// 405s, oversized bodies and panics all answer with it.
    AppErrors,
    /// Every rule of the spec checked in Rust, and a migration of CHECK constraints.
    Validation,
    /// Server-rendered HTML pages: a welcome page linking to each resource, and one that shows
    /// the request it received.
    HtmlPages,
    /// A React client in `client/`: the JSON API moves under `/api`, a CORS layer lets other
    /// origins' pages call it, and the server serves the built client.
    Client,
    /// Users who sign up, log in and out, with hashed passwords and sessions in an encrypted
    /// cookie; each handler checks who may call it, as the spec's `auth.access` says.
    Auth,
}

/// A part of the project a starter leaves for the student: most are a `todo!()`, each has a
/// comment that starts with `Exercise:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    /// The dynamic route that finds a row by id in the in-memory list.
    ShowPage,
    /// The route that shows the request context.
    RequestContext,
    /// The migration and the row struct of one resource, [`schema_resource`]: the migration
    /// is a comment saying what the table needs, the struct has no fields yet, and its
    /// `to_json` is a `todo!()`.
    Schema,
    /// Loading the seed rows.
    Seed,
    /// The `find_*` functions, which load one row by id or answer 404.
    Find,
    /// The request body types (`New*`) and the types that nest children in a response: each
    /// is there with its derives, without fields.
    Serializers,
    /// Registering the routes the lecture adds: the starter's routers lack them.
    Routes,
    /// The `validate` functions of the create and update bodies.
    Validate,
    /// The part of `AppError` that answers input breaking rules: the status of a `Validation`
    /// error, the `errors` its response lists, and how `FieldErrors` collects them.
    ValidationErrors,
    /// The server's CORS layer: which origins may call the API from a browser, with which
    /// methods, headers and credentials. The starter's layer allows nothing.
    Cors,
    /// The client's `api.js`: a function per request, which checks the status and turns the
    /// JSON error shape into an error the pages can show.
    ApiClient,
    /// Hashing a password and checking one against its hash (`src/password.rs`).
    Passwords,
    /// Logging in and out, and telling who is signed in: the login, logout and check-session
    /// handlers.
    Sessions,
    /// The authorization check of the handler that updates the first resource with owners.
    Authorization,
    List,
    Show,
    Create,
    Update,
    Delete,
}

pub struct Lecture {
    pub number: u8,
    pub slug: &'static str,
    pub title: &'static str,
    /// One sentence on what the lecture is about.
    pub summary: &'static str,
    pub objectives: &'static [&'static str],
    pub adds: &'static [Capability],
    pub removes: &'static [Capability],
    /// What changes for someone coming from the previous lecture, when it is not obvious.
    pub changes: &'static str,
    /// What the starter asks the student to write.
    pub exercise: &'static str,
    /// What the solution's project is, in a few sentences: its "What was built".
    pub built: &'static str,
    /// The template of the lecture's notes (its "New since" and "Concepts" sections), under
    /// `templates/`: prose that teaches the objectives with the spec's own resources.
    pub notes: &'static str,
    pub tasks: &'static [Task],
}

use Capability::*;

/// A lecture's prose as a course on `dialect` reads it. The texts are written for SQLite, the
/// default, and name their database only as "SQLite".
pub fn on_database(text: &str, dialect: Dialect) -> String {
    text.replace("SQLite", dialect.title())
}

pub const LECTURES: &[Lecture] = &[
    Lecture {
        number: 1,
        slug: "01-intro-to-axum",
        title: "Intro to Axum",
        summary: "An Axum server with HTML routes, a path parameter, the request context and a middleware.",
        objectives: &[
            "Start an Axum server and explain what a router, a handler and an extractor are",
            "Write a dynamic route that reads a path parameter",
            "Read the request context: method, path, host and headers",
            "Run code before every request with a middleware",
            "Return explicit status codes, and a 404 for routes that do not exist",
        ],
        adds: &[InMemoryData, HtmlPages],
        removes: &[],
        changes: "",
        exercise: "Write the handler that finds a row by its id in the in-memory list, and the handler that shows the request context.",
        built: "An axum server that answers with HTML. A page per row of each resource, found by the id in its path in a list kept in memory: 200 with the row, 404 for an id no row has, 400 for an id that is not a number. A page that shows the request it received (method, path, host and headers), a middleware that logs every request and adds an `x-response-time` header, and a fallback that answers 404 for any other path.",
        notes: "project/notes/01-intro-to-axum.md",
        tasks: &[Task::ShowPage, Task::RequestContext],
    },
    Lecture {
        number: 2,
        slug: "02-database",
        title: "Database",
        summary: "sqlx and SQLite: migrations from the spec, model structs, seed data and read-only views.",
        objectives: &[
            "Describe tables, columns, constraints and foreign keys in numbered migrations",
            "Connect to SQLite with a connection pool and apply migrations at start",
            "Map rows to structs with `FromRow`",
            "Load seed data with a command",
            "Query rows in handlers and return 404 when a row does not exist",
        ],
        adds: &[Database, HandBuiltJson],
        removes: &[InMemoryData],
        changes: "Lecture 1's HTML pages about each row become JSON here: from now on the resources are an API, read by programs rather than browsers, and the 404 fallback answers JSON too.",
        exercise: "Write the migration of one table and its row struct (the model `query_as` fills with `FromRow`), the read-only views that query the database, and the seed command that loads `seed.sql`.",
        built: "The rows live in SQLite now. One numbered migration per table creates the schema, applied when the app starts; a struct per table derives `FromRow`; `cargo run -- seed` loads `seed.sql` in one transaction; the pool is shared with every handler through `AppState`. Each resource has two read-only views, a list and a show, whose JSON is built by hand with `json!`, and a row that does not exist is a JSON 404.",
        notes: "project/notes/02-database.md",
        tasks: &[Task::Schema, Task::Seed, Task::List, Task::Show, Task::Find],
    },
    Lecture {
        number: 3,
        slug: "03-routes",
        title: "Routes",
        summary: "JSON APIs with serializers: list, show with nested children, and create.",
        objectives: &[
            "Serialize structs to JSON with serde instead of building JSON by hand",
            "Nest related rows in a response without back-references",
            "Accept JSON bodies and create rows with `POST`, answering 201 and a `Location` header",
            "Page through a collection with query parameters",
            "Exercise an API with Postman and with a `requests.http` file",
        ],
        adds: &[Serializers, Create, RequestCollections],
        removes: &[HandBuiltJson],
        changes: "",
        exercise: "Write the serializers of every resource (the body a `POST` reads and the response that nests a row's children), the list, show and create handlers, and register the `POST` routes.",
        built: "A JSON API written with serde: the row structs derive `Serialize`, the request bodies derive `Deserialize`. Lists page with `?limit=&offset=`, a row with children is shown with them nested inside it, and `POST` creates a row, answering 201 with a `Location` header. `postman_collection.json` and `requests.http` hold a request for every route.",
        notes: "project/notes/03-routes.md",
        tasks: &[
            Task::List,
            Task::Show,
            Task::Create,
            Task::Serializers,
            Task::Routes,
        ],
    },
    Lecture {
        number: 4,
        slug: "04-rest-apis",
        title: "REST APIs",
        summary: "RESTful routes: partial updates with PATCH and deletion with DELETE.",
        objectives: &[
            "Name routes the RESTful way: a collection and its members",
            "Update only the fields a client sends with `PATCH`",
            "Delete rows with `DELETE` and answer 204 with an empty body",
            "Answer 404 with a JSON error for rows that do not exist",
        ],
        adds: &[Update, Delete],
        removes: &[],
        changes: "",
        exercise: "Write the update and delete handlers of every resource.",
        built: "The complete RESTful route table for every resource. `PATCH` changes only the fields its body sends, `DELETE` removes a row and answers 204 with an empty body, and both answer a JSON 404 for an id that names no row.",
        notes: "project/notes/04-rest-apis.md",
        tasks: &[Task::Update, Task::Delete],
    },
    Lecture {
        number: 5,
        slug: "05-errors-and-validations",
        title: "Errors and Validations",
        summary: "One error type and one JSON error shape; every rule of the spec checked in Rust, and by the database.",
        objectives: &[
            "Explain why handling errors matters: no crash, no leak, and an answer a client can act on",
            "Turn every failure into a response through one error type that implements `IntoResponse`",
            "Answer with one JSON error shape everywhere, listing every broken rule of every field",
            "Validate input in Rust before it reaches the database",
            "Keep the database's constraints as the last line of defence",
        ],
        adds: &[AppErrors, Validation],
        removes: &[],
        changes: "The `(StatusCode, Json)` tuples of lectures 2 to 4 give way to `AppError` in `src/error.rs`: handlers use `?`, and malformed bodies, bad ids, unknown routes and methods, oversized bodies and panics all answer in the same JSON shape.",
        exercise: "Write the validation of every resource (the `check_*` function of each field with rules, and the `validate` functions of the create and update bodies), and the part of `AppError` that answers it: the status of a `Validation` error, the `errors` its response lists, and how `FieldErrors` collects them.",
        built: "One error type, `AppError` in `src/error.rs`, answers every failure with the same JSON shape: handlers return it with `?`; malformed bodies, bad ids and query strings, unknown routes and methods, oversized bodies and panics become it too. Generated `validate` functions check every rule of the spec and report every broken rule at once with a 422, and a migration adds the CHECK constraints SQL can express, so the database refuses what skips the validation.",
        notes: "project/notes/05-errors-and-validations.md",
        tasks: &[Task::Validate, Task::ValidationErrors],
    },
    Lecture {
        number: 6,
        slug: "06-client-server",
        title: "Client-Server Communication",
        summary: "A React client for the API: requests with `fetch`, the server's errors shown where they belong, CORS, and one server for both.",
        objectives: &[
            "Discuss MVC: which part of this project is the model, which the view and which the controller",
            "Connect a React app to the API, through Vite's proxy in development and from the same server once built",
            "Execute requests from React with `fetch`: list, show, create, update and delete",
            "Handle errors in React: each of the server's messages next to its field, and a clear one when the server cannot be reached",
            "Discuss CORS: what the same-origin policy blocks, what a preflight is, and how a server allows an origin",
        ],
        adds: &[Client],
        removes: &[HtmlPages],
        changes: "The JSON API moves under `/api`, so that the client's pages can have the paths without it: reloading the page of a row in the browser shows that page, while the same path under `/api` is the row's data. The server-rendered pages of lectures 1 to 5 (the welcome page and `/context`) give way to the client.",
        exercise: "Write `request` in the client's `src/api.js`, which every page's data goes through: it sends a request with `fetch`, checks the answer's status, and turns the server's error shape into an error the pages show. And write the server's CORS layer in `src/cors.rs`, which lets the client's pages call the API from another origin.",
        built: "A React client in `client/` (Vite, plain JavaScript, react-router) with a list, a detail page, a create form and an edit form for every resource, each form built from the spec's fields and showing the server's messages next to them. Every request is in `client/src/api.js`. The server answers the API under `/api`, allows the origins of `CORS_ORIGINS` to call it from a browser, and serves the built client from `client/dist`, so `npm run build --prefix client` then `cargo run` serves the whole app on one port.",
        notes: "project/notes/06-client-server.md",
        tasks: &[Task::Cors, Task::ApiClient],
    },
    Lecture {
        number: 7,
        slug: "07-auth",
        title: "Authentication and Authorization",
        summary: "Users who sign up and log in, sessions in an encrypted cookie, hashed passwords, and in every handler a check of who may do what.",
        objectives: &[
            "Explain why authentication matters, and how it differs from authorization",
            "Relate cookies and sessions: what the browser keeps, what the server keeps, and why a session can be revoked",
            "Sign users up, in and out, with passwords stored only as Argon2id hashes and sessions in an encrypted cookie",
            "Authorize each action in its handler: 401 for a visitor who is not signed in, 403 for a user who may not",
            "Handle authentication and authorization errors in the front end, and show only what a user may do",
        ],
        adds: &[Auth],
        removes: &[],
        changes: "",
        exercise: "Write the two functions of `src/password.rs` (hash a password with Argon2id, check one against its hash), the login, logout and check-session handlers, and the authorization check of one handler.",
        built: "Users sign up, log in and out. Passwords are stored as Argon2id hashes, never shown; a session is a row of the `sessions` table, named by an encrypted cookie the browser sends back, and deleted at logout. Each handler says who may call it, as the spec's `auth.access` says: a visitor who must sign in first gets 401, a user who may not gets 403. Failed logins are limited, and the client signs users up and in, shows who is signed in, and offers only what they may do.",
        notes: "project/notes/07-auth.md",
        tasks: &[Task::Passwords, Task::Sessions, Task::Authorization],
    },
];

/// The lecture numbered `number`, if there is one.
pub fn lecture(number: u8) -> Option<&'static Lecture> {
    LECTURES.iter().find(|l| l.number == number)
}

/// What a project generated for a lecture contains.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Has {
    pub in_memory_data: bool,
    pub database: bool,
    pub hand_built_json: bool,
    pub serializers: bool,
    pub create: bool,
    pub request_collections: bool,
    pub update: bool,
    pub delete: bool,
    pub app_errors: bool,
    pub validation: bool,
    pub html_pages: bool,
    pub client: bool,
    pub auth: bool,
}

impl Has {
    fn set(&mut self, capability: Capability, on: bool) {
        let flag = match capability {
            InMemoryData => &mut self.in_memory_data,
            Database => &mut self.database,
            HandBuiltJson => &mut self.hand_built_json,
            Serializers => &mut self.serializers,
            Create => &mut self.create,
            RequestCollections => &mut self.request_collections,
            Update => &mut self.update,
            Delete => &mut self.delete,
            AppErrors => &mut self.app_errors,
            Validation => &mut self.validation,
            HtmlPages => &mut self.html_pages,
            Client => &mut self.client,
            Auth => &mut self.auth,
        };
        *flag = on;
    }
}

/// What the starter of a lecture leaves to the student; all false in a solution.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Todo {
    pub show_page: bool,
    pub request_context: bool,
    /// The migration and row struct of the resource whose `schema_exercise` is set.
    pub schema: bool,
    pub seed: bool,
    pub find: bool,
    pub serializers: bool,
    pub routes: bool,
    pub list: bool,
    pub show: bool,
    pub create: bool,
    pub update: bool,
    pub delete: bool,
    pub validate: bool,
    pub validation_errors: bool,
    pub cors: bool,
    pub api_client: bool,
    pub passwords: bool,
    pub sessions: bool,
    pub authorization: bool,
}

impl Todo {
    pub fn of(tasks: &[Task]) -> Self {
        let mut todo = Todo::default();
        for task in tasks {
            let flag = match task {
                Task::ShowPage => &mut todo.show_page,
                Task::RequestContext => &mut todo.request_context,
                Task::Schema => &mut todo.schema,
                Task::Seed => &mut todo.seed,
                Task::Find => &mut todo.find,
                Task::Serializers => &mut todo.serializers,
                Task::Routes => &mut todo.routes,
                Task::List => &mut todo.list,
                Task::Show => &mut todo.show,
                Task::Create => &mut todo.create,
                Task::Update => &mut todo.update,
                Task::Delete => &mut todo.delete,
                Task::Validate => &mut todo.validate,
                Task::ValidationErrors => &mut todo.validation_errors,
                Task::Cors => &mut todo.cors,
                Task::ApiClient => &mut todo.api_client,
                Task::Passwords => &mut todo.passwords,
                Task::Sessions => &mut todo.sessions,
                Task::Authorization => &mut todo.authorization,
            };
            *flag = true;
        }
        todo
    }
}

impl Lecture {
    /// Everything this lecture's project contains: what every lecture up to it added,
    /// less what a later one removed.
    pub fn has(&self) -> Has {
        let mut has = Has::default();
        for lecture in LECTURES.iter().take_while(|l| l.number <= self.number) {
            for &capability in lecture.adds {
                has.set(capability, true);
            }
            for &capability in lecture.removes {
                has.set(capability, false);
            }
        }
        has
    }

    /// The directory name of this lecture's projects.
    pub fn dir_name(&self) -> &'static str {
        self.slug
    }
}

/// Starter or solution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Variant {
    Starter,
    Solution,
}

impl Variant {
    pub const BOTH: [Variant; 2] = [Variant::Starter, Variant::Solution];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Starter => "starter",
            Variant::Solution => "solution",
        }
    }
}

impl Task {
    /// Whether the starter leaves this task as `todo!()` bodies only.
    pub fn is_todo(self) -> bool {
        !matches!(
            self,
            Task::Schema
                | Task::Serializers
                | Task::Routes
                | Task::ValidationErrors
                | Task::Cors
                | Task::ApiClient
                // A handler that runs without its check: it allows everyone.
                | Task::Authorization
        )
    }

    /// The names the tests of this task start with. Tests are named after the handler they
    /// exercise (`list_productions_returns_...`), so this mostly selects them by handler;
    /// several tasks of a lecture can share tests.
    pub fn test_prefixes(self, spec: &Spec) -> Vec<String> {
        let each = |f: &dyn Fn(&ResourceNames) -> String| {
            spec.resources.iter().map(|r| f(&r.names)).collect()
        };
        let create = || each(&|n| format!("create_{}_", n.singular));
        match self {
            Task::RequestContext => vec!["request_context_".into()],
            Task::Seed => vec!["seed_".into()],
            // The table and its struct are what listing and showing its rows read.
            Task::Schema => {
                let n = &schema_resource(spec).names;
                vec![
                    format!("list_{}_", n.plural),
                    format!("show_{}_", n.singular),
                ]
            }
            Task::ShowPage | Task::Show | Task::Find => each(&|n| format!("show_{}_", n.singular)),
            Task::List => each(&|n| format!("list_{}_", n.plural)),
            Task::Create => create(),
            // `openapi.json` describes the routes and handlers the exercise leaves out.
            Task::Routes => create()
                .into_iter()
                .chain([OPENAPI_ROUTES_TEST.to_owned()])
                .collect(),
            // A create cannot read its body without the body's type, nor can a row be shown
            // with its children without the type that holds both.
            Task::Serializers => create()
                .into_iter()
                .chain(
                    spec.resources
                        .iter()
                        .filter(|r| !r.children.is_empty())
                        .map(|r| format!("show_{}_", r.names.singular)),
                )
                .collect(),
            Task::Update => each(&|n| format!("update_{}_", n.singular))
                .into_iter()
                .chain([OPENAPI_ROUTES_TEST.to_owned()])
                .collect(),
            Task::Delete => each(&|n| format!("delete_{}_", n.singular)),
            // Without validation, creating and updating cannot work: all their tests fail, and
            // so does the create that `tests/api/errors.rs` sends just under the body limit.
            Task::Validate => spec
                .resources
                .iter()
                .flat_map(|r| {
                    [
                        format!("create_{}_", r.names.singular),
                        format!("update_{}_", r.names.singular),
                    ]
                })
                .chain(["a_body_just_under_the_limit_is_read".to_owned()])
                .collect(),
            // A rule broken on create is answered by the error type; so is one the database
            // catches, which `tests/api/errors.rs` tests where the spec has such a rule.
            Task::ValidationErrors => create()
                .into_iter()
                .chain(crate::context::validation_error_tests(spec))
                .collect(),
            Task::Cors => vec!["cors_".into()],
            // A password is hashed at signup and checked at login, and the seed command hashes
            // the seed users' passwords.
            Task::Passwords => vec![
                "password_".into(),
                "signup_".into(),
                "login_".into(),
                "seed_fills_the_database_the_environment_names".into(),
            ],
            // Every test in a browser signs in first.
            Task::Sessions => vec![
                "login_".into(),
                "logout_".into(),
                "check_session_".into(),
                "in a browser".into(),
            ],
            Task::Authorization => match crate::lectures::authorization_resource(spec) {
                Some(r) => vec![format!("update_{}_returns_403_", r.names.singular)],
                None => Vec::new(),
            },
            // The client's tests are named after what they exercise too: the unit tests of
            // `api.js`, and every test in a browser, since each page loads through it.
            Task::ApiClient => CLIENT_EXERCISE_TESTS.iter().map(|&t| t.into()).collect(),
        }
    }
}

/// The test that sends every operation `openapi.json` lists: it fails while a handler the
/// document names is missing or a `todo!()` (lectures 3 and 4, whose server does not catch a
/// handler's panic).
pub const OPENAPI_ROUTES_TEST: &str = "openapi_json_names_routes_the_router_answers";

/// How the client's tests of `api.js` and in a browser are named: vitest and Playwright name a
/// test by its `describe` blocks and its own title, joined with a space.
pub const CLIENT_EXERCISE_TESTS: [&str; 2] = ["api.js ", "in a browser"];

/// The resource whose migration and row struct lecture 2's starter leaves to the student: the
/// first but the first one that belongs to another, so the exercise has a foreign key to
/// declare (and the notes, which show the first table's migration, do not give it away);
/// without one, the last resource.
pub fn schema_resource(spec: &Spec) -> &Resource {
    let mut with_parents = spec
        .resources
        .iter()
        .skip(1)
        .filter(|r| !r.parents.is_empty());
    let chosen = match spec.database {
        Dialect::Sqlite => with_parents.next(),
        // PostgreSQL checks that the table a foreign key names exists when the key is made, so
        // the migrations after an unwritten table must not refer to it: the exercise is a
        // table no other refers to.
        Dialect::Postgres => with_parents.find(|r| r.children.is_empty()),
    };
    chosen
        .or(spec.resources.last())
        .expect("a spec has at least one resource")
}

/// The resource whose update handler's authorization check lecture 7's starter leaves to the
/// student: the first whose update some signed-in user may be refused (it names the owner or
/// a role); none if every resource lets anyone update.
pub fn authorization_resource(spec: &Spec) -> Option<&Resource> {
    use crate::spec::Who;
    let roles = &spec.auth.roles;
    spec.resources.iter().enumerate().find_map(|(at, r)| {
        let who = spec.auth.access.get(at)?.of("update");
        let anyone = who.iter().any(|w| matches!(w, Who::Public | Who::SignedIn));
        // With every role listed, every signed-in user may: nobody is refused.
        let every_role = !roles.is_empty()
            && roles
                .iter()
                .all(|role| who.contains(&Who::Role(role.clone())));
        (!anyone && !every_role).then_some(r)
    })
}

/// The test-name prefixes of every task of a lecture, in task order, each once.
pub fn exercise_test_prefixes(lecture: &Lecture, spec: &Spec) -> Vec<String> {
    let mut prefixes: Vec<String> = Vec::new();
    for prefix in lecture
        .tasks
        .iter()
        .flat_map(|task| task.test_prefixes(spec))
    {
        if !prefixes.contains(&prefix) {
            prefixes.push(prefix);
        }
    }
    prefixes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lectures_are_numbered_in_order_with_matching_slugs() {
        for (i, lecture) in LECTURES.iter().enumerate() {
            assert_eq!(lecture.number as usize, i + 1);
            assert!(lecture.slug.starts_with(&format!("{:02}-", lecture.number)));
            assert!(
                !lecture.tasks.is_empty(),
                "lecture {} has no exercise",
                lecture.number
            );
        }
    }

    #[test]
    fn capabilities_accumulate_and_can_be_replaced() {
        let first = lecture(1).unwrap().has();
        assert!(first.in_memory_data && !first.database);
        let second = lecture(2).unwrap().has();
        assert!(!second.in_memory_data && second.database && second.hand_built_json);
        let third = lecture(3).unwrap().has();
        assert!(third.database && third.serializers && !third.hand_built_json && third.create);
        let fourth = lecture(4).unwrap().has();
        assert!(fourth.create && fourth.update && fourth.delete && !fourth.app_errors);
        let fifth = lecture(5).unwrap().has();
        assert!(fifth.delete && fifth.app_errors && fifth.validation);
    }

    #[test]
    fn todo_marks_exactly_the_tasks() {
        let todo = Todo::of(&[Task::Update, Task::Delete]);
        assert_eq!(
            todo,
            Todo {
                update: true,
                delete: true,
                ..Todo::default()
            }
        );
    }

    fn spec(source: &str) -> Spec {
        crate::spec::parse_and_validate(source).unwrap()
    }

    #[test]
    fn the_schema_exercise_has_a_foreign_key_where_the_spec_has_one() {
        let theater = spec(include_str!("../specs/theater.yaml"));
        assert_eq!(schema_resource(&theater).names.singular, "cast_member");
        let festival = spec(include_str!("../specs/festival.yaml"));
        assert_eq!(schema_resource(&festival).names.singular, "match");
        let flat = "app: notes\nresources:\n  note:\n    fields:\n      body: text\n  tag:\n    fields:\n      name: string\n";
        assert_eq!(schema_resource(&spec(flat)).names.singular, "tag");
    }

    #[test]
    fn a_lecture_lists_each_test_prefix_once_in_task_order() {
        let theater = spec(include_str!("../specs/theater.yaml"));
        assert_eq!(
            exercise_test_prefixes(lecture(2).unwrap(), &theater),
            [
                "list_cast_members_",
                "show_cast_member_",
                "seed_",
                "list_productions_",
                "show_production_",
            ]
        );
        // Theater has rules SQL checks, a resource with one parent, and no unique field.
        let fifth = exercise_test_prefixes(lecture(5).unwrap(), &theater);
        assert_eq!(
            fifth[4..],
            [
                "a_body_just_under_the_limit_is_read",
                "check_constraint_",
                "on_foreign_key_says_what_a_broken_key_means_and_leaves_other_errors_alone",
            ]
        );
    }
}
