//! The products on sale. A real shop keeps them in the `products` table.

use crate::json;

pub struct Product {
    pub id: &'static str,
    pub name: &'static str,
    pub price_cents: u64,
}

impl Product {
    pub fn to_json(&self) -> String {
        format!(
            "{{\"id\":\"{}\",\"name\":\"{}\",\"price_cents\":{}}}",
            json::escape(self.id),
            json::escape(self.name),
            self.price_cents
        )
    }
}

pub const PRODUCTS: &[Product] = &[
    Product { id: "mug", name: "Rust mug", price_cents: 1200 },
    Product { id: "tee", name: "Ferris T-shirt", price_cents: 2500 },
    Product { id: "sticker", name: "Crab sticker", price_cents: 300 },
];

pub fn find(id: &str) -> Option<&'static Product> {
    PRODUCTS.iter().find(|p| p.id == id)
}

/// `CURRENCY` from `.env`, deployed as an environment variable of every function.
pub fn currency() -> String {
    std::env::var("CURRENCY").unwrap_or_else(|_| "EUR".to_string())
}
