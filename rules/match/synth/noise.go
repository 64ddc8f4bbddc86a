package synth

import (
	"strings"
	"unicode"
)

// typo makes one keyboard mistake: a letter inserted, dropped, replaced, or two swapped.
// The first letter is kept most of the time, as people notice a wrong first letter.
func typo(r rng, s string) string {
	rs := []rune(s)
	if len(rs) < 3 {
		return s
	}
	i := 1 + r.IntN(len(rs)-1)
	if r.p(0.1) {
		i = 0
	}
	letter := rune('a' + r.IntN(26))
	if unicode.IsUpper(rs[i]) {
		letter = unicode.ToUpper(letter)
	}
	switch r.IntN(4) {
	case 0:
		rs = append(rs[:i], append([]rune{letter}, rs[i:]...)...)
	case 1:
		rs = append(rs[:i], rs[i+1:]...)
	case 2:
		if unicode.ToLower(rs[i]) == unicode.ToLower(letter) {
			letter = 'x'
			if unicode.ToLower(rs[i]) == 'x' {
				letter = 'q'
			}
		}
		rs[i] = letter
	default:
		j := i + 1
		if j == len(rs) {
			j = i - 1
		}
		if rs[i] == rs[j] {
			rs = append(rs[:i], rs[i+1:]...) // swapping twins changes nothing: drop one
			break
		}
		rs[i], rs[j] = rs[j], rs[i]
	}
	return string(rs)
}

// typoDigit changes one digit of an id or number.
func typoDigit(r rng, s string) string {
	b := []byte(s)
	var at []int
	for i, c := range b {
		if c >= '0' && c <= '9' {
			at = append(at, i)
		}
	}
	if len(at) < 2 {
		return s
	}
	i := at[r.IntN(len(at))]
	if r.p(0.5) {
		b[i] = byte('0' + (int(b[i]-'0')+1+r.IntN(9))%10)
	} else {
		k := at[(r.IntN(len(at)-1) + 1)]
		b[i], b[k] = b[k], b[i]
	}
	return string(b)
}

var germanASCII = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ß", "ss")

var plainASCII = strings.NewReplacer(
	"ä", "a", "ö", "o", "ü", "u", "Ä", "A", "Ö", "O", "Ü", "U", "ß", "ss", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"É", "E", "à", "a", "â", "a", "á", "a", "í", "i", "î", "i", "ï", "i", "ó", "o", "ô", "o", "ú", "u", "ù", "u",
	"û", "u", "ç", "c", "ñ", "n", "Ñ", "N", "å", "a", "Å", "A", "ø", "o", "æ", "ae", "ł", "l", "Ł", "L", "ś", "s",
	"ń", "n", "ó", "o", "ą", "a", "ę", "e", "ź", "z", "ż", "z", "ć", "c", "Á", "A", "Í", "I", "Ó", "O", "Ú", "U",
	"ò", "o", "ì", "i",
)

// foldASCII writes s the way a system without accented letters would.
func foldASCII(s string) string { return plainASCII.Replace(s) }

// transliterate writes s as a source without umlauts or accents does: German sources
// spell ü as ue, others drop the accent.
func transliterate(r rng, s string) string {
	if r.p(0.6) {
		s = germanASCII.Replace(s)
	}
	return plainASCII.Replace(s)
}

// abbreviations are the short forms sources use for words in names and streets; each
// long form has one or more short ones.
var abbreviations = []struct {
	long  string
	short []string
}{
	{"International", []string{"Intl.", "Intl", "Int'l"}},
	{"Brothers", []string{"Bros.", "Bros"}},
	{"Company", []string{"Co."}},
	{"straße", []string{"str.", "strasse", "str"}},
	{"Straße", []string{"Str.", "Strasse"}},
	{"platz", []string{"pl."}},
	{"Street", []string{"St", "St."}},
	{"Road", []string{"Rd", "Rd."}},
	{"Avenue", []string{"Ave", "Ave."}},
	{"Boulevard", []string{"Blvd", "Blvd."}},
	{"Drive", []string{"Dr", "Dr."}},
	{"Lane", []string{"Ln"}},
	{"avenue", []string{"av.", "ave"}},
	{"boulevard", []string{"bd", "bd."}},
	{"Viale", []string{"V.le"}},
	{"Piazza", []string{"P.za"}},
	{"Corso", []string{"C.so"}},
	{"Avenida", []string{"Avda.", "Av."}},
	{"Calle", []string{"C/"}},
	{"straat", []string{"str."}},
	{"Niederlassung", []string{"NL", "Ndl."}},
}

// abbreviate shortens the words of s that have a short form.
func abbreviate(r rng, s string) string {
	for _, a := range abbreviations {
		if strings.Contains(s, a.long) {
			s = strings.Replace(s, a.long, pick(r, a.short), 1)
		}
	}
	return s
}

// swapWords moves the first word behind the second: "Keller Baumarkt" → "Baumarkt Keller".
func swapWords(words []string) []string {
	if len(words) < 2 || words[1] == "&" {
		return words
	}
	out := append([]string{words[1], words[0]}, words[2:]...)
	return out
}

func changeCase(r rng, s string) string {
	if r.p(0.7) {
		return strings.ToUpper(s)
	}
	return strings.ToLower(s)
}
