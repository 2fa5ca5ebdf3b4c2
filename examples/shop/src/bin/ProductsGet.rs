//! Lambda entry point of `ProductsGet`, the `#[endpoint]` function `shop::products::get`.
#![allow(non_snake_case)]

fn main() {
    shop::runtime::serve_endpoint(shop::products::get)
}
