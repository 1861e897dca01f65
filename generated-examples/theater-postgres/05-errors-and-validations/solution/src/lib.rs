//! Flatiron Theater: a REST API for productions and cast members.
//!
//! `main.rs` only reads the configuration and starts things. Everything a request
//! touches is built by [`app`], so the tests can call the very same router
//! directly, without opening a port.
//!
//! - [`config`]: settings from environment variables
//! - [`db`]: the PostgreSQL pool, migrations and sample data
//! - `routes`: the JSON API, one module per resource
//! - `pages`: the HTML pages and the 404 fallback
//! - `middleware`: code that runs around every request
//! - [`server`]: serving over TCP, with time limits for slow clients

pub mod config;
pub mod db;
pub mod error;
mod middleware;
mod pages;
mod routes;
pub mod server;

use axum::{Router, extract::DefaultBodyLimit};
use sqlx::PgPool;
use tower_http::{catch_panic::CatchPanicLayer, trace::TraceLayer};

/// What handlers can reach through the `State` extractor.
///
/// axum clones it for each request; that is cheap, because a pool is a shared handle.
#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
}

/// Builds the whole application: every route, wrapped in what every route gets.
pub fn app(state: AppState) -> Router {
    let routes = Router::new()
        .merge(pages::router())
        .merge(routes::router())
        .with_state(state);
    wrap(routes)
}

/// Adds what every route gets: JSON answers for unknown paths and methods, a limit on body
/// size, recovery from panics, the middleware and tracing. The tests wrap routes of their own
/// with it, to see a panicking handler answered properly.
pub fn wrap(routes: Router) -> Router {
    routes
        .fallback(pages::fallback)
        .method_not_allowed_fallback(pages::method_not_allowed)
        // A body over 64 KiB is refused with 413 before any handler reads it.
        .layer(DefaultBodyLimit::max(64 * 1024))
        // A handler that panics gets a JSON 500; the server goes on serving.
        .layer(CatchPanicLayer::custom(error::panic_response))
        // A layer wraps everything added before it, so the last layer sees the request first:
        // TraceLayer opens a span, then our middleware logs and times the rest.
        .layer(axum::middleware::from_fn(middleware::log_and_time))
        .layer(TraceLayer::new_for_http())
}
