//! Signing up, logging in and out: `POST /api/signup`, `POST /api/login`,
//! `GET /api/check_session` and `DELETE /api/logout`.
//!
//! Every answer about the user is a [`User`], which has no password hash to leak. Sessions and
//! the cookie are `src/auth.rs`'s business; passwords are `src/password.rs`'s.

use std::{net::SocketAddr, sync::LazyLock};

use axum::{
    Json, Router,
    extract::{ConnectInfo, State},
    http::StatusCode,
    routing::{delete, get, post},
};
use axum_extra::extract::PrivateCookieJar;
use regex::Regex;
use serde::Deserialize;
use sqlx::FromRow;

use crate::{
    AppState,
    auth::{self, CurrentUser, Role, User},
    error::{AppError, AppJson, FieldErrors},
    password,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/signup", post(signup))
        .route("/login", post(login))
        .route("/check_session", get(check_session))
        .route("/logout", delete(logout))
}

/// The body of `POST /api/signup`. Every field is optional here, so that a missing one is
/// reported by `validate` together with every other problem. A key that is not a field, such
/// as `role`, is refused: nobody chooses their own role.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewUser {
    username: Option<String>,
    password: Option<String>,
}

/// The body of `POST /api/login`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Credentials {
    username: Option<String>,
    password: Option<String>,
}

/// A user with their password hash: what log-in reads to check the password. It cannot be
/// sent to a client (it is not `Serialize`); only its `user` is.
#[derive(FromRow)]
struct Account {
    #[sqlx(flatten)]
    user: User,
    password_hash: String,
}
/// The pattern of `username`, compiled once, the first time it is used.
static USERNAME_PATTERN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("^[A-Za-z0-9_.-]+$").expect("the pattern is valid"));

/// The rules of `username`: each one it breaks is added to `errors`.
fn check_username(username: &str, errors: &mut FieldErrors) {
    // PostgreSQL cannot store a NUL character in text: refuse it here, with a message, rather than
    // let the insert fail.
    if username.contains('\0') {
        errors.add("username", "must not contain a NUL character");
    }
    if username.chars().count() < 3 {
        errors.add("username", "must be at least 3 characters");
    }
    if username.chars().count() > 32 {
        errors.add("username", "must be at most 32 characters");
    }
    if !USERNAME_PATTERN.is_match(username) {
        errors.add(
            "username",
            "must contain only letters, digits, `.`, `_` and `-`",
        );
    }
}

/// The rules of `password`: each one it breaks is added to `errors`. Its length is counted in
/// characters, as a person counts it.
fn check_password(password: &str, errors: &mut FieldErrors) {
    let length = password.chars().count();
    if length < 8 {
        errors.add("password", "must be at least 8 characters");
    }
    if length > 128 {
        errors.add("password", "must be at most 128 characters");
    }
}

impl NewUser {
    /// Checks every rule and reports every broken one, a username already taken included.
    /// When every rule holds: the user, with their password.
    async fn validate(self, state: &AppState) -> Result<Signup, AppError> {
        let mut conn = state.db.acquire().await?;
        let mut errors = FieldErrors::default();
        match self.username.as_deref() {
            None | Some("") => errors.add("username", "is required"),
            Some(username) => {
                check_username(username, &mut errors);
                // PostgreSQL cannot look up a text holding a NUL character, which
                // `check_username` has reported.
                if !username.contains('\0') {
                    let taken: bool = sqlx::query_scalar("select exists(select 1 from users where lower(username) = lower($1) and id <> $2)")
                    .bind(username)
                    // A new user has no id yet, so no user is left out of the search.
                    .bind(0)
                    .fetch_one(&mut *conn)
                    .await?;
                    if taken {
                        errors.add("username", "is already taken");
                    }
                }
            }
        }
        match self.password.as_deref() {
            None | Some("") => errors.add("password", "is required"),
            Some(password) => check_password(password, &mut errors),
        }
        errors.into_result()?;
        // Every required field is there: a missing one was an error above.
        Ok(Signup {
            username: self.username.unwrap_or_default(),
            password: self.password.unwrap_or_default(),
        })
    }
}

/// A signup whose every rule holds.
struct Signup {
    username: String,
    password: String,
}

impl Credentials {
    /// Both fields are required; their other rules are not checked here, since a log-in only
    /// asks whether they match a user. When both are there: the username and the password.
    fn validate(self) -> Result<(String, String), AppError> {
        let mut errors = FieldErrors::default();
        if self.username.as_deref().is_none_or(str::is_empty) {
            errors.add("username", "is required");
        }
        if self.password.as_deref().is_none_or(str::is_empty) {
            errors.add("password", "is required");
        }
        errors.into_result()?;
        Ok((
            self.username.unwrap_or_default(),
            self.password.unwrap_or_default(),
        ))
    }
}

/// POST /api/signup: creates a user with the first role, and logs them in.
async fn signup(
    State(state): State<AppState>,
    jar: PrivateCookieJar,
    AppJson(input): AppJson<NewUser>,
) -> Result<(StatusCode, PrivateCookieJar, Json<User>), AppError> {
    let signup = input.validate(&state).await?;
    let password_hash = password::hash(signup.password).await?;

    let user: User = sqlx::query_as(
        "insert into users (username, password_hash, role)
         values ($1, $2, $3)
         returning id, username, role, created_at, updated_at",
    )
    .bind(signup.username)
    .bind(password_hash)
    // Signing up gives the first role; other roles come from the seed, or by hand in the
    // database.
    .bind(Role::Member)
    .fetch_one(&state.db)
    // `validate` found the username free, but another sign-up may take it first: the unique
    // constraint refuses the second, and `AppError` answers "is already taken".
    .await?;

    let jar = auth::start_session(&state, jar, user.id).await?;
    Ok((StatusCode::CREATED, jar, Json(user)))
}

/// POST /api/login: checks the username and password, and starts a session.
///
/// Failed attempts are counted per username and per client address (see `src/throttle.rs`):
/// after too many, the answer is 429 until some of them are old enough.
///
/// `ConnectInfo` is the address the request came from, which `src/server.rs` attaches to
/// every request. Behind a reverse proxy it would be the proxy's address, the same for
/// everyone; the client's own is then in a header the proxy sets (`X-Forwarded-For`), to be
/// trusted only when it comes from that proxy.
async fn login(
    State(state): State<AppState>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    jar: PrivateCookieJar,
    AppJson(input): AppJson<Credentials>,
) -> Result<(PrivateCookieJar, Json<User>), AppError> {
    // Exercise: log the user in.
    // - `input.validate()` gives the username and password, or the 422 to answer with.
    // - Count the attempt first: `state.login_attempts.attempt(&keys)`, with the keys
    //   `username:<the username in lower case>` and `address:<address.ip()>`. Its `Err` is how
    //   long to wait: answer `AppError::TooManyAttempts { retry_after }` (429).
    // - Read the `Account` with this username (`sqlx::query_as`, `fetch_optional`), and check
    //   the password with `password::verify(password, stored_hash)`, whose second argument is
    //   the account's hash, or `None` when there is no account: it then still takes the time
    //   of a check, so that the time of the answer does not tell which usernames exist.
    // - No account, or the wrong password: answer `AppError::InvalidCredentials` (401), the
    //   same for both; the attempt stays counted.
    // - Otherwise take the attempt back (`state.login_attempts.succeeded(&keys)`), start a
    //   session (`auth::start_session`), and answer with the account's user.
    todo!("log in from {address}")
}

/// GET /api/check_session: the signed-in user, or 401. The client asks when a page loads, to
/// learn whether its cookie still stands for a session.
async fn check_session(CurrentUser(user): CurrentUser) -> Json<User> {
    // Exercise: answer with the signed-in user. (`CurrentUser` has already answered 401 when
    // there is none.)
    todo!("answer with user {}", user.id)
}

/// DELETE /api/logout: ends the session. Its row is deleted, so the cookie, and any copy of
/// it, no longer signs anyone in.
async fn logout(
    State(state): State<AppState>,
    // Only a signed-in user can log out: without a session, 401.
    CurrentUser(_user): CurrentUser,
    jar: PrivateCookieJar,
) -> Result<(StatusCode, PrivateCookieJar), AppError> {
    // Exercise: end the session (`auth::end_session` deletes its row and removes the cookie
    // from the jar), and answer 204 No Content with the jar, so that the browser forgets it.
    todo!("log out")
}
