use kinetics::macros::worker;
use kinetics::tools::config::Config as KineticsConfig;
use kinetics::tools::queue::{Record as QueueRecord, Retries as QueueRetries};
use std::collections::HashMap;

/// Retries the first record.
#[worker(fifo = true, batch_size = 2)]
pub async fn worker(
    records: Vec<QueueRecord>,
    _secrets: &HashMap<String, String>,
    _config: &KineticsConfig,
) -> Result<QueueRetries, tower::BoxError> {
    let mut retries = QueueRetries::new();
    if let Some(record) = records.first() {
        retries.add(&record.message_id);
    }
    Ok(retries)
}
