// Package odootest is an Odoo server in memory, for tests, benchmarks and demos. It answers
// Odoo's external APIs the way real Odoo 16–19 servers do, checked field by field against
// exchanges recorded from unmodified servers (see recordings_test.go):
//
//   - JSON-RPC at /jsonrpc: common.version, common.authenticate (password or API key),
//     object.execute_kw; errors in the envelope with HTTP 200 and the Python exception in
//     error.data.name, error.code 200 before Odoo 19 and 0 from 19 on;
//   - JSON-2 at POST /json/2/<model>/<method> (Version "19.0" and later): bearer API key,
//     X-Odoo-Database, bare results, real statuses (400, 401, 403, 404, 422, 500) with a flat
//     error object, and Odoo's HTML 404 page for a database it does not have.
//
// The models are those Steward reads and writes: product.product (with its template's fields
// delegated, as in Odoo), product.template, product.category, uom.uom, account.tax,
// res.partner (companies, contacts, addresses), res.country, product.pricelist and its items,
// stock.location, stock.quant, and the few they point to. Methods: search_read, search,
// search_count, read, create, write, unlink and fields_get, with Odoo's domains (prefix
// operators, dotted paths, comparison, in, like/ilike families), orders, limit/offset,
// active_test, default orders and display names.
//
// write_date behaves as on PostgreSQL: stored to the microsecond, returned cut to whole
// seconds, compared to the microsecond in domains, and set to the start of the transaction.
// Tests control that with SetClock/Advance and with transactions (Begin, BeginAt, Tx.Commit)
// that stamp many rows at once or publish rows late with an older stamp.
//
// Seed and SeedWith fill the database with a deterministic distributor catalogue and
// customer base; 100k products and 100k customers fit in memory, and a page of 1,000 bounded
// by id or write_date costs about what it returns.
package odootest
