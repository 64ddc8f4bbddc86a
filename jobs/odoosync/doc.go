// Package odoosync pulls products, customers, prices and stock from an Odoo channel through
// the connector in jobs/odoo and hands them to ingestion as canonical changes: the glue
// between Odoo's records and Steward's incoming records.
package odoosync
