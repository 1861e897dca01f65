//! `GET /api/openapi.json`: the document the project ships, and that it names what the
//! router serves.

use axum::http::StatusCode;
use serde_json::Value;

use crate::helpers::TestApp;

const PATH: &str = "/api/openapi.json";

fn shipped() -> Value {
    serde_json::from_str(include_str!("../../openapi.json")).expect("openapi.json is JSON")
}

#[tokio::test]
async fn openapi_json_is_served_as_shipped() {
    let app = TestApp::new().await;

    let response = app.get(PATH).await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.header("content-type"), Some("application/json"));
    assert_eq!(response.json(), shipped());
}

/// Each operation of the document, tried with an id no row has (or none): the router
/// answers it with one of the statuses the document lists for it, not with a 404 or 405 of
/// a route it does not have.
#[tokio::test]
async fn openapi_json_names_routes_the_router_answers() {
    let app = TestApp::new().await;
    let document = shipped();
    assert_eq!(document["openapi"], "3.1.0");
    let paths = document["paths"].as_object().expect("paths");
    let mut tried = 0;
    for (path, operations) in paths {
        let path = path.replace("{id}", "999999");
        for (method, operation) in operations.as_object().expect("operations") {
            let response = match method.as_str() {
                "get" => app.get(&path).await,
                "post" => app.post(&path, serde_json::json!({})).await,
                "patch" => app.patch(&path, serde_json::json!({})).await,
                "delete" => app.delete(&path).await,
                other => panic!("openapi.json lists a method the tests cannot send: {other}"),
            };
            let status = response.status.as_str().to_owned();
            let documented = operation["responses"].as_object().expect("responses");
            assert!(
                documented.contains_key(&status),
                "{method} {path} answered {status}, which openapi.json does not list: {}",
                response.text()
            );
            tried += 1;
        }
    }
    assert!(tried >= 4, "openapi.json lists too few operations");
}
