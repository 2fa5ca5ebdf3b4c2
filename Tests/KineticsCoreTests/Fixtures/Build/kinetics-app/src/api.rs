use http::{Request, Response};
use kinetics::macros::endpoint;
use kinetics::tools::config::Config;
use kinetics::tools::http::Body;
use std::collections::HashMap;

#[endpoint(url_path = "/hello/{name}", methods = ["GET"])]
pub async fn hello(
    _event: Request<Body>,
    _secrets: &HashMap<String, String>,
    _config: &Config,
) -> Result<Response<String>, tower::BoxError> {
    Ok(Response::builder().status(200).body("hello".into())?)
}
