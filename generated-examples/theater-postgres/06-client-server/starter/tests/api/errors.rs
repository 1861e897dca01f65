//! The one JSON error shape, for every way a request can go wrong: malformed bodies, wrong
//! types, unknown fields, bad ids, oversized bodies, wrong methods, panics, and the database's
//! own constraints.

use axum::{
    Router,
    body::Body,
    http::{Method, Request, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use theater::error::{AppError, OnForeignKey};

use crate::helpers::{TestApp, new_production};

/// What a client would read for `err`: the status and the JSON body of its response.
async fn answer_to(err: impl Into<AppError>) -> (StatusCode, Value) {
    let response: Response = err.into().into_response();
    let status = response.status();
    let body = response.into_body().collect().await.expect("body reads");
    let json = serde_json::from_slice(&body.to_bytes()).expect("body is JSON");
    (status, json)
}

/// A request with a body that `TestApp::post` could not send: not JSON, or unlabelled.
fn raw_post(path: &str, content_type: Option<&str>, body: String) -> Request<Body> {
    let mut request = Request::post(path);
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    request.body(Body::from(body)).expect("request is valid")
}

#[tokio::test]
async fn malformed_json_gets_a_400_in_the_error_shape() {
    let app = TestApp::new().await;

    let request = raw_post(
        "/api/productions",
        Some("application/json"),
        "{ not json".into(),
    );
    let response = app.call(request).await;

    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(response.json()["error"].is_string());
}

#[tokio::test]
async fn a_value_of_the_wrong_type_gets_a_422_in_the_error_shape() {
    let app = TestApp::new().await;

    let response = app
        .post(
            "/api/productions",
            json!({ "title": ["not", "a", "value"] }),
        )
        .await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.json()["error"].as_str().unwrap().contains("title"));
}

#[tokio::test]
async fn a_number_too_large_for_any_field_gets_a_422_like_one_too_large_for_its_field() {
    let app = TestApp::new().await;

    for number in ["1e400", "99999999999999999999"] {
        let body = [r#"{ "title": "#, number, " }"].concat();
        let request = raw_post("/api/productions", Some("application/json"), body);
        let response = app.call(request).await;

        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{number}"
        );
        assert!(response.json()["error"].is_string());
    }
}

#[tokio::test]
async fn a_body_without_a_json_content_type_gets_a_415_in_the_error_shape() {
    let app = TestApp::new().await;

    let request = raw_post("/api/productions", None, new_production().to_string());
    let response = app.call(request).await;

    assert_eq!(response.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(response.json()["error"].is_string());
}

#[tokio::test]
async fn an_unknown_field_gets_a_422_in_the_error_shape() {
    let app = TestApp::new().await;
    let mut body = new_production();
    body["nonsense"] = json!(1);

    let response = app.post("/api/productions", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response.json()["error"]
            .as_str()
            .unwrap()
            .contains("nonsense")
    );
}

#[tokio::test]
async fn an_id_that_is_not_a_number_gets_a_400_in_the_error_shape() {
    let app = TestApp::new().await;

    let response = app.get("/api/productions/abc").await;

    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(response.json()["error"].is_string());
}

#[tokio::test]
async fn a_bad_query_parameter_gets_a_400_in_the_error_shape() {
    let app = TestApp::new().await;

    let response = app.get("/api/productions?limit=-1").await;

    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(response.json()["error"].is_string());
}

#[tokio::test]
async fn an_oversized_body_gets_a_413_in_the_error_shape() {
    let app = TestApp::new().await;

    let huge = "x".repeat(100 * 1024);
    let response = app.post("/api/productions", json!({ "title": huge })).await;

    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(response.json()["error"].is_string());
}

#[tokio::test]
async fn a_body_just_under_the_limit_is_read() {
    let app = TestApp::new().await;

    // A valid body, padded with the whitespace JSON allows to one byte under 64 KiB.
    let body = new_production().to_string();
    let padded = format!("{body}{}", " ".repeat(64 * 1024 - 1 - body.len()));
    let request = raw_post("/api/productions", Some("application/json"), padded);
    let response = app.call(request).await;

    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
}

#[tokio::test]
async fn a_body_that_lists_the_values_without_their_keys_gets_a_422() {
    let app = TestApp::new().await;

    // A valid create's values, in the order of the fields: serde alone would accept them.
    let values = json!([
        "Organized heuristic standardization",
        "Drama",
        104.0,
        "image5.jpg",
        "Gabriella Skiles",
        "Deserunt et aut quia est labore.",
        true
    ]);
    let response = app.post("/api/productions", values).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = response.json()["error"].to_string();
    assert!(error.contains("expected a JSON object"), "{error}");
}

#[tokio::test]
async fn a_wrong_method_gets_a_405_in_the_error_shape() {
    let app = TestApp::new().await;

    let request = Request::builder()
        .method(Method::PUT)
        .uri("/api/productions")
        .body(Body::empty())
        .expect("request is valid");
    let response = app.call(request).await;

    assert_eq!(response.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        response.json(),
        json!({ "error": "PUT is not allowed on /api/productions" })
    );
}

#[tokio::test]
async fn a_panicking_handler_gets_a_500_and_the_server_goes_on() {
    async fn boom() -> StatusCode {
        panic!("a bug")
    }
    let routes = Router::new().route("/boom", get(boom));
    let cors = theater::cors::layer(Vec::new());
    let app = TestApp::new()
        .await
        .with_router(theater::wrap(routes, cors));

    let first = app.get("/boom").await;
    let second = app.get("/boom").await;

    assert_eq!(first.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(first.json(), json!({ "error": "internal server error" }));
    assert_eq!(second.status, StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn check_constraint_productions_title_max_length_refuses_what_validation_skips() {
    let app = TestApp::new().await;
    app.seed().await;

    // Straight into the database, past the Rust validation: `title` breaks its
    // `max_length` rule, and the CHECK constraint of the migration refuses it.
    let result = sqlx::query(
        "insert into productions (title, genre, budget, image, director, description, ongoing)
         values ('Digitized fault-tolerant supportaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                 'Drama', 104.0, 'image5.jpg', 'Gabriella Skiles',
                 'Deserunt et aut quia est labore.', true)",
    )
    .execute(&app.db)
    .await;

    let err = result.expect_err("the database refuses the row");
    let refused = err
        .as_database_error()
        .is_some_and(|e| e.is_check_violation());
    assert!(refused, "{err}");

    // The client is told what validation would have said, not PostgreSQL's text.
    let (status, body) = answer_to(err).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body["errors"],
        json!({ "title": ["must be at most 100 characters"] })
    );
}

#[tokio::test]
async fn check_constraint_productions_genre_one_of_refuses_what_validation_skips() {
    let app = TestApp::new().await;
    app.seed().await;

    // Straight into the database, past the Rust validation: `genre` breaks its
    // `one_of` rule, and the CHECK constraint of the migration refuses it.
    let result = sqlx::query(
        "insert into productions (title, genre, budget, image, director, description, ongoing)
         values ('Organized heuristic standardization', 'Dramax', 104.0, 'image5.jpg',
                 'Gabriella Skiles', 'Deserunt et aut quia est labore.', true)",
    )
    .execute(&app.db)
    .await;

    let err = result.expect_err("the database refuses the row");
    let refused = err
        .as_database_error()
        .is_some_and(|e| e.is_check_violation());
    assert!(refused, "{err}");

    // The client is told what validation would have said, not PostgreSQL's text.
    let (status, body) = answer_to(err).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body["errors"],
        json!({ "genre": ["must be one of Drama, Musical, Opera, Comedy"] })
    );
}

#[tokio::test]
async fn check_constraint_productions_budget_min_refuses_what_validation_skips() {
    let app = TestApp::new().await;
    app.seed().await;

    // Straight into the database, past the Rust validation: `budget` breaks its
    // `min` rule, and the CHECK constraint of the migration refuses it.
    let result = sqlx::query(
        "insert into productions (title, genre, budget, image, director, description, ongoing)
         values ('Organized heuristic standardization', 'Drama', 99.5, 'image5.jpg',
                 'Gabriella Skiles', 'Deserunt et aut quia est labore.', true)",
    )
    .execute(&app.db)
    .await;

    let err = result.expect_err("the database refuses the row");
    let refused = err
        .as_database_error()
        .is_some_and(|e| e.is_check_violation());
    assert!(refused, "{err}");

    // The client is told what validation would have said, not PostgreSQL's text.
    let (status, body) = answer_to(err).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body["errors"],
        json!({ "budget": ["must be at least 100"] })
    );
}

#[tokio::test]
async fn a_broken_foreign_key_gets_a_422_without_the_databases_text() {
    let app = TestApp::new().await;
    app.seed().await;

    // Past the Rust validation: the parent rows do not exist.
    let err = sqlx::query(
        "insert into cast_members (name, role, production_id)
         values ('Alexzander Bailey', 'Customized initiatives', 999)",
    )
    .execute(&app.db)
    .await
    .expect_err("the foreign key refuses it");

    let (status, body) = answer_to(err).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body,
        json!({ "error": "a row it refers to does not exist" })
    );
}

#[tokio::test]
async fn on_foreign_key_says_what_a_broken_key_means_and_leaves_other_errors_alone() {
    let app = TestApp::new().await;
    app.seed().await;
    let meaning = || AppError::invalid("parent", "is not there");

    let broken = sqlx::query(
        "insert into cast_members (name, role, production_id)
         values ('Alexzander Bailey', 'Customized initiatives', 999)",
    )
    .execute(&app.db)
    .await;
    let err = broken
        .on_foreign_key(meaning)
        .expect_err("the foreign key refuses it");
    let (status, body) = answer_to(err).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"], json!({ "parent": ["is not there"] }));

    // Any other failure keeps its own meaning, another refusal of the database's too.
    let other = sqlx::query("select * from no_such_table")
        .execute(&app.db)
        .await;
    let err = other
        .on_foreign_key(meaning)
        .expect_err("there is no such table");
    let (status, body) = answer_to(err).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body, json!({ "error": "internal server error" }));
}
