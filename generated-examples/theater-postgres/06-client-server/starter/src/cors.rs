//! CORS: which other origins' pages may call the API from a browser.
//!
//! A browser keeps a page from reading answers of any origin (scheme, host and port) but its
//! own: that is the same-origin policy, which stops a page of another site from reading what
//! your browser can see here. A server lifts it for the origins it names, with
//! `Access-Control-Allow-*` headers. Before a request a page cannot send from a plain form
//! (a `PATCH`, or a JSON body), the browser first asks with an `OPTIONS` request, the
//! preflight, and sends the real one only if the answer allows it.
//!
//! The client in development is served by Vite on another port, so it is another origin; its
//! proxy makes its requests same-origin, but a page that calls the API directly
//! (`VITE_API_URL`) needs this layer.

use std::time::Duration;

use axum::http::{HeaderValue, Method, header};
use tower_http::cors::CorsLayer;

/// The CORS layer of the API: the pages of `origins`, and only those, may call it with the
/// methods and headers the client uses, and with its cookies.
pub fn layer(origins: Vec<HeaderValue>) -> CorsLayer {
    // Exercise: build the layer that lets the pages of `origins` call the API.
    // - Allow exactly these origins; a wildcard cannot go with credentials.
    // - Allow the methods the client sends (`GET`, `POST`, `PATCH`, `DELETE`) and the one
    //   header it sets, `Content-Type`.
    // - Allow credentials, so a browser sends its cookies along (lecture 7 needs them).
    // - Let a page read the `Location` header of a created row.
    // - Let a browser remember a preflight's answer for an hour instead of asking each time.
    // `CorsLayer::new()` alone allows nothing: every cross-origin request is refused.
    let _ = origins;
    CorsLayer::new()
}
