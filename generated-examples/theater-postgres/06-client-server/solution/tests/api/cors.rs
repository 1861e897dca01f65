//! CORS: a page of an allowed origin may call the API from a browser, any other may not.
//!
//! A browser does what these tests do by hand: it sends an `Origin` header, asks first with an
//! `OPTIONS` preflight before a request a plain form could not send, and reads the
//! `Access-Control-Allow-*` headers of the answer.

use axum::{
    Router,
    body::Body,
    http::{HeaderValue, Method, Request, StatusCode, header},
    routing::get,
};
use serde_json::json;

use crate::helpers::{ALLOWED_ORIGIN, TestApp, TestResponse, new_production};

/// What a browser asks before a page of `origin` sends a `PATCH` with a JSON body.
async fn preflight(app: &TestApp, origin: &str) -> TestResponse {
    let request = Request::builder()
        .method(Method::OPTIONS)
        .uri("/api/productions/1")
        .header(header::ORIGIN, origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "PATCH")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
        .body(Body::empty())
        .expect("request is valid");
    app.call(request).await
}

/// The names in a header that lists them, such as `GET,POST`, in lower case.
fn listed(response: &TestResponse, name: header::HeaderName) -> Vec<String> {
    response
        .header(name.as_str())
        .unwrap_or_default()
        .split(',')
        .map(|item| item.trim().to_ascii_lowercase())
        .filter(|item| !item.is_empty())
        .collect()
}

#[tokio::test]
async fn cors_answers_a_preflight_from_an_allowed_origin() {
    let app = TestApp::new().await;

    let response = preflight(&app, ALLOWED_ORIGIN).await;

    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.header("access-control-allow-origin"),
        Some(ALLOWED_ORIGIN)
    );
    assert_eq!(
        response.header("access-control-allow-credentials"),
        Some("true")
    );
    let methods = listed(&response, header::ACCESS_CONTROL_ALLOW_METHODS);
    for method in ["get", "post", "patch", "delete"] {
        assert!(methods.contains(&method.to_owned()), "{methods:?}");
    }
    let headers = listed(&response, header::ACCESS_CONTROL_ALLOW_HEADERS);
    assert!(headers.contains(&"content-type".to_owned()), "{headers:?}");
    assert_eq!(response.header("access-control-max-age"), Some("3600"));
}

#[tokio::test]
async fn cors_gives_another_origin_no_permission() {
    let app = TestApp::new().await;

    let response = preflight(&app, "https://elsewhere.example").await;

    // Without its origin in this header, the browser sends no request: the page reads nothing.
    assert_eq!(response.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn cors_lets_an_allowed_origin_read_what_it_created() {
    let app = TestApp::new().await;
    app.seed().await;

    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/productions")
        .header(header::ORIGIN, ALLOWED_ORIGIN)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(new_production().to_string()))
        .expect("request is valid");
    let response = app.call(request).await;

    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert_eq!(
        response.header("access-control-allow-origin"),
        Some(ALLOWED_ORIGIN)
    );
    assert_eq!(
        response.header("access-control-allow-credentials"),
        Some("true")
    );
    let exposed = listed(&response, header::ACCESS_CONTROL_EXPOSE_HEADERS);
    assert!(exposed.contains(&"location".to_owned()), "{exposed:?}");
    // The answer depends on the `Origin` header, so no cache may give it to another origin.
    let vary = listed(&response, header::VARY);
    assert!(vary.contains(&"origin".to_owned()), "{vary:?}");
}

#[tokio::test]
async fn cors_lets_an_allowed_origin_read_a_refusal() {
    let app = TestApp::new().await;
    let mut body = new_production();
    body["title"] = json!(["not", "a", "value"]);

    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/productions")
        .header(header::ORIGIN, ALLOWED_ORIGIN)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("request is valid");
    let response = app.call(request).await;

    // The page can read why, and show it: an error is an answer too.
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.header("access-control-allow-origin"),
        Some(ALLOWED_ORIGIN)
    );
}

#[tokio::test]
async fn cors_lets_an_allowed_origin_read_the_500_of_a_panic() {
    async fn boom() -> StatusCode {
        panic!("a bug")
    }
    let routes = Router::new().route("/boom", get(boom));
    let cors = theater::cors::layer(vec![HeaderValue::from_static(ALLOWED_ORIGIN)]);
    let app = TestApp::new()
        .await
        .with_router(theater::wrap(routes, cors));

    let request = Request::get("/boom")
        .header(header::ORIGIN, ALLOWED_ORIGIN)
        .body(Body::empty())
        .expect("request is valid");
    let response = app.call(request).await;

    assert_eq!(response.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        response.header("access-control-allow-origin"),
        Some(ALLOWED_ORIGIN)
    );
}
