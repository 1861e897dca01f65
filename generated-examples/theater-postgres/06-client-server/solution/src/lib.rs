//! Flatiron Theater: a REST API for productions and cast members.
//!
//! `main.rs` only reads the configuration and starts things. Everything a request
//! touches is built by [`app`], so the tests can call the very same router
//! directly, without opening a port.
//!
//! - [`config`]: settings from environment variables
//! - [`db`]: the PostgreSQL pool, migrations and sample data
//! - `routes`: the JSON API, one module per resource
//! - [`cors`]: which other origins' pages may call the API from a browser
//! - `client`: the React client's pages, once `npm run build` has built them
//! - `middleware`: code that runs around every request
//! - [`server`]: serving over TCP, with time limits for slow clients

mod client;
pub mod config;
pub mod cors;
pub mod db;
pub mod error;
mod middleware;
mod routes;
pub mod server;

use axum::{Router, extract::DefaultBodyLimit};
use sqlx::PgPool;
use tower_http::{catch_panic::CatchPanicLayer, cors::CorsLayer, trace::TraceLayer};

use crate::config::ClientConfig;

/// What handlers can reach through the `State` extractor.
///
/// axum clones it for each request; that is cheap, because a pool is a shared handle.
#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
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
