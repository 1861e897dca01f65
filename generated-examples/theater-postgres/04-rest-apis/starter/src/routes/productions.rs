//! `/productions`: list, show (with cast members), create, update and delete productions.

use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::{HeaderName, StatusCode, header},
    routing::get,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, PgExecutor, QueryBuilder};

use super::{ApiError, Pagination, cast_members::CastMember, db_error, not_found, nullable};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/productions",
            get(list_productions).post(create_production),
        )
        .route(
            "/productions/{id}",
            get(show_production)
                .patch(update_production)
                .delete(delete_production),
        )
}

/// A row of the `productions` table, as stored and as sent to clients.
#[derive(Serialize, FromRow)]
pub struct Production {
    pub id: i64,
    pub title: String,
    pub genre: String,
    pub budget: Option<f64>,
    pub image: Option<String>,
    pub director: Option<String>,
    pub description: Option<String>,
    pub ongoing: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The body of `POST /productions`. A missing required field is rejected with a 422.
///
/// A key that is not a field is refused with a 422, so that a typo is not silently dropped.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewProduction {
    title: String,
    genre: String,
    budget: Option<f64>,
    image: Option<String>,
    director: Option<String>,
    description: Option<String>,
    ongoing: Option<bool>,
}

/// The body of `PATCH /productions/{id}`: only the keys present are changed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductionPatch {
    title: Option<String>,
    genre: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    budget: Option<Option<f64>>,
    #[serde(default, deserialize_with = "nullable")]
    image: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    director: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    description: Option<Option<String>>,
    ongoing: Option<bool>,
}

/// `GET /productions/{id}` answers with the production and its cast members in one object.
#[derive(Serialize)]
struct ProductionWithCastMembers {
    // `flatten` puts the production's fields at the top level instead of under a key.
    #[serde(flatten)]
    production: Production,
    cast_members: Vec<CastMember>,
}

/// GET /productions: every production in id order, or one page of them.
async fn list_productions(
    State(state): State<AppState>,
    Query(pagination): Query<Pagination>,
) -> Result<Json<Vec<Production>>, ApiError> {
    let productions = sqlx::query_as(
        "select id, title, genre, budget, image, director, description, ongoing, created_at,
                updated_at
         from productions
         order by id
         limit $1 offset $2",
    )
    .bind(pagination.limit())
    .bind(pagination.offset())
    .fetch_all(&state.db)
    .await
    .map_err(db_error)?;

    Ok(Json(productions))
}

/// GET /productions/{id}: one production with its cast members.
async fn show_production(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<ProductionWithCastMembers>, ApiError> {
    // Several queries in a row run on one connection from the pool. The pool checks each
    // connection it gets back with a round trip to PostgreSQL, so giving it back once is cheaper
    // than after every query.
    let mut conn = state.db.acquire().await.map_err(db_error)?;
    let production = find_production(&mut *conn, id).await?;
    let cast_members = sqlx::query_as(
        "select id, name, role, production_id, created_at, updated_at
         from cast_members
         where production_id = $1
         order by id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;

    Ok(Json(ProductionWithCastMembers {
        production,
        cast_members,
    }))
}

/// POST /productions: creates a production.
async fn create_production(
    State(state): State<AppState>,
    Json(input): Json<NewProduction>,
) -> Result<(StatusCode, [(HeaderName, String); 1], Json<Production>), ApiError> {
    let production: Production = sqlx::query_as(
        "insert into productions (title, genre, budget, image, director, description, ongoing)
         values ($1, $2, $3, $4, $5, $6, $7)
         returning id, title, genre, budget, image, director, description, ongoing, created_at,
                   updated_at",
    )
    .bind(input.title)
    .bind(input.genre)
    .bind(input.budget)
    .bind(input.image)
    .bind(input.director)
    .bind(input.description)
    // The column is `not null`: binding `None` would be refused, since a default only applies
    // to a column the insert leaves out. So the default is applied here.
    .bind(input.ongoing.unwrap_or(true))
    .fetch_one(&state.db)
    .await
    .map_err(db_error)?;

    // 201 Created, and where the new production lives.
    let location = format!("/productions/{}", production.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(production),
    ))
}

/// PATCH /productions/{id}: changes the fields the body names, and only those.
async fn update_production(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Json(patch): Json<ProductionPatch>,
) -> Result<Json<Production>, ApiError> {
    // Exercise: set the columns the body names, and `updated_at`, but no others: then two
    // PATCHes of different fields at once cannot undo each other's changes. Answer with the
    // row as it is now, or a 404 when no row has that id. Which columns change depends on the
    // body, so the statement is built from it: that is what `QueryBuilder` is for.
    // `patch.budget` is `Some(None)` when the body sets it to null, which clears the column.
    todo!("update production {id}")
}

/// DELETE /productions/{id}: removes the production.
async fn delete_production(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    // Exercise: delete the row; answer 204 No Content, or a 404 when no row had that id
    // (look at `rows_affected()`).
    todo!("delete production {id}")
}

/// Loads one production, or the 404 to answer with when there is none.
///
/// `db` is the pool (`&state.db`) or one connection taken from it (`&mut *conn`).
async fn find_production(db: impl PgExecutor<'_>, id: i64) -> Result<Production, ApiError> {
    sqlx::query_as(
        "select id, title, genre, budget, image, director, description, ongoing, created_at,
                updated_at
         from productions
         where id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
    .map_err(db_error)?
    .ok_or_else(|| not_found("production", id))
}
