//! `/cast_members`: every route, when it works and when it cannot.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, ids, new_cast_member};

#[tokio::test]
async fn list_cast_members_returns_every_row_in_id_order() {
    let app = TestApp::new().await;
    app.seed().await;
    app.add_more_rows().await;

    let response = app.get("/cast_members").await;

    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        ids(&response.json()),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    );
}

#[tokio::test]
async fn list_cast_members_answers_500_without_details_when_the_database_fails() {
    let app = TestApp::new().await;
    sqlx::query("drop table cast_members cascade")
        .execute(&app.db)
        .await
        .expect("the empty table drops");

    let response = app.get("/cast_members").await;

    assert_eq!(response.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(response.json(), json!({ "error": "internal server error" }));
}

#[tokio::test]
async fn list_cast_members_returns_an_empty_array_when_there_are_none() {
    let app = TestApp::new().await;

    let response = app.get("/cast_members").await;

    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json(), json!([]));
}

#[tokio::test]
async fn list_cast_members_honours_limit_and_offset() {
    let app = TestApp::new().await;
    app.seed().await;
    app.add_more_rows().await;

    let response = app.get("/cast_members?limit=2&offset=1").await;

    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(ids(&response.json()), [2, 3]);
}

#[tokio::test]
async fn list_cast_members_rejects_a_negative_limit() {
    let app = TestApp::new().await;

    let response = app.get("/cast_members?limit=-1").await;

    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn show_cast_member_returns_the_row() {
    let app = TestApp::new().await;
    app.seed().await;

    let response = app.get("/cast_members/1").await;

    assert_eq!(response.status, StatusCode::OK);
    let cast_member = response.json();
    assert_eq!(cast_member["id"], 1);
    assert_eq!(cast_member["name"], "Ada Lovelace");
    assert_eq!(cast_member["role"], "Hamlet");
    assert!(cast_member["production_id"].is_number());
    assert_eq!(cast_member.get("production"), None, "no back-reference");
}

#[tokio::test]
async fn show_cast_member_returns_400_for_an_id_that_is_not_a_number() {
    let app = TestApp::new().await;

    let response = app.get("/cast_members/abc").await;

    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn show_cast_member_returns_404_json_for_a_missing_row() {
    let app = TestApp::new().await;

    let response = app.get("/cast_members/999").await;

    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(
        response.json(),
        json!({ "error": "cast member 999 not found" })
    );
}

#[tokio::test]
async fn create_cast_member_returns_201_with_location() {
    let app = TestApp::new().await;
    app.seed().await;

    let response = app.post("/cast_members", new_cast_member()).await;

    assert_eq!(response.status, StatusCode::CREATED);
    let cast_member = response.json();
    let id = cast_member["id"].as_i64().unwrap();
    assert_eq!(
        response.header("location"),
        Some(format!("/cast_members/{id}").as_str())
    );
    assert_eq!(cast_member["name"], "Alexzander Bailey");
    assert_eq!(cast_member["role"], "Customized initiatives");
    assert_eq!(cast_member["production_id"], 1);
    assert!(cast_member["created_at"].is_string());

    let stored = app.get(&format!("/cast_members/{id}")).await;
    assert_eq!(stored.status, StatusCode::OK);
}

#[tokio::test]
async fn create_cast_member_returns_422_when_a_required_field_is_missing() {
    let app = TestApp::new().await;
    app.seed().await;

    let mut body = new_cast_member();
    body.as_object_mut().unwrap().remove("name");

    let response = app.post("/cast_members", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().contains("name"));
}

#[tokio::test]
async fn create_cast_member_returns_422_for_a_missing_production() {
    let app = TestApp::new().await;
    app.seed().await;

    let mut body = new_cast_member();
    body["production_id"] = json!(999);

    let response = app.post("/cast_members", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.json()["error"].is_string());
}
