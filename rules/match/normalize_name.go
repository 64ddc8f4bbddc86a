package match

import "strings"

// NormalizeName prepares a company or person name for comparison: folded, abbreviations
// joined ("G.m.b.H." → "gmbh") and expanded ("Intl" → "international"), legal forms and
// filler words dropped. "Baumarkt Keller G.m.b.H. & Co. KG" → "baumarkt keller".
// Umlauts lose their dots ("Müller" → "muller"); "Mueller" keeps its e, and the name
// comparison treats the two as one word (sameWord), as it must not garble "Jones" typed
// "Jnoes" into "Jnos".
func NormalizeName(s string) string {
	return strings.Join(nameWords(s), " ")
}

func nameWords(s string) []string {
	var words []string
	for _, chunk := range strings.Fields(foldRunes(s)) {
		for _, w := range splitWords(joinDotted(chunk)) {
			c := collapseDigraphs(w)
			if long, ok := nameAbbreviations[c]; ok {
				w = long
			}
			if nameFillers[c] {
				continue
			}
			words = append(words, w)
		}
	}
	return dropLegalForms(words)
}

// dropLegalForms removes legal-form words after the first word, and keeps them all if
// nothing else is left: "AG Müller" and "Ltd" are names too.
func dropLegalForms(words []string) []string {
	if len(words) < 2 {
		return words
	}
	out := words[:1:1]
	for i := 1; i < len(words); i++ {
		if n := legalPhraseAt(words, i); n > 0 {
			i += n - 1
			continue
		}
		if legalWords[collapseDigraphs(words[i])] {
			continue
		}
		out = append(out, words[i])
	}
	return out
}

// legalPhraseAt returns the length of the spelled-out legal form starting at words[i].
func legalPhraseAt(words []string, i int) int {
	for _, p := range legalPhrases {
		if i+len(p) <= len(words) && equalCollapsed(words[i:i+len(p)], p) {
			return len(p)
		}
	}
	return 0
}

func equalCollapsed(a, b []string) bool {
	for i := range b {
		if collapseDigraphs(a[i]) != b[i] {
			return false
		}
	}
	return true
}

// legalWords are legal forms and their pieces across the EU, the UK, the US and a few
// trading partners, folded, dots joined, digraphs collapsed.
var legalWords = setOf(
	// Germany, Austria, Switzerland
	"gmbh", "mbh", "ag", "kg", "kgaa", "ohg", "gbr", "ug", "ev", "ek", "eg", "se", "og", "keg", "eu",
	"haftungsbeschrankt", "aktiengesellschaft", "kommanditgesellschaft", "gesmbh", "genossenschaft",
	// UK, Ireland, US, Australia
	"ltd", "limited", "plc", "llp", "lp", "llc", "pllc", "inc", "incorporated", "corp",
	"corporation", "co", "company", "pty", "cie", "dac", "uc",
	// France, Belgium, Luxembourg
	"sarl", "sa", "sas", "sasu", "eurl", "snc", "sca", "scs", "sprl", "srl", "bvba", "asbl", "scrl",
	// Netherlands
	"bv", "nv", "vof", "cv",
	// Italy, Spain, Portugal
	"spa", "srls", "sapa", "sl", "slu", "sau", "lda",
	// Nordics
	"oy", "oyj", "ab", "publ", "hb", "kb", "as", "asa", "aps", "ans", "ehf", "hf",
	"aktiebolag", "handelsbolag", "kommanditbolag", "osakeyhtio", "aksjeselskap", "anpartsselskab", "aktieselskab",
	// Central and Eastern Europe
	"kft", "zrt", "nyrt", "bt", "sro", "spol", "doo", "dd", "ooo", "zao", "oao", "pao", "spzoo",
)

// legalPhrases are legal forms written out, or abbreviated in several words.
var legalPhrases = [][]string{
	{"gesellschaft", "mit", "beschrankter", "haftung"},
	{"mit", "beschrankter", "haftung"},
	{"gesellschaft", "m", "b", "h"},
	{"g", "m", "b", "h"},
	{"m", "b", "h"},
	{"public", "limited", "company"},
	{"limited", "liability", "company"},
	{"limited", "liability", "partnership"},
	{"proprietary", "limited"},
	{"societe", "anonyme"},
	{"societe", "a", "responsabilite", "limitee"},
	{"societe", "par", "actions", "simplifiee"},
	{"societa", "per", "azioni"},
	{"societa", "a", "responsabilita", "limitata"},
	{"sociedad", "anonima"},
	{"sociedad", "limitada"},
	{"sociedad", "de", "responsabilidad", "limitada"},
	{"besloten", "vennootschap"},
	{"naamloze", "vennootschap"},
	{"offene", "handelsgesellschaft"},
	{"eingetragener", "verein"},
	{"eingetragenes", "unternehmen"},
	{"eingetragener", "kaufmann"},
	{"eingetragene", "kauffrau"},
	{"sa", "de", "cv"},
	{"sa", "rl"},
	{"sp", "z", "oo"},
	{"spolka", "z", "oo"},
	{"spolka", "akcyjna"},
	{"spolka", "z", "ograniczona", "odpowiedzialnoscia"},
	{"s", "r", "o"},
	{"s", "a"},
	{"e", "k"},
	{"e", "v"},
}

// nameAbbreviations are the short forms of words in business names.
var nameAbbreviations = map[string]string{
	"intl": "international", "int": "international", "bros": "brothers", "mfg": "manufacturing",
	"svc": "services", "svcs": "services", "mgmt": "management", "grp": "group",
	"hldg": "holdings", "hldgs": "holdings", "natl": "national", "assoc": "associates",
	"ctr": "center", "centre": "center", "dept": "department", "gebr": "gebruder",
	"sys": "systems", "eng": "engineering", "engg": "engineering", "dt": "deutsche",
	"dtsch": "deutsche", "univ": "university", "inst": "institute", "ges": "gesellschaft",
	"handelsges": "handelsgesellschaft", "hdl": "handel", "vertr": "vertrieb",
	"tech": "technology", "technologies": "technology", "techn": "technology", "ndl": "niederlassung", "nl": "niederlassung",
	"elec": "electric", "elektr": "elektro", "distr": "distribution", "dist": "distribution",
}

// nameFillers carry no identity: "Müller & Söhne" and "Müller und Söhne" are one name,
// and so are "GmbH u. Co. KG" and "GmbH & Co. KG".
var nameFillers = setOf("the", "and", "und", "u", "et", "y")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
