//! Orders: taken over HTTPS, then processed from a queue.

use crate::catalog;
use crate::http::{Request, Response};
use crate::json::{self, Value};
use crate::runtime::{QueueRecord, Retries};
use shop_macros::{endpoint, worker};

/// `POST /orders` with `{"product": "mug", "quantity": 2}`: checks the order and accepts it.
#[endpoint(url_path = "/orders", methods = ["POST"])]
pub fn create(request: &Request) -> Response {
    let order = match Order::parse(&request.body) {
        Ok(order) => order,
        Err(message) => return Response::error(400, &message),
    };
    let total = order.total_cents();
    Response::json(
        201,
        format!(
            "{{\"order\":\"{}\",\"product\":\"{}\",\"quantity\":{},\"total_cents\":{},\"currency\":\"{}\"}}",
            order.id(),
            json::escape(&order.product),
            order.quantity,
            total,
            catalog::currency()
        ),
    )
}

/// Processes queued orders, up to five at a time on two concurrent workers. A record that cannot be
/// processed is retried alone; the rest of the batch is done.
#[worker(concurrency = 2, batch_size = 5)]
pub fn process(records: &[QueueRecord]) -> Retries {
    let mut retries = Retries::default();
    for record in records {
        match Order::parse(&record.body) {
            Ok(order) => eprintln!("order {} processed: {} x {}", order.id(), order.quantity, order.product),
            Err(message) => {
                eprintln!("order in message {} failed: {message}", record.message_id);
                retries.add(&record.message_id);
            }
        }
    }
    retries
}

/// An order as a customer sends it.
#[derive(Debug, PartialEq)]
pub struct Order {
    pub product: String,
    pub quantity: u64,
}

impl Order {
    pub fn parse(body: &str) -> Result<Order, String> {
        let value = json::parse(body).map_err(|e| format!("the order is not valid JSON: {e}"))?;
        let product = value.get("product").and_then(Value::as_str).ok_or("the order needs a \"product\"")?;
        if catalog::find(product).is_none() {
            return Err(format!("no product with id {product}"));
        }
        let quantity = match value.get("quantity") {
            None => 1,
            Some(q) => q.as_u64().filter(|q| (1..=100).contains(q)).ok_or("\"quantity\" must be 1 to 100")?,
        };
        Ok(Order { product: product.to_string(), quantity })
    }

    pub fn total_cents(&self) -> u64 {
        catalog::find(&self.product).map_or(0, |p| p.price_cents * self.quantity)
    }

    /// A short id derived from the order itself, so a retried request gets the same id.
    pub fn id(&self) -> String {
        let mut hash: u64 = 0xcbf29ce484222325;
        for byte in self.product.bytes().chain(self.quantity.to_le_bytes()) {
            hash = (hash ^ byte as u64).wrapping_mul(0x100000001b3);
        }
        format!("o-{:08x}", hash as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_accepts_a_valid_order() {
        let response = create(&Request::new("POST", "/orders", r#"{"product":"mug","quantity":2}"#));
        assert_eq!(response.status, 201);
        assert!(response.body.contains("\"total_cents\":2400"));
    }

    #[test]
    fn create_rejects_an_unknown_product() {
        assert_eq!(create(&Request::new("POST", "/orders", r#"{"product":"car"}"#)).status, 400);
    }

    #[test]
    fn process_retries_only_the_bad_records() {
        let records = vec![
            QueueRecord { message_id: "1".into(), body: r#"{"product":"mug"}"#.into() },
            QueueRecord { message_id: "2".into(), body: "not json".into() },
        ];
        assert_eq!(process(&records).failed_ids(), vec!["2".to_string()]);
    }
}
