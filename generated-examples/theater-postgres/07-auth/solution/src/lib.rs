//! Flatiron Theater: a REST API for productions and cast members.
//!
//! `main.rs` only reads the configuration and starts things. Everything a request
//! touches is built by [`app`], so the tests can call the very same router
//! directly, without opening a port.
//!
//! - [`config`]: settings from environment variables
//! - [`db`]: the PostgreSQL pool, migrations and sample data
//! - `routes`: the JSON API: signing up, in and out, and one module per resource
//! - [`auth`]: who the current user is: sessions, their cookie, and `CurrentUser`
//! - [`password`]: hashing passwords and checking them
//! - [`throttle`]: the limit on failed log-ins
//! - [`cors`]: which other origins' pages may call the API from a browser
//! - `client`: the React client's pages, once `npm run build` has built them
//! - `middleware`: code that runs around every request
//! - [`server`]: serving over TCP, with time limits for slow clients

pub mod auth;
mod client;
pub mod config;
pub mod cors;
pub mod db;
pub mod error;
mod middleware;
pub mod password;
mod routes;
pub mod server;
pub mod throttle;

use std::{sync::Arc, time::Duration};

use axum::{Router, extract::DefaultBodyLimit};
use axum_extra::extract::cookie::Key;
use sqlx::PgPool;
use tower_http::{catch_panic::CatchPanicLayer, cors::CorsLayer, trace::TraceLayer};

use crate::{
    config::{ClientConfig, SessionConfig},
    throttle::Throttle,
};

/// What handlers can reach through the `State` extractor.
///
/// axum clones it for each request; that is cheap: a pool and an `Arc` are shared handles,
/// and a key is 64 bytes.
#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    /// Encrypts and authenticates the session cookie.
    pub key: Key,
    /// Whether the session cookie is sent over HTTPS only.
    pub secure_cookies: bool,
    /// Failed log-ins, per username and per client address. Shared by every request, hence
    /// the `Arc`: each clone of the state points at the same counts.
    pub login_attempts: Arc<Throttle>,
}

/// How many failed log-ins for one username, or from one address, are allowed within
/// [`LOGIN_WINDOW`] before log-in answers 429.
pub const LOGIN_ATTEMPTS: usize = 10;
pub const LOGIN_WINDOW: Duration = Duration::from_secs(3 * 60);

impl AppState {
    pub fn new(db: PgPool, sessions: SessionConfig) -> Self {
        // Without `SESSION_SECRET`, a random key: fine while developing, but every restart
        // then logs everybody out, since the cookies they hold were made with the old key.
        let key = sessions.key.unwrap_or_else(|| {
            tracing::warn!(
                "SESSION_SECRET is not set: using a random key, so sessions will not survive \
                 a restart (`cargo run -- secret` prints a secret to set)"
            );
            Key::generate()
        });
        AppState {
            db,
            key,
            secure_cookies: sessions.secure_cookies,
            login_attempts: Arc::new(Throttle::new(LOGIN_ATTEMPTS, LOGIN_WINDOW)),
        }
    }
}

/// Builds the whole application: the JSON API under `/api`, the client's pages everywhere
/// else, and what every request goes through.
pub fn app(state: AppState, client: &ClientConfig) -> Router {
    let site = Router::new()
        // Every route of the API gets the `/api` prefix: `/productions` answers at
        // `/api/productions`.
        .nest("/api", routes::router().with_state(state))
        .merge(client::pages(&client.dist));
    wrap(site, cors::layer(client.origins.clone()))
}

/// Adds what every route gets: a limit on body size, recovery from panics, the CORS layer,
/// the middleware and tracing. The tests wrap routes of their own with it, to see a panicking
/// handler answered properly.
pub fn wrap(routes: Router, cors: CorsLayer) -> Router {
    routes
        // A body over 64 KiB is refused with 413 before any handler reads it.
        .layer(DefaultBodyLimit::max(64 * 1024))
        // A handler that panics gets a JSON 500; the server goes on serving.
        .layer(CatchPanicLayer::custom(error::panic_response))
        // Outside the panic catcher, so that a 500 goes back with its CORS headers too: a page
        // of another origin could not read an answer without them.
        .layer(cors)
        // A layer wraps everything added before it, so the last layer sees the request first:
        // TraceLayer opens a span, then our middleware logs and times the rest.
        .layer(axum::middleware::from_fn(middleware::log_and_time))
        .layer(TraceLayer::new_for_http())
}
