//! The product catalogue, read-only over HTTPS.

use crate::catalog;
use crate::http::{Request, Response};
use shop_macros::endpoint;

/// `GET /products`: every product, cheapest first.
#[endpoint(url_path = "/products", methods = ["GET"])]
pub fn list(_request: &Request) -> Response {
    let mut products: Vec<_> = catalog::PRODUCTS.iter().collect();
    products.sort_by_key(|p| p.price_cents);
    let items: Vec<String> = products.iter().map(|p| p.to_json()).collect();
    Response::json(200, format!("{{\"currency\":\"{}\",\"products\":[{}]}}", catalog::currency(), items.join(",")))
}

/// `GET /products/{id}`: one product, or 404.
#[endpoint(url_path = "/products/{id}", methods = ["GET"])]
pub fn get(request: &Request) -> Response {
    let id = request.path_segment(1).unwrap_or_default();
    match catalog::find(&id) {
        Some(product) => Response::json(200, product.to_json()),
        None => Response::error(404, &format!("no product with id {id}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_finds_a_product_by_its_path_id() {
        let response = get(&Request::new("GET", "/products/mug", ""));
        assert_eq!(response.status, 200);
        assert!(response.body.contains("\"id\":\"mug\""));
    }

    #[test]
    fn get_answers_404_for_an_unknown_id() {
        assert_eq!(get(&Request::new("GET", "/products/nope", "")).status, 404);
    }
}
