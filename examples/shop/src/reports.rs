//! A daily report of the catalogue.

use crate::catalog;
use shop_macros::cron;

/// Once a day: logs how many products there are and what the catalogue is worth.
#[cron(schedule = "rate(1 day)")]
pub fn daily() -> Result<(), String> {
    let value: u64 = catalog::PRODUCTS.iter().map(|p| p.price_cents).sum();
    eprintln!("daily report: {} products, {} cents in {}", catalog::PRODUCTS.len(), value, catalog::currency());
    Ok(())
}
