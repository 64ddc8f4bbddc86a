package models

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// foldText lowercases, strips accents and collapses white space, so "Müller  GmbH" and
// "muller gmbh" search alike. Search columns and search terms both pass through it.
func foldText(parts ...string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		s, _, err := transform.String(t, p)
		if err != nil {
			s = p
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.Join(strings.Fields(strings.ToLower(s)), " "))
	}
	return b.String()
}

// searchTerms splits a query into folded words; every word must match.
func searchTerms(q string) []string {
	return strings.Fields(foldText(q))
}

// likePattern escapes LIKE wildcards in a term and wraps it for a substring match.
func likePattern(term string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(term) + "%"
}
