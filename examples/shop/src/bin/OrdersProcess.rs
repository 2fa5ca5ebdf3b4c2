//! Lambda entry point of `OrdersProcess`, the `#[worker]` function `shop::orders::process`.
#![allow(non_snake_case)]

fn main() {
    shop::runtime::serve_worker(shop::orders::process)
}
