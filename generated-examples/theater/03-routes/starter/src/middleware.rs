//! Request middleware: code that runs around every handler, both before it (like Flask's
//! `before_request`) and after it (like `after_request`).

use std::time::Instant;

use axum::{
    extract::Request,
    http::{HeaderName, HeaderValue},
    middleware::Next,
    response::Response,
};

const X_RESPONSE_TIME: HeaderName = HeaderName::from_static("x-response-time");

/// Logs each request, then tells the client how long it took to answer, in
/// microseconds, in an `x-response-time` header.
pub async fn log_and_time(request: Request, next: Next) -> Response {
    tracing::info!(method = %request.method(), path = request.uri().path(), "request");

    let start = Instant::now();
    // Everything inside (routing, the handler) runs here.
    let mut response = next.run(request).await;

    // `as_micros` is a u128, which headers cannot hold; no request lasts long enough to overflow a
    // u64.
    let micros = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX);
    response
        .headers_mut()
        .insert(X_RESPONSE_TIME, HeaderValue::from(micros));
    response
}
