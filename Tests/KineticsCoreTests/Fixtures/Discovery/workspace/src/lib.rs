#[endpoint(url_path = "/health", methods = ["GET"])]
pub async fn health() {}
