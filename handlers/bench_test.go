package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"gorm.io/gorm"

	"steward/jobs/ingest"
	"steward/models"
	"steward/models/testdb"
	"steward/rules"
)

// BenchmarkCustomersPage measures /customers end to end (session, policy check, query,
// templ rendering) with 100k customer accounts.
// Run: STEWARD_TEST_POSTGRES_URL=… go test -run '^$' -bench CustomersPage ./handlers/
func BenchmarkCustomersPage(b *testing.B) {
	dbs := map[string]func(testing.TB) *gorm.DB{"sqlite": testdb.SQLite, "postgres": testdb.Postgres}
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			db := dbs[name](b)
			testdb.BulkCustomers(b, db, 100_000)
			e := newTestEnv(b, db)
			c := e.as(rules.RoleViewer)
			for _, q := range []struct{ name, query string }{
				{"list", ""},
				{"search-name", "hansa elektro 7"},
				{"search-common-word", "gmbh"},
				{"search-tax-id", "DE100034993"},
				{"search-htmx", "harbor"},
			} {
				b.Run(q.name, func(b *testing.B) {
					path := "/customers?q=" + url.QueryEscape(q.query)
					header := map[string]string{}
					if q.name == "search-htmx" {
						header["HX-Request"] = "true"
					}
					for i := 0; i < b.N; i++ {
						if res, _ := c.do("GET", path, nil, header); res.StatusCode != http.StatusOK {
							b.Fatalf("status %d", res.StatusCode)
						}
					}
				})
			}
		})
	}
}

// BenchmarkInboxPage measures /inbox end to end with 100k waiting items: the page with its
// counts per reason, filters, a search, the HTMX fragment, an approval from the list and
// the dashboard.
// Run: STEWARD_TEST_POSTGRES_URL=… go test -run '^$' -bench InboxPage ./handlers/
func BenchmarkInboxPage(b *testing.B) {
	dbs := map[string]func(testing.TB) *gorm.DB{"sqlite": testdb.SQLite, "postgres": testdb.Postgres}
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			db := dbs[name](b)
			e := newTestEnv(b, db)
			seed := newInboxSeed(b, db)
			testdb.BulkInbox(b, db, 100_000, []int64{seed.shop.ID, seed.odoo.ID}, e.users[rules.RoleSteward].ID)
			if models.DialectOfDB(db) == models.Postgres {
				db.Exec("VACUUM ANALYZE inbox_items")
			} else {
				db.Exec("ANALYZE")
			}
			c := e.as(rules.RoleSteward)
			for _, q := range []struct{ name, path string }{
				{"list", "/inbox"},
				{"reason-and-domain", "/inbox?reason=validation&domain=customer"},
				{"assigned-to-me-newest", "/inbox?assignee=me&order=newest"},
				{"waiting-1-to-7-days", "/inbox?age=week"},
				{"search", "/inbox?q=" + url.QueryEscape("hansa safety")},
				{"search-htmx", "/inbox?q=elektro"},
				{"dashboard", "/"},
			} {
				b.Run(q.name, func(b *testing.B) {
					header := map[string]string{}
					if q.name == "search-htmx" {
						header["HX-Request"] = "true"
					}
					for i := 0; i < b.N; i++ {
						if res, _ := c.do("GET", q.path, nil, header); res.StatusCode != http.StatusOK {
							b.Fatalf("status %d", res.StatusCode)
						}
					}
				})
			}
			// Approving from the list: the held change, its audit and the new counts.
			b.Run("approve-from-list", func(b *testing.B) {
				items := seed.hold(b, changesOf(seed, b.N)...)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					form := url.Values{"version": {"1"}, "domain": {"product"}}
					res, _ := c.do("POST", fmt.Sprintf("/inbox/%d/approve", items[i].ID), form, map[string]string{"HX-Request": "true"})
					if res.StatusCode != http.StatusOK {
						b.Fatalf("status %d", res.StatusCode)
					}
				}
			})
		})
	}
}

func changesOf(seed *inboxSeed, n int) []ingest.Change {
	out := make([]ingest.Change, n)
	for i := range out {
		out[i] = seed.change("product")
	}
	return out
}
