package match

import (
	"strings"
)

// NormalizeStreet prepares a street line for comparison: folded, the street type written
// one way in every language ("Hauptstraße", "Hauptstr." and "Haupt-Strasse" → "haupt str";
// "Avenue"/"Ave."/"av" → "ave"), number markers ("Nr.", "No.") dropped and a house-number
// letter kept with its number ("5 a" → "5a").
func NormalizeStreet(s string) string {
	var words []string
	for _, chunk := range strings.FieldsFunc(foldRunes(s), func(r rune) bool { return r == ' ' || r == ',' || r == '-' || r == '\t' }) {
		base, suffix := splitStreetSuffix(chunk)
		abbreviated := strings.HasSuffix(chunk, ".")
		for _, w := range splitWords(joinDotted(base)) {
			words = appendStreetWord(words, w, abbreviated)
		}
		if suffix != "" {
			words = append(words, suffix)
		}
	}
	return strings.Join(words, " ")
}

// appendStreetWord adds a word of a street line; abbreviated says it was written with a
// dot, which makes "8 r. de la Paix" a rue and not house 8r.
func appendStreetWord(words []string, w string, abbreviated bool) []string {
	// A lone letter after a number belongs to it: "5 a" is "5a".
	if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' && !abbreviated && len(words) > 0 && isDigit(words[len(words)-1][len(words[len(words)-1])-1]) {
		words[len(words)-1] += w
		return words
	}
	if t, ok := streetTypes[w]; ok {
		if t == "" {
			return words // "Nr.", "No."
		}
		return append(words, t)
	}
	return append(words, w)
}

// splitStreetSuffix takes a street type that German and Dutch write into the street's name
// off it: "hauptstr." → "haupt", "str".
func splitStreetSuffix(chunk string) (string, string) {
	for _, s := range streetSuffixes {
		if len(chunk) > len(s.end)+1 && strings.HasSuffix(chunk, s.end) {
			return chunk[:len(chunk)-len(s.end)], s.typ
		}
	}
	return chunk, ""
}

var streetSuffixes = []struct{ end, typ string }{
	{"strasse", "str"}, {"str.", "str"}, {"str", "str"}, {"straat", "str"},
	{"platz", "pl"}, {"pl.", "pl"},
}

// streetTypes maps the ways of writing a street type to one; "" drops the word.
var streetTypes = map[string]string{
	"strasse": "str", "str": "str", "straat": "str", "street": "st", "st": "st",
	"avenue": "ave", "ave": "ave", "av": "ave", "avenida": "ave", "avda": "ave",
	"road": "rd", "rd": "rd", "boulevard": "blvd", "blvd": "blvd", "bd": "blvd", "bld": "blvd", "bvd": "blvd", "boul": "blvd",
	"drive": "dr", "dr": "dr", "lane": "ln", "ln": "ln", "court": "ct", "ct": "ct",
	"place": "pl", "pl": "pl", "platz": "pl", "plaza": "pl", "square": "sq", "sq": "sq",
	"highway": "hwy", "hwy": "hwy", "parkway": "pkwy", "pkwy": "pkwy", "terrace": "ter", "ter": "ter", "terr": "ter",
	"crescent": "cres", "cres": "cres", "gardens": "gdns", "gdns": "gdns",
	"chemin": "ch", "ch": "ch", "route": "rte", "rte": "rte", "impasse": "imp", "imp": "imp",
	"allee": "allee", "al": "allee", "viale": "viale", "vle": "viale",
	"piazza": "piazza", "pza": "piazza", "pzza": "piazza", "corso": "corso", "cso": "corso",
	"calle": "calle", "c": "calle", "carrer": "calle", "rue": "rue", "r": "rue",
	"nr": "", "no": "", "numero": "", "n": "", "hausnummer": "", "ul": "", "ulica": "",
}

// houseNumber is the part of a normalised street with digits: moving from number 5 to
// number 7 of the same street is another address.
func houseNumber(street string) string {
	var nums []string
	for _, w := range strings.Fields(street) {
		if hasDigit(w) {
			nums = append(nums, w)
		}
	}
	return strings.Join(nums, " ")
}

// streetName is a normalised street without its house number.
func streetName(street string) string {
	if !hasDigit(street) {
		return street
	}
	var ws []string
	for _, w := range strings.Fields(street) {
		if !hasDigit(w) {
			ws = append(ws, w)
		}
	}
	return strings.Join(ws, " ")
}

// NormalizeCity folds a city name and writes Saint, Sankt and St. one way. "Muenchen"
// stays apart from "Munchen": the city comparison forgives the one letter.
func NormalizeCity(s string) string {
	words := splitWords(foldRunes(s))
	out := words[:0]
	for _, w := range words {
		switch w {
		case "saint", "sankt", "st":
			w = "st"
		case "cedex":
			continue // a French postal routing word, not part of the town
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// NormalizePostcode writes a postcode the way its country does, so that "sw1a1aa" and
// "SW1A 1AA", "1234ab" and "1234 AB", "12345-6789" and "12345", "D-1067" and "01067" agree.
// country is an ISO 3166 alpha-2 code ("" when unknown).
func NormalizePostcode(s, country string) string {
	p := strings.ToUpper(strings.TrimSpace(s))
	// "D-80331", "F-75001", "CH-8001": the old European country prefix.
	if i := strings.IndexByte(p, '-'); i > 0 && i <= 2 && isLetters(p[:i]) {
		p = p[i+1:]
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if c := p[i]; isDigit(c) || c >= 'A' && c <= 'Z' {
			b.WriteByte(c)
		}
	}
	p = b.String()
	if p == "" {
		return ""
	}
	switch country {
	case "GB", "UK", "IM", "JE", "GG", "CA":
		if len(p) >= 5 && len(p) <= 7 {
			return p[:len(p)-3] + " " + p[len(p)-3:]
		}
	case "NL":
		if len(p) == 6 && allDigits(p[:4]) && isLetters(p[4:]) {
			return p[:4] + " " + p[4:]
		}
	case "US":
		if allDigits(p) && len(p) == 9 {
			// ZIP+4 names a delivery segment; most sources keep only the ZIP.
			return p[:5]
		}
		return padDigits(p, 5)
	case "DE", "FR", "IT", "ES", "FI":
		// Spreadsheets drop the leading zero of "01067 Dresden".
		return padDigits(p, 5)
	case "SE":
		if len(p) == 5 && allDigits(p) {
			return p[:3] + " " + p[3:]
		}
	case "PL":
		if len(p) == 5 && allDigits(p) {
			return p[:2] + "-" + p[2:]
		}
	case "PT":
		if len(p) == 7 && allDigits(p) {
			return p[:4] + "-" + p[4:]
		}
	}
	return p
}

func padDigits(p string, n int) string {
	if len(p) < n && len(p) >= n-1 && allDigits(p) {
		return strings.Repeat("0", n-len(p)) + p
	}
	return p
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return s != ""
}
