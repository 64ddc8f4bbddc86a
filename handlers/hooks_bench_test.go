package handlers_test

import (
	"fmt"
	"strings"
	"testing"

	"steward/models/testdb"
)

// BenchmarkShopifyHook measures one signed product delivery end to end (verify, map,
// ingest, record the delivery, audit) through the app: the time Shopify waits for an
// answer. Run with -benchtime=300x; STEWARD_TEST_POSTGRES_URL adds PostgreSQL.
func BenchmarkShopifyHook(b *testing.B) {
	run := func(b *testing.B, e *inboundEnv) {
		for i := 0; b.Loop(); i++ {
			body := strings.Replace(shopifyProductBody, `"sku":"PT-1001"`, fmt.Sprintf(`"sku":"PT-%d"`, i), 1)
			body = strings.Replace(body, "788032119674292922", fmt.Sprint(1000+i), 2)
			if res, out := e.shopifyHook("products/update", fmt.Sprint("b-", i), body, sign(body)); res.StatusCode != 200 {
				b.Fatalf("%d %s", res.StatusCode, out)
			}
		}
	}
	b.Run("sqlite", func(b *testing.B) { run(b, newInboundEnvTB(b, testdb.SQLite(b))) })
	b.Run("postgres", func(b *testing.B) { run(b, newInboundEnvTB(b, testdb.Postgres(b))) })
}
