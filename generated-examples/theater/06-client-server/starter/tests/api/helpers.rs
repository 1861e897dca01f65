//! Test helpers: a fresh app and database for each test, and a way to send it requests.

use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use axum::{
    Router,
    body::{Body, Bytes},
    http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header},
};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use sqlx::{
    SqlitePool,
    sqlite::{SqliteConnectOptions, SqlitePoolOptions},
};
use theater::{AppState, config::ClientConfig, db};
use tower::ServiceExt;

/// The rows `add_more_rows` inserts, numbered after the seed rows.
const MORE_ROWS: &str = "insert into productions (id, title, genre, budget, image, director, description, ongoing) values
    (5, 'Organized heuristic standardization', 'Drama', 104.0, 'image5.jpg', 'Gabriella Skiles', 'Deserunt et aut quia est labore.', true),
    (6, 'Total bi-directional moderator', 'Musical', 105.0, 'image6.jpg', 'Imelda Morissette', 'Quia esse et fugiat illum voluptatem excepturi ad.', true),
    (7, 'Innovative fresh-thinking model', 'Opera', 106.0, 'image7.jpg', 'Walker O''Hara', 'Inventore consequatur sed officiis dolores voluptas repudiandae enim ullam dolor dolore.', true);
insert into cast_members (id, name, role, production_id) values
    (10, 'Alexzander Bailey', 'Customized initiatives', 7),
    (11, 'Aron Armstrong', 'Impactful web services', 7),
    (12, 'Brandy Champlin', 'Integrated action-items', 7);";

/// How long a request may wait for the test database's one connection before sqlx gives up
/// (its own default is 30 s).
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);

/// The origin of the pages the tests send requests from: one the app's `CORS_ORIGINS` allows.
pub const ALLOWED_ORIGIN: &str = "http://localhost:5173";

/// The app under test, with its own empty in-memory database.
pub struct TestApp {
    pub db: SqlitePool,
    router: Router,
}

/// What the app answered, read in full so tests can inspect it at leisure.
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl TestApp {
    /// The app, without a built client.
    pub async fn new() -> Self {
        Self::serving_client(Path::new("tests/no-client-here")).await
    }

    /// The app, serving the built client in `dist`.
    pub async fn serving_client(dist: &Path) -> Self {
        let options = SqliteConnectOptions::new()
            .in_memory(true)
            // Without `order by`, SQLite returns rows in whatever order is cheapest, which
            // for a whole table happens to be id order. Reversed here, so that a query that
            // forgets `order by` fails its test instead of passing by luck.
            .pragma("reverse_unordered_selects", "true");
        // Each connection to an in-memory database opens a separate, empty one, so a single
        // connection makes every query see the same.
        let db = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .expect("in-memory database opens");
        db::MIGRATOR.run(&db).await.expect("migrations run");

        let client = ClientConfig {
            origins: vec![HeaderValue::from_static(ALLOWED_ORIGIN)],
            dist: dist.to_owned(),
        };
        let router = theater::app(AppState { db: db.clone() }, &client);
        Self { db, router }
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

    /// The same app state, serving other routes: for tests of what wraps every route.
    pub fn with_router(mut self, router: Router) -> Self {
        self.router = router;
        self
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, json: Value) -> TestResponse {
        self.send(Method::POST, path, Some(json)).await
    }

    pub async fn patch(&self, path: &str, json: Value) -> TestResponse {
        self.send(Method::PATCH, path, Some(json)).await
    }

    pub async fn delete(&self, path: &str) -> TestResponse {
        self.send(Method::DELETE, path, None).await
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
    pub async fn call(&self, request: Request<Body>) -> TestResponse {
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

/// A database file of a test's own, in the system's temporary folder. Dropping it removes
/// the file and the ones SQLite keeps beside it.
pub struct TempDatabase {
    path: PathBuf,
}

impl TempDatabase {
    /// A file named after the test binary's process and `name`, so that tests running at
    /// once never share one; none of its files exist yet.
    pub fn new(name: &str) -> Self {
        let file = format!("theater-{}-{name}.db", std::process::id());
        let database = Self {
            path: std::env::temp_dir().join(file),
        };
        database.remove();
        database
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The `DATABASE_URL` of the file.
    pub fn url(&self) -> String {
        format!("sqlite:{}", self.path.display())
    }

    /// The write-ahead log SQLite keeps beside the file in WAL mode.
    pub fn wal(&self) -> PathBuf {
        PathBuf::from(format!("{}-wal", self.path.display()))
    }

    fn remove(&self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}

impl Drop for TempDatabase {
    fn drop(&mut self) {
        self.remove();
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

/// A valid body for `POST /api/productions`: a value for every field. Tests change or remove keys
/// to make it invalid.
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

/// A valid body for `POST /api/cast_members`: a value for every field, and parents that exist once
/// the sample data is in. Tests change or remove keys to make it invalid.
pub fn new_cast_member() -> Value {
    json!({
        "name": "Alexzander Bailey",
        "role": "Customized initiatives",
        "production_id": 1,
    })
}
