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

/// Logs each request and its answer, and tells the client how long it took to answer, in
/// microseconds, in an `x-response-time` header.
///
/// Both lines are logged inside the span `TraceLayer` opens for the request, so they are
/// printed after `request{method=GET uri=/ ...}:`, which says which request they belong to.
pub async fn log_and_time(request: Request, next: Next) -> Response {
    // Before the handler, like Flask's `before_request`.
    tracing::info!(method = %request.method(), path = request.uri().path(), "request");
    let start = Instant::now();

    // Everything inside (routing, the handler) runs here.
    let mut response = next.run(request).await;

    // After it, like `after_request`. `as_micros` is a u128, which headers cannot hold; no
    // request lasts long enough to overflow a u64.
    let micros = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX);
    tracing::info!(status = response.status().as_u16(), micros, "response");
    response
        .headers_mut()
        .insert(X_RESPONSE_TIME, HeaderValue::from(micros));
    response
}
