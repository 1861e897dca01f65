//! `/cast_members`: list, show, create, update and delete cast members.

use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::{HeaderName, StatusCode, header},
    routing::get,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, PgExecutor, QueryBuilder};

use super::{ApiError, Pagination, db_error, not_found};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/cast_members",
            get(list_cast_members).post(create_cast_member),
        )
        .route(
            "/cast_members/{id}",
            get(show_cast_member)
                .patch(update_cast_member)
                .delete(delete_cast_member),
        )
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

/// The body of `PATCH /cast_members/{id}`: only the keys present are changed.
/// No column here is nullable, so a plain `Option` is enough.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CastMemberPatch {
    name: Option<String>,
    role: Option<String>,
    production_id: Option<i64>,
}

/// GET /cast_members: every cast member in id order, or one page of them.
async fn list_cast_members(
    State(state): State<AppState>,
    Query(pagination): Query<Pagination>,
) -> Result<Json<Vec<CastMember>>, ApiError> {
    let cast_members = sqlx::query_as(
        "select id, name, role, production_id, created_at, updated_at
         from cast_members
         order by id
         limit $1 offset $2",
    )
    .bind(pagination.limit())
    .bind(pagination.offset())
    .fetch_all(&state.db)
    .await
    .map_err(db_error)?;

    Ok(Json(cast_members))
}

/// GET /cast_members/{id}: one cast member.
async fn show_cast_member(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<CastMember>, ApiError> {
    let cast_member = find_cast_member(&state.db, id).await?;
    Ok(Json(cast_member))
}

/// POST /cast_members: creates a cast member.
async fn create_cast_member(
    State(state): State<AppState>,
    Json(input): Json<NewCastMember>,
) -> Result<(StatusCode, [(HeaderName, String); 1], Json<CastMember>), ApiError> {
    // A `production_id` with no row breaks a foreign key: `db_error` makes that a 422.
    let cast_member: CastMember = sqlx::query_as(
        "insert into cast_members (name, role, production_id)
         values ($1, $2, $3)
         returning id, name, role, production_id, created_at, updated_at",
    )
    .bind(input.name)
    .bind(input.role)
    .bind(input.production_id)
    .fetch_one(&state.db)
    .await
    .map_err(db_error)?;

    // 201 Created, and where the new cast member lives.
    let location = format!("/cast_members/{}", cast_member.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(cast_member),
    ))
}

/// PATCH /cast_members/{id}: changes the fields the body names, and only those.
async fn update_cast_member(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Json(patch): Json<CastMemberPatch>,
) -> Result<Json<CastMember>, ApiError> {
    // One statement, built from the keys the body has: it sets those columns and no others, so
    // two PATCHes of different fields at once cannot undo each other's changes. `push_bind`
    // adds a `?` and the value bound to it.
    let mut update = QueryBuilder::new(
        "update cast_members
         set updated_at = now()",
    );
    if let Some(name) = patch.name {
        update.push(", name = ").push_bind(name);
    }
    if let Some(role) = patch.role {
        update.push(", role = ").push_bind(role);
    }
    if let Some(production_id) = patch.production_id {
        update.push(", production_id = ").push_bind(production_id);
    }
    update.push(" where id = ").push_bind(id);
    update.push(" returning id, name, role, production_id, created_at, updated_at");
    let cast_member = update
        .build_query_as()
        .fetch_optional(&state.db)
        .await
        .map_err(db_error)?
        .ok_or_else(|| not_found("cast member", id))?;

    Ok(Json(cast_member))
}

/// DELETE /cast_members/{id}: removes the cast member.
async fn delete_cast_member(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    let result = sqlx::query("delete from cast_members where id = $1")
        .bind(id)
        .execute(&state.db)
        .await
        .map_err(db_error)?;

    if result.rows_affected() == 0 {
        return Err(not_found("cast member", id));
    }
    Ok(StatusCode::NO_CONTENT)
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
