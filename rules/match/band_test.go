package match

import "testing"

func TestBand(t *testing.T) {
	th := Thresholds{Match: 0.9, Review: 0.5}
	for score, want := range map[float64]Band{1: BandMatch, 0.9: BandMatch, 0.8999: BandReview, 0.5: BandReview, 0.4999: BandNew, 0: BandNew} {
		if got := th.Band(score); got != want {
			t.Errorf("Band(%v) = %s, want %s", score, got, want)
		}
	}
	for _, d := range []Domain{Customers, Products} {
		if err := DefaultThresholds(d).Check(); err != nil {
			t.Errorf("default %s thresholds: %v", d, err)
		}
	}
}

func TestThresholdsCheck(t *testing.T) {
	for _, c := range []struct {
		th   Thresholds
		want string
	}{
		{Thresholds{Match: 0.9, Review: 0.5}, ""},
		{Thresholds{Match: 0.5, Review: 0.5}, ""}, // no review band at all is a choice
		{Thresholds{Match: 0.5, Review: 0.9}, "the review threshold (0.90) must not be above the match threshold (0.50)"},
		{Thresholds{Match: 1.2, Review: 0.5}, "thresholds are probabilities between 0 and 1"},
		{Thresholds{Match: 0.9, Review: -0.1}, "thresholds are probabilities between 0 and 1"},
	} {
		got := ""
		if err := c.th.Check(); err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%+v: %q, want %q", c.th, got, c.want)
		}
	}
}

func TestPreviewThresholds(t *testing.T) {
	scores := []float64{0.99, 0.97, 0.93, 0.91, 0.85, 0.6, 0.45, 0.3, 0.1}
	current := Thresholds{Match: 0.95, Review: 0.5}
	for _, c := range []struct {
		name     string
		proposed Thresholds
		want     Preview
		says     string
	}{
		{"same thresholds", current, Preview{Match: 2, Review: 4, New: 3}, "would change nothing"},
		{"link earlier", Thresholds{Match: 0.9, Review: 0.5},
			Preview{Match: 4, Review: 2, New: 3, MoreMatch: 2, MoreReview: -2}, "would link 2 more and send 2 fewer to review"},
		{"review more", Thresholds{Match: 0.95, Review: 0.2},
			Preview{Match: 2, Review: 6, New: 1, MoreReview: 2, MoreNew: -2}, "would send 2 more to review and treat 2 fewer as new"},
		{"stricter all round", Thresholds{Match: 0.98, Review: 0.9},
			Preview{Match: 1, Review: 3, New: 5, MoreMatch: -1, MoreReview: -1, MoreNew: 2}, "would link 1 fewer, send 1 fewer to review and treat 2 more as new"},
	} {
		got := PreviewThresholds(scores, current, c.proposed)
		if got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
		if s := got.String(); s != c.says {
			t.Errorf("%s: %q, want %q", c.name, s, c.says)
		}
	}
}
