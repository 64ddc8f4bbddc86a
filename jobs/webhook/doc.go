// Package webhook publishes golden records to a generic signed JSON webhook (a B2B portal,
// a 3PL): one POST per record, the raw body signed with HMAC-SHA256 under a shared secret
// (X-Steward-Signature: sha256=<hex>), a timestamp the receiver checks for freshness and an
// Idempotency-Key the receiver uses to drop redeliveries. webhooktest is a receiver that
// checks all three, for tests and serve --demo.
package webhook
