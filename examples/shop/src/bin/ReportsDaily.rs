//! Lambda entry point of `ReportsDaily`, the `#[cron]` function `shop::reports::daily`.
#![allow(non_snake_case)]

fn main() {
    shop::runtime::serve_cron(shop::reports::daily)
}
