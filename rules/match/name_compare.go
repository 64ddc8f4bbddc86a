package match

import "strings"

// nameOutcome grades two normalised names by how their words pair up, which separates
// the mistakes of one name from two names:
//
//   - close: every word has a partner, equal or one typo away ("Baumarkt Keler");
//   - close but for a short word: the same, counting a typo in a short word ("Jan" and
//     "Jna", but also "Anna" and "Anne", so less sure);
//   - extra words: one name's words all recur in the other, which has more
//     ("Keller Baumarkt" and "Keller Baumarkt Filiale Ulm");
//   - close but for two typos: every word has a partner at most two typos away, in words
//     of six letters or more ("Lindorf" and "Lindrof", "Mateiralse"), or, where a space was
//     lost, the names without spaces are ("KarenBrawel" and "Karen Barwell"):
//     the heavier noise of one name. Short words stay out: "Peter" and "Petra" are two
//     people, two typos apart;
//   - spelt alike: words differ, but the whole names are close (Jaro–Winkler ≥ 0.93):
//     two typos in one word, or a lost space ("Roselbriou Durckerei");
//   - some words differ: both have a word the other lacks ("Anna Schmidt" and
//     "Peter Schmidt", family at one address; "Keller Baumarkt" and "Keller Elektro");
//   - different: no word in common.
//
// keyA and keyB are the names' sorted, distinct words.
func nameOutcome(a, b, keyA, keyB string) outcome {
	switch {
	case a == "" || b == "":
		return missing
	case a == b:
		return outcome{level: 0, sim: 1, how: byEqual}
	case keyA == keyB:
		return outcome{level: 1, sim: 1, how: bySortedWords}
	}
	// sim is left unset (-1) where the level did not need it; Explain measures it then.
	o := func(level int8, sim Sim) outcome { return outcome{level: level, sim: float32(sim), how: byJaroWinkler} }
	paired, onlyA, onlyB, loose := pairWords(keyA, keyB)
	switch {
	case onlyA == 0 && onlyB == 0 && !loose, onlyA+onlyB <= 3 && sameWithoutSpaces(a, b, keyA, keyB):
		return o(2, -1)
	case onlyA == 0 && onlyB == 0:
		return o(3, -1)
	case paired > 0 && (onlyA == 0 || onlyB == 0):
		return o(4, -1)
	}
	if closeButForTwoTypos(a, b, keyA, keyB) {
		return o(5, -1)
	}
	if sim := max(jaroWinklerReaching(a, b, 0.93), jaroWinklerReaching(keyA, keyB, 0.93)); sim >= 0.93 {
		return o(6, sim)
	}
	if paired > 0 {
		return o(7, -1)
	}
	return o(8, -1)
}

// closeButForTwoTypos says whether every word of keyA pairs with one of keyB (and none of
// keyB is left) allowing two typos in words of six letters or more, or, when a space was
// lost or added, whether the names without spaces are two typos apart. Names that share
// few letters are ruled out first by counting, as most pairs a scan compares are.
func closeButForTwoTypos(a, b, keyA, keyB string) bool {
	if !mayBeWithin(keyA, keyB, 2) {
		return false
	}
	if strings.Count(a, " ") != strings.Count(b, " ") {
		var bufs [2][64]byte
		for _, p := range [2][2]string{{a, b}, {keyA, keyB}} {
			x, y := squeeze(p[0], bufs[0][:0]), squeeze(p[1], bufs[1][:0])
			if min(len(x), len(y)) >= 8 && editDistance(string(x), string(y), 2) <= 2 {
				return true
			}
		}
	}
	var used [32]bool
	nb := 0
	for j := 0; j < len(keyB); {
		var wb string
		if wb, j = nextWord(keyB, j); wb != "" {
			nb++
		}
	}
	paired := 0
	for i := 0; i < len(keyA); {
		var wa string
		if wa, i = nextWord(keyA, i); wa == "" {
			continue
		}
		found, k := false, 0
		for j := 0; j < len(keyB) && !found; {
			var wb string
			if wb, j = nextWord(keyB, j); wb == "" {
				continue
			}
			if k < len(used) && !used[k] && (wa == wb || min(len(wa), len(wb)) >= 6 && editDistance(wa, wb, 2) <= 2) {
				used[k], found = true, true
			}
			k++
		}
		if !found {
			return false
		}
		paired++
	}
	return paired == nb
}

// mayBeWithin says whether a and b may be within d edits, by the letters they share: each
// edit loses at most one shared letter on either side.
func mayBeWithin(a, b string, d int) bool {
	var count [64]int16
	na, nb := 0, 0
	for i := 0; i < len(a); i++ {
		if a[i] != ' ' {
			count[a[i]&63]++
			na++
		}
	}
	common := 0
	for i := 0; i < len(b); i++ {
		if b[i] != ' ' {
			nb++
			if count[b[i]&63] > 0 {
				count[b[i]&63]--
				common++
			}
		}
	}
	return na-common <= d && nb-common <= d
}

// jaroWinklerReaching is JaroWinkler(a, b) when it may reach t, and 0 when the characters
// the two share rule that out: most names a scan compares have little in common, and
// counting letters is cheaper than aligning them.
func jaroWinklerReaching(a, b string, t float64) Sim {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	// Buckets of 64: letters and digits apart, anything else sharing; the bound stays a bound.
	var count [64]int16
	for i := 0; i < len(a); i++ {
		count[a[i]&63]++
	}
	common := 0
	for i := 0; i < len(b); i++ {
		if count[b[i]&63] > 0 {
			count[b[i]&63]--
			common++
		}
	}
	// Jaro ≤ (c/|a| + c/|b| + 1)/3 with c shared characters; the prefix bonus adds at
	// most 0.4 of what is left to 1.
	c := float64(common)
	j := (c/float64(len(a)) + c/float64(len(b)) + 1) / 3
	if j+0.4*(1-j) < t {
		return 0
	}
	return JaroWinkler(a, b)
}

// pairWords counts the words of a that have a partner in b (equal or one typo away), and
// the words of a and of b left without one. loose says whether a pairing needed a typo in
// a short word, which sameWord alone does not allow.
func pairWords(a, b string) (paired, onlyA, onlyB int, loose bool) {
	var used [32]bool
	nb := 0
	for i := 0; i < len(b); {
		_, i = nextWord(b, i)
		nb++
	}
	for i := 0; i < len(a); {
		var wa string
		wa, i = nextWord(a, i)
		if wa == "" {
			continue
		}
		found, k := false, 0
		for j := 0; j < len(b) && !found; k++ {
			var wb string
			wb, j = nextWord(b, j)
			if k < len(used) && !used[k] && sameWord(wa, wb) {
				used[k], found = true, true
			}
		}
		if !found {
			k = 0
			for j := 0; j < len(b) && !found; k++ {
				var wb string
				wb, j = nextWord(b, j)
				if k < len(used) && !used[k] && len(wa) >= 3 && len(wb) >= 3 && oneEditApart(wa, wb) {
					used[k], found, loose = true, true, true
				}
			}
		}
		if found {
			paired++
		} else {
			onlyA++
		}
	}
	return paired, onlyA, nb - paired, loose
}

// nextWord returns the word of s starting at or after i and the position after it.
func nextWord(s string, i int) (string, int) {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	j := i
	for j < len(s) && s[j] != ' ' {
		j++
	}
	return s[i:j], j
}

// sameWord says whether two words are one word, allowing one typo in words long enough
// to carry one ("Keler" for "Keller", but "Anna" is not "Anne" and "Peter" is not "Petra")
// and two in words of seven letters or more that start alike ("Slpillo" for "Salillo").
func sameWord(a, b string) bool {
	if a == b {
		return true
	}
	if d := len(a) - len(b); d > 2 || d < -2 {
		return false
	} else if d != 0 && collapseDigraphs(a) == collapseDigraphs(b) {
		return true // "mueller" is "müller" written without the umlaut
	}
	switch n := min(len(a), len(b)); {
	case n < 5:
		return false
	case oneEditApart(a, b):
		return true
	case n < 7 || a[0] != b[0]:
		return false
	}
	return editDistance(a, b, 2) <= 2
}

// sameWithoutSpaces catches a lost or added space: "schmidt sandberger" and
// "schmidtsandberger", also with the words in another order.
func sameWithoutSpaces(a, b, keyA, keyB string) bool {
	if strings.Count(a, " ") == strings.Count(b, " ") {
		return false // no space was lost or added
	}
	var bufs [4][64]byte
	x, y := squeeze(a, bufs[0][:0]), squeeze(b, bufs[1][:0])
	if d := len(x) - len(y); d > 1 || d < -1 {
		return false
	}
	kx, ky := squeeze(keyA, bufs[2][:0]), squeeze(keyB, bufs[3][:0])
	for _, p := range [4][2][]byte{{x, y}, {kx, ky}, {x, ky}, {kx, y}} {
		u, v := string(p[0]), string(p[1])
		if u == v || len(u) >= 8 && oneEditApart(u, v) {
			return true
		}
	}
	return false
}

// squeeze appends s without its spaces to buf.
func squeeze(s string, buf []byte) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' {
			buf = append(buf, s[i])
		}
	}
	return buf
}

// editDistance is the optimal-string-alignment distance of a and b (insertions,
// deletions, replacements and swaps of neighbours), or limit+1 once it exceeds limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if len(b) > 31 {
		return limit + 1 // names have short words; a long one is no typo of another
	}
	var rows [3][33]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit+1)
}
