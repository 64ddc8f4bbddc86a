package match

import (
	"cmp"
	"slices"
)

// Result is one candidate for an incoming record, scored and banded.
type Result struct {
	Index       int // into the candidates given to Rank
	Score       float64
	Band        Band
	StrongID    bool // a strong id (VAT id, GTIN) agreed exactly, which linking may require
	Explanation Explanation
}

// Rank scores one incoming entity against candidates (found, say, through BlockingKeys in
// a database) and returns those in the review or match band, best first, each explained.
func (m *Model) Rank(in *Entity, candidates []Entity, t Thresholds) []Result {
	var out []Result
	s := schemaOf(m.Domain)
	for k := range candidates {
		c := Compare(in, &candidates[k])
		score := m.Score(c)
		b := t.Band(score)
		if b == BandNew {
			continue
		}
		strong := false
		for i, f := range s.fields {
			if f.strong && c.Level(i) == 0 {
				strong = true
			}
		}
		out = append(out, Result{Index: k, Score: score, Band: b, StrongID: strong, Explanation: m.Explain(in, &candidates[k])})
	}
	slices.SortStableFunc(out, func(x, y Result) int { return cmp.Compare(y.Score, x.Score) })
	return out
}
