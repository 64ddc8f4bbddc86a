package match_test

import (
	"testing"

	"steward/rules/match"
	"steward/rules/match/synth"
)

func customers(b *testing.B, n int) []match.Entity {
	b.Helper()
	es := make([]match.Entity, 0, n)
	for c := range synth.Customers(7, n) {
		es = append(es, match.PrepareCustomer(c.Customer))
	}
	return es
}

// BenchmarkCompare measures one comparison of a candidate pair, the inner loop of a scan.
func BenchmarkCompare(b *testing.B) {
	es := customers(b, 5000)
	pairs := match.CandidatePairs(es, match.Options{})
	m := match.DefaultModel(match.Customers)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := pairs[i%len(pairs)]
		c := match.Compare(&es[p[0]], &es[p[1]])
		_ = m.Score(c)
	}
}

// BenchmarkPrepareCustomer measures normalising one record (phone parsing included).
func BenchmarkPrepareCustomer(b *testing.B) {
	var recs []match.Customer
	for c := range synth.Customers(7, 1000) {
		recs = append(recs, c.Customer)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = match.PrepareCustomer(recs[i%len(recs)])
	}
}

// BenchmarkDedupe20k measures a whole scan of 20,000 customers: blocking, comparing and
// scoring on all cores. Larger scans: go run ./cmd/matchbench -scale.
func BenchmarkDedupe20k(b *testing.B) {
	es := customers(b, 20000)
	m := match.DefaultModel(match.Customers)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		match.Dedupe(m, es, match.Options{MinScore: 0.4})
	}
}
