//! `/cast_members/{id}`: one cast member from the in-memory list, as an HTML page.

use axum::{Router, extract::Path, http::StatusCode, response::Html, routing::get};

use crate::{data::CAST_MEMBERS, pages::escape};

pub fn router() -> Router {
    Router::new().route("/cast_members/{id}", get(show_cast_member))
}

/// GET /cast_members/{id}: the cast member with that id, or a 404 page.
///
/// `Path` parses the `{id}` segment as an `i64`: a path like `/cast_members/abc` is
/// answered with a 400 before this handler runs.
async fn show_cast_member(Path(id): Path<i64>) -> (StatusCode, Html<String>) {
    // Exercise: find the cast member whose `id` matches in `CAST_MEMBERS`.
    // Found: 200 and a page with a heading and one `<li>name: value</li>` per field
    // (`cast_member.fields()` lists them; pass each value through `escape`).
    // Not found: 404 and a page that says `no cast member {id}`.
    todo!("find cast member {id} in CAST_MEMBERS")
}
