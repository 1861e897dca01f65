//! One error type for the whole app, and the one JSON shape every error response has:
//! `{"error": "..."}`, plus `"errors": {"field": ["...", ...]}` when input breaks rules.

use std::any::Any;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use axum::{
    Json,
    extract::{
        FromRequest, FromRequestParts, Request,
        rejection::{JsonRejection, PathRejection, QueryRejection},
    },
    http::{Method, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::de::{DeserializeOwned, Deserializer, MapAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Serialize};

use crate::password::PasswordError;

/// Everything a request can fail with. Each variant knows its status code, and
/// `IntoResponse` turns any of them into the same JSON shape.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{resource} {id} not found")]
    NotFound { resource: &'static str, id: i64 },

    /// The input breaks rules of the spec: every broken rule of every field is listed.
    #[error("some fields are invalid")]
    Validation(FieldErrors),

    /// The database refused a write for a reason no field explains, such as deleting a row that
    /// others still point at.
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

    /// 401: the request needs a signed-in user, and has none (no session cookie, or one whose
    /// session has ended).
    #[error("you must be logged in")]
    Unauthorized,

    /// 401 too: a log-in with an unknown username or a wrong password. One message for both,
    /// so that the answer does not tell which usernames exist.
    #[error("invalid username or password")]
    InvalidCredentials,

    /// 403: signed in, but not allowed to do this (not the owner, or without the role).
    #[error("you are not allowed to do this")]
    Forbidden,

    /// 429: too many failed log-ins; the client may try again after `retry_after`.
    #[error("too many failed log-ins: try again in {} seconds", whole_seconds(*.retry_after))]
    TooManyAttempts { retry_after: Duration },

    /// A handler panicked. What happened is in the log, not in the response.
    #[error("internal server error")]
    Panic,

    /// Anything else from the database: our problem, logged, never shown to the client.
    #[error("internal server error")]
    Database(sqlx::Error),

    /// Hashing or checking a password failed: logged, never shown to the client.
    #[error("internal server error")]
    Password(#[from] PasswordError),
}

impl AppError {
    /// A 422 for one broken rule of one field.
    pub fn invalid(field: &str, message: &str) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, message);
        AppError::Validation(errors)
    }

    pub fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound { .. } | AppError::NoRoute { .. } => StatusCode::NOT_FOUND,
            AppError::Validation(_) | AppError::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
            // serde_json refuses a number larger than any Rust number (`1e400`) while it reads
            // the JSON, as it refuses malformed JSON, and tells them apart only in its message.
            // The JSON is well formed, though: like `99999999999999999999` in an integer field,
            // it is a value the field cannot hold, and gets the same 422.
            AppError::Json(JsonRejection::JsonSyntaxError(err))
                if err.body_text().contains("number out of range") =>
            {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            // Otherwise axum knows best whether a body was malformed (400), of the wrong type
            // (415), too large (413) or of the wrong shape (422).
            AppError::Json(rejection) => rejection.status(),
            AppError::Path(rejection) => rejection.status(),
            AppError::Query(rejection) => rejection.status(),
            AppError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Unauthorized | AppError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Panic | AppError::Database(_) | AppError::Password(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
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
        match &self {
            // The details are for us, in the log; the client only learns that it failed.
            AppError::Database(err) => tracing::error!("database error: {err}"),
            AppError::Password(err) => tracing::error!("{err}"),
            _ => {}
        }
        let error = self.to_string();
        // A 429 says when to try again, in seconds, in the standard `Retry-After` header.
        let retry_after = match &self {
            AppError::TooManyAttempts { retry_after } => Some(whole_seconds(*retry_after)),
            _ => None,
        };
        let errors = match self {
            AppError::Validation(errors) => Some(errors),
            _ => None,
        };
        let mut response = (status, Json(ErrorBody { error, errors })).into_response();
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

/// A duration in whole seconds, rounded up: a client that waits that long is not refused
/// again for a fraction of a second.
fn whole_seconds(duration: Duration) -> u64 {
    duration.as_secs() + u64::from(duration.subsec_nanos() > 0)
}

impl From<sqlx::Error> for AppError {
    /// A write the database refused because it broke a rule of the spec gets the answer the
    /// validation in Rust gives: the rule's field and message. (Validation runs first, so the
    /// database only catches what it missed, such as two requests racing for a unique value.)
    /// Anything else is our problem: a 500, whose details only the log sees.
    fn from(err: sqlx::Error) -> Self {
        if let Some(db_err) = err.as_database_error() {
            let broken = BROKEN_RULES
                .iter()
                .find(|(constraint, _, _)| db_err.constraint() == Some(*constraint));
            if let Some(&(_, field, message)) = broken {
                return AppError::invalid(field, message);
            }
            if db_err.is_foreign_key_violation() {
                return AppError::Refused("a row it refers to does not exist".to_owned());
            }
            // PostgreSQL can neither store nor compare a text with a NUL character (SQLSTATE
            // 22021). Validation refuses one in every field it writes, and looks up no text
            // holding one, but a query it does not guard may still send one.
            if db_err.code().as_deref() == Some("22021") {
                return AppError::Refused("a text must not contain a NUL character".to_owned());
            }
        }
        AppError::Database(err)
    }
}

/// The name of each constraint of the schema that stands for a rule of the spec, and the field
/// and message the client gets when a write breaks it. PostgreSQL names the constraint an
/// error broke (`constraint()`), so the app never needs to read the text of an error.
const BROKEN_RULES: &[(&str, &str, &str)] = &[
    (
        "productions_title_max_length",
        "title",
        "must be at most 100 characters",
    ),
    (
        "productions_genre_one_of",
        "genre",
        "must be one of Drama, Musical, Opera, Comedy",
    ),
    ("productions_budget_min", "budget", "must be at least 100"),
    ("users_username_key", "username", "is already taken"),
    (
        "users_username_min_length",
        "username",
        "must be at least 3 characters",
    ),
    (
        "users_username_max_length",
        "username",
        "must be at most 32 characters",
    ),
];

/// Lets a handler say what a broken foreign key means where it knows, in the words of the
/// field the client sent: `.on_foreign_key(|| AppError::invalid(...))?`.
pub trait OnForeignKey<T> {
    fn on_foreign_key(self, error: impl FnOnce() -> AppError) -> Result<T, AppError>;
}

impl<T> OnForeignKey<T> for Result<T, sqlx::Error> {
    fn on_foreign_key(self, error: impl FnOnce() -> AppError) -> Result<T, AppError> {
        self.map_err(|err| match err.as_database_error() {
            Some(db_err) if db_err.is_foreign_key_violation() => error(),
            _ => AppError::from(err),
        })
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
/// JSON shape instead of axum's plain-text message, and the body must be a JSON object.
pub struct AppJson<T>(pub T);

impl<T, S> FromRequest<S> for AppJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Json(Object(body)) = Json::<Object<T>>::from_request(request, state).await?;
        Ok(AppJson(body))
    }
}

/// A value read from a JSON object only. serde also fills a struct from an array of its
/// fields in order (`["Hamlet", "Drama"]`), which no client of this API means to send; an
/// array is refused like any other value of the wrong type, with a 422.
struct Object<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = T;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a JSON object")
            }

            // The object's keys and values, handed on to `T` as if it read them itself.
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }

        deserializer
            .deserialize_map(ObjectVisitor(PhantomData))
            .map(Object)
    }
}

/// axum's `Path`, with the same treatment: `/api/productions/abc` gets a JSON 400.
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
