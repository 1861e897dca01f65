//! `/api/productions`: list, show (with cast members), create, update and delete productions.

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
    auth::{CurrentUser, Role, allow},
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
    /// The user who created it; `None` for a row from before there were users.
    pub user_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The body of `POST /api/productions`. A missing required field is rejected with a 422.
///
/// Every field is optional here, so that a missing one is reported by `validate` together
/// with every other problem, rather than alone by serde. A key that is not a field is refused,
/// `user_id` too: the owner is whoever is signed in.
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

/// The body of `PATCH /api/productions/{id}`: only the keys present are changed.
/// `nullable` tells a key sent as null from a missing one: null clears a column that may be
/// null, and is refused for a required one.
/// `user_id` is refused: the owner never changes.
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

/// `GET /api/productions/{id}` answers with the production and its cast members in one object.
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
    // PostgreSQL cannot store a NUL character in text: refuse it here, with a message, rather than
    // let the insert fail.
    if title.contains('\0') {
        errors.add("title", "must not contain a NUL character");
    }
    if title.chars().count() > 100 {
        errors.add("title", "must be at most 100 characters");
    }
}

/// The rules of `genre`: each one it breaks is added to `errors`.
fn check_genre(genre: &str, errors: &mut FieldErrors) {
    // PostgreSQL cannot store a NUL character in text: refuse it here, with a message, rather than
    // let the insert fail.
    if genre.contains('\0') {
        errors.add("genre", "must not contain a NUL character");
    }
    if !["Drama", "Musical", "Opera", "Comedy"].contains(&genre) {
        errors.add("genre", "must be one of Drama, Musical, Opera, Comedy");
    }
}

/// The rules of `budget`: each one it breaks is added to `errors`.
fn check_budget(budget: f64, errors: &mut FieldErrors) {
    if budget < 100.0 {
        errors.add("budget", "must be at least 100");
    }
}

/// The rules of `image`: each one it breaks is added to `errors`.
fn check_image(image: &str, errors: &mut FieldErrors) {
    // PostgreSQL cannot store a NUL character in text: refuse it here, with a message, rather than
    // let the insert fail.
    if image.contains('\0') {
        errors.add("image", "Image file type must be a jpg");
    }
    if !IMAGE_PATTERN.is_match(image) {
        errors.add("image", "Image file type must be a jpg");
    }
}

/// The rules of `director`: each one it breaks is added to `errors`.
fn check_director(director: &str, errors: &mut FieldErrors) {
    // PostgreSQL cannot store a NUL character in text: refuse it here, with a message, rather than
    // let the insert fail.
    if director.contains('\0') {
        errors.add("director", "must not contain a NUL character");
    }
}

/// The rules of `description`: each one it breaks is added to `errors`.
fn check_description(description: &str, errors: &mut FieldErrors) {
    // PostgreSQL cannot store a NUL character in text: refuse it here, with a message, rather than
    // let the insert fail.
    if description.contains('\0') {
        errors.add("description", "must not contain a NUL character");
    }
}

impl NewProduction {
    /// Checks every rule of the spec and reports every broken one, not only the first.
    /// An empty text is no more an answer than a missing one: a required field refuses both.
    fn validate(&self) -> Result<(), AppError> {
        let mut errors = FieldErrors::default();
        match self.title.as_deref() {
            None | Some("") => errors.add("title", "is required"),
            Some(title) => check_title(title, &mut errors),
        }
        match self.genre.as_deref() {
            None | Some("") => errors.add("genre", "is required"),
            Some(genre) => check_genre(genre, &mut errors),
        }
        if let Some(budget) = self.budget {
            check_budget(budget, &mut errors);
        }
        if let Some(image) = &self.image {
            check_image(image, &mut errors);
        }
        if let Some(director) = &self.director {
            check_director(director, &mut errors);
        }
        if let Some(description) = &self.description {
            check_description(description, &mut errors);
        }
        errors.into_result()
    }
}

impl ProductionPatch {
    /// Checks the rules of the fields sent; a field left out keeps its stored, valid value.
    /// A required field may be left out, but not sent as null or as an empty text.
    fn validate(&self) -> Result<(), AppError> {
        let mut errors = FieldErrors::default();
        if let Some(title) = &self.title {
            match title.as_deref() {
                None | Some("") => errors.add("title", "is required"),
                Some(title) => check_title(title, &mut errors),
            }
        }
        if let Some(genre) = &self.genre {
            match genre.as_deref() {
                None | Some("") => errors.add("genre", "is required"),
                Some(genre) => check_genre(genre, &mut errors),
            }
        }
        if let Some(Some(budget)) = self.budget {
            check_budget(budget, &mut errors);
        }
        if let Some(Some(image)) = &self.image {
            check_image(image, &mut errors);
        }
        if let Some(Some(director)) = &self.director {
            check_director(director, &mut errors);
        }
        if let Some(Some(description)) = &self.description {
            check_description(description, &mut errors);
        }
        errors.into_result()
    }
}

/// GET /api/productions: every production in id order, or one page of them.
/// Who may: anyone, signed in or not, so it takes no `CurrentUser`.
async fn list_productions(
    State(state): State<AppState>,
    AppQuery(pagination): AppQuery<Pagination>,
) -> Result<Json<Vec<Production>>, AppError> {
    let productions = sqlx::query_as(
        "select id, title, genre, budget, image, director, description, ongoing, user_id,
                created_at, updated_at
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

/// GET /api/productions/{id}: one production with its cast members.
/// Who may: anyone, signed in or not, so it takes no `CurrentUser`.
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
        "select id, name, role, production_id, user_id, created_at, updated_at
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

/// POST /api/productions: creates a production, owned by the user who creates it.
/// Who may: an admin.
async fn create_production(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    AppJson(input): AppJson<NewProduction>,
) -> Result<(StatusCode, [(HeaderName, String); 1], Json<Production>), AppError> {
    allow(user.role == Role::Admin)?;
    input.validate()?;
    let production: Production = sqlx::query_as(
        "insert into productions (title, genre, budget, image, director, description, ongoing,
                                  user_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         returning id, title, genre, budget, image, director, description, ongoing, user_id,
                   created_at, updated_at",
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
    .bind(user.id)
    .fetch_one(&state.db)
    .await?;

    // 201 Created, and where the new production lives.
    let location = format!("/api/productions/{}", production.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(production),
    ))
}

/// PATCH /api/productions/{id}: changes the fields the body names, and only those.
/// Who may: its owner, or an admin.
async fn update_production(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    AppPath(id): AppPath<i64>,
    AppJson(patch): AppJson<ProductionPatch>,
) -> Result<Json<Production>, AppError> {
    // The check reads the row, and the update follows on the same connection.
    let mut conn = state.db.acquire().await?;
    let production = find_production(&mut *conn, id).await?;
    allow(production.user_id == Some(user.id) || user.role == Role::Admin)?;
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
        " returning id, title, genre, budget, image, director, description, ongoing, user_id,
                    created_at, updated_at",
    );
    let production = update
        .build_query_as()
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound {
            resource: "production",
            id,
        })?;

    Ok(Json(production))
}

/// DELETE /api/productions/{id}: removes the production. Who may: an admin.
async fn delete_production(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    AppPath(id): AppPath<i64>,
) -> Result<StatusCode, AppError> {
    allow(user.role == Role::Admin)?;
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
        "select id, title, genre, budget, image, director, description, ongoing, user_id,
                created_at, updated_at
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
