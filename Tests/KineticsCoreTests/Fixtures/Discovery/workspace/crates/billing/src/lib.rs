#[cron(schedule = "cron(0 6 1 * ? *)")]
pub async fn invoice() {}
