//! Signing up, logging in and out, and the session cookie: what a browser sees, and what a
//! copied, forged, tampered or expired cookie gets.

use std::net::SocketAddr;

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{HeaderMap, HeaderValue, Request, StatusCode, header},
};
use axum_extra::extract::{PrivateCookieJar, cookie::Key};
use serde_json::{Value, json};
use theater::{LOGIN_ATTEMPTS, auth::SESSION_COOKIE};

use crate::helpers::{TestApp, TestResponse, cookie_with_key, new_production, new_user};

/// The username and password of a seed user, who logs in with them.
const USERNAME: &str = "ada";
const PASSWORD: &str = "ada-dev-password";

/// A body for log-in.
fn credentials(username: &str, password: &str) -> Value {
    json!({ "username": username, "password": password })
}

/// `POST /api/login` from the client at `ip`.
async fn login_from(app: &TestApp, ip: [u8; 4], username: &str, password: &str) -> TestResponse {
    let mut request = Request::post("/api/login")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(credentials(username, password).to_string()))
        .expect("request is valid");
    let address = SocketAddr::from((ip, 50000));
    request.extensions_mut().insert(ConnectInfo(address));
    app.call(request).await
}

/// `POST /api/login` from the usual test address.
async fn login(app: &TestApp, username: &str, password: &str) -> TestResponse {
    app.post("/api/login", credentials(username, password))
        .await
}

/// `GET /api/check_session` with exactly `cookie`, whatever the test app would send.
async fn check_session_with(app: &TestApp, cookie: &str) -> TestResponse {
    let request = Request::get("/api/check_session")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .expect("request is valid");
    app.call(request).await
}

/// The session id a `Cookie` header carries, decrypted with `key`.
fn session_id_in(cookie: &str, key: &Key) -> Option<String> {
    let mut headers = HeaderMap::new();
    headers.insert(header::COOKIE, HeaderValue::from_str(cookie).unwrap());
    let jar = PrivateCookieJar::from_headers(&headers, key.clone());
    jar.get(SESSION_COOKIE)
        .map(|cookie| cookie.value().to_owned())
}

async fn session_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from sessions")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn signup_returns_201_with_the_user_and_signs_them_in() {
    let app = TestApp::new().await;
    app.sign_out();

    let response = app
        .post("/api/signup", new_user(0, "margaret", "a-good-password"))
        .await;

    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let user = response.json();
    assert_eq!(user["username"], "margaret");
    // Signing up gives the first role.
    assert_eq!(user["role"], "member");
    assert!(user["id"].is_i64());
    assert!(user["created_at"].is_string());
    let cookie = response.session_cookie().expect("a session cookie is set");
    let session = check_session_with(&app, &cookie).await;
    assert_eq!(session.status, StatusCode::OK);
    assert_eq!(session.json(), user);
}

#[tokio::test]
async fn signup_returns_422_when_the_username_is_taken() {
    let app = TestApp::new().await;
    app.sign_out();

    let response = app
        .post("/api/signup", new_user(0, USERNAME, "another-password"))
        .await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json(),
        json!({
            "error": "some fields are invalid",
            "errors": { "username": ["is already taken"] },
        })
    );
    assert_eq!(response.session_set_cookie(), None);
}

#[tokio::test]
async fn signup_takes_a_username_in_another_case_as_taken() {
    let app = TestApp::new().await;
    app.sign_out();

    let shouted = USERNAME.to_uppercase();
    let response = app
        .post("/api/signup", new_user(0, &shouted, "another-password"))
        .await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json()["errors"],
        json!({ "username": ["is already taken"] })
    );
}

#[tokio::test]
async fn signup_returns_422_for_a_password_too_short_or_too_long() {
    let app = TestApp::new().await;
    app.sign_out();

    let short = app
        .post("/api/signup", new_user(0, "margaret", &"x".repeat(7)))
        .await;
    let long = app
        .post("/api/signup", new_user(0, "margaret", &"x".repeat(129)))
        .await;

    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        short.json()["errors"],
        json!({ "password": ["must be at least 8 characters"] })
    );
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        long.json()["errors"],
        json!({ "password": ["must be at most 128 characters"] })
    );
}

#[tokio::test]
async fn signup_accepts_passwords_of_8_and_of_128_characters() {
    let app = TestApp::new().await;
    app.sign_out();

    let shortest = app
        .post("/api/signup", new_user(0, "margaret", &"x".repeat(8)))
        .await;
    // Counted in characters, not bytes: `é` is two bytes.
    let longest = app
        .post("/api/signup", new_user(1, "katherine", &"é".repeat(128)))
        .await;

    assert_eq!(shortest.status, StatusCode::CREATED, "{}", shortest.text());
    assert_eq!(longest.status, StatusCode::CREATED, "{}", longest.text());
}

#[tokio::test]
async fn signup_returns_422_when_fields_are_missing() {
    let app = TestApp::new().await;
    app.sign_out();

    let missing = app.post("/api/signup", json!({})).await;
    let empty = app.post("/api/signup", new_user(0, "", "")).await;

    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.json()["errors"]["username"], json!(["is required"]));
    assert_eq!(missing.json()["errors"]["password"], json!(["is required"]));
    assert_eq!(
        empty.json()["errors"],
        json!({ "username": ["is required"], "password": ["is required"] })
    );
}

#[tokio::test]
async fn signup_returns_422_for_a_username_that_breaks_its_rules() {
    let app = TestApp::new().await;
    app.sign_out();

    for (username, message) in [
        ("ab", "must be at least 3 characters"),
        (
            "a23456789012345678901234567890123",
            "must be at most 32 characters",
        ),
        (
            "ada lovelace",
            "must contain only letters, digits, `.`, `_` and `-`",
        ),
    ] {
        let response = app
            .post("/api/signup", new_user(0, username, "a-good-password"))
            .await;

        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{username}"
        );
        assert_eq!(
            response.json()["errors"],
            json!({ "username": [message] }),
            "{username}"
        );
    }
}
#[tokio::test]
async fn signup_refuses_a_username_with_a_nul_character() {
    let app = TestApp::new().await;
    app.sign_out();
    let mut body = new_user(0, "mallory", "a-good-password");
    // PostgreSQL could neither store it nor look it up: the validation must refuse it.
    body["username"] = json!("a\u{0}b");

    let response = app.post("/api/signup", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = &response.json()["errors"]["username"];
    assert!(
        errors
            .as_array()
            .is_some_and(|e| e.contains(&json!("must not contain a NUL character"))),
        "{errors}"
    );
}

#[tokio::test]
async fn signup_refuses_a_role_in_the_body() {
    let app = TestApp::new().await;
    app.sign_out();
    let mut body = new_user(0, "mallory", "a-good-password");
    body["role"] = json!("admin");

    let response = app.post("/api/signup", body).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response.json()["error"].as_str().unwrap().contains("role"),
        "{}",
        response.text()
    );
    let users: i64 = sqlx::query_scalar("select count(*) from users where username = 'mallory'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(users, 0);
}

#[tokio::test]
async fn signup_while_logged_in_ends_the_previous_session() {
    let app = TestApp::new().await;
    let before = app.current_cookie().unwrap();

    let response = app
        .post("/api/signup", new_user(0, "margaret", "a-good-password"))
        .await;

    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert_eq!(
        check_session_with(&app, &before).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn signup_and_login_never_answer_with_a_password_or_its_hash() {
    let app = TestApp::new().await;
    app.sign_out();
    let password = "a-good-password";

    let signup = app
        .post("/api/signup", new_user(0, "margaret", password))
        .await;
    let login = login(&app, "margaret", password).await;
    app.use_cookie(&login.session_cookie().unwrap());
    let session = app.get("/api/check_session").await;

    for response in [&signup, &login, &session] {
        let text = response.text();
        assert!(response.status.is_success(), "{text}");
        assert!(!text.contains("password"), "{text}");
        assert!(!text.contains("$argon2"), "{text}");
        assert!(!text.contains(password), "{text}");
    }
}

#[tokio::test]
async fn password_of_a_new_user_is_stored_as_an_argon2id_hash() {
    let app = TestApp::new().await;
    app.sign_out();

    let response = app
        .post("/api/signup", new_user(0, "margaret", "a-good-password"))
        .await;

    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let hash: String = sqlx::query_scalar("select password_hash from users where username = $1")
        .bind("margaret")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains("a-good-password"));
}

#[tokio::test]
async fn login_returns_200_with_the_user_and_a_session_cookie() {
    let app = TestApp::new().await;
    app.sign_out();

    let response = login(&app, USERNAME, PASSWORD).await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let user = response.json();
    assert_eq!(user["id"], 1);
    assert_eq!(user["username"], USERNAME);
    assert_eq!(user["role"], "member");
    let cookie = response.session_cookie().expect("a session cookie is set");
    assert_eq!(check_session_with(&app, &cookie).await.json(), user);
}

#[tokio::test]
async fn login_gives_the_same_401_for_an_unknown_user_and_a_wrong_password() {
    let app = TestApp::new().await;
    app.sign_out();

    let unknown = login(&app, "nobody", PASSWORD).await;
    let wrong = login(&app, USERNAME, "another-password").await;

    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        unknown.json(),
        json!({ "error": "invalid username or password" })
    );
    assert_eq!(unknown.body, wrong.body);
    assert_eq!(unknown.session_set_cookie(), None);
    assert_eq!(wrong.session_set_cookie(), None);
}

#[tokio::test]
async fn login_returns_422_when_fields_are_missing() {
    let app = TestApp::new().await;
    app.sign_out();

    let response = app
        .post("/api/login", json!({ "username": USERNAME }))
        .await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json()["errors"],
        json!({ "password": ["is required"] })
    );
}

#[tokio::test]
async fn login_starts_a_new_session_each_time_and_ends_the_one_the_browser_had() {
    let app = TestApp::new().await;
    app.sign_out();
    let first = login(&app, USERNAME, PASSWORD)
        .await
        .session_cookie()
        .unwrap();

    // The same browser logs in again, sending the cookie it has.
    app.use_cookie(&first);
    let second = login(&app, USERNAME, PASSWORD)
        .await
        .session_cookie()
        .unwrap();

    let first_id = session_id_in(&first, &app.key).unwrap();
    let second_id = session_id_in(&second, &app.key).unwrap();
    assert_ne!(first_id, second_id);
    assert_eq!(
        check_session_with(&app, &first).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        check_session_with(&app, &second).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn login_never_adopts_a_session_id_planted_in_the_browser() {
    let app = TestApp::new().await;
    // An attacker got a valid cookie for an id of their choosing into the victim's browser.
    let planted = app.cookie_for("an-id-the-attacker-knows");
    app.use_cookie(&planted);

    let response = login(&app, USERNAME, PASSWORD).await;

    let cookie = response.session_cookie().expect("a session cookie is set");
    let id = session_id_in(&cookie, &app.key).unwrap();
    assert_ne!(id, "an-id-the-attacker-knows");
    // The session id is 32 random bytes in hex.
    assert_eq!(id.len(), 64);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
}

#[tokio::test]
async fn login_starts_a_session_that_lasts_7_days_as_its_cookie_does() {
    let app = TestApp::new().await;
    app.sign_out();

    let response = login(&app, USERNAME, PASSWORD).await;

    let id = session_id_in(&response.session_cookie().unwrap(), &app.key).unwrap();
    let seconds: i64 = sqlx::query_scalar(
        "select extract(epoch from expires_at - created_at)::bigint from sessions where id = $1",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(seconds, 7 * 24 * 60 * 60);
    let set_cookie = response.session_set_cookie().unwrap();
    assert!(set_cookie.contains("Max-Age=604800"), "{set_cookie}");
}

#[tokio::test]
async fn login_sets_a_cookie_that_is_httponly_samesite_lax_for_every_path_and_secure() {
    let app = TestApp::new().await;
    app.sign_out();

    let response = login(&app, USERNAME, PASSWORD).await;

    let set_cookie = response
        .session_set_cookie()
        .expect("a session cookie is set");
    let attributes: Vec<&str> = set_cookie.split("; ").skip(1).collect();
    for expected in [
        "HttpOnly",
        "SameSite=Lax",
        "Path=/",
        "Max-Age=604800",
        "Secure",
    ] {
        assert!(attributes.contains(&expected), "{expected} in {set_cookie}");
    }
}

#[tokio::test]
async fn login_sets_a_cookie_without_secure_when_cookie_secure_is_false() {
    let app = TestApp::with_insecure_cookies().await;
    app.sign_out();

    let response = login(&app, USERNAME, PASSWORD).await;

    let set_cookie = response
        .session_set_cookie()
        .expect("a session cookie is set");
    assert!(!set_cookie.contains("Secure"), "{set_cookie}");
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
}

#[tokio::test]
async fn login_answers_429_after_10_failures_for_one_username() {
    let app = TestApp::new().await;
    app.sign_out();
    // Each from another address: only the username is the same.
    for n in 0..LOGIN_ATTEMPTS {
        let ip = [10, 0, 0, u8::try_from(n).unwrap()];
        let response = login_from(&app, ip, USERNAME, "another-password").await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }

    // Even the right password is refused now, and nothing is checked.
    let blocked = login_from(&app, [10, 0, 1, 1], USERNAME, PASSWORD).await;
    let other_user = login_from(&app, [10, 0, 1, 2], "grace", "grace-dev-password").await;

    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = blocked.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=180).contains(&retry_after), "{retry_after}");
    assert!(
        blocked.json()["error"]
            .as_str()
            .unwrap()
            .starts_with("too many failed log-ins"),
        "{}",
        blocked.text()
    );
    assert_eq!(blocked.session_set_cookie(), None);
    // Another username is not blocked.
    assert_eq!(other_user.status, StatusCode::OK);
}

#[tokio::test]
async fn login_answers_429_after_10_failures_from_one_address() {
    let app = TestApp::new().await;
    app.sign_out();
    // Each for another username: only the address is the same.
    for n in 0..LOGIN_ATTEMPTS {
        let username = format!("guess-{n}");
        let response = login_from(&app, [10, 0, 0, 1], &username, PASSWORD).await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }

    let blocked = login_from(&app, [10, 0, 0, 1], USERNAME, PASSWORD).await;
    let elsewhere = login_from(&app, [10, 0, 0, 2], USERNAME, PASSWORD).await;

    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(blocked.header("retry-after").is_some());
    assert_eq!(elsewhere.status, StatusCode::OK);
}

#[tokio::test]
async fn login_counts_attempts_sent_all_at_once() {
    let app = TestApp::new().await;
    app.sign_out();

    // More wrong passwords than the limit, all in flight together: each is counted as it
    // arrives, before its password is checked, so the ones past the limit are refused.
    let attempts = (0..LOGIN_ATTEMPTS + 5).map(|_| login(&app, USERNAME, "not the password"));
    let responses = futures_util::future::join_all(attempts).await;

    let refused = responses
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    let checked = responses
        .iter()
        .filter(|r| r.status == StatusCode::UNAUTHORIZED)
        .count();
    assert_eq!((checked, refused), (LOGIN_ATTEMPTS, 5));
}

#[tokio::test]
async fn login_does_not_count_successes_towards_the_limit() {
    let app = TestApp::new().await;
    app.sign_out();

    for n in 0..=LOGIN_ATTEMPTS {
        let response = login(&app, USERNAME, PASSWORD).await;
        assert_eq!(response.status, StatusCode::OK, "login {n}");
    }
}

#[tokio::test]
async fn check_session_returns_the_signed_in_user_and_nothing_about_the_password() {
    let app = TestApp::new().await;

    let response = app.get("/api/check_session").await;

    assert_eq!(response.status, StatusCode::OK);
    let user = response.json();
    assert_eq!(user["username"], USERNAME);
    let mut keys: Vec<&str> = user
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["created_at", "id", "role", "updated_at", "username"]);
}

#[tokio::test]
async fn check_session_returns_401_when_signed_out() {
    let app = TestApp::new().await;
    app.sign_out();

    let response = app.get("/api/check_session").await;

    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(response.json(), json!({ "error": "you must be logged in" }));
}

#[tokio::test]
async fn check_session_refuses_a_cookie_that_is_not_encrypted() {
    let app = TestApp::new().await;
    let user = app.current_user().unwrap();

    // The real session id, but written by hand rather than encrypted with the key.
    let forged = format!("{SESSION_COOKIE}={}", user.session_id);
    let response = check_session_with(&app, &forged).await;

    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(response.json(), json!({ "error": "you must be logged in" }));
}

#[tokio::test]
async fn check_session_refuses_a_tampered_cookie() {
    let app = TestApp::new().await;
    let cookie = app.current_cookie().unwrap();

    // One character of the encrypted value changed.
    let mut tampered: Vec<char> = cookie.chars().collect();
    let at = SESSION_COOKIE.len() + 10;
    tampered[at] = if tampered[at] == 'A' { 'B' } else { 'A' };
    let tampered: String = tampered.into_iter().collect();
    let response = check_session_with(&app, &tampered).await;

    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        check_session_with(&app, &cookie).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn check_session_refuses_a_cookie_made_with_another_key() {
    let app = TestApp::new().await;
    let user = app.current_user().unwrap();

    // The real session id, encrypted as the app would, but with a key of the attacker's.
    let cookie = cookie_with_key(&Key::generate(), &user.session_id);
    let response = check_session_with(&app, &cookie).await;

    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    // The same id with the app's key is a session.
    let genuine = cookie_with_key(&app.key, &user.session_id);
    assert_eq!(
        check_session_with(&app, &genuine).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn check_session_refuses_an_expired_session() {
    let app = TestApp::new().await;
    app.seed().await;
    sqlx::query("update sessions set expires_at = '2000-01-01T00:00:00Z'")
        .execute(&app.db)
        .await
        .unwrap();

    let session = app.get("/api/check_session").await;
    let create = app.post("/api/productions", new_production()).await;

    assert_eq!(session.status, StatusCode::UNAUTHORIZED);
    assert_eq!(create.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn check_session_fails_once_the_user_is_deleted() {
    let app = TestApp::new().await;
    let before = session_count(&app).await;

    sqlx::query("delete from users where id = 1")
        .execute(&app.db)
        .await
        .unwrap();

    // `on delete cascade`: the user's sessions went with them.
    assert_eq!(session_count(&app).await, before - 1);
    assert_eq!(
        app.get("/api/check_session").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn logout_returns_204_then_401_with_the_same_cookie() {
    let app = TestApp::new().await;
    app.sign_out();
    let cookie = login(&app, USERNAME, PASSWORD)
        .await
        .session_cookie()
        .unwrap();
    app.use_cookie(&cookie);

    let logout = app.delete("/api/logout").await;

    assert_eq!(logout.status, StatusCode::NO_CONTENT);
    assert!(logout.body.is_empty());
    // The browser is told to forget the cookie.
    let removal = logout.session_set_cookie().expect("the cookie is removed");
    assert!(removal.contains("Max-Age=0"), "{removal}");
    assert!(removal.contains("Path=/"), "{removal}");
    let again = app.delete("/api/logout").await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    assert_eq!(again.json(), json!({ "error": "you must be logged in" }));
    assert_eq!(
        app.get("/api/check_session").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn logout_ends_its_own_session_and_no_other() {
    let app = TestApp::new().await;
    app.seed().await;
    app.sign_out();
    // Two browsers log in as the same user; someone copies the first one's cookie.
    let first = login(&app, USERNAME, PASSWORD)
        .await
        .session_cookie()
        .unwrap();
    let second = login(&app, USERNAME, PASSWORD)
        .await
        .session_cookie()
        .unwrap();
    let copy = first.clone();

    app.use_cookie(&first);
    assert_eq!(
        app.delete("/api/logout").await.status,
        StatusCode::NO_CONTENT
    );

    // The copy no longer signs anyone in; the other browser's session goes on.
    app.use_cookie(&copy);
    let session = app.get("/api/check_session").await;
    let create = app.post("/api/productions", new_production()).await;
    assert_eq!(session.status, StatusCode::UNAUTHORIZED);
    assert_eq!(create.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        check_session_with(&app, &second).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn logout_returns_401_when_signed_out() {
    let app = TestApp::new().await;
    app.sign_out();

    let response = app.delete("/api/logout").await;

    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(response.json(), json!({ "error": "you must be logged in" }));
}
