//! `/cast_members`: read-only views of the `cast_members` table, as JSON built by hand.

use axum::{
    Json, Router,
    extract::{Path, State},
    routing::get,
};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sqlx::{FromRow, PgExecutor};

use super::{ApiError, db_error, not_found};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cast_members", get(list_cast_members))
        .route("/cast_members/{id}", get(show_cast_member))
}

/// A row of the `cast_members` table.
// Exercise: a public field per column of the table, named like the column and of the Rust
// type sqlx reads it as (`Option` where the column may be null), and `derive(FromRow)`, so
// that `sqlx::query_as` can build one from each row it fetches.
pub struct CastMember {}

impl CastMember {
    /// The JSON a client gets, built key by key. The next lecture lets serde write this.
    fn to_json(&self) -> Value {
        // Exercise: a JSON object with a key per column, named like it, and the row's value
        // for it. `json!` writes one.
        todo!("the JSON of a cast member")
    }
}

/// GET /cast_members: every cast member, in id order.
async fn list_cast_members(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    // Exercise: answer with a JSON array of every cast member, in id order, each as
    // `to_json` writes it. `sqlx::query_as` reads each row into the struct.
    todo!("list cast members")
}

/// GET /cast_members/{id}: one cast member.
async fn show_cast_member(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    // Exercise: answer with the cast member as JSON (`to_json`).
    // `find_cast_member` loads it, and has the 404 to answer with when there is none.
    todo!("show cast member {id}")
}

/// Loads one cast member, or the 404 to answer with when there is none.
///
/// `db` is the pool (`&state.db`) or one connection taken from it (`&mut *conn`).
async fn find_cast_member(db: impl PgExecutor<'_>, id: i64) -> Result<CastMember, ApiError> {
    // Exercise: load the cast member with this id, or answer 404 when there is none.
    // `not_found` writes that answer, and `db_error` turns a database error into one.
    todo!("select cast member {id}, or answer 404")
}
