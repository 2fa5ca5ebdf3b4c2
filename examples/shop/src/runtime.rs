//! The Lambda runtime loop for the `provided.al2023` runtime, with std only.
//!
//! Lambda starts `bootstrap` (our binary) with `AWS_LAMBDA_RUNTIME_API=host:port`. The loop asks
//! `GET /2018-06-01/runtime/invocation/next` for an event, runs the handler, and posts the result to
//! `.../invocation/<request id>/response` (or `/error`). See the AWS Lambda "custom runtime" guide.

use crate::http::{Request, Response};
use crate::json::{self, Value};
use std::io::{Read, Write};
use std::net::TcpStream;

/// One message of an SQS batch, as a worker sees it.
pub struct QueueRecord {
    pub message_id: String,
    pub body: String,
}

/// The messages of a batch to deliver again; the others are deleted from the queue.
#[derive(Default)]
pub struct Retries {
    ids: Vec<String>,
}

impl Retries {
    pub fn add(&mut self, message_id: &str) {
        self.ids.push(message_id.to_string());
    }

    pub fn failed_ids(&self) -> Vec<String> {
        self.ids.clone()
    }

    /// The partial batch response SQS event source mappings read (`ReportBatchItemFailures`).
    fn to_event(&self) -> String {
        let items: Vec<String> =
            self.ids.iter().map(|id| format!("{{\"itemIdentifier\":\"{}\"}}", json::escape(id))).collect();
        format!("{{\"batchItemFailures\":[{}]}}", items.join(","))
    }
}

/// Serves an `#[endpoint]` behind a Lambda function URL.
pub fn serve_endpoint(handler: fn(&Request) -> Response) -> ! {
    serve(|event| Ok(handler(&Request::from_event(event)).to_event()))
}

/// Serves a `#[worker]` fed by an SQS event source mapping.
pub fn serve_worker(handler: fn(&[QueueRecord]) -> Retries) -> ! {
    serve(|event| {
        let records: Vec<QueueRecord> = event
            .get("Records")
            .and_then(Value::as_array)
            .unwrap_or_default()
            .iter()
            .map(|r| QueueRecord {
                message_id: r.get("messageId").and_then(Value::as_str).unwrap_or_default().to_string(),
                body: r.get("body").and_then(Value::as_str).unwrap_or_default().to_string(),
            })
            .collect();
        Ok(handler(&records).to_event())
    })
}

/// Serves a `#[cron]` run by an EventBridge schedule.
pub fn serve_cron(handler: fn() -> Result<(), String>) -> ! {
    serve(|_| handler().map(|_| "{}".to_string()))
}

fn serve(mut handle: impl FnMut(&Value) -> Result<String, String>) -> ! {
    let api = match std::env::var("AWS_LAMBDA_RUNTIME_API") {
        Ok(api) => api,
        Err(_) => {
            eprintln!("AWS_LAMBDA_RUNTIME_API is not set: this binary runs inside AWS Lambda");
            std::process::exit(2);
        }
    };
    loop {
        let (request_id, body) = match call(&api, "GET", "/2018-06-01/runtime/invocation/next", "") {
            Ok((headers, body)) => (header(&headers, "lambda-runtime-aws-request-id").unwrap_or_default(), body),
            Err(e) => {
                eprintln!("runtime API unreachable: {e}");
                std::process::exit(1);
            }
        };
        let outcome = json::parse(&body).map_err(|e| format!("event is not JSON: {e}")).and_then(|event| handle(&event));
        let result = match outcome {
            Ok(response) => call(&api, "POST", &format!("/2018-06-01/runtime/invocation/{request_id}/response"), &response),
            Err(message) => {
                let error = format!("{{\"errorMessage\":\"{}\",\"errorType\":\"Handled\"}}", json::escape(&message));
                call(&api, "POST", &format!("/2018-06-01/runtime/invocation/{request_id}/error"), &error)
            }
        };
        if let Err(e) = result {
            eprintln!("could not report invocation {request_id}: {e}");
        }
    }
}

/// One HTTP/1.1 exchange with the runtime API; returns the response headers and body.
fn call(api: &str, method: &str, path: &str, body: &str) -> std::io::Result<(String, String)> {
    let mut stream = TcpStream::connect(api)?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {api}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, rest) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    Ok((head.to_string(), rest.to_string()))
}

fn header(head: &str, name: &str) -> Option<String> {
    head.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_string())
    })
}
