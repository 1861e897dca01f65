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
    CorsLayer::new()
        // Exactly these origins: a browser refuses to send cookies to a server that allows
        // every origin (`*`), and `CORS_ORIGINS` refuses `*` for that reason.
        .allow_origin(origins)
        .allow_methods([Method::GET, Method::POST, Method::PATCH, Method::DELETE])
        .allow_headers([header::CONTENT_TYPE])
        .allow_credentials(true)
        // A page may read only a few headers of a cross-origin answer unless they are named:
        // where a new row lives, and how long to wait after too many failed log-ins.
        .expose_headers([header::LOCATION, header::RETRY_AFTER])
        // How long a browser may reuse a preflight's answer.
        .max_age(Duration::from_secs(60 * 60))
}
