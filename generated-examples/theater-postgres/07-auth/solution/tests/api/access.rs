//! Who may do what, for every resource, action and kind of user: signed out, member who
//! owns nothing, the owner of every row (user 1), and a user of each other role, who owns nothing.
//! The rows changed are not row 1, so that a check of the row's id against the user's would
//! not pass for the owner by chance.
//! Each test is one cell of the table in the README, and a refused request must leave every
//! row as it was.
//!
//! One test per resource, action and kind of user, from the spec's `access` rules.

use axum::http::StatusCode;
use serde_json::json;
use theater::auth::Role;

use crate::helpers::{TestApp, ids, new_cast_member, new_production, table_rows};

#[tokio::test]
async fn list_productions_is_allowed_when_signed_out() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_out();
    let response = app.get("/api/productions").await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(ids(&response.json()), [1, 2, 3, 4]);
}

#[tokio::test]
async fn list_productions_is_allowed_for_a_member_who_is_not_the_owner() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Member).await;
    let response = app.get("/api/productions").await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(ids(&response.json()), [1, 2, 3, 4]);
}

#[tokio::test]
async fn list_productions_is_allowed_for_the_owner() {
    let app = TestApp::new().await;
    app.seed().await;
    // User 1 (ada, a member) owns every row the tests load.
    app.sign_in_as_user(1).await;
    let response = app.get("/api/productions").await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(ids(&response.json()), [1, 2, 3, 4]);
}

#[tokio::test]
async fn list_productions_is_allowed_for_an_admin() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Admin).await;
    let response = app.get("/api/productions").await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(ids(&response.json()), [1, 2, 3, 4]);
}

#[tokio::test]
async fn show_production_is_allowed_when_signed_out() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_out();
    let response = app.get("/api/productions/2").await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.json()["id"], 2);
}

#[tokio::test]
async fn show_production_is_allowed_for_a_member_who_is_not_the_owner() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Member).await;
    let response = app.get("/api/productions/2").await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.json()["id"], 2);
}

#[tokio::test]
async fn show_production_is_allowed_for_the_owner() {
    let app = TestApp::new().await;
    app.seed().await;
    // User 1 (ada, a member) owns every row the tests load.
    app.sign_in_as_user(1).await;
    let response = app.get("/api/productions/2").await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.json()["id"], 2);
}

#[tokio::test]
async fn show_production_is_allowed_for_an_admin() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Admin).await;
    let response = app.get("/api/productions/2").await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.json()["id"], 2);
}

#[tokio::test]
async fn create_production_returns_401_when_signed_out() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_out();
    let before = table_rows(&app, "productions").await;
    let response = app.post("/api/productions", new_production()).await;

    assert_eq!(
        response.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        response.text()
    );
    assert_eq!(response.json(), json!({ "error": "you must be logged in" }));
    assert_eq!(
        table_rows(&app, "productions").await,
        before,
        "nothing changed"
    );
}

#[tokio::test]
async fn create_production_returns_403_for_a_member() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Member).await;
    let before = table_rows(&app, "productions").await;
    let response = app.post("/api/productions", new_production()).await;

    assert_eq!(
        response.status,
        StatusCode::FORBIDDEN,
        "{}",
        response.text()
    );
    assert_eq!(
        response.json(),
        json!({ "error": "you are not allowed to do this" })
    );
    assert_eq!(
        table_rows(&app, "productions").await,
        before,
        "nothing changed"
    );
}

#[tokio::test]
async fn create_production_is_allowed_for_an_admin() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Admin).await;
    let response = app.post("/api/productions", new_production()).await;

    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let user = app.current_user_id();
    assert_eq!(
        response.json()["user_id"],
        json!(user),
        "the creator owns it"
    );
}

#[tokio::test]
async fn update_production_returns_401_when_signed_out() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_out();
    let before = table_rows(&app, "productions").await;
    let response = app
        .patch(
            "/api/productions/2",
            json!({ "title": "Total bi-directional moderator" }),
        )
        .await;

    assert_eq!(
        response.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        response.text()
    );
    assert_eq!(response.json(), json!({ "error": "you must be logged in" }));
    assert_eq!(
        table_rows(&app, "productions").await,
        before,
        "nothing changed"
    );
}

#[tokio::test]
async fn update_production_returns_403_for_a_member_who_is_not_the_owner() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Member).await;
    let before = table_rows(&app, "productions").await;
    let response = app
        .patch(
            "/api/productions/2",
            json!({ "title": "Total bi-directional moderator" }),
        )
        .await;

    assert_eq!(
        response.status,
        StatusCode::FORBIDDEN,
        "{}",
        response.text()
    );
    assert_eq!(
        response.json(),
        json!({ "error": "you are not allowed to do this" })
    );
    assert_eq!(
        table_rows(&app, "productions").await,
        before,
        "nothing changed"
    );
}

#[tokio::test]
async fn update_production_is_allowed_for_the_owner() {
    let app = TestApp::new().await;
    app.seed().await;
    // User 1 (ada, a member) owns every row the tests load.
    app.sign_in_as_user(1).await;
    let response = app
        .patch(
            "/api/productions/2",
            json!({ "title": "Total bi-directional moderator" }),
        )
        .await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.json()["title"], "Total bi-directional moderator");
}

#[tokio::test]
async fn update_production_is_allowed_for_an_admin() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Admin).await;
    let response = app
        .patch(
            "/api/productions/2",
            json!({ "title": "Total bi-directional moderator" }),
        )
        .await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.json()["title"], "Total bi-directional moderator");
}

#[tokio::test]
async fn delete_production_returns_401_when_signed_out() {
    let app = TestApp::new().await;
    app.seed().await;
    app.add_more_rows().await;
    app.sign_out();
    let before = table_rows(&app, "productions").await;
    let response = app.delete("/api/productions/5").await;

    assert_eq!(
        response.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        response.text()
    );
    assert_eq!(response.json(), json!({ "error": "you must be logged in" }));
    assert_eq!(
        table_rows(&app, "productions").await,
        before,
        "nothing changed"
    );
}

#[tokio::test]
async fn delete_production_returns_403_for_a_member_who_is_not_the_owner() {
    let app = TestApp::new().await;
    app.seed().await;
    app.add_more_rows().await;
    app.sign_in_as(Role::Member).await;
    let before = table_rows(&app, "productions").await;
    let response = app.delete("/api/productions/5").await;

    assert_eq!(
        response.status,
        StatusCode::FORBIDDEN,
        "{}",
        response.text()
    );
    assert_eq!(
        response.json(),
        json!({ "error": "you are not allowed to do this" })
    );
    assert_eq!(
        table_rows(&app, "productions").await,
        before,
        "nothing changed"
    );
}

#[tokio::test]
async fn delete_production_returns_403_for_the_owner() {
    let app = TestApp::new().await;
    app.seed().await;
    app.add_more_rows().await;
    // User 1 (ada, a member) owns every row the tests load.
    app.sign_in_as_user(1).await;
    let before = table_rows(&app, "productions").await;
    let response = app.delete("/api/productions/5").await;

    assert_eq!(
        response.status,
        StatusCode::FORBIDDEN,
        "{}",
        response.text()
    );
    assert_eq!(
        response.json(),
        json!({ "error": "you are not allowed to do this" })
    );
    assert_eq!(
        table_rows(&app, "productions").await,
        before,
        "nothing changed"
    );
}

#[tokio::test]
async fn delete_production_is_allowed_for_an_admin() {
    let app = TestApp::new().await;
    app.seed().await;
    app.add_more_rows().await;
    app.sign_in_as(Role::Admin).await;
    let response = app.delete("/api/productions/5").await;

    assert_eq!(
        response.status,
        StatusCode::NO_CONTENT,
        "{}",
        response.text()
    );
    let left: Vec<i64> = sqlx::query_scalar("select id from productions order by id")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert!(!left.contains(&5), "the row is gone");
}

#[tokio::test]
async fn list_cast_members_is_allowed_when_signed_out() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_out();
    let response = app.get("/api/cast_members").await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(ids(&response.json()), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
}

#[tokio::test]
async fn list_cast_members_is_allowed_for_a_member_who_is_not_the_owner() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Member).await;
    let response = app.get("/api/cast_members").await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(ids(&response.json()), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
}

#[tokio::test]
async fn list_cast_members_is_allowed_for_the_owner() {
    let app = TestApp::new().await;
    app.seed().await;
    // User 1 (ada, a member) owns every row the tests load.
    app.sign_in_as_user(1).await;
    let response = app.get("/api/cast_members").await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(ids(&response.json()), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
}

#[tokio::test]
async fn list_cast_members_is_allowed_for_an_admin() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Admin).await;
    let response = app.get("/api/cast_members").await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(ids(&response.json()), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
}

#[tokio::test]
async fn show_cast_member_is_allowed_when_signed_out() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_out();
    let response = app.get("/api/cast_members/2").await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.json()["id"], 2);
}

#[tokio::test]
async fn show_cast_member_is_allowed_for_a_member_who_is_not_the_owner() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Member).await;
    let response = app.get("/api/cast_members/2").await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.json()["id"], 2);
}

#[tokio::test]
async fn show_cast_member_is_allowed_for_the_owner() {
    let app = TestApp::new().await;
    app.seed().await;
    // User 1 (ada, a member) owns every row the tests load.
    app.sign_in_as_user(1).await;
    let response = app.get("/api/cast_members/2").await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.json()["id"], 2);
}

#[tokio::test]
async fn show_cast_member_is_allowed_for_an_admin() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Admin).await;
    let response = app.get("/api/cast_members/2").await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.json()["id"], 2);
}

#[tokio::test]
async fn create_cast_member_returns_401_when_signed_out() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_out();
    let before = table_rows(&app, "cast_members").await;
    let response = app.post("/api/cast_members", new_cast_member()).await;

    assert_eq!(
        response.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        response.text()
    );
    assert_eq!(response.json(), json!({ "error": "you must be logged in" }));
    assert_eq!(
        table_rows(&app, "cast_members").await,
        before,
        "nothing changed"
    );
}

#[tokio::test]
async fn create_cast_member_is_allowed_for_a_member() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Member).await;
    let response = app.post("/api/cast_members", new_cast_member()).await;

    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let user = app.current_user_id();
    assert_eq!(
        response.json()["user_id"],
        json!(user),
        "the creator owns it"
    );
}

#[tokio::test]
async fn create_cast_member_is_allowed_for_an_admin() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Admin).await;
    let response = app.post("/api/cast_members", new_cast_member()).await;

    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let user = app.current_user_id();
    assert_eq!(
        response.json()["user_id"],
        json!(user),
        "the creator owns it"
    );
}

#[tokio::test]
async fn update_cast_member_returns_401_when_signed_out() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_out();
    let before = table_rows(&app, "cast_members").await;
    let response = app
        .patch("/api/cast_members/2", json!({ "name": "Aron Armstrong" }))
        .await;

    assert_eq!(
        response.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        response.text()
    );
    assert_eq!(response.json(), json!({ "error": "you must be logged in" }));
    assert_eq!(
        table_rows(&app, "cast_members").await,
        before,
        "nothing changed"
    );
}

#[tokio::test]
async fn update_cast_member_returns_403_for_a_member_who_is_not_the_owner() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Member).await;
    let before = table_rows(&app, "cast_members").await;
    let response = app
        .patch("/api/cast_members/2", json!({ "name": "Aron Armstrong" }))
        .await;

    assert_eq!(
        response.status,
        StatusCode::FORBIDDEN,
        "{}",
        response.text()
    );
    assert_eq!(
        response.json(),
        json!({ "error": "you are not allowed to do this" })
    );
    assert_eq!(
        table_rows(&app, "cast_members").await,
        before,
        "nothing changed"
    );
}

#[tokio::test]
async fn update_cast_member_is_allowed_for_the_owner() {
    let app = TestApp::new().await;
    app.seed().await;
    // User 1 (ada, a member) owns every row the tests load.
    app.sign_in_as_user(1).await;
    let response = app
        .patch("/api/cast_members/2", json!({ "name": "Aron Armstrong" }))
        .await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.json()["name"], "Aron Armstrong");
}

#[tokio::test]
async fn update_cast_member_returns_403_for_an_admin() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Admin).await;
    let before = table_rows(&app, "cast_members").await;
    let response = app
        .patch("/api/cast_members/2", json!({ "name": "Aron Armstrong" }))
        .await;

    assert_eq!(
        response.status,
        StatusCode::FORBIDDEN,
        "{}",
        response.text()
    );
    assert_eq!(
        response.json(),
        json!({ "error": "you are not allowed to do this" })
    );
    assert_eq!(
        table_rows(&app, "cast_members").await,
        before,
        "nothing changed"
    );
}

#[tokio::test]
async fn delete_cast_member_returns_401_when_signed_out() {
    let app = TestApp::new().await;
    app.seed().await;
    app.add_more_rows().await;
    app.sign_out();
    let before = table_rows(&app, "cast_members").await;
    let response = app.delete("/api/cast_members/10").await;

    assert_eq!(
        response.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        response.text()
    );
    assert_eq!(response.json(), json!({ "error": "you must be logged in" }));
    assert_eq!(
        table_rows(&app, "cast_members").await,
        before,
        "nothing changed"
    );
}

#[tokio::test]
async fn delete_cast_member_returns_403_for_a_member_who_is_not_the_owner() {
    let app = TestApp::new().await;
    app.seed().await;
    app.add_more_rows().await;
    app.sign_in_as(Role::Member).await;
    let before = table_rows(&app, "cast_members").await;
    let response = app.delete("/api/cast_members/10").await;

    assert_eq!(
        response.status,
        StatusCode::FORBIDDEN,
        "{}",
        response.text()
    );
    assert_eq!(
        response.json(),
        json!({ "error": "you are not allowed to do this" })
    );
    assert_eq!(
        table_rows(&app, "cast_members").await,
        before,
        "nothing changed"
    );
}

#[tokio::test]
async fn delete_cast_member_is_allowed_for_the_owner() {
    let app = TestApp::new().await;
    app.seed().await;
    app.add_more_rows().await;
    // User 1 (ada, a member) owns every row the tests load.
    app.sign_in_as_user(1).await;
    let response = app.delete("/api/cast_members/10").await;

    assert_eq!(
        response.status,
        StatusCode::NO_CONTENT,
        "{}",
        response.text()
    );
    let left: Vec<i64> = sqlx::query_scalar("select id from cast_members order by id")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert!(!left.contains(&10), "the row is gone");
}

#[tokio::test]
async fn delete_cast_member_is_allowed_for_an_admin() {
    let app = TestApp::new().await;
    app.seed().await;
    app.add_more_rows().await;
    app.sign_in_as(Role::Admin).await;
    let response = app.delete("/api/cast_members/10").await;

    assert_eq!(
        response.status,
        StatusCode::NO_CONTENT,
        "{}",
        response.text()
    );
    let left: Vec<i64> = sqlx::query_scalar("select id from cast_members order by id")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert!(!left.contains(&10), "the row is gone");
}
