//! A small shop on Kinetics: read the functions in `products.rs`, `orders.rs` and `reports.rs`.
//!
//! Each function carries an attribute that tells the deploy tool what it is — an HTTPS endpoint, a queue
//! worker or a scheduled job — and gets its own Lambda function. `src/bin/<Name>.rs` is the entry point
//! of each: it hands the function to the Lambda runtime loop in `runtime.rs`, written with std only.

pub mod catalog;
pub mod http;
pub mod json;
pub mod orders;
pub mod products;
pub mod reports;
pub mod runtime;
