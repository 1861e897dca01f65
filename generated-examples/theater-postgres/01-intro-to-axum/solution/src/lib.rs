//! Flatiron Theater: a first Axum server about productions and cast members.
//!
//! `main.rs` only reads the configuration and starts things. Everything a request
//! touches is built by [`app`], so the tests can call the very same router
//! directly, without opening a port.
//!
//! - [`config`]: settings from environment variables
//! - `data`: the sample rows, kept in memory until a database arrives
//! - `routes`: the pages of each resource, one module per resource
//! - `pages`: the HTML pages and the 404 fallback
//! - `middleware`: code that runs around every request
//! - [`server`]: serving over TCP, with time limits for slow clients

pub mod config;
mod data;
mod middleware;
mod pages;
mod routes;
pub mod server;

use axum::Router;
use tower_http::trace::TraceLayer;

/// Builds the whole application: every route, the fallback, and the middleware.
pub fn app() -> Router {
    Router::new()
        .merge(pages::router())
        .merge(routes::router())
        .fallback(pages::fallback)
        // A layer wraps everything added before it, so the last layer sees the request first:
        // TraceLayer opens a span, then our middleware logs and times the rest.
        .layer(axum::middleware::from_fn(middleware::log_and_time))
        .layer(TraceLayer::new_for_http())
}
