//! The React client's pages: the files `npm run build` writes to `client/dist`.
//!
//! The client has a router of its own, which shows a page for each path (`/productions/1`). The
//! server answers every such path with `index.html`, and the client's router takes it from
//! there, so that reloading the browser on any page shows that page.

use std::path::Path;

use axum::{Router, http::StatusCode, response::Html, routing::get};
use tower_http::services::{ServeDir, ServeFile};

/// The built client from `dist` when `npm run build` has made it, or else a page that says how
/// to make it. The server looks once, when it starts: restart it after a build.
pub fn pages(dist: &Path) -> Router {
    let index = dist.join("index.html");
    if index.is_file() {
        tracing::info!("serving the client from {}", dist.display());
        Router::new()
            // The scripts and styles of a build. One that is not there is a 404: a page still
            // open from an older build asks for files the new one does not have.
            .nest_service("/assets", ServeDir::new(dist.join("assets")))
            // Any other file of `dist` is sent as it is; any other path is one of the client's
            // pages.
            .fallback_service(ServeDir::new(dist).fallback(ServeFile::new(index)))
    } else {
        tracing::info!(
            "no client in {}: `GET /` says how to build it",
            dist.display()
        );
        Router::new()
            .route("/", get(not_built))
            .fallback(|| async { (StatusCode::NOT_FOUND, not_built().await) })
    }
}

/// GET / before the client is built.
async fn not_built() -> Html<&'static str> {
    Html(
        r#"<!doctype html>
<html>
  <head><title>Flatiron Theater</title></head>
  <body>
    <h1>Flatiron Theater</h1>
    <p>The API answers under <a href="/api/productions">/api</a>; the client is not built yet.</p>
    <p>To use it here, build it and restart the server:
      <code>npm ci --prefix client &amp;&amp; npm run build --prefix client</code>.</p>
    <p>Or, while you work on it, start Vite's development server,
      <code>npm run dev --prefix client</code>, and open
      <a href="http://localhost:5173">http://localhost:5173</a>.</p>
  </body>
</html>
"#,
    )
}
