package woocommerce_test

import (
	"context"
	"fmt"
	"testing"

	"steward/jobs/publish"
)

// BenchmarkPublishBatch100 sends 100 product updates per operation (one SKU lookup, one
// products/batch call) to the local test site.
func BenchmarkPublishBatch100(b *testing.B) {
	_, conn := newRig(b)
	items := make([]publish.Item, 100)
	for i := range items {
		items[i] = item(b, int64(i+1), productRec(fmt.Sprintf("SKU-%03d", i), "Tie", 1))
	}
	if _, err := conn.Publish(context.Background(), items); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := conn.Publish(context.Background(), items); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(items))/b.Elapsed().Seconds(), "products/s")
}
