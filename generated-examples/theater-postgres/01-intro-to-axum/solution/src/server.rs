//! Serving the app over TCP, with time limits, so that a slow or stalled client cannot keep a
//! connection (and the memory and socket it holds) for as long as it likes.
//!
//! `axum::serve` does the rest of what this does, but sets no limit on how long a client may
//! take to send its headers: a client that sends half a request line would keep a connection
//! open for ever, and a few thousand such clients would use up the server's sockets. So this
//! is `axum::serve`, written out with hyper, the HTTP library under axum, plus the limits.

use std::{future::Future, time::Duration};

use axum::{Router, http::StatusCode};
use hyper::server::conn::http1;
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
    service::TowerToHyperService,
};
use tokio::net::TcpListener;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

/// How long a client may take over each part of a request.
#[derive(Clone, Copy, Debug)]
pub struct Timeouts {
    /// To send a request's headers, from the moment hyper starts reading them. A client that
    /// takes longer has its connection closed, without an answer: there is no request yet.
    pub headers: Duration,
    /// Between two pieces of a request's body, such as a body shorter than its
    /// `Content-Length`: the handler reading it then fails with a 400.
    pub body: Duration,
    /// For the whole request, from its headers to the response, the handler included: a
    /// request that takes longer is answered with 408 Request Timeout.
    pub request: Duration,
}

impl Default for Timeouts {
    /// Generous for any real client of this API, short for one that stalls.
    fn default() -> Self {
        Timeouts {
            headers: Duration::from_secs(10),
            body: Duration::from_secs(10),
            request: Duration::from_secs(30),
        }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then lets the requests in flight
/// finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    timeouts: Timeouts,
    shutdown: impl Future<Output = ()>,
) {
    let app = app
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeouts.request,
        ))
        .layer(RequestBodyTimeoutLayer::new(timeouts.body));
    // hyper measures the time spent on headers with a timer, which it needs to be given.
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(timeouts.headers);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);

    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _address)) => stream,
                Err(err) => {
                    // Usually "too many open files": wait a moment for some to close.
                    tracing::error!("failed to accept a connection: {err}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Each connection is served by a task of its own, so a slow one holds up no other.
        let service = TowerToHyperService::new(app.clone());
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!("connection closed: {err}");
            }
        });
    }

    // Stop reading new requests on every connection, and wait for the answers in flight.
    graceful.shutdown().await;
}
