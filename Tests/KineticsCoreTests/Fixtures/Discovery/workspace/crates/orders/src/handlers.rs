#[endpoint(url_path = "/orders", methods = ["POST"])]
pub async fn create() {}

#[worker(concurrency = 5)]
pub async fn fulfil() {}
