package match

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Sim is a similarity in [0, 1], or Missing when one side has no value: a missing value
// is no evidence either way, which is not the same as a disagreement.
type Sim float64

// Missing is the similarity of a pair where one side has no value.
const Missing Sim = -1

// IsMissing says whether one side had no value.
func (s Sim) IsMissing() bool { return s < 0 }

// JaroWinkler is the Jaro similarity of a and b raised for a common prefix of up to four
// characters, which suits names: typos sit at the end more often than at the start.
func JaroWinkler(a, b string) Sim {
	if a == "" || b == "" {
		return Missing
	}
	if a == b {
		return 1
	}
	if isASCII(a) && isASCII(b) {
		return Sim(jaroWinkler([]byte(a), []byte(b)))
	}
	return Sim(jaroWinkler([]rune(a), []rune(b)))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func jaroWinkler[T byte | rune](a, b []T) float64 {
	j := jaro(a, b)
	if j <= 0.7 {
		return j
	}
	prefix := 0
	for prefix < 4 && prefix < len(a) && prefix < len(b) && a[prefix] == b[prefix] {
		prefix++
	}
	return j + float64(prefix)*0.1*(1-j)
}

func jaro[T byte | rune](a, b []T) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	window := max(len(b)/2-1, 0)
	// Names are short: flags on the stack avoid an allocation per comparison.
	var fa, fb [64]bool
	var ma, mb []bool
	if len(b) <= len(fb) {
		ma, mb = fa[:len(a)], fb[:len(b)]
	} else {
		ma, mb = make([]bool, len(a)), make([]bool, len(b))
	}
	matches := 0
	for i := range a {
		lo, hi := max(0, i-window), min(len(b), i+window+1)
		for k := lo; k < hi; k++ {
			if !mb[k] && a[i] == b[k] {
				ma[i], mb[k] = true, true
				matches++
				break
			}
		}
	}
	if matches == 0 {
		return 0
	}
	half, k := 0, 0
	for i := range a {
		if !ma[i] {
			continue
		}
		for !mb[k] {
			k++
		}
		if a[i] != b[k] {
			half++
		}
		k++
	}
	m := float64(matches)
	return (m/float64(len(a)) + m/float64(len(b)) + (m-float64(half/2))/m) / 3
}

// TokenSet is the share of words two texts have in common (Sørensen–Dice over the sets of
// words), blind to word order: "keller baumarkt" and "baumarkt keller" score 1.
func TokenSet(a, b string) Sim {
	if a == "" || b == "" {
		return Missing
	}
	na, nb, common := 0, 0, 0
	for i, w := range words(a) {
		if seenBefore(a, w, i) {
			continue
		}
		na++
		if containsWord(b, w) {
			common++
		}
	}
	for i, w := range words(b) {
		if !seenBefore(b, w, i) {
			nb++
		}
	}
	return Sim(2 * float64(common) / float64(na+nb))
}

// words iterates the space-separated words of normalised text without allocating.
func words(s string) func(func(int, string) bool) {
	return func(yield func(int, string) bool) {
		for i := 0; i < len(s); {
			for i < len(s) && s[i] == ' ' {
				i++
			}
			j := i
			for j < len(s) && s[j] != ' ' {
				j++
			}
			if j > i && !yield(i, s[i:j]) {
				return
			}
			i = j
		}
	}
}

func seenBefore(s, w string, at int) bool { return containsWord(s[:at], w) }

func containsWord(s, w string) bool {
	for i := 0; ; {
		k := strings.Index(s[i:], w)
		if k < 0 {
			return false
		}
		k += i
		end := k + len(w)
		if (k == 0 || s[k-1] == ' ') && (end == len(s) || s[end] == ' ') {
			return true
		}
		i = k + 1
	}
}

// Trigram is the Sørensen–Dice similarity of the three-letter pieces of a and b (padded at
// both ends), which forgives typos and moved words alike.
func Trigram(a, b string) Sim {
	if a == "" || b == "" {
		return Missing
	}
	if a == b {
		return 1
	}
	var bufA, bufB [96]uint32
	ga, gb := trigrams(a, bufA[:0]), trigrams(b, bufB[:0])
	common := 0
	for i, k := 0, 0; i < len(ga) && k < len(gb); {
		switch {
		case ga[i] == gb[k]:
			common++
			i++
			k++
		case ga[i] < gb[k]:
			i++
		default:
			k++
		}
	}
	return Sim(2 * float64(common) / float64(len(ga)+len(gb)))
}

// trigrams lists the sorted trigrams of " "+s+" ", each packed into a uint32.
func trigrams(s string, buf []uint32) []uint32 {
	padded := len(s) + 2
	at := func(i int) uint32 {
		if i == 0 || i == padded-1 {
			return ' '
		}
		return uint32(s[i-1])
	}
	for i := 0; i+2 < padded; i++ {
		buf = append(buf, at(i)<<16|at(i+1)<<8|at(i+2))
	}
	slices.Sort(buf)
	return buf
}

// ExactID compares identifiers: 1 when equal, 0 when not.
func ExactID(a, b string) Sim {
	switch {
	case a == "" || b == "":
		return Missing
	case a == b:
		return 1
	}
	return 0
}

// NumericCloseness is 1 minus the difference relative to the larger value: 10.00 and 10.50
// are 0.95 close. NaN on either side is Missing.
func NumericCloseness(a, b float64) Sim {
	if math.IsNaN(a) || math.IsNaN(b) {
		return Missing
	}
	hi := math.Max(math.Abs(a), math.Abs(b))
	if hi == 0 {
		return 1
	}
	return Sim(math.Max(0, 1-math.Abs(a-b)/hi))
}

// oneEditApart says whether b is a with one character inserted, deleted, replaced, or two
// neighbours swapped: the typos people make in ids.
func oneEditApart(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if a[i+1:] == b[i+1:] {
			return true // replaced
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	}
	return false
}
