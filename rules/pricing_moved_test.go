package rules_test

import (
	"testing"

	"steward/models"
	"steward/rules"
)

func TestPriceMoved(t *testing.T) {
	for _, c := range []struct {
		name               string
		hasOld, hasCurrent bool
		old, current       models.Money
		want               bool
	}{
		{"same price", true, true, 100000, 100000, false},
		{"moved up", true, true, 100000, 105000, true},
		{"moved down by the smallest unit", true, true, 100000, 99999, true},
		{"new price, none before", false, true, 0, 105000, false},
		{"the rule is gone", true, false, 100000, 0, false},
	} {
		if got := rules.PriceMoved(c.hasOld, c.old, c.hasCurrent, c.current); got != c.want {
			t.Errorf("%s: moved %v, want %v", c.name, got, c.want)
		}
	}
}

func TestPriceMovedAfterApprovalMessage(t *testing.T) {
	got := rules.PriceMovedAfterApprovalMessage(100000, 105000, "EUR")
	want := "Not applied: the price moved from EUR 10.00 to EUR 10.50 after approval, so policy's judgement of this change no longer holds; propose again from the current price."
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
