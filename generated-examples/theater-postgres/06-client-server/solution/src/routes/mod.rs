//! The JSON API: one module per resource, plus the small helpers their handlers share.

mod cast_members;
mod openapi;
mod productions;

use axum::{Router, extract::OriginalUri, http::Method};
use serde::{Deserialize, Deserializer};

use crate::{AppState, error::AppError};

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(productions::router())
        .merge(cast_members::router())
        .merge(openapi::router())
        // An unknown path or method under `/api` is the API's error, in its JSON shape.
        .fallback(no_route)
        .method_not_allowed_fallback(method_not_allowed)
}

/// Any unmatched path under `/api`: a 404 that says what was asked for. The API is nested under
/// `/api`, and a nested router's `Uri` is the path without it: `OriginalUri` is the path the
/// client asked for.
async fn no_route(method: Method, OriginalUri(uri): OriginalUri) -> AppError {
    AppError::NoRoute {
        method,
        path: uri.path().to_owned(),
    }
}

/// A known path with a method it does not have, such as `PUT /api/productions`: 405, with the path
/// as the client asked for it too.
async fn method_not_allowed(method: Method, OriginalUri(uri): OriginalUri) -> AppError {
    AppError::MethodNotAllowed {
        method,
        path: uri.path().to_owned(),
    }
}

/// `?limit=&offset=` on list routes. Both are optional: without them, every row is returned.
///
/// Unsigned types mean a negative number is rejected with a 400 before the handler runs, and
/// so is one over `u32::MAX` (4294967295), which no page needs.
#[derive(Deserialize)]
struct Pagination {
    limit: Option<u32>,
    offset: Option<u32>,
}

impl Pagination {
    /// PostgreSQL reads a null limit as "no limit".
    fn limit(&self) -> Option<i64> {
        self.limit.map(i64::from)
    }

    fn offset(&self) -> i64 {
        self.offset.map_or(0, i64::from)
    }
}

/// Lets a PATCH body tell "leave this column alone" from "set it to null".
///
/// Use it on an `Option<Option<T>>` field together with `#[serde(default)]`:
/// a missing key is `None` (thanks to `default`), `null` is `Some(None)`,
/// and a value is `Some(Some(value))`.
fn nullable<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}
