#[worker(concurrency = 2)]
pub async fn send_email() {}
