//! `/cast_members`: list, show, create, update and delete cast members.

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderName, StatusCode, header},
    routing::get,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection, SqliteExecutor};

use super::Pagination;
use crate::{
    AppState,
    error::{AppError, AppJson, AppPath, AppQuery, FieldErrors},
};

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
/// Every field is optional here, so that a missing one is reported by `validate` together
/// with every other problem, rather than alone by serde. A key that is not a field is refused.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewCastMember {
    name: Option<String>,
    role: Option<String>,
    production_id: Option<i64>,
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

impl NewCastMember {
    /// Checks every rule of the spec and reports every broken one, not only the first.
    async fn validate(&self, conn: &mut SqliteConnection) -> Result<(), AppError> {
        let mut errors = FieldErrors::default();
        if self.name.is_none() {
            errors.add("name", "is required");
        }
        if self.role.is_none() {
            errors.add("role", "is required");
        }
        match self.production_id {
            None => errors.add("production_id", "is required"),
            Some(production_id) => {
                let exists: bool =
                    sqlx::query_scalar("select exists(select 1 from productions where id = ?)")
                        .bind(production_id)
                        .fetch_one(&mut *conn)
                        .await?;
                if !exists {
                    errors.add("production_id", "must be the id of an existing production");
                }
            }
        }
        errors.into_result()
    }
}

impl CastMemberPatch {
    /// Checks the rules of the fields sent; a field left out keeps its stored, valid value.
    async fn validate(&self, conn: &mut SqliteConnection) -> Result<(), AppError> {
        let mut errors = FieldErrors::default();
        if let Some(production_id) = self.production_id {
            let exists: bool =
                sqlx::query_scalar("select exists(select 1 from productions where id = ?)")
                    .bind(production_id)
                    .fetch_one(&mut *conn)
                    .await?;
            if !exists {
                errors.add("production_id", "must be the id of an existing production");
            }
        }
        errors.into_result()
    }
}

/// GET /cast_members: every cast member in id order, or one page of them.
async fn list_cast_members(
    State(state): State<AppState>,
    AppQuery(pagination): AppQuery<Pagination>,
) -> Result<Json<Vec<CastMember>>, AppError> {
    let cast_members = sqlx::query_as(
        "select id, name, role, production_id, created_at, updated_at
         from cast_members
         order by id
         limit ? offset ?",
    )
    .bind(pagination.limit())
    .bind(pagination.offset())
    .fetch_all(&state.db)
    .await?;

    Ok(Json(cast_members))
}

/// GET /cast_members/{id}: one cast member.
async fn show_cast_member(
    State(state): State<AppState>,
    AppPath(id): AppPath<i64>,
) -> Result<Json<CastMember>, AppError> {
    let cast_member = find_cast_member(&state.db, id).await?;
    Ok(Json(cast_member))
}

/// POST /cast_members: creates a cast member.
async fn create_cast_member(
    State(state): State<AppState>,
    AppJson(input): AppJson<NewCastMember>,
) -> Result<(StatusCode, [(HeaderName, String); 1], Json<CastMember>), AppError> {
    // The checks query the database too: they and the insert run on one connection.
    let mut conn = state.db.acquire().await?;
    input.validate(&mut conn).await?;
    let cast_member: CastMember = sqlx::query_as(
        "insert into cast_members (name, role, production_id)
         values (?, ?, ?)
         returning id, name, role, production_id, created_at, updated_at",
    )
    .bind(input.name)
    .bind(input.role)
    .bind(input.production_id)
    .fetch_one(&mut *conn)
    .await?;

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
    AppPath(id): AppPath<i64>,
    AppJson(patch): AppJson<CastMemberPatch>,
) -> Result<Json<CastMember>, AppError> {
    // The checks and the update run on one connection: the pool checks each connection it
    // gets back with a round trip to SQLite, so one checkout costs less than one per query.
    let mut conn = state.db.acquire().await?;
    patch.validate(&mut conn).await?;
    // One statement reads and writes the row, so two PATCHes at once cannot undo each other's
    // changes. `coalesce(?, column)` keeps the stored value where the body has no key.
    let cast_member = sqlx::query_as(
        "update cast_members
         set name = coalesce(?, name), role = coalesce(?, role),
             production_id = coalesce(?, production_id),
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         where id = ?
         returning id, name, role, production_id, created_at, updated_at",
    )
    .bind(patch.name)
    .bind(patch.role)
    .bind(patch.production_id)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound {
        resource: "cast member",
        id,
    })?;

    Ok(Json(cast_member))
}

/// DELETE /cast_members/{id}: removes the cast member.
async fn delete_cast_member(
    State(state): State<AppState>,
    AppPath(id): AppPath<i64>,
) -> Result<StatusCode, AppError> {
    let result = sqlx::query("delete from cast_members where id = ?")
        .bind(id)
        .execute(&state.db)
        .await?;

    if result.rows_affected() == 0 {
        return Err(AppError::NotFound {
            resource: "cast member",
            id,
        });
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Loads one cast member, or the 404 to answer with when there is none.
///
/// `db` is the pool (`&state.db`) or one connection taken from it (`&mut *conn`).
async fn find_cast_member(db: impl SqliteExecutor<'_>, id: i64) -> Result<CastMember, AppError> {
    sqlx::query_as(
        "select id, name, role, production_id, created_at, updated_at
         from cast_members
         where id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound {
        resource: "cast member",
        id,
    })
}
