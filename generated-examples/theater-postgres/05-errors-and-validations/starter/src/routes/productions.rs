//! `/productions`: list, show (with cast members), create, update and delete productions.

use std::sync::LazyLock;

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderName, StatusCode, header},
    routing::get,
};
use chrono::{DateTime, Utc};
use regex::Regex;
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, PgExecutor, QueryBuilder};

use super::{Pagination, cast_members::CastMember, nullable};
use crate::{
    AppState,
    error::{AppError, AppJson, AppPath, AppQuery, FieldErrors},
};

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
/// Every field is optional here, so that a missing one is reported by `validate` together
/// with every other problem, rather than alone by serde. A key that is not a field is refused.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewProduction {
    title: Option<String>,
    genre: Option<String>,
    budget: Option<f64>,
    image: Option<String>,
    director: Option<String>,
    description: Option<String>,
    ongoing: Option<bool>,
}

/// The body of `PATCH /productions/{id}`: only the keys present are changed.
/// `nullable` tells a key sent as null from a missing one: null clears a column that may be
/// null, and is refused for a required one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductionPatch {
    #[serde(default, deserialize_with = "nullable")]
    title: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    genre: Option<Option<String>>,
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

/// The pattern of `image`, compiled once, the first time it is used.
static IMAGE_PATTERN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\.jpg$").expect("the pattern is valid"));

/// The rules of `title`: each one it breaks is added to `errors`.
fn check_title(title: &str, errors: &mut FieldErrors) {
    // Exercise: for each rule (no_nul, max_length), add its message with
    // `errors.add("title", ...)` when `title` breaks it.
    todo!("check the rules of title")
}

/// The rules of `genre`: each one it breaks is added to `errors`.
fn check_genre(genre: &str, errors: &mut FieldErrors) {
    // Exercise: for each rule (no_nul, one_of), add its message with
    // `errors.add("genre", ...)` when `genre` breaks it.
    todo!("check the rules of genre")
}

/// The rules of `budget`: each one it breaks is added to `errors`.
fn check_budget(budget: f64, errors: &mut FieldErrors) {
    // Exercise: for each rule (min), add its message with
    // `errors.add("budget", ...)` when `budget` breaks it.
    todo!("check the rules of budget")
}

/// The rules of `image`: each one it breaks is added to `errors`.
fn check_image(image: &str, errors: &mut FieldErrors) {
    // Exercise: for each rule (no_nul, pattern), add its message with
    // `errors.add("image", ...)` when `image` breaks it.
    todo!("check the rules of image")
}

/// The rules of `director`: each one it breaks is added to `errors`.
fn check_director(director: &str, errors: &mut FieldErrors) {
    // Exercise: for each rule (no_nul), add its message with
    // `errors.add("director", ...)` when `director` breaks it.
    todo!("check the rules of director")
}

/// The rules of `description`: each one it breaks is added to `errors`.
fn check_description(description: &str, errors: &mut FieldErrors) {
    // Exercise: for each rule (no_nul), add its message with
    // `errors.add("description", ...)` when `description` breaks it.
    todo!("check the rules of description")
}

impl NewProduction {
    /// Checks every rule of the spec and reports every broken one, not only the first.
    /// An empty text is no more an answer than a missing one: a required field refuses both.
    fn validate(&self) -> Result<(), AppError> {
        // Exercise: check every rule on this body, and report each one it breaks rather than the
        // first only, so that a client can fix them all at once. Each adds to one `FieldErrors`,
        // which then says whether the body is valid.
        // - A required field is missing, or a required text is empty.
        // - A field breaks the rules its `check_*` function checks.
        todo!("validate a new production")
    }
}

impl ProductionPatch {
    /// Checks the rules of the fields sent; a field left out keeps its stored, valid value.
    /// A required field may be left out, but not sent as null or as an empty text.
    fn validate(&self) -> Result<(), AppError> {
        // Exercise: the rules of `NewProduction::validate`, on the keys the body has only:
        // a key it leaves out keeps its stored, valid value.
        // - A required field sent as null (or a required text sent as "") is missing.
        todo!("validate a patch of a production")
    }
}

/// GET /productions: every production in id order, or one page of them.
async fn list_productions(
    State(state): State<AppState>,
    AppQuery(pagination): AppQuery<Pagination>,
) -> Result<Json<Vec<Production>>, AppError> {
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
    .await?;

    Ok(Json(productions))
}

/// GET /productions/{id}: one production with its cast members.
async fn show_production(
    State(state): State<AppState>,
    AppPath(id): AppPath<i64>,
) -> Result<Json<ProductionWithCastMembers>, AppError> {
    // Several queries in a row run on one connection from the pool. The pool checks each
    // connection it gets back with a round trip to PostgreSQL, so giving it back once is cheaper
    // than after every query.
    let mut conn = state.db.acquire().await?;
    let production = find_production(&mut *conn, id).await?;
    let cast_members = sqlx::query_as(
        "select id, name, role, production_id, created_at, updated_at
         from cast_members
         where production_id = $1
         order by id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;

    Ok(Json(ProductionWithCastMembers {
        production,
        cast_members,
    }))
}

/// POST /productions: creates a production.
async fn create_production(
    State(state): State<AppState>,
    AppJson(input): AppJson<NewProduction>,
) -> Result<(StatusCode, [(HeaderName, String); 1], Json<Production>), AppError> {
    input.validate()?;
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
    .await?;

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
    AppPath(id): AppPath<i64>,
    AppJson(patch): AppJson<ProductionPatch>,
) -> Result<Json<Production>, AppError> {
    patch.validate()?;
    // One statement, built from the keys the body has: it sets those columns and no others, so
    // two PATCHes of different fields at once cannot undo each other's changes. `push_bind`
    // adds a `?` and the value bound to it.
    let mut update = QueryBuilder::new(
        "update productions
         set updated_at = now()",
    );
    // `validate` refused null for a required field: only a value is left to set there.
    if let Some(Some(title)) = patch.title {
        update.push(", title = ").push_bind(title);
    }
    if let Some(Some(genre)) = patch.genre {
        update.push(", genre = ").push_bind(genre);
    }
    if let Some(budget) = patch.budget {
        update.push(", budget = ").push_bind(budget);
    }
    if let Some(image) = patch.image {
        update.push(", image = ").push_bind(image);
    }
    if let Some(director) = patch.director {
        update.push(", director = ").push_bind(director);
    }
    if let Some(description) = patch.description {
        update.push(", description = ").push_bind(description);
    }
    if let Some(ongoing) = patch.ongoing {
        update.push(", ongoing = ").push_bind(ongoing);
    }
    update.push(" where id = ").push_bind(id);
    update.push(
        " returning id, title, genre, budget, image, director, description, ongoing, created_at,
                    updated_at",
    );
    let production = update
        .build_query_as()
        .fetch_optional(&state.db)
        .await?
        .ok_or(AppError::NotFound {
            resource: "production",
            id,
        })?;

    Ok(Json(production))
}

/// DELETE /productions/{id}: removes the production.
async fn delete_production(
    State(state): State<AppState>,
    AppPath(id): AppPath<i64>,
) -> Result<StatusCode, AppError> {
    // `on delete cascade` on `cast_members.production_id` removes the cast members too.
    let result = sqlx::query("delete from productions where id = $1")
        .bind(id)
        .execute(&state.db)
        .await?;

    if result.rows_affected() == 0 {
        return Err(AppError::NotFound {
            resource: "production",
            id,
        });
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Loads one production, or the 404 to answer with when there is none.
///
/// `db` is the pool (`&state.db`) or one connection taken from it (`&mut *conn`).
async fn find_production(db: impl PgExecutor<'_>, id: i64) -> Result<Production, AppError> {
    sqlx::query_as(
        "select id, title, genre, budget, image, director, description, ongoing, created_at,
                updated_at
         from productions
         where id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound {
        resource: "production",
        id,
    })
}
