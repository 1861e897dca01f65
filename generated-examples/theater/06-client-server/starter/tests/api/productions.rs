//! `/api/productions`: every route, when it works and when it cannot.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, ids, new_production};

#[tokio::test]
async fn list_productions_returns_every_row_in_id_order() {
    let app = TestApp::new().await;
    app.seed().await;
    app.add_more_rows().await;

    let response = app.get("/api/productions").await;

    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(ids(&response.json()), [1, 2, 3, 4, 5, 6, 7]);
}

#[tokio::test]
async fn list_productions_answers_500_without_details_when_the_database_fails() {
    let app = TestApp::new().await;
    sqlx::query("drop table productions")
        .execute(&app.db)
        .await
        .expect("the empty table drops");

    let response = app.get("/api/productions").await;

    assert_eq!(response.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(response.json(), json!({ "error": "internal server error" }));
}

#[tokio::test]
async fn list_productions_returns_an_empty_array_when_there_are_none() {
    let app = TestApp::new().await;

    let response = app.get("/api/productions").await;

    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json(), json!([]));
}

#[tokio::test]
async fn list_productions_honours_limit_and_offset() {
    let app = TestApp::new().await;
    app.seed().await;
    app.add_more_rows().await;

    let response = app.get("/api/productions?limit=2&offset=1").await;

    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(ids(&response.json()), [2, 3]);
}

#[tokio::test]
async fn list_productions_rejects_a_negative_limit() {
    let app = TestApp::new().await;

    let response = app.get("/api/productions?limit=-1").await;

    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn show_production_returns_the_row() {
    let app = TestApp::new().await;
    app.seed().await;

    let response = app.get("/api/productions/1").await;

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
async fn show_production_nests_its_cast_members() {
    let app = TestApp::new().await;
    app.seed().await;
    // More cast members, of another production: they must not show up.
    app.add_more_rows().await;

    let response = app.get("/api/productions/1").await;

    assert_eq!(response.status, StatusCode::OK);
    let cast_members = &response.json()["cast_members"];
    assert_eq!(ids(cast_members), [1, 2, 3]);
}

#[tokio::test]
async fn show_production_returns_400_for_an_id_that_is_not_a_number() {
    let app = TestApp::new().await;

    let response = app.get("/api/productions/abc").await;

    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn show_production_returns_404_json_for_a_missing_row() {
    let app = TestApp::new().await;

    let response = app.get("/api/productions/999").await;

    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(
        response.json(),
        json!({ "error": "production 999 not found" })
    );
}

#[tokio::test]
async fn create_production_returns_201_with_location() {
    let app = TestApp::new().await;

    let response = app.post("/api/productions", new_production()).await;

    assert_eq!(response.status, StatusCode::CREATED);
    let production = response.json();
    let id = production["id"].as_i64().unwrap();
    assert_eq!(
        response.header("location"),
        Some(format!("/api/productions/{id}").as_str())
    );
    assert_eq!(production["title"], "Organized heuristic standardization");
    assert_eq!(production["genre"], "Drama");
    assert_eq!(production["budget"], 104.0);
    assert_eq!(production["image"], "image5.jpg");
    assert_eq!(production["director"], "Gabriella Skiles");
    assert_eq!(
        production["description"],
        "Deserunt et aut quia est labore."
    );
    assert_eq!(production["ongoing"], true);
    assert!(production["created_at"].is_string());

    let stored = app.get(&format!("/api/productions/{id}")).await;
    assert_eq!(stored.status, StatusCode::OK);
}

#[tokio::test]
async fn create_production_applies_the_defaults() {
    let app = TestApp::new().await;

    let response = app
        .post(
            "/api/productions",
            json!({ "title": "Organized heuristic standardization", "genre": "Drama" }),
        )
        .await;

    assert_eq!(response.status, StatusCode::CREATED);
    assert_eq!(response.json()["ongoing"], true);
}

#[tokio::test]
async fn create_production_returns_422_when_a_required_field_is_missing() {
    let app = TestApp::new().await;

    let mut body = new_production();
    body.as_object_mut().unwrap().remove("title");

    let response = app.post("/api/productions", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().contains("title"));
}

#[tokio::test]
async fn update_production_changes_only_the_fields_sent() {
    let app = TestApp::new().await;
    app.seed().await;
    let before = app.get("/api/productions/1").await.json();

    let response = app
        .patch(
            "/api/productions/1",
            json!({ "title": "Total bi-directional moderator" }),
        )
        .await;

    assert_eq!(response.status, StatusCode::OK);
    let production = response.json();
    assert_eq!(production["title"], "Total bi-directional moderator");
    // The answer is the row as stored, and every column the body left out, nullable ones
    // too, keeps its value; only `updated_at` moves.
    let stored = app.get("/api/productions/1").await.json();
    for (key, value) in production.as_object().unwrap() {
        assert_eq!(
            &stored[key], value,
            "`{key}` in the answer is not what was stored"
        );
    }
    for (key, value) in before.as_object().unwrap() {
        if key != "title" && key != "updated_at" {
            assert_eq!(
                &stored[key], value,
                "`{key}` changed, but the body did not send it"
            );
        }
    }
}

#[tokio::test]
async fn update_production_changes_every_field_sent() {
    let app = TestApp::new().await;
    app.seed().await;
    let before = app.get("/api/productions").await.json();

    // A value for every field and parent, other than row 1's wherever the rules allow.
    let response = app
        .patch(
            "/api/productions/1",
            json!({
                "title": "Organized heuristic standardization",
                "genre": "Musical",
                "budget": 104.0,
                "image": "image5.jpg",
                "director": "Gabriella Skiles",
                "description": "Deserunt et aut quia est labore.",
                "ongoing": false,
            }),
        )
        .await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let stored = app.get("/api/productions/1").await.json();
    assert_eq!(stored["title"], "Organized heuristic standardization");
    assert_eq!(stored["genre"], "Musical");
    assert_eq!(stored["budget"], 104.0);
    assert_eq!(stored["image"], "image5.jpg");
    assert_eq!(stored["director"], "Gabriella Skiles");
    assert_eq!(stored["description"], "Deserunt et aut quia est labore.");
    assert_eq!(stored["ongoing"], false);
    // Every other row is as it was.
    let after = app.get("/api/productions").await.json();
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
async fn update_production_with_an_empty_body_keeps_every_field() {
    let app = TestApp::new().await;
    app.seed().await;
    // A value in every field and parent first, so that none is null already.
    let filled = app
        .patch(
            "/api/productions/1",
            json!({
                "title": "Organized heuristic standardization",
                "genre": "Musical",
                "budget": 104.0,
                "image": "image5.jpg",
                "director": "Gabriella Skiles",
                "description": "Deserunt et aut quia est labore.",
                "ongoing": false,
            }),
        )
        .await;
    assert_eq!(filled.status, StatusCode::OK, "{}", filled.text());

    let response = app.patch("/api/productions/1", json!({})).await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let stored = app.get("/api/productions/1").await.json();
    assert_eq!(stored["title"], "Organized heuristic standardization");
    assert_eq!(stored["genre"], "Musical");
    assert_eq!(stored["budget"], 104.0);
    assert_eq!(stored["image"], "image5.jpg");
    assert_eq!(stored["director"], "Gabriella Skiles");
    assert_eq!(stored["description"], "Deserunt et aut quia est labore.");
    assert_eq!(stored["ongoing"], false);
}

#[tokio::test]
async fn update_production_moves_updated_at() {
    let app = TestApp::new().await;
    app.seed().await;
    // As if row 1 had last changed long ago: the clock cannot be relied on to move while
    // a test runs.
    sqlx::query("update productions set updated_at = '2000-01-01T00:00:00Z' where id = 1")
        .execute(&app.db)
        .await
        .expect("the row is backdated");
    let before = app.get("/api/productions/1").await.json();

    let response = app
        .patch(
            "/api/productions/1",
            json!({ "title": "Total bi-directional moderator" }),
        )
        .await;

    assert_eq!(response.status, StatusCode::OK);
    let stored = app.get("/api/productions/1").await.json();
    assert_ne!(stored["updated_at"], before["updated_at"]);
    assert_eq!(response.json()["updated_at"], stored["updated_at"]);
    assert_eq!(stored["created_at"], before["created_at"]);
}

#[tokio::test]
async fn update_production_clears_a_field_sent_as_null() {
    let app = TestApp::new().await;
    app.seed().await;

    let response = app
        .patch("/api/productions/1", json!({ "budget": null }))
        .await;

    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json()["budget"], Value::Null);
}

#[tokio::test]
async fn update_production_returns_404_for_a_missing_row() {
    let app = TestApp::new().await;

    let response = app
        .patch(
            "/api/productions/999",
            json!({ "title": "Total bi-directional moderator" }),
        )
        .await;

    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(
        response.json(),
        json!({ "error": "production 999 not found" })
    );
}

#[tokio::test]
async fn delete_production_returns_204_with_an_empty_body() {
    let app = TestApp::new().await;
    app.seed().await;

    let mut others = ids(&app.get("/api/productions").await.json());
    others.retain(|&id| id != 1);

    let response = app.delete("/api/productions/1").await;

    assert_eq!(response.status, StatusCode::NO_CONTENT);
    assert!(response.body.is_empty());
    assert_eq!(
        app.get("/api/productions/1").await.status,
        StatusCode::NOT_FOUND
    );
    // Only that row is gone.
    assert_eq!(ids(&app.get("/api/productions").await.json()), others);
}

#[tokio::test]
async fn delete_production_deletes_its_cast_members_too() {
    let app = TestApp::new().await;
    app.seed().await;
    // More cast members, of another production: they must stay.
    app.add_more_rows().await;

    let response = app.delete("/api/productions/1").await;

    assert_eq!(response.status, StatusCode::NO_CONTENT);
    let cast_members = app.get("/api/cast_members").await.json();
    assert_eq!(ids(&cast_members), [4, 5, 6, 7, 8, 9, 10, 11, 12]);
}

#[tokio::test]
async fn delete_production_returns_404_for_a_missing_row() {
    let app = TestApp::new().await;

    let response = app.delete("/api/productions/999").await;

    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(
        response.json(),
        json!({ "error": "production 999 not found" })
    );
}

#[tokio::test]
async fn create_production_rejects_title_over_max_length() {
    let app = TestApp::new().await;
    let mut body = new_production();
    body["title"] = json!(
        "Digitized fault-tolerant supportaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    );

    let response = app.post("/api/productions", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json()["errors"]["title"],
        json!(["must be at most 100 characters"])
    );
}

#[tokio::test]
async fn create_production_accepts_title_at_max_length() {
    let app = TestApp::new().await;
    let mut body = new_production();
    body["title"] = json!(
        "Digitized fault-tolerant supportaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    );

    let response = app.post("/api/productions", body).await;

    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert_eq!(
        response.json()["title"],
        json!(
            "Digitized fault-tolerant supportaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        )
    );
}

#[tokio::test]
async fn create_production_refuses_a_title_with_a_nul_character() {
    let app = TestApp::new().await;
    let mut body = new_production();
    // Rust counts 3 characters here; SQLite's `length()` stops at the NUL and counts 1.
    body["title"] = json!("a\u{0}b");

    let response = app.post("/api/productions", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = &response.json()["errors"]["title"];
    assert!(
        errors
            .as_array()
            .is_some_and(|e| e.contains(&json!("must not contain a NUL character"))),
        "{errors}"
    );
}

#[tokio::test]
async fn create_production_requires_title() {
    let app = TestApp::new().await;
    let mut body = new_production();
    body.as_object_mut().unwrap().remove("title");

    let response = app.post("/api/productions", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.json()["errors"]["title"], json!(["is required"]));
}

#[tokio::test]
async fn update_production_rejects_title_over_max_length() {
    let app = TestApp::new().await;
    app.seed().await;

    let response = app
        .patch("/api/productions/1", json!({ "title": "Digitized fault-tolerant supportaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }))
        .await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json()["errors"]["title"],
        json!(["must be at most 100 characters"])
    );
}

#[tokio::test]
async fn create_production_rejects_genre_not_among_its_options() {
    let app = TestApp::new().await;
    let mut body = new_production();
    body["genre"] = json!("Dramax");

    let response = app.post("/api/productions", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json()["errors"]["genre"],
        json!(["must be one of Drama, Musical, Opera, Comedy"])
    );
}

#[tokio::test]
async fn create_production_requires_genre() {
    let app = TestApp::new().await;
    let mut body = new_production();
    body.as_object_mut().unwrap().remove("genre");

    let response = app.post("/api/productions", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.json()["errors"]["genre"], json!(["is required"]));
}

#[tokio::test]
async fn update_production_rejects_genre_not_among_its_options() {
    let app = TestApp::new().await;
    app.seed().await;

    let response = app
        .patch("/api/productions/1", json!({ "genre": "Dramax" }))
        .await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json()["errors"]["genre"],
        json!(["must be one of Drama, Musical, Opera, Comedy"])
    );
}

#[tokio::test]
async fn create_production_rejects_budget_below_min() {
    let app = TestApp::new().await;
    let mut body = new_production();
    body["budget"] = json!(99.5);

    let response = app.post("/api/productions", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json()["errors"]["budget"],
        json!(["must be at least 100"])
    );
}

#[tokio::test]
async fn create_production_accepts_budget_at_min() {
    let app = TestApp::new().await;
    let mut body = new_production();
    body["budget"] = json!(100.0);

    let response = app.post("/api/productions", body).await;

    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert_eq!(response.json()["budget"], json!(100.0));
}

#[tokio::test]
async fn update_production_rejects_budget_below_min() {
    let app = TestApp::new().await;
    app.seed().await;

    let response = app
        .patch("/api/productions/1", json!({ "budget": 99.5 }))
        .await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json()["errors"]["budget"],
        json!(["must be at least 100"])
    );
}

#[tokio::test]
async fn create_production_rejects_image_not_matching_its_pattern() {
    let app = TestApp::new().await;
    let mut body = new_production();
    body["image"] = json!("not matching");

    let response = app.post("/api/productions", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json()["errors"]["image"],
        json!(["Image file type must be a jpg"])
    );
}

#[tokio::test]
async fn update_production_rejects_image_not_matching_its_pattern() {
    let app = TestApp::new().await;
    app.seed().await;

    let response = app
        .patch("/api/productions/1", json!({ "image": "not matching" }))
        .await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json()["errors"]["image"],
        json!(["Image file type must be a jpg"])
    );
}

#[tokio::test]
async fn create_production_refuses_an_empty_title() {
    let app = TestApp::new().await;
    let mut body = new_production();
    body["title"] = json!("");

    let response = app.post("/api/productions", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json()["errors"],
        json!({ "title": ["is required"] })
    );
}

#[tokio::test]
async fn update_production_refuses_null_for_title() {
    let app = TestApp::new().await;
    app.seed().await;
    let before = app.get("/api/productions/1").await.json();

    let response = app
        .patch("/api/productions/1", json!({ "title": null }))
        .await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json()["errors"],
        json!({ "title": ["is required"] })
    );
    assert_eq!(app.get("/api/productions/1").await.json(), before);
}

#[tokio::test]
async fn create_production_refuses_an_empty_genre() {
    let app = TestApp::new().await;
    let mut body = new_production();
    body["genre"] = json!("");

    let response = app.post("/api/productions", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json()["errors"],
        json!({ "genre": ["is required"] })
    );
}

#[tokio::test]
async fn update_production_refuses_null_for_genre() {
    let app = TestApp::new().await;
    app.seed().await;
    let before = app.get("/api/productions/1").await.json();

    let response = app
        .patch("/api/productions/1", json!({ "genre": null }))
        .await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json()["errors"],
        json!({ "genre": ["is required"] })
    );
    assert_eq!(app.get("/api/productions/1").await.json(), before);
}

#[tokio::test]
async fn create_production_reports_every_broken_rule_at_once() {
    let app = TestApp::new().await;
    let mut body = new_production();
    body["title"] = json!(
        "Digitized fault-tolerant supportaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    );
    body["genre"] = json!("Dramax");
    body["budget"] = json!(99.5);
    body["image"] = json!("not matching");

    let response = app.post("/api/productions", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = &response.json()["errors"];
    assert!(errors["title"].is_array(), "{errors}");
    assert!(errors["genre"].is_array(), "{errors}");
    assert!(errors["budget"].is_array(), "{errors}");
    assert!(errors["image"].is_array(), "{errors}");
}

#[tokio::test]
async fn update_production_reports_every_broken_rule_at_once() {
    let app = TestApp::new().await;
    app.seed().await;
    let before = app.get("/api/productions/1").await.json();
    let mut body = json!({});
    body["title"] = json!(
        "Digitized fault-tolerant supportaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    );
    body["genre"] = json!("Dramax");
    body["budget"] = json!(99.5);
    body["image"] = json!("not matching");

    let response = app.patch("/api/productions/1", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = &response.json()["errors"];
    assert!(errors["title"].is_array(), "{errors}");
    assert!(errors["genre"].is_array(), "{errors}");
    assert!(errors["budget"].is_array(), "{errors}");
    assert!(errors["image"].is_array(), "{errors}");
    assert_eq!(app.get("/api/productions/1").await.json(), before);
}
