package edi_test

import (
	"context"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"steward/jobs/publish"
	"steward/models/testdb"
)

// BenchmarkPublish500Lines writes one interchange of 500 catalog lines per operation:
// control numbers taken, sets recorded, file synced and renamed.
func BenchmarkPublish500Lines(b *testing.B) {
	for name, open := range map[string]func(testing.TB) *gorm.DB{"sqlite": testdb.SQLite, "postgres": testdb.Postgres} {
		b.Run(name, func(b *testing.B) {
			r := newRig(b, open(b))
			items := make([]publish.Item, 500)
			for i := range items {
				items[i] = priceItem(b, int64(i+1), fmt.Sprintf("SKU-%05d", i), "Units", float64(i%50)+0.99, 0)
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := r.conn.Publish(context.Background(), items); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*len(items))/b.Elapsed().Seconds(), "lines/s")
		})
	}
}
