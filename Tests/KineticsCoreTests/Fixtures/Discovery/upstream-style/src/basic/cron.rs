use kinetics::macros::cron;
use kinetics::tools::config::Config as KineticsConfig;
use std::collections::HashMap;

/// Runs every hour.
#[cron(schedule = "rate(1 hour)")]
pub async fn cron(
    _secrets: &HashMap<String, String>,
    _config: &KineticsConfig,
) -> Result<(), tower::BoxError> {
    println!("Started cron job");
    Ok(())
}
