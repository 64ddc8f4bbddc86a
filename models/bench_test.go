package models_test

import (
	"fmt"
	"testing"
	"time"

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

// BenchmarkInboxList measures the store queries behind /inbox at 100k waiting items: one
// page with the counts per reason, for each filter the list offers.
// Run: STEWARD_TEST_POSTGRES_URL=… go test -run '^$' -bench InboxList ./models/
func BenchmarkInboxList(b *testing.B) {
	dbs := map[string]func(testing.TB) *gorm.DB{"sqlite": testdb.SQLite, "postgres": testdb.Postgres}
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			db := dbs[name](b)
			chans := make([]int64, 3)
			for i := range chans {
				ch := models.Channel{Name: fmt.Sprint("Shop ", i), Kind: models.ChannelShopify, Direction: models.DirectionBoth, Active: true}
				if err := models.CreateChannel(db, &ch); err != nil {
					b.Fatal(err)
				}
				chans[i] = ch.ID
			}
			me := models.User{Email: "sam@example.com", PasswordHash: "x", Active: true}
			if err := models.CreateUser(db, &me); err != nil {
				b.Fatal(err)
			}
			testdb.BulkInbox(b, db, 100_000, chans, me.ID)
			if models.DialectOfDB(db) == models.Postgres {
				db.Exec("VACUUM ANALYZE inbox_items")
			} else {
				db.Exec("ANALYZE")
			}
			now := time.Now().UTC()
			first, err := models.ListInbox(db, models.InboxFilter{Now: now})
			if err != nil {
				b.Fatal(err)
			}
			cases := []struct {
				name string
				f    models.InboxFilter
			}{
				{"first-page", models.InboxFilter{}},
				{"next-page", models.InboxFilter{Page: models.PageRequest{After: first.Next}}},
				{"newest-first", models.InboxFilter{Newest: true}},
				{"reason", models.InboxFilter{Reason: models.ReasonValidation}},
				{"domain", models.InboxFilter{Domain: "price"}},
				{"channel", models.InboxFilter{ChannelID: chans[1]}},
				{"assigned-to-me", models.InboxFilter{Assignee: models.AssigneeMe, Me: me.ID}},
				{"nobody-oldest-product", models.InboxFilter{Assignee: models.AssigneeNobody, Domain: "product"}},
				{"age-1-to-7-days", models.InboxFilter{Age: models.AgeWeek}},
				{"age-and-reason-newest", models.InboxFilter{Age: models.AgeMonth, Reason: models.ReasonOwnership, Newest: true}},
				{"search-common-word", models.InboxFilter{Query: "elektro"}},
				{"search-two-words", models.InboxFilter{Query: "hansa safety"}},
				{"search-external-id", models.InboxFilter{Query: "gid://shop/154321"}},
				{"search-no-match", models.InboxFilter{Query: "zzzz"}},
			}
			for _, c := range cases {
				c.f.Now = now
				b.Run(c.name, func(b *testing.B) {
					for i := 0; i < b.N; i++ {
						if _, err := models.ListInbox(db, c.f); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			b.Run("dashboard-summary", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := models.SummarizeInbox(db, now.Truncate(24*time.Hour)); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("bulk-count-all", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := models.CountInbox(db, models.InboxFilter{Domains: []string{"product", "customer"}, Now: now}); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
