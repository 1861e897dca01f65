//! `/cast_members`: every route, when it works and when it cannot.

use axum::http::StatusCode;

use crate::helpers::TestApp;

#[tokio::test]
async fn show_cast_member_returns_the_row_as_html() {
    let app = TestApp::new().await;

    let response = app.get("/cast_members/1").await;

    assert_eq!(response.status, StatusCode::OK);
    assert!(response.text().contains("<li>id: 1</li>"));
    assert!(response.text().contains("<li>name: Ada Lovelace</li>"));
}

#[tokio::test]
async fn show_cast_member_returns_404_for_an_unknown_id() {
    let app = TestApp::new().await;

    let response = app.get("/cast_members/999").await;

    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert!(response.text().contains("no cast member 999"));
}

#[tokio::test]
async fn show_cast_member_returns_400_for_an_id_that_is_not_a_number() {
    let app = TestApp::new().await;

    let response = app.get("/cast_members/abc").await;

    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}
