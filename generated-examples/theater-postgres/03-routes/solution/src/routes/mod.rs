//! The JSON API: one module per resource, plus the small helpers their handlers share.

mod cast_members;
mod openapi;
mod productions;

use axum::{Json, Router, http::StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(productions::router())
        .merge(cast_members::router())
        .merge(openapi::router())
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
/// A broken constraint is the client's mistake (say, a foreign key to a row that does not
/// exist), so it gets a 422 with the database's message. Anything else is our problem: it is
/// logged and the client gets a 500 that does not leak internals.
fn db_error(err: sqlx::Error) -> ApiError {
    if let Some(db_err) = err.as_database_error()
        && (db_err.is_unique_violation()
            || db_err.is_foreign_key_violation()
            || db_err.is_check_violation())
    {
        let error = db_err.message();
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "error": error })),
        );
    }

    tracing::error!("database error: {err}");
    let error = "internal server error";
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Json(json!({ "error": error })),
    )
}

/// `?limit=&offset=` on list routes. Both are optional: without them, every row is returned.
///
/// Unsigned types mean a negative number is rejected with a 400 before the handler runs, and
/// so is one over `u32::MAX` (4294967295), which no page needs.
#[derive(Deserialize)]
struct Pagination {
    limit: Option<u32>,
    offset: Option<u32>,
}

impl Pagination {
    /// PostgreSQL reads a null limit as "no limit".
    fn limit(&self) -> Option<i64> {
        self.limit.map(i64::from)
    }

    fn offset(&self) -> i64 {
        self.offset.map_or(0, i64::from)
    }
}
