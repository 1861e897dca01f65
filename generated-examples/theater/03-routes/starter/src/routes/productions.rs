//! `/productions`: list, show (with cast members) and create productions.

use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::{HeaderName, StatusCode, header},
    routing::get,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteExecutor};

use super::{ApiError, Pagination, cast_members::CastMember, db_error, not_found};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/productions",
            get(list_productions).post(create_production),
        )
        .route("/productions/{id}", get(show_production))
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
    // Exercise: select every column of every row, in id order, paged with `limit ? offset ?`
    // (bind `pagination.limit()` and `pagination.offset()`), and answer with the rows as JSON.
    todo!("list productions")
}

/// GET /productions/{id}: one production with its cast members.
async fn show_production(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<ProductionWithCastMembers>, ApiError> {
    // Exercise: take one connection with `state.db.acquire()`, load the production on it
    // (404 if there is none), then its cast members in id order, and answer with both in one
    // `ProductionWithCastMembers`.
    todo!("show production {id} with its children")
}

/// POST /productions: creates a production.
async fn create_production(
    State(state): State<AppState>,
    Json(input): Json<NewProduction>,
) -> Result<(StatusCode, [(HeaderName, String); 1], Json<Production>), ApiError> {
    // Exercise: insert the row with `insert ... returning` and answer 201 Created, a
    // `Location` header with the new row's path, and the row as JSON.
    // Fields the client left out that have a default get it here.
    todo!("create a production")
}

/// Loads one production, or the 404 to answer with when there is none.
///
/// `db` is the pool (`&state.db`) or one connection taken from it (`&mut *conn`).
async fn find_production(db: impl SqliteExecutor<'_>, id: i64) -> Result<Production, ApiError> {
    // Exercise: select the row with `sqlx::query_as` and `fetch_optional`, turn a database
    // error into a response with `.map_err(db_error)?`, and a missing row into
    // `not_found("production", id)`.
    todo!("select production {id}, or answer 404")
}
