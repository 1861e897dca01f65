//! `/productions/{id}`: one production from the in-memory list, as an HTML page.

use axum::{Router, extract::Path, http::StatusCode, response::Html, routing::get};

use crate::{
    data::{PRODUCTIONS, Production},
    pages::escape,
};

pub fn router() -> Router {
    Router::new().route("/productions/{id}", get(show_production))
}

/// GET /productions/{id}: the production with that id, or a 404 page.
///
/// `Path` parses the `{id}` segment as an `i64`: a path like `/productions/abc` is
/// answered with a 400 before this handler runs.
async fn show_production(Path(id): Path<i64>) -> (StatusCode, Html<String>) {
    // Exercise: find the production whose `id` matches in `PRODUCTIONS`.
    // Found: 200 and its page. Not found: 404 and a page that says `no production {id}`.
    todo!("find production {id} in PRODUCTIONS")
}

/// The page of one production: a heading, then each field as `name: value`.
fn page(production: &Production) -> String {
    // Exercise: a heading, then one `<li>name: value</li>` per field (`production.fields()`
    // lists them). A value is whatever was stored, so pass each through `escape`: a `<` in it
    // would otherwise start an HTML tag.
    todo!("the page of production {}", production.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    // A row that holds HTML, built from the first one: none of the sample rows has a `<`.
    #[test]
    fn show_production_page_escapes_what_the_row_holds() {
        let production = Production {
            title: "<b>Tom & Jerry</b>",
            ..PRODUCTIONS[0]
        };

        let page = page(&production);

        assert!(
            page.contains("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;"),
            "{page}"
        );
        assert!(!page.contains("<b>"), "{page}");
    }
}
