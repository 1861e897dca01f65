//! One error type for the whole app, and the one JSON shape every error response has:
//! `{"error": "..."}`, plus `"errors": {"field": ["...", ...]}` when input breaks rules.

use std::any::Any;
use std::collections::BTreeMap;

use axum::{
    Json,
    extract::{
        FromRequest, FromRequestParts,
        rejection::{JsonRejection, PathRejection, QueryRejection},
    },
    http::{Method, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Serialize;

/// Everything a request can fail with. Each variant knows its status code, and
/// `IntoResponse` turns any of them into the same JSON shape.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{resource} {id} not found")]
    NotFound { resource: &'static str, id: i64 },

    /// The input breaks rules of the spec: every broken rule of every field is listed.
    #[error("some fields are invalid")]
    Validation(FieldErrors),

    /// The database refused a write that broke one of its constraints.
    #[error("{0}")]
    Refused(String),

    #[error("{}", .0.body_text())]
    Json(#[from] JsonRejection),

    #[error("{}", .0.body_text())]
    Path(#[from] PathRejection),

    #[error("{}", .0.body_text())]
    Query(#[from] QueryRejection),

    #[error("no route for {method} {path}")]
    NoRoute { method: Method, path: String },

    #[error("{method} is not allowed on {path}")]
    MethodNotAllowed { method: Method, path: String },

    /// A handler panicked. What happened is in the log, not in the response.
    #[error("internal server error")]
    Panic,

    /// Anything else from the database: our problem, logged, never shown to the client.
    #[error("internal server error")]
    Database(sqlx::Error),
}

impl AppError {
    pub fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound { .. } | AppError::NoRoute { .. } => StatusCode::NOT_FOUND,
            AppError::Validation(_) | AppError::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
            // axum knows best whether a body was malformed (400), of the wrong type (415),
            // too large (413) or of the wrong shape (422).
            AppError::Json(rejection) => rejection.status(),
            AppError::Path(rejection) => rejection.status(),
            AppError::Query(rejection) => rejection.status(),
            AppError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Panic | AppError::Database(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// The body of every error response.
#[derive(Serialize)]
struct ErrorBody {
    error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<FieldErrors>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status_code();
        if let AppError::Database(err) = &self {
            // The details are for us, in the log; the client only learns that it failed.
            tracing::error!("database error: {err}");
        }
        let error = self.to_string();
        let errors = match self {
            AppError::Validation(errors) => Some(errors),
            _ => None,
        };
        (status, Json(ErrorBody { error, errors })).into_response()
    }
}

impl From<sqlx::Error> for AppError {
    /// A broken constraint is the client's mistake (422); anything else is ours (500).
    /// Validation catches these first: this is the last line of defence.
    fn from(err: sqlx::Error) -> Self {
        if let Some(db_err) = err.as_database_error() {
            if db_err.is_unique_violation() {
                // SQLite names the column: "UNIQUE constraint failed: people.email".
                let column = db_err.message().rsplit('.').next().unwrap_or("id");
                let mut errors = FieldErrors::default();
                errors.add(column, "is already taken");
                return AppError::Validation(errors);
            }
            if db_err.is_foreign_key_violation() || db_err.is_check_violation() {
                return AppError::Refused(db_err.message().to_owned());
            }
        }
        AppError::Database(err)
    }
}

/// Broken rules by field, in field-name order: `{"title": ["must be at most 100 characters"]}`.
#[derive(Debug, Default, Serialize)]
pub struct FieldErrors(BTreeMap<String, Vec<String>>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: &str) {
        self.0
            .entry(field.to_owned())
            .or_default()
            .push(message.to_owned());
    }

    /// `Ok` when no rule was broken, otherwise the 422 that lists them all.
    pub fn into_result(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self))
        }
    }
}

/// axum's `Json`, but a body it cannot read becomes an `AppError`, so the client gets our
/// JSON shape instead of axum's plain-text message.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(AppError))]
pub struct AppJson<T>(pub T);

/// axum's `Path`, with the same treatment: `/productions/abc` gets a JSON 400.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct AppPath<T>(pub T);

/// axum's `Query`, with the same treatment: `?limit=-1` gets a JSON 400.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct AppQuery<T>(pub T);

/// What `CatchPanicLayer` answers when a handler panics: the panic is logged, the client
/// gets a 500 in the usual shape, and the server goes on serving other requests.
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!("a handler panicked: {message}");
    AppError::Panic.into_response()
}
