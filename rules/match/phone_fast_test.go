package match_test

import (
	"testing"

	"github.com/nyaruka/phonenumbers"

	"steward/rules/match"
	"steward/rules/match/synth"
)

// TestNormalizePhoneAgreesWithLibphonenumber checks NormalizePhone (which skips the
// parser for common shapes) against the parser on the generated numbers of every country
// the generator knows, in all their spellings.
func TestNormalizePhoneAgreesWithLibphonenumber(t *testing.T) {
	checked := 0
	for c := range synth.Customers(3, 5000) {
		region := match.NormalizeCountry(c.Country)
		if c.Phone == "" || len(region) != 2 {
			continue
		}
		n, err := phonenumbers.Parse(c.Phone, region)
		if err != nil || !phonenumbers.IsValidNumber(n) {
			continue // the parser keeps or drops a trunk 0 of an invalid number as it likes
		}
		checked++
		if got, want := match.NormalizePhone(c.Phone, region), phonenumbers.Format(n, phonenumbers.E164); got != want {
			t.Errorf("%q in %s: %s, libphonenumber says %s", c.Phone, region, got, want)
		}
	}
	if checked < 1000 {
		t.Errorf("only %d valid numbers checked", checked)
	}
}
