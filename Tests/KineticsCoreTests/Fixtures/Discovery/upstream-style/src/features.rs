//! Functions that exist only with some features.
use kinetics::macros::{endpoint, worker};

/// A worker when built for Lambda (the `lambda` feature is on by default).
#[cfg_attr(feature = "lambda", worker(concurrency = 4))]
pub async fn drain(
    _records: Vec<kinetics::tools::queue::Record>,
    _secrets: &std::collections::HashMap<String, String>,
    _config: &kinetics::tools::config::Config,
) -> Result<kinetics::tools::queue::Retries, tower::BoxError> {
    Ok(kinetics::tools::queue::Retries::new())
}

/// Only for local runs: not deployed.
#[cfg_attr(feature = "local", endpoint(url_path = "/debug"))]
pub async fn debug() {}
