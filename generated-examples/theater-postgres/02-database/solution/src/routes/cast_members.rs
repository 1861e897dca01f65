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
#[derive(FromRow)]
pub struct CastMember {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub production_id: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl CastMember {
    /// The JSON a client gets, built key by key. The next lecture lets serde write this.
    fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "production_id": self.production_id,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        })
    }
}

/// GET /cast_members: every cast member, in id order.
async fn list_cast_members(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let cast_members: Vec<CastMember> = sqlx::query_as(
        "select id, name, role, production_id, created_at, updated_at
         from cast_members
         order by id",
    )
    .fetch_all(&state.db)
    .await
    .map_err(db_error)?;

    let cast_members = cast_members.iter().map(CastMember::to_json).collect();
    Ok(Json(Value::Array(cast_members)))
}

/// GET /cast_members/{id}: one cast member.
async fn show_cast_member(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    let cast_member = find_cast_member(&state.db, id).await?;
    Ok(Json(cast_member.to_json()))
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
