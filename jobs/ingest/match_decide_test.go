package ingest

import (
	"slices"
	"testing"

	"steward/rules/match"
)

func TestDecideMatch(t *testing.T) {
	res := func(band match.Band, strong bool) match.Result {
		return match.Result{Band: band, StrongID: strong, Score: 0.5}
	}
	for _, tt := range []struct {
		name       string
		results    []match.Result
		inChannel  []int // results the channel already links under another id
		link       int
		candidates []int
	}{
		{"nothing close: a new record", nil, nil, -1, nil},
		{"match band and the VAT id or GTIN agrees: link", []match.Result{res(match.BandMatch, true)}, nil, 0, nil},
		{"match band on names and mailbox alone: a candidate, never a link", []match.Result{res(match.BandMatch, false)}, nil, -1, []int{0}},
		{"strong id in the review band: a candidate", []match.Result{res(match.BandReview, true)}, nil, -1, []int{0}},
		{"review band: a candidate", []match.Result{res(match.BandReview, false), res(match.BandReview, false)}, nil, -1, []int{0, 1}},
		{"best without a strong id, next with one: link the next",
			[]match.Result{res(match.BandMatch, false), res(match.BandMatch, true)}, nil, 1, nil},
		{"the channel has that record already under another id: both are its records, a steward decides",
			[]match.Result{res(match.BandMatch, true), res(match.BandReview, false)}, []int{0}, -1, []int{0, 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := decideMatch(tt.results, func(i int) bool { return slices.Contains(tt.inChannel, i) })
			if d.Link != tt.link || !slices.Equal(d.Candidates, tt.candidates) {
				t.Errorf("got link %d candidates %v, want %d %v", d.Link, d.Candidates, tt.link, tt.candidates)
			}
		})
	}
}
