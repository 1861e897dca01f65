//! `GET /api/openapi.json`: this API, described as an OpenAPI 3.1 document.
//!
//! The document is `openapi.json` at the project's root, written from the same spec as the
//! handlers: every route, the JSON of every row and body, and every status an operation can
//! answer. Read it in any OpenAPI viewer, or give it to a tool that generates a client or
//! tests the server against it.

use axum::{Router, http::header, response::IntoResponse, routing::get};

use crate::AppState;

/// The document, built into the program, so the server never reads a file to answer.
const DOCUMENT: &str = include_str!("../../openapi.json");

pub fn router() -> Router<AppState> {
    Router::new().route("/openapi.json", get(openapi))
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], DOCUMENT)
}
