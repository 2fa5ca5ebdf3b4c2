// Excluded from the workspace: never discovered.
#[endpoint(url_path = "/experimental")]
pub async fn try_it() {}
