//! Test helpers: a fresh app and database for each test, and a way to send it requests.

use std::{
    sync::atomic::{AtomicUsize, Ordering},
    time::{Duration, Instant},
};

use axum::{
    Router,
    body::{Body, Bytes},
    http::{HeaderMap, Method, Request, StatusCode, header},
};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use sqlx::{AssertSqlSafe, Connection, PgConnection, PgPool, postgres::PgPoolOptions};
use theater::{AppState, db};
use tower::ServiceExt;

/// The rows `add_more_rows` inserts, numbered after the seed rows.
const MORE_ROWS: &str = "insert into productions (id, title, genre, budget, image, director, description, ongoing) overriding system value values
    (5, 'Organized heuristic standardization', 'Drama', 104.0, 'image5.jpg', 'Gabriella Skiles', 'Deserunt et aut quia est labore.', true),
    (6, 'Total bi-directional moderator', 'Musical', 105.0, 'image6.jpg', 'Imelda Morissette', 'Quia esse et fugiat illum voluptatem excepturi ad.', true),
    (7, 'Innovative fresh-thinking model', 'Opera', 106.0, 'image7.jpg', 'Walker O''Hara', 'Inventore consequatur sed officiis dolores voluptas repudiandae enim ullam dolor dolore.', true);
select setval(pg_get_serial_sequence('productions', 'id'), max(id)) from productions;
insert into cast_members (id, name, role, production_id) overriding system value values
    (10, 'Alexzander Bailey', 'Customized initiatives', 7),
    (11, 'Aron Armstrong', 'Impactful web services', 7),
    (12, 'Brandy Champlin', 'Integrated action-items', 7);
select setval(pg_get_serial_sequence('cast_members', 'id'), max(id)) from cast_members;";

/// How long a request may wait for the test database's one connection before sqlx gives up
/// (its own default is 30 s).
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);

/// The app under test, with its own empty database.
pub struct TestApp {
    pub db: PgPool,
    router: Router,
    /// The test's own database, dropped with the app.
    _database: TempDatabase,
}

/// What the app answered, read in full so tests can inspect it at leisure.
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl TestApp {
    pub async fn new() -> Self {
        // A database of the test's own: tests run at once, and none sees another's rows.
        let database = TempDatabase::new("app");
        // One connection, as on SQLite: a handler that holds it and asks the pool for
        // another waits for itself, and `send` says what went wrong.
        let db = PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect(&database.url())
            .await
            .expect("the test's database opens");
        db::MIGRATOR.run(&db).await.expect("migrations run");

        let router = theater::app(AppState { db: db.clone() });
        Self {
            db,
            router,
            _database: database,
        }
    }

    /// Loads `seed.sql`: productions 1 to 4, cast members 1 to 9.
    pub async fn seed(&self) {
        db::seed(&self.db).await.expect("seed data loads");
    }

    /// Adds three rows to every table after the seed rows, each pointing at the last new
    /// parent, so that a page or a parent's children have rows to leave out.
    pub async fn add_more_rows(&self) {
        sqlx::raw_sql(MORE_ROWS)
            .execute(&self.db)
            .await
            .expect("extra rows insert");
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, json: Value) -> TestResponse {
        self.send(Method::POST, path, Some(json)).await
    }

    /// `GET` with extra request headers.
    pub async fn get_with_headers(&self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut request = Request::get(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.call(request.body(Body::empty()).expect("request is valid"))
            .await
    }

    async fn send(&self, method: Method, path: &str, json: Option<Value>) -> TestResponse {
        let builder = Request::builder().method(method).uri(path);
        let request = match json {
            Some(json) => builder
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(json.to_string())),
            None => builder.body(Body::empty()),
        }
        .expect("request is valid");
        self.call(request).await
    }

    /// Calls the router like a server would, but in-process: no port, no network.
    async fn call(&self, request: Request<Body>) -> TestResponse {
        let asked = format!("{} {}", request.method(), request.uri());
        let started = Instant::now();
        // `oneshot` consumes the router, so each request gets a (cheap) clone.
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("a router never fails");
        if response.status() == StatusCode::INTERNAL_SERVER_ERROR
            && started.elapsed() >= ACQUIRE_TIMEOUT
        {
            panic!(
                "{asked} waited {ACQUIRE_TIMEOUT:?} for a database connection, then failed with \
                 a 500. The test database has one connection: a handler that holds it (from \
                 `state.db.acquire()`, or a transaction) and then queries `&state.db` waits for \
                 itself. Run that query on the connection the handler holds (`&mut *conn`)."
            );
        }

        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body reads")
            .to_bytes();
        TestResponse {
            status,
            headers,
            body,
        }
    }
}

impl TestResponse {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("body is JSON")
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.to_vec()).expect("body is UTF-8")
    }

    /// A header's value as text, or `None` when it is absent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }
}

/// A database of a test's own on the PostgreSQL server that `DATABASE_URL` names (from the
/// environment, or `.env`; the local server of `.env.example` if neither has it). It is made
/// empty, and dropped with its rows when the test ends, so that tests running at once never
/// share one.
pub struct TempDatabase {
    name: String,
}

impl TempDatabase {
    /// A database named after the app, the test binary's process, a count of the databases it
    /// made, and `name`.
    pub fn new(name: &str) -> Self {
        static MADE: AtomicUsize = AtomicUsize::new(0);
        let count = MADE.fetch_add(1, Ordering::Relaxed);
        let name = format!("theater_test_{}_{count}_{name}", std::process::id());
        on_server(format!("drop database if exists {name} with (force)"));
        on_server(format!("create database {name}"));
        Self { name }
    }

    /// The `DATABASE_URL` of the database.
    pub fn url(&self) -> String {
        server_url(&self.name)
    }
}

impl Drop for TempDatabase {
    fn drop(&mut self) {
        // `force` ends the sessions still open in it, such as those of a pool not yet closed.
        on_server(format!(
            "drop database if exists {} with (force)",
            self.name
        ));
    }
}

/// The URL of `database` on the tests' server: `DATABASE_URL`, with its database replaced.
fn server_url(database: &str) -> String {
    dotenvy::dotenv().ok();
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@localhost:5432/theater".to_owned());
    // `postgres://user@host:5432/name?options`: the name is what follows the last `/`.
    let (address, options) = url.split_once('?').unwrap_or((&url, ""));
    let (server, _) = address.rsplit_once('/').unwrap_or((address, ""));
    match options {
        "" => format!("{server}/{database}"),
        options => format!("{server}/{database}?{options}"),
    }
}

/// Runs `sql` in the server's `postgres` database, which every server has, to make or drop
/// a test's database. It runs on a thread with a runtime of its own, so that code that cannot
/// `.await` (a `#[test]`, a `drop`) can wait for it.
fn on_server(sql: String) {
    let url = server_url("postgres");
    let done = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime starts");
        runtime.block_on(async {
            let mut conn = PgConnection::connect(&url).await?;
            // The name is the test's own, not input: safe to put in the SQL.
            sqlx::raw_sql(AssertSqlSafe(sql)).execute(&mut conn).await?;
            conn.close().await
        })
    })
    .join();
    if let Ok(Err(err)) = done {
        // Not while a failing test unwinds: a second panic would hide the first.
        if !std::thread::panicking() {
            panic!("the tests' PostgreSQL server (DATABASE_URL) refused: {err}");
        }
    }
}

/// The `id`s of a JSON array of rows, in order.
pub fn ids(rows: &Value) -> Vec<i64> {
    rows.as_array()
        .expect("a JSON array")
        .iter()
        .map(|row| row["id"].as_i64().expect("an integer id"))
        .collect()
}

/// A valid body for `POST /productions`: a value for every field. Tests change or remove keys to
/// make it invalid.
pub fn new_production() -> Value {
    json!({
        "title": "Organized heuristic standardization",
        "genre": "Drama",
        "budget": 104.0,
        "image": "image5.jpg",
        "director": "Gabriella Skiles",
        "description": "Deserunt et aut quia est labore.",
        "ongoing": true,
    })
}

/// A valid body for `POST /cast_members`: a value for every field, and parents that exist once the
/// sample data is in. Tests change or remove keys to make it invalid.
pub fn new_cast_member() -> Value {
    json!({
        "name": "Alexzander Bailey",
        "role": "Customized initiatives",
        "production_id": 1,
    })
}
