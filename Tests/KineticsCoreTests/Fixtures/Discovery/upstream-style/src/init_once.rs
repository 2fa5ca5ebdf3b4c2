use std::sync::OnceLock;

static STARTED: OnceLock<u64> = OnceLock::new();

/// Every night at 03:00 UTC.
#[kinetics::macros::cron(schedule = "cron(0 3 * * ? *)")]
pub async fn init_once(
    _secrets: &std::collections::HashMap<String, String>,
    _config: &kinetics::tools::config::Config,
) -> Result<(), tower::BoxError> {
    STARTED.get_or_init(|| 1);
    Ok(())
}
