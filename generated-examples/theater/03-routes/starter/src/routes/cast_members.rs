//! `/cast_members`: list, show and create cast members.

use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::{HeaderName, StatusCode, header},
    routing::get,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteExecutor};

use super::{ApiError, Pagination, db_error, not_found};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/cast_members",
            get(list_cast_members).post(create_cast_member),
        )
        .route("/cast_members/{id}", get(show_cast_member))
}

/// A row of the `cast_members` table, as stored and as sent to clients.
/// It carries `production_id`, not the production itself:
/// nesting goes one way only, from a parent to its children.
#[derive(Serialize, FromRow)]
pub struct CastMember {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub production_id: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The body of `POST /cast_members`. A missing required field is rejected with a 422.
///
/// A key that is not a field is refused with a 422, so that a typo is not silently dropped.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewCastMember {
    name: String,
    role: String,
    production_id: i64,
}

/// GET /cast_members: every cast member in id order, or one page of them.
async fn list_cast_members(
    State(state): State<AppState>,
    Query(pagination): Query<Pagination>,
) -> Result<Json<Vec<CastMember>>, ApiError> {
    // Exercise: select every column of every row, in id order, paged with `limit ? offset ?`
    // (bind `pagination.limit()` and `pagination.offset()`), and answer with the rows as JSON.
    todo!("list cast members")
}

/// GET /cast_members/{id}: one cast member.
async fn show_cast_member(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<CastMember>, ApiError> {
    // Exercise: load the cast member with `find_cast_member` (write that too) and answer
    // with it as JSON; a missing row is a 404.
    todo!("show cast member {id}")
}

/// POST /cast_members: creates a cast member.
async fn create_cast_member(
    State(state): State<AppState>,
    Json(input): Json<NewCastMember>,
) -> Result<(StatusCode, [(HeaderName, String); 1], Json<CastMember>), ApiError> {
    // Exercise: insert the row with `insert ... returning` and answer 201 Created, a
    // `Location` header with the new row's path, and the row as JSON.
    // `.map_err(db_error)` turns a `production_id` with no row into a 422.
    todo!("create a cast member")
}

/// Loads one cast member, or the 404 to answer with when there is none.
///
/// `db` is the pool (`&state.db`) or one connection taken from it (`&mut *conn`).
async fn find_cast_member(db: impl SqliteExecutor<'_>, id: i64) -> Result<CastMember, ApiError> {
    // Exercise: select the row with `sqlx::query_as` and `fetch_optional`, turn a database
    // error into a response with `.map_err(db_error)?`, and a missing row into
    // `not_found("cast member", id)`.
    todo!("select cast member {id}, or answer 404")
}
