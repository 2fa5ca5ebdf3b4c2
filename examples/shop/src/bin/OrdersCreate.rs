//! Lambda entry point of `OrdersCreate`, the `#[endpoint]` function `shop::orders::create`.
#![allow(non_snake_case)]

fn main() {
    shop::runtime::serve_endpoint(shop::orders::create)
}
