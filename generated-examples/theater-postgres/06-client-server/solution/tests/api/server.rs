//! The server's time limits, over real connections to 127.0.0.1: a client that stalls is cut
//! off in time instead of holding its connection for as long as it likes.

use std::{
    io::{Read, Write},
    net::{SocketAddr, TcpStream},
    time::{Duration, Instant},
};

use axum::{
    Router,
    routing::{get, post},
};
use theater::server::{self, Timeouts};
use tokio::net::TcpListener;

/// Limits short enough for a test; the whole request gets longer than the others, so that
/// each test can tell which limit answered.
const TIMEOUTS: Timeouts = Timeouts {
    headers: Duration::from_millis(200),
    body: Duration::from_millis(200),
    request: Duration::from_secs(2),
};

/// How long a test waits for an answer before it gives up: far more than any limit above.
const PATIENCE: Duration = Duration::from_secs(10);

/// Serves `app` on a free port with `TIMEOUTS`, for as long as the test runs.
async fn spawn(app: Router) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let address = listener.local_addr().expect("a bound address");
    tokio::spawn(server::serve(
        listener,
        app,
        TIMEOUTS,
        std::future::pending(),
    ));
    address
}

/// Sends `request` as it is, then reads until the server closes the connection (or
/// `PATIENCE` runs out): what the server answered, and how long that took.
async fn exchange(address: SocketAddr, request: &'static str) -> (String, Duration) {
    // A plain blocking socket, on a thread of its own, is the simplest client that can send
    // a request that is not finished.
    tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(address).expect("the server accepts");
        stream
            .set_read_timeout(Some(PATIENCE))
            .expect("a read timeout");
        stream
            .write_all(request.as_bytes())
            .expect("the request is sent");
        let start = Instant::now();
        let mut answer = Vec::new();
        // An error here is `PATIENCE` running out; the test then fails on the time taken.
        let _ = stream.read_to_end(&mut answer);
        (
            String::from_utf8_lossy(&answer).into_owned(),
            start.elapsed(),
        )
    })
    .await
    .expect("the client thread finishes")
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_disconnected() {
    let address = spawn(Router::new().route("/", get(|| async { "hello" }))).await;

    // The blank line that ends the headers never comes.
    let (answer, took) = exchange(address, "GET / HTTP/1.1\r\nhost: localhost\r\n").await;

    assert!(took < TIMEOUTS.request, "took {took:?}");
    assert_eq!(answer, "", "there is no request to answer yet");
}

#[tokio::test]
async fn a_body_shorter_than_its_content_length_is_given_up_on() {
    let app = Router::new().route("/echo", post(|body: String| async move { body }));
    let address = spawn(app).await;

    // 100 bytes announced, 9 sent.
    let request = "POST /echo HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\
                   content-length: 100\r\n\r\nnot 100 b";
    let (answer, took) = exchange(address, request).await;

    // The handler's extractor fails to read the body: 400, before the request's own limit.
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(took < TIMEOUTS.request, "took {took:?}");
}

#[tokio::test]
async fn a_request_that_takes_too_long_gets_a_408() {
    let slow = || async {
        tokio::time::sleep(PATIENCE).await;
        "too late"
    };
    let address = spawn(Router::new().route("/slow", get(slow))).await;

    let request = "GET /slow HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n";
    let (answer, took) = exchange(address, request).await;

    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(took < PATIENCE, "took {took:?}");
}
