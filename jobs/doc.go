// Package jobs holds Steward's background work: the durable queue (River) with its workers
// and schedules, and, in sub-packages, the ingestion path and the channel connectors.
package jobs
