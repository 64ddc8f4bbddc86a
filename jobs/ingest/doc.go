// Package ingest turns changes from any source (an Odoo pull, a CSV file, a webhook, the
// API) into incoming records and then into golden records or inbox items. A change is stored
// once however often it is seen, is applied only when its source owns what it changes and it
// passes the validation gates, and otherwise waits for a person with its reasons. When the
// person decides (Decide, DecideAll), the held change is applied through the same path as
// an automatic one, with the steward as its author and their fixes beside the source's values.
package ingest
