//! `/productions/{id}`: one production from the in-memory list, as an HTML page.

use axum::{Router, extract::Path, http::StatusCode, response::Html, routing::get};

use crate::{data::PRODUCTIONS, pages::escape};

pub fn router() -> Router {
    Router::new().route("/productions/{id}", get(show_production))
}

/// GET /productions/{id}: the production with that id, or a 404 page.
///
/// `Path` parses the `{id}` segment as an `i64`: a path like `/productions/abc` is
/// answered with a 400 before this handler runs.
async fn show_production(Path(id): Path<i64>) -> (StatusCode, Html<String>) {
    // Exercise: find the production whose `id` matches in `PRODUCTIONS`.
    // Found: 200 and a page with a heading and one `<li>name: value</li>` per field
    // (`production.fields()` lists them; pass each value through `escape`).
    // Not found: 404 and a page that says `no production {id}`.
    todo!("find production {id} in PRODUCTIONS")
}
