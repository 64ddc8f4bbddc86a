package shopify_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"steward/jobs/publish"
	"steward/jobs/shopify"
	"steward/jobs/shopify/shopifytest"
)

// BenchmarkPublishProduct is the connector's own cost per productSet against the local test
// shop with a bucket that never runs dry (a real shop allows 100 points, 10 mutations, a
// second on the standard plan, and the client waits for that).
func BenchmarkPublishProduct(b *testing.B) {
	shop := shopifytest.New("tok")
	shop.MaxAvailable, shop.RestoreRate = 1e12, 1e12
	srv := httptest.NewServer(shop)
	defer srv.Close()
	conn := shopify.New(shopify.Config{BaseURL: srv.URL, Token: "tok", LocationID: shopifytest.LocationID, Timeout: 5 * time.Second})
	items := make([]publish.Item, 1000)
	for i := range items {
		items[i] = productItem(b, int64(i+1), fmt.Sprintf("SKU-%05d", i), "Tie", 1)
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, err := conn.Publish(context.Background(), items[i%len(items):i%len(items)+1]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "publications/s")
}
