use kinetics::macros::endpoint;
use kinetics::tools::config::Config as KineticsConfig;
use std::collections::HashMap;

/// Answers GET and POST.
#[endpoint(url_path = "/basic", methods = ["GET", "POST"])]
pub async fn endpoint(
    event: http::Request<String>,
    _secrets: &HashMap<String, String>,
    _config: &KineticsConfig,
) -> Result<http::Response<String>, tower::BoxError> {
    let body = format!("{{\"path\": \"{}\"}}", event.uri().path());
    Ok(http::Response::builder().status(200).body(body)?)
}
