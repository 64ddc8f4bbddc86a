// Package odoo is Steward's connector to Odoo, the ERP that owns most master data. It
// speaks both of Odoo's external APIs — JSON-RPC (/jsonrpc, execute_kw; Odoo 14 to 19) and
// JSON-2 (/json/2/<model>/<method> with a bearer API key; Odoo 19 on) — and gives:
//
//   - Client: Version, Authenticate, SearchRead, Search, SearchCount, Read, Create, Write,
//     FieldsGet and Call, each returning *Error on failure, with a Kind, the Python
//     exception name and a sentence for data stewards (Error.StewardMessage);
//   - Pull and PullProducts: incremental, write_date-based pulls that terminate and miss
//     nothing when thousands of rows share one second, re-read an overlap window for late
//     commits, and include archived records; the Cursor they return is stored by the caller;
//   - Record: typed accessors for Odoo's value shapes (false for empty, [id, "name"] for
//     many2one, float prices, naive UTC datetimes);
//   - Map* functions: Odoo records to Steward's canonical models, with external ids and
//     Odoo references kept beside them, money converted exactly (MoneyFromFloat).
//
// The package does no database work and no retries: jobs run under a durable queue that
// retries what IsTransient says is worth retrying. The sub-package odootest is an in-memory
// Odoo for tests and demos.
package odoo
