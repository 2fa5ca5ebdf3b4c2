//! A crate written the way upstream Kinetics examples are.
pub mod api;
pub mod basic;
pub mod environment;
pub mod features;
pub mod init_once;
pub mod methods;
mod helpers;

#[cfg(test)]
mod tests;

use kinetics::macros::endpoint;
use kinetics::tools::config::Config as KineticsConfig;
use std::collections::HashMap;

/// The root page.
#[endpoint(url_path = "/")]
pub async fn index(
    _event: http::Request<String>,
    _secrets: &HashMap<String, String>,
    _config: &KineticsConfig,
) -> Result<http::Response<String>, tower::BoxError> {
    Ok(http::Response::builder().status(200).body("{\"ok\": true}".to_string())?)
}
