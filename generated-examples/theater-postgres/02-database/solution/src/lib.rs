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
mod middleware;
mod pages;
mod routes;
pub mod server;

use axum::Router;
use sqlx::PgPool;
use tower_http::trace::TraceLayer;

/// What handlers can reach through the `State` extractor.
///
/// axum clones it for each request; that is cheap, because a pool is a shared handle.
#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
}

/// Builds the whole application: every route, the fallback, and the middleware.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(pages::router())
        .merge(routes::router())
        .fallback(pages::fallback)
        // A layer wraps everything added before it, so the last layer sees the request first:
        // TraceLayer opens a span, then our middleware logs and times the rest.
        .layer(axum::middleware::from_fn(middleware::log_and_time))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
