//! `/cast_members/{id}`: one cast member from the in-memory list, as an HTML page.

use axum::{Router, extract::Path, http::StatusCode, response::Html, routing::get};

use crate::{
    data::{CAST_MEMBERS, CastMember},
    pages::escape,
};

pub fn router() -> Router {
    Router::new().route("/cast_members/{id}", get(show_cast_member))
}

/// GET /cast_members/{id}: the cast member with that id, or a 404 page.
///
/// `Path` parses the `{id}` segment as an `i64`: a path like `/cast_members/abc` is
/// answered with a 400 before this handler runs.
async fn show_cast_member(Path(id): Path<i64>) -> (StatusCode, Html<String>) {
    // Exercise: find the cast member whose `id` matches in `CAST_MEMBERS`.
    // Found: 200 and its page. Not found: 404 and a page that says `no cast member {id}`.
    todo!("find cast member {id} in CAST_MEMBERS")
}

/// The page of one cast member: a heading, then each field as `name: value`.
fn page(cast_member: &CastMember) -> String {
    // Exercise: a heading, then one `<li>name: value</li>` per field (`cast_member.fields()`
    // lists them). A value is whatever was stored, so pass each through `escape`: a `<` in it
    // would otherwise start an HTML tag.
    todo!("the page of cast_member {}", cast_member.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    // A row that holds HTML, built from the first one: none of the sample rows has a `<`.
    #[test]
    fn show_cast_member_page_escapes_what_the_row_holds() {
        let cast_member = CastMember {
            name: "<b>Tom & Jerry</b>",
            ..CAST_MEMBERS[0]
        };

        let page = page(&cast_member);

        assert!(
            page.contains("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;"),
            "{page}"
        );
        assert!(!page.contains("<b>"), "{page}");
    }
}
