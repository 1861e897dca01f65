//! The JSON API: one module per resource, plus the small helpers their handlers share.

mod cast_members;
mod productions;

use axum::{Json, Router, http::StatusCode};
use serde_json::{Value, json};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(productions::router())
        .merge(cast_members::router())
}

/// What a handler returns when it fails: a status code and a JSON body `{"error": "..."}`.
///
/// A tuple is enough for now; a later lecture replaces it with an error type of our own.
pub type ApiError = (StatusCode, Json<Value>);

/// 404 with a message such as `production 7 not found`.
fn not_found(what: &str, id: i64) -> ApiError {
    let error = format!("{what} {id} not found");
    (StatusCode::NOT_FOUND, Json(json!({ "error": error })))
}

/// Turns a database error into a response, for use as `.map_err(db_error)?`.
///
/// Reading fails only when something is wrong on our side (a missing table, a full disk): it
/// is logged, and the client gets a 500 that does not leak internals. Once the API writes
/// rows, a write that breaks a constraint is the client's mistake instead, and a 422.
fn db_error(err: sqlx::Error) -> ApiError {
    tracing::error!("database error: {err}");
    let error = "internal server error";
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Json(json!({ "error": error })),
    )
}
