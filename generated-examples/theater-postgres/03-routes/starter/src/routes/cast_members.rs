//! `/cast_members`: list, show and create cast members.

use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::{HeaderName, StatusCode, header},
    routing::get,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, PgExecutor};

use super::{ApiError, Pagination, db_error, not_found};
use crate::AppState;

pub fn router() -> Router<AppState> {
    // Exercise: `POST /cast_members` creates a cast member: route it to `create_cast_member`.
    // Until then axum answers it with 405 Method Not Allowed, since the path has a `GET`.
    Router::new()
        .route("/cast_members", get(list_cast_members))
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
// Exercise: a field per key a client sends to create a cast member, one per column but `id`
// and the timestamps, which the database fills in. A column that is `not null` without a
// `default` must be sent: its field is not an `Option`, so that serde refuses a body without
// it; the other fields are `Option`s. Refuse a key that is not a field too (a serde attribute
// does), so that a typo is not silently dropped.
#[derive(Deserialize)]
struct NewCastMember {}

/// GET /cast_members: every cast member in id order, or one page of them.
async fn list_cast_members(
    State(state): State<AppState>,
    Query(pagination): Query<Pagination>,
) -> Result<Json<Vec<CastMember>>, ApiError> {
    // Exercise: answer with one page of cast members, in id order, as JSON. `pagination` is the
    // page the query string asks for: `limit()` rows after the first `offset()`, each already
    // what SQL takes when the client did not say. Without an order, pages could overlap.
    todo!("list cast members")
}

/// GET /cast_members/{id}: one cast member.
async fn show_cast_member(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<CastMember>, ApiError> {
    // Exercise: answer with the cast member as JSON.
    // `find_cast_member` loads it, and has the 404 to answer with when there is none.
    todo!("show cast member {id}")
}

/// POST /cast_members: creates a cast member.
async fn create_cast_member(
    State(state): State<AppState>,
    Json(input): Json<NewCastMember>,
) -> Result<(StatusCode, [(HeaderName, String); 1], Json<CastMember>), ApiError> {
    // Exercise: store the cast member the body describes, and answer 201 Created with the row as
    // stored (its id, defaults and timestamps too) as JSON, and a `Location` header with its
    // path. One statement can both insert the row and return it.
    // `.map_err(db_error)` turns a `production_id` with no row into a 422.
    todo!("create a cast member")
}

/// Loads one cast member, or the 404 to answer with when there is none.
///
/// `db` is the pool (`&state.db`) or one connection taken from it (`&mut *conn`).
async fn find_cast_member(db: impl PgExecutor<'_>, id: i64) -> Result<CastMember, ApiError> {
    sqlx::query_as(
        "select id, name, role, production_id, created_at, updated_at
         from cast_members
         where id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
    .map_err(db_error)?
    .ok_or_else(|| not_found("cast member", id))
}
