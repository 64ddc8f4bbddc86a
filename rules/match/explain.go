package match

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Explanation says why a pair scored what it did: the probability, the total weight, and
// one reason per compared field.
type Explanation struct {
	Score   float64  // calibrated match probability
	Bits    float64  // total Fellegi–Sunter weight, before the model's prior (Model.Offset)
	Reasons []Reason // strongest evidence for first, then against, then fields not compared
}

// Reason is what one field contributed.
type Reason struct {
	Field      string  // column name: "tax_id"
	Level      string  // agreement level: "exact", "close", "different", "missing"
	Similarity float64 // the comparator's value, or -1 when a side had no value
	Weight     float64 // bits for (+) or against (−) a match; 0 when not compared
	Text       string  // the reason in words, with the weight: "same VAT id DE811907980 (+9.1)"
}

// Agrees says whether the field speaks for a match.
func (r Reason) Agrees() bool { return r.Weight > 0 }

// Explain compares a and b and says why they score what they do.
func (m *Model) Explain(a, b *Entity) Explanation {
	c := Compare(a, b)
	s := schemaOf(m.Domain)
	e := Explanation{}
	for i := range s.fields {
		f := &s.fields[i]
		o := c.outcomes[i]
		if o.level != missingLevel && o.sim < 0 && f.slot >= 0 {
			// Compare skips similarities its level did not need; a person wants to see them.
			o.sim = float32(JaroWinkler(a.norm.get(f.slot), b.norm.get(f.slot)))
		}
		r := Reason{Field: f.name, Similarity: float64(o.sim), Level: "missing"}
		if o.level == missingLevel {
			r.Similarity = -1
			r.Text = fmt.Sprintf("no %s to compare (%s)", f.label, formatBits(0))
		} else {
			r.Level = f.levels[o.level]
			r.Weight = m.Weight(i, int(o.level))
			r.Text = fmt.Sprintf("%s (%s)", f.say(f, a, b, o), formatBits(r.Weight))
		}
		e.Bits += r.Weight
		e.Reasons = append(e.Reasons, r)
	}
	e.Score = m.Probability(e.Bits)
	slices.SortStableFunc(e.Reasons, func(x, y Reason) int { return rank(x) - rank(y) })
	return e
}

// rank orders reasons: for a match strongest first, then against strongest first, then
// the fields not compared, each group in field order (the sort is stable).
func rank(r Reason) int {
	tenths := int(math.Round(math.Abs(r.Weight) * 10))
	switch {
	case r.Level == "missing":
		return 2_000_000
	case r.Weight >= 0:
		return -tenths
	}
	return 1_000_000 - tenths
}

// String is the explanation as a person reads it, one reason a line.
func (e Explanation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "match probability %.4f from %s bits of evidence\n", e.Score, formatBits(e.Bits))
	for _, r := range e.Reasons {
		mark := "+"
		switch {
		case r.Level == "missing":
			mark = "·"
		case r.Weight < 0:
			mark = "−"
		}
		fmt.Fprintf(&b, "  %s %s\n", mark, r.Text)
	}
	return b.String()
}

// Short is the explanation on one line, for a CSV column.
func (e Explanation) Short() string {
	var parts []string
	for _, r := range e.Reasons {
		if r.Level != "missing" {
			parts = append(parts, r.Text)
		}
	}
	return strings.Join(parts, "; ")
}

// formatBits writes a weight with its sign, a true minus and one decimal: "+4.2", "−2.3".
func formatBits(w float64) string {
	s := fmt.Sprintf("%+.1f", w)
	switch s {
	case "+0.0", "-0.0":
		return "0.0"
	}
	return strings.Replace(s, "-", "−", 1)
}

func quoted(s string) string { return "'" + s + "'" }

// sayText words a text field's outcome from the values as written.
func sayText(label, plural string, raw int) func(*field, *Entity, *Entity, outcome) string {
	return func(f *field, a, b *Entity, o outcome) string {
		x, y := a.raw.get(raw), b.raw.get(raw)
		last := int(o.level) == len(f.levels)-1
		switch {
		case o.level == 0 && x == y:
			return fmt.Sprintf("same %s %s", label, quoted(x))
		case o.level == 0:
			return fmt.Sprintf("same %s once normalised: %s and %s", label, quoted(x), quoted(y))
		case o.how == bySortedWords:
			return fmt.Sprintf("%s with the same words in another order: %s vs %s", plural, quoted(x), quoted(y))
		}
		what := plural + " " + f.levels[o.level]
		switch {
		case last:
			what = plural + " differ"
		case f.levels[o.level] == "extra words":
			what = plural + " alike, one with extra words"
		case f.levels[o.level] == "some words differ":
			what = plural + " share some words, differ in others"
		case f.levels[o.level] == "spelt alike":
			what = plural + " spelt alike, words differ"
		case f.levels[o.level] == "close but for a short word":
			what = plural + " close, a short word differs"
		}
		if o.how.String() == "" {
			return fmt.Sprintf("%s: %s vs %s", what, quoted(x), quoted(y))
		}
		return fmt.Sprintf("%s: %s vs %s (%s %.2f)", what, quoted(x), quoted(y), o.how, o.sim)
	}
}

// sayID words an identifier's outcome from the normalised values, which are what agreed.
func sayID(label, plural string, slot int) func(*field, *Entity, *Entity, outcome) string {
	return func(f *field, a, b *Entity, o outcome) string {
		x, y := a.norm.get(slot), b.norm.get(slot)
		switch {
		case o.level == 0:
			return fmt.Sprintf("same %s %s", label, x)
		case o.how == byOneEdit:
			return fmt.Sprintf("%s one character apart: %s vs %s", plural, x, y)
		case o.how == bySuffix:
			return fmt.Sprintf("%s ending in the same digits: %s vs %s", plural, x, y)
		}
		return fmt.Sprintf("different %s: %s vs %s", label, x, y)
	}
}

func sayEmail(f *field, a, b *Entity, o outcome) string {
	x, y := a.norm.get(cEmail), b.norm.get(cEmail)
	switch o.level {
	case 0:
		return "same email " + x
	case 1:
		return "same shared mailbox " + x
	case 2:
		return fmt.Sprintf("emails one character apart: %s vs %s", x, y)
	case 3:
		return fmt.Sprintf("same company email domain %s, other mailbox: %s vs %s", emailDomain(x), x, y)
	}
	return fmt.Sprintf("different email: %s vs %s", x, y)
}

// saySite words phone and address together, each as it agreed.
func saySite(f *field, a, b *Entity, o outcome) string {
	ph := phoneOutcome(a.norm.get(cPhone), b.norm.get(cPhone))
	var phone string
	switch {
	case ph.level == missingLevel:
		phone = "no phone on one side"
	case ph.level == 0:
		phone = "same phone " + a.norm.get(cPhone)
	case ph.how == byOneEdit:
		phone = fmt.Sprintf("phones one digit apart: %s vs %s", a.norm.get(cPhone), b.norm.get(cPhone))
	case ph.how == bySuffix:
		phone = fmt.Sprintf("phones ending in the same digits: %s vs %s", a.norm.get(cPhone), b.norm.get(cPhone))
	default:
		phone = fmt.Sprintf("different phone: %s vs %s", a.norm.get(cPhone), b.norm.get(cPhone))
	}
	return phone + ", " + sayAddress(addressOutcome(a, b), a, b)
}

func sayAddress(o outcome, a, b *Entity) string {
	street := func(e *Entity) string { return e.raw.get(cRawStreet) }
	place := func(e *Entity) string {
		return strings.TrimSpace(e.raw.get(cRawPostcode) + " " + e.raw.get(cRawCity))
	}
	full := func(e *Entity) string {
		s, p := street(e), place(e)
		if s == "" || p == "" {
			return s + p
		}
		return s + ", " + p
	}
	switch o.level {
	case missingLevel:
		return "no address on one side"
	case 0:
		if full(a) == full(b) {
			return "same address " + quoted(full(a))
		}
		return fmt.Sprintf("same address: %s vs %s", quoted(full(a)), quoted(full(b)))
	case 1:
		return fmt.Sprintf("same place %s, street on one side only", quoted(place(a)))
	case 2:
		return fmt.Sprintf("same place %s, other street: %s vs %s", quoted(place(a)), quoted(street(a)), quoted(street(b)))
	}
	return fmt.Sprintf("different place: %s vs %s", quoted(full(a)), quoted(full(b)))
}

func sayNumbers(f *field, a, b *Entity, o outcome) string {
	x, y := a.norm.get(pNumbers), b.norm.get(pNumbers)
	switch o.level {
	case 0:
		return "same numbers in the names: " + x
	case 1:
		return fmt.Sprintf("one name has more numbers, the others agree: %s vs %s", x, y)
	}
	return fmt.Sprintf("different numbers in the names: %s vs %s", x, y)
}

func sayPrice(f *field, a, b *Entity, o outcome) string {
	x, y := a.raw.get(pRawPrice), b.raw.get(pRawPrice)
	if int(o.level) == len(f.levels)-1 {
		return fmt.Sprintf("prices differ by %.0f%%: %s vs %s", 100*(1-float64(o.sim)), x, y)
	}
	return fmt.Sprintf("prices %s: %s vs %s", f.levels[o.level], x, y)
}
