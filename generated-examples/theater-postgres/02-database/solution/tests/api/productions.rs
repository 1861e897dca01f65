//! `/productions`: every route, when it works and when it cannot.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, ids};

#[tokio::test]
async fn list_productions_returns_every_row_in_id_order() {
    let app = TestApp::new().await;
    app.seed().await;
    app.add_more_rows().await;

    let response = app.get("/productions").await;

    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(ids(&response.json()), [1, 2, 3, 4, 5, 6, 7]);
}

#[tokio::test]
async fn list_productions_answers_500_without_details_when_the_database_fails() {
    let app = TestApp::new().await;
    sqlx::query("drop table productions cascade")
        .execute(&app.db)
        .await
        .expect("the empty table drops");

    let response = app.get("/productions").await;

    assert_eq!(response.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(response.json(), json!({ "error": "internal server error" }));
}

#[tokio::test]
async fn list_productions_returns_an_empty_array_when_there_are_none() {
    let app = TestApp::new().await;

    let response = app.get("/productions").await;

    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json(), json!([]));
}

#[tokio::test]
async fn show_production_returns_the_row() {
    let app = TestApp::new().await;
    app.seed().await;

    let response = app.get("/productions/1").await;

    assert_eq!(response.status, StatusCode::OK);
    let production = response.json();
    assert_eq!(production["id"], 1);
    assert_eq!(production["title"], "Hamlet");
    assert_eq!(production["genre"], "Drama");
    assert_eq!(production["budget"], 100000.0);
    assert_eq!(production["image"], "hamlet.jpg");
    assert_eq!(production["director"], "Bill Shakespeare");
    assert_eq!(
        production["description"],
        "A prince of Denmark avenges his father, and everyone dies."
    );
    assert_eq!(production["ongoing"], true);
}

#[tokio::test]
async fn show_production_returns_400_for_an_id_that_is_not_a_number() {
    let app = TestApp::new().await;

    let response = app.get("/productions/abc").await;

    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn show_production_returns_404_json_for_a_missing_row() {
    let app = TestApp::new().await;

    let response = app.get("/productions/999").await;

    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(
        response.json(),
        json!({ "error": "production 999 not found" })
    );
}
