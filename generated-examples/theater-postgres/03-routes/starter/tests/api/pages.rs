//! The HTML pages, the 404 fallback and the middleware every response goes through.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;

#[tokio::test]
async fn index_returns_html() {
    let app = TestApp::new().await;

    let response = app.get("/").await;

    assert_eq!(response.status, StatusCode::OK);
    assert!(
        response
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert!(response.text().contains("Flatiron Theater"));
    assert!(response.text().contains(r#"href="/productions""#));
}

#[tokio::test]
async fn request_context_shows_method_path_host_and_headers() {
    let app = TestApp::new().await;

    let response = app
        .get_with_headers(
            "/context",
            &[
                ("host", "example.com"),
                ("x-note", "<script>alert(1)</script>"),
            ],
        )
        .await;

    assert_eq!(response.status, StatusCode::OK);
    let page = response.text();
    assert!(page.contains("Method: GET"), "{page}");
    assert!(page.contains("Path: /context"), "{page}");
    assert!(page.contains("Host: example.com"), "{page}");
    // What the client sent is shown, escaped, so it cannot run as a script.
    assert!(page.contains("x-note: &lt;script&gt;"), "{page}");
    assert!(!page.contains("<script>"), "{page}");
}

#[tokio::test]
async fn fallback_returns_404_json() {
    let app = TestApp::new().await;

    let response = app.get("/nope").await;

    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(
        response.json(),
        json!({ "error": "no route for GET /nope" })
    );
}

#[tokio::test]
async fn log_and_time_adds_a_response_time_header() {
    let app = TestApp::new().await;

    let response = app.get("/nope").await;

    let micros = response.header("x-response-time").unwrap();
    assert!(micros.parse::<u64>().is_ok(), "not a number: {micros}");
}
