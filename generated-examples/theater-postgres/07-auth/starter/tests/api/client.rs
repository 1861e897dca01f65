//! The client's pages beside the API: served from `client/dist` once built, `index.html` for
//! the client's own paths, and the API's JSON everywhere under `/api`; and what every answer
//! gets from the middleware.

use std::path::PathBuf;

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;

/// A built client of a test's own: an `index.html` and one script, as `npm run build` writes
/// them. Dropping it removes the folder.
struct Dist(PathBuf);

impl Dist {
    fn new(name: &str) -> Self {
        let folder = format!("theater-{}-{name}", std::process::id());
        let dist = std::env::temp_dir().join(folder);
        std::fs::create_dir_all(dist.join("assets")).expect("folder is created");
        std::fs::write(dist.join("index.html"), "<div id=\"root\"></div>")
            .expect("file is written");
        std::fs::write(dist.join("assets/app.js"), "console.log(1)").expect("file is written");
        Self(dist)
    }
}

impl Drop for Dist {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[tokio::test]
async fn the_built_client_is_served_at_the_root() {
    let dist = Dist::new("root");
    let app = TestApp::serving_client(&dist.0).await;

    let page = app.get("/").await;
    let script = app.get("/assets/app.js").await;

    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert_eq!(page.text(), "<div id=\"root\"></div>");
    assert_eq!(script.status, StatusCode::OK);
    assert!(
        script
            .header("content-type")
            .unwrap()
            .contains("javascript")
    );
    assert_eq!(script.text(), "console.log(1)");
}

#[tokio::test]
async fn a_page_of_the_client_reloaded_in_the_browser_gets_index_html() {
    let dist = Dist::new("reload");
    let app = TestApp::serving_client(&dist.0).await;

    let response = app.get("/productions/1").await;

    // The client's router shows the page; the server only has to send the client.
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.text(), "<div id=\"root\"></div>");
}

#[tokio::test]
async fn a_missing_script_is_a_404_not_the_client() {
    let dist = Dist::new("missing");
    let app = TestApp::serving_client(&dist.0).await;

    // What a page of an older build asks for, once a new build has replaced its files.
    let response = app.get("/assets/app-old.js").await;

    assert_eq!(response.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_api_answers_under_api_beside_the_client() {
    let dist = Dist::new("api");
    let app = TestApp::serving_client(&dist.0).await;
    app.seed().await;

    let response = app.get("/api/productions/1").await;

    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json()["id"], json!(1));
}

#[tokio::test]
async fn an_unknown_path_under_api_gets_a_json_404_not_the_client() {
    let dist = Dist::new("unknown");
    let app = TestApp::serving_client(&dist.0).await;

    let response = app.get("/api/nope").await;

    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(
        response.json(),
        json!({ "error": "no route for GET /api/nope" })
    );
}

#[tokio::test]
async fn without_a_built_client_the_root_says_how_to_build_it() {
    let app = TestApp::new().await;

    let response = app.get("/").await;
    let elsewhere = app.get("/productions/1").await;

    assert_eq!(response.status, StatusCode::OK);
    assert!(
        response.text().contains("npm run build --prefix client"),
        "{}",
        response.text()
    );
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn log_and_time_adds_a_response_time_header() {
    let app = TestApp::new().await;

    let response = app.get("/api/nope").await;

    let micros = response.header("x-response-time").unwrap();
    assert!(micros.parse::<u64>().is_ok(), "not a number: {micros}");
}
