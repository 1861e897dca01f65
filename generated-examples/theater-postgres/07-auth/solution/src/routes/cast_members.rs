//! `/api/cast_members`: list, show, create, update and delete cast members.

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderName, StatusCode, header},
    routing::get,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, PgConnection, PgExecutor, QueryBuilder};

use super::{Pagination, nullable};
use crate::{
    AppState,
    auth::{CurrentUser, Role, allow},
    error::{AppError, AppJson, AppPath, AppQuery, FieldErrors, OnForeignKey},
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
    /// The user who created it; `None` for a row from before there were users.
    pub user_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The body of `POST /api/cast_members`. A missing required field is rejected with a 422.
///
/// Every field is optional here, so that a missing one is reported by `validate` together
/// with every other problem, rather than alone by serde. A key that is not a field is refused,
/// `user_id` too: the owner is whoever is signed in.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewCastMember {
    name: Option<String>,
    role: Option<String>,
    production_id: Option<i64>,
}

/// The body of `PATCH /api/cast_members/{id}`: only the keys present are changed.
/// `nullable` tells a key sent as null from a missing one: null clears a column that may be
/// null, and is refused for a required one.
/// `user_id` is refused: the owner never changes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CastMemberPatch {
    #[serde(default, deserialize_with = "nullable")]
    name: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    role: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    production_id: Option<Option<i64>>,
}

/// The rules of `name`: each one it breaks is added to `errors`.
fn check_name(name: &str, errors: &mut FieldErrors) {
    // PostgreSQL cannot store a NUL character in text: refuse it here, with a message, rather than
    // let the insert fail.
    if name.contains('\0') {
        errors.add("name", "must not contain a NUL character");
    }
}

/// The rules of `role`: each one it breaks is added to `errors`.
fn check_role(role: &str, errors: &mut FieldErrors) {
    // PostgreSQL cannot store a NUL character in text: refuse it here, with a message, rather than
    // let the insert fail.
    if role.contains('\0') {
        errors.add("role", "must not contain a NUL character");
    }
}

impl NewCastMember {
    /// Checks every rule of the spec and reports every broken one, not only the first.
    /// An empty text is no more an answer than a missing one: a required field refuses both.
    async fn validate(&self, conn: &mut PgConnection) -> Result<(), AppError> {
        let mut errors = FieldErrors::default();
        match self.name.as_deref() {
            None | Some("") => errors.add("name", "is required"),
            Some(name) => check_name(name, &mut errors),
        }
        match self.role.as_deref() {
            None | Some("") => errors.add("role", "is required"),
            Some(role) => check_role(role, &mut errors),
        }
        match self.production_id {
            None => errors.add("production_id", "is required"),
            Some(production_id) => {
                let exists: bool =
                    sqlx::query_scalar("select exists(select 1 from productions where id = $1)")
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
    /// A required field may be left out, but not sent as null or as an empty text.
    async fn validate(&self, conn: &mut PgConnection) -> Result<(), AppError> {
        let mut errors = FieldErrors::default();
        if let Some(name) = &self.name {
            match name.as_deref() {
                None | Some("") => errors.add("name", "is required"),
                Some(name) => check_name(name, &mut errors),
            }
        }
        if let Some(role) = &self.role {
            match role.as_deref() {
                None | Some("") => errors.add("role", "is required"),
                Some(role) => check_role(role, &mut errors),
            }
        }
        if let Some(production_id) = self.production_id {
            match production_id {
                None => errors.add("production_id", "is required"),
                Some(production_id) => {
                    let exists: bool = sqlx::query_scalar(
                        "select exists(select 1 from productions where id = $1)",
                    )
                    .bind(production_id)
                    .fetch_one(&mut *conn)
                    .await?;
                    if !exists {
                        errors.add("production_id", "must be the id of an existing production");
                    }
                }
            }
        }
        errors.into_result()
    }
}

/// GET /api/cast_members: every cast member in id order, or one page of them.
/// Who may: anyone, signed in or not, so it takes no `CurrentUser`.
async fn list_cast_members(
    State(state): State<AppState>,
    AppQuery(pagination): AppQuery<Pagination>,
) -> Result<Json<Vec<CastMember>>, AppError> {
    let cast_members = sqlx::query_as(
        "select id, name, role, production_id, user_id, created_at, updated_at
         from cast_members
         order by id
         limit $1 offset $2",
    )
    .bind(pagination.limit())
    .bind(pagination.offset())
    .fetch_all(&state.db)
    .await?;

    Ok(Json(cast_members))
}

/// GET /api/cast_members/{id}: one cast member. Who may: anyone, signed in or not, so it takes no
/// `CurrentUser`.
async fn show_cast_member(
    State(state): State<AppState>,
    AppPath(id): AppPath<i64>,
) -> Result<Json<CastMember>, AppError> {
    let cast_member = find_cast_member(&state.db, id).await?;
    Ok(Json(cast_member))
}

/// POST /api/cast_members: creates a cast member, owned by the user who creates it.
/// Who may: any signed-in user: taking a `CurrentUser` is the whole check.
async fn create_cast_member(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    AppJson(input): AppJson<NewCastMember>,
) -> Result<(StatusCode, [(HeaderName, String); 1], Json<CastMember>), AppError> {
    // The checks query the database too: they and the insert run on one connection.
    let mut conn = state.db.acquire().await?;
    input.validate(&mut conn).await?;
    let cast_member: CastMember = sqlx::query_as(
        "insert into cast_members (name, role, production_id, user_id)
         values ($1, $2, $3, $4)
         returning id, name, role, production_id, user_id, created_at, updated_at",
    )
    .bind(input.name)
    .bind(input.role)
    .bind(input.production_id)
    .bind(user.id)
    .fetch_one(&mut *conn)
    .await
    // `validate` found the production, but another request may delete it before the insert.
    .on_foreign_key(|| {
        AppError::invalid("production_id", "must be the id of an existing production")
    })?;

    // 201 Created, and where the new cast member lives.
    let location = format!("/api/cast_members/{}", cast_member.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(cast_member),
    ))
}

/// PATCH /api/cast_members/{id}: changes the fields the body names, and only those.
/// Who may: its owner.
async fn update_cast_member(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    AppPath(id): AppPath<i64>,
    AppJson(patch): AppJson<CastMemberPatch>,
) -> Result<Json<CastMember>, AppError> {
    // The check reads the row, and the update follows on the same connection.
    let mut conn = state.db.acquire().await?;
    let cast_member = find_cast_member(&mut *conn, id).await?;
    allow(cast_member.user_id == Some(user.id))?;
    patch.validate(&mut conn).await?;
    // One statement, built from the keys the body has: it sets those columns and no others, so
    // two PATCHes of different fields at once cannot undo each other's changes. `push_bind`
    // adds a `?` and the value bound to it.
    let mut update = QueryBuilder::new(
        "update cast_members
         set updated_at = now()",
    );
    // `validate` refused null for a required field: only a value is left to set there.
    if let Some(Some(name)) = patch.name {
        update.push(", name = ").push_bind(name);
    }
    if let Some(Some(role)) = patch.role {
        update.push(", role = ").push_bind(role);
    }
    if let Some(Some(production_id)) = patch.production_id {
        update.push(", production_id = ").push_bind(production_id);
    }
    update.push(" where id = ").push_bind(id);
    update.push(" returning id, name, role, production_id, user_id, created_at, updated_at");
    let cast_member = update
        .build_query_as()
        .fetch_optional(&mut *conn)
        .await
        // `validate` found the production, but another request may delete it before the update.
        .on_foreign_key(|| {
            AppError::invalid("production_id", "must be the id of an existing production")
        })?
        .ok_or(AppError::NotFound {
            resource: "cast member",
            id,
        })?;

    Ok(Json(cast_member))
}

/// DELETE /api/cast_members/{id}: removes the cast member. Who may: its owner, or an admin.
async fn delete_cast_member(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    AppPath(id): AppPath<i64>,
) -> Result<StatusCode, AppError> {
    // The check reads the row, and the delete follows on the same connection.
    let mut conn = state.db.acquire().await?;
    let cast_member = find_cast_member(&mut *conn, id).await?;
    allow(cast_member.user_id == Some(user.id) || user.role == Role::Admin)?;
    let result = sqlx::query("delete from cast_members where id = $1")
        .bind(id)
        .execute(&mut *conn)
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
async fn find_cast_member(db: impl PgExecutor<'_>, id: i64) -> Result<CastMember, AppError> {
    sqlx::query_as(
        "select id, name, role, production_id, user_id, created_at, updated_at
         from cast_members
         where id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound {
        resource: "cast member",
        id,
    })
}
