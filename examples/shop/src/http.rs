//! HTTP requests and responses as Lambda function URLs deliver them (payload format 2.0).

use crate::json::{self, Value};

pub struct Request {
    pub method: String,
    /// The path without the query, e.g. `/products/mug`.
    pub path: String,
    pub body: String,
}

impl Request {
    pub fn new(method: &str, path: &str, body: &str) -> Request {
        Request { method: method.to_string(), path: path.to_string(), body: body.to_string() }
    }

    /// Reads a function URL event: `requestContext.http.method`, `rawPath` and `body`.
    pub fn from_event(event: &Value) -> Request {
        let method = event
            .get("requestContext")
            .and_then(|c| c.get("http"))
            .and_then(|h| h.get("method"))
            .and_then(Value::as_str)
            .unwrap_or("GET");
        let path = event.get("rawPath").and_then(Value::as_str).unwrap_or("/");
        let body = event.get("body").and_then(Value::as_str).unwrap_or("");
        Request::new(method, path, body)
    }

    /// The n-th segment of the path, from 0: `/products/mug` has `mug` at 1.
    pub fn path_segment(&self, n: usize) -> Option<String> {
        self.path.split('/').filter(|s| !s.is_empty()).nth(n).map(str::to_string)
    }
}

pub struct Response {
    pub status: u16,
    pub body: String,
}

impl Response {
    pub fn json(status: u16, body: String) -> Response {
        Response { status, body }
    }

    pub fn error(status: u16, message: &str) -> Response {
        Response { status, body: format!("{{\"error\":\"{}\"}}", json::escape(message)) }
    }

    /// The response in the shape a function URL expects back.
    pub fn to_event(&self) -> String {
        format!(
            "{{\"statusCode\":{},\"headers\":{{\"content-type\":\"application/json\"}},\"body\":\"{}\"}}",
            self.status,
            json::escape(&self.body)
        )
    }
}
