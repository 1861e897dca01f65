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
async fn request_context_shows_method_and_path() {
    let app = TestApp::new().await;

    let response = app.get("/context").await;

    assert_eq!(response.status, StatusCode::OK);
    assert!(response.text().contains("Method: GET"));
    assert!(response.text().contains("Path: /context"));
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
