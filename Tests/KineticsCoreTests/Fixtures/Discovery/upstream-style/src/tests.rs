//! Compiled only for tests (`#[cfg(test)] mod tests;` in lib.rs).
#[kinetics::macros::endpoint(url_path = "/test-only")]
pub async fn fake() {}
