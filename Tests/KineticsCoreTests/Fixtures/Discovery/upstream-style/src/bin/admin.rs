//! A binary of the crate: functions here cannot be imported by a generated entry point.
#[kinetics::macros::endpoint(url_path = "/admin")]
pub async fn cli() {}

fn main() {}
