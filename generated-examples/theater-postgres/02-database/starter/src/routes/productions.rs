//! `/productions`: read-only views of the `productions` table, as JSON built by hand.

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
        .route("/productions", get(list_productions))
        .route("/productions/{id}", get(show_production))
}

/// A row of the `productions` table.
#[derive(FromRow)]
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

impl Production {
    /// The JSON a client gets, built key by key. The next lecture lets serde write this.
    fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "title": self.title,
            "genre": self.genre,
            "budget": self.budget,
            "image": self.image,
            "director": self.director,
            "description": self.description,
            "ongoing": self.ongoing,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        })
    }
}

/// GET /productions: every production, in id order.
async fn list_productions(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    // Exercise: answer with a JSON array of every production, in id order, each as
    // `to_json` writes it. `sqlx::query_as` reads each row into the struct.
    todo!("list productions")
}

/// GET /productions/{id}: one production.
async fn show_production(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    // Exercise: answer with the production as JSON (`to_json`).
    // `find_production` loads it, and has the 404 to answer with when there is none.
    todo!("show production {id}")
}

/// Loads one production, or the 404 to answer with when there is none.
///
/// `db` is the pool (`&state.db`) or one connection taken from it (`&mut *conn`).
async fn find_production(db: impl PgExecutor<'_>, id: i64) -> Result<Production, ApiError> {
    // Exercise: load the production with this id, or answer 404 when there is none.
    // `not_found` writes that answer, and `db_error` turns a database error into one.
    todo!("select production {id}, or answer 404")
}
