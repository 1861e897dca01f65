//! The pages of each resource: one module per resource.

mod cast_members;
mod productions;

use axum::Router;

pub fn router() -> Router {
    Router::new()
        .merge(productions::router())
        .merge(cast_members::router())
}
