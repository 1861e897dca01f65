//! `/productions`: every route, when it works and when it cannot.

use axum::http::StatusCode;

use crate::helpers::TestApp;

#[tokio::test]
async fn show_production_returns_the_row_as_html() {
    let app = TestApp::new().await;

    let response = app.get("/productions/1").await;

    assert_eq!(response.status, StatusCode::OK);
    assert!(response.text().contains("<li>id: 1</li>"));
    assert!(response.text().contains("<li>title: Hamlet</li>"));
    assert!(response.text().contains("<li>budget: 100000</li>"));
}

#[tokio::test]
async fn show_production_returns_404_for_an_unknown_id() {
    let app = TestApp::new().await;

    let response = app.get("/productions/999").await;

    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert!(response.text().contains("no production 999"));
}

#[tokio::test]
async fn show_production_returns_400_for_an_id_that_is_not_a_number() {
    let app = TestApp::new().await;

    let response = app.get("/productions/abc").await;

    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}
