// Package csvsource reads products and customers from CSV files with Steward's canonical
// column names (those `steward export` writes) and turns each row into an incoming change.
// A file is a source like any other: its rows go through the same ownership rules, gates
// and idempotency as an Odoo pull.
package csvsource
