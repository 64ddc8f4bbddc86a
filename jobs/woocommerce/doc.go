// Package woocommerce publishes golden records to a WooCommerce site through the REST API
// v3 (/wp-json/wc/v3) over HTTPS with basic auth: products, prices and stock in
// products/batch calls of at most 100 items with Woo's per-item errors, customers through
// /customers; it reads products and customers back page by page (X-WP-Total,
// X-WP-TotalPages) for reconciliation. wootest is a site speaking the same protocol for
// tests and the demo.
package woocommerce
