//! Test helpers: a fresh app for each test, and a way to send it requests.

use axum::{
    Router,
    body::{Body, Bytes},
    http::{HeaderMap, Method, Request, StatusCode},
};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// The app under test.
pub struct TestApp {
    router: Router,
}

/// What the app answered, read in full so tests can inspect it at leisure.
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl TestApp {
    pub async fn new() -> Self {
        Self {
            router: theater::app(),
        }
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(Method::GET, path).await
    }

    /// `GET` with extra request headers.
    pub async fn get_with_headers(&self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut request = Request::get(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.call(request.body(Body::empty()).expect("request is valid"))
            .await
    }

    async fn send(&self, method: Method, path: &str) -> TestResponse {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .body(Body::empty())
            .expect("request is valid");
        self.call(request).await
    }

    /// Calls the router like a server would, but in-process: no port, no network.
    async fn call(&self, request: Request<Body>) -> TestResponse {
        // `oneshot` consumes the router, so each request gets a (cheap) clone.
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("a router never fails");

        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body reads")
            .to_bytes();
        TestResponse {
            status,
            headers,
            body,
        }
    }
}

impl TestResponse {
    pub fn text(&self) -> String {
        String::from_utf8(self.body.to_vec()).expect("body is UTF-8")
    }

    /// A header's value as text, or `None` when it is absent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }
}
