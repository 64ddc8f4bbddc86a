package handlers_test

import (
	"net/http"
	"net/url"
	"testing"

	"gorm.io/gorm"

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
