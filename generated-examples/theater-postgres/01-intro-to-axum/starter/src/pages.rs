//! The HTML pages, and the 404 answered for any path no route matches.

use axum::{
    Router,
    http::{HeaderMap, Method, StatusCode, Uri, header},
    response::{Html, IntoResponse},
    routing::get,
};

pub fn router() -> Router {
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
      <li><a href="/productions/1">Production 1</a></li>
      <li><a href="/cast_members/1">Cast member 1</a></li>
      <li><a href="/context">This request</a></li>
    </ul>
  </body>
</html>
"#,
    )
}

/// GET /context: shows what the server received. Each piece comes from its own extractor.
async fn request_context(method: Method, uri: Uri, headers: HeaderMap) -> Html<String> {
    // Exercise: answer with an HTML page that shows the method ("Method: GET"), the path
    // ("Path: /context"), the Host header and every header. Escape what the client sent
    // with `escape`, so that a header cannot inject a script into the page.
    todo!("show the request context")
}

/// Any unmatched path: a 404 that says what was asked for, instead of an empty body.
pub async fn fallback(method: Method, uri: Uri) -> impl IntoResponse {
    let error = format!("no route for {method} {}", uri.path());
    (
        StatusCode::NOT_FOUND,
        Html(format!(
            "<h1>404 Not Found</h1>\n<p>{}</p>\n",
            escape(&error)
        )),
    )
}

/// Makes text safe to put inside HTML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
