//! The HTML pages, and the JSON 404 answered for any path no route matches.

use axum::{
    Json, Router,
    http::{HeaderMap, Method, StatusCode, Uri, header},
    response::{Html, IntoResponse},
    routing::get,
};
use serde_json::json;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(index))
        .route("/context", get(request_context))
}

/// GET /: a welcome page linking to each resource.
async fn index() -> Html<&'static str> {
    Html(
        r#"<!doctype html>
<html>
  <head><title>Flatiron Theater</title></head>
  <body>
    <h1>Flatiron Theater</h1>
    <ul>
      <li><a href="/productions">Productions</a></li>
      <li><a href="/cast_members">Cast Members</a></li>
      <li><a href="/context">This request</a></li>
    </ul>
  </body>
</html>
"#,
    )
}

/// GET /context: shows what the server received. Each piece comes from its own extractor.
async fn request_context(method: Method, uri: Uri, headers: HeaderMap) -> Html<String> {
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("(none)");

    // The client chose all of this, so it is escaped: otherwise a header could inject a script.
    let mut rows = String::new();
    for (name, value) in &headers {
        let value = value.to_str().unwrap_or("(not text)");
        rows.push_str(&format!("      <li>{name}: {}</li>\n", escape(value)));
    }

    Html(format!(
        "<!doctype html>
<html>
  <head><title>Request context</title></head>
  <body>
    <h1>Request context</h1>
    <p>Method: {method}</p>
    <p>Path: {path}</p>
    <p>Host: {host}</p>
    <h2>Headers</h2>
    <ul>
{rows}    </ul>
  </body>
</html>
",
        path = escape(uri.path()),
        host = escape(host),
    ))
}

/// Any unmatched path: a 404 that says what was asked for, instead of an empty body.
pub async fn fallback(method: Method, uri: Uri) -> impl IntoResponse {
    let error = format!("no route for {method} {}", uri.path());
    (StatusCode::NOT_FOUND, Json(json!({ "error": error })))
}

/// Makes text safe to put inside HTML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
