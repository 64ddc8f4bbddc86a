package handlers_test

import (
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"steward/models/testdb"
	"steward/rules"
)

// BenchmarkGatePreview measures a preview over 100k customer accounts, read a thousand at a
// time.
// Run: STEWARD_TEST_POSTGRES_URL=… go test -run '^$' -bench GatePreview -benchtime 3x ./handlers/
func BenchmarkGatePreview(b *testing.B) {
	dbs := map[string]func(testing.TB) *gorm.DB{"sqlite": testdb.SQLite, "postgres": testdb.Postgres}
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			db := dbs[name](b)
			testdb.BulkCustomers(b, db, 100_000)
			c := newTestEnv(b, db).as(rules.RoleAdmin)
			form := url.Values{"domain": {"customer"}, "kind": {"format"}, "field": {"tax_id"}, "format": {"vat"}, "severity": {"block"}}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, body := c.do("POST", "/admin/validation/preview", form, map[string]string{"HX-Request": "true"}); !strings.Contains(body, "of 100,000 customers") {
					b.Fatal("no count in the preview")
				}
			}
		})
	}
}
