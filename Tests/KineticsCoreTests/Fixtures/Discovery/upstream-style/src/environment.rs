use kinetics::macros::endpoint;
use kinetics::tools::config::Config as KineticsConfig;
use std::collections::HashMap;

/// Answers with a variable set by the attribute.
#[endpoint(
    url_path = "/environment",
    environment = {"SOME_VAR": "someval", "LOG_LEVEL": "trace"},
)]
pub async fn environment(
    _event: http::Request<String>,
    _secrets: &HashMap<String, String>,
    _config: &KineticsConfig,
) -> Result<http::Response<String>, tower::BoxError> {
    let value = std::env::var("SOME_VAR").unwrap_or_else(|_| String::from("Not set"));
    Ok(http::Response::builder().status(200).body(value)?)
}
