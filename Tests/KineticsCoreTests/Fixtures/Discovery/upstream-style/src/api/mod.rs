//! Users, under /api.
use std::collections::HashMap;

/// One user; the name is set explicitly.
#[kinetics_macro::endpoint(url_path = "/api/users/{id}", name = "GetUser", methods = ["get"])]
pub async fn get_user(
    event: http::Request<String>,
    _secrets: &HashMap<String, String>,
    _config: &kinetics::tools::config::Config,
) -> Result<http::Response<String>, tower::BoxError> {
    let id = event.uri().path().rsplit('/').next().unwrap_or_default();
    Ok(http::Response::builder().status(200).body(format!(r#"{{"id": "{id}"}}"#))?)
}

pub mod v1 {
    /// Everything else under /api/v1.
    #[kinetics::macros::endpoint(url_path = "/api/v1/{*rest}", is_disabled = true)]
    pub async fn catch_all(
        _event: http::Request<String>,
        _secrets: &std::collections::HashMap<String, String>,
        _config: &kinetics::tools::config::Config,
    ) -> Result<http::Response<String>, tower::BoxError> {
        Ok(http::Response::builder().status(404).body(String::new())?)
    }
}
