package match

// maxFields bounds the fields one domain compares; maxLevels the agreement levels of one.
const (
	maxFields = 10
	maxLevels = 9
)

// field is one compared attribute of a domain: how two entities agree on it, in levels
// from best to worst, and how to say so.
type field struct {
	name    string   // column name: "tax_id"
	label   string   // what a person calls it: "VAT id"
	slot    int      // normalised slot Entity.Value reads
	levels  []string // agreement levels, best first
	strong  bool     // an id that names one entity on its own
	compare func(a, b *Entity) outcome
	say     func(f *field, a, b *Entity, o outcome) string // the reason in words, without the weight
}

// outcome is how two entities agree on one field.
type outcome struct {
	level int8    // index into field.levels; missingLevel when a side has no value
	sim   float32 // the similarity the level came from
	how   method  // which comparator decided, for the explanation
}

const missingLevel int8 = -1

var missing = outcome{level: missingLevel, sim: -1}

// method names the comparator behind an outcome.
type method uint8

const (
	byEqual method = iota
	bySortedWords
	byJaroWinkler
	byTokenSet
	byTrigram
	byOneEdit
	byDomain
	bySuffix
	byNumbers
)

// String names the comparator as an explanation shows it; "" for those it does not name.
func (m method) String() string {
	switch m {
	case byJaroWinkler:
		return "Jaro–Winkler"
	case byTokenSet:
		return "shared words"
	case byTrigram:
		return "trigrams"
	}
	return ""
}

// schema is the list of compared fields of one domain.
type schema struct {
	domain Domain
	fields []field
}

func schemaOf(d Domain) *schema {
	if d == Products {
		return &productSchema
	}
	return &customerSchema
}

// Fields lists the names of the fields a domain compares, in the order of Model.Fields.
func Fields(d Domain) []string {
	var out []string
	for _, f := range schemaOf(d).fields {
		out = append(out, f.name)
	}
	return out
}

// levelBy buckets a similarity by thresholds, best level first; exact equality is level 0
// and the thresholds start at level 1.
func levelBy(s Sim, cuts ...float64) int8 {
	for i, c := range cuts {
		if float64(s) >= c {
			return int8(i + 1)
		}
	}
	return int8(len(cuts) + 1)
}

// textOutcome compares product names and other free text: equal, the same words in another
// order, or graded by the best of Jaro–Winkler, trigrams and shared words. cuts are the
// similarities of the levels after exact.
func textOutcome(a, b, keyA, keyB string, cuts ...float64) outcome {
	if a == "" || b == "" {
		return missing
	}
	if a == b {
		return outcome{level: 0, sim: 1, how: byEqual}
	}
	if keyA == keyB {
		return outcome{level: 1, sim: 1, how: bySortedWords}
	}
	best, how := JaroWinkler(a, b), byJaroWinkler
	if best < Sim(cuts[0]) {
		// Jaro–Winkler on sorted words would reward a shared first word; word order is
		// judged by trigrams and shared words instead.
		if s := Trigram(keyA, keyB); s > best {
			best, how = s, byTrigram
		}
		if s := TokenSet(keyA, keyB); s > best {
			best, how = s, byTokenSet
		}
	}
	return outcome{level: levelBy(best, cuts...), sim: float32(best), how: how}
}

// idOutcome compares identifiers: equal, one typo apart, or different.
func idOutcome(a, b string) outcome {
	switch {
	case a == "" || b == "":
		return missing
	case a == b:
		return outcome{level: 0, sim: 1, how: byEqual}
	case oneEditApart(a, b):
		return outcome{level: 1, sim: float32(JaroWinkler(a, b)), how: byOneEdit}
	}
	return outcome{level: 2, sim: 0, how: byEqual}
}

// equalOutcome has two levels: the same value, or another.
func equalOutcome(a, b string) outcome {
	switch {
	case a == "" || b == "":
		return missing
	case a == b:
		return outcome{level: 0, sim: 1}
	}
	return outcome{level: 1, sim: 0}
}
