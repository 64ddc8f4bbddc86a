package models_test

import (
	"testing"

	"gorm.io/gorm"

	"steward/models"
	"steward/models/testdb"
)

// BenchmarkCustomerSearch measures the store query behind /customers at 100k accounts.
// Run: STEWARD_TEST_POSTGRES_URL=… go test -run '^$' -bench CustomerSearch ./models/
func BenchmarkCustomerSearch(b *testing.B) {
	dbs := map[string]func(testing.TB) *gorm.DB{"sqlite": testdb.SQLite, "postgres": testdb.Postgres}
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			db := dbs[name](b)
			testdb.BulkCustomers(b, db, 100_000)
			if models.DialectOfDB(db) == models.Postgres {
				db.Exec("ANALYZE customers")
			}
			first, err := models.ListCustomers(db, models.CustomerFilter{})
			if err != nil {
				b.Fatal(err)
			}
			cases := []struct {
				name string
				f    models.CustomerFilter
			}{
				{"first-page", models.CustomerFilter{}},
				{"next-page", models.CustomerFilter{Page: models.PageRequest{After: first.Next}}},
				{"common-word", models.CustomerFilter{Query: "gmbh"}},
				{"two-words", models.CustomerFilter{Query: "hansa elektro"}},
				{"rare-name", models.CustomerFilter{Query: "harbor tools 7"}},
				{"tax-id", models.CustomerFilter{Query: "DE100034993"}},
				{"no-match", models.CustomerFilter{Query: "zzzz"}},
				{"country-filter", models.CustomerFilter{Country: "FR", Active: "active"}},
			}
			for _, c := range cases {
				b.Run(c.name, func(b *testing.B) {
					for i := 0; i < b.N; i++ {
						if _, err := models.ListCustomers(db, c.f); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
