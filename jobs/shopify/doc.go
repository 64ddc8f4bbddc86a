// Package shopify publishes golden records to a Shopify shop through the Admin GraphQL API
// (version 2026-10) and reads the shop back for reconciliation: productSet upserts,
// productVariantsBulkUpdate prices, inventorySetQuantities with idempotency keys and
// customerSet, with the documents kept as .graphql files. The client keeps within the
// shop's query-cost bucket (extensions.cost.throttleStatus) and turns Shopify's errors into
// publish.Error classes. shopifytest is a shop speaking the same protocol for tests and the
// demo.
package shopify
