//! `/cast_members`: every route, when it works and when it cannot.

use axum::http::StatusCode;
use serde_json::{Value, json};

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

#[tokio::test]
async fn update_cast_member_changes_only_the_fields_sent() {
    let app = TestApp::new().await;
    app.seed().await;
    let before = app.get("/cast_members/1").await.json();

    let response = app
        .patch("/cast_members/1", json!({ "name": "Aron Armstrong" }))
        .await;

    assert_eq!(response.status, StatusCode::OK);
    let cast_member = response.json();
    assert_eq!(cast_member["name"], "Aron Armstrong");
    // The answer is the row as stored, and every column the body left out, nullable ones
    // too, keeps its value; only `updated_at` moves.
    let stored = app.get("/cast_members/1").await.json();
    for (key, value) in cast_member.as_object().unwrap() {
        assert_eq!(
            &stored[key], value,
            "`{key}` in the answer is not what was stored"
        );
    }
    for (key, value) in before.as_object().unwrap() {
        if key != "name" && key != "updated_at" {
            assert_eq!(
                &stored[key], value,
                "`{key}` changed, but the body did not send it"
            );
        }
    }
}

#[tokio::test]
async fn update_cast_member_changes_every_field_sent() {
    let app = TestApp::new().await;
    app.seed().await;
    let before = app.get("/cast_members").await.json();

    // A value for every field and parent, other than row 1's wherever the rules allow.
    let response = app
        .patch(
            "/cast_members/1",
            json!({
                "name": "Alexzander Bailey",
                "role": "Customized initiatives",
                "production_id": 2,
            }),
        )
        .await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let stored = app.get("/cast_members/1").await.json();
    assert_eq!(stored["name"], "Alexzander Bailey");
    assert_eq!(stored["role"], "Customized initiatives");
    assert_eq!(stored["production_id"], 2);
    // Every other row is as it was.
    let after = app.get("/cast_members").await.json();
    let others = |rows: &Value| -> Vec<Value> {
        rows.as_array()
            .unwrap()
            .iter()
            .filter(|row| row["id"] != 1)
            .cloned()
            .collect()
    };
    assert_eq!(others(&after), others(&before));
}

#[tokio::test]
async fn update_cast_member_with_an_empty_body_keeps_every_field() {
    let app = TestApp::new().await;
    app.seed().await;
    // A value in every field and parent first, so that none is null already.
    let filled = app
        .patch(
            "/cast_members/1",
            json!({
                "name": "Alexzander Bailey",
                "role": "Customized initiatives",
                "production_id": 2,
            }),
        )
        .await;
    assert_eq!(filled.status, StatusCode::OK, "{}", filled.text());

    let response = app.patch("/cast_members/1", json!({})).await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let stored = app.get("/cast_members/1").await.json();
    assert_eq!(stored["name"], "Alexzander Bailey");
    assert_eq!(stored["role"], "Customized initiatives");
    assert_eq!(stored["production_id"], 2);
}

#[tokio::test]
async fn update_cast_member_moves_updated_at() {
    let app = TestApp::new().await;
    app.seed().await;
    // As if row 1 had last changed long ago: the clock cannot be relied on to move while
    // a test runs.
    sqlx::query("update cast_members set updated_at = '2000-01-01T00:00:00Z' where id = 1")
        .execute(&app.db)
        .await
        .expect("the row is backdated");
    let before = app.get("/cast_members/1").await.json();

    let response = app
        .patch("/cast_members/1", json!({ "name": "Aron Armstrong" }))
        .await;

    assert_eq!(response.status, StatusCode::OK);
    let stored = app.get("/cast_members/1").await.json();
    assert_ne!(stored["updated_at"], before["updated_at"]);
    assert_eq!(response.json()["updated_at"], stored["updated_at"]);
    assert_eq!(stored["created_at"], before["created_at"]);
}

#[tokio::test]
async fn update_cast_member_accepts_an_existing_production() {
    let app = TestApp::new().await;
    app.seed().await;

    let response = app
        .patch("/cast_members/1", json!({ "production_id": 1 }))
        .await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.json()["production_id"], 1);
}

#[tokio::test]
async fn update_cast_member_returns_404_for_a_missing_row() {
    let app = TestApp::new().await;

    let response = app
        .patch("/cast_members/999", json!({ "name": "Aron Armstrong" }))
        .await;

    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(
        response.json(),
        json!({ "error": "cast member 999 not found" })
    );
}

#[tokio::test]
async fn delete_cast_member_returns_204_with_an_empty_body() {
    let app = TestApp::new().await;
    app.seed().await;

    let mut others = ids(&app.get("/cast_members").await.json());
    others.retain(|&id| id != 1);

    let response = app.delete("/cast_members/1").await;

    assert_eq!(response.status, StatusCode::NO_CONTENT);
    assert!(response.body.is_empty());
    assert_eq!(
        app.get("/cast_members/1").await.status,
        StatusCode::NOT_FOUND
    );
    // Only that row is gone.
    assert_eq!(ids(&app.get("/cast_members").await.json()), others);
}

#[tokio::test]
async fn delete_cast_member_returns_404_for_a_missing_row() {
    let app = TestApp::new().await;

    let response = app.delete("/cast_members/999").await;

    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(
        response.json(),
        json!({ "error": "cast member 999 not found" })
    );
}
