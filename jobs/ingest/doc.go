// Package ingest turns changes from any source (an Odoo pull, a CSV file, a webhook, the
// API) into incoming records and then into golden records or inbox items. A change is stored
// once however often it is seen, is applied only when its source owns what it changes and it
// passes the validation gates, and otherwise waits for a person with its reasons.
package ingest
