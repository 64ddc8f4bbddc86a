package odoo

import (
	"sync"
	"testing"

	"steward/jobs/odoo/odootest"
)

var (
	benchOnce sync.Once
	benchSrv  *odootest.Server
)

// benchServer holds 100k products (with templates, quants and price rules), seeded once per
// test binary; it lives until the process ends.
func benchServer(b *testing.B) *odootest.Server {
	benchOnce.Do(func() {
		benchSrv = odootest.New(odootest.Options{Version: "19.0", Database: "steward", APIKey: testKey, Password: testPassword})
		benchSrv.SeedWith(odootest.SeedOptions{Products: 100_000})
	})
	return benchSrv
}

// BenchmarkPull pulls all 100k products through the client from the test server, in pages of
// 1000, and reports records per second (client and server share the machine's cores).
func BenchmarkPull(b *testing.B) {
	s := benchServer(b)
	for _, protocol := range protocols {
		for _, mapped := range []bool{false, true} {
			name := protocol
			if mapped {
				name += "+map"
			}
			b.Run(name, func(b *testing.B) {
				c := clientFor(s, protocol)
				total := 0
				for b.Loop() {
					n := 0
					_, err := c.Pull(bg, "product.product", nil, Cursor{}, PullOptions{}, func(recs []Record) error {
						n += len(recs)
						if mapped {
							for _, r := range recs {
								if _, err := MapProduct(r, nil); err != nil {
									return err
								}
							}
						}
						return nil
					})
					if err != nil || n != 100_000 {
						b.Fatalf("pulled %d: %v", n, err)
					}
					total += n
				}
				b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "records/s")
			})
		}
	}
}
