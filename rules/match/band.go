package match

import (
	"fmt"
	"strings"
)

// Band is what happens to a scored pair.
type Band string

// The three bands. The words are the dedupe command's decision column.
const (
	BandMatch  Band = "match"  // link to the existing record
	BandReview Band = "review" // a duplicate candidate a steward decides
	BandNew    Band = "new"    // a record of its own
)

// Thresholds split match probabilities into bands: at least Match links, at least Review
// goes to review, anything lower is new. Admins set them per domain.
type Thresholds struct {
	Match  float64 `json:"match"`
	Review float64 `json:"review"`
}

// DefaultThresholds are the thresholds a domain starts with. Linking without a person
// must be nearly certain (precision 0.999 on the customer test split); review catches
// pairs that are more likely than not, and a margin below, because a steward's minute is
// cheaper than a duplicate. Both domains start alike; admins tune each on their data with
// PreviewThresholds.
func DefaultThresholds(Domain) Thresholds {
	return Thresholds{Match: 0.95, Review: 0.4}
}

// Check says what is wrong with thresholds an admin proposes, in words for the form.
func (t Thresholds) Check() error {
	switch {
	case t.Review < 0 || t.Match > 1:
		return fmt.Errorf("thresholds are probabilities between 0 and 1")
	case t.Review > t.Match:
		return fmt.Errorf("the review threshold (%.2f) must not be above the match threshold (%.2f)", t.Review, t.Match)
	}
	return nil
}

// Band puts a match probability into its band.
func (t Thresholds) Band(score float64) Band {
	switch {
	case score >= t.Match:
		return BandMatch
	case score >= t.Review:
		return BandReview
	}
	return BandNew
}

// Preview counts what thresholds would do to a set of scored pairs, and how that differs
// from the thresholds in force.
type Preview struct {
	Match, Review, New int // pairs in each band under the proposed thresholds
	MoreMatch          int // change against the current thresholds (negative: fewer)
	MoreReview         int
	MoreNew            int
}

// PreviewThresholds says what proposed thresholds would change for pairs with the given
// scores, before an admin saves them.
func PreviewThresholds(scores []float64, current, proposed Thresholds) Preview {
	var p Preview
	for _, s := range scores {
		before, after := current.Band(s), proposed.Band(s)
		switch after {
		case BandMatch:
			p.Match++
		case BandReview:
			p.Review++
		default:
			p.New++
		}
		if before == after {
			continue
		}
		p.add(before, -1)
		p.add(after, +1)
	}
	return p
}

func (p *Preview) add(b Band, n int) {
	switch b {
	case BandMatch:
		p.MoreMatch += n
	case BandReview:
		p.MoreReview += n
	default:
		p.MoreNew += n
	}
}

// String says the change in words: "would link 12 more, send 3 fewer to review and treat
// 9 fewer as new".
func (p Preview) String() string {
	var parts []string
	if p.MoreMatch != 0 {
		parts = append(parts, "link "+moreOrFewer(p.MoreMatch))
	}
	if p.MoreReview != 0 {
		parts = append(parts, "send "+moreOrFewer(p.MoreReview)+" to review")
	}
	if p.MoreNew != 0 {
		parts = append(parts, "treat "+moreOrFewer(p.MoreNew)+" as new")
	}
	switch len(parts) {
	case 0:
		return "would change nothing"
	case 1:
		return "would " + parts[0]
	}
	return "would " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func moreOrFewer(n int) string {
	if n > 0 {
		return fmt.Sprintf("%d more", n)
	}
	return fmt.Sprintf("%d fewer", -n)
}
