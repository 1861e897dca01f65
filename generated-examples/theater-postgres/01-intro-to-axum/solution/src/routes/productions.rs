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
    match PRODUCTIONS.iter().find(|production| production.id == id) {
        Some(production) => (StatusCode::OK, Html(page(production))),
        None => {
            let page = format!("<h1>404 Not Found</h1>\n<p>no production {id}</p>\n");
            (StatusCode::NOT_FOUND, Html(page))
        }
    }
}

/// The page of one production: a heading, then each field as `name: value`.
fn page(production: &Production) -> String {
    let mut items = String::new();
    for (name, value) in production.fields() {
        items.push_str(&format!("  <li>{name}: {}</li>\n", escape(&value)));
    }
    let heading = escape(production.title);
    format!("<h1>{heading}</h1>\n<ul>\n{items}</ul>\n")
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
