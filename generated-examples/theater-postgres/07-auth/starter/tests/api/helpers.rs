//! Test helpers: a fresh app and database for each test, a way to send it requests, and a
//! way to send them as a signed-in user without going through log-in.
//!
//! Who sends the requests: a new `TestApp` is signed in as user 1 (`ada`, member), who
//! owns every row `seed` and `add_more_rows` load, so that a test can change them as their
//! owner. A test that needs someone else says so in one line: `app.sign_in_as(Role::Admin)`
//! for a new user with that role, `app.sign_in_as_user(2)` for a seed user, `app.sign_out()` for
//! nobody.

use std::{
    net::SocketAddr,
    path::Path,
    sync::{
        Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use axum::{
    Router,
    body::{Body, Bytes},
    extract::ConnectInfo,
    http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header},
    response::IntoResponse,
};
use axum_extra::extract::{
    PrivateCookieJar,
    cookie::{Cookie, Key},
};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use sqlx::{AssertSqlSafe, Connection, PgConnection, PgPool, Row, postgres::PgPoolOptions};
use theater::{
    AppState,
    auth::{Role, SESSION_COOKIE},
    config::{ClientConfig, SessionConfig},
    db::{self, SEED_USERS},
};
use tokio::sync::OnceCell;
use tower::ServiceExt;

/// The rows `add_more_rows` inserts, numbered after the seed rows, owned by user 1.
const MORE_ROWS: &str = "insert into productions (id, title, genre, budget, image, director, description, ongoing, user_id) overriding system value values
    (5, 'Organized heuristic standardization', 'Drama', 104.0, 'image5.jpg', 'Gabriella Skiles', 'Deserunt et aut quia est labore.', true, 1),
    (6, 'Total bi-directional moderator', 'Musical', 105.0, 'image6.jpg', 'Imelda Morissette', 'Quia esse et fugiat illum voluptatem excepturi ad.', true, 1),
    (7, 'Innovative fresh-thinking model', 'Opera', 106.0, 'image7.jpg', 'Walker O''Hara', 'Inventore consequatur sed officiis dolores voluptas repudiandae enim ullam dolor dolore.', true, 1);
select setval(pg_get_serial_sequence('productions', 'id'), max(id)) from productions;
insert into cast_members (id, name, role, production_id, user_id) overriding system value values
    (10, 'Alexzander Bailey', 'Customized initiatives', 7, 1),
    (11, 'Aron Armstrong', 'Impactful web services', 7, 1),
    (12, 'Brandy Champlin', 'Integrated action-items', 7, 1);
select setval(pg_get_serial_sequence('cast_members', 'id'), max(id)) from cast_members;";

/// Gives every row to user 1, the user the tests act as unless they say otherwise. (`seed`
/// gives them to the seed users in turn.)
const OWN_EVERY_ROW: &str =
    "update productions set user_id = 1; update cast_members set user_id = 1;";

/// The password of every user `sign_in_as` makes.
pub const TEST_PASSWORD: &str = "a-good-password";

/// The address requests come from, unless a test gives one of its own.
pub const CLIENT_ADDRESS: ([u8; 4], u16) = ([127, 0, 0, 1], 50000);

/// How many users a test may make with `sign_in_as`.
const MADE_USERS: usize = 8;

/// The hashes of the seed users' passwords, in the order of `SEED_USERS`, then the hash of
/// `TEST_PASSWORD`. Argon2 takes a moment per hash, so they are made once for the whole test
/// binary, the first time a test needs them. They are made here rather than with
/// `password::hash`, so that the tests of everything else hold while that is unwritten.
async fn hashes() -> &'static [String] {
    static HASHES: OnceCell<Vec<String>> = OnceCell::const_new();
    HASHES
        .get_or_init(|| async {
            let passwords = SEED_USERS.iter().map(|user| user.password);
            passwords.chain([TEST_PASSWORD]).map(argon2_hash).collect()
        })
        .await
}

/// An Argon2id hash of `password`, as `src/password.rs` makes them.
fn argon2_hash(password: &str) -> String {
    use argon2::{Argon2, password_hash::PasswordHasher};
    Argon2::default()
        .hash_password(password.as_bytes())
        .expect("a password hashes")
        .to_string()
}

/// The hashes of the seed users' passwords, in the order of `SEED_USERS`.
pub async fn seed_hashes() -> &'static [String] {
    &hashes().await[..SEED_USERS.len()]
}

/// The hash of `TEST_PASSWORD`.
async fn test_password_hash() -> &'static str {
    &hashes().await[SEED_USERS.len()]
}

/// How long a request may wait for the test database's one connection before sqlx gives up
/// (its own default is 30 s).
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);

/// The origin of the pages the tests send requests from: one the app's `CORS_ORIGINS` allows.
pub const ALLOWED_ORIGIN: &str = "http://localhost:5173";

/// The app under test, with its own database: the seed users, and no other rows.
pub struct TestApp {
    pub db: PgPool,
    router: Router,
    /// The key the app encrypts its cookies with, so that the tests can make cookies it takes.
    pub key: Key,
    /// Who the requests come from, if anyone: their session cookie goes with every request.
    actor: Mutex<Option<TestUser>>,
    /// The cookie to send instead, when a test has one from the app itself (from log-in).
    cookie: Mutex<Option<String>>,
    /// How many users `sign_in_as` has made, and how many sessions the test
    /// has begun.
    made_users: AtomicUsize,
    sessions: AtomicUsize,
    /// The test's own database, dropped with the app.
    _database: TempDatabase,
}

/// A user the tests act as, and the cookie of their session.
#[derive(Clone, Debug)]
pub struct TestUser {
    pub id: i64,
    pub session_id: String,
    /// The `Cookie` header that signs in as them: `session=<the session id, encrypted>`.
    pub cookie: String,
    /// For a user `sign_in_as` made: which one, and their role, to make them again.
    made: Option<(usize, Role)>,
}

/// What the app answered, read in full so tests can inspect it at leisure.
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl TestApp {
    /// The app, without a built client, signed in as user 1.
    pub async fn new() -> Self {
        Self::serving_client(Path::new("tests/no-client-here")).await
    }

    /// The app, serving the built client in `dist`.
    pub async fn serving_client(dist: &Path) -> Self {
        Self::build(dist, true).await
    }

    /// The app as `COOKIE_SECURE=false` makes it.
    pub async fn with_insecure_cookies() -> Self {
        Self::build(Path::new("tests/no-client-here"), false).await
    }

    async fn build(dist: &Path, secure_cookies: bool) -> Self {
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

        let client = ClientConfig {
            origins: vec![HeaderValue::from_static(ALLOWED_ORIGIN)],
            dist: dist.to_owned(),
        };
        let key = Key::generate();
        let sessions = SessionConfig {
            key: Some(key.clone()),
            secure_cookies,
        };
        let router = theater::app(AppState::new(db.clone(), sessions), &client);
        let app = Self {
            db,
            router,
            key,
            actor: Mutex::new(None),
            cookie: Mutex::new(None),
            made_users: AtomicUsize::new(0),
            sessions: AtomicUsize::new(0),
            _database: database,
        };
        let mut conn = app.db.acquire().await.expect("a connection");
        db::insert_seed_users(&mut conn, seed_hashes().await)
            .await
            .expect("the seed users insert");
        drop(conn);
        app.sign_in_as_user(1).await;
        app
    }

    /// Loads the sample data: the seed users, productions 1 to 4, cast members 1 to 9, every row
    /// owned by user 1.
    ///
    /// Seeding replaces every user, and so ends every session: the user the test acts as is
    /// put back afterwards, with the same session.
    pub async fn seed(&self) {
        db::seed_with_hashes(&self.db, seed_hashes().await)
            .await
            .expect("seed data loads");
        sqlx::raw_sql(OWN_EVERY_ROW)
            .execute(&self.db)
            .await
            .expect("the rows change owner");
        let actor = self.current_user();
        if let Some(user) = actor {
            if let Some((n, role)) = user.made {
                self.insert_made_user(Some(user.id), n, role).await;
            }
            self.insert_session(user.id, &user.session_id).await;
        }
    }

    /// Signs in as a new user with `role`, who owns nothing: one insert for the user (with a
    /// password hashed once for every test), one for the session, and the cookie made with
    /// the app's key. Every request after this one comes from them.
    pub async fn sign_in_as(&self, role: Role) -> TestUser {
        let n = self.made_users.fetch_add(1, Ordering::Relaxed);
        let id = self.insert_made_user(None, n, role).await;
        self.sign_in(id, Some((n, role))).await
    }

    /// Inserts the `n`th user the tests make, with `role`: with the id the database gives
    /// unless `id` says one.
    async fn insert_made_user(&self, id: Option<i64>, n: usize, role: Role) -> i64 {
        let username = format!("{}-{}", role_name(role), n + 1);
        assert!(n < MADE_USERS, "a test makes at most {MADE_USERS} users");
        sqlx::query_scalar(
            "insert into users (id, username, password_hash, role)
             overriding system value
             values (coalesce($1, nextval(pg_get_serial_sequence('users', 'id'))), $2, $3, $4)
             returning id",
        )
        .bind(id)
        .bind(username)
        .bind(test_password_hash().await)
        .bind(role)
        .fetch_one(&self.db)
        .await
        .expect("a test user inserts")
    }

    /// Signs in as the seed user `id`: user 1 owns every row the tests load.
    pub async fn sign_in_as_user(&self, id: i64) -> TestUser {
        self.sign_in(id, None).await
    }

    async fn sign_in(&self, id: i64, made: Option<(usize, Role)>) -> TestUser {
        let n = self.sessions.fetch_add(1, Ordering::Relaxed) + 1;
        let session_id = format!("test-session-{n}-of-user-{id}");
        self.insert_session(id, &session_id).await;
        let user = TestUser {
            id,
            cookie: self.cookie_for(&session_id),
            session_id,
            made,
        };
        *self.actor.lock().unwrap() = Some(user.clone());
        *self.cookie.lock().unwrap() = None;
        user
    }

    /// Sends no cookie from now on, as a browser that never logged in.
    pub fn sign_out(&self) {
        *self.actor.lock().unwrap() = None;
        *self.cookie.lock().unwrap() = None;
    }

    /// Sends `cookie` (a `Cookie` header's value) with every request from now on, as a
    /// browser does with the cookie the app set.
    pub fn use_cookie(&self, cookie: &str) {
        *self.actor.lock().unwrap() = None;
        *self.cookie.lock().unwrap() = Some(cookie.to_owned());
    }

    async fn insert_session(&self, user_id: i64, session_id: &str) {
        sqlx::query(
            "insert into sessions (id, user_id, expires_at)
             values ($1, $2, now() + interval '7 days')",
        )
        .bind(session_id)
        .bind(user_id)
        .execute(&self.db)
        .await
        .expect("a session inserts");
    }

    /// The `Cookie` header a browser sends for `session_id`, encrypted as the app encrypts it.
    pub fn cookie_for(&self, session_id: &str) -> String {
        cookie_with_key(&self.key, session_id)
    }

    /// The user the test acts as, if it acts as one.
    pub fn current_user(&self) -> Option<TestUser> {
        self.actor.lock().unwrap().clone()
    }

    /// The id of the user the test acts as, if it acts as one.
    pub fn current_user_id(&self) -> Option<i64> {
        self.current_user().map(|user| user.id)
    }

    /// The `Cookie` header that goes with requests, if any.
    pub fn current_cookie(&self) -> Option<String> {
        let actor = self.actor.lock().unwrap();
        let cookie = self.cookie.lock().unwrap();
        actor
            .as_ref()
            .map(|user| user.cookie.clone())
            .or(cookie.clone())
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
    ///
    /// Like a browser, it sends the cookie of the user the test acts as, unless the request has
    /// a `Cookie` header of its own; and like `src/server.rs`, it adds the client's address,
    /// unless the request has one of its own.
    pub async fn call(&self, mut request: Request<Body>) -> TestResponse {
        if !request.headers().contains_key(header::COOKIE)
            && let Some(cookie) = self.current_cookie()
        {
            let value = HeaderValue::from_str(&cookie).expect("a cookie is a header value");
            request.headers_mut().insert(header::COOKIE, value);
        }
        if request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .is_none()
        {
            let address = SocketAddr::from(CLIENT_ADDRESS);
            request.extensions_mut().insert(ConnectInfo(address));
        }
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

    /// The `Set-Cookie` header of the session cookie, whole, with its attributes.
    pub fn session_set_cookie(&self) -> Option<&str> {
        let prefix = format!("{SESSION_COOKIE}=");
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find(|value| value.starts_with(&prefix))
    }

    /// What a browser sends back for the session cookie this response set: its
    /// `session=<value>` part.
    pub fn session_cookie(&self) -> Option<String> {
        let set_cookie = self.session_set_cookie()?;
        Some(set_cookie.split(';').next()?.to_owned())
    }
}

/// A role as the API writes it: `member`, `admin`.
pub fn role_name(role: Role) -> String {
    serde_json::to_value(role)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .expect("a role serializes to text")
}

/// The `Cookie` header of a session cookie for `session_id`, encrypted with `key` by the jar
/// the app's handlers use.
pub fn cookie_with_key(key: &Key, session_id: &str) -> String {
    let jar =
        PrivateCookieJar::new(key.clone()).add(Cookie::new(SESSION_COOKIE, session_id.to_owned()));
    let response = jar.into_response();
    let set_cookie = response.headers()[header::SET_COOKIE]
        .to_str()
        .expect("a cookie is text");
    set_cookie
        .split(';')
        .next()
        .expect("a cookie has a value")
        .to_owned()
}
/// A body for `POST /api/signup`: the username and password. (A user has no other field that
/// must be filled in; with one, `_n` would pick values of its own for each user a test signs
/// up.)
pub fn new_user(_n: usize, username: &str, password: &str) -> Value {
    json!({ "username": username, "password": password })
}

/// Every row of `table` in id order, each as its columns' values written as text: what a
/// refused request must leave exactly as it was.
pub async fn table_rows(app: &TestApp, table: &str) -> Vec<Vec<Option<String>>> {
    // The table's name is one of the test's own, not input: safe to put in the SQL.
    let sql = sqlx::AssertSqlSafe(format!("select * from {table} order by id"));
    // `raw_sql` has PostgreSQL send every value as text, whatever its column's type.
    let rows = sqlx::raw_sql(sql)
        .fetch_all(&app.db)
        .await
        .expect("the table reads");
    rows.iter()
        .map(|row| {
            (0..row.len())
                // Unchecked: the values are text, which is all we need.
                .map(|i| row.try_get_unchecked(i).expect("a value reads as text"))
                .collect()
        })
        .collect()
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
