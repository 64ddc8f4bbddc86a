package rules

import (
	"fmt"
	"regexp"
	"strings"
)

// vatShape is what a country's VAT id looks like, and how to say so.
type vatShape struct {
	re        *regexp.Regexp
	adjective string
	shape     string
}

func shape(pattern, adjective, desc string) vatShape {
	return vatShape{re: regexp.MustCompile(`^(?:` + pattern + `)$`), adjective: adjective, shape: desc}
}

// vatShapes covers the 27 EU member states (by their VIES prefix: Greece is EL), Northern
// Ireland (XI), the United Kingdom (GB), Switzerland (CHE), Norway (NO) and the United States
// (the federal EIN, which stands in for a VAT id there). It checks the shape only: whether
// an id is issued is a question for VIES or the national registers, which a pure rule
// cannot ask. Ids are compared without spaces, dots and dashes, the way people write them.
var vatShapes = map[string]vatShape{
	"AT": shape(`ATU\d{8}`, "an Austrian", "ATU + 8 digits"),
	"BE": shape(`BE[01]\d{9}`, "a Belgian", "BE + 10 digits starting with 0 or 1"),
	"BG": shape(`BG\d{9,10}`, "a Bulgarian", "BG + 9 or 10 digits"),
	"CY": shape(`CY\d{8}[A-Z]`, "a Cypriot", "CY + 8 digits and a letter"),
	"CZ": shape(`CZ\d{8,10}`, "a Czech", "CZ + 8 to 10 digits"),
	"DE": shape(`DE\d{9}`, "a German", "DE + 9 digits"),
	"DK": shape(`DK\d{8}`, "a Danish", "DK + 8 digits"),
	"EE": shape(`EE\d{9}`, "an Estonian", "EE + 9 digits"),
	"EL": shape(`EL\d{9}`, "a Greek", "EL + 9 digits"),
	"ES": shape(`ES[A-Z0-9]\d{7}[A-Z0-9]`, "a Spanish", "ES + a letter or digit, 7 digits, a letter or digit"),
	"FI": shape(`FI\d{8}`, "a Finnish", "FI + 8 digits"),
	"FR": shape(`FR[A-HJ-NP-Z0-9]{2}\d{9}`, "a French", "FR + 2 letters or digits and 9 digits"),
	"HR": shape(`HR\d{11}`, "a Croatian", "HR + 11 digits"),
	"HU": shape(`HU\d{8}`, "a Hungarian", "HU + 8 digits"),
	"IE": shape(`IE(?:\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])`, "an Irish", "IE + 7 digits and 1 or 2 letters"),
	"IT": shape(`IT\d{11}`, "an Italian", "IT + 11 digits"),
	"LT": shape(`LT(?:\d{9}|\d{12})`, "a Lithuanian", "LT + 9 or 12 digits"),
	"LU": shape(`LU\d{8}`, "a Luxembourg", "LU + 8 digits"),
	"LV": shape(`LV\d{11}`, "a Latvian", "LV + 11 digits"),
	"MT": shape(`MT\d{8}`, "a Maltese", "MT + 8 digits"),
	"NL": shape(`NL\d{9}B\d{2}`, "a Dutch", "NL + 9 digits, B and 2 digits"),
	"PL": shape(`PL\d{10}`, "a Polish", "PL + 10 digits"),
	"PT": shape(`PT\d{9}`, "a Portuguese", "PT + 9 digits"),
	"RO": shape(`RO\d{2,10}`, "a Romanian", "RO + 2 to 10 digits"),
	"SE": shape(`SE\d{10}01`, "a Swedish", "SE + 10 digits and 01"),
	"SI": shape(`SI\d{8}`, "a Slovenian", "SI + 8 digits"),
	"SK": shape(`SK\d{10}`, "a Slovak", "SK + 10 digits"),
	"XI": shape(`XI(?:\d{9}|\d{12}|GD\d{3}|HA\d{3})`, "a Northern Irish", "XI + 9 or 12 digits"),
	"GB": shape(`GB(?:\d{9}|\d{12}|GD\d{3}|HA\d{3})`, "a British", "GB + 9 or 12 digits"),
	"CH": shape(`CHE\d{9}(?:MWST|TVA|IVA)?`, "a Swiss", "CHE-123.456.789, optionally followed by MWST, TVA or IVA"),
	"NO": shape(`NO\d{9}(?:MVA)?`, "a Norwegian", "NO + 9 digits, optionally followed by MVA"),
	"US": shape(`\d{9}`, "a US employer identification number (EIN)", "2 digits, a dash and 7 digits, such as 12-3456789"),
}

var vatSeparators = strings.NewReplacer(" ", "", ".", "", "-", "")

// checkVAT judges a VAT id by its own prefix, or by the account's country when it has
// none (a US EIN never has one).
func checkVAT(name, value, country string) string {
	id := strings.ToUpper(vatSeparators.Replace(value))
	key := ""
	if len(id) >= 2 {
		if _, ok := vatShapes[id[:2]]; ok && id[0] >= 'A' && id[0] <= 'Z' {
			key = id[:2]
		}
	}
	if key == "" {
		key = strings.ToUpper(strings.TrimSpace(country))
		if key == "GR" {
			key = "EL" // ISO says GR; VAT ids in VIES say EL
		}
	}
	if strings.HasPrefix(id, "GR") && key == "EL" {
		return fmt.Sprintf("%s %s does not look like a Greek VAT id: Greek VAT ids start with EL, not GR", name, value)
	}
	s, ok := vatShapes[key]
	if !ok {
		return fmt.Sprintf("%s %s does not start with a country code Steward knows, such as DE, FR or GB", name, value)
	}
	if s.re.MatchString(id) {
		return ""
	}
	what := s.adjective + " VAT id"
	if key == "US" {
		what = s.adjective
	}
	return fmt.Sprintf("%s %s does not look like %s (%s)", name, value, what, s.shape)
}
