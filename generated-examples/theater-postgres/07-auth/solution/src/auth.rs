//! Who the current user is: the session cookie, the `sessions` table behind it, and the
//! [`CurrentUser`] extractor a handler takes when only a signed-in user may call it.
//!
//! Logging in starts a session: a row in `sessions` with a new random id, and a cookie that
//! carries that id, encrypted. On every later request the browser sends the cookie back, and
//! [`CurrentUser`] looks the session up to find the user. Logging out deletes the row, so the
//! cookie (and any copy of it) no longer finds anyone.
//!
//! Authentication (who are you?) ends here. Authorization (may you do this?) is up to each
//! handler, in one line a reader can point at: [`allow`].

use axum::{
    extract::{FromRef, FromRequestParts},
    http::request::Parts,
};
use axum_extra::extract::{
    PrivateCookieJar,
    cookie::{Cookie, Key, SameSite},
};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::FromRow;

use crate::{AppState, error::AppError};

/// The name of the cookie that carries the session id.
pub const SESSION_COOKIE: &str = "session";

/// How long a session lasts: the row's `expires_at` and the cookie's `Max-Age` both come from
/// this one number, so that the browser forgets the cookie when the server would refuse it.
pub const SESSION_DAYS: i64 = 7;
/// The roles a user may have. Signing up gives the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, sqlx::Type)]
// Stored and sent as `"member"` and `"admin"`, the way the migration's check lists them.
#[serde(rename_all = "snake_case")]
// A `text` column, rather than a PostgreSQL type of its own named after the enum.
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Role {
    Member,
    Admin,
}

/// A user, as the API shows them.
///
/// There is no password hash here, on purpose: a struct without the field cannot send it.
/// The one query that reads the hash (log-in, in `routes/auth.rs`) reads it beside a `User`.
#[derive(Clone, Debug, Serialize, FromRow)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The signed-in user who sent the request. A handler that takes one can only be called by a
/// signed-in user: without a valid session, the extractor answers 401 and the handler never
/// runs.
///
/// ```text
/// async fn create_thing(CurrentUser(user): CurrentUser, ...) { /* user.id, user.role */ }
/// ```
pub struct CurrentUser(pub User);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        // A cookie that was not made with our key (forged, or altered) does not decrypt, and
        // the jar leaves it out: the same as no cookie at all.
        let jar = PrivateCookieJar::from_headers(&parts.headers, state.key.clone());
        let session_id = jar.get(SESSION_COOKIE).ok_or(AppError::Unauthorized)?;

        // One query: the session, if it has not expired, and its user.
        let user = sqlx::query_as(
            "select users.id, users.username, users.role, users.created_at, users.updated_at
             from sessions
             join users on users.id = sessions.user_id
             where sessions.id = $1
               and sessions.expires_at > now()",
        )
        .bind(session_id.value())
        .fetch_optional(&state.db)
        .await?
        .ok_or(AppError::Unauthorized)?;

        Ok(CurrentUser(user))
    }
}

/// The authorization check of a handler: `allow(condition)?` goes on when `condition` holds,
/// and otherwise answers 403 Forbidden, before anything has changed.
///
/// ```text
/// allow(production.user_id == Some(user.id) || user.role == Role::Admin)?;
/// ```
pub fn allow(allowed: bool) -> Result<(), AppError> {
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Starts a session for `user_id`: a new row with a new random id, and the cookie that
/// carries it added to `jar`.
///
/// A session begun before (by someone else on this browser, say) is ended first. Every log-in
/// gets a new id, never one the browser already had: an attacker who planted a session id in
/// the victim's browser before they logged in (session fixation) holds an id that logging in
/// does not make valid.
pub async fn start_session(
    state: &AppState,
    jar: PrivateCookieJar,
    user_id: i64,
) -> Result<PrivateCookieJar, AppError> {
    let jar = end_session(state, jar).await?;
    // Sessions past their end are of no use to anyone: clear them out while we are here.
    sqlx::query("delete from sessions where expires_at <= now()")
        .execute(&state.db)
        .await?;

    let id = new_session_id();
    sqlx::query(
        "insert into sessions (id, user_id, expires_at)
         values ($1, $2, now() + $3 * interval '1 day')",
    )
    .bind(&id)
    .bind(user_id)
    .bind(SESSION_DAYS)
    .execute(&state.db)
    .await?;

    Ok(jar.add(session_cookie(id, state.secure_cookies)))
}

/// Ends the session of the cookie in `jar`, if there is one: deletes its row, and tells the
/// browser to forget the cookie.
pub async fn end_session(
    state: &AppState,
    jar: PrivateCookieJar,
) -> Result<PrivateCookieJar, AppError> {
    let Some(cookie) = jar.get(SESSION_COOKIE) else {
        return Ok(jar);
    };
    sqlx::query("delete from sessions where id = $1")
        .bind(cookie.value())
        .execute(&state.db)
        .await?;
    // A removal is the same cookie, empty, with `Max-Age=0`: the browser deletes a cookie only
    // when the name, path and domain match the one it has.
    Ok(jar.remove(session_cookie(String::new(), state.secure_cookies)))
}

/// The session cookie, carrying `session_id`. `PrivateCookieJar` encrypts its value when the
/// jar is sent.
fn session_cookie(session_id: String, secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, session_id))
        // Page scripts cannot read it (`document.cookie` leaves it out): a script injected
        // into a page cannot carry the session away (though it can act with it meanwhile).
        .http_only(true)
        // Sent with requests from our own site, and with top-level links to it from others,
        // but not with other sites' forms, frames or `fetch`es: the first line of defence
        // against cross-site request forgery. Written out, because a browser's default for a
        // cookie without it differs from one browser to another.
        .same_site(SameSite::Lax)
        // Sent with every path of the site: without it, only under `/api`, where it was set.
        .path("/")
        // The browser keeps it this long, even after it is closed.
        .max_age(time::Duration::days(SESSION_DAYS))
        // Over HTTPS only, unless `COOKIE_SECURE=false`.
        .secure(secure)
        .build()
}

/// A new session id: 32 bytes from the operating system's secure random source, in hex.
/// 256 random bits cannot be guessed, nor counted up to from another session's id.
fn new_session_id() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// `PrivateCookieJar` finds the key it encrypts with in the app's state through this.
impl FromRef<AppState> for Key {
    fn from_ref(state: &AppState) -> Self {
        state.key.clone()
    }
}
