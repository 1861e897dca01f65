//! `/productions`: list, show (with cast members) and create productions.

use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::{HeaderName, StatusCode, header},
    routing::get,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, PgExecutor};

use super::{ApiError, Pagination, cast_members::CastMember, db_error, not_found};
use crate::AppState;

pub fn router() -> Router<AppState> {
    // Exercise: `POST /productions` creates a production: route it to `create_production`.
    // Until then axum answers it with 405 Method Not Allowed, since the path has a `GET`.
    Router::new()
        .route("/productions", get(list_productions))
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
// Exercise: a field per key a client sends to create a production, one per column but `id`
// and the timestamps, which the database fills in. A column that is `not null` without a
// `default` must be sent: its field is not an `Option`, so that serde refuses a body without
// it; the other fields are `Option`s. Refuse a key that is not a field too (a serde attribute
// does), so that a typo is not silently dropped.
#[derive(Deserialize)]
struct NewProduction {}

/// `GET /productions/{id}` answers with the production and its cast members in one object.
// Exercise: the production and its cast members, side by side:
// the production's keys at the top level of the object (serde can flatten a field into its
// parent), and an array of its cast members under `cast_members`.
#[derive(Serialize)]
struct ProductionWithCastMembers {}

/// GET /productions: every production in id order, or one page of them.
async fn list_productions(
    State(state): State<AppState>,
    Query(pagination): Query<Pagination>,
) -> Result<Json<Vec<Production>>, ApiError> {
    // Exercise: answer with one page of productions, in id order, as JSON. `pagination` is the
    // page the query string asks for: `limit()` rows after the first `offset()`, each already
    // what SQL takes when the client did not say. Without an order, pages could overlap.
    todo!("list productions")
}

/// GET /productions/{id}: one production with its cast members.
async fn show_production(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<ProductionWithCastMembers>, ApiError> {
    // Exercise: answer with the production and its cast members in id order, both in one
    // `ProductionWithCastMembers`.
    // `find_production` loads the production, or has the 404 to answer with.
    // The queries can share one connection from the pool, rather than each taking its own.
    todo!("show production {id} with its children")
}

/// POST /productions: creates a production.
async fn create_production(
    State(state): State<AppState>,
    Json(input): Json<NewProduction>,
) -> Result<(StatusCode, [(HeaderName, String); 1], Json<Production>), ApiError> {
    // Exercise: store the production the body describes, and answer 201 Created with the row as
    // stored (its id, defaults and timestamps too) as JSON, and a `Location` header with its
    // path. One statement can both insert the row and return it.
    // A field left out that has a default gets it here: the column is `not null`, and binding
    // `None` would be refused, since a default only applies to a column the insert leaves out.
    todo!("create a production")
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
