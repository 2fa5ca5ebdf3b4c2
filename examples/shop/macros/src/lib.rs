//! `#[endpoint]`, `#[worker]` and `#[cron]` mark the functions of a Kinetics project. The deploy tool reads
//! them from the source; at compile time they return the function unchanged.

use proc_macro::TokenStream;

/// An HTTPS endpoint: `#[endpoint(url_path = "/path/{param}", methods = ["GET"])]`.
#[proc_macro_attribute]
pub fn endpoint(_attr: TokenStream, item: TokenStream) -> TokenStream {
    item
}

/// A queue worker: `#[worker(concurrency = 2, batch_size = 5, fifo = false)]`.
#[proc_macro_attribute]
pub fn worker(_attr: TokenStream, item: TokenStream) -> TokenStream {
    item
}

/// A scheduled function: `#[cron(schedule = "rate(1 day)")]`.
#[proc_macro_attribute]
pub fn cron(_attr: TokenStream, item: TokenStream) -> TokenStream {
    item
}
