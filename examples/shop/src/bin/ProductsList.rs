//! Lambda entry point of `ProductsList`, the `#[endpoint]` function `shop::products::list`.
#![allow(non_snake_case)]

fn main() {
    shop::runtime::serve_endpoint(shop::products::list)
}
