//! Cross-site request forgery: another site's page cannot make the browser change anything
//! here with the user's cookie. Its forms can only send bodies that are not JSON, which every
//! route that changes something refuses with 415; its scripts cannot send JSON without a CORS
//! preflight, which only `CORS_ORIGINS` pass (see `cors.rs`); and the cookie is `SameSite=Lax`,
//! so the browser does not attach it to another site's requests at all (see `auth.rs`).

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use theater::auth::Role;

use crate::helpers::{TestApp, new_production, new_user, table_rows};

/// A request as a plain HTML form of another site can send it.
fn form_post(path: &str, content_type: &str, body: String) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .expect("request is valid")
}

#[tokio::test]
async fn a_form_cannot_create_anything_even_with_the_cookie() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_in_as(Role::Admin).await;
    let before = table_rows(&app, "productions").await;

    for content_type in [
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "text/plain",
    ] {
        let body = new_production().to_string();
        let response = app
            .call(form_post("/api/productions", content_type, body))
            .await;

        assert_eq!(
            response.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type}"
        );
    }
    assert_eq!(
        table_rows(&app, "productions").await,
        before,
        "nothing changed"
    );
}

#[tokio::test]
async fn a_form_cannot_log_in_or_sign_up() {
    let app = TestApp::new().await;
    app.sign_out();

    let login = app
        .call(form_post(
            "/api/login",
            "application/x-www-form-urlencoded",
            "username=ada&password=anything".to_owned(),
        ))
        .await;
    let body = new_user(0, "mallory", "a-good-password").to_string();
    let signup = app.call(form_post("/api/signup", "text/plain", body)).await;

    assert_eq!(login.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(login.session_set_cookie(), None);
    assert_eq!(signup.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(table_rows(&app, "users").await.len(), 3);
}

#[tokio::test]
async fn a_get_changes_no_session() {
    let app = TestApp::new().await;
    let before = table_rows(&app, "sessions").await;

    // A link on another site is a top-level GET, which `SameSite=Lax` sends the cookie with.
    let response = app.get("/api/check_session").await;
    let list = app.get("/api/productions").await;

    assert_eq!(response.session_set_cookie(), None);
    assert_eq!(list.session_set_cookie(), None);
    assert_eq!(table_rows(&app, "sessions").await, before);
}
