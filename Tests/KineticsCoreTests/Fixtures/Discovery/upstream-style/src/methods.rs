pub struct Service;

impl Service {
    /// Methods are not deployed.
    #[kinetics::macros::endpoint(url_path = "/service")]
    pub async fn handle(&self) {}
}
