use kinetics::macros::{cron, worker};
use kinetics::tools::config::Config;
use kinetics::tools::queue;
use std::collections::HashMap;

#[worker(concurrency = 2)]
pub async fn resize(
    records: Vec<queue::Record>,
    _secrets: &HashMap<String, String>,
    _config: &Config,
) -> Result<queue::Retries, tower::BoxError> {
    let mut retries = queue::Retries::new();
    for record in records {
        if record.body.is_empty() {
            retries.add(&record.message_id);
        }
    }
    Ok(retries)
}

#[cron(schedule = "rate(1 hour)")]
pub async fn cleanup(_secrets: &HashMap<String, String>, _config: &Config) -> Result<(), tower::BoxError> {
    Ok(())
}
