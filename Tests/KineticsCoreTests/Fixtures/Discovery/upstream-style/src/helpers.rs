/// Not `pub`, so a generated entry point cannot call it.
#[kinetics::macros::worker()]
async fn hidden(
    _records: Vec<kinetics::tools::queue::Record>,
    _secrets: &std::collections::HashMap<String, String>,
    _config: &kinetics::tools::config::Config,
) -> Result<kinetics::tools::queue::Retries, tower::BoxError> {
    Ok(kinetics::tools::queue::Retries::new())
}
